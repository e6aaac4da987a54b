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
	c := newChain(len(m.StageIDs), 0)
	c.fill(&m.Segments[0], m.Winback, m.Competitor)
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
