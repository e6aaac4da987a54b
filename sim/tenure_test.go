package sim

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestRevenueGrowthByHand: one stage, revenue m = 100, retention r = 0.8,
// growth g = 0.1 up to the cap c = 1.5, yearly periods at d = 10%, cash
// at the period's end:
//
//	CLV = Σ_{τ<H} m·min((1+g)^τ, c)·r^τ/(1+d)^(τ+1).
//
// The cap is reached at τ* = ⌈ln 1.5/ln 1.1⌉ = ⌈4.254⌉ = 5, so the
// multiples are 1, 1.1, 1.21, 1.331, 1.4641, then 1.5; as g = d, the
// first five terms are (100/1.1)·0.8^τ:
//
//	H = 10: (100/1.1)(1 + 0.8 + 0.64 + 0.512 + 0.4096)
//	        + Σ_{τ=5..9} 150·0.8^τ/1.1^(τ+1) = 386.63305182886074,
//	H = ∞:  (100/1.1)·3.3616 + (150/1.1)·(0.8/1.1)^5/(1 − 0.8/1.1)
//	        = 407.331749570012 (Python, both).
//
// The chain has τ*+1 = 6 tenure states, the last absorbing.
func TestRevenueGrowthByHand(t *testing.T) {
	m := oneStage(Year, 10, 0.10, 100, 0.8, CashEnd)
	m.Segments[0].Stages[0].RevenueGrowth = 0.1
	m.Segments[0].Stages[0].RevenueCap = 1.5
	if l := m.TenureStates(); l != 6 {
		t.Fatalf("tenure states %d, want 6", l)
	}
	r := run(t, m)
	closeTo(t, "CLV", r.Summary.CLV, 386.63305182886074, 1e-14)
	closeTo(t, "CLV∞", r.Summary.CLVInfinite.Value, 407.331749570012, 1e-13)
	// Survival is growth's business not: 0.8^τ; the expected lifetime
	// 1/(1−0.8) = 5.
	closeTo(t, "S(3)", r.Summary.Survival[3], 0.512, 1e-15)
	closeTo(t, "lifetime", r.Summary.ExpectedLifetime.Value, 5, 1e-13)
	// Period 2's revenue: one customer acquired each period, so the
	// cohorts of tenure 0, 1, 2: 100·(1 + 0.8·1.1 + 0.64·1.21) = 265.44.
	closeTo(t, "revenue in period 2", r.Cell(2, 0, 0).Revenue, 265.44, 1e-14)
	closeTo(t, "net revenue, cohort 0 at τ = 7", r.Cohort(0, 7).NetRevenue, 150*math.Pow(0.8, 7), 1e-14)
}

// TestRenewalByHand: one stage that keeps everyone between renewals
// (to.stay = 1), contracts of k = 2 years renewed with probability 0.5,
// a renewal discount of 10 given to each customer who renews, revenue
// 100, d = 10%, cash at the period's end. The customers renew at the end
// of τ = 1, 3, 5, …, so survival is 1, 1, 0.5, 0.5, 0.25, 0.25, … and
// the flows 100, 100 − 0.5·10, 50, 50 − 0.25·10, 25, 25 − 0.125·10:
//
//	H = 6: 100/1.1 + 95/1.21 + 50/1.331 + 47.5/1.4641 + 25/1.61051
//	       + 23.75/1.771561 = 268.35965569348156,
//	H = ∞: with q = 0.5/1.21 a contract's worth shrinks by q each renewal:
//	       (100/1.1)(1 + 1/1.1)/(1 − q) − (5/1.21)/(1 − q)
//	       = 288.7323943661971 (Python, both).
func TestRenewalByHand(t *testing.T) {
	m := oneStage(Year, 6, 0.10, 100, 1, CashEnd)
	m.RenewalEvery = 2
	m.Segments[0].Stages[0].Renewal = 0.5
	m.Segments[0].Stages[0].RenewalDiscount = 10
	if l := m.TenureStates(); l != 2 {
		t.Fatalf("tenure states %d, want 2", l)
	}
	r := run(t, m)
	closeTo(t, "CLV", r.Summary.CLV, 268.35965569348156, 1e-14)
	closeTo(t, "CLV∞", r.Summary.CLVInfinite.Value, 288.7323943661971, 1e-13)
	for τ, want := range []float64{1, 1, 0.5, 0.5, 0.25, 0.25} {
		closeTo(t, fmt.Sprintf("S(%d)", τ), r.Summary.Survival[τ], want, 1e-15)
	}
	// The expected lifetime: 2 periods a contract, 1/(1−0.5) contracts = 4.
	closeTo(t, "lifetime", r.Summary.ExpectedLifetime.Value, 4, 1e-13)
	// Period 1 holds cohort 0 at τ = 1 (a renewal date) and cohort 1 at
	// τ = 0: 2 customers, 0.5 churning, a discount of 0.5·10 = 5.
	c := r.Cell(1, 0, 0)
	closeTo(t, "customers", c.Customers, 2, 1e-15)
	closeTo(t, "churned", c.Churned, 0.5, 1e-15)
	closeTo(t, "discount", c.Discount, 5, 1e-15)
	closeTo(t, "net cash flow", c.NetCashFlow, 195, 1e-15)
	if c := r.Cell(2, 0, 0); c.Churned != 0.5 {
		// Period 2: cohort 1 renews (0.5 of 1 churns), cohort 0 (0.5
		// left) is mid-contract, cohort 2 is new.
		t.Errorf("churned in period 2: %v, want 0.5", c.Churned)
	}
}

// TestWinbackRestartsTenure: a won-back customer starts a new
// relationship at tenure 0. One stage that everyone leaves each period,
// won back at once (rate 1): a customer is active at τ = 0, 2, 4, …, each
// time at tenure 0, so growth never shows and CLV is that of the model
// without growth.
func TestWinbackRestartsTenure(t *testing.T) {
	m := oneStage(Month, 36, 0.10, 100, 0, CashEnd)
	m.Winback = Winback{Rate: 1, CostPerCustomer: 5}
	flat := run(t, m)
	m.Segments[0].Stages[0].RevenueGrowth, m.Segments[0].Stages[0].RevenueCap = 0.5, 3
	grown := run(t, m)
	closeTo(t, "CLV", grown.Summary.CLV, flat.Summary.CLV, 1e-14)
	closeTo(t, "CLV∞", grown.Summary.CLVInfinite.Value, flat.Summary.CLVInfinite.Value, 1e-13)
}

// TestStageChangeKeepsTenure: a stage change keeps the tenure. Stage a
// moves everyone to stage b, which keeps them; b's revenue 10 grows by
// 0.5 a period up to 4×: a customer acquired in period 0 alone earns
// 10·1.5 = 15 in b at τ = 1, 22.5 at τ = 2, 33.75 at τ = 3, then 40.
func TestStageChangeKeepsTenure(t *testing.T) {
	m := &Model{
		StageIDs: []string{"a", "b"}, Period: Month, Horizon: 6, NewCustomers: []float64{1, 0, 0, 0, 0, 0},
		Segments: []Segment{{ID: "all", Share: 1,
			Stages:     []Economics{{Revenue: 1}, {Revenue: 10, RevenueGrowth: 0.5, RevenueCap: 4}},
			Transition: [][]float64{{0, 1}, {0, 1}}}},
	}
	r := run(t, m)
	for τ, want := range []float64{0, 15, 22.5, 33.75, 40, 40} {
		closeTo(t, fmt.Sprintf("b's revenue at τ = %d", τ), r.Cell(τ, 0, 1).Revenue, want, 1e-15)
	}
	closeTo(t, "a's revenue at τ = 0", r.Cell(0, 0, 0).Revenue, 1, 0)
}

// randomTenure gives a random model some of the tenure levers: revenue
// growth (at least 5% a period, up to a cap of at most 2, so τ* ≤ 15) in
// some stages, and renewal every 1–6 periods with random renewal
// probabilities and discounts. A competitor's stage (withRivals) gets a
// renewal probability, which it does not use, and no other lever.
func randomTenure(t *rapid.T, m *Model) {
	grow := rapid.Bool().Draw(t, "growth")
	if rapid.Bool().Draw(t, "renewal") {
		m.RenewalEvery = rapid.IntRange(1, 6).Draw(t, "every")
	}
	each := func(seg *Segment) {
		for i := range seg.Stages {
			e := &seg.Stages[i]
			e.Renewal = rapid.Float64Range(0, 1).Draw(t, "renew")
			if m.IsCompetitor(i) {
				continue
			}
			if grow && rapid.Bool().Draw(t, "grows") {
				e.RevenueGrowth = rapid.Float64Range(0.05, 1).Draw(t, "g")
				e.RevenueCap = rapid.Float64Range(1, 2).Draw(t, "cap")
			}
			e.RenewalDiscount = rapid.Float64Range(0, 30).Draw(t, "renewal discount")
		}
	}
	for s := range m.Segments {
		each(&m.Segments[s])
	}
}

// TestTenureConservation: with growth and renewal, in every period and
// segment, active + lost = acquired so far, and the active base changes
// by new − churned + won back: renewal's churn is churn like any other.
func TestTenureConservation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 40).Draw(t, "horizon"), 0)
		randomTenure(t, m)
		r := mustRun(t, m)
		n := len(m.StageIDs)
		for s, seg := range m.Segments {
			acquired := 0.0
			var prevActive, prevChurned, prevWonBack float64
			for tt := range m.Horizon {
				acquired += m.NewCustomers[tt] * seg.Share
				active, churned := 0.0, 0.0
				for i := range n {
					active += r.Cell(tt, s, i).Customers
					churned += r.Cell(tt, s, i).Churned
				}
				lost := r.Cell(tt, s, n)
				tol := 1e-9 * math.Max(1, acquired)
				if d := active + lost.Customers - acquired; math.Abs(d) > tol {
					t.Fatalf("segment %d period %d: active %v + lost %v ≠ acquired %v", s, tt, active, lost.Customers, acquired)
				}
				if tt > 0 {
					want := prevActive - prevChurned + prevWonBack + m.NewCustomers[tt]*seg.Share
					if d := active - want; math.Abs(d) > tol {
						t.Fatalf("segment %d period %d: active %v, want %v", s, tt, active, want)
					}
				}
				prevActive, prevChurned, prevWonBack = active, churned, lost.WonBack
			}
		}
	})
}

// TestTenureLongHorizonMatchesClosedForm: over 1200 years at a rate of at
// least 5%, the simulated CLV equals the fundamental-matrix value over
// the expanded chain (stages × tenure states, then the lost states) to
// 1e−9 relative, as TestLongHorizonMatchesClosedForm without tenure; in
// about half the draws some stages are competitors' (a move to one ends
// the relationship, a win from one starts a new one at tenure 0).
func TestTenureLongHorizonMatchesClosedForm(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Year, MaxHorizon, 0.05)
		m.NewCustomers = constant(m.Horizon, 1)
		if rapid.Bool().Draw(t, "competitors") {
			withRivals(t, m)
		}
		randomTenure(t, m)
		r := mustRun(t, m)
		scale := 1.0
		for _, seg := range m.Segments {
			for _, e := range seg.Stages {
				scale = math.Max(scale, e.Revenue*math.Max(1, e.RevenueCap)+e.CostToServe+e.RetentionSpend+e.RenewalDiscount)
			}
		}
		scale = math.Max(scale, m.Winback.CostPerCustomer)
		for _, seg := range r.Summary.Segments {
			if !seg.CLVInfinite.Defined {
				t.Fatalf("segment %s: closed form undefined with a positive rate", seg.ID)
			}
			if d := math.Abs(seg.CLV - seg.CLVInfinite.Value); d > 1e-9*math.Max(math.Abs(seg.CLVInfinite.Value), scale) {
				t.Fatalf("segment %s: simulated %.15g, closed form %.15g", seg.ID, seg.CLV, seg.CLVInfinite.Value)
			}
		}
	})
}

// TestCappedGrowthIsNoGrowth: growth with a cap of 1 has one tenure
// state and changes nothing, bit for bit: without the levers the engine
// runs the chain it always did. In about half the draws some stages are
// competitors': the market's shares and steady state are unchanged too.
func TestCappedGrowthIsNoGrowth(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 24).Draw(t, "horizon"), 0)
		if rapid.Bool().Draw(t, "competitors") {
			withRivals(t, m)
		}
		if l := m.TenureStates(); l != 1 {
			t.Fatalf("%d tenure states without the levers", l)
		}
		c := *m
		c.Segments = slices.Clone(m.Segments)
		for s := range c.Segments {
			c.Segments[s].Stages = slices.Clone(c.Segments[s].Stages)
			for i := range c.Segments[s].Stages {
				if !c.IsCompetitor(i) {
					c.Segments[s].Stages[i].RevenueGrowth = rapid.Float64Range(0, 1).Draw(t, "g")
					c.Segments[s].Stages[i].RevenueCap = 1
				}
				c.Segments[s].Stages[i].Renewal = rapid.Float64Range(0, 1).Draw(t, "unused renewal")
			}
		}
		a, b := mustRun(t, m), mustRun(t, &c)
		if !slices.Equal(a.Cells, b.Cells) || !slices.Equal(a.Totals, b.Totals) {
			t.Fatal("cells differ")
		}
		ma, mb := a.Summary.Market, b.Summary.Market
		if (ma == nil) == m.HasCompetitors() || fmt.Sprint(ma) != fmt.Sprint(mb) {
			t.Fatalf("market\n%v\nwant\n%v", mb, ma)
		}
		a.Summary.Market, b.Summary.Market = nil, nil // compared above; a pointer prints as its address
		if fmt.Sprint(a.Summary) != fmt.Sprint(b.Summary) {
			t.Fatalf("summary\n%v\nwant\n%v", b.Summary, a.Summary)
		}
	})
}

// TestSureRenewalIsNoRenewal: contracts that every customer renews
// without a discount change no figure (to rounding: the chain has k
// tenure states that add up in another order). In about half the draws
// some stages are competitors': the market's shares by period and its
// steady state do not change either.
func TestSureRenewalIsNoRenewal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 24).Draw(t, "horizon"), 0.01)
		if rapid.Bool().Draw(t, "competitors") {
			withRivals(t, m)
		}
		a := mustRun(t, m)
		m.RenewalEvery = rapid.IntRange(1, 12).Draw(t, "every")
		for s := range m.Segments {
			for i := range m.Segments[s].Stages {
				m.Segments[s].Stages[i].Renewal = 1
			}
		}
		b := mustRun(t, m)
		for tt := range a.Totals {
			x, y := a.Totals[tt], b.Totals[tt]
			if math.Abs(x.DiscountedNetCashFlow-y.DiscountedNetCashFlow) > 1e-9*math.Max(1, math.Abs(x.Revenue)+math.Abs(x.NetCashFlow)) {
				t.Fatalf("period %d: %v, want %v", tt, y.DiscountedNetCashFlow, x.DiscountedNetCashFlow)
			}
		}
		if d := math.Abs(a.Summary.CLV - b.Summary.CLV); d > 1e-9*math.Max(1, math.Abs(a.Summary.CLV)) {
			t.Fatalf("CLV %v, want %v", b.Summary.CLV, a.Summary.CLV)
		}
		ma, mb := a.Summary.Market, b.Summary.Market
		if ma == nil || mb == nil {
			if ma != mb {
				t.Fatalf("market %v, want %v", mb, ma)
			}
			return
		}
		for tt := range ma.Share {
			if math.Abs(ma.Share[tt]-mb.Share[tt]) > 1e-12 {
				t.Fatalf("period %d: share %v, want %v", tt, mb.Share[tt], ma.Share[tt])
			}
		}
		stay := longestStay(m)
		if stay > 1e9 {
			return // the steady state's system is singular to rounding: LU's verdict depends on the states' order
		}
		if ma.Closed != mb.Closed || ma.SteadyShare.Defined != mb.SteadyShare.Defined {
			t.Fatalf("steady state %+v, want %+v", mb, ma)
		}
		for i := range ma.Steady {
			if math.Abs(ma.Steady[i]-mb.Steady[i]) > 1e-9+1e-14*stay {
				t.Fatalf("stage %d: steady %v, want %v", i, mb.Steady[i], ma.Steady[i])
			}
		}
	})
}

// TestTenureValidate: the levers' values are checked, and a growth so
// slow that the cap takes longer than MaxTenure periods is refused.
func TestTenureValidate(t *testing.T) {
	for _, c := range []struct {
		set  func(*Model)
		want string
	}{
		{func(m *Model) { m.Segments[0].Stages[0].RevenueGrowth = -0.1 }, `stage "loyal": revenue growth -0.1, must be in [0, 1]`},
		{func(m *Model) { m.Segments[0].Stages[0].RevenueGrowth = 0.1 }, `stage "loyal": revenue cap 0, must be in [1, 1000] with revenue growth 0.1`},
		{func(m *Model) {
			m.Segments[0].Stages[0].RevenueGrowth, m.Segments[0].Stages[0].RevenueCap = 0.0001, 2
		}, `revenue growth 0.0001 reaches the cap 2 after more than 1200 periods`},
		{func(m *Model) {
			m.Segments[0].Stages[0].RevenueGrowth, m.Segments[0].Stages[0].RevenueCap = 0.001, 2
		}, `694 tenure states × 1 stages = 694 active states`}, // allowed: no error
		{func(m *Model) {
			m.Segments[0].Stages[0].RevenueGrowth, m.Segments[0].Stages[0].RevenueCap = 0.0006, 2
		}, `1156 tenure states × 1 stages`}, // allowed too
		{func(m *Model) { m.RenewalEvery = 12; m.Segments[0].Stages[0].Renewal = 1.5 }, `stage "loyal": renewal probability 1.5, must be in [0, 1]`},
		{func(m *Model) { m.RenewalEvery = -1 }, `renewal every -1 periods, must be in [0, 1200]`},
	} {
		m := oneStage(Month, 12, 0.1, 10, 0.9, CashEnd)
		c.set(m)
		err := m.Validate()
		allowed := strings.Contains(c.want, "tenure states ×")
		switch {
		case allowed && err != nil:
			t.Errorf("%s: refused: %v", c.want, err)
		case !allowed && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("error %v, want it to say %q", err, c.want)
		}
	}
	m := oneStage(Month, 12, 0.1, 10, 0.9, CashEnd)
	m.StageIDs = []string{"a", "b"}
	m.Segments[0].Stages = []Economics{{Revenue: 1, RevenueGrowth: 0.001, RevenueCap: 2}, {}}
	m.Segments[0].Transition = [][]float64{{0.5, 0}, {0, 0.5}}
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "695 tenure states × 2 stages = 1390 active states, at most 1200 are allowed") {
		t.Errorf("error %v, want the active states refused", err)
	}
}

// TestStepWithTenureDoesNotAllocate: the step stays allocation-free with
// growth and renewal.
func TestStepWithTenureDoesNotAllocate(t *testing.T) {
	m := bigModel(4, 2, 1200)
	m.RenewalEvery = 12
	for s := range m.Segments {
		for i := range m.Segments[s].Stages {
			e := &m.Segments[s].Stages[i]
			e.RevenueGrowth, e.RevenueCap, e.Renewal, e.RenewalDiscount = 0.02, 2, 0.8, 5
		}
	}
	e, err := NewEngine(m)
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(500, func() { e.Step() }); n != 0 {
		t.Errorf("Step allocates %v times per period, want 0", n)
	}
}

// BenchmarkStepTenure measures one period step of the bench model with
// monthly growth of 2% up to 2× and yearly renewal: 48 tenure states.
func BenchmarkStepTenure(b *testing.B) {
	m := bigModel(4, 1, MaxHorizon)
	m.RenewalEvery = 12
	for i := range m.Segments[0].Stages {
		e := &m.Segments[0].Stages[i]
		e.RevenueGrowth, e.RevenueCap, e.Renewal = 0.02, 2, 0.8
	}
	e, err := NewEngine(m)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if !e.Step() {
			b.StopTimer()
			e, _ = NewEngine(e.m)
			b.StartTimer()
		}
	}
}

// longestStay returns the longest expected stay of a customer in one
// state of m's chains, 1/(the share leaving it a period): for a stage,
// to other stages (and, for ours, out of the market); for the lost pool
// kept for ever (window 0), by win-back; 1 when every state is left at
// once or kept for ever. The steady state's system I − A has a condition
// number of about that order, so its solutions, over chains whose states
// come in different orders, agree to about 1e−14 of it; above 1e9 LU may
// call one singular and not the other.
func longestStay(m *Model) float64 {
	stay := 1.0
	for s := range m.Segments {
		for k := range m.Segments[s].ClassCount() {
			for i, row := range m.Class(s, k).Transition {
				away := 0.0
				for j, p := range row {
					if j != i {
						away += p
					}
				}
				if !m.IsCompetitor(i) {
					away += max(0, 1-RowSum(row))
				}
				if away > 0 {
					stay = max(stay, 1/away)
				}
			}
		}
	}
	if w := m.Winback; w.Rate > 0 && w.Window == 0 {
		stay = max(stay, 1/w.Rate)
	}
	return stay
}
