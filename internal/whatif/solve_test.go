package whatif

import (
	"math"
	"testing"

	"clvlab/sim"
)

// TestLinspaceEnds: the scan and the grid start and end exactly at the
// range's bounds. floats.Span alone ends 0.1..0.3 in 7 points at
// 0.30000000000000004, above the bound (checked when linspace moved to
// Span), and steps evenly in between.
func TestLinspaceEnds(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		n      int
	}{{0.1, 0.3, 7}, {0.81, 0.94, 50}, {108, 132, 50}, {0, 0.94, 65}, {-1, 1, 2}} {
		xs := linspace(c.lo, c.hi, c.n)
		if len(xs) != c.n || xs[0] != c.lo || xs[c.n-1] != c.hi {
			t.Errorf("linspace(%v, %v, %d) = %v…%v (%d values)", c.lo, c.hi, c.n, xs[0], xs[len(xs)-1], len(xs))
		}
		step := (c.hi - c.lo) / float64(c.n-1)
		for i := 1; i < c.n; i++ {
			if d := xs[i] - xs[i-1]; d <= 0 || d > step*(1+1e-9) || d < step*(1-1e-9) {
				t.Errorf("linspace(%v, %v, %d): step %d is %v, want %v", c.lo, c.hi, c.n, i, d, step)
			}
		}
	}
}

func defined(f func(float64) float64) func(float64) sim.Optional {
	return func(x float64) sim.Optional { return sim.Some(f(x)) }
}

// TestBrent: the root of x² − 2 in [0, 2] is √2; Brent stops within its
// tolerance well before its cap, and reports a point where f is undefined.
func TestBrent(t *testing.T) {
	f := func(x float64) (float64, bool) { return x*x - 2, true }
	r := brent(f, 0, 2, -2, 2, 1e-12, 1e-9, 100)
	if !r.Defined || math.Abs(r.X-math.Sqrt2) > 1e-12 || r.Iterations >= 20 {
		t.Errorf("brent = %v after %d iterations (%v), want √2 in < 20", r.X, r.Iterations, r.Defined)
	}
	undefined := func(x float64) (float64, bool) { return 0, x < 0.5 }
	if r := brent(undefined, 0, 2, -2, 2, 1e-12, 1e-9, 100); r.Defined {
		t.Error("brent ok where f is undefined")
	}
}

// TestBrentCoarseTolerance: a tolerance on x far wider than the distance
// from the bracket's end to the root does not end the search there
// (issue 10, item 3: 1e-9 of the range [0, 1e12] is 1000, and the root of
// (x − 40)/0.3 − 150, 85, is 85 from the end 0 of its bracket
// [0, 1.5625e10]; Brent stopped at 0, where f is −283). It goes on until
// |f| ≤ 1e-9·150, which puts x within 4.5e-8 of 85 (the slope is 1/0.3).
func TestBrentCoarseTolerance(t *testing.T) {
	f := func(x float64) (float64, bool) { return (x-40)/0.3 - 150, true }
	fa, _ := f(0)
	fb, _ := f(1.5625e10)
	r := brent(f, 0, 1.5625e10, fa, fb, 1000, 1.5e-7, 200)
	if !r.Defined || math.Abs(r.FX) > 1.5e-7 || math.Abs(r.X-85) > 4.5e-8 {
		t.Errorf("brent = %v (f %v) after %d iterations, want 85", r.X, r.FX, r.Iterations)
	}
}

// TestRoots: both roots of (x − 0.25)(x − 0.62) on a scan of [0, 1], in
// order; a root on a scan point (x − 0.5 at the sixth of eleven points)
// costs no iteration; the last point counts too. A step across the target
// is no root: it is a miss, narrowed to a bracket a few ulps wide.
func TestRoots(t *testing.T) {
	f := defined(func(x float64) float64 { return (x - 0.25) * (x - 0.62) })
	xs, misses, it := roots(scan(f, 0, 1, 10), 0, f, 1e-12, 100)
	if len(xs) != 2 || math.Abs(xs[0]-0.25) > 1e-12 || math.Abs(xs[1]-0.62) > 1e-12 || it == 0 || misses != nil {
		t.Errorf("roots = %v (%d iterations, misses %v), want [0.25 0.62]", xs, it, misses)
	}
	g := defined(func(x float64) float64 { return x - 0.5 })
	if xs, _, it := roots(scan(g, 0, 1, 10), 0, g, 1e-12, 100); len(xs) != 1 || xs[0] != 0.5 || it != 0 {
		t.Errorf("root on a scan point: %v, %d iterations", xs, it)
	}
	if xs, _, _ := roots(scan(g, 0, 1, 10), 0.5, g, 1e-12, 100); len(xs) != 1 || xs[0] != 1 {
		t.Errorf("root at the last point: %v", xs)
	}
	step := defined(func(x float64) float64 {
		if x < 0.33 {
			return 0
		}
		return 1
	})
	xs, misses, _ = roots(scan(step, 0, 1, 10), 0.5, step, 1e-12, 200)
	if len(xs) != 0 || len(misses) != 1 || misses[0].Low >= 0.33 || misses[0].High < 0.33 || misses[0].High-misses[0].Low > 1e-15 ||
		misses[0].KPILow != 0 || misses[0].KPIHigh != 1 {
		t.Errorf("a step across 0.5: roots %v, misses %+v; want none and one miss at 0.33", xs, misses)
	}
}

// TestBoundaries: floor(4x) ≤ 2 holds up to 0.75 and floor(4x) ≥ 3 from
// 0.75; bisection finds 0.75 from the side where the goal holds.
func TestBoundaries(t *testing.T) {
	f := defined(func(x float64) float64 { return math.Floor(4 * x) })
	curve := scan(f, 0, 1, 10)
	const tol = 1e-9
	atMost := func(v sim.Optional) bool { return v.Defined && v.Value <= 2 }
	bs, _, it := boundaries(curve, atMost, f, tol, 200)
	if len(bs) != 1 || bs[0].Side != "below" || bs[0].X > 0.75 || 0.75-bs[0].X > tol || it == 0 {
		t.Errorf("<= 2: %+v (%d steps), want one boundary just below 0.75", bs, it)
	}
	atLeast := func(v sim.Optional) bool { return v.Defined && v.Value >= 3 }
	bs, _, _ = boundaries(curve, atLeast, f, tol, 200)
	if len(bs) != 1 || bs[0].Side != "above" || bs[0].X < 0.75 || bs[0].X-0.75 > tol {
		t.Errorf(">= 3: %+v, want one boundary at 0.75 from above", bs)
	}
	if bs, _, _ := boundaries(curve, func(sim.Optional) bool { return true }, f, tol, 200); bs != nil {
		t.Errorf("a goal that always holds has boundaries %+v", bs)
	}
}

// TestBisect: x < 1/3 holds up to 1/3; the answer is on the side where it
// holds, within the tolerance, and the cap stops it.
func TestBisect(t *testing.T) {
	holds := func(x float64) bool { return x < 1.0/3 }
	x, it := bisect(holds, 0, 1, 1e-10, 200)
	if !holds(x) || 1.0/3-x > 1e-10 || it != 34 { // ⌈log2(1e10)⌉ = 34 halvings
		t.Errorf("bisect = %v after %d steps", x, it)
	}
	if _, it := bisect(holds, 1, 0, 1e-10, 5); it != 5 {
		t.Errorf("bisect ran %d steps past a cap of 5", it)
	}
}

// TestExtremum: the maximum of −(x − 0.4)² and the minimum of (x − 0.4)²
// are at 0.4 (to the √ε the function's flatness allows); a search that
// finds nothing better keeps the scan's best point.
func TestExtremum(t *testing.T) {
	hill := defined(func(x float64) float64 { return -(x - 0.4) * (x - 0.4) })
	curve := scan(hill, 0, 1, 10)
	_, _, hi, argHi := extremes(curve)
	p, it := extremum(hill, CurvePoint{argHi, hi}, 1, argHi-0.1, argHi+0.1, 1e-9, 200)
	if math.Abs(p.X-0.4) > 1e-7 || p.KPI.Value < hi.Value || it == 0 {
		t.Errorf("maximum at %v (%v, %d iterations), want 0.4", p.X, p.KPI, it)
	}
	valley := defined(func(x float64) float64 { return (x - 0.4) * (x - 0.4) })
	lo, argLo, _, _ := extremes(scan(valley, 0, 1, 10))
	if p, _ := extremum(valley, CurvePoint{argLo, lo}, -1, argLo-0.1, argLo+0.1, 1e-9, 200); math.Abs(p.X-0.4) > 1e-7 {
		t.Errorf("minimum at %v, want 0.4", p.X)
	}
	undefined := func(float64) sim.Optional { return sim.Optional{} }
	best := CurvePoint{0.3, sim.Some(-0.01)}
	if p, _ := extremum(undefined, best, 1, 0.2, 0.4, 1e-9, 200); p != best {
		t.Errorf("search over undefined values gave %+v, want the scan's best %+v", p, best)
	}
}

// TestExtremes: undefined points are skipped; a tie keeps the first.
func TestExtremes(t *testing.T) {
	curve := []CurvePoint{{0, sim.Optional{}}, {1, sim.Some(3)}, {2, sim.Some(1)}, {3, sim.Some(3)}, {4, sim.Some(1)}}
	lo, argLo, hi, argHi := extremes(curve)
	if lo != sim.Some(1) || argLo != 2 || hi != sim.Some(3) || argHi != 1 {
		t.Errorf("extremes = %v at %v, %v at %v", lo, argLo, hi, argHi)
	}
	if lo, _, hi, _ := extremes(curve[:1]); lo.Defined || hi.Defined {
		t.Error("extremes of an undefined curve are defined")
	}
}
