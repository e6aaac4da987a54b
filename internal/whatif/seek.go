package whatif

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
)

// Goal is what goal seek asks of a KPI.
type Goal int

const (
	Equal   Goal = iota // KPI = Target: a root, by Brent's method
	AtMost              // KPI ≤ Target: the boundary of the values that keep it, by bisection
	AtLeast             // KPI ≥ Target: likewise
	Maximum             // the value where the KPI is largest, by golden-section search
	Minimum             // the value where the KPI is smallest
)

// String returns "=", "<=", ">=", "max" or "min".
func (g Goal) String() string {
	return [...]string{"=", "<=", ">=", "max", "min"}[g]
}

// ParseGoal reads a goal as the command line writes it: "3" or "=3"
// (equal), "<=12", ">=3", "max" or "min".
func ParseGoal(s string) (Goal, float64, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "max":
		return Maximum, 0, nil
	case "min":
		return Minimum, 0, nil
	}
	g := Equal
	for _, p := range []struct {
		prefix string
		goal   Goal
	}{{"<=", AtMost}, {">=", AtLeast}, {"=", Equal}} {
		if strings.HasPrefix(s, p.prefix) {
			g, s = p.goal, strings.TrimSpace(s[len(p.prefix):])
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, 0, fmt.Errorf("target %q; give a number (3), <=12, >=3, max or min", s)
	}
	return g, v, nil
}

// Defaults of SeekOptions.
const (
	DefaultScan          = 64  // intervals of the first scan
	DefaultMaxIterations = 200 // iterations of the root finder, bisection or golden-section search
	DefaultRelTolerance  = 1e-9
)

// SeekOptions asks goal seek for one parameter value.
type SeekOptions struct {
	Path   string // the parameter solved for
	KPI    kpi.KPI
	Goal   Goal
	Target float64 // for Equal, AtMost and AtLeast
	// Range is the [low, high] searched; nil means the parameter's
	// [[sensitivity]] range, or its natural range: [0, largest value] for a
	// probability (its row kept ≤ 1) or a fraction, [0, 2 × value] for an
	// amount. Either way it is clamped to the values the parameter may take.
	Range *[2]float64
	// Tolerance is the absolute tolerance on the parameter; default 1e-9 ×
	// the range's width.
	Tolerance     float64
	MaxIterations int // default 200
	Scan          int // intervals of the first scan, default 64
}

// CurvePoint is the KPI at one parameter value.
type CurvePoint struct {
	X   float64
	KPI sim.Optional
}

// SeekResult is goal seek's answer.
type SeekResult struct {
	Parameter scenarios.Parameter
	KPI       kpi.KPI
	Goal      Goal
	Target    float64
	Low, High float64 // the range searched
	Clamped   string  // why the range asked for was pulled in, or ""
	// Found is true when a value meets the goal; Value is the one nearest
	// the parameter's current value and KPIValue the KPI there.
	Found    bool
	Value    float64
	KPIValue sim.Optional
	// Others lists further values in the range that meet an Equal goal,
	// or further boundaries of an AtMost/AtLeast goal.
	Others []float64
	// Holds is true for an AtMost/AtLeast goal that holds over the whole
	// range (Found is then false: there is no boundary in it).
	Holds bool
	// Side says, for AtMost/AtLeast, on which side of Value the goal
	// holds: "below" (up to Value) or "above" (from Value).
	Side string
	// AtEdge is true when a maximum or minimum is at the end of the range:
	// the KPI is still rising (falling) there.
	AtEdge bool
	// KPIMin and KPIMax are the lowest and highest KPI over the scan, at
	// ArgMin and ArgMax.
	KPIMin, KPIMax  sim.Optional
	ArgMin, ArgMax  float64
	Curve           []CurvePoint // the scan, for the chart
	Tolerance       float64
	Iterations      int
	Evaluations     int
	Method, Message string
}

// Seek solves for one parameter of s so that a KPI meets a goal within a
// range. It scans the range, then refines each bracket: Brent's method for
// a root (Equal), bisection for the boundary of an inequality (needed for
// step KPIs such as payback), golden-section search for a maximum or
// minimum. When no value in the range meets the goal, Found is false and
// Message says which KPI values the range attains.
func Seek(s *scenarios.Scenario, opt SeekOptions) (*SeekResult, error) {
	p, err := s.Parameter(opt.Path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", opt.Path, err)
	}
	if opt.Goal == Equal && opt.KPI.Step() {
		return nil, fmt.Errorf("%s moves in whole periods, so it rarely equals a target exactly; ask for <=%s or >=%s", opt.KPI, describe(opt.Target), describe(opt.Target))
	}
	if opt.Scan == 0 {
		opt.Scan = DefaultScan
	}
	if opt.MaxIterations == 0 {
		opt.MaxIterations = DefaultMaxIterations
	}
	if opt.Scan < 2 || opt.Scan > 10000 || opt.MaxIterations < 1 || opt.MaxIterations > 10000 {
		return nil, errors.New("whatif: scan 2 to 10000 intervals and 1 to 10000 iterations")
	}
	r := &SeekResult{Parameter: p, KPI: opt.KPI, Goal: opt.Goal, Target: opt.Target}
	var m Move
	switch {
	case opt.Range != nil:
		if !(opt.Range[0] <= opt.Range[1]) {
			return nil, fmt.Errorf("range %s,%s; give low,high with low ≤ high", describe(opt.Range[0]), describe(opt.Range[1]))
		}
		m = MoveTo(p, opt.Range[0], opt.Range[1], true)
	default:
		if rg, ok := s.RangeFor(p.Path); ok {
			m = MoveTo(p, rg.Low, rg.High, true)
		} else {
			hi := p.Max
			if p.Kind == scenarios.Amount || p.Kind == scenarios.Multiplier {
				if p.Value == 0 {
					return nil, fmt.Errorf("%s is 0, so there is no natural range to search; give one (-range low,high)", p.Path)
				}
				hi = 2 * p.Value
			}
			m = MoveTo(p, p.Min, hi, false)
		}
	}
	r.Low, r.High, r.Clamped = m.Low, m.High, m.Clamped
	if !(r.High > r.Low) {
		return nil, fmt.Errorf("%s: the range is the single value %s; give a wider range", p.Path, describe(r.Low))
	}
	r.Tolerance = opt.Tolerance
	if r.Tolerance <= 0 {
		r.Tolerance = DefaultRelTolerance * (r.High - r.Low)
	}
	kpi := func(x float64) sim.Optional {
		r.Evaluations++
		v, err := kpiAt(s, opt.KPI, []string{p.Path}, x)
		if err != nil {
			return sim.Optional{} // an invalid scenario has no KPI
		}
		return v
	}
	// The scan, in parallel.
	xs := linspace(r.Low, r.High, opt.Scan+1)
	r.Curve = make([]CurvePoint, len(xs))
	if err := parallel(len(xs), func(i int) error {
		v, err := kpiAt(s, opt.KPI, []string{p.Path}, xs[i])
		if err != nil {
			v = sim.Optional{}
		}
		r.Curve[i] = CurvePoint{xs[i], v}
		return nil
	}); err != nil {
		return nil, err
	}
	r.Evaluations += len(xs)
	for _, c := range r.Curve {
		if !c.KPI.Defined {
			continue
		}
		if !r.KPIMin.Defined || c.KPI.Value < r.KPIMin.Value {
			r.KPIMin, r.ArgMin = c.KPI, c.X
		}
		if !r.KPIMax.Defined || c.KPI.Value > r.KPIMax.Value {
			r.KPIMax, r.ArgMax = c.KPI, c.X
		}
	}
	name, kname := p.Path, opt.KPI.String()
	if !r.KPIMin.Defined {
		r.Message = fmt.Sprintf("%s is undefined for every %s in [%s, %s]", kname, name, describe(r.Low), describe(r.High))
		r.Method = "scan only"
		return r, nil
	}
	switch opt.Goal {
	case Equal:
		r.Method = fmt.Sprintf("scan of %d intervals, then Brent's method in each bracket (tolerance %s on the parameter, at most %d iterations)", opt.Scan, describe(r.Tolerance), opt.MaxIterations)
		var roots []float64
		for i := 0; i+1 < len(r.Curve); i++ {
			a, b := r.Curve[i], r.Curve[i+1]
			if !a.KPI.Defined || !b.KPI.Defined {
				continue
			}
			fa, fb := a.KPI.Value-opt.Target, b.KPI.Value-opt.Target
			switch {
			case fa == 0:
				roots = append(roots, a.X)
			case fa*fb < 0:
				x, it, ok := brent(func(x float64) (float64, bool) {
					v := kpi(x)
					return v.Value - opt.Target, v.Defined
				}, a.X, b.X, fa, fb, r.Tolerance, opt.MaxIterations)
				r.Iterations += it
				if ok {
					roots = append(roots, x)
				}
			}
		}
		if last := r.Curve[len(r.Curve)-1]; last.KPI.Defined && last.KPI.Value == opt.Target {
			roots = append(roots, last.X)
		}
		r.pick(roots)
		if r.Found {
			r.KPIValue = kpi(r.Value)
			r.Message = fmt.Sprintf("%s = %s gives %s = %s", name, describe(r.Value), kname, describe(r.KPIValue.Value))
		}
	case AtMost, AtLeast:
		r.Method = fmt.Sprintf("scan of %d intervals, then bisection of each boundary (to %s on the parameter, at most %d iterations)", opt.Scan, describe(r.Tolerance), opt.MaxIterations)
		ok := func(v sim.Optional) bool {
			if !v.Defined {
				return false
			}
			if opt.Goal == AtMost {
				return v.Value <= opt.Target
			}
			return v.Value >= opt.Target
		}
		var bounds []float64
		var sides []string
		all := true
		for i := range r.Curve {
			all = all && ok(r.Curve[i].KPI)
			if i+1 == len(r.Curve) {
				break
			}
			a, b := r.Curve[i], r.Curve[i+1]
			if ok(a.KPI) == ok(b.KPI) {
				continue
			}
			good, bad := a.X, b.X // bisect, keeping good on the satisfying side
			side := "below"
			if !ok(a.KPI) {
				good, bad, side = b.X, a.X, "above"
			}
			it := 0
			for ; math.Abs(bad-good) > r.Tolerance && it < opt.MaxIterations; it++ {
				mid := good + (bad-good)/2
				if ok(kpi(mid)) {
					good = mid
				} else {
					bad = mid
				}
			}
			r.Iterations += it
			bounds, sides = append(bounds, good), append(sides, side)
		}
		if all {
			r.Holds = true
			r.Message = fmt.Sprintf("%s %s %s holds for every %s in [%s, %s] (%s runs from %s to %s); widen the range to find where it stops",
				kname, opt.Goal, describe(opt.Target), name, describe(r.Low), describe(r.High), kname, describe(r.KPIMin.Value), describe(r.KPIMax.Value))
			return r, nil
		}
		k := r.pick(bounds)
		if r.Found {
			r.Side = sides[k]
			r.KPIValue = kpi(r.Value)
			rel := "up to"
			if r.Side == "above" {
				rel = "from"
			}
			r.Message = fmt.Sprintf("%s %s %s keeps %s %s %s (there it is %s)", name, rel, describe(r.Value), kname, opt.Goal, describe(opt.Target), r.KPIValue)
		}
	case Maximum, Minimum:
		sign := 1.0
		best := r.ArgMax
		if opt.Goal == Minimum {
			sign, best = -1, r.ArgMin
		}
		r.Method = fmt.Sprintf("scan of %d intervals, then golden-section search around the best point (to %s on the parameter, at most %d iterations)", opt.Scan, describe(r.Tolerance), opt.MaxIterations)
		step := (r.High - r.Low) / float64(opt.Scan)
		a, b := math.Max(r.Low, best-step), math.Min(r.High, best+step)
		x, it := golden(func(x float64) float64 {
			v := kpi(x)
			if !v.Defined {
				return math.Inf(-1)
			}
			return sign * v.Value
		}, a, b, r.Tolerance, opt.MaxIterations)
		r.Iterations = it
		v := kpi(x)
		r.Found, r.Value, r.KPIValue = true, best, r.Curve[0].KPI
		for _, c := range r.Curve {
			if c.X == best {
				r.KPIValue = c.KPI
			}
		}
		if v.Defined && sign*v.Value >= sign*r.KPIValue.Value {
			r.Value, r.KPIValue = x, v
		}
		r.AtEdge = r.Value-r.Low <= r.Tolerance || r.High-r.Value <= r.Tolerance
		what := map[Goal]string{Maximum: "largest", Minimum: "smallest"}[opt.Goal]
		r.Message = fmt.Sprintf("%s is %s, %s, at %s = %s", kname, what, describe(r.KPIValue.Value), name, describe(r.Value))
		if r.AtEdge {
			r.Message += "; that is the end of the range, so it may go on beyond: widen the range"
		}
		return r, nil
	}
	if !r.Found {
		r.Message = fmt.Sprintf("no %s in [%s, %s] gives %s %s %s: over that range %s runs from %s (at %s) to %s (at %s)",
			name, describe(r.Low), describe(r.High), kname, opt.Goal, describe(opt.Target),
			kname, describe(r.KPIMin.Value), describe(r.ArgMin), describe(r.KPIMax.Value), describe(r.ArgMax))
		if undefined := r.undefinedShare(); undefined > 0 {
			r.Message += fmt.Sprintf("; it is undefined at %d of the %d points scanned", undefined, len(r.Curve))
		}
	}
	return r, nil
}

// pick sets Found, Value and Others from candidate values, choosing the
// one nearest the parameter's current value; it returns its index.
func (r *SeekResult) pick(xs []float64) int {
	if len(xs) == 0 {
		return -1
	}
	k := 0
	for i, x := range xs {
		if math.Abs(x-r.Parameter.Value) < math.Abs(xs[k]-r.Parameter.Value) {
			k = i
		}
	}
	r.Found, r.Value = true, xs[k]
	for i, x := range xs {
		if i != k {
			r.Others = append(r.Others, x)
		}
	}
	return k
}

func (r *SeekResult) undefinedShare() int {
	n := 0
	for _, c := range r.Curve {
		if !c.KPI.Defined {
			n++
		}
	}
	return n
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
// the best point seen.
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
