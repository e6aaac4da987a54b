package app

import (
	"image"
	"math"

	"clvlab/internal/chart"
	"clvlab/internal/planner"
)

// Teaching mode (issue 13): projector mode, the formula panel and the
// lesson open. Projector mode gives the chart and the formula panel the
// screen, without the sliders, in high contrast (ui.ProjectorTheme), with
// no text under projectorMinText pixels at 1920×1080.

// teaching is the app's state of teaching mode.
type teaching struct {
	projector bool // projector mode
	formulas  bool // the formula panel is shown beside the chart (always in projector mode and in a lesson)
	lesson    lessonState
	formula   formulaState
}

// projectorMinText is the smallest text projector mode draws at
// 1920×1080, in pixels: readable from the back of a classroom.
const projectorMinText = 24

// smallestText is the smallest size the app draws text at, as a share of
// the body text (a KPI card's label and change).
const smallestText = 0.85

// projectorScale is the layout's scale in projector mode: the body text
// such that the smallest text is projectorMinText pixels at 1920×1080,
// and in proportion at other sizes, in whole pixels rounded up (29 px at
// 1920×1080, 19 at 1280×800, 16 at 1024×640: fit·29 px rounded down
// left 1024×640's smallest text at 12.75 px, under its 12.8).
func projectorScale(w, h int) float64 {
	fit := math.Min(float64(w)/1920, float64(h)/1080)
	body := math.Ceil(fit*projectorMinText/smallestText - 1e-9)
	return math.Max(0.85, body/15) // the layout's text is 15 px at scale 1
}

// projectorChartText is the charts' text scale in projector mode for a
// chart area of scale 1 (800×500): the chart's smallest text at
// projectorMinText pixels at 1920×1080. Most charts' smallest text is
// their tick labels and legend, 10 pt (13.3 px at 96 px an inch); the
// cash flow's payback note and the bar labels of the KPI changes and What
// matters are 9 pt (12 px).
// TestProjectorText checks every tab against it.
func projectorChartText(w, h, tab int) float64 {
	fit := math.Min(float64(w)/1920, float64(h)/1080)
	smallest := 10.0 * 96 / 72
	if tab == int(chart.CashFlow) || tab == int(chart.Deltas) || tab == tabTornado {
		smallest = 9.0 * 96 / 72
	}
	return math.Max(1, fit*projectorMinText/smallest)
}

// openTeaching starts what the link asks for: projector mode and the
// lesson at its step. What it ignored is said on the status line.
func (a *App) openTeaching(l *planner.Link) {
	a.teach.projector = l.View.Projector
	if l.Ignored != nil {
		a.fail(l.Ignored)
	}
	if l.View.Lesson != "" {
		// A link this planner wrote has the step's values (and whatever
		// was changed since); a link without values gets the step's.
		a.openLesson(l.View.Lesson, l.View.Step, len(l.Values) == 0)
		a.p.ClearHistory() // where the session starts: nothing to undo
	}
}

// teachingView puts projector mode and the lesson into the link's view.
func (a *App) teachingView(v *planner.View) {
	v.Projector = a.teach.projector
	if ls := &a.teach.lesson; ls.open() {
		v.Lesson, v.Step = ls.id(), ls.step+1
	}
}

// projectorItems are the top bar's buttons in projector mode: undo and
// redo, the formula panel is always there, the language and the way back.
func (a *App) projectorItems() []barItem {
	return []barItem{
		{id: "undo", label: a.t("undo"), enabled: a.p.CanUndo()},
		{id: "redo", label: a.t("redo"), enabled: a.p.CanRedo()},
		{id: "lang", label: map[string]string{"en": "中文", "zh": "English"}[a.lang], enabled: true},
		{id: "projector", label: a.t("leave projector"), enabled: true},
	}
}

// teachButton handles the top bar's teaching buttons.
func (a *App) teachButton(id string) {
	switch id {
	case "projector":
		a.teach.projector = !a.teach.projector
		a.scroll, a.stale = 0, true
	case "formulas":
		a.teach.formulas = !a.teach.formulas
	}
	a.platform.stateChanged()
}

// lessonLarge reports whether a lesson is open at large text, not
// projected. Its lesson bar, formula panel and chart need the room of a
// projected lesson: it goes without the sliders and the what-if bar (the
// lesson's steps set the values; closing the lesson or leaving large text
// brings them back), and the formula panel is as narrow as it goes.
func (a *App) lessonLarge() bool {
	return a.big && a.teach.lesson.open() && !a.teach.projector
}

// slidersShown reports whether the control panel's sliders are on
// screen: not in projector mode, nor in a lesson at large text.
func (a *App) slidersShown() bool {
	return !a.teach.projector && !a.lessonLarge()
}

// formulasShown reports whether the formula panel is on screen.
func (a *App) formulasShown() bool {
	return a.teach.formulas || a.teach.projector || a.teach.lesson.open()
}

// formulaSplit divides the chart's area cr between the chart and the
// formula panel when it is shown: beside the chart in a wide area, under
// it in a tall one.
func (a *App) formulaSplit(m metrics, cr image.Rectangle) (chart, panel image.Rectangle) {
	if !a.formulasShown() {
		return cr, image.Rectangle{}
	}
	if cr.Dx() >= cr.Dy()*3/2 {
		share := 2 * cr.Dx() / 5
		switch {
		case a.teach.projector: // the chart's text is larger projected: it gets more of the width
			share = cr.Dx() / 3
		case a.lessonLarge(): // and at large text the more: the panel is as narrow as it goes
			share = 0
		}
		w := max(share, m.font*18)
		x := cr.Max.X - w
		return image.Rect(cr.Min.X, cr.Min.Y, x-m.pad, cr.Max.Y), image.Rect(x, cr.Min.Y, cr.Max.X, cr.Max.Y)
	}
	h := cr.Dy() * 2 / 5
	y := cr.Max.Y - h
	return image.Rect(cr.Min.X, cr.Min.Y, cr.Max.X, y-m.pad/2), image.Rect(cr.Min.X, y, cr.Max.X, cr.Max.Y)
}

func init() {
	for k, v := range map[string][2]string{
		"projector":       {"Projector", "投影"},
		"leave projector": {"Leave projector", "退出投影"},
		"formulas":        {"Formulas", "公式"},
		"lost":            {"lost", "流失"},
		"active share":    {"active", "在网"},
	} {
		texts[k] = v
	}
}
