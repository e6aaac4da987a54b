package sim

import "testing"

// TestSteadyStateOfTwoClosedGroups: when neither brand ever loses a
// customer (away = back = 0) the market has two closed groups, π = π·P
// holds for every mix, and the steady state is undefined: the system
// (I − A)ᵀ·π = 0 with Σπ = 1 is singular, which the LU solve reports.
func TestSteadyStateOfTwoClosedGroups(t *testing.T) {
	r := run(t, twoBrands(0, 0))
	mk := r.Summary.Market
	if mk == nil || mk.SteadyShare.Defined {
		t.Fatalf("market %+v: want an undefined steady share", mk)
	}
	c := newChainFor(t, twoBrands(0, 0))
	if pi, ok := c.stationary([]int{0, 1}); ok {
		t.Errorf("stationary of two closed brands: %v, want singular", pi)
	}
	c = newChainFor(t, twoBrands(0.2, 0.3))
	pi, ok := c.stationary([]int{0, 1})
	if !ok {
		t.Fatal("stationary of a = 0.2, b = 0.3: singular")
	}
	closeTo(t, "π_a", pi[0], 0.6, 1e-15) // b/(a+b)
	closeTo(t, "π_b", pi[1], 0.4, 1e-15)
}

// newChainFor returns the chain of m's first segment.
func newChainFor(t *testing.T, m *Model) *Chain {
	t.Helper()
	c := newChain(len(m.StageIDs), 1, 0)
	c.fill(&m.Segments[0], m.Winback, m.RenewalEvery, m.Competitor)
	return c
}

// TestBisectFraction: the bisection finds the fraction where a linear
// share 0.5 + 0.4·f reaches 0.6 (f = 0.25, a dyadic number the bisection
// hits exactly), and reports no fraction, rather than the last bracket's
// top, when the steady state is undefined on the way.
func TestBisectFraction(t *testing.T) {
	f, ok := bisectFraction(func(f float64) (float64, bool) { return 0.5 + 0.4*f, true }, 0.6)
	if !ok || f != 0.25 {
		t.Errorf("linear share: fraction %v (%v), want 0.25", f, ok)
	}
	calls := 0
	f, ok = bisectFraction(func(f float64) (float64, bool) {
		calls++
		return 0, calls < 3 // undefined at the third midpoint
	}, 0.6)
	if ok {
		t.Errorf("undefined on the way: fraction %v, want none", f)
	}
}

// TestTwoBrandsWithWinbackByHand: our row keeps 0.7, switches 0.2 to b
// and churns 0.1 out of the market; b's row wins 0.3 back to us and keeps
// the rest; win-back rate 0.5 at 4 a customer, revenue 10, rate 0, three
// periods. Won back in period t is half the lost pool at its start:
//   - Period 0: ours 100, b 50, lost 0: churned 10, to b 20, from b 15,
//     won back 0.
//   - Period 1: ours 100 − 10 − 20 + 15 = 85, b 50 − 15 + 20 = 55, lost
//     10: churned 8.5, to b 17, from b 16.5, won back 5, spend 5·4 = 20.
//   - Period 2: ours 85 − 8.5 − 17 + 16.5 + 5 = 81, b 55 − 16.5 + 17 =
//     55.5, lost 10 − 5 + 8.5 = 13.5: won back 6.75, spend 27.
//
// The wins from b (15 + 16.5 + 16.65) cost nothing: the spend is won back
// × cost exactly. Customer equity 10·(100 + 85 + 81) − 20 − 27 = 2613.
func TestTwoBrandsWithWinbackByHand(t *testing.T) {
	m := twoBrands(0, 0)
	m.Horizon, m.NewCustomers = 3, []float64{0, 0, 0}
	m.Segments[0].Transition = [][]float64{{0.7, 0.2}, {0.3, 0}}
	m.Winback = Winback{Rate: 0.5, CostPerCustomer: 4, To: 0}
	r := run(t, m)
	for tt, want := range []struct{ ours, rivals, lost, churned, to, from, won float64 }{
		{100, 50, 0, 10, 20, 15, 0},
		{85, 55, 10, 8.5, 17, 16.5, 5},
		{81, 55.5, 13.5, 8.1, 16.2, 16.65, 6.75},
	} {
		p := r.Totals[tt]
		closeTo(t, "our customers", r.Cell(tt, 0, 0).Customers, want.ours, 1e-12)
		closeTo(t, "the lost pool", r.Cell(tt, 0, 2).Customers, want.lost, 1e-12)
		if b := r.Cell(tt, 0, 1); b.FromRivals != want.from || b.WinbackSpend != 0 || b.WonBack != 0 {
			t.Errorf("period %d: b's row wins %v from b at a win-back spend of %v (won back %v), want %v at 0", tt, b.FromRivals, b.WinbackSpend, b.WonBack, want.from)
		}
		closeTo(t, "b's customers", p.Rivals, want.rivals, 1e-12)
		closeTo(t, "churned", p.Churned, want.churned, 1e-12)
		closeTo(t, "to b", p.ToRivals, want.to, 1e-12)
		closeTo(t, "from b", p.FromRivals, want.from, 1e-12)
		closeTo(t, "won back", p.WonBack, want.won, 1e-12)
		closeTo(t, "win-back spend", p.WinbackSpend, 4*want.won, 1e-12)
	}
	closeTo(t, "customer equity", r.Summary.CustomerEquity, 2613, 1e-12)
}
