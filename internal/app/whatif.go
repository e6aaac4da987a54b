package app

import (
	"fmt"
	"image"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"

	"clvlab/internal/chart"
	"clvlab/internal/kpi"
	"clvlab/internal/planner"
	"clvlab/internal/ui"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
)

// Analysis tabs follow the run charts (chart.Kinds): which lever matters
// (a tornado of customer equity, ±10% per lever) and the optimum spend.
const (
	tabTornado = iota + 7
	tabOptimum
	tabPlans // the plans side by side (plansview.go)
	numTabs
)

// seekKPIs are the goals the seek bar cycles through: a selection of
// kpi.Outcomes that fits the bar (see package kpi's doc).
var seekKPIs = []kpi.KPI{kpi.LTVCAC, kpi.CLV, kpi.CustomerEquity, kpi.PaybackPeriods}

// marketSeekKPIs are the goals of a brand-switching market: seekKPIs and
// our steady share.
var marketSeekKPIs = append(slices.Clone(seekKPIs), kpi.SteadyShare)

// seekGoals returns the goals the seek bar cycles through for the current
// scenario: seekKPIs, then the steady share in a brand-switching market.
func (a *App) seekGoals() []kpi.KPI {
	if kpi.SteadyShare.Shown(&a.p.Result().Summary) {
		return marketSeekKPIs
	}
	return seekKPIs
}

// seekKPI returns the bar's goal; one beyond the scenario's goals (the
// steady share, kept from another scenario) is the first.
func (a *App) seekKPI() kpi.KPI {
	goals := a.seekGoals()
	if a.what.kpi >= len(goals) {
		a.what.kpi = 0
	}
	return goals[a.what.kpi]
}

// whatIf is the state of the what-if bar.
type whatIf struct {
	kpi     int    // index into seekGoals
	target  string // typed target; "" until the bar sets the goal's default
	path    string // the lever solved for: the last slider touched
	found   *whatif.SeekResult
	optimum *whatif.Optimum
	// applied lists what the last Apply of an optimum changed, for the
	// Optimum tab.
	applied []leverChange
	version int // the planner version found and optimum were computed for
}

// leverChange is one slider an Apply moved.
type leverChange struct {
	path     string
	from, to float64
}

// seekGoal is the goal the bar asks of k: equal to the target, or at most
// the target for a KPI that moves in whole steps (payback).
func seekGoal(k kpi.KPI) whatif.Goal {
	if k.Step() {
		return whatif.AtMost
	}
	return whatif.Equal
}

// goalLabel is the goal button's text: the KPI's short label (the
// catalogue's, as in the KPI strip) and the relation; the font has no ≤.
func goalLabel(k kpi.KPI, lang string) string {
	if seekGoal(k) == whatif.AtMost {
		return k.Short(lang) + " <="
	}
	return k.Short(lang) + " ="
}

// goodLTVCAC is the LTV:CAC many firms aim for (the catalogue's
// explanation): the seek bar proposes it when the ratio is below.
const goodLTVCAC = 3

// defaultTarget is the target the bar proposes for k from its current
// value v: a step in the direction of good news. LTV:CAC is raised to 3
// when below it; a KPI where more is better otherwise to about 10% above
// its value, rounded up to two significant digits (0 when it is negative:
// break even); payback one period shorter (at least 1), or within the
// horizon when there is none.
// defined is false when the KPI has no value (LTV:CAC without acquisition
// cost, payback beyond the horizon).
func defaultTarget(k kpi.KPI, v float64, defined bool, horizon int) float64 {
	switch {
	case k == kpi.LTVCAC && (!defined || v < goodLTVCAC):
		return goodLTVCAC
	case k.Good() == kpi.Lower && !defined:
		return float64(horizon)
	case k.Good() == kpi.Lower:
		return math.Max(1, math.Ceil(v)-1)
	case k.Unit() == kpi.Share && !defined:
		return 0.5
	case !defined || v <= 0:
		return 0
	case k.Unit() == kpi.Share: // a share stops at 1
		return math.Min(1, roundUp2(1.1*v))
	}
	return roundUp2(1.1 * v)
}

// currentTarget is the default target of k from the current values.
func (a *App) currentTarget(k kpi.KPI) string {
	v := k.Of(&a.p.Result().Summary)
	return formatTarget(defaultTarget(k, v.Value, v.Defined, a.p.Result().Model.Horizon))
}

// roundUp2 rounds x > 0 up to two significant digits: 1094 to 1100,
// 9.119 to 9.2.
func roundUp2(x float64) float64 {
	m := math.Pow(10, math.Floor(math.Log10(x))-1)
	return math.Ceil(x/m-1e-9) * m
}

// formatTarget writes a target as it is typed, without the float noise
// of rounding (7.6, not 7.6000000000000005).
func formatTarget(v float64) string { return strconv.FormatFloat(v, 'g', 12, 64) }

// resetTarget sets the bar's target to the default of its goal.
func (a *App) resetTarget() {
	a.what.target = a.currentTarget(a.seekKPI())
}

// whatifBar draws "Make [KPI =] [target] by <slider> [Seek] [Apply]" and
// "[Optimise spend] [Apply]" from x0 to x1 at y0, the goal button as wide
// as its longest label and the lever's name in what is left; on two rows
// when one would cut the lever's name. It returns the bar's bottom.
func (a *App) whatifBar(m metrics, x0, y0, x1 int) int {
	c := &a.ui
	w := &a.what
	if w.target == "" && c.Focus() != "seek-target" {
		// The default, but not while the field is being typed: emptying
		// it to type a new target must not refill it.
		a.resetTarget()
	}
	if w.path == "" || !a.hasControl(w.path) {
		w.path = a.defaultSeekPath()
	}
	size := c.Theme.FontSize
	gap := m.pad / 2
	text := func(s string) int { return int(math.Ceil(a.measure(s, size))) }
	button := func(labels ...string) int {
		wd := m.font * 4
		for _, l := range labels {
			wd = max(wd, text(l)+m.pad+8) // the button's label is inset 4 on each side
		}
		return wd
	}
	kpis := a.seekGoals()
	goals := make([]string, len(kpis))
	for i, k := range kpis {
		goals[i] = goalLabel(k, a.lang)
	}
	makeW, goalW, targetW, byW := text(a.t("make"))+gap, button(goals...), m.font*4, text(a.t("by"))+m.pad
	seekW, applyW := button(a.t("seek")), button(a.t("apply"))
	optW := button(a.t("optimise spend"))
	rowH := m.line + 4
	r := image.Rect(x0, y0, x1, y0+rowH)
	leverW := r.Dx() - (makeW + goalW + targetW + byW + seekW + 2*applyW + optW + 9*gap)
	twoRows := float64(leverW) < a.measure(a.leverName(w.path).In(a.lang), size)+float64(gap)
	if twoRows {
		r.Max.Y += rowH
		leverW = r.Dx() - (makeW + goalW + targetW + byW + seekW + applyW + 7*gap)
	}
	c.Fill(r, c.Theme.Panel)
	x, y, h := r.Min.X+gap, r.Min.Y+2, rowH-4
	put := func(wd int) image.Rectangle {
		rr := image.Rect(x, y, x+wd, y+h)
		x += wd + gap
		return rr
	}
	c.Label(put(makeW), a.t("make"), 0, c.Theme.Text, ui.Right)
	k := a.seekKPI()
	kr := put(goalW)
	a.widgets["button:seek-kpi"] = kr
	if c.Button("seek-kpi", kr, goalLabel(k, a.lang), true) {
		w.kpi = (w.kpi + 1) % len(kpis)
		w.found = nil
		a.resetTarget() // the target follows the goal
		a.platform.stateChanged()
	}
	tr := put(targetW)
	a.widgets["field:seek-target"] = tr
	typed := w.target
	if c.TextField("seek-target", tr, &w.target) {
		a.seek()
	}
	if w.target != typed {
		w.found = nil
		a.platform.stateChanged()
	}
	c.Label(put(byW), a.t("by"), 0, c.Theme.Text, ui.Center)
	c.Label(put(max(leverW, m.font*3)), a.leverName(w.path).In(a.lang), 0, c.Theme.Accent, ui.Left)
	sr := put(seekW)
	a.widgets["button:seek"] = sr
	if c.Button("seek", sr, a.t("seek"), true) {
		a.seek()
	}
	ar := put(applyW)
	a.widgets["button:apply-seek"] = ar
	if c.Button("apply-seek", ar, a.t("apply"), w.found != nil && w.found.Found) {
		a.check(a.p.Set(w.found.Parameter.Path, w.found.Value))
		a.p.EndEdit()
		w.found = nil
	}
	x = r.Max.X - gap - optW - gap - applyW
	if twoRows {
		y += rowH
	}
	or := put(optW)
	a.widgets["button:optimize"] = or
	if c.Button("optimize", or, a.t("optimise spend"), len(levers(a.p.Scenario())) > 0) {
		a.optimize()
	}
	pr := put(applyW)
	a.widgets["button:apply-optimum"] = pr
	if c.Button("apply-optimum", pr, a.t("apply"), w.optimum != nil) {
		a.applyOptimum()
	}
	return r.Max.Y
}

func (a *App) hasControl(path string) bool {
	_, ok := a.p.Control(path)
	return ok
}

// stabilityStay is the path of the stability stage's stay probability.
var stabilityStay = scenarios.Path{Stage: "stability", Key: "to", To: "stability"}.String()

// defaultSeekPath is the stay probability of the most valuable stage: the
// lever the course asks about first.
func (a *App) defaultSeekPath() string {
	for _, c := range a.p.Controls() {
		if c.Path == stabilityStay {
			return c.Path
		}
	}
	for _, c := range a.p.Controls() {
		if c.Kind() == scenarios.Probability {
			return c.Path
		}
	}
	return a.p.Controls()[0].Path
}

func (a *App) groupName(group, lang string) string {
	t, _ := a.groupTitle(a.p.Scenario(), group, lang)
	return t
}

// leverName names a slider with its group, "Stability: stay", in the
// language it is shown in.
func (a *App) leverName(path string) inLang {
	return func(lang string) string {
		ctl, ok := a.p.Control(path)
		if !ok {
			return path
		}
		return a.groupName(ctl.Group, lang) + ": " + ctl.Label.In(lang)
	}
}

// leverValue formats a value of the slider at path in the language it is
// shown in.
func (a *App) leverValue(path string, v float64) inLang {
	return func(lang string) string {
		ctl, _ := a.p.Control(path)
		s := a.p.Scenario()
		return ctl.Format(v, s.Currency, periodName(s), lang)
	}
}

// kpiShort is a KPI's short label, the one name the screen gives it.
func kpiShort(k kpi.KPI) inLang { return k.Short }

// seek solves the bar's goal for its lever and reports the answer.
func (a *App) seek() {
	w := &a.what
	target, err := strconv.ParseFloat(w.target, 64)
	if err != nil || math.IsNaN(target) || math.IsInf(target, 0) {
		a.warn("target not a number", w.target)
		return
	}
	k := a.seekKPI()
	opt := whatif.SeekOptions{Path: w.path, KPI: k, Goal: seekGoal(k), Target: target}
	if ctl, ok := a.p.Control(w.path); ok && ctl.Kind() == scenarios.Probability {
		// The slider's range, where it stops short of the parameter's: a
		// competitor's switching stops at the stay its row writes, which
		// the what-if analyses take a win out of. Apply could not set a
		// value beyond it.
		if p, err := a.p.Scenario().Parameter(w.path); err == nil {
			if lo, hi := a.p.Range(w.path); hi < p.Max {
				opt.Range = &[2]float64{lo, hi}
			}
		}
	}
	r, err := whatif.Seek(a.p.Scenario(), opt)
	if err != nil {
		a.fail(err)
		return
	}
	if !r.Found {
		if r.Holds {
			a.say("seek holds", kpiShort(k), a.leverValue(w.path, r.Low), a.leverValue(w.path, r.High))
		} else {
			a.warn("seek none", kpiShort(k), w.target, a.leverValue(w.path, r.Low), a.leverValue(w.path, r.High))
		}
		w.found = nil
		return
	}
	w.found, w.version = r, a.p.Version()
	got := r.KPIValue.String()
	if k.Unit() == kpi.Share {
		got = k.Format(r.KPIValue) // 49.00%, as the strip shows it
	}
	a.say("seek found", a.leverName(w.path), a.leverValue(w.path, r.Value), kpiShort(k), got)
}

// optimumKPI is the KPI that Optimise spend maximises.
const optimumKPI = kpi.CustomerEquity

// optimize finds the spend that maximises optimumKPI and shows it in the
// optimum tab.
func (a *App) optimize() {
	a.tab = tabOptimum
	a.chartKey = chartKey{}
	a.platform.stateChanged()
	o, err := whatif.Optimize(a.p.Scenario(), whatif.OptimizeOptions{KPI: optimumKPI})
	if err != nil {
		a.fail(err)
		return
	}
	a.what.optimum, a.what.version = o, a.p.Version()
	a.say("optimum found", kpiShort(optimumKPI), money(o.Value, a.p.Scenario().Currency), money(o.Current, a.p.Scenario().Currency))
}

// money formats an amount as the charts abbreviate it, in the language it
// is shown in.
func money(v float64, currency string) inLang {
	return func(lang string) string { return chart.Human(v, lang) + " " + currency }
}

// applyOptimum sets the sliders to the optimum found and keeps what
// changed, which the Optimum tab then lists.
func (a *App) applyOptimum() {
	w := &a.what
	o := w.optimum
	w.applied = w.applied[:0]
	for _, l := range o.Levers {
		from := a.p.Value(l.Path)
		a.check(a.p.Set(l.Path, l.Optimum))
		a.p.EndEdit()
		if to := a.p.Value(l.Path); to != from {
			w.applied = append(w.applied, leverChange{path: l.Path, from: from, to: to})
		}
	}
	w.optimum = nil
	a.tab, a.chartKey = tabOptimum, chartKey{}
	a.say("optimum applied", len(w.applied), a.t("tab:optimum"))
}

// withResponses names the first shipped scenario with response curves
// in lang, for the Optimum tab of one without. The shipped scenarios are
// read once (parsing them all cost a third of that tab's redraw).
func withResponses(lang string) string {
	responsesOnce.Do(func() {
		for _, id := range scenarios.Presets() {
			if s, err := scenarios.Preset(id); err == nil && len(s.Responses) > 0 {
				responsesName = s.Name
				return
			}
		}
	})
	return responsesName.In(lang)
}

var (
	responsesOnce sync.Once
	responsesName scenarios.Text // the first shipped scenario with response curves
)

// levers returns the paths of the levers Optimise spend moves: every
// [[response]] curve's lever, once (whatif.Optimize's default).
func levers(s *scenarios.Scenario) []string {
	var out []string
	for _, r := range s.Responses {
		if !slicesContains(out, r.Lever) {
			out = append(out, r.Lever)
		}
	}
	return out
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// optimumNote is the Optimum tab while there is no optimum to draw: what
// Optimise spend does, with which levers, and how to run it; after Apply,
// first which sliders it changed and by how much.
func (a *App) optimumNote() *chart.Note {
	s := a.p.Scenario()
	n := &chart.Note{Header: chart.Header{Lang: a.lang, Scenario: s.Name.In(a.lang), Currency: s.Currency},
		Title: a.t("tab:optimum")}
	if len(a.what.applied) > 0 {
		n.Paragraphs = append(n.Paragraphs, a.t("optimum changed"))
		for _, ch := range a.what.applied {
			line := a.leverName(ch.path).In(a.lang) + ": " + a.leverValue(ch.path, ch.from).In(a.lang) +
				" → " + a.leverValue(ch.path, ch.to).In(a.lang)
			if ch.from != 0 {
				line += fmt.Sprintf(" (%+.1f%%)", 100*(ch.to-ch.from)/math.Abs(ch.from))
			}
			n.Paragraphs = append(n.Paragraphs, line)
		}
	}
	ls := levers(s)
	if len(ls) == 0 {
		n.Paragraphs = append(n.Paragraphs, fmt.Sprintf(a.t("optimum none"), optimumKPI.Short(a.lang), withResponses(a.lang)))
		return n
	}
	names := ""
	for i, l := range ls {
		if i > 0 {
			names += a.t("list separator")
		}
		names += a.leverName(l).In(a.lang)
	}
	n.Paragraphs = append(n.Paragraphs,
		fmt.Sprintf(a.t("optimum explained"), names, optimumKPI.Short(a.lang)),
		fmt.Sprintf(a.t("press optimise"), a.t("optimise spend"), a.t("apply")))
	return n
}

// optimumButton puts an Optimise spend button in the Optimum tab too,
// below the note that explains it, while the tab has no optimum to draw
// and the scenario has levers to optimise.
func (a *App) optimumButton(m metrics, cr image.Rectangle) {
	if a.tab != tabOptimum || a.what.optimum != nil || len(levers(a.p.Scenario())) == 0 {
		return
	}
	label := a.t("optimise spend")
	w, h := int(a.measure(label, a.ui.Theme.FontSize))+2*m.pad+8, m.line+m.pad
	r := image.Rect(cr.Min.X+cr.Dx()/2-w/2, cr.Max.Y-h-2*m.pad, cr.Min.X+cr.Dx()/2+w-w/2, cr.Max.Y-2*m.pad)
	a.widgets["button:optimize-tab"] = r
	if a.ui.Button("optimize-tab", r, label, true) {
		a.optimize()
	}
}

// analysisFigure builds the chart of an analysis tab.
func (a *App) analysisFigure(size chart.Size) (*chart.Figure, error) {
	s := a.p.Scenario()
	switch a.tab {
	case tabTornado:
		t, err := a.sensitivity()
		if err != nil {
			return nil, err
		}
		return chart.BuildAnalysis(chart.NewTornado(s, t, a.lang), size)
	default:
		if a.what.optimum == nil {
			return chart.BuildAnalysis(a.optimumNote(), size)
		}
		return chart.BuildAnalysis(chart.NewOptimumSlices(s, a.what.optimum, a.lang), size)
	}
}

// seekView is the seek bar's goal for the link: empty where it is the
// default.
func (a *App) seekView() planner.Seek {
	var v planner.Seek
	w := &a.what
	k := a.seekKPI()
	if w.kpi != 0 {
		v.KPI = k.String()
	}
	if w.target != "" && w.target != a.currentTarget(k) {
		v.Target = w.target
	}
	if w.path != "" && w.path != a.defaultSeekPath() {
		v.Lever = w.path
	}
	return v
}

// setSeekView restores the seek bar's goal from a link; what this
// scenario does not have keeps its default.
func (a *App) setSeekView(v planner.Seek) {
	w := &a.what
	for i, k := range a.seekGoals() {
		if k.String() == v.KPI {
			w.kpi = i
		}
	}
	if x, err := strconv.ParseFloat(v.Target, 64); err == nil && !math.IsNaN(x) && !math.IsInf(x, 0) {
		w.target = v.Target
	}
	if a.hasControl(v.Lever) {
		w.path = v.Lever
	}
}

// tornadoOf is the sensitivity analysis the tornado tab shows, kept for
// the planner state it was computed for: switching tabs or language, or
// resizing, draws the chart again without computing it again.
type tornadoOf struct {
	p       *planner.Planner
	version int
	t       *whatif.Tornado
	err     error
}

// sensitivity returns the tornado of customer equity, ±10% per lever, of
// the current values, computing it if they changed; the time it takes
// counts as a recompute (LastRecomputeMs), not as drawing the chart.
func (a *App) sensitivity() (*whatif.Tornado, error) {
	c := &a.tornado
	if c.p != a.p || c.version != a.p.Version() || (c.t == nil && c.err == nil) {
		start := time.Now()
		c.t, c.err = whatif.Sensitivity(a.p.Scenario(), whatif.SensitivityOptions{KPI: kpi.CustomerEquity, Percent: 10})
		c.p, c.version = a.p, a.p.Version()
		a.stats.LastRecomputeMs = ms(time.Since(start))
	}
	return c.t, c.err
}
