package uncertainty_test

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"pgregory.net/rapid"

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

// TestDrawnReferralsAreNegativeBinomial: referringBase with its referrals
// drawn from Gamma(k = 4, θ = 0.025) (mean 0.1), its reward from a
// log-normal of σ = 0.5 and mean 2 (μ = ln 2 − σ²/2), and no revenue.
// Without process noise period 1 holds the 80 kept and the K referred,
// K | ρ ~ Poisson(100·ρ): a gamma mixture of Poissons, a negative
// binomial, with
//
//	E[K] = E[100ρ] = 100·kθ = 10,
//	Var[K] = E[Var(K|ρ)] + Var(E[K|ρ]) = 100·kθ + 100²·kθ² = 10 + 25 = 35
//
// (Poisson counts around the plain rate would have variance 10). Period
// 1's net cash flow is −c·K with c independent of K: mean −E[c]·E[K] =
// −20, variance E[c²]·E[K²] − 20² = 4·e^0.25·(35 + 100) − 400 = 293.4.
// (A reward fixed at 2 would give 4·35 = 140.) Over 4,000 trials the
// standard errors are √35/√4000 = 0.094 for the mean of K,
// 35·√((2 + κ)/4000) = 1.04 for its variance (κ = 6/4 + p²/(4(1 − p)) =
// 1.53 the negative binomial's excess kurtosis, p = 4/14),
// √293.4/√4000 = 0.27 for the net cash flow's mean and
// √((μ₄ − 293.4²)/4000) = 17.7 for its variance (μ₄ = 1.345·10⁶ its
// fourth central moment, from E[cʲ] = e^(jμ + j²σ²/2) and K's raw
// moments 10, 135, 2260, 44947.5); the limits are 4 of them.
func TestDrawnReferralsAreNegativeBinomial(t *testing.T) {
	m := referringBase()
	m.Segments[0].Stages[0].Revenue = 0
	sigma := 0.5
	c := uncertainty.Config{Trials: 4000, Seed: 5, PoissonAcquisition: true, Parameters: []uncertainty.Parameter{
		{Name: "stage.active.referrals", Distribution: uncertainty.Distribution{Family: uncertainty.Gamma, A: 4, B: 0.025},
			Targets: []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.Referrals}, Scale: 1}}},
		{Name: "stage.active.referral_reward", Distribution: uncertainty.Distribution{Family: uncertainty.LogNormal, A: math.Ln2 - sigma*sigma/2, B: sigma},
			Targets: []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.ReferralReward}, Scale: 1}}},
	}}
	b := run(t, m, c)
	k := b.ActiveCustomers[1]
	if got := k.Mean - 80; math.Abs(got-10) > 4*0.094 {
		t.Errorf("referred in period 1: mean %v, want 10", got)
	}
	if v := k.StdDev * k.StdDev; math.Abs(v-35) > 4*1.04 {
		t.Errorf("referred in period 1: variance %v, want 10 + 25 = 35", v)
	}
	if k.P50 != math.Floor(k.P50) {
		t.Errorf("period 1's median %v is not a whole number of customers", k.P50)
	}
	if net := b.NetCashFlow[1]; math.Abs(net.Mean+20) > 4*0.27 || math.Abs(net.StdDev*net.StdDev-293.4) > 4*17.7 {
		t.Errorf("period 1's net cash flow: mean %v, variance %v; want −20 and 293.4", net.Mean, net.StdDev*net.StdDev)
	}
}

// TestDrawnRewardsAreChargedAtTheirMean: two stages refer into the entry
// stage, their rewards and rates drawn. A trial charges the referred count
// times the mean reward per referral at its draws, W/T with
// T = Σ ρᵢxᵢ and W = Σ ρᵢxᵢcᵢ, so given the draws the expected reward is
// W itself. Stage a: 100 existing, ρ = 0.1, c ~ Gamma(4, 0.5) of mean 2;
// stage b: 50 existing, ρ ~ Gamma(4, 0.1) of mean 0.4, c = 5; no revenue.
// Period 1's reward has mean E[W] = 100·0.1·2 + 50·0.4·5 = 20 + 100 = 120
// (a plain mean of the rewards would charge (2 + 5)/2·30 = 105, the entry
// stage's alone 2·30 = 60); the limit is 4 standard errors of 4,000
// trials, from their own standard deviation.
func TestDrawnRewardsAreChargedAtTheirMean(t *testing.T) {
	m := &sim.Model{
		StageIDs: []string{"a", "b"}, Period: sim.Year, Horizon: 3, DiscountRate: 0.1,
		NewCustomers: make([]float64, 3),
		Segments: []sim.Segment{{ID: "all", Share: 1,
			Stages:     []sim.Economics{{Referrals: 0.1}, {ReferralReward: 5}},
			Transition: [][]float64{{0.8, 0}, {0, 0.5}},
			Existing:   []float64{100, 50},
		}},
	}
	slot := func(q uncertainty.Quantity, stage int) []uncertainty.Target {
		return []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: q, Stage: stage}, Scale: 1}}
	}
	c := uncertainty.Config{Trials: 4000, Seed: 9, PoissonAcquisition: true, Parameters: []uncertainty.Parameter{
		{Name: "stage.a.referral_reward", Distribution: uncertainty.Distribution{Family: uncertainty.Gamma, A: 4, B: 0.5}, Targets: slot(uncertainty.ReferralReward, 0)},
		{Name: "stage.b.referrals", Distribution: uncertainty.Distribution{Family: uncertainty.Gamma, A: 4, B: 0.1}, Targets: slot(uncertainty.Referrals, 1)},
	}}
	b := run(t, m, c)
	net := b.NetCashFlow[1]
	if se := net.StdDev / math.Sqrt(4000); math.Abs(-net.Mean-120) > 4*se {
		t.Errorf("period 1's reward: mean %v ± %v, want 120", -net.Mean, se)
	}
}

// TestDrawnReferralsAreCapped: a draw of referrals above
// uncertainty.MaxReferrals (10, a scenario's limit) is capped there: with
// a draw of 50 and no randomness, period 1 holds the 80 kept and
// 100·10 = 1,000 referred.
func TestDrawnReferralsAreCapped(t *testing.T) {
	b := run(t, referringBase(), uncertainty.Config{Trials: 2, Parameters: []uncertainty.Parameter{{Name: "referrals",
		Distribution: uncertainty.Distribution{Family: uncertainty.Point, A: 50},
		Targets:      []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.Referrals}, Scale: 1}}}}})
	if got := b.ActiveCustomers[1].P50; got != 1080 {
		t.Errorf("period 1: %v customers, want 80 + 100·10 = 1080", got)
	}
}

// TestPointReferralsEqualPlainValues: referrals and rewards given as Point
// distributions of their values (drawn into a model that holds other
// numbers there) give the same bands, bit for bit, as the plain values,
// with or without process noise and Poisson counts: a Point draw uses no
// random number, so the two runs draw the same variates, and a draw is
// written into the model as the value itself. Only Draws differs, by one
// per parameter and trial.
func TestPointReferralsEqualPlainValues(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 3).Draw(t, "stages")
		segs := rapid.IntRange(1, 2).Draw(t, "segments")
		classes := rapid.IntRange(0, 2).Draw(t, "classes of the first segment")
		horizon := rapid.IntRange(1, 8).Draw(t, "horizon")
		groups := segs + max(classes, 1) - 1
		rho := make([][]float64, groups)
		reward := make([][]float64, groups)
		for g := range groups {
			rho[g] = make([]float64, n)
			reward[g] = make([]float64, n)
			for i := range n {
				rho[g][i] = rapid.Float64Range(0, 0.6).Draw(t, "referrals")
				reward[g][i] = rapid.Float64Range(0, 20).Draw(t, "reward")
			}
		}
		rows := make([][]float64, n)
		for i := range rows {
			rows[i] = make([]float64, n)
			left := 1.0
			for j := range rows[i] {
				rows[i][j] = rapid.Float64Range(0, left).Draw(t, "p")
				left -= rows[i][j]
			}
		}
		existing := rapid.Float64Range(0, 500).Draw(t, "existing")
		newCustomers := rapid.Float64Range(0, 200).Draw(t, "new customers")
		// build returns the model with the stages' referrals and rewards
		// of group g (a segment, or a class of the first) from at(g).
		build := func(at func(g int) ([]float64, []float64)) *sim.Model {
			segment := func(id string, share float64, g int) sim.Segment {
				r, c := at(g)
				s := sim.Segment{ID: id, Share: share, Stages: make([]sim.Economics, n), Transition: make([][]float64, n), Existing: make([]float64, n)}
				for i := range n {
					s.Stages[i] = sim.Economics{Revenue: 10, CostToServe: 2, Referrals: r[i], ReferralReward: c[i]}
					s.Transition[i] = append([]float64(nil), rows[i]...)
				}
				s.Existing[0] = existing
				return s
			}
			m := &sim.Model{StageIDs: make([]string, n), Period: sim.Month, Horizon: horizon, DiscountRate: 0.1, NewCustomers: constant(horizon, newCustomers)}
			for i := range n {
				m.StageIDs[i] = fmt.Sprintf("s%d", i)
			}
			share := 1 / float64(segs)
			first := segment("first", share, 0)
			if classes > 0 {
				first = sim.Segment{ID: "first", Share: share}
				for k := range classes {
					first.Classes = append(first.Classes, segment(fmt.Sprintf("c%d", k), 1/float64(classes), k))
				}
			}
			m.Segments = append(m.Segments, first)
			for s := 1; s < segs; s++ {
				m.Segments = append(m.Segments, segment(fmt.Sprintf("g%d", s), share, max(classes, 1)+s-1))
			}
			return m
		}
		plain := build(func(g int) ([]float64, []float64) { return rho[g], reward[g] })
		other := make([]float64, n)
		for i := range other {
			other[i] = 7 // what the draws overwrite
		}
		drawn := build(func(int) ([]float64, []float64) { return other, other })
		c := uncertainty.Config{Trials: 8, Seed: rapid.Uint64().Draw(t, "seed"),
			ProcessNoise: rapid.Bool().Draw(t, "process noise"), PoissonAcquisition: rapid.Bool().Draw(t, "poisson")}
		a, err := uncertainty.Run(plain, c)
		if err != nil {
			t.Fatal(err)
		}
		for g := range groups {
			seg, class := g, 0
			if classes > 0 && g < classes {
				seg, class = 0, g
			} else if classes > 0 {
				seg = g - classes + 1
			}
			for i := range n {
				for _, q := range []struct {
					quantity uncertainty.Quantity
					v        float64
				}{{uncertainty.Referrals, rho[g][i]}, {uncertainty.ReferralReward, reward[g][i]}} {
					c.Parameters = append(c.Parameters, uncertainty.Parameter{Name: fmt.Sprintf("%v %d %d %d", q.quantity, seg, class, i),
						Distribution: uncertainty.Distribution{Family: uncertainty.Point, A: q.v},
						Targets:      []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: q.quantity, Segment: seg, Class: class, Stage: i}, Scale: 1}}})
				}
			}
		}
		b, err := uncertainty.Run(drawn, c)
		if err != nil {
			t.Fatal(err)
		}
		if want := a.Draws + int64(c.Trials*len(c.Parameters)); b.Draws != want {
			t.Fatalf("%d draws, want %d: the plain run's and one per parameter and trial", b.Draws, want)
		}
		b.Draws = a.Draws
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("bands differ:\nplain %+v\npoint %+v", a, b)
		}
	})
}
