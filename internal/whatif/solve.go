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

// roots returns every x where f(x) = target that the curve (a scan of f)
// brackets, in order: a point of the curve that equals the target, or a
// root by Brent's method in each interval whose ends straddle it
// (omitted if f is undefined at a point Brent tries). It also returns
// Brent's iterations.
func roots(curve []CurvePoint, target float64, f func(float64) sim.Optional, tol float64, maxIter int) ([]float64, int) {
	var xs []float64
	iter := 0
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
		case fa == 0:
			xs = append(xs, a.X)
		case fa*fb < 0:
			x, it, ok := brent(g, a.X, b.X, fa, fb, tol, maxIter)
			iter += it
			if ok {
				xs = append(xs, x)
			}
		}
	}
	if last := curve[len(curve)-1]; last.KPI.Defined && last.KPI.Value == target {
		xs = append(xs, last.X)
	}
	return xs, iter
}

// boundary is where a goal starts or stops holding: it holds on Side
// ("below": up to X; "above": from X).
type boundary struct {
	X    float64
	Side string
}

// boundaries returns, in order, every boundary of the values where holds
// is true that the curve (a scan of f) brackets, each found by bisection
// and kept on the side where it holds, and the bisection steps taken.
func boundaries(curve []CurvePoint, holds func(sim.Optional) bool, f func(float64) sim.Optional, tol float64, maxIter int) ([]boundary, int) {
	var bs []boundary
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
		x, it := bisect(func(x float64) bool { return holds(f(x)) }, good, bad, tol, maxIter)
		iter += it
		bs = append(bs, boundary{x, side})
	}
	return bs, iter
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
// point of a scan, by golden-section search of f over [a, b]; it returns
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

// brent finds a root of f in [a, b], where fa = f(a) and fb = f(b) have
// opposite signs, by Brent's method (inverse quadratic interpolation,
// secant and bisection steps; Brent 1973, "zero"): it stops when the
// bracket is narrower than tol (plus 4ε|x|) or after maxIter iterations,
// and returns the best point so far. ok is false if f is undefined at a
// point it tries.
func brent(f func(float64) (float64, bool), a, b, fa, fb, tol float64, maxIter int) (x float64, iter int, ok bool) {
	c, fc := a, fa
	d := b - a
	e := d
	for iter = 1; iter <= maxIter; iter++ {
		if math.Abs(fc) < math.Abs(fb) {
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		t := 2*2.2e-16*math.Abs(b) + tol/2
		m := (c - b) / 2
		if math.Abs(m) <= t || fb == 0 {
			return b, iter, true
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
			return b, iter, false
		}
		if (fb > 0) == (fc > 0) {
			c, fc = a, fa
			d = b - a
			e = d
		}
	}
	return b, maxIter, true
}

// golden maximises f over [a, b] by golden-section search until the
// bracket is narrower than tol or maxIter iterations have run; it returns
// the better of the two interior points of the final bracket (the first
// on a tie) and the number of iterations. A point seen earlier may have
// been better when f is not unimodal on [a, b].
func golden(f func(float64) float64, a, b, tol float64, maxIter int) (float64, int) {
	const invPhi = 0.6180339887498949 // (√5 − 1)/2
	x1, x2 := b-invPhi*(b-a), a+invPhi*(b-a)
	f1, f2 := f(x1), f(x2)
	it := 0
	for ; b-a > tol && it < maxIter; it++ {
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
