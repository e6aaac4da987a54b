package app

import (
	"fmt"
	"image"
	"strconv"

	"clvlab/internal/chart"
	"clvlab/internal/kpi"
	"clvlab/internal/ui"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
)

// Analysis tabs follow the run charts (chart.Kinds): which lever matters
// (a tornado of customer equity, ±10% per lever) and the optimum spend.
const (
	tabTornado = iota + 7
	tabOptimum
	numTabs
)

// seekKPIs are the goals the seek bar cycles through: a selection of
// kpi.Outcomes that fits the bar (see package kpi's doc).
var seekKPIs = []kpi.KPI{kpi.LTVCAC, kpi.CLV, kpi.CustomerEquity, kpi.PaybackPeriods}

// whatIf is the state of the what-if bar.
type whatIf struct {
	kpi     int    // index into seekKPIs
	target  string // typed target
	path    string // the lever solved for: the last slider touched
	found   *whatif.SeekResult
	optimum *whatif.Optimum
	version int // the planner version found and optimum were computed for
}

// whatifBar draws "Make [KPI] = [3] by changing <slider> [Seek]
// [Apply]" and "[Optimise spend] [Apply optimum]" in r.
func (a *App) whatifBar(m metrics, r image.Rectangle) {
	c := &a.ui
	w := &a.what
	if w.target == "" {
		w.target = "3"
	}
	if w.path == "" || !a.hasControl(w.path) {
		w.path = a.defaultSeekPath()
	}
	c.Fill(r, c.Theme.Panel)
	x, y, h := r.Min.X+m.pad/2, r.Min.Y+2, r.Dy()-4
	put := func(wd int) image.Rectangle {
		rr := image.Rect(x, y, x+wd, y+h)
		x += wd + m.pad/2
		return rr
	}
	f := m.font
	c.Label(put(f*3), a.t("make"), 0, c.Theme.Text, ui.Right)
	k := seekKPIs[w.kpi]
	goal := "="
	if k.Step() {
		goal = "<=" // the font has no ≤
	}
	kr := put(f * 8)
	a.widgets["button:seek-kpi"] = kr
	if c.Button("seek-kpi", kr, k.Label(a.lang)+" "+goal, true) {
		w.kpi = (w.kpi + 1) % len(seekKPIs)
		w.found = nil
	}
	tr := put(f * 4)
	a.widgets["field:seek-target"] = tr
	c.TextField("seek-target", tr, &w.target)
	label := w.path
	if ctl, ok := a.p.Control(w.path); ok {
		label = a.groupName(ctl.Group) + ": " + ctl.Label.In(a.lang)
	}
	c.Label(put(f*2), a.t("by"), 0, c.Theme.Text, ui.Center)
	c.Label(put(f*12), label, 0, c.Theme.Accent, ui.Left)
	sr := put(f * 4)
	a.widgets["button:seek"] = sr
	if c.Button("seek", sr, a.t("seek"), true) {
		a.seek()
	}
	ar := put(f * 4)
	a.widgets["button:apply-seek"] = ar
	if c.Button("apply-seek", ar, a.t("apply"), w.found != nil && w.found.Found) {
		a.check(a.p.Set(w.found.Parameter.Path, w.found.Value))
		a.p.EndEdit()
		w.found = nil
	}
	x = r.Max.X - m.pad/2 - f*14
	or := put(f * 8)
	a.widgets["button:optimize"] = or
	if c.Button("optimize", or, a.t("optimise spend"), true) {
		a.optimize()
	}
	pr := put(f * 6)
	a.widgets["button:apply-optimum"] = pr
	if c.Button("apply-optimum", pr, a.t("apply"), w.optimum != nil) {
		for _, l := range w.optimum.Levers {
			a.check(a.p.Set(l.Path, l.Optimum))
			a.p.EndEdit()
		}
		w.optimum = nil
	}
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

func (a *App) groupName(group string) string {
	t, _ := a.groupTitle(a.p.Scenario(), group)
	return t
}

// seek solves the bar's goal for its lever and reports the answer.
func (a *App) seek() {
	w := &a.what
	target, err := strconv.ParseFloat(w.target, 64)
	if err != nil {
		a.notice(fmt.Sprintf(a.t("target not a number"), w.target), true)
		return
	}
	k := seekKPIs[w.kpi]
	goal := whatif.Equal
	if k.Step() {
		goal = whatif.AtMost
	}
	r, err := whatif.Seek(a.p.Scenario(), whatif.SeekOptions{Path: w.path, KPI: k, Goal: goal, Target: target})
	if err != nil {
		a.notice(err.Error(), true)
		return
	}
	ctl, _ := a.p.Control(w.path)
	s := a.p.Scenario()
	show := func(v float64) string { return ctl.Format(v, s.Currency, periodName(s), a.lang) }
	if !r.Found {
		if r.Holds {
			a.notice(fmt.Sprintf(a.t("seek holds"), k.Label(a.lang), show(r.Low), show(r.High)), false)
		} else {
			a.notice(fmt.Sprintf(a.t("seek none"), k.Label(a.lang), w.target, show(r.Low), show(r.High)), true)
		}
		w.found = nil
		return
	}
	w.found, w.version = r, a.p.Version()
	a.notice(fmt.Sprintf(a.t("seek found"), a.groupName(ctl.Group)+": "+ctl.Label.In(a.lang), show(r.Value), k.Label(a.lang), r.KPIValue.String()), false)
}

// optimumKPI is the KPI that Optimise spend maximises.
const optimumKPI = kpi.CustomerEquity

// optimize finds the spend that maximises optimumKPI and shows it in the
// optimum tab.
func (a *App) optimize() {
	o, err := whatif.Optimize(a.p.Scenario(), whatif.OptimizeOptions{KPI: optimumKPI})
	if err != nil {
		a.notice(err.Error(), true)
		return
	}
	a.what.optimum, a.what.version = o, a.p.Version()
	a.tab = tabOptimum
	a.chartKey = ""
	a.notice(fmt.Sprintf(a.t("optimum found"), optimumKPI.Short(a.lang), chart.Human(o.Value, a.lang), chart.Human(o.Current, a.lang)), false)
}

// analysisFigure builds the chart of an analysis tab.
func (a *App) analysisFigure(size chart.Size) (*chart.Figure, error) {
	s := a.p.Scenario()
	switch a.tab {
	case tabTornado:
		t, err := whatif.Sensitivity(s, whatif.SensitivityOptions{KPI: kpi.CustomerEquity, Percent: 10})
		if err != nil {
			return nil, err
		}
		return chart.BuildAnalysis(chart.NewTornado(s, t, a.lang), size)
	default:
		if a.what.optimum == nil {
			return nil, fmt.Errorf(a.t("press optimise"), optimumKPI.Short(a.lang))
		}
		return chart.BuildAnalysis(chart.NewOptimumSlices(s, a.what.optimum, a.lang), size)
	}
}
