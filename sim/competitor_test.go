package sim

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

// twoBrands is a closed market of two brands: ours ("a", revenue 10 a
// period) and a competitor's ("b"). Each period a share away of our
// customers switch to b and a share back of b's return to us. 100
// customers are ours and 50 the competitor's at period 0; no one is
// acquired, the horizon is 2 periods and the discount rate 0.
func twoBrands(away, back float64) *Model {
	return &Model{
		StageIDs: []string{"a", "b"}, Competitor: []bool{false, true},
		Period: Month, Horizon: 2, NewCustomers: []float64{0, 0},
		Segments: []Segment{{
			ID: "all", Share: 1,
			Stages:     []Economics{{Revenue: 10}, {}},
			Transition: [][]float64{{1 - away, away}, {back, 1 - back}},
			Existing:   []float64{100, 50},
		}},
	}
}

// TestTwoBrandsByHand: away a = 0.2, back b = 0.3.
//   - Steady share p = b/(a+b) = 0.3/0.5 = 0.6 (π·P = π for the 2×2 chain:
//     π_a·a = π_b·b).
//   - Period 0: 100 ours, 50 theirs, share 100/150; at its end 100·0.2 = 20
//     switch to b (churn to a competitor) and 50·0.3 = 15 come back (wins
//     from a competitor), none churns out of the market.
//   - Period 1: ours 100 − 20 + 15 = 95, theirs 55, share 95/150.
//   - Customer equity: 10·(100 + 95) = 1950 (rate 0); CLV counts our
//     stage only: nobody is acquired, so the existing base is all of it.
func TestTwoBrandsByHand(t *testing.T) {
	r := run(t, twoBrands(0.2, 0.3))
	mk := r.Summary.Market
	if mk == nil || !mk.SteadyShare.Defined || !mk.Closed {
		t.Fatalf("market %+v: want a defined, closed steady state", mk)
	}
	closeTo(t, "steady share", mk.SteadyShare.Value, 0.6, 1e-14)
	closeTo(t, "steady share of b", mk.Steady[1], 0.4, 1e-14)
	closeTo(t, "share in period 0", mk.Share[0], 100.0/150, 1e-15)
	closeTo(t, "share in period 1", mk.Share[1], 95.0/150, 1e-15)
	closeTo(t, "b's share in period 1", r.MarketShare(1, 1), 55.0/150, 1e-15)
	p0 := r.Totals[0]
	closeTo(t, "our customers in period 0", p0.Customers, 100, 0)
	closeTo(t, "competitor customers in period 0", p0.Rivals, 50, 0)
	closeTo(t, "churn to b", p0.ToRivals, 20, 1e-15)
	closeTo(t, "wins from b", p0.FromRivals, 15, 1e-15)
	if p0.Churned != 0 || p0.WonBack != 0 {
		t.Errorf("period 0 churned %v out of the market and won back %v, want 0 and 0", p0.Churned, p0.WonBack)
	}
	closeTo(t, "our customers in period 1", r.Cell(1, 0, 0).Customers, 95, 1e-15)
	closeTo(t, "customer equity", r.Summary.CustomerEquity, 1950, 1e-15)
	if c := r.Cell(0, 0, 1); c.Customers != 0 || c.Rivals != 50 {
		t.Errorf("competitor cell: %v customers and %v rivals, want 0 and 50", c.Customers, c.Rivals)
	}
}

// TestCompetitorKeepsWhatItsRowLeaves: a competitor row written as
// "to a: 0.3" keeps the other 0.7 with the competitor: the market stays
// closed and the steady share is 0.3/(0.2+0.3) = 0.6 as with the full row.
func TestCompetitorKeepsWhatItsRowLeaves(t *testing.T) {
	m := twoBrands(0.2, 0.3)
	m.Segments[0].Transition[1] = []float64{0.3, 0}
	r := run(t, m)
	closeTo(t, "steady share", r.Summary.Market.SteadyShare.Value, 0.6, 1e-14)
	closeTo(t, "theirs in period 1", r.Totals[1].Rivals, 50-15+20, 1e-14)
	if lost := r.Cell(1, 0, 2).Customers; lost != 0 {
		t.Errorf("%v customers left the market from the competitor's stage, want 0", lost)
	}
}

// TestOpenMarketSteadyState: one stage of ours (stay 0.5, switch 0.3 to
// the competitor, churn 0.2 out of the market) and a competitor that
// sends 0.1 back. A new customer spends v = e·(I − A)⁻¹ periods in each
// stage: v_a = 1 + 0.5·v_a + 0.1·v_b, v_b = 0.3·v_a + 0.9·v_b, so
// v_b = 3·v_a and v_a = 1 + 0.5·v_a + 0.3·v_a, v_a = 5, v_b = 15: the
// steady share with acquisition going on is 5/20 = 0.25.
func TestOpenMarketSteadyState(t *testing.T) {
	m := twoBrands(0.3, 0.1)
	m.Segments[0].Transition[0] = []float64{0.5, 0.3}
	m.Horizon, m.NewCustomers = 1200, constant(1200, 10)
	m.Segments[0].Existing = nil
	r := run(t, m)
	mk := r.Summary.Market
	if mk.Closed || !mk.SteadyShare.Defined {
		t.Fatalf("market %+v: want an open, defined steady state", mk)
	}
	closeTo(t, "steady share", mk.SteadyShare.Value, 0.25, 1e-14)
	// With 10 new customers a period for 1200 periods the market has
	// converged: the stock falls short of 10·v by 10·e·A^1200·(I − A)⁻¹,
	// and A's larger eigenvalue is (1.4 + √0.28)/2 ≈ 0.9646
	// (trace 1.4, determinant 0.42): 0.9646^1200 ≈ 2e−19.
	closeTo(t, "share in the last period", mk.Share[1199], 0.25, 1e-12)
	closeTo(t, "our customers in the last period", r.Cell(1199, 0, 0).Customers, 50, 1e-12)
}

// TestSharePointByHand: the two brands of TestTwoBrandsByHand (a = 0.2,
// b = 0.3, p = 0.6).
//   - Row a: moving a fraction f of a's switching to b back to a's stay
//     makes a' = 0.2·(1 − f); p' = 0.3/(a' + 0.3) = 0.61 needs
//     a' = 0.3·0.39/0.61 = 0.19180327868852459, f = 1 − a'/0.2. Customer
//     equity changes in period 1 only: 10·100·(0.2 − a') =
//     8.19672131147541.
//   - Row b (the competitor's): its stay 0.7 goes to a by f, b' = 0.3 +
//     0.7·f; p' = b'/(0.2 + b') = 0.61 needs b' = 0.61·0.2/0.39; equity
//     gains 10·50·(b' − 0.3) = 6.41025641025641.
func TestSharePointByHand(t *testing.T) {
	m := twoBrands(0.2, 0.3)
	r := run(t, m)
	sp := SharePoints(m, r)
	if len(sp) != 2 || sp[0].Row != 0 || sp[1].Row != 1 {
		t.Fatalf("share points %+v, want rows a and b", sp)
	}
	a1 := 0.3 * 0.39 / 0.61
	closeTo(t, "row a's fraction", sp[0].Fraction, 1-a1/0.2, 1e-12)
	closeTo(t, "row a's value", sp[0].Value.Value, 1000*(0.2-a1), 1e-9)
	closeTo(t, "row a's value (hand)", sp[0].Value.Value, 8.19672131147541, 1e-9)
	b1 := 0.61 * 0.2 / 0.39
	closeTo(t, "row b's fraction", sp[1].Fraction, (b1-0.3)/0.7, 1e-12)
	closeTo(t, "row b's value", sp[1].Value.Value, 6.41025641025641, 1e-9)
	// The share it buys is one point: the steady share at the fraction.
	d, _ := m.withSwitching(0, sp[0].Fraction).SteadyState()
	closeTo(t, "steady share at row a's fraction", d[0], 0.61, 1e-13)
}

// TestSharePointOutOfReach: with a = 0.003 (p = 0.3/0.303 ≈ 0.9901) a
// point of share is out of every row's reach: row a can add at most
// p(a=0) − p = 1 − 0.3/0.303 ≈ 0.0099, and row b at most
// 1/1.003 − p ≈ 0.0069 (b' = 1): both undefined. With a = 0.2 both rows
// reach it (TestSharePointByHand).
func TestSharePointOutOfReach(t *testing.T) {
	m := twoBrands(0.003, 0.3)
	for _, sp := range SharePoints(m, run(t, m)) {
		if sp.Value.Defined {
			t.Errorf("row %d: value %v, want undefined", sp.Row, sp.Value)
		}
	}
}

// TestCompetitorValidation: competitor stages with economics, as the
// entry or win-back stage, every stage a competitor and a wrong number
// of flags are refused, each named.
func TestCompetitorValidation(t *testing.T) {
	for _, c := range []struct {
		edit func(*Model)
		want string
	}{
		{func(m *Model) { m.Segments[0].Stages[1].Revenue = 1 }, `stage "b" is a competitor's and has economics`},
		{func(m *Model) { m.Entry = 1 }, `entry stage "b" is a competitor's`},
		{func(m *Model) { m.Winback = Winback{Rate: 0.1, To: 1} }, `win-back stage "b" is a competitor's`},
		{func(m *Model) { m.Competitor = []bool{true, true} }, "at least one must be ours"},
		{func(m *Model) { m.Competitor = []bool{true} }, "1 competitor flags for 2 stages"},
	} {
		m := twoBrands(0.2, 0.3)
		c.edit(m)
		err := m.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}

// withRivals marks a random set of m's stages as competitors (never the
// entry or win-back stage, and not all), with no economics.
func withRivals(t *rapid.T, m *Model) {
	n := len(m.StageIDs)
	m.Competitor = make([]bool, n)
	for i := range n {
		if i != m.Entry && (m.Winback.Rate == 0 || i != m.Winback.To) {
			m.Competitor[i] = rapid.Bool().Draw(t, "competitor")
		}
	}
	for s := range m.Segments {
		for i := range n {
			if m.Competitor[i] {
				m.Segments[s].Stages[i] = Economics{}
			}
		}
	}
}

// TestMarketConservation: with competitor stages, in every period and
// segment our customers + the competitors' + the lost = acquired and
// existing so far (no one leaves from a competitor); our customers
// change by new − churned − churned to a competitor + won from a
// competitor + won back, a period late. About half the draws have the
// tenure levers too (randomTenure): renewal's churn is churn out of the
// market, and a competitor's customers renew nothing.
func TestMarketConservation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 48).Draw(t, "horizon"), 0)
		withRivals(t, m)
		if rapid.Bool().Draw(t, "tenure") {
			randomTenure(t, m)
		}
		for s := range m.Segments {
			ex := make([]float64, len(m.StageIDs))
			for i := range ex {
				ex[i] = rapid.Float64Range(0, 1000).Draw(t, "existing")
			}
			m.Segments[s].Existing = ex
		}
		r := mustRun(t, m)
		n := len(m.StageIDs)
		for s, seg := range m.Segments {
			total := 0.0
			for _, e := range seg.Existing {
				total += e
			}
			var prev Flows
			for tt := range m.Horizon {
				total += m.NewCustomers[tt] * seg.Share
				var sum Flows
				for i := range n {
					sum.Add(r.Cell(tt, s, i))
				}
				lost := r.Cell(tt, s, n)
				tol := 1e-9 * math.Max(1, total)
				if d := sum.Customers + sum.Rivals + lost.Customers - total; math.Abs(d) > tol {
					t.Fatalf("segment %d period %d: ours %v + theirs %v + lost %v ≠ %v", s, tt, sum.Customers, sum.Rivals, lost.Customers, total)
				}
				if tt > 0 {
					want := prev.Customers - prev.Churned - prev.ToRivals + prev.FromRivals + prev.WonBack + m.NewCustomers[tt]*seg.Share
					if d := sum.Customers - want; math.Abs(d) > tol {
						t.Fatalf("segment %d period %d: ours %v, want %v", s, tt, sum.Customers, want)
					}
				}
				prev = sum
				prev.WonBack = lost.WonBack
			}
		}
	})
}

// TestNoCompetitorChangesNothing: a model whose competitor flags are all
// false runs as the same model without flags, bit for bit.
func TestNoCompetitorChangesNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 36).Draw(t, "horizon"), 0)
		a := mustRun(t, m)
		flagged := *m
		flagged.Competitor = make([]bool, len(m.StageIDs))
		b := mustRun(t, &flagged)
		for k := range a.Cells {
			if a.Cells[k] != b.Cells[k] {
				t.Fatalf("cell %d: %+v, with all-false flags %+v", k, a.Cells[k], b.Cells[k])
			}
		}
		sa, sb := a.Summary, b.Summary
		if sa.CLV != sb.CLV || sa.CustomerEquity != sb.CustomerEquity || sa.CLVInfinite != sb.CLVInfinite || sa.ExpectedLifetime != sb.ExpectedLifetime {
			t.Fatalf("summary %+v, with all-false flags %+v", sa.Value, sb.Value)
		}
		if sa.Market != nil || sb.Market != nil {
			t.Fatalf("a market without competitors")
		}
	})
}

// closedMarket draws a closed market: 2–6 stages, entry 0 ours, the
// last a competitor's, every
// row positive and summing to 1 (irreducible and aperiodic), existing
// customers in every stage, no acquisition.
func closedMarket(t *rapid.T, horizon int) *Model {
	n := rapid.IntRange(2, 6).Draw(t, "stages")
	m := &Model{StageIDs: make([]string, n), Competitor: make([]bool, n), Period: Year, Horizon: horizon,
		NewCustomers: make([]float64, horizon)}
	seg := Segment{ID: "all", Share: 1, Stages: make([]Economics, n), Transition: make([][]float64, n), Existing: make([]float64, n)}
	for i := range n {
		m.StageIDs[i] = string(rune('a' + i))
		m.Competitor[i] = i == n-1 || i > 0 && rapid.Bool().Draw(t, "competitor")
		if !m.Competitor[i] {
			seg.Stages[i].Revenue = rapid.Float64Range(0, 100).Draw(t, "revenue")
		}
		w, sum := make([]float64, n), 0.0
		for j := range w {
			w[j] = rapid.Float64Range(0.05, 1).Draw(t, "weight")
			sum += w[j]
		}
		for j := range w {
			w[j] /= sum
		}
		seg.Transition[i] = w
		seg.Existing[i] = rapid.Float64Range(0, 1000).Draw(t, "existing")
	}
	seg.Existing[0]++
	m.Segments = []Segment{seg}
	return m
}

// TestSteadyStateIsTheEigenvector: a closed market's steady state is the
// left eigenvector of its switching matrix for eigenvalue 1, normalised
// (gonum's mat.Eigen, an independent computation), and a long run's
// market shares reach it: with every entry ≥ 0.05/1.3 the chain mixes
// at least as fast as (1 − 6·0.038)^t, far below 1e−12 after 400 periods.
func TestSteadyStateIsTheEigenvector(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := closedMarket(t, 400)
		r := mustRun(t, m)
		mk := r.Summary.Market
		if !mk.Closed || !mk.SteadyShare.Defined {
			t.Fatalf("market %+v: want a closed, defined steady state", mk)
		}
		pi := leftEigenvector(m.Segments[0].Transition)
		for i, p := range pi {
			if math.Abs(mk.Steady[i]-p) > 1e-12 {
				t.Fatalf("stage %d: steady %v, eigenvector %v", i, mk.Steady[i], p)
			}
			if got := r.MarketShare(m.Horizon-1, i); math.Abs(got-p) > 1e-9 {
				t.Fatalf("stage %d: share after %d periods %v, steady %v", i, m.Horizon, got, p)
			}
		}
	})
}

// leftEigenvector returns the left eigenvector of the stochastic matrix
// p for the eigenvalue nearest 1, normalised to sum 1, by mat.Eigen.
func leftEigenvector(p [][]float64) []float64 {
	n := len(p)
	a := mat.NewDense(n, n, nil)
	for i, row := range p {
		a.SetRow(i, row)
	}
	var eig mat.Eigen
	if !eig.Factorize(a, mat.EigenLeft) {
		panic("eigen decomposition failed")
	}
	vals := eig.Values(nil)
	best := 0
	for k, v := range vals {
		if math.Abs(real(v)-1)+math.Abs(imag(v)) < math.Abs(real(vals[best])-1)+math.Abs(imag(vals[best])) {
			best = k
		}
	}
	var vecs mat.CDense
	eig.LeftVectorsTo(&vecs)
	pi, sum := make([]float64, n), 0.0
	for i := range n {
		pi[i] = real(vecs.At(i, best))
		sum += pi[i]
	}
	for i := range pi {
		pi[i] /= sum
	}
	return pi
}

// TestOpenMarketStaysInItsSteadyState: a market with churn out of it
// and constant acquisition a, started in its steady stock (a·v, v = e·(I
// − A)⁻¹ the closed form's expected periods per new customer), stays
// there: every period's share is SteadyShare, to rounding. (A long run
// reaches it only as fast as A's largest eigenvalue decays, which a
// random market may hold near 1; TestOpenMarketSteadyState runs a long
// horizon where it does not.)
func TestOpenMarketStaysInItsSteadyState(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := closedMarket(t, rapid.IntRange(1, 120).Draw(t, "horizon"))
		m.NewCustomers = constant(m.Horizon, 100)
		seg := &m.Segments[0]
		for i := range seg.Transition {
			if !m.Competitor[i] {
				keep := rapid.Float64Range(0.3, 0.99).Draw(t, "keep") // the rest churns out of the market
				for j := range seg.Transition[i] {
					seg.Transition[i][j] *= keep
				}
			}
		}
		c := newChain(len(m.StageIDs), 1, 0)
		c.fill(seg, m.Winback, m.RenewalEvery, m.Competitor)
		v, ok := c.timeIn(c.reachable(m.Entry), m.Entry)
		if !ok {
			t.Fatal("no expected periods")
		}
		// The stock at the start of a period, before its acquisition:
		// a·v less the period's new customers in the entry stage.
		for i := range v {
			seg.Existing[i] = 100 * v[i]
		}
		seg.Existing[m.Entry] -= 100
		r := mustRun(t, m)
		mk := r.Summary.Market
		if mk.Closed || !mk.SteadyShare.Defined {
			t.Fatalf("market %+v: want an open, defined steady state", mk)
		}
		for tt, s := range mk.Share {
			if math.Abs(s-mk.SteadyShare.Value) > 1e-12 {
				t.Fatalf("period %d: share %v, steady %v", tt, s, mk.SteadyShare.Value)
			}
		}
	})
}

// TestCompetitorStepDoesNotAllocate: competitor stages add no allocation
// to a step.
func TestCompetitorStepDoesNotAllocate(t *testing.T) {
	m := twoBrands(0.2, 0.3)
	m.Horizon, m.NewCustomers = 1000, constant(1000, 5)
	e, err := NewEngine(m)
	if err != nil {
		t.Fatal(err)
	}
	if a := testing.AllocsPerRun(100, func() { e.Step() }); a != 0 {
		t.Errorf("Step allocates %v times", a)
	}
}
