package sim

import (
	"math"
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

// oneStageReferring is one yearly stage kept with probability r = 0.8,
// margin 10 at period end, referrals ρ = 0.1 per period at a reward of 2,
// discount rate 10%, no acquisition cost, and one customer acquired in
// period 0 only.
func oneStageReferring(horizon int) *Model {
	nc := make([]float64, horizon)
	nc[0] = 1
	return &Model{
		StageIDs: []string{"active"}, Period: Year, Horizon: horizon, DiscountRate: 0.1,
		NewCustomers: nc,
		Segments: []Segment{{ID: "all", Share: 1,
			Stages:     []Economics{{Revenue: 10, Referrals: 0.1, ReferralReward: 2}},
			Transition: [][]float64{{0.8}},
		}},
	}
}

// TestReferralOneStageByHand checks the referral figures of one stage
// against a hand calculation (r = 0.8, ρ = 0.1, m = 10, c = 2, d = 0.1,
// β = 1/1.1, cash at period end):
//
//	R   = ρ/(1 − r)                  = 0.1/0.2       = 0.5 direct referrals
//	R/(1 − R)                        = 0.5/0.5       = 1 through all generations
//	CLV∞ = m/(1 + d − r)             = 10/0.3        = 33.333…
//	D   = β·ρ/(1 − β·r) = ρ/(1+d−r)  = 0.1/0.3       = 1/3 discounted referrals
//	W   = D·c                        = 2/3           their discounted rewards
//	RV∞ = (D·CLV∞ − W)/(1 − D) = (100/9 − 6/9)/(6/9) = 94/6 = 15.666…
//
// and the engine's run of the one customer over 400 years (0.9⁴⁰⁰ ≈ 5e−19
// of it left): its customers decay as 0.9ᵗ (kept 0.8, referred 0.1), so
// Σ referred = Σ_{t≥1} 0.1·0.9^(t−1) = 1 = R/(1 − R), and its customer
// equity is Σ_t 0.9ᵗ·(10·β^(t+1)) − Σ_{t≥1} 0.1·0.9^(t−1)·2·βᵗ
// = (10 − 0.2)·β/(1 − 0.9β) = 9.8/0.2 = 49 = CLV∞ + RV∞.
func TestReferralOneStageByHand(t *testing.T) {
	r, err := Run(oneStageReferring(400))
	if err != nil {
		t.Fatal(err)
	}
	s := r.Summary
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %.15g, want %.15g", what, got, want)
		}
	}
	if !s.Referring || !s.ReferralsDirect.Defined || !s.ReferralsTotal.Defined || !s.ReferralValueInfinite.Defined {
		t.Fatalf("referral figures undefined: %+v", s.Referral)
	}
	near("R", s.ReferralsDirect.Value, 0.5)
	near("R/(1−R)", s.ReferralsTotal.Value, 1)
	near("CLV∞", s.CLVInfinite.Value, 100.0/3)
	near("RV∞", s.ReferralValueInfinite.Value, 94.0/6)
	near("RV over 400 years", s.ReferralValue, 94.0/6)
	near("CLV over 400 years", s.CLV, 100.0/3)
	referred, reward := 0.0, 0.0
	for _, f := range r.Totals {
		referred += f.Referred
		reward += f.ReferralReward
	}
	near("customers referred in the run", referred, 1)
	near("rewards paid in the run", reward, 2)
	near("customer equity of the run", s.CustomerEquity, 49)
	// The first arrivals, by hand: period 1 brings 0.1 customer, who cost 0.2.
	if f := r.Cell(1, 0, 0); f.Referred != 0.1 || math.Abs(f.ReferralReward-0.2) > 1e-15 || math.Abs(f.Customers-0.9) > 1e-15 {
		t.Errorf("period 1: %v customers, %v referred, reward %v; want 0.9, 0.1, 0.2", f.Customers, f.Referred, f.ReferralReward)
	}
}

// TestReferralsAtOneOrMore: with R = ρ/(1−r) = 0.3/0.2 = 1.5 ≥ 1 the total
// and the infinite-horizon value are undefined, never NaN; the horizon's
// value is a number.
func TestReferralsAtOneOrMore(t *testing.T) {
	m := oneStageReferring(24)
	m.Segments[0].Stages[0].Referrals = 0.3
	r, err := Run(m)
	if err != nil {
		t.Fatal(err)
	}
	s := r.Summary
	if !s.ReferralsDirect.Defined || math.Abs(s.ReferralsDirect.Value-1.5) > 1e-12 {
		t.Errorf("R = %v, want 1.5", s.ReferralsDirect)
	}
	if s.ReferralsTotal.Defined || s.ReferralValueInfinite.Defined {
		t.Errorf("R ≥ 1: total %v and RV∞ %v should be undefined", s.ReferralsTotal, s.ReferralValueInfinite)
	}
	if math.IsNaN(s.ReferralValue) || math.IsInf(s.ReferralValue, 0) || s.ReferralValue <= 0 {
		t.Errorf("referral value within the horizon %v, want a positive number", s.ReferralValue)
	}
	// A customer who never leaves and refers brings infinitely many.
	m.Segments[0].Transition[0][0] = 1
	if r, err = Run(m); err != nil {
		t.Fatal(err)
	}
	if s := r.Summary; s.ReferralsDirect.Defined || s.ReferralsTotal.Defined || s.ReferralValueInfinite.Defined {
		t.Errorf("an endless customer: %+v, want every optional figure undefined", s.Referral)
	}
}

// TestReferredSplitByClassShares: customers referred by either class of a
// segment arrive in its classes by the classes' shares (0.25, 0.75).
func TestReferredSplitByClassShares(t *testing.T) {
	m := oneStageReferring(3)
	seg := m.Segments[0]
	quiet := seg
	quiet.Stages = []Economics{{Revenue: 10}}
	quiet.ID, quiet.Share = "quiet", 0.75
	seg.ID, seg.Share = "loud", 0.25
	m.Segments[0] = Segment{ID: "all", Share: 1, Classes: []Segment{seg, quiet}}
	pop := NewPopulation(m, 0, Expected{})
	cells := make([]Flows, 2)
	var total Flows
	pop.StepTo(cells, &total, Expected{})
	// Period 0: 0.25 loud customers refer 0.025, the quiet none. In period 1
	// loud has 0.25·0.8 kept + 0.025·0.25 referred, quiet 0.75·0.8 + 0.025·0.75.
	for g, want := range []float64{0.25*0.8 + 0.025*0.25, 0.75*0.8 + 0.025*0.75} {
		if got := pop.Customers(g)[0]; math.Abs(got-want) > 1e-15 {
			t.Errorf("class %d in period 1: %v customers, want %v", g, got, want)
		}
	}
	pop.StepTo(cells, &total, Expected{})
	if cells[0].Referred != 0.025 || math.Abs(cells[0].ReferralReward-0.05) > 1e-15 {
		t.Errorf("period 1: %v referred for %v, want 0.025 for 0.05", cells[0].Referred, cells[0].ReferralReward)
	}
}

// randomReferrals gives m's stages referrals of at most q < 1 times their
// churn and rewards, so that without win-back R ≤ q: R = e·(I−A)⁻¹·ρ ≤
// q·e·(I−A)⁻¹·churn, and the latter is the chance of ever churning, at
// most 1. A stage that churns less than RowTolerance refers no one: the
// chain treats it as never churning.
func randomReferrals(t *rapid.T, m *Model) {
	for s := range m.Segments {
		for i, row := range m.Segments[s].Transition {
			churn := 1 - inOrderSum(row)
			st := &m.Segments[s].Stages[i]
			st.Referrals = rapid.Float64Range(0, 0.9).Draw(t, "referrals per churn") * max(0, churn)
			if churn <= RowTolerance {
				st.Referrals = 0 // a stage the chain treats as never churning
			}
			st.ReferralReward = rapid.Float64Range(0, 50).Draw(t, "reward")
		}
	}
}

func inOrderSum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// TestReferralConservation: counting referred arrivals as acquired
// customers, every segment's active + lost = acquired + referred so far,
// and the active base changes by new + referred − churned + won back.
func TestReferralConservation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 60).Draw(t, "horizon"), 0)
		for s := range m.Segments {
			for i := range m.Segments[s].Stages {
				m.Segments[s].Stages[i].Referrals = rapid.Float64Range(0, 0.5).Draw(t, "referrals")
				m.Segments[s].Stages[i].ReferralReward = rapid.Float64Range(0, 50).Draw(t, "reward")
			}
		}
		r, err := Run(m)
		if err != nil {
			t.Fatal(err)
		}
		n := len(m.StageIDs)
		for s, seg := range m.Segments {
			arrived := 0.0
			var prevActive, prevChurned, prevWonBack float64
			for tt := range m.Horizon {
				entry := r.Cell(tt, s, m.Entry)
				arrived += m.NewCustomers[tt]*seg.Share + entry.Referred
				active, churned := 0.0, 0.0
				for i := range n {
					active += r.Cell(tt, s, i).Customers
					churned += r.Cell(tt, s, i).Churned
				}
				lost := r.Cell(tt, s, n)
				tol := 1e-9 * math.Max(1, arrived)
				if d := active + lost.Customers - arrived; math.Abs(d) > tol {
					t.Fatalf("segment %d period %d: active %v + lost %v ≠ acquired and referred %v", s, tt, active, lost.Customers, arrived)
				}
				if tt > 0 {
					want := prevActive - prevChurned + prevWonBack + m.NewCustomers[tt]*seg.Share + entry.Referred
					if d := active - want; math.Abs(d) > tol {
						t.Fatalf("segment %d period %d: active %v, want %v", s, tt, active, want)
					}
				}
				if entry.Referred < 0 || entry.ReferralReward < 0 {
					t.Fatalf("segment %d period %d: %v referred, reward %v", s, tt, entry.Referred, entry.ReferralReward)
				}
				prevActive, prevChurned, prevWonBack = active, churned, lost.WonBack
			}
		}
	})
}

// TestReferralLongHorizonMatchesClosedForm: over 1200 years at a rate of
// at least 5% the neglected tail is below 1.05⁻¹²⁰⁰ of the flows (the
// customers a new one brings are at most 1/(1−R) ≤ 10), so the referral
// value of the horizon equals the closed form (D·CLV∞ − W)/(1 − D), and a
// run of one customer acquired in period 0 is worth, net of its
// acquisition cost, its CLV plus its referral value (at any horizon).
func TestReferralLongHorizonMatchesClosedForm(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Year, MaxHorizon, 0.05)
		m.Winback = Winback{}
		randomReferrals(t, m)
		if !m.Refers() {
			return
		}
		m.NewCustomers = make([]float64, m.Horizon)
		m.NewCustomers[0] = 1
		r, err := Run(m)
		if err != nil {
			t.Fatal(err)
		}
		scale := 1.0
		for _, seg := range m.Segments {
			for _, e := range seg.Stages {
				scale = math.Max(scale, 10*(e.Revenue+e.CostToServe+e.RetentionSpend+e.ReferralReward))
			}
		}
		for _, seg := range r.Summary.Segments {
			if !seg.ReferralsDirect.Defined && !seg.ExpectedLifetime.Defined {
				continue // a lifetime too long to solve for (a row an ulp below 1): both undefined
			}
			if !seg.ReferralsDirect.Defined || seg.ReferralsDirect.Value > 0.9+1e-9 || !seg.ReferralValueInfinite.Defined {
				t.Fatalf("segment %s: R = %v, RV∞ %v; want R ≤ 0.9 and RV∞ defined", seg.ID, seg.ReferralsDirect, seg.ReferralValueInfinite)
			}
			if d := math.Abs(seg.ReferralValue - seg.ReferralValueInfinite.Value); d > 1e-9*scale {
				t.Fatalf("segment %s: simulated referral value %.15g, closed form %.15g", seg.ID, seg.ReferralValue, seg.ReferralValueInfinite.Value)
			}
		}
		s := r.Summary
		if d := math.Abs(s.CustomerEquity + s.AcquisitionCost - s.CLV - s.ReferralValue); d > 1e-9*scale {
			t.Fatalf("one customer's run is worth %.15g + its acquisition cost %.15g; CLV %.15g + referral value %.15g",
				s.CustomerEquity, s.AcquisitionCost, s.CLV, s.ReferralValue)
		}
	})
}

// TestZeroReferralsChangeNothing: a model whose stages refer no one (a
// reward without referrals included) runs bit for bit as without the
// fields, its existing customers too.
func TestZeroReferralsChangeNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 36).Draw(t, "horizon"), 0)
		if rapid.Bool().Draw(t, "existing") {
			m.Segments[0].Existing = make([]float64, len(m.StageIDs))
			m.Segments[0].Existing[0] = 100
		}
		want, err := Run(m)
		if err != nil {
			t.Fatal(err)
		}
		for s := range m.Segments {
			for i := range m.Segments[s].Stages {
				m.Segments[s].Stages[i].ReferralReward = rapid.Float64Range(0, 50).Draw(t, "reward")
			}
		}
		got, err := Run(m)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Cells, want.Cells) || !reflect.DeepEqual(got.Totals, want.Totals) ||
			!reflect.DeepEqual(got.Summary, want.Summary) || !reflect.DeepEqual(got.Existing, want.Existing) {
			t.Fatalf("a reward without referrals changed the run")
		}
		if got.Summary.Referring {
			t.Fatalf("Summary.Referring without referrals")
		}
	})
}

// TestExistingReferringAddsUp: with referrals, the existing customers'
// part (and the customers they bring) and the new cohorts' part still add
// up to the customer equity.
func TestExistingReferringAddsUp(t *testing.T) {
	m := oneStageReferring(40)
	m.Segments[0].Existing = []float64{50}
	r, err := Run(m)
	if err != nil {
		t.Fatal(err)
	}
	s := r.Summary
	if d := s.CustomerEquityExisting + s.CustomerEquityNew - s.CustomerEquity; math.Abs(d) > 1e-9*math.Abs(s.CustomerEquity) {
		t.Errorf("existing %v + new %v ≠ equity %v", s.CustomerEquityExisting, s.CustomerEquityNew, s.CustomerEquity)
	}
	// The base of 50 refers 5 in period 1, all of them in the existing layer.
	if got := r.Existing[1].Referred; math.Abs(got-5) > 1e-12 {
		t.Errorf("existing layer, period 1: %v referred, want 5", got)
	}
}

// TestStepWithReferralsDoesNotAllocate: referrals add no allocation to
// the engine step.
func TestStepWithReferralsDoesNotAllocate(t *testing.T) {
	m := oneStageReferring(MaxHorizon)
	e, err := NewEngine(m)
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(500, func() { e.Step() }); n != 0 {
		t.Errorf("Step allocates %v times per period, want 0", n)
	}
}
