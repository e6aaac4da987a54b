package whatif

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/optimize"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
)

// Lever is a parameter the optimiser moves, within [Low, High].
type Lever struct {
	Path      string
	Low, High float64
}

// Defaults and caps of OptimizeOptions.
const (
	DefaultOptimizeIterations  = 1000  // major iterations per local search
	DefaultOptimizeEvaluations = 40000 // engine runs per local search
	sliceSize                  = 41    // points of each lever's slice through the optimum
)

// OptimizeOptions asks Optimize for the spend levels that maximise a KPI.
type OptimizeOptions struct {
	// KPI is maximised; it must be one every run has: CLV (the zero
	// value), CLVNet or CustomerEquity.
	KPI kpi.KPI
	// Levers lists the parameters moved and their bounds (clamped to the
	// values each may take). Nil means every [[response]] lever of the
	// scenario, within its [[sensitivity]] range if the file gives one,
	// else within [0, max(value, saturation)]: beyond the saturation of
	// its curves (scenarios.Response.Saturation) a lever only costs.
	Levers []Lever
	// MaxIterations caps the major iterations (and L-BFGS's gradients) and
	// MaxEvaluations the KPI evaluations of each local search; defaults
	// 1000 and 40000.
	MaxIterations, MaxEvaluations int
}

// LeverResult is one lever at the optimum.
type LeverResult struct {
	scenarios.Parameter         // the lever; Value is its current value
	Low, High           float64 // its bounds
	Optimum             float64
	// Unit is the step the marginal returns are per: 1 (a unit of money or
	// of customers) or 0.01 (a percentage point of a fraction or a
	// probability).
	Unit float64
	// MarginalNow and MarginalAtOptimum are the KPI's change per Unit of
	// the lever, at the current levers and at the optimum: the return of
	// the last unit spent (central differences; one-sided at a bound). At
	// an interior optimum it is about 0.
	MarginalNow, MarginalAtOptimum float64
	// Bound is "low" or "high" when the optimum is at that bound: the KPI
	// would still rise beyond it (see MarginalAtOptimum), or "" inside.
	Bound string
	// Fixed is true for a lever whose bounds leave it one value.
	Fixed bool
	// Slice is the KPI along this lever, every other lever at its optimum.
	Slice []CurvePoint
}

// Optimum is the optimiser's answer.
type Optimum struct {
	KPI                       kpi.KPI
	Current, Value            float64 // the KPI at the current levers and at the optimum
	Levers                    []LeverResult
	Method, Status            string
	Iterations, Evaluations   int
	MaxIterations, MaxRunsPer int
}

// Optimize finds the levers (retention spend per stage, acquisition
// budget, price discounts) within their bounds that maximise a KPI of s,
// with gonum/optimize: Nelder–Mead, then L-BFGS with central-difference
// gradients, from the current levers and from the centre of the bounds,
// keeping the best. Bounds are kept by the transformation
// x = lo + (hi − lo)·(1 − cos y)/2, which is smooth, reaches both bounds
// and needs no penalty. It reports the optimum, the KPI there and the
// marginal return of each lever.
func Optimize(s *scenarios.Scenario, opt OptimizeOptions) (*Optimum, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	levers, err := leversOf(s, opt.Levers)
	if err != nil {
		return nil, err
	}
	b, err := boxOf(levers)
	if err != nil {
		return nil, err
	}
	o := &Optimum{KPI: opt.KPI, Levers: levers, MaxIterations: opt.MaxIterations, MaxRunsPer: opt.MaxEvaluations}
	obj := &objective{s: s, kpi: opt.KPI, paths: make([]string, len(levers))}
	for i, l := range levers {
		obj.paths[i] = l.Path
	}
	if o.Current = obj.value(b.current); obj.err != nil {
		return nil, obj.err
	}
	bestY, bestF, iterations, status := search(obj, b, opt, math.Max(1, math.Abs(o.Current)))
	if obj.err != nil {
		return nil, obj.err
	}
	xOpt := b.toX(bestY)
	o.Value = -bestF
	if o.Value < o.Current { // never worse than where we started
		xOpt, o.Value = b.current, o.Current
	}
	var steps int
	xOpt, o.Value, steps = polish(obj.value, xOpt, o.Value, b.inside(xOpt), levers)
	o.Iterations = iterations + steps
	o.Status = strings.Join(status, "; ")
	o.Method = fmt.Sprintf("gonum/optimize: Nelder-Mead, then L-BFGS with central-difference gradients, from the current levers and from the centre of the bounds (best kept); bounds by the transformation x = lo + (hi - lo)(1 - cos y)/2; each search capped at %d iterations, %d evaluations of the KPI and (L-BFGS) %d gradients of 2 runs per lever; then at most %d Newton steps on the first-order condition (gradient and Hessian by central differences) for the levers inside their bounds", opt.MaxIterations, opt.MaxEvaluations, opt.MaxIterations, maxPolish)
	o.describeLevers(obj, b.current, xOpt)
	o.Evaluations = obj.evals
	if obj.err != nil {
		return nil, obj.err
	}
	return o, nil
}

// withDefaults fills in the defaults of opt and checks its KPI.
func (opt OptimizeOptions) withDefaults() (OptimizeOptions, error) {
	if !opt.KPI.AlwaysDefined() {
		return opt, fmt.Errorf("whatif: cannot maximise %s, which some runs lack; maximise %s", opt.KPI, alwaysDefinedPhrase())
	}
	if opt.MaxIterations <= 0 {
		opt.MaxIterations = DefaultOptimizeIterations
	}
	if opt.MaxEvaluations <= 0 {
		opt.MaxEvaluations = DefaultOptimizeEvaluations
	}
	return opt, nil
}

// objective is the KPI as a function of every lever's value, safe to
// call concurrently; it counts its runs and keeps the first error.
type objective struct {
	s     *scenarios.Scenario
	kpi   kpi.KPI
	paths []string // the levers' paths

	mu    sync.Mutex
	evals int
	err   error
}

// value returns the KPI with the levers at x, or −∞ where the scenario is
// invalid or the KPI undefined.
func (f *objective) value(x []float64) float64 {
	v, err := kpiAt(f.s, f.kpi, f.paths, x...)
	f.mu.Lock()
	f.evals++
	if err != nil && f.err == nil {
		f.err = err
	}
	f.mu.Unlock()
	if err != nil || !v.Defined {
		return math.Inf(-1)
	}
	return v.Value
}

// box maps the free levers to unbounded coordinates y and back, by
// x = lo + (hi − lo)·(1 − cos y)/2; fixed levers keep their value.
type box struct {
	levers  []LeverResult
	free    []int     // indices of the levers that can move
	current []float64 // every lever's current value
}

// boxOf returns the box of levers; an error if none can move.
func boxOf(levers []LeverResult) (box, error) {
	b := box{levers: levers, current: make([]float64, len(levers))}
	for i, l := range levers {
		b.current[i] = l.Value
		if !l.Fixed {
			b.free = append(b.free, i)
		}
	}
	if len(b.free) == 0 {
		return b, errors.New("whatif: no lever can move: every lever's bounds leave it a single value")
	}
	return b, nil
}

// toX maps y (the free levers, transformed) to every lever's value.
func (b box) toX(y []float64) []float64 {
	x := append([]float64(nil), b.current...)
	for k, i := range b.free {
		l := &b.levers[i]
		x[i] = l.Low + (l.High-l.Low)*(1-math.Cos(y[k]))/2
	}
	return x
}

// toY maps a value of lever i to its transformed coordinate, a little
// inside the bounds: a bound is a stationary point of y.
func (b box) toY(x float64, i int) float64 {
	l := &b.levers[i]
	u := (x - l.Low) / (l.High - l.Low)
	u = math.Max(1e-3, math.Min(1-1e-3, u))
	return math.Acos(1 - 2*u)
}

// inside returns the free levers that x leaves more than a millionth of
// their width from both bounds: the ones Newton steps polish.
func (b box) inside(x []float64) []int {
	var idx []int
	for _, i := range b.free {
		l := &b.levers[i]
		if w := l.High - l.Low; x[i]-l.Low > 1e-6*w && l.High-x[i] > 1e-6*w {
			idx = append(idx, i)
		}
	}
	return idx
}

// search minimises −KPI over the box's coordinates with Nelder–Mead, then
// L-BFGS (central-difference gradients), from the current levers and
// from the centre of the bounds. It returns the best point and value
// seen, the major iterations and each method's status.
func search(obj *objective, b box, opt OptimizeOptions, scale float64) (bestY []float64, bestF float64, iterations int, status []string) {
	f := func(y []float64) float64 { return -obj.value(b.toX(y)) }
	problem := optimize.Problem{
		Func: f,
		Grad: func(grad, y []float64) {
			fd.Gradient(grad, f, y, &fd.Settings{Formula: fd.Central, Step: 6e-6, Concurrent: true})
		},
	}
	n := len(b.free)
	starts := [][]float64{make([]float64, n), make([]float64, n)}
	for k, i := range b.free {
		starts[0][k] = b.toY(b.current[i], i)
		starts[1][k] = math.Pi / 2 // the centre of the bounds
	}
	bestY, bestF = starts[0], f(starts[0])
	for _, start := range starts {
		y := start
		for k, method := range []optimize.Method{&optimize.NelderMead{}, &optimize.LBFGS{}} {
			name := [...]string{"Nelder-Mead", "L-BFGS"}[k]
			st := &optimize.Settings{
				MajorIterations: opt.MaxIterations,
				FuncEvaluations: opt.MaxEvaluations,
				Converger:       &optimize.FunctionConverge{Absolute: 1e-13 * scale, Relative: 1e-15, Iterations: 20 * (n + 1)},
			}
			if _, lbfgs := method.(*optimize.LBFGS); lbfgs {
				st.GradientThreshold = 1e-10 * scale
				st.GradEvaluations = opt.MaxIterations
			}
			res, err := optimize.Minimize(problem, y, st, method)
			if res == nil {
				if err != nil {
					status = append(status, name+": "+err.Error())
				}
				continue
			}
			iterations += res.Stats.MajorIterations
			if err != nil { // typically a line search that can no longer see f fall
				status = append(status, fmt.Sprintf("%s: %v (%v)", name, res.Status, err))
			} else {
				status = append(status, fmt.Sprintf("%s: %v", name, res.Status))
			}
			if !math.IsNaN(res.F) && res.F < bestF {
				bestY, bestF = res.X, res.F
			}
			if !math.IsNaN(res.F) && !math.IsInf(res.F, 0) {
				y = res.X
			}
		}
	}
	return bestY, bestF, iterations, status
}

// describeLevers fills in each lever's optimum, the bound it is at, its
// marginal returns now and at the optimum, and its slice.
func (o *Optimum) describeLevers(obj *objective, current, xOpt []float64) {
	for i := range o.Levers {
		l := &o.Levers[i]
		l.Optimum = xOpt[i]
		if l.Fixed {
			continue
		}
		w := l.High - l.Low
		switch {
		case xOpt[i]-l.Low <= 1e-6*w:
			l.Bound = "low"
		case l.High-xOpt[i] <= 1e-6*w:
			l.Bound = "high"
		}
		l.MarginalNow = marginal(obj.value, current, i, l)
		l.MarginalAtOptimum = marginal(obj.value, xOpt, i, l)
		l.Slice = sliceThrough(obj, xOpt, i, l)
	}
}

// sliceThrough returns the KPI along lever i over its bounds, every other
// lever at x.
func sliceThrough(obj *objective, x []float64, i int, l *LeverResult) []CurvePoint {
	xs := linspace(l.Low, l.High, sliceSize)
	slice := make([]CurvePoint, sliceSize)
	_ = parallel(sliceSize, func(k int) error { // obj.value reports no error; obj keeps it
		at := append([]float64(nil), x...)
		at[i] = xs[k]
		slice[k] = CurvePoint{X: xs[k]}
		if v := obj.value(at); !math.IsInf(v, 0) {
			slice[k].KPI = sim.Some(v)
		}
		return nil
	})
	return slice
}

// marginal returns the KPI's change per lever unit at x, by central
// differences (one-sided where a bound is near).
func marginal(value func([]float64) float64, x []float64, i int, l *LeverResult) float64 {
	h := 1e-4 * (l.High - l.Low)
	lo, hi := x[i]-h, x[i]+h
	if lo < l.Low {
		lo = x[i]
	}
	if hi > l.High {
		hi = x[i]
	}
	a := append([]float64(nil), x...)
	b := append([]float64(nil), x...)
	a[i], b[i] = lo, hi
	fa, fb := value(a), value(b)
	if hi == lo || math.IsInf(fa, 0) || math.IsInf(fb, 0) {
		return 0
	}
	return (fb - fa) / (hi - lo) * l.Unit
}

// leversOf resolves the levers asked for, or the scenario's response
// levers.
func leversOf(s *scenarios.Scenario, asked []Lever) ([]LeverResult, error) {
	if asked == nil {
		seen := map[string]bool{}
		for _, r := range s.Responses {
			if seen[r.Lever] {
				continue
			}
			seen[r.Lever] = true
			p, err := s.Parameter(r.Lever)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", r.Lever, err)
			}
			hi := p.Value
			for _, q := range s.Responses {
				if q.Lever == r.Lever {
					hi = math.Max(hi, q.Saturation())
				}
			}
			l := Lever{Path: r.Lever, Low: 0, High: hi}
			if rg, ok := s.RangeFor(r.Lever); ok {
				l.Low, l.High = rg.Low, rg.High
			}
			asked = append(asked, l)
		}
		if len(asked) == 0 {
			return nil, errors.New("the scenario has no [[response]] curves: without them more spend changes nothing but its cost, so spending nothing is best; add [[response]] tables (docs/scenarios.md) or name the levers and their bounds")
		}
	}
	out := make([]LeverResult, len(asked))
	first := map[string]Lever{} // by the parameter's own path
	for i, l := range asked {
		p, err := s.Parameter(l.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.Path, err)
		}
		if prev, twice := first[p.Path]; twice {
			return nil, fmt.Errorf("%s is given twice (%s:%s and %s:%s); give each lever once",
				p.Path, describe(prev.Low), describe(prev.High), describe(l.Low), describe(l.High))
		}
		first[p.Path] = l
		if !(l.Low <= l.High) {
			return nil, fmt.Errorf("%s: bounds %s,%s; give low ≤ high", l.Path, describe(l.Low), describe(l.High))
		}
		m := MoveTo(p, l.Low, l.High, true)
		unit := 1.0
		if p.Kind.Percent() {
			unit = 0.01
		}
		out[i] = LeverResult{Parameter: p, Low: m.Low, High: m.High, Unit: unit, Fixed: m.Low == m.High}
	}
	return out, nil
}
