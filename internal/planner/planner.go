package planner

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim"
)

// Planner is the state of one planning session: a scenario as loaded, the
// values the user changed (overrides, by scenario path), undo and redo
// history, the baseline, and the results of both.
type Planner struct {
	base     *scenarios.Scenario
	preset   string // shipped scenario id, or "" for a loaded file
	controls []Control

	overrides  map[string]float64
	undo, redo []map[string]float64
	editing    string // the control being dragged: one undo step per drag

	baseline  Baseline
	version   int // counts recomputations: what results belong to
	current   *scenarios.Scenario
	result    *sim.Result
	baseRes   *sim.Result
	lastError string

	saved    []Saved             // the plans the user saved (plans.go)
	compared []int               // the plans drawn on the charts, indexes into Plans
	plansGen int                 // counts changes of the plans
	planRes  []*sim.Result       // the saved plans' projections, computed once
	fixedRes map[int]*sim.Result // the projections of the scenario as loaded and its variants
}

// Baseline is what the current scenario is compared with.
type Baseline struct {
	Kind      BaselineKind
	Variant   int                // with BaselineVariant: index into the scenario's variants
	Saved     int                // with BaselineSaved: index into the saved plans
	Overrides map[string]float64 // with BaselineSaved: the saved plan's values
}

// BaselineKind says where the baseline comes from.
type BaselineKind int

const (
	BaselineScenario BaselineKind = iota // the scenario as loaded
	BaselineSaved                        // a plan the user saved (SavePlan)
	BaselineVariant                      // one of the scenario's [[variant]]s
)

// New starts a session on s; preset is its shipped id, or "" for a file.
func New(s *scenarios.Scenario, preset string) (*Planner, error) {
	p := &Planner{base: s, preset: preset, overrides: map[string]float64{}, fixedRes: map[int]*sim.Result{}}
	p.controls = controlsFor(s)
	if err := p.recompute(); err != nil {
		return nil, err
	}
	return p, nil
}

// Version changes every time the projections are recomputed (a value, the
// baseline or the scenario changed): what was computed for another version
// is stale. Unlike the results' addresses, it is never reused.
func (p *Planner) Version() int { return p.version }

// Scenario returns the scenario with the user's values applied.
func (p *Planner) Scenario() *scenarios.Scenario { return p.current }

// Base returns the scenario as loaded.
func (p *Planner) Base() *scenarios.Scenario { return p.base }

// Preset returns the shipped id of the scenario, or "".
func (p *Planner) Preset() string { return p.preset }

// Result returns the current projection.
func (p *Planner) Result() *sim.Result { return p.result }

// BaselineResult returns the baseline's projection.
func (p *Planner) BaselineResult() *sim.Result { return p.baseRes }

// Baseline returns the current baseline.
func (p *Planner) Baseline() Baseline { return p.baseline }

// Controls returns the controls of the scenario, grouped and ordered for
// display.
func (p *Planner) Controls() []Control { return p.controls }

// Control returns the control for path.
func (p *Planner) Control(path string) (Control, bool) {
	i := slices.IndexFunc(p.controls, func(c Control) bool { return c.Path == path })
	if i < 0 {
		return Control{}, false
	}
	return p.controls[i], true
}

// Value returns the current value of a control.
func (p *Planner) Value(path string) float64 {
	if v, ok := p.overrides[path]; ok {
		return v
	}
	c, _ := p.Control(path)
	return c.get(p.base)
}

// Changed reports whether the user changed the value at path.
func (p *Planner) Changed(path string) bool {
	_, ok := p.overrides[path]
	return ok
}

// Overrides returns a copy of the changed values.
func (p *Planner) Overrides() map[string]float64 { return maps.Clone(p.overrides) }

// LastError returns the last problem a change or a link ran into, or "".
func (p *Planner) LastError() string { return p.lastError }

// Range returns the values a control may take now: for a transition
// probability, at most what the rest of its row leaves (so the row stays
// valid: the slider takes from churn and never from another stage).
func (p *Planner) Range(path string) (lo, hi float64) {
	c, ok := p.Control(path)
	if !ok {
		return 0, 0
	}
	lo, hi = c.Min, c.Max
	if c.Kind() == scenarios.Probability && c.Stage != "" {
		hi = math.Max(lo, math.Min(hi, p.rowRoom(c)))
	}
	return lo, hi
}

// rowRoom returns the largest value a transition probability may take
// while its row, and the row of every segment that overrides part of it,
// sums to at most 1.
func (p *Planner) rowRoom(c Control) float64 {
	dest := c.at.To
	others := func(row, override map[string]float64) float64 {
		sum := 0.0
		for id, v := range row {
			if _, replaced := override[id]; id != dest && !replaced {
				sum += p.valueIn(c.Stage, id, v)
			}
		}
		for id, v := range override {
			if id != dest {
				sum += v
			}
		}
		return sum
	}
	st := stageOf(p.base, c.Stage)
	room := 1 - others(st.To, nil)
	for _, seg := range p.base.Segments {
		o := seg.Stage[c.Stage]
		if o == nil || len(o.To) == 0 {
			continue
		}
		if _, own := o.To[dest]; own {
			continue // this segment sets its own value for the slider's entry
		}
		room = math.Min(room, 1-others(st.To, o.To))
	}
	return room
}

// valueIn returns the current value of stage's probability to id (base
// value v unless changed).
func (p *Planner) valueIn(stage, id string, v float64) float64 {
	if x, ok := p.overrides[scenarios.Path{Stage: stage, Key: "to", To: id}.String()]; ok {
		return x
	}
	return v
}

// Churn returns the share of a stage's customers that churns each period,
// 1 − its row sum, for a stage id.
func (p *Planner) Churn(stage string) float64 {
	i := slices.IndexFunc(p.current.Stages, func(s scenarios.Stage) bool { return s.ID == stage })
	if i < 0 {
		return 0
	}
	sum := 0.0
	for _, v := range p.current.Stages[i].To {
		sum += v
	}
	return math.Max(0, 1-sum)
}

// Set changes a control's value, clamped to its range, and recomputes. A
// series of Sets to the same control without EndEdit is one undo step (a
// slider drag).
func (p *Planner) Set(path string, v float64) error {
	c, ok := p.Control(path)
	if !ok {
		return fmt.Errorf("no control %q", path)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s: give a finite number", c.Label.EN)
	}
	lo, hi := p.Range(path)
	v = math.Max(lo, math.Min(hi, v))
	if c.Integer() {
		v = math.Round(v)
	}
	if v == p.Value(path) {
		return nil
	}
	if p.editing != path {
		p.pushUndo()
		p.editing = path
	}
	return p.apply(func(o map[string]float64) {
		if v == c.get(p.base) {
			delete(o, path)
		} else {
			o[path] = v
		}
	})
}

// EndEdit closes the current edit: the next Set starts a new undo step.
func (p *Planner) EndEdit() { p.editing = "" }

// Reset returns one control to the scenario's value.
func (p *Planner) Reset(path string) error {
	if !p.Changed(path) {
		return nil
	}
	p.pushUndo()
	p.editing = ""
	return p.apply(func(o map[string]float64) { delete(o, path) })
}

// ResetAll returns every control to the scenario's value.
func (p *Planner) ResetAll() error {
	if len(p.overrides) == 0 {
		return nil
	}
	p.pushUndo()
	p.editing = ""
	return p.apply(func(o map[string]float64) { clear(o) })
}

// maxUndo bounds the undo history.
const maxUndo = 200

func (p *Planner) pushUndo() {
	p.undo = append(p.undo, maps.Clone(p.overrides))
	if len(p.undo) > maxUndo {
		p.undo = p.undo[1:]
	}
	p.redo = p.redo[:0]
}

// CanUndo and CanRedo report whether there is a step to undo or redo.
func (p *Planner) CanUndo() bool { return len(p.undo) > 0 }
func (p *Planner) CanRedo() bool { return len(p.redo) > 0 }

// Undo takes back the last change; it reports whether there was one.
func (p *Planner) Undo() bool { return p.step(&p.undo, &p.redo) }

// Redo makes the last undone change again.
func (p *Planner) Redo() bool { return p.step(&p.redo, &p.undo) }

// step restores the newest values of from, keeping the current ones in to.
func (p *Planner) step(from, to *[]map[string]float64) bool {
	if len(*from) == 0 {
		return false
	}
	*to = append(*to, maps.Clone(p.overrides))
	p.overrides = (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	p.editing = ""
	p.recompute()
	return true
}

// apply changes the overrides with change and recomputes; if the result is
// invalid the change is taken back and the error kept.
func (p *Planner) apply(change func(map[string]float64)) error {
	prev := maps.Clone(p.overrides)
	change(p.overrides)
	if err := p.recompute(); err != nil {
		p.overrides = prev
		p.recompute()
		return err
	}
	return nil
}

// SetBaseline compares with the scenario as loaded (kind
// BaselineScenario), saved plan i (BaselineSaved) or variant i
// (BaselineVariant).
func (p *Planner) SetBaseline(kind BaselineKind, i int) error {
	switch kind {
	case BaselineScenario:
		return p.SetBaselinePlan(0)
	case BaselineVariant:
		if i < 0 || i >= len(p.base.Variants) {
			return problem("the scenario has no variant %d", "情景没有第 %d 个变体", i+1)
		}
		return p.SetBaselinePlan(1 + i)
	case BaselineSaved:
		if i < 0 || i >= len(p.saved) {
			return problem("there is no saved plan %d: save the current values as a plan first", "没有第 %d 个已保存方案：请先将当前取值保存为方案", i+1)
		}
		return p.SetBaselinePlan(p.savedAt(i))
	}
	return fmt.Errorf("no baseline kind %d", kind)
}

// Baselines lists the baselines the current one can be switched to, in
// the order of Plans, which a Baseline button cycles through: the
// scenario as loaded, each variant, then each saved plan.
func (p *Planner) Baselines() []Baseline {
	out := []Baseline{{}}
	for i := range p.base.Variants {
		out = append(out, Baseline{Kind: BaselineVariant, Variant: i})
	}
	for i, s := range p.saved {
		out = append(out, Baseline{Kind: BaselineSaved, Saved: i, Overrides: s.Values})
	}
	return out
}

// NextBaseline switches to the plan after the baseline in Plans, back to
// the first after the last.
func (p *Planner) NextBaseline() error {
	return p.SetBaselinePlan((p.BaselinePlan() + 1) % len(p.Baselines()))
}

// BaselineName returns the baseline's display name in lang.
func (p *Planner) BaselineName(lang string) string {
	switch p.baseline.Kind {
	case BaselineSaved:
		return p.saved[p.baseline.Saved].Name
	case BaselineVariant:
		return p.base.Variants[p.baseline.Variant].Name.In(lang)
	}
	return map[string]string{"en": "as loaded", "zh": "原始情景"}[lang]
}

// withOverrides returns the base scenario with the given values set.
func (p *Planner) withOverrides(o map[string]float64) (*scenarios.Scenario, error) {
	s := p.base.Clone()
	s.Variants = nil
	for _, path := range sortedPaths(o) {
		c, ok := p.Control(path)
		if !ok {
			return nil, fmt.Errorf("no control %q", path)
		}
		if err := s.Set(path, c.value(o[path])); err != nil {
			return nil, err
		}
	}
	if probs := s.Validate(); len(probs) > 0 {
		msgs := make([]string, len(probs))
		for i, pr := range probs {
			msgs[i] = pr.Msg
		}
		return nil, errors.New(strings.Join(msgs, "; "))
	}
	return s, nil
}

func sortedPaths(o map[string]float64) []string {
	paths := slices.Collect(maps.Keys(o))
	slices.Sort(paths)
	return paths
}

// recompute projects the current values and the baseline.
func (p *Planner) recompute() error {
	cur, err := p.withOverrides(p.overrides)
	if err != nil {
		p.lastError = err.Error()
		return err
	}
	res, err := projectScenario(cur)
	if err != nil {
		p.lastError = err.Error()
		return err
	}
	var base *scenarios.Scenario
	switch p.baseline.Kind {
	case BaselineSaved:
		base, err = p.withOverrides(p.saved[p.baseline.Saved].Values)
	case BaselineVariant:
		var probs []scenarios.Problem
		base, probs = p.base.WithVariant(p.baseline.Variant)
		if len(probs) > 0 {
			err = errors.New(probs[0].Msg)
		}
	default:
		base, err = p.withOverrides(nil)
	}
	if err != nil {
		p.lastError = err.Error()
		return err
	}
	baseRes, err := projectScenario(base)
	if err != nil {
		p.lastError = err.Error()
		return err
	}
	p.current, p.result, p.baseRes, p.lastError = cur, res, baseRes, ""
	p.version++
	return nil
}

// KPI is one headline figure with its baseline.
type KPI struct {
	Key      string // "clv", "clv_net", "ltv_cac", "customer_equity", "payback_periods"
	Label    [2]string
	Value    sim.Optional
	Baseline sim.Optional
	Unit     kpi.Unit
	// LowerIsBetter is true for payback: a shorter payback is good news.
	LowerIsBetter bool
}

// Delta returns the change against the baseline and whether it is defined.
func (k KPI) Delta() (float64, bool) {
	if !k.Value.Defined || !k.Baseline.Defined {
		return 0, false
	}
	return k.Value.Value - k.Baseline.Value, true
}

// Better reports whether the change is good news (+1), bad news (−1) or
// none (0).
func (k KPI) Better() int {
	d, ok := k.Delta()
	if !ok || math.Abs(d) < 1e-9*math.Max(1, math.Abs(k.Baseline.Value)) {
		return 0
	}
	if (d > 0) != k.LowerIsBetter {
		return 1
	}
	return -1
}

// stripKPIs are the headline figures of the KPI strip, left to right: a
// selection of the catalogue that fits the strip (see package kpi's doc).
var stripKPIs = []kpi.KPI{kpi.CLV, kpi.CLVNet, kpi.LTVCAC, kpi.CustomerEquity, kpi.PaybackPeriods}

// usedKPIs follow the headline figures in the strip when the scenario
// uses what they report (kpi.KPI.Shown): the referral value and R when it
// refers, our steady share when it has competitor stages.
var usedKPIs = []kpi.KPI{kpi.ReferralValue, kpi.ReferralsDirect, kpi.SteadyShare}

// KPIs returns the figures of the KPI strip (Strip) for the current values
// against the baseline, labelled with the catalogue's short labels.
func (p *Planner) KPIs() []KPI {
	cur, base := &p.result.Summary, &p.baseRes.Summary
	out := make([]KPI, 0, len(stripKPIs)+len(usedKPIs))
	for _, k := range p.Strip() {
		out = append(out, kpiOf(k, cur, base))
	}
	return out
}

// Strip returns the KPI strip's figures, left to right: the headline
// figures (StripKPIs), then those of usedKPIs that the current values or
// the baseline use: the referral value and R in a scenario that refers
// (a slider that takes every referral to 0 keeps them, against the
// baseline), the steady share in a brand-switching market.
func (p *Planner) Strip() []kpi.KPI {
	cur, base := &p.result.Summary, &p.baseRes.Summary
	out := StripKPIs()
	for _, k := range usedKPIs {
		if k.Shown(cur, base) {
			out = append(out, k)
		}
	}
	return out
}

// kpiOf returns figure k of cur against base.
func kpiOf(k kpi.KPI, cur, base *sim.Summary) KPI {
	return KPI{Key: k.String(), Label: [2]string{capitalized(k.Short("en")), k.Short("zh")},
		Value: k.Of(cur), Baseline: k.Of(base), Unit: k.Unit(), LowerIsBetter: k.Good() == kpi.Lower}
}

// StripKPIs returns the headline figures, in their order: the first
// figures of the KPI strip (Strip), and the Plans view's columns.
func StripKPIs() []kpi.KPI { return slices.Clone(stripKPIs) }

// projectScenario projects s deterministically.
func projectScenario(s *scenarios.Scenario) (*sim.Result, error) { return projection.Project(s) }

// capitalized returns s with its first letter in upper case: a label
// that starts a line of its own.
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// Runs returns the baseline, the compared plans (Compared) and the
// current values as projected runs, for the charts: the baseline first,
// the current values last. A compared plan that is the baseline, or
// cannot be projected, is left out.
func (p *Planner) Runs(lang string) []projection.Run {
	baseName := map[string]string{"en": "Baseline", "zh": "基准"}[lang] + " (" + p.BaselineName(lang) + ")"
	cur := map[string]string{"en": "Current", "zh": "当前"}[lang]
	runs := []projection.Run{
		{Run: scenarios.Run{Name: "baseline", Title: scenarios.Text{EN: baseName, ZH: baseName}, Scenario: p.base}, Result: p.baseRes},
	}
	plans := p.Plans()
	for _, i := range p.compared {
		res, err := p.PlanResult(i)
		if i == p.BaselinePlan() || err != nil {
			continue
		}
		name := plans[i].Name.In(lang)
		runs = append(runs, projection.Run{Run: scenarios.Run{Name: "plan-" + strconv.Itoa(i+1), Title: scenarios.Text{EN: name, ZH: name}, Scenario: p.base}, Result: res})
	}
	return append(runs, projection.Run{Run: scenarios.Run{Name: "current", Title: scenarios.Text{EN: cur, ZH: cur}, Scenario: p.current}, Result: p.result})
}

// MonteCarlo returns the current scenario and the Monte Carlo trials to
// run on it (projection.Trials): the file's [uncertainty] table and
// distributions with the number of trials set, lowered so that the run
// keeps at most uncertainty.MaxSamples values.
func (p *Planner) MonteCarlo(trials int) (*scenarios.Scenario, projection.MonteCarlo) {
	return p.current, projection.MonteCarlo{Trials: trials, TrialsSet: true, Fit: true}
}
