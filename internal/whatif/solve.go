package whatif

import (
	"math"

	"clvlab/sim"
)

// The solvers of goal seek: a scan of the range, then one of a root
// finder (roots, by Brent's method), a boundary finder (boundaries, by
// bisection: right for step KPIs such as payback) and an extremum finder
// (extremum, by golden-section search). Each refines what the scan found.

// scan evaluates f at n+1 evenly spaced points from lo to hi, both
// included, in parallel; f must be safe to call concurrently.
func scan(f func(float64) sim.Optional, lo, hi float64, n int) []CurvePoint {
	xs := linspace(lo, hi, n+1)
	curve := make([]CurvePoint, len(xs))
	_ = parallel(len(xs), func(i int) error { // f reports no error
		curve[i] = CurvePoint{xs[i], f(xs[i])}
		return nil
	})
	return curve
}

// extremes returns the lowest and highest defined KPI of a curve and
// where they are (the first point, on a tie); both undefined when no
// point is defined.
func extremes(curve []CurvePoint) (lo sim.Optional, argLo float64, hi sim.Optional, argHi float64) {
	for _, c := range curve {
		if !c.KPI.Defined {
			continue
		}
		if !lo.Defined || c.KPI.Value < lo.Value {
			lo, argLo = c.KPI, c.X
		}
		if !hi.Defined || c.KPI.Value > hi.Value {
			hi, argHi = c.KPI, c.X
		}
	}
	return lo, argLo, hi, argHi
}

// goalTolerance is how near an Equal goal's target a KPI must come for
// goal seek to have found it: 1e-9·max(1, |target|).
func goalTolerance(target float64) float64 {
	return DefaultRelTolerance * math.Max(1, math.Abs(target))
}

// beyond returns the value 1e-9·max(1, |x|) past x in the direction of
// toward: where a boundary of an AtMost/AtLeast goal found at x must no
// longer meet it.
func beyond(x, toward float64) float64 {
	step := DefaultRelTolerance * math.Max(1, math.Abs(x))
	if toward < x {
		return x - step
	}
	return x + step
}

// precision returns the width to which the solvers pin a value in
// [a, b]: tol, or, if smaller, 1e-9·max(1, |x|) at the x of [a, b]
// nearest 0 (at most the relative 1e-9 anywhere in [a, b]). A wide
// range's tol, 1e-9 of its width, could be far coarser than the value.
func precision(a, b, tol float64) float64 {
	nearest := math.Min(math.Abs(a), math.Abs(b))
	if (a < 0) != (b < 0) {
		nearest = 0
	}
	return math.Min(tol, DefaultRelTolerance*math.Max(1, nearest))
}

// miss is an interval where the solvers saw a goal change but found no
// value that meets it to 1e-9: the KPI jumps across an Equal goal's
// target there (a discontinuity, or a slope too steep for the float64
// values of the parameter), or the iterations ran out first.
type miss struct {
	Low, High       float64 // the final bracket
	KPILow, KPIHigh float64 // the KPI at its ends
}

// roots returns every x where f(x) = target to goalTolerance that the
// curve (a scan of f) brackets, in order: a point of the curve within
// the tolerance, or a root by Brent's method in each interval whose ends
// straddle the target (omitted if f is undefined at a point Brent
// tries). It also returns the brackets where f crosses the target
// without coming within the tolerance, and Brent's iterations.
func roots(curve []CurvePoint, target float64, f func(float64) sim.Optional, tol float64, maxIter int) ([]float64, []miss, int) {
	var xs []float64
	var misses []miss
	iter := 0
	ftol := goalTolerance(target)
	g := func(x float64) (float64, bool) {
		v := f(x)
		return v.Value - target, v.Defined
	}
	for i := 0; i+1 < len(curve); i++ {
		a, b := curve[i], curve[i+1]
		if !a.KPI.Defined || !b.KPI.Defined {
			continue
		}
		fa, fb := a.KPI.Value-target, b.KPI.Value-target
		switch {
		case math.Abs(fa) <= ftol:
			xs = append(xs, a.X)
		case math.Abs(fb) <= ftol: // a root at b, counted as the next interval's a
		case fa*fb < 0:
			r := brent(g, a.X, b.X, fa, fb, tol, ftol, maxIter)
			iter += r.Iterations
			switch {
			case !r.Defined:
			case math.Abs(r.FX) <= ftol:
				xs = append(xs, r.X)
			default:
				m := miss{r.X, r.Other, r.FX + target, r.FOther + target}
				if m.Low > m.High {
					m.Low, m.High, m.KPILow, m.KPIHigh = m.High, m.Low, m.KPIHigh, m.KPILow
				}
				misses = append(misses, m)
			}
		}
	}
	if last := curve[len(curve)-1]; last.KPI.Defined && math.Abs(last.KPI.Value-target) <= ftol {
		xs = append(xs, last.X)
	}
	return xs, misses, iter
}

// boundary is where a goal starts or stops holding: it holds on Side
// ("below": up to X; "above": from X).
type boundary struct {
	X    float64
	Side string
}

// boundaries returns, in order, every boundary of the values where holds
// is true that the curve (a scan of f) brackets: found by bisection to
// within precision (tol and 1e-9·max(1, |x|)), kept on the side where it holds, and
// checked: the goal must fail at beyond(x). A bracket that fails the
// check is returned as a miss. It also returns the bisection steps.
func boundaries(curve []CurvePoint, holds func(sim.Optional) bool, f func(float64) sim.Optional, tol float64, maxIter int) ([]boundary, []miss, int) {
	var bs []boundary
	var misses []miss
	iter := 0
	for i := 0; i+1 < len(curve); i++ {
		a, b := curve[i], curve[i+1]
		if holds(a.KPI) == holds(b.KPI) {
			continue
		}
		good, bad, side := a.X, b.X, "below"
		if !holds(a.KPI) {
			good, bad, side = b.X, a.X, "above"
		}
		x, it := bisect(func(x float64) bool { return holds(f(x)) }, good, bad, precision(a.X, b.X, tol), maxIter)
		iter += it
		if past := beyond(x, bad); holds(f(past)) {
			misses = append(misses, miss{Low: math.Min(x, past), High: math.Max(x, past)})
			continue
		}
		bs = append(bs, boundary{x, side})
	}
	return bs, misses, iter
}

// bisect narrows [good, bad] (either order), where holds(good) is true
// and holds(bad) false, until it is no wider than tol or maxIter steps
// have run; it returns the last point where holds is true, and the steps.
func bisect(holds func(float64) bool, good, bad, tol float64, maxIter int) (float64, int) {
	it := 0
	for ; math.Abs(bad-good) > tol && it < maxIter; it++ {
		mid := good + (bad-good)/2
		if holds(mid) {
			good = mid
		} else {
			bad = mid
		}
	}
	return good, it
}

// extremum refines best, the largest (sign 1) or smallest (sign −1)
// point of a scan, by golden-section search of f over [a, b] (to
// precision(a, b, tol)); it returns
// the better of best and the search's answer, and the iterations.
// Undefined values count as the worst.
func extremum(f func(float64) sim.Optional, best CurvePoint, sign, a, b, tol float64, maxIter int) (CurvePoint, int) {
	x, it := golden(func(x float64) float64 {
		v := f(x)
		if !v.Defined {
			return math.Inf(-1)
		}
		return sign * v.Value
	}, a, b, tol, maxIter)
	if v := f(x); v.Defined && sign*v.Value >= sign*best.KPI.Value {
		return CurvePoint{x, v}, it
	}
	return best, it
}

// brentResult is what brent returns.
type brentResult struct {
	X, FX         float64 // the best point and f there
	Other, FOther float64 // the other end of the final bracket and f there
	Iterations    int
	Defined       bool // false if f was undefined at a point tried (X is that point)
}

// brent finds a root of f in [a, b], where fa = f(a) and fb = f(b) have
// opposite signs, by Brent's method (inverse quadratic interpolation,
// secant and bisection steps; Brent 1973, "zero"). It stops when |f| ≤
// ftol at the best point and the bracket is narrower than tol (plus
// 4ε|x|), or, while |f| > ftol, when the bracket is as narrow as float64
// allows (4ε|x|), or after maxIter iterations: the bracket width alone
// does not end the search, so a wide range's coarse tol cannot return an
// end of the bracket far from the target. It returns the best point so
// far and the final bracket's other end.
func brent(f func(float64) (float64, bool), a, b, fa, fb, tol, ftol float64, maxIter int) brentResult {
	c, fc := a, fa
	d := b - a
	e := d
	for iter := 1; iter <= maxIter; iter++ {
		if math.Abs(fc) < math.Abs(fb) {
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		t := 2*2.2e-16*math.Abs(b) + 1e-300 // the floor keeps steps off 0 near b = 0
		if math.Abs(fb) <= ftol {
			t += tol / 2
		}
		m := (c - b) / 2
		if math.Abs(m) <= t || fb == 0 {
			return brentResult{b, fb, c, fc, iter, true}
		}
		if math.Abs(e) < t || math.Abs(fa) <= math.Abs(fb) {
			d, e = m, m // bisection
		} else {
			s := fb / fa
			var p, q float64
			if a == c { // secant
				p, q = 2*m*s, 1-s
			} else { // inverse quadratic interpolation
				q0, r := fa/fc, fb/fc
				p = s * (2*m*q0*(q0-r) - (b-a)*(r-1))
				q = (q0 - 1) * (r - 1) * (s - 1)
			}
			if p > 0 {
				q = -q
			} else {
				p = -p
			}
			if 2*p < 3*m*q-math.Abs(t*q) && p < math.Abs(e*q/2) {
				e, d = d, p/q
			} else {
				d, e = m, m
			}
		}
		a, fa = b, fb
		if math.Abs(d) > t {
			b += d
		} else if m > 0 {
			b += t
		} else {
			b -= t
		}
		var defined bool
		if fb, defined = f(b); !defined {
			return brentResult{X: b, Other: c, FOther: fc, Iterations: iter}
		}
		if (fb > 0) == (fc > 0) {
			c, fc = a, fa
			d = b - a
			e = d
		}
	}
	if math.Abs(fc) < math.Abs(fb) {
		b, fb, c, fc = c, fc, b, fb
	}
	return brentResult{b, fb, c, fc, maxIter, true}
}

// golden maximises f over [a, b] by golden-section search until the
// bracket is narrower than precision(a, b, tol) or maxIter iterations
// have run; it returns
// the better of the two interior points of the final bracket (the first
// on a tie) and the number of iterations. A point seen earlier may have
// been better when f is not unimodal on [a, b].
func golden(f func(float64) float64, a, b, tol float64, maxIter int) (float64, int) {
	const invPhi = 0.6180339887498949 // (√5 − 1)/2
	x1, x2 := b-invPhi*(b-a), a+invPhi*(b-a)
	f1, f2 := f(x1), f(x2)
	it := 0
	for ; b-a > precision(a, b, tol) && it < maxIter; it++ {
		if f1 >= f2 {
			b, x2, f2 = x2, x1, f1
			x1 = b - invPhi*(b-a)
			f1 = f(x1)
		} else {
			a, x1, f1 = x1, x2, f2
			x2 = a + invPhi*(b-a)
			f2 = f(x2)
		}
	}
	if f1 >= f2 {
		return x1, it
	}
	return x2, it
}
