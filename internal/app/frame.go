package app

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/internal/chart"
	"clvlab/internal/kpi"
	"clvlab/internal/planner"
	"clvlab/internal/ui"
	"clvlab/internal/vgebiten"
	"clvlab/scenarios"
)

// Update implements ebiten.Game. It only reads the input: when nothing
// happened (no input, no resize, no dropped file, no finished trials) it
// returns at once. What happened waits in a.input for the next frame,
// where Draw runs the widgets once on all of it (prepare).
func (a *App) Update() error {
	a.stats.Updates++
	if a.shotDone {
		return ebiten.Termination
	}
	a.platform.poll()
	a.pollMonteCarlo()
	if a.expireNotice() {
		a.stale = true
	}
	a.read(&a.tick)
	if st := a.tick.state(); st != a.last || a.tick.events() {
		a.last = st
		a.input.add(&a.tick)
	}
	return nil
}

// prepare does, once a frame, what the ticks since the last frame asked
// for: a look at the Monte Carlo trials running in slices (browser), then the widgets on
// the input of those ticks merged, so a drag recomputes at most once a
// frame, with the latest value, and the frame shows it. With nothing to
// do it does nothing.
func (a *App) prepare() {
	a.stepMonteCarlo()
	if !a.input.any && !a.stale {
		return
	}
	a.inputSince = time.Time{}
	a.inputSince = a.input.since
	in, undo, redo := a.input.take()
	a.undo, a.redo = undo, redo
	start := time.Now()
	a.frame(in)
	a.stats.LastLayoutMs = ms(time.Since(start))
}

// idle reports whether, once this frame is painted, the app has nothing
// to do until input comes: no input waiting, nothing to lay out, no font
// being fetched, and no repeating key held down (its repeats need the
// ticks; a held button drags by moves, events that wake the page). Trials
// running in slices do not
// keep it awake: their goroutine wakes the page when there is progress to
// show, or the bands.
func (a *App) idle() bool {
	return !a.input.any && !a.stale && !a.wantZh && !a.tick.held
}

// wakeIn returns how long the app may sleep at most while idle: until its
// notice expires (the status line must then change), or 0 for as long as
// no input comes.
func (a *App) wakeIn() time.Duration {
	if a.note.key == "" {
		return 0
	}
	return max(time.Millisecond, a.note.until.Sub(a.now()))
}

// metrics of the layout, in pixels, from the window size.
type metrics struct {
	font, line, pad int
	bar, desc       int // top bar and description line heights
	panel           int // control panel width
	kpi, tabs       int // KPI strip and tab row heights
	kpiCols         int // KPI cards a row (layoutRows)
	tabCols         int // tabs a row (layoutRows)

	// kpiValue is the size of the KPI cards' figures (layoutRows).
	kpiValue float64
}

func (a *App) metrics() metrics {
	s := math.Max(0.85, math.Min(1.8, math.Min(float64(a.w)/1280, float64(a.h)/760)))
	if a.big {
		s *= bigText
	}
	if a.teach.projector {
		s = projectorScale(a.w, a.h)
	}
	a.scale = s
	f := int(15 * s)
	m := metrics{font: f, line: f * 16 / 10, pad: f / 2}
	m.bar = f * 28 / 10
	m.desc = f * 18 / 10
	m.panel = int(math.Max(300*s, math.Min(float64(a.w)*0.3, 440*s)))
	if a.big {
		// Large text: the panel a little narrower (its labels are short),
		// so the strip, the seek bar and the tabs right of it take fewer
		// rows and the chart keeps its height.
		m.panel = int(math.Max(240*s, math.Min(float64(a.w)*0.27, 440*s)))
	}
	m.kpi = f * 4
	m.tabs = f * 22 / 10
	if !a.slidersShown() {
		m.panel = 0 // no sliders: the KPIs, tabs, chart and formulas take the width
	}
	return m
}

// frame lays out and runs every widget once.
func (a *App) frame(in ui.Input) {
	a.stats.Layouts++
	if a.moveCrosshair(in) {
		return // the mouse moved over the chart, and nothing else happened
	}
	a.moves.laid = false
	a.stale = false
	a.frameLang = a.lang
	m := a.metrics()
	c := &a.ui
	c.Theme = ui.DefaultTheme(float64(m.font))
	if a.teach.projector {
		c.Theme = ui.ProjectorTheme(float64(m.font))
	}
	a.layoutRows(&m)
	top := m // the top bar and status line; m.desc grows by the lesson bar's height
	a.lessonRows(&m)
	in = a.helpKeys(in)
	c.Begin(in)
	changedBefore := a.p.Result()
	clear(a.widgets)

	if !c.Editing() && a.shortcut() {
		a.dirty = true
	}
	// While the scenario list is open the mouse belongs to it.
	masked := a.picker && in.Mouse.In(a.pickerRect(m)) || in.Mouse.In(a.menuRect(m))
	if masked {
		c.In.Mouse, c.In.Pressed = image.Pt(-1, -1), false
	}
	a.topBar(top)
	a.lessonBar(top, m)
	if a.slidersShown() {
		a.controls(m)
	}
	a.kpis(m)
	a.tabsAndChart(m)
	c.In = in
	a.explain(m)
	if a.picker {
		a.scenarioPicker(m)
	}
	if a.plans.menu {
		a.exportMenu(m)
	}
	if a.help {
		a.helpOverlay(m)
	}
	c.End()
	if in.Released {
		a.p.EndEdit() // a drag ends with the button, even one pressed and released within a frame
	}
	if v := a.p.Version(); v != a.what.version {
		// An answer holds for the values it was found for only.
		a.what.found, a.what.optimum, a.what.version = nil, nil, v
	}
	a.startMonteCarlo()

	if a.p.Result() != changedBefore {
		a.platform.stateChanged()
	}
	a.dirty = true
	if a.lang != a.frameLang {
		// The language changed in this frame (its button): the layout was
		// measured in the other, so the frame is laid out again at once,
		// before it is painted; the chart, left out of this pass, is
		// drawn once, at its place in the new layout.
		a.frame(ui.Input{Mouse: in.Mouse})
	}
}

// shortcut handles Ctrl+Z (undo) and Ctrl+Y or Ctrl+Shift+Z (redo), read
// by the input's sample.
func (a *App) shortcut() bool {
	undo, redo := a.undo, a.redo
	a.undo, a.redo = false, false
	switch {
	case redo:
		return a.p.Redo()
	case undo:
		return a.p.Undo()
	}
	return false
}

var white = color.RGBA{0xff, 0xff, 0xff, 0xff}

func (a *App) topBar(m metrics) {
	c := &a.ui
	c.Fill(image.Rect(0, 0, a.w, m.bar), c.Theme.Panel)
	a.widgets["button:scenario"] = a.bar.scenario
	if c.Button("scenario", a.bar.scenario, a.t("scenario")+"…", true) {
		a.picker = !a.picker
	}
	if a.bar.nameFits {
		c.Label(a.bar.title, a.bar.name, float64(m.font)*1.15, c.Theme.Text, ui.Left)
	}
	for _, it := range a.bar.items {
		a.widgets["button:"+it.id] = it.r
		if it.id == "formulas" {
			if c.Toggle("formulas", it.r, it.label, a.formulasShown()) {
				a.teachButton(it.id)
			}
			continue
		}
		if it.id == "big" {
			if c.Toggle("big", it.r, it.label, a.big) {
				a.big = !a.big
				a.platform.stateChanged()
			}
			continue
		}
		if !c.Button(it.id, it.r, it.label, it.enabled) {
			continue
		}
		switch it.id {
		case "undo":
			a.p.Undo()
		case "redo":
			a.p.Redo()
		case "reset":
			a.p.ResetAll()
		case "save":
			a.savePlan()
		case "baseline":
			a.nextBaseline()
		case "export":
			a.plans.menu = !a.plans.menu
		case "trials":
			i := 0
			for k, n := range trialChoices {
				if n == a.trials {
					i = k
				}
			}
			a.trials = trialChoices[(i+1)%len(trialChoices)]
		case "help":
			a.help = !a.help
		case "projector":
			a.teachButton(it.id)
		case "lang":
			a.setLang(map[string]string{"en": "zh", "zh": "en"}[a.lang])
		}
	}
	// Description, or the notice while it lasts (the trials' summary has
	// a row of its own, under the KPI strip).
	a.descArea(m)
}

// nextBaseline cycles the baseline: as loaded, the pinned values while
// there are any, then each variant (planner.Baselines).
func (a *App) nextBaseline() {
	if err := a.p.NextBaseline(); err != nil {
		a.fail(err)
		return
	}
	a.say("baseline now", inLang(a.p.BaselineName))
	a.platform.stateChanged()
}

// export saves a file (native) or downloads it (browser).
func (a *App) export(make func() ([]byte, string, error)) {
	data, name, err := make()
	if err != nil {
		a.fail(err)
		return
	}
	where, err := a.platform.save(name, data)
	if err != nil {
		a.fail(err)
		return
	}
	a.say("saved", where)
}

// panelItem is a heading or a slider of the control panel, at y within
// the panel's content (0 is the top of the first heading).
type panelItem struct {
	y, h  int
	group string
	ctl   int // index into the planner's controls; −1 for a heading
}

// controls draws the control panel: sliders grouped per stage, then
// acquisition, economics and win-back. The heading of the group in view
// stays pinned at the top while it scrolls; the wheel and a scrollbar
// (dragged, or clicked above or below its thumb for a page) scroll it.
func (a *App) controls(m metrics) {
	c := &a.ui
	top := m.bar + m.desc
	panel := image.Rect(0, top, m.panel, a.h)
	c.Fill(panel, c.Theme.Panel)
	s := a.p.Scenario()
	ctls := a.p.Controls()
	sliderH := m.line * 2
	headH := m.line + m.pad/2

	// The content, laid out first: its height bounds the scroll.
	items := a.panelItems[:0]
	y, group := 0, ""
	for i, ctl := range ctls {
		if ctl.Group != group {
			group = ctl.Group
			items = append(items, panelItem{y: y, h: headH, group: group, ctl: -1})
			y += headH
		}
		items = append(items, panelItem{y: y, h: sliderH, group: group, ctl: i})
		y += sliderH + m.pad/3
	}
	a.panelItems = items
	content := y + m.pad
	view := panel.Dy() - m.pad
	a.maxScroll = max(0, content-view)
	a.pageLines = float64(view-headH) / float64(m.line)

	sbW := max(10, m.pad)
	track := image.Rect(m.panel-sbW-2, top+2, m.panel-2, a.h-2)
	right := m.panel - m.pad
	if a.maxScroll > 0 {
		right = track.Min.X - m.pad/2
	}
	if c.In.Mouse.In(panel) && c.In.Wheel != 0 {
		a.scroll -= int(math.Round(c.In.Wheel * float64(m.line)))
	}
	a.scrollbar(track, view)
	a.scroll = max(0, min(a.scroll, a.maxScroll))
	if f := c.Focus(); len(c.In.Keys) > 0 && a.hasControl(f) {
		a.scrollTo(m, f) // Tab went to a slider out of view, or a key came for one scrolled away: bring it into view
	}

	y0 := top + m.pad/2 - a.scroll // where content y 0 is drawn
	// The pinned heading: the group of the first item at the top of the
	// view once the content has scrolled.
	pinned := ""
	for _, it := range items {
		if it.y <= a.scroll {
			pinned = it.group
		}
	}
	sliders := image.Rect(0, top+headH+m.pad/2, m.panel, a.h) // where sliders show under the pinned heading
	c.Clip(panel)
	for _, it := range items {
		r := image.Rect(m.pad, y0+it.y, right, y0+it.y+it.h)
		if it.ctl < 0 {
			if it.group != pinned && visible(r, sliders) {
				a.heading(m, s, it.group, r)
			}
			continue
		}
		ctl := ctls[it.ctl]
		if !visible(r, sliders) {
			c.Focusable(ctl.Path) // scrolled out of view: not drawn, but Tab reaches it
			continue
		}
		a.widgets[ctl.Path] = r
		a.slider(m, s, ctl, r)
	}
	if pinned != "" {
		hr := image.Rect(0, top, right+m.pad/2, top+headH+m.pad/2)
		c.Fill(hr, c.Theme.Panel)
		if a.scroll > 0 {
			c.Fill(image.Rect(0, hr.Max.Y-1, hr.Max.X, hr.Max.Y), c.Theme.Track) // the content runs under it
		}
		a.heading(m, s, pinned, image.Rect(m.pad, top+m.pad/2, right, top+m.pad/2+m.line))
		a.widgets["heading"] = image.Rect(m.pad, top+m.pad/2, right, top+m.pad/2+m.line)
	}
	c.Clip(image.Rectangle{})
	if a.maxScroll > 0 {
		a.drawScrollbar(track, view)
	}
}

// heading draws a group's title and note (a stage's churn) in r.
func (a *App) heading(m metrics, s *scenarios.Scenario, group string, r image.Rectangle) {
	c := &a.ui
	title, note := a.groupTitle(s, group, a.lang)
	size, noteSize := float64(m.font)*1.05, float64(m.font)*0.9
	if note != "" {
		nw := int(math.Ceil(a.measure(note, noteSize)))
		c.Label(image.Rect(r.Max.X-nw, r.Min.Y, r.Max.X, r.Max.Y), note, noteSize, c.Theme.Muted, ui.Right)
		r.Max.X -= nw + m.pad
	}
	c.Label(r, title, size, c.Theme.Text, ui.Left)
}

// slider runs the slider of ctl in r.
func (a *App) slider(m metrics, s *scenarios.Scenario, ctl planner.Control, r image.Rectangle) {
	c := &a.ui
	lo, hi := a.p.Range(ctl.Path)
	v := a.p.Value(ctl.Path)
	res := c.Slider(ctl.Path, r, ui.Slider{
		Label:     ctl.Label.In(a.lang),
		ValueText: ctl.Format(v, s.Currency, periodName(s), a.lang),
		Value:     v, Min: lo, Max: hi, Limit: ctl.Max, Step: ctl.Step,
		Changed:  a.p.Changed(ctl.Path),
		EditText: editText(ctl.Kind(), v),
		Parse:    parseNumber(ctl.Kind()),
	})
	start := time.Now()
	switch {
	case res.Reset:
		a.check(a.p.Reset(ctl.Path))
	case res.Changed:
		a.check(a.p.Set(ctl.Path, res.Value))
	}
	if res.Reset || res.Changed {
		a.stats.LastRecomputeMs = ms(time.Since(start))
	}
	if (res.Changed || c.Focus() == ctl.Path) && a.what.path != ctl.Path {
		a.what.path, a.what.found = ctl.Path, nil // the seek bar solves for the last slider touched
	}
	if res.Released {
		a.p.EndEdit()
	}
}

// thumb returns the scrollbar's thumb in track for a view of view pixels.
func (a *App) thumb(track image.Rectangle, view int) image.Rectangle {
	content := view + a.maxScroll
	h := max(track.Dx()*2, track.Dy()*view/max(1, content))
	y := track.Min.Y
	if a.maxScroll > 0 {
		y += (track.Dy() - h) * a.scroll / a.maxScroll
	}
	return image.Rect(track.Min.X, y, track.Max.X, y+h)
}

// scrollbar handles the control panel's scrollbar: its thumb dragged, a
// click above or below the thumb scrolls a page.
func (a *App) scrollbar(track image.Rectangle, view int) {
	c := &a.ui
	in := c.In
	if a.maxScroll == 0 {
		a.sbDrag = false
		return
	}
	th := a.thumb(track, view)
	switch {
	case in.Pressed && in.Mouse.In(th):
		a.sbDrag, a.sbGrab = true, in.Mouse.Y-th.Min.Y
	case in.Pressed && in.Mouse.In(track) && in.Mouse.Y < th.Min.Y:
		a.scroll -= view * 9 / 10
	case in.Pressed && in.Mouse.In(track):
		a.scroll += view * 9 / 10
	case a.sbDrag && (in.Down || in.Released):
		free := track.Dy() - th.Dy()
		if free > 0 {
			a.scroll = int(math.Round(float64(in.Mouse.Y-a.sbGrab-track.Min.Y) * float64(a.maxScroll) / float64(free)))
		}
		if !in.Down {
			a.sbDrag = false
		}
	}
	a.scroll = max(0, min(a.scroll, a.maxScroll))
}

// drawScrollbar draws the scrollbar's track and thumb.
func (a *App) drawScrollbar(track image.Rectangle, view int) {
	c := &a.ui
	a.widgets["scrollbar"] = track
	c.Fill(track, color.RGBA{0xe4, 0xe4, 0xe4, 0xff})
	col := color.RGBA{0x9a, 0x9a, 0x9a, 0xff}
	if a.sbDrag {
		col = c.Theme.Accent
	}
	c.Fill(a.thumb(track, view).Inset(1), col)
}

// scrollTo scrolls the control panel so the slider at path is in view
// under the pinned heading, and reports whether the scroll changed.
func (a *App) scrollTo(m metrics, path string) bool {
	ctls := a.p.Controls()
	for _, it := range a.panelItems {
		if it.ctl < 0 || ctls[it.ctl].Path != path {
			continue
		}
		view := a.h - (m.bar + m.desc) - m.pad
		headH := m.line + m.pad/2
		old := a.scroll
		switch {
		case it.y-headH < a.scroll:
			a.scroll = it.y - headH
		case it.y+it.h > a.scroll+view:
			a.scroll = it.y + it.h - view
		}
		a.scroll = max(0, min(a.scroll, a.maxScroll))
		return a.scroll != old
	}
	return false
}

func visible(r, in image.Rectangle) bool { return r.Min.Y >= in.Min.Y && r.Max.Y <= in.Max.Y }

func (a *App) check(err error) {
	if err != nil {
		a.fail(err)
	} else if a.note.bad {
		a.note = notice{}
	}
}

// groupTitle returns a control group's heading and a note (a stage's
// churn per period).
func (a *App) groupTitle(s *scenarios.Scenario, group, lang string) (string, string) {
	for _, st := range s.Stages {
		if st.ID == group {
			name := st.Name.In(lang)
			if name == "" {
				name = st.ID
			}
			if st.Competitor {
				return name, textIn("competitor", lang) // not ours: shown apart, no churn of ours
			}
			churn := planner.FormatKind(scenarios.Probability, a.p.Churn(st.ID), "", "", lang)
			return name, textIn("churn", lang) + " " + churn
		}
	}
	return textIn(group, lang), ""
}

func periodName(s *scenarios.Scenario) string {
	if s.Period == "" {
		return "month"
	}
	return s.Period
}

// kpis draws the KPI strip: each figure with its change against the
// baseline, green for good news and vermillion for bad; in rows of
// m.kpiCols cards.
func (a *App) kpis(m metrics) {
	c := &a.ui
	ks := a.p.KPIs()
	valueSize := m.kpiValue
	if valueSize == 0 { // metrics not laid out by layoutRows
		valueSize = float64(m.font) * 1.2
	}
	lines := a.kpiLines(m.kpi, float64(m.font)*0.85, valueSize) // every card's the same
	for i, k := range ks {
		r := a.kpiRect(m, i, len(ks))
		a.widgets["kpi:"+k.Key] = r
		c.Fill(r, c.Theme.Panel)
		c.Focusable("kpi:" + k.Key) // Tab reaches it: its explanation shows
		if c.Focus() == "kpi:"+k.Key {
			c.Add(ui.Op{Kind: ui.OpStroke, R: r.Inset(-2), Color: c.Theme.Focus, Width: 2})
		}
		var rows [3]image.Rectangle
		for j, l := range lines {
			rows[j] = image.Rect(r.Min.X+m.pad/2, r.Min.Y+l[0], r.Max.X-m.pad/2, r.Min.Y+l[1])
		}
		c.Label(rows[0], k.Label[langIndex(a.lang)], float64(m.font)*0.85, c.Theme.Muted, ui.Left)
		c.Label(rows[1], a.kpiValue(k), valueSize, c.Theme.Text, ui.Left)
		col := c.Theme.Muted
		if _, ok := k.Delta(); ok && k.Better() != 0 {
			col = c.Theme.Good
			if k.Better() < 0 {
				col = c.Theme.Bad
			}
		}
		c.Label(rows[2], a.kpiDelta(k), float64(m.font)*0.85, col, ui.Left)
	}
}

// inkAbove is how far above its baseline a text's ink may reach, as a
// share of its size: the top of a Chinese character (Latin capitals and
// figures stay lower).
const inkAbove = 0.9

// kpiLines returns where, from the top of a KPI card height pixels tall,
// the rows its label, figure and change are drawn in start and end: each
// text's ink (inkAbove of its size over its baseline to the font's descent
// under it) stacked with equal room above, between and below. A row is
// where drawText centres the text's line (ascent and descent), so that
// its baseline falls where the stacking puts it. (Rows of a line each put
// the change's descenders under the card's edge.)
func (a *App) kpiLines(height int, small, figure float64) [3][2]int {
	sizes := [3]float64{small, figure, small}
	var fm [3]text.Metrics
	ink := 0.0
	for i, s := range sizes {
		fm[i] = a.face(s).Metrics()
		ink += inkAbove*s + fm[i].HDescent
	}
	gap := max(0, float64(height)-ink) / 4
	var lines [3][2]int
	y := 0.0
	for i, s := range sizes {
		baseline := y + gap + inkAbove*s
		top := int(math.Round(baseline - fm[i].HAscent))
		lines[i] = [2]int{top, top + int(math.Ceil(fm[i].HAscent+fm[i].HDescent))}
		y = baseline + fm[i].HDescent
	}
	return lines
}

// kpiTop is where the KPI strip starts; kpiBottom where it ends.
func kpiTop(m metrics) int { return m.bar + m.desc + m.pad/2 }

func (a *App) kpiBottom(m metrics) int {
	n := len(a.p.KPIs())
	rows := (n + m.kpiCols - 1) / max(1, m.kpiCols)
	return kpiTop(m) + rows*(m.kpi+m.pad/2) - m.pad/2
}

// kpiRect is where KPI card i of n goes: in one row each as wide as its
// texts need and a share of the room left (a.kpiEdges), else in a grid.
func (a *App) kpiRect(m metrics, i, n int) image.Rectangle {
	x0 := m.panel + m.pad
	y := kpiTop(m)
	if len(a.kpiEdges) == n+1 {
		return image.Rect(a.kpiEdges[i], y, a.kpiEdges[i+1]-m.pad/2, y+m.kpi)
	}
	cols := max(1, m.kpiCols)
	w := (a.w - x0 - m.pad) / cols
	row, col := i/cols, i%cols
	y += row * (m.kpi + m.pad/2)
	return image.Rect(x0+col*w, y, x0+(col+1)*w-m.pad/2, y+m.kpi)
}

// kpiValue is a KPI's figure as the strip shows it.
func (a *App) kpiValue(k planner.KPI) string {
	if !k.Value.Defined {
		return "—"
	}
	s := a.p.Scenario()
	return planner.FormatUnit(k.Unit, k.Value.Value, s.Currency, periodName(s), a.lang)
}

// kpiDelta is a KPI's change against the baseline as the strip shows it.
func (a *App) kpiDelta(k planner.KPI) string {
	s := a.p.Scenario()
	d, ok := k.Delta()
	switch {
	case !ok && k.Value.Defined != k.Baseline.Defined:
		return a.t("n/a")
	case !ok:
		return ""
	case k.Better() == 0:
		return a.t("no change")
	}
	sign := "+"
	if d < 0 {
		sign = "−"
	}
	if k.Unit == kpi.Share { // a share moves in percentage points: "+6.25 pts"
		return sign + strconv.FormatFloat(100*math.Abs(d), 'f', 2, 64) + " " + kpi.Points.In(a.lang)
	}
	delta := sign + planner.FormatUnit(k.Unit, math.Abs(d), s.Currency, periodName(s), a.lang)
	if k.Baseline.Value != 0 {
		delta += fmt.Sprintf(" (%+.1f%%)", 100*d/math.Abs(k.Baseline.Value))
	}
	return delta
}

func langIndex(lang string) int {
	if lang == "zh" {
		return 1
	}
	return 0
}

// tabsAndChart draws the chart tabs and the chart, rendering it again only
// when what it shows changed, and the crosshair under the mouse.
func (a *App) tabsAndChart(m metrics) {
	c := &a.ui
	x0 := m.panel + m.pad
	y0 := a.kpiBottom(m) + m.pad/2
	if a.trialsRowOn() && !a.teach.projector { // the trials' summary: in the KPI strip's last row, or a row of its own under it
		if r := a.trialsRect(m); !r.Empty() {
			a.trialsRow(m, r)
		} else {
			y0 = a.trialsRow(m, image.Rect(x0, y0-m.pad/4, a.w-m.pad, a.h)) + m.pad/2
		}
	}
	if !a.teach.projector && !a.lessonLarge() {
		y0 = a.whatifBar(m, x0, y0, a.w-m.pad) + m.pad/2
	}
	tr := image.Rect(x0, y0, a.w-m.pad, y0)
	if !a.teach.projector || !a.teach.lesson.open() { // a projected lesson shows the tab each step chose, and the chart gets the row
		labels := a.tabLabels()
		rows := (len(labels) + m.tabCols - 1) / m.tabCols
		tr = image.Rect(x0, y0, a.w-m.pad, y0+rows*m.tabs)
		for i, r := range c.TabGridRects(tr, labels, m.tabCols) {
			a.widgets[fmt.Sprintf("tab:%d", i)] = r
		}
		if sel := c.TabsGrid("tabs", tr, labels, a.tab, m.tabCols); sel != a.tab {
			a.tab = sel
			a.platform.stateChanged()
			if a.dataFit != nil {
				a.dataFit.open = false // a tab chosen: the fit view gives way
			}
		}
	}
	cr := image.Rect(x0, tr.Max.Y+m.pad/2, a.w-m.pad, a.h-m.pad/2)
	cr, fr := a.formulaSplit(m, cr)
	defer a.formulaPanel(m, fr) // after the chart's crosshair: the panel shows the row of its period
	if cr.Dx() < 100 || cr.Dy() < 100 {
		a.chartImg, a.chartFig, a.chartKey = nil, nil, chartKey{} // no room: no chart, not the last one where it was
		return
	}
	if a.lang != a.frameLang {
		return // laid out again in the new language before it is painted (frame): the chart is drawn there
	}
	if a.dataFit != nil && a.dataFit.open {
		a.fitView(m, cr)
		return
	}
	if a.tab == tabPlans {
		a.plansView(m, cr)
		return
	}
	a.renderChart(cr)
	a.optimumButton(m, cr)
	a.layCrosshair(m, cr, !fr.Empty())
}

// tabLabels are the chart tabs' names in the current language.
func (a *App) tabLabels() []string {
	labels := make([]string, numTabs)
	for i, k := range chart.Kinds {
		labels[i] = a.t("tab:" + k.Slug())
	}
	labels[tabTornado], labels[tabOptimum], labels[tabPlans] = a.t("tab:tornado"), a.t("tab:optimum"), a.t("tab:plans")
	return labels
}

// renderChart builds and draws the visible chart into the chart image if
// what it shows changed.
func (a *App) renderChart(cr image.Rectangle) {
	key := chartKey{a.p, a.p.Version(), a.p.PlansVersion(), a.shownBands(), a.what.optimum, a.tab, a.lang, cr, a.big}
	if key == a.chartKey {
		return
	}
	if a.tab == tabTornado {
		a.sensitivity() // a recompute of its own, outside the chart's time
	}
	start := time.Now()
	size := chart.Size{W: cr.Dx(), H: cr.Dy(), Text: a.chartText(cr), ShortTitle: true} // the top bar names the scenario
	var fig *chart.Figure
	var err error
	if a.tab >= len(chart.Kinds) {
		fig, err = a.analysisFigure(size)
	} else {
		fig, err = chart.Build(chart.Kinds[a.tab], a.chartInput(), size)
	}
	built := time.Now()
	if err != nil {
		a.fail(err)
		a.chartKey = key
		if a.chartImg != nil {
			a.charts.Clear()
		}
		a.chartOpaque = false
		return
	}
	factor, sync := a.platform.chartOptions()
	if ebiten.Monitor().DeviceScaleFactor() >= 2 {
		factor = 1 // device pixels this small need no supersampling
	}
	a.chartImg = a.charts.Draw(cr.Dx(), cr.Dy(), factor, func(c *vgebiten.Canvas) { fig.Draw(draw.New(c)) })
	a.chartOpaque = a.charts.Canvas.Opaque()
	drawn := time.Now()
	if sync {
		a.gpu.wait(a.chartImg)
	}
	a.chartFig, a.chartRect, a.chartKey = fig, cr, key
	a.stats.Charts++
	end := time.Now()
	a.stats.LastRenderMs = ms(end.Sub(start))
	a.stats.LastChartBuildMs, a.stats.LastChartDrawMs, a.stats.LastChartGPUMs = ms(built.Sub(start)), ms(drawn.Sub(built)), ms(end.Sub(drawn))
}

// bigText is how much larger large text is.
const bigText = 1.3

// chartText is the chart's text scale (chart.Size.Text) in cr: with large
// text, bigText times the scale the chart had with normal text at this
// window size (or, opened with large text, as large as the screen's text
// and at least bigText); otherwise as the chart's size draws them, but
// never below the screen's scale.
func (a *App) chartText(cr image.Rectangle) float64 {
	area := math.Min(float64(cr.Dx())/800, float64(cr.Dy())/500)
	if a.teach.projector {
		return projectorChartText(a.w, a.h, a.tab) / area
	}
	size := image.Pt(a.w, a.h)
	if !a.big {
		// A chart narrowed by the formula panel keeps its text at the
		// screen's scale: shrunk with its area it fell to 8 px at
		// 1280×800.
		text := math.Max(area, a.scale)
		a.normalChart = chartArea{size, text}
		if text == area {
			return 0
		}
		return text / area
	}
	if a.normalChart.window == size {
		// Large text makes the chart's text bigText times what it was
		// with normal text at this window size, though its area shrank.
		return bigText * a.normalChart.area / area
	}
	return math.Max(bigText, a.scale/area)
}

// chartArea is the chart's scale (chart.Size's 1 at 800×500) at a
// window size.
type chartArea struct {
	window image.Point
	area   float64
}

// scenarioPicker lists the shipped scenarios over the chart; a click
// loads one. Dropping a TOML file on the window loads it too.
func (a *App) scenarioPicker(m metrics) {
	c := &a.ui
	ids := scenarios.Presets()
	r := a.pickerRect(m)
	x, y, w := r.Min.X, r.Min.Y, r.Dx()
	c.Fill(r, white)
	c.Add(ui.Op{Kind: ui.OpStroke, R: r, Color: c.Theme.Track, Width: 1})
	y += m.pad / 2
	for _, id := range ids {
		s, err := scenarios.Preset(id)
		if err != nil {
			continue
		}
		br := image.Rect(x+m.pad/2, y, x+w-m.pad/2, y+m.line)
		a.widgets["preset:"+id] = br
		if c.Button("preset:"+id, br, s.Name.In(a.lang), true) {
			a.picker = false
			a.note = notice{}
			if err := a.load(s, id); err != nil {
				a.fail(err)
			}
			a.platform.stateChanged()
		}
		y += m.line + m.pad/2
	}
	c.Label(image.Rect(x+m.pad/2, y, x+w-m.pad/2, y+m.line), a.t("drop a file"), float64(m.font)*0.85, c.Theme.Muted, ui.Left)
	if c.In.Pressed && !c.In.Mouse.In(r) && !c.In.Mouse.In(a.widgets["button:scenario"]) {
		a.picker = false
	}
}

// presetNames are the shipped scenarios' names, read once.
var presetNames = map[string]scenarios.Text{}

// presetName returns the name of shipped scenario id.
func presetName(id string) scenarios.Text {
	n, ok := presetNames[id]
	if !ok {
		if s, err := scenarios.Preset(id); err == nil {
			n = s.Name
		}
		presetNames[id] = n
	}
	return n
}

// pickerRect is where the scenario list opens.
func (a *App) pickerRect(m metrics) image.Rectangle {
	ids := scenarios.Presets()
	// As wide as the longest entry (or the drop note), so each is whole.
	w := a.measure(a.t("drop a file"), float64(m.font)*0.85)
	for _, id := range ids {
		w = math.Max(w, a.measure(presetName(id).In(a.lang), float64(m.font)))
	}
	width := min(max(m.font*26, int(math.Ceil(w))+8+2*m.pad), a.w-2*m.pad)
	n := len(ids)
	return image.Rect(m.pad, m.bar, m.pad+width, m.bar+(n+2)*(m.line+m.pad/2)+m.pad)
}

// trialsLabel names the trials button's setting; while the trials of the
// values shown run, it says how far they got (in slices, the browser) or
// that they run (until the trials' row is laid out).
func (a *App) trialsLabel() string {
	switch {
	case a.trials == 0:
		return a.t("trials off")
	case a.currentBands() != nil:
		return fmt.Sprintf("%s %d", a.t("trials"), a.trials)
	case a.mcRun != nil && a.mcRun.shows.Load() > 0: // running in slices: their progress, once it is shown
		return fmt.Sprintf(a.t("trials so far"), a.mcRun.shows.Load(), a.mcRun.trials)
	case !a.trialsRowOn():
		return fmt.Sprintf("%s %d…", a.t("trials"), a.trials) // running on goroutines
	}
	return fmt.Sprintf("%s %d", a.t("trials"), a.trials) // the row says they run
}
