package sim

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

// Tenure levers and competitor stages together (tenure.go, market.go): a
// competitor's stage has tenure state 0 only, and a win from it starts a
// new relationship at tenure 0.

// twoBrandsWithContracts is twoBrands (ours "a", the competitor "b") with
// contracts of two periods: a keeps 0.8 and sends 0.2 to b each period,
// renewing at the end of τ = 1, 3, … with probability 0.75 (the others
// leave the market); b sends 0.4 back. a's revenue 10 doubles each period
// of tenure up to 4× (multiples 1, 2, 4).
func twoBrandsWithContracts() *Model {
	m := twoBrands(0.2, 0.4)
	m.RenewalEvery = 2
	a := &m.Segments[0].Stages[0]
	a.Renewal, a.RevenueGrowth, a.RevenueCap = 0.75, 1, 4
	m.Horizon, m.NewCustomers = 3, []float64{0, 0, 0}
	return m
}

// TestTwoBrandsWithContractsByHand: the market of twoBrandsWithContracts,
// 100 of ours and 50 of b's at period 0.
//
// The chain: the cap is reached at τ* = ⌈ln 4/ln 2⌉ = 2, so L = 4 tenure
// states (the smallest multiple of 2 with L − 2 ≥ 2); b has one state.
//
// Periods, following each group:
//   - period 0: a 100 at τ = 0 (revenue 10 each), b 50. At its end 80
//     stay (τ = 1), 20 go to b; b sends 20 to a, at τ = 0 (a win starts a
//     new relationship), and keeps 30.
//   - period 1: a 80 at τ = 1 (20 each) + 20 at τ = 0 (10 each): revenue
//     1,600 + 200 = 1,800; b 30 + 20 = 50. τ = 1 is a renewal date: of the
//     80, 60 renew and 20 leave the market (churned); of the 60, 48 stay
//     (τ = 2) and 12 go to b; of the 20 at τ = 0, 16 stay (τ = 1) and 4 go
//     to b: 16 to competitors. b sends 20 back (wins) and keeps 30.
//   - period 2: a 48 at τ = 2 (40 each) + 16 at τ = 1 (20) + 20 at τ = 0
//     (10): revenue 1,920 + 320 + 200 = 2,440, 84 customers; b 30 + 12 + 4
//     = 46; lost 20; the market 130, our share 84/130.
//
// The steady state with acquisition going on: per new customer, a0, a1
// the expected periods in a at tenure phase 0 and 1 of a contract and b
// those in b: a1 = 0.8·a0, b·0.4 = 0.2·(a0 + 0.75·a1) and a0 = 1 +
// 0.75·0.8·a1 + 0.4·b. So a0 = 1 + 0.48·a0 + 0.2·a0 + 0.12·a0 = 1 +
// 0.8·a0: a0 = 5, a1 = 4, b = 0.2·8/0.4 = 4, our steady share 9/13.
// (In general a0 = 1/((1−s)(1−r)) for switching s and renewal r.)
func TestTwoBrandsWithContractsByHand(t *testing.T) {
	m := twoBrandsWithContracts()
	if l := m.TenureStates(); l != 4 {
		t.Fatalf("tenure states %d, want 4", l)
	}
	r := run(t, m)
	closeTo(t, "revenue in period 0", r.Totals[0].Revenue, 1000, 0)
	closeTo(t, "revenue in period 1", r.Totals[1].Revenue, 1800, 1e-15)
	closeTo(t, "revenue in period 2", r.Totals[2].Revenue, 2440, 1e-15)
	p1 := r.Totals[1]
	closeTo(t, "churned out of the market in period 1", p1.Churned, 20, 1e-15)
	closeTo(t, "churned to b in period 1", p1.ToRivals, 16, 1e-15)
	closeTo(t, "won from b in period 1", p1.FromRivals, 20, 1e-15)
	closeTo(t, "ours in period 2", r.Cell(2, 0, 0).Customers, 84, 1e-15)
	closeTo(t, "b's in period 2", r.Totals[2].Rivals, 46, 1e-15)
	closeTo(t, "lost in period 2", r.Cell(2, 0, 2).Customers, 20, 1e-15)
	mk := r.Summary.Market
	closeTo(t, "share in period 2", mk.Share[2], 84.0/130, 1e-15)
	if mk.Closed || !mk.SteadyShare.Defined {
		t.Fatalf("market %+v: want an open, defined steady state", mk)
	}
	closeTo(t, "steady share", mk.SteadyShare.Value, 9.0/13, 1e-14)
	closeTo(t, "b's steady share", mk.Steady[1], 4.0/13, 1e-14)

	// With 10 new customers a period for 1200 periods the market reaches
	// its steady state: the stock falls short of 10·v by 10·e·A^1200·(I −
	// A)⁻¹. From any state a customer leaves the market within three
	// periods with probability at least 0.4·0.8·0.25 = 0.08 (from b: won
	// back at phase 0, phase 1, then not renewing), so the rows of A³ sum
	// to at most 0.92 and those of A^1200 to at most 0.92^400 ≈ 3e−15.
	m.Horizon, m.NewCustomers = 1200, constant(1200, 10)
	m.Segments[0].Existing = nil
	long := run(t, m)
	closeTo(t, "share in the last period", long.Summary.Market.Share[1199], 9.0/13, 1e-12)
	closeTo(t, "ours in the last period", long.Cell(1199, 0, 0).Customers, 90, 1e-12)
	closeTo(t, "b's in the last period", long.Totals[1199].Rivals, 40, 1e-12)
}

// TestYearlyContractsInATwoBrandMarketByHand: monthly periods and yearly
// contracts (k = 12): our brand keeps q = 0.9 a month and sends s = 0.1
// to the competitor, whose customers come back at w = 0.3 a month; 80%
// renew at each contract's end (r = 0.8), the others leave the market.
// Per new customer, with a_τ the expected months at tenure phase τ of a
// contract (every return from the competitor starts at phase 0):
//
//	a_τ = q^τ·a0 (τ < 12), a0 = 1 + r·q·a11 + w·b,
//	w·b = s·(a0 + … + a10) + r·s·a11 = a0·(1 − q^11) + r·s·q^11·a0,
//
// so a0 = 1 + a0·(1 − q^11) + r·q^11·a0·(q + s) = 1 + a0·(1 − (1 − r)·q^11):
// a0 = 1/((1 − r)·q^11) = 15.933177726624674; ours Σa_τ = a0·(1 − q^12)/s
// = 114.33177726624675, b = 37.77725908874891 and our steady share
// 0.7516435578450221 (Python, and an iteration of v = e + v·A to the same
// digits). A new customer stays 152 months in the market on average, so
// a run reaches this mix only over decades (after 100 years its share is
// still 1e−6 off): the steady state is the long run's, not the horizon's.
func TestYearlyContractsInATwoBrandMarketByHand(t *testing.T) {
	q, s, w, r := 0.9, 0.1, 0.3, 0.8
	a0 := 1 / ((1 - r) * math.Pow(q, 11))
	ours := a0 * (1 - math.Pow(q, 12)) / s
	b := (a0*(1-math.Pow(q, 11)) + r*s*q*math.Pow(q, 10)*a0) / w
	closeTo(t, "hand a0", a0, 15.933177726624674, 1e-14)
	closeTo(t, "hand share", ours/(ours+b), 0.7516435578450221, 1e-14)

	m := twoBrands(s, w)
	m.RenewalEvery = 12
	m.Segments[0].Stages[0].Renewal = r
	m.Horizon, m.NewCustomers = 12, constant(12, 10)
	mk := run(t, m).Summary.Market
	if mk.Closed || !mk.SteadyShare.Defined {
		t.Fatalf("market %+v: want an open, defined steady state", mk)
	}
	closeTo(t, "steady share", mk.SteadyShare.Value, 0.7516435578450221, 1e-13)
	closeTo(t, "b's steady share", mk.Steady[1], b/(ours+b), 1e-13)
}

// TestSharePointWithContractsByHand: the market of
// twoBrandsWithContracts, our steady share 9/13 (b's switching
// s = 0.2, renewal r = 0.75, return w = 0.4). With a switching s', q = 1
// − s', ours = a0·(1 + q) and b = s'·a0·(1 + r·q)/w, so b/ours = R with
// R = s'·(1 + r·(1 − s'))/(w·(2 − s')).
//   - Row a: the share t = 9/13 + 0.01 needs R = (1 − t)/t, so
//     r·s'² − (1 + r + R·w)·s' + 2·R·w = 0 (the smaller root), and the
//     fraction is 1 − s'/0.2.
//   - Row b: ours is unchanged (9 per new customer) and b = 1.6/w', so
//     t = 9/(9 + 1.6/w') needs w' = 1.6·t/(9·(1 − t)); the fraction moves
//     b's stay 0.6 to a: f = (w' − 0.4)/0.6.
func TestSharePointWithContractsByHand(t *testing.T) {
	m := twoBrandsWithContracts()
	m.Horizon, m.NewCustomers = 24, constant(24, 10)
	sp := SharePoints(m, run(t, m))
	if len(sp) != 2 || !sp[0].Value.Defined || !sp[1].Value.Defined {
		t.Fatalf("share points %+v, want both rows defined", sp)
	}
	tt := 9.0/13 + 0.01
	R, r, w := (1-tt)/tt, 0.75, 0.4
	bq := 1 + r + R*w
	s1 := (bq - math.Sqrt(bq*bq-4*r*2*R*w)) / (2 * r)
	closeTo(t, "row a's fraction", sp[0].Fraction, 1-s1/0.2, 1e-12)
	w1 := 1.6 * tt / (9 * (1 - tt))
	closeTo(t, "row b's fraction", sp[1].Fraction, (w1-0.4)/0.6, 1e-12)
	for _, p := range sp {
		if !(p.Value.Value > 0) {
			t.Errorf("row %d: a point of share worth %v, want more equity", p.Row, p.Value)
		}
	}
}

// expanded builds the transition matrix of class seg of m over its
// expanded states, from the rules of docs/scenarios.md ("Tenure",
// "Competitors") and not from the engine's Chain: stage i at tenure
// state τ is τ·n+i, the lost states follow. It returns the matrix (rows
// may sum to less than 1: the rest leaves for good) and the number of
// active states.
func expanded(m *Model, seg *Segment) ([][]float64, int) {
	n, L, k := len(m.StageIDs), m.TenureStates(), m.RenewalEvery
	lost := LostStates(m.Winback)
	active := n * L
	p := make([][]float64, active+lost)
	for i := range p {
		p[i] = make([]float64, active+lost)
	}
	for τ := range L {
		next := τ + 1
		if next == L {
			next = L - 1
			if k > 0 {
				next = L - k
			}
		}
		for i := range n {
			row, from := seg.Transition[i], τ*n+i
			if m.IsCompetitor(i) {
				sum := 0.0
				for j, x := range row {
					p[from][j] += x // a competitor's customers: tenure state 0 only
					sum += x
				}
				p[from][i] += max(0, 1-sum) // the rest stays with it
				continue
			}
			keep := 1.0
			if k > 0 && τ%k == k-1 {
				keep = seg.Stages[i].Renewal
			}
			sum := 0.0
			for j, x := range row {
				to := next*n + j
				if m.IsCompetitor(j) {
					to = j
				}
				p[from][to] += keep * x
				sum += keep * x
			}
			if lost > 0 {
				p[from][active] += max(0, 1-sum)
			}
		}
	}
	for l := range lost {
		p[active+l][m.Winback.To] += m.Winback.Rate
		switch {
		case m.Winback.Window == 0:
			p[active+l][active+l] += 1 - m.Winback.Rate
		case l+1 < lost:
			p[active+l][active+l+1] += 1 - m.Winback.Rate
		}
	}
	return p, active
}

// byStage adds the active states of x up by stage (state a is stage a mod
// n) and normalises the sum to 1.
func byStage(x []float64, n, active int) []float64 {
	out, sum := make([]float64, n), 0.0
	for a := range active {
		out[a%n] += x[a]
		sum += x[a]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// withTenure draws tenure levers for the closed market m: revenue growth
// in some of our stages, and contracts every 1–6 periods in about half
// the draws, renewed with probability 0.5–1 (a competitor's renewal, which
// it does not use, drawn too). Unless open, a customer who does not renew
// stays a win-back target for ever (rate 0.5–1, window 0) and the market
// stays closed, as the lost pool is in the chain.
func withTenure(t *rapid.T, m *Model, open bool) {
	seg := &m.Segments[0]
	if rapid.Bool().Draw(t, "contracts") {
		m.RenewalEvery = rapid.IntRange(1, 6).Draw(t, "every")
	}
	for i := range seg.Stages {
		e := &seg.Stages[i]
		e.Renewal = rapid.Float64Range(0.5, 1).Draw(t, "renew")
		if !m.Competitor[i] && rapid.Bool().Draw(t, "grows") {
			e.RevenueGrowth = rapid.Float64Range(0.05, 1).Draw(t, "g")
			e.RevenueCap = rapid.Float64Range(1, 2).Draw(t, "cap")
		}
	}
	if !open && m.RenewalEvery > 0 {
		m.Winback = Winback{Rate: rapid.Float64Range(0.5, 1).Draw(t, "win-back rate")}
	}
}

// TestSteadyStateWithTenureIsTheEigenvector: a closed market with tenure
// levers has the steady state of its expanded chain, the left eigenvector
// for the eigenvalue 1 of the matrix `expanded` builds (gonum's
// mat.Eigen), added up by stage; and a run of 1200 periods reaches it.
// Tenure does not move customers between brands: revenue growth leaves
// the steady state of the switching matrix alone, the eigenvector of the
// stages' chain (TestSteadyStateIsTheEigenvector).
func TestSteadyStateWithTenureIsTheEigenvector(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := closedMarket(t, MaxHorizon)
		withTenure(t, m, false)
		r := mustRun(t, m)
		mk := r.Summary.Market
		if !mk.Closed || !mk.SteadyShare.Defined {
			t.Fatalf("market %+v: want a closed, defined steady state", mk)
		}
		p, active := expanded(m, &m.Segments[0])
		pi := byStage(leftEigenvector(p), len(m.StageIDs), active)
		for i, x := range pi {
			if math.Abs(mk.Steady[i]-x) > 1e-10 {
				t.Fatalf("stage %d: steady %v, eigenvector of the expanded chain %v", i, mk.Steady[i], x)
			}
			if got := r.MarketShare(m.Horizon-1, i); math.Abs(got-x) > 1e-9 {
				t.Fatalf("stage %d: share after %d periods %v, steady %v", i, m.Horizon, got, x)
			}
		}
		if m.RenewalEvery == 0 {
			for i, x := range leftEigenvector(m.Segments[0].Transition) {
				if math.Abs(mk.Steady[i]-x) > 1e-10 {
					t.Fatalf("stage %d: steady %v with growth, %v without", i, mk.Steady[i], x)
				}
			}
		}
	})
}

// TestOpenMarketWithTenureSteadyState: a market that our customers
// leave (churn out of it in their rows, and at contract ends) has the
// steady state with acquisition going on: v = e·(I − A)⁻¹ over the
// expanded chain `expanded` builds, solved by gonum, added up by stage.
func TestOpenMarketWithTenureSteadyState(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := closedMarket(t, rapid.IntRange(1, 24).Draw(t, "horizon"))
		seg := &m.Segments[0]
		for i := range seg.Transition {
			if !m.Competitor[i] {
				keep := rapid.Float64Range(0.3, 0.99).Draw(t, "keep") // the rest churns out of the market
				for j := range seg.Transition[i] {
					seg.Transition[i][j] *= keep
				}
			}
		}
		withTenure(t, m, true)
		mk := mustRun(t, m).Summary.Market
		if mk.Closed || !mk.SteadyShare.Defined {
			t.Fatalf("market %+v: want an open, defined steady state", mk)
		}
		p, active := expanded(m, seg)
		k := len(p)
		ia := mat.NewDense(k, k, nil)
		for i := range k {
			for j := range k {
				x := -p[i][j]
				if i == j {
					x++
				}
				ia.Set(i, j, x)
			}
		}
		var inv mat.Dense
		if err := inv.Inverse(ia); err != nil {
			t.Fatalf("I − A: %v", err)
		}
		v := mat.Row(nil, m.Entry, &inv) // e·(I − A)⁻¹
		for i, x := range byStage(v, len(m.StageIDs), active) {
			if math.Abs(mk.Steady[i]-x) > 1e-10 {
				t.Fatalf("stage %d: steady %v, e·(I − A)⁻¹ %v", i, mk.Steady[i], x)
			}
		}
	})
}

// TestStepWithTenureAndCompetitorsDoesNotAllocate: the step, and the
// refill of a chain, stay allocation-free in a market with growth and
// contracts.
func TestStepWithTenureAndCompetitorsDoesNotAllocate(t *testing.T) {
	m := twoBrandsWithContracts()
	m.RenewalEvery = 12
	m.Segments[0].Stages[0].RevenueGrowth, m.Segments[0].Stages[0].RevenueCap = 0.02, 2
	m.Horizon, m.NewCustomers = 1000, constant(1000, 5)
	e, err := NewEngine(m)
	if err != nil {
		t.Fatal(err)
	}
	if a := testing.AllocsPerRun(500, func() { e.Step() }); a != 0 {
		t.Errorf("Step allocates %v times per period, want 0", a)
	}
	// Refilling a chain (a Monte Carlo trial's Reset, explain's table)
	// does not allocate either.
	c := ChainOf(nil, m, &m.Segments[0])
	if a := testing.AllocsPerRun(100, func() { ChainOf(c, m, &m.Segments[0]) }); a != 0 {
		t.Errorf("ChainOf allocates %v times refilling a chain, want 0", a)
	}
}
