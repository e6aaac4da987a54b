package fitted

import (
	"math"
	"testing"

	"clvlab/internal/fit"
	"clvlab/internal/records"
)

// TestExistingScenarioCDNOW (issue 15, item 2): the scenarios of BG/NBD
// and Pareto/NBD fitted to the CDNOW summary, started with today's 2,357
// customers placed in the classes by their posterior class probabilities ×
// P(alive | class), value today's base (customer_equity_existing) at the
// sum of the customers' residual CLV as customers.csv has it (fit.ResidualCLV
// with each one's Gamma-Gamma expected spend, margin 0.3, 10% a year
// weekly, cash at each week's end) over the same three years, to 1e-3;
// and customer_equity is still the total of existing and new.
func TestExistingScenarioCDNOW(t *testing.T) {
	d := readCDNOW(t)
	terms := Terms{Horizon: 157, DiscountRate: 0.10, Margin: 0.3, NewCustomers: 50, Existing: true}
	opt := fit.CLVOptions{Margin: 0.3, Rate: fit.PeriodRate(0.10, records.Week), Horizon: 157}
	for _, c := range []struct {
		m fit.Purchases
		r fit.Result
	}{{d.bg, d.bgR}, {d.pn, d.pnR}} {
		sc, err := Purchases(Source{Data: "cdnow.csv", Kind: "summary", Unit: records.Week}, c.m, c.r, d.gg, d.ggR, d.cs, terms)
		if err != nil {
			t.Fatal(err)
		}
		r := project(t, string(sc.TOML))
		want := 0.0
		for _, cu := range d.cs {
			want += cu.Count() * fit.ResidualCLV(c.m, cu, d.gg.ConditionalSpend(cu), opt)
		}
		got := r.Summary.CustomerEquityExisting
		if e := math.Abs(got/want - 1); e > 1e-3 {
			t.Errorf("%s: customer_equity_existing %.4f, Σ customers' CLV %.4f", c.r.Model, got, want)
		}
		if e := math.Abs(r.Summary.CustomerEquity - got - r.Summary.CustomerEquityNew); e > 1e-6*math.Abs(r.Summary.CustomerEquity) {
			t.Errorf("%s: customer_equity %.4f ≠ existing %.4f + new %.4f", c.r.Model, r.Summary.CustomerEquity, got, r.Summary.CustomerEquityNew)
		}
		t.Logf("%s: existing %.3f, Σ CLV %.3f (%.1e)", c.r.Model, got, want, got/want-1)
	}
}

// TestExistingScenarioCohorts: the survivors of a cohort table's last
// observed year, placed in the sBG's classes, are worth, paid a price of 1
// at the start of each year, Σ_cohorts survivors × Σ_{t<H} S(n+1+t)/S(n)
// /1.1^t: the model's discounted expected residual lifetime (Fader & Hardie
// 2010's DERL(d, n)) over the horizon, to 1e-6. Hand-made table: 1,000
// customers, 631 left after a year, 468 after two (n = 2).
func TestExistingScenarioCohorts(t *testing.T) {
	m := fit.SBG{Alpha: 0.704, Beta: 1.182}
	table := records.Cohorts{Unit: records.Year, Cohorts: []records.Cohort{{Active: []float64{1000, 631, 468}}, {Active: []float64{800, 500}}}}
	res := fit.Result{Model: fit.KeySBG, Params: []fit.Param{{Name: "alpha", Value: m.Alpha}, {Name: "beta", Value: m.Beta}}}
	sc, err := Cohorts(Source{Data: "retention.csv", Kind: "cohorts", Unit: records.Year}, m, res, table, Terms{Horizon: 30, DiscountRate: 0.10, NewCustomers: 0, Existing: true})
	if err != nil {
		t.Fatal(err)
	}
	r := project(t, string(sc.TOML))
	want := 0.0
	for _, co := range table.Cohorts {
		n := len(co.Active) - 1
		for tt := range 30 {
			want += co.Active[n] * m.Survival(n+1+tt) / m.Survival(n) / math.Pow(1.1, float64(tt))
		}
	}
	if got := r.Summary.CustomerEquityExisting; math.Abs(got/want-1) > 1e-6 {
		t.Errorf("customer_equity_existing %.6f, survivors × DERL over the horizon %.6f", got, want)
	}
}
