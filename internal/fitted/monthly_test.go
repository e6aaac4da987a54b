package fitted

import (
	"math"
	"strings"
	"testing"

	"clvlab/internal/fit"
	"clvlab/internal/records"
)

// TestMonthlyCohortsFaderHardie2007: the sBG in monthly periods with one
// renewal a year (renewal_every = 12), at the Fader & Hardie (2007)
// estimates (regular α = 0.704, β = 1.182; high end α = 0.668,
// β = 3.806). A customer with churn probability θ renews at the end of
// months 12, 24, ... with probability 1 − θ; over Beta(α, β) (the
// classes' Gauss–Jacobi rule) the survival at month τ is the model's
// S(⌊τ/12⌋) = B(α, β+⌊τ/12⌋)/B(α, β): flat within each year, to 1e-6 over
// the 100 years (1200 months) of the horizon. Its CLV, one payment of 1 a
// month at the month's start, is Σ_{τ<1200} S(⌊τ/12⌋)·1.1^(−τ/12); the
// existing base (1,000 customers, 631 after a year and 468 after two, so
// n = 2) is worth 468 · Σ_τ S(3+⌊τ/12⌋)/S(2)·1.1^(−τ/12) (the survivors
// renew into the scenario's first year), to 1e-6.
func TestMonthlyCohortsFaderHardie2007(t *testing.T) {
	table := records.Cohorts{Unit: records.Year, Cohorts: []records.Cohort{{Label: "regular", Active: []float64{1000, 631, 468}}}}
	for name, m := range map[string]fit.SBG{"regular": {Alpha: 0.704, Beta: 1.182}, "high end": {Alpha: 0.668, Beta: 3.806}} {
		res := fit.Result{Model: fit.KeySBG, Params: []fit.Param{{Name: "alpha", Value: m.Alpha}, {Name: "beta", Value: m.Beta}}}
		sc, err := Cohorts(Source{Data: "retention.csv", Kind: "cohorts", Unit: records.Year}, m, res, table,
			Terms{Horizon: 100, DiscountRate: 0.10, NewCustomers: -1, Existing: true, Monthly: true})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(sc.TOML), "renewal_every = 12") || !strings.Contains(string(sc.TOML), `period = "month"`) {
			t.Fatalf("%s: not a monthly scenario with yearly renewals:\n%s", name, sc.TOML)
		}
		r := project(t, string(sc.TOML))
		if h := r.Model.Horizon; h != 1200 {
			t.Fatalf("%s: horizon %d months, want 1200", name, h)
		}
		clv, existing := 0.0, 0.0
		for τ := range 1200 {
			want := m.Survival(τ / 12)
			if d := math.Abs(r.Summary.Survival[τ] - want); d > 1e-6 {
				t.Errorf("%s: S at month %d = %.9f by the scenario, %.9f by the model", name, τ, r.Summary.Survival[τ], want)
			}
			v := math.Pow(1.1, -float64(τ)/12)
			clv += want * v
			existing += 468 * m.Survival(3+τ/12) / m.Survival(2) * v
		}
		if d := math.Abs(r.Summary.CLV/clv - 1); d > 1e-6 {
			t.Errorf("%s: CLV %.9f, discounted expected lifetime in months %.9f", name, r.Summary.CLV, clv)
		}
		if got := r.Summary.CustomerEquityExisting; math.Abs(got/existing-1) > 1e-6 {
			t.Errorf("%s: customer_equity_existing %.6f, survivors × DERL %.6f", name, got, existing)
		}
		// New customers a month: the cohort's 1,000 a year / 12.
		if got := r.Model.NewCustomers[0]; math.Abs(got-1000.0/12) > 1e-9 {
			t.Errorf("%s: %v new customers a month, want 1000/12", name, got)
		}
	}
	if _, err := Cohorts(Source{Data: "weekly.csv", Kind: "cohorts", Unit: records.Week}, fit.SBG{Alpha: 1, Beta: 2}, fit.Result{}, table, Terms{Monthly: true}); err == nil {
		t.Error("a monthly scenario of a weekly cohort table")
	}
}
