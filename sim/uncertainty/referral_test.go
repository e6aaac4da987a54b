package uncertainty_test

import (
	"math"
	"testing"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// referringBase is one yearly stage kept with probability 0.8 whose 100
// existing customers refer ρ = 0.1 new customer each per period, and no
// acquisition: the only randomness under Poisson acquisition without
// process noise is the referrals.
func referringBase() *sim.Model {
	return &sim.Model{
		StageIDs: []string{"active"}, Period: sim.Year, Horizon: 5, DiscountRate: 0.1,
		NewCustomers: make([]float64, 5),
		Segments: []sim.Segment{{ID: "all", Share: 1,
			Stages:     []sim.Economics{{Revenue: 10, Referrals: 0.1, ReferralReward: 2}},
			Transition: [][]float64{{0.8}},
			Existing:   []float64{100},
		}},
	}
}

// TestReferralsArePoissonCounts: period 1's active customers are the 80
// kept (expected, without process noise) plus the referred, a Poisson
// count of mean 100·0.1 = 10: mean 90 and standard deviation √10 ≈ 3.162.
// Over 4000 trials the mean's standard error is √10/√4000 = 0.05 and the
// standard deviation's about √10/√8000 = 0.035; the limits are 4 of them.
func TestReferralsArePoissonCounts(t *testing.T) {
	b := run(t, referringBase(), uncertainty.Config{Trials: 4000, Seed: 3, PoissonAcquisition: true})
	got := b.ActiveCustomers[1]
	if math.Abs(got.Mean-90) > 0.2 || math.Abs(got.StdDev-math.Sqrt(10)) > 0.14 {
		t.Errorf("period 1: mean %v, standard deviation %v; want 90 and √10 = %.4f", got.Mean, got.StdDev, math.Sqrt(10))
	}
	if got.P50 != math.Floor(got.P50) {
		t.Errorf("period 1's median %v is not a whole number of referred customers over 80", got.P50)
	}
}

// TestReferralsWithoutRandomnessEqualTheEngine: with neither Poisson
// acquisition nor process noise a trial refers the expected customers,
// as the engine does, bit for bit.
func TestReferralsWithoutRandomnessEqualTheEngine(t *testing.T) {
	m := referringBase()
	m.NewCustomers = []float64{10, 10, 10, 10, 10}
	r := deterministic(t, m)
	b := run(t, m, uncertainty.Config{Trials: 5, Seed: 3})
	for tt := range m.Horizon {
		if got, want := b.ActiveCustomers[tt].P50, r.Cell(tt, 0, 0).Customers; got != want {
			t.Errorf("period %d: %v active customers, engine %v", tt, got, want)
		}
		if got, want := b.NetCashFlow[tt].P50, r.Totals[tt].NetCashFlow; got != want {
			t.Errorf("period %d: net cash flow %v, engine %v", tt, got, want)
		}
	}
}
