package fitted

import (
	"math"
	"os"
	"strings"
	"testing"

	"clvlab/internal/fit"
	"clvlab/internal/projection"
	"clvlab/internal/records"
	"clvlab/scenarios"
	"clvlab/sim"
)

// cdnow is the CDNOW summary (Fader, Hardie & Lee 2005's 2,357 customers,
// weeks) with its BG/NBD, Pareto/NBD and Gamma-Gamma fits.
type cdnow struct {
	cs       []records.Customer
	bg       fit.BGNBD
	pn       fit.ParetoNBD
	gg       fit.GammaGamma
	bgR, pnR fit.Result
	ggR      fit.Result
}

func readCDNOW(t testing.TB) cdnow {
	t.Helper()
	f, err := os.Open("../records/testdata/cdnow_customers_summary_with_transactions.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := records.SummaryFrom(f, "cdnow", records.SummaryOptions{Unit: records.Week})
	if err != nil {
		t.Fatal(err)
	}
	var d cdnow
	d.cs = s.Customers
	if d.bg, d.bgR, err = fit.FitBGNBD(d.cs); err != nil {
		t.Fatal(err)
	}
	if d.pn, d.pnR, err = fit.FitParetoNBD(d.cs); err != nil {
		t.Fatal(err)
	}
	if d.gg, d.ggR, err = fit.FitGammaGamma(d.cs); err != nil {
		t.Fatal(err)
	}
	return d
}

// project loads a scenario's text, checks it is valid, and projects it.
func project(t *testing.T, text string) *sim.Result {
	t.Helper()
	s, err := scenarios.Parse("fitted.toml", []byte(text))
	if err != nil {
		t.Fatalf("the fitted scenario does not load: %v", err)
	}
	r, err := projection.Project(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// purchasesByPeriod sums the expected purchases of every segment and stage
// in each period.
func purchasesByPeriod(r *sim.Result) []float64 {
	m := r.Model
	out := make([]float64, m.Horizon)
	for t := range out {
		for s := range m.Segments {
			for i := range m.StageIDs {
				out[t] += r.Cell(t, s, i).Purchases
			}
		}
	}
	return out
}

// TestPurchasesScenarioCDNOW: the scenarios of BG/NBD and Pareto/NBD
// fitted to the CDNOW summary load, validate and run; one cohort of 1,000
// new customers (new_customers = [1000, 0]) makes, by the end of week t,
// 1,000 × the model's E[X(t)] purchases to 1e-3 (relative) at every week
// boundary over 78 weeks (the scenario runs 157, three years, and is held
// to it there too), and a new customer's CLV (the summary's clv, margin
// 0.3 of the Gamma-Gamma mean spend) is the model's discrete-period CLV,
// fit.CurveCLV of the model's E[X(t)], to 1e-3 (10% a year, weekly,
// cash at each week's end, the first purchase excluded).
func TestPurchasesScenarioCDNOW(t *testing.T) {
	d := readCDNOW(t)
	terms := Terms{Horizon: 157, DiscountRate: 0.10, Margin: 0.3, NewCustomers: 1000}
	for _, c := range []struct {
		m fit.Purchases
		r fit.Result
	}{{d.bg, d.bgR}, {d.pn, d.pnR}} {
		sc, err := Purchases(Source{Data: "cdnow.csv", Kind: "summary", Unit: records.Week}, c.m, c.r, d.gg, d.ggR, d.cs, terms)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Replace(string(sc.TOML), "new_customers = 1000.0", "new_customers = [1000.0, 0.0]", 1)
		r := project(t, text)
		got := purchasesByPeriod(r)
		want := make([]float64, terms.Horizon)
		cum := 0.0
		for k := range got {
			cum += got[k]
			want[k] = c.m.ExpectedPurchases(float64(k + 1))
			if e := math.Abs(cum/1000/want[k] - 1); e > 1e-3 {
				t.Errorf("%s: E[X(%d)] = %.6f by the scenario, %.6f by the model", c.r.Model, k+1, cum/1000, want[k])
			}
		}
		clv := fit.CurveCLV(want, d.gg.MeanSpend(), fit.CLVOptions{Margin: 0.3, Rate: fit.PeriodRate(0.10, records.Week), Horizon: terms.Horizon})
		if e := math.Abs(r.Summary.CLV/clv - 1); e > 1e-3 {
			t.Errorf("%s: CLV %.6f by the scenario, %.6f by the model", c.r.Model, r.Summary.CLV, clv)
		}
		if e := math.Abs(r.Summary.ExpectedPurchases/want[len(want)-1] - 1); e > 1e-3 {
			t.Errorf("%s: expected_purchases %.6f, E[X(157)] %.6f", c.r.Model, r.Summary.ExpectedPurchases, want[len(want)-1])
		}
		t.Logf("%s: %d classes, CLV %.4f (model %.4f)", c.r.Model, len(sc.Classes.Classes), r.Summary.CLV, clv)
	}
}

// TestCohortsScenarioFaderHardie2007: the sBG scenario of the Fader &
// Hardie (2007) cohorts at their published estimates (regular α = 0.704,
// β = 1.182; high end α = 0.668, β = 3.806) loads and runs; its survival
// (summary.json's, the classes' mixture) is the model's S(t) to 1e-6 over
// 100 years, and its CLV, one payment a year at the start (cash_timing =
// "start"), is Σ_{t<100} S(t)/1.1^t, the discounted expected lifetime over
// the horizon (Fader & Hardie 2010's DEL, truncated).
func TestCohortsScenarioFaderHardie2007(t *testing.T) {
	table := records.Cohorts{Unit: records.Year, Cohorts: []records.Cohort{{Label: "regular", Active: []float64{1000, 631}}}}
	for name, m := range map[string]fit.SBG{"regular": {Alpha: 0.704, Beta: 1.182}, "high end": {Alpha: 0.668, Beta: 3.806}} {
		res := fit.Result{Model: fit.KeySBG, Params: []fit.Param{{Name: "alpha", Value: m.Alpha}, {Name: "beta", Value: m.Beta}}}
		sc, err := Cohorts(Source{Data: "retention.csv", Kind: "cohorts", Unit: records.Year}, m, res, table, Terms{Horizon: 100, DiscountRate: 0.10, NewCustomers: -1})
		if err != nil {
			t.Fatal(err)
		}
		r := project(t, string(sc.TOML))
		del := 0.0
		for tt := range 100 {
			if d := math.Abs(r.Summary.Survival[tt] - m.Survival(tt)); d > 1e-6 {
				t.Errorf("%s: S(%d) = %.9f by the scenario, %.9f by the model", name, tt, r.Summary.Survival[tt], m.Survival(tt))
			}
			del += m.Survival(tt) / math.Pow(1.1, float64(tt))
		}
		if d := math.Abs(r.Summary.CLV/del - 1); d > 1e-6 {
			t.Errorf("%s: CLV %.9f, discounted expected lifetime %.9f", name, r.Summary.CLV, del)
		}
		if !strings.Contains(string(sc.TOML), "K = ") {
			t.Errorf("%s: the file does not say K", name)
		}
	}
}
