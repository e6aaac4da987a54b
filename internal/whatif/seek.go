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
	asked := s
	switch s {
	case "max":
		return Maximum, 0, nil
	case "min":
		return Minimum, 0, nil
	}
	if s == "" {
		return 0, 0, errors.New("no goal; give a number (3), <=12, >=3, max or min")
	}
	g, prefix := Equal, ""
	for _, p := range []struct {
		prefix string
		goal   Goal
	}{{"<=", AtMost}, {">=", AtLeast}, {"=", Equal}} {
		if strings.HasPrefix(s, p.prefix) {
			g, prefix, s = p.goal, p.prefix, strings.TrimSpace(s[len(p.prefix):])
			break
		}
	}
	if s == "" {
		return 0, 0, fmt.Errorf("%q has no number after %s; give one, e.g. %s12", asked, prefix, prefix)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, 0, fmt.Errorf("%q: %q is not a finite number; give a number (3), <=12, >=3, max or min", asked, s)
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
	// the range's width. The solvers go on past it until the goal is met
	// as SeekResult.Found says, so a wide range's coarse tolerance does
	// not end the search early.
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
	// Found is true when a value meets the goal, whatever the width of
	// the range: for Equal, |KPI − Target| ≤ 1e-9·max(1, |Target|) there;
	// for AtMost and AtLeast, the goal holds there and not at the value
	// 1e-9·max(1, |Value|) beyond it (on the side away from Side); for
	// Maximum and Minimum, always once the KPI is defined somewhere.
	// Value is the value nearest the parameter's current value and
	// KPIValue the KPI there.
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

	misses []miss // where the goal changes but no value meets it to 1e-9
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
	if opt, err = opt.withDefaults(); err != nil {
		return nil, err
	}
	r := &SeekResult{Parameter: p, KPI: opt.KPI, Goal: opt.Goal, Target: opt.Target}
	m, err := searchRange(s, p, opt.Range)
	if err != nil {
		return nil, err
	}
	r.Low, r.High, r.Clamped = m.Low, m.High, m.Clamped
	if !(r.High > r.Low) {
		return nil, fmt.Errorf("%s: the range is the single value %s; give a wider range", p.Path, describe(r.Low))
	}
	r.Tolerance = opt.Tolerance
	if r.Tolerance <= 0 {
		r.Tolerance = DefaultRelTolerance * (r.High - r.Low)
	}
	at := func(x float64) sim.Optional { // safe to call in parallel
		v, err := kpiAt(s, opt.KPI, []string{p.Path}, x)
		if err != nil {
			return sim.Optional{} // an invalid scenario has no KPI
		}
		return v
	}
	eval := func(x float64) sim.Optional { // for the solvers, one call at a time
		r.Evaluations++
		return at(x)
	}
	r.Curve = scan(at, r.Low, r.High, opt.Scan)
	r.Evaluations += len(r.Curve)
	r.KPIMin, r.ArgMin, r.KPIMax, r.ArgMax = extremes(r.Curve)
	if !r.KPIMin.Defined {
		r.Message = fmt.Sprintf("%s is undefined for every %s in [%s, %s]", opt.KPI, p.Path, describe(r.Low), describe(r.High))
		r.Method = "scan only"
		return r, nil
	}
	switch opt.Goal {
	case Equal:
		r.seekRoot(eval, opt)
	case AtMost, AtLeast:
		r.seekBoundary(eval, opt)
	case Maximum, Minimum:
		r.seekExtremum(eval, opt)
	}
	if !r.Found && !r.Holds {
		r.Message = r.notFound()
	}
	return r, nil
}

// withDefaults fills in the defaults of opt and checks it.
func (opt SeekOptions) withDefaults() (SeekOptions, error) {
	if opt.Goal == Equal && opt.KPI.Step() {
		return opt, fmt.Errorf("%s moves in whole periods, so it rarely equals a target exactly; ask for <=%s or >=%s", opt.KPI, describe(opt.Target), describe(opt.Target))
	}
	if err := opt.shareTarget(); err != nil {
		return opt, err
	}
	if opt.Scan == 0 {
		opt.Scan = DefaultScan
	}
	if opt.MaxIterations == 0 {
		opt.MaxIterations = DefaultMaxIterations
	}
	if opt.Scan < 2 || opt.Scan > 10000 || opt.MaxIterations < 1 || opt.MaxIterations > 10000 {
		return opt, errors.New("whatif: scan 2 to 10000 intervals and 1 to 10000 iterations")
	}
	return opt, nil
}

// shareTarget refuses a goal no share can meet: a share of the market
// (steady share) is from 0 to 1, so = 50 or >= 1.2 is out of reach (and
// 50 was likely meant as 0.5). A goal every share meets (<= 1.2) is left
// to the search, which says it holds over the whole range.
func (opt SeekOptions) shareTarget() error {
	x := opt.Target
	if opt.KPI.Unit() != kpi.Share {
		return nil
	}
	switch opt.Goal {
	case Equal:
		if x >= 0 && x <= 1 {
			return nil
		}
	case AtLeast:
		if x <= 1 {
			return nil
		}
	case AtMost:
		if x >= 0 {
			return nil
		}
	default:
		return nil
	}
	hint := "give a share from 0 to 1, e.g. 0.5 for 50%"
	if opt.Target > 1 && opt.Target <= 100 {
		hint = fmt.Sprintf("for %s%% give %s", describe(opt.Target), describe(opt.Target/100))
	}
	return fmt.Errorf("%s is a share of the market, from 0 to 1, so no value reaches %s %s; %s", opt.KPI, opt.Goal, describe(opt.Target), hint)
}

// searchRange returns the range goal seek searches for p: the range asked
// for, else p's [[sensitivity]] range, else its natural range (see
// SeekOptions.Range), clamped to the values p may take.
func searchRange(s *scenarios.Scenario, p scenarios.Parameter, asked *[2]float64) (Move, error) {
	if asked != nil {
		if !(asked[0] <= asked[1]) {
			return Move{}, fmt.Errorf("range %s,%s; give low,high with low ≤ high", describe(asked[0]), describe(asked[1]))
		}
		return MoveTo(p, asked[0], asked[1], true), nil
	}
	if rg, ok := s.RangeFor(p.Path); ok {
		return MoveTo(p, rg.Low, rg.High, true), nil
	}
	hi := p.Max
	if p.Kind.Unbounded() {
		if p.Value == 0 {
			return Move{}, fmt.Errorf("%s is 0, so there is no natural range to search; give one (-range low,high)", p.Path)
		}
		hi = 2 * p.Value
	}
	return MoveTo(p, p.Min, hi, false), nil
}

// seekRoot solves KPI = Target: Brent's method in every scan interval
// that brackets the target.
func (r *SeekResult) seekRoot(eval func(float64) sim.Optional, opt SeekOptions) {
	r.Method = fmt.Sprintf("scan of %d intervals, then Brent's method in each bracket until %s is within %s of the target and the parameter within %s (at most %d iterations)", opt.Scan, opt.KPI, describe(goalTolerance(opt.Target)), describe(r.Tolerance), opt.MaxIterations)
	xs, misses, it := roots(r.Curve, opt.Target, eval, r.Tolerance, opt.MaxIterations)
	r.Iterations += it
	r.misses = misses
	r.pick(xs)
	if r.Found {
		r.KPIValue = eval(r.Value)
		r.Message = fmt.Sprintf("%s = %s gives %s = %s", r.Parameter.Path, describe(r.Value), opt.KPI, describe(r.KPIValue.Value))
	}
}

// seekBoundary solves KPI ≤ Target or KPI ≥ Target: bisection of every
// scan interval where the goal starts or stops holding.
func (r *SeekResult) seekBoundary(eval func(float64) sim.Optional, opt SeekOptions) {
	r.Method = fmt.Sprintf("scan of %d intervals, then bisection of each boundary (to %s on the parameter and 1e-9 of its value, at most %d iterations)", opt.Scan, describe(r.Tolerance), opt.MaxIterations)
	holds := func(v sim.Optional) bool {
		if !v.Defined {
			return false
		}
		if opt.Goal == AtMost {
			return v.Value <= opt.Target
		}
		return v.Value >= opt.Target
	}
	bs, misses, it := boundaries(r.Curve, holds, eval, r.Tolerance, opt.MaxIterations)
	r.Iterations += it
	r.misses = misses
	if bs == nil && misses == nil && holds(r.Curve[0].KPI) {
		r.Holds = true
		goal := fmt.Sprintf("%s %s %s", opt.KPI, opt.Goal, describe(opt.Target))
		switch {
		case r.KPIMin.Value == r.KPIMax.Value:
			r.Message = fmt.Sprintf("%s holds for every %s in %s: %s", goal, r.Parameter.Path, r.rangeText(), r.kpiSpan(false))
		case r.wholeDomain():
			r.Message = fmt.Sprintf("%s holds for every %s in its whole range %s (%s): no value it can take makes it stop",
				goal, r.Parameter.Path, r.rangeText(), r.kpiSpan(false))
		default:
			r.Message = fmt.Sprintf("%s holds for every %s in %s (%s); widen the range to find where it stops",
				goal, r.Parameter.Path, r.rangeText(), r.kpiSpan(false))
		}
		return
	}
	xs := make([]float64, len(bs))
	for i, b := range bs {
		xs[i] = b.X
	}
	if k := r.pick(xs); r.Found {
		r.Side = bs[k].Side
		r.KPIValue = eval(r.Value)
		rel := "up to"
		if r.Side == "above" {
			rel = "from"
		}
		r.Message = fmt.Sprintf("%s %s %s keeps %s %s %s (there it is %s)", r.Parameter.Path, rel, describe(r.Value), opt.KPI, opt.Goal, describe(opt.Target), r.KPIValue)
	}
}

// seekExtremum finds where the KPI is largest (Maximum) or smallest
// (Minimum): golden-section search within a scan interval of the best
// point scanned.
func (r *SeekResult) seekExtremum(eval func(float64) sim.Optional, opt SeekOptions) {
	r.Method = fmt.Sprintf("scan of %d intervals, then golden-section search around the best point (to %s on the parameter and 1e-9 of its value, at most %d iterations)", opt.Scan, describe(r.Tolerance), opt.MaxIterations)
	sign, best := 1.0, CurvePoint{r.ArgMax, r.KPIMax}
	if opt.Goal == Minimum {
		sign, best = -1, CurvePoint{r.ArgMin, r.KPIMin}
	}
	step := (r.High - r.Low) / float64(opt.Scan)
	p, it := extremum(eval, best, sign, math.Max(r.Low, best.X-step), math.Min(r.High, best.X+step), r.Tolerance, opt.MaxIterations)
	r.Iterations = it
	r.Found, r.Value, r.KPIValue = true, p.X, p.KPI
	near := precision(r.Value, r.Value, r.Tolerance)
	r.AtEdge = r.Value-r.Low <= near || r.High-r.Value <= near
	what := map[Goal]string{Maximum: "largest", Minimum: "smallest"}[opt.Goal]
	r.Message = fmt.Sprintf("%s is %s, %s, at %s = %s", opt.KPI, what, describe(r.KPIValue.Value), r.Parameter.Path, describe(r.Value))
	switch {
	case !r.AtEdge:
	case r.Value-r.Low <= near && r.Low <= r.Parameter.Min, r.High-r.Value <= near && r.High >= r.Parameter.Max:
		r.Message += fmt.Sprintf("; that is the end of the values %s can take", r.Parameter.Path)
	default:
		r.Message += "; that is the end of the range, so it may go on beyond: widen the range"
	}
}

// notFound says that no value in the range meets the goal, and which KPI
// values the range reaches.
func (r *SeekResult) notFound() string {
	name, kname := r.Parameter.Path, r.KPI.String()
	where := fmt.Sprintf("no %s in %s", name, r.rangeText())
	if r.wholeDomain() {
		where = fmt.Sprintf("no %s in its whole range %s", name, r.rangeText())
	}
	msg := fmt.Sprintf("%s gives %s %s %s: %s", where, kname, r.Goal, describe(r.Target), r.kpiSpan(true))
	for _, m := range r.misses {
		if r.Goal == Equal {
			// The ends in full: a bracket a few ulps wide reads as one value in 6 digits.
			msg += fmt.Sprintf("; between %s = %s and %s it jumps from %s to %s without coming within %s of %s",
				name, strconv.FormatFloat(m.Low, 'g', -1, 64), strconv.FormatFloat(m.High, 'g', -1, 64), describe(m.KPILow), describe(m.KPIHigh), describe(goalTolerance(r.Target)), describe(r.Target))
		} else {
			msg += fmt.Sprintf("; near %s = %s the goal flips back and forth within 1e-9 of the value, so no boundary could be pinned there",
				name, describe(m.Low))
		}
	}
	if undefined := r.undefinedCount(); undefined > 0 {
		msg += fmt.Sprintf("; it is undefined at %d of the %d points scanned", undefined, len(r.Curve))
	}
	return msg
}

// rangeText writes the range searched: "[0, 0.94]".
func (r *SeekResult) rangeText() string {
	return fmt.Sprintf("[%s, %s]", describe(r.Low), describe(r.High))
}

// wholeDomain reports whether the range searched is every value the
// parameter can take.
func (r *SeekResult) wholeDomain() bool {
	return r.Low <= r.Parameter.Min && r.High >= r.Parameter.Max
}

// kpiSpan says which values the KPI takes over the scan: "clv runs from
// 10 to 20", with where (at) each is reached when at is true, or, when
// the scan found one value only, that the KPI does not move with the
// parameter.
func (r *SeekResult) kpiSpan(at bool) string {
	kname := r.KPI.String()
	if r.KPIMax.Value-r.KPIMin.Value <= goalTolerance(r.KPIMax.Value) { // equal but for rounding: "from 0.25 to 0.25" would say it moves
		every := "every value scanned"
		if r.undefinedCount() > 0 {
			every += " where it is defined"
		}
		return fmt.Sprintf("%s is %s at %s, so it does not move with %s over this range", kname, describe(r.KPIMin.Value), every, r.Parameter.Path)
	}
	if !at {
		return fmt.Sprintf("%s runs from %s to %s", kname, describe(r.KPIMin.Value), describe(r.KPIMax.Value))
	}
	return fmt.Sprintf("over that range %s runs from %s (at %s) to %s (at %s)",
		kname, describe(r.KPIMin.Value), describe(r.ArgMin), describe(r.KPIMax.Value), describe(r.ArgMax))
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

// undefinedCount returns how many points of the scan have no KPI value.
func (r *SeekResult) undefinedCount() int {
	n := 0
	for _, c := range r.Curve {
		if !c.KPI.Defined {
			n++
		}
	}
	return n
}
