package app

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/internal/chart"
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
// for: a slice of the Monte Carlo trials (browser), then the widgets on
// the input of those ticks merged, so a drag recomputes at most once a
// frame, with the latest value, and the frame shows it. With nothing to
// do it does nothing.
func (a *App) prepare() {
	a.stepMonteCarlo()
	if !a.input.any && !a.stale {
		return
	}
	in, undo, redo := a.input.take()
	a.undo, a.redo = undo, redo
	start := time.Now()
	a.frame(in)
	a.stats.LastLayoutMs = ms(time.Since(start))
}

// idle reports whether, once this frame is painted, the app has nothing
// to do until input comes: no input waiting, nothing to lay out, no trials
// in slices, no font being fetched, and nothing held down (a held key
// repeats, a held button drags: both need the ticks to go on).
func (a *App) idle() bool {
	return !a.input.any && !a.stale && a.mcRun == nil && !a.wantZh && !a.tick.held
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
}

func (a *App) metrics() metrics {
	s := math.Max(0.85, math.Min(1.8, math.Min(float64(a.w)/1280, float64(a.h)/760)))
	if a.big {
		s *= 1.3
	}
	a.scale = s
	f := int(15 * s)
	m := metrics{font: f, line: f * 16 / 10, pad: f / 2}
	m.bar = f * 28 / 10
	m.desc = f * 18 / 10
	m.panel = int(math.Max(300*s, math.Min(float64(a.w)*0.3, 440*s)))
	m.kpi = f * 4
	m.tabs = f * 22 / 10
	return m
}

// frame lays out and runs every widget once.
func (a *App) frame(in ui.Input) {
	a.stats.Layouts++
	a.stale = false
	m := a.metrics()
	c := &a.ui
	c.Theme = ui.DefaultTheme(float64(m.font))
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
	a.topBar(m)
	a.controls(m)
	a.kpis(m)
	a.tabsAndChart(m)
	c.In = in
	if a.picker {
		a.scenarioPicker(m)
	}
	if a.plans.menu {
		a.exportMenu(m)
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
	h := m.bar - 2*m.pad
	y := m.pad
	x := m.pad
	btn := func(id, label string, w int, enabled bool) bool {
		r := image.Rect(x, y, x+w, y+h)
		x += w + m.pad/2
		a.widgets["button:"+id] = r
		return c.Button(id, r, label, enabled)
	}
	if btn("scenario", a.t("scenario")+"…", m.font*8, true) {
		a.picker = !a.picker
	}
	name := a.p.Scenario().Name.In(a.lang)
	// Right-hand buttons, laid out from the right edge.
	type item struct {
		id, label string
		w         int
		enabled   bool
	}
	f := m.font
	items := []item{
		{"undo", a.t("undo"), f * 5, a.p.CanUndo()},
		{"redo", a.t("redo"), f * 5, a.p.CanRedo()},
		{"reset", a.t("reset all"), f * 6, len(a.p.Overrides()) > 0},
		{"save", a.t("save plan"), f * 15 / 2, true},
		{"baseline", a.t("baseline") + ": " + a.p.BaselineName(a.lang), f * 11, true},
		{"export", a.t("export"), f * 13 / 2, true},
		{"trials", a.trialsLabel(), f * 13 / 2, true},
		{"big", a.t("large text"), f * 6, true},
		{"lang", map[string]string{"en": "中文", "zh": "English"}[a.lang], f * 5, true},
	}
	total := 0
	for _, it := range items {
		total += it.w + m.pad/2
	}
	titleW := a.w - x - total - m.pad
	nameFits := a.measure(name, float64(m.font)*1.15) <= float64(titleW)
	if nameFits {
		c.Label(image.Rect(x, y, x+max(titleW, 0), y+h), name, float64(m.font)*1.15, c.Theme.Text, ui.Left)
	}
	x = a.w - total
	for _, it := range items {
		if it.id == "big" {
			r := image.Rect(x, y, x+it.w, y+h)
			x += it.w + m.pad/2
			a.widgets["button:big"] = r
			if c.Toggle("big", r, it.label, a.big) {
				a.big = !a.big
			}
			continue
		}
		if !btn(it.id, it.label, it.w, it.enabled) {
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
		case "lang":
			a.setLang(map[string]string{"en": "zh", "zh": "en"}[a.lang])
		}
	}
	// Description, or the notice while it lasts (the trials' summary has
	// a row of its own, under the KPI strip).
	dr := image.Rect(m.pad, m.bar, a.w-m.pad, m.bar+m.desc)
	msg, col := a.p.Scenario().Description.In(a.lang), c.Theme.Muted
	if !nameFits { // a narrow window: the name leads the description line
		msg = name + " · " + msg
	}
	if n := a.noticeText(); n != "" {
		msg, col = n, c.Theme.Text
		if a.note.bad {
			col = c.Theme.Bad
		}
	}
	c.Label(dr, strings.ReplaceAll(msg, "\n", "  "), float64(m.font)*0.9, col, ui.Left)
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

// controls draws the control panel: sliders grouped per stage, then
// acquisition, economics and win-back; the wheel scrolls it.
func (a *App) controls(m metrics) {
	c := &a.ui
	top := m.bar + m.desc
	panel := image.Rect(0, top, m.panel, a.h)
	c.Fill(panel, c.Theme.Panel)
	if c.In.Mouse.In(panel) && c.In.Wheel != 0 {
		// Within the content as last laid out, so this frame shows where
		// the wheel took it.
		a.scroll = max(0, min(a.scroll-int(c.In.Wheel*float64(m.line)*2), a.maxScroll))
	}
	s := a.p.Scenario()
	sliderH := m.line * 2
	y := top + m.pad - a.scroll
	contentTop := y
	c.Clip(panel)
	group := ""
	for _, ctl := range a.p.Controls() {
		if ctl.Group != group {
			group = ctl.Group
			y += m.pad / 2
			title, note := a.groupTitle(s, group, a.lang)
			hr := image.Rect(m.pad, y, m.panel-m.pad, y+m.line)
			if visible(hr, panel) {
				c.Label(hr, title, float64(m.font)*1.05, c.Theme.Text, ui.Left)
				if note != "" {
					c.Label(hr, note, float64(m.font)*0.9, c.Theme.Muted, ui.Right)
				}
			}
			y += m.line
		}
		r := image.Rect(m.pad, y, m.panel-m.pad, y+sliderH)
		y += sliderH + m.pad/3
		if !visible(r, panel) {
			continue // scrolled out of view: not drawn, not reachable
		}
		a.widgets[ctl.Path] = r
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
	c.Clip(image.Rectangle{})
	// Keep the scroll within the content.
	content := y - contentTop
	a.maxScroll = max(0, content-(panel.Dy()-m.pad))
	if s := max(0, min(a.scroll, a.maxScroll)); s != a.scroll {
		a.scroll, a.stale = s, true // the content shrank (a resize, larger text): lay out again
	}
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
// baseline, green for good news and vermillion for bad.
func (a *App) kpis(m metrics) {
	c := &a.ui
	x0, y0 := m.panel+m.pad, m.bar+m.desc+m.pad/2
	ks := a.p.KPIs()
	w := (a.w - x0 - m.pad) / len(ks)
	s := a.p.Scenario()
	for i, k := range ks {
		r := image.Rect(x0+i*w, y0, x0+(i+1)*w-m.pad/2, y0+m.kpi)
		c.Fill(r, c.Theme.Panel)
		c.Label(image.Rect(r.Min.X+m.pad/2, r.Min.Y, r.Max.X-m.pad/2, r.Min.Y+m.line), k.Label[langIndex(a.lang)], float64(m.font)*0.85, c.Theme.Muted, ui.Left)
		value := "—"
		if k.Value.Defined {
			value = planner.FormatUnit(k.Unit, k.Value.Value, s.Currency, periodName(s), a.lang)
		}
		c.Label(image.Rect(r.Min.X+m.pad/2, r.Min.Y+m.line, r.Max.X-m.pad/2, r.Min.Y+m.line*2), value, float64(m.font)*1.2, c.Theme.Text, ui.Left)
		delta, col := "", c.Theme.Muted
		if d, ok := k.Delta(); ok {
			delta = a.t("no change")
			if k.Better() != 0 {
				sign := "+"
				if d < 0 {
					sign = "−"
				}
				delta = sign + planner.FormatUnit(k.Unit, math.Abs(d), s.Currency, periodName(s), a.lang)
				if k.Baseline.Value != 0 {
					delta += fmt.Sprintf(" (%+.1f%%)", 100*d/math.Abs(k.Baseline.Value))
				}
				col = c.Theme.Good
				if k.Better() < 0 {
					col = c.Theme.Bad
				}
			}
		} else if k.Value.Defined != k.Baseline.Defined {
			delta = a.t("n/a")
		}
		c.Label(image.Rect(r.Min.X+m.pad/2, r.Min.Y+m.line*2, r.Max.X-m.pad/2, r.Max.Y), delta, float64(m.font)*0.85, col, ui.Left)
	}
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
	y0 := m.bar + m.desc + m.pad/2 + m.kpi + m.pad/2
	if a.trials > 0 { // the trials' summary: a row of its own under the KPI strip
		y0 = a.trialsRow(m, image.Rect(x0, y0-m.pad/4, a.w-m.pad, a.h)) + m.pad/2
	}
	bar := image.Rect(x0, y0, a.w-m.pad, y0+m.line+4)
	a.whatifBar(m, bar)
	y0 = bar.Max.Y + m.pad/2
	labels := make([]string, numTabs)
	for i, k := range chart.Kinds {
		labels[i] = a.t("tab:" + k.Slug())
	}
	labels[tabTornado], labels[tabOptimum], labels[tabPlans] = a.t("tab:tornado"), a.t("tab:optimum"), a.t("tab:plans")
	tr := image.Rect(x0, y0, a.w-m.pad, y0+m.tabs)
	for i, r := range c.TabRects(tr, labels) {
		a.widgets[fmt.Sprintf("tab:%d", i)] = r
	}
	if sel := c.Tabs("tabs", tr, labels, a.tab); sel != a.tab {
		a.tab = sel
		a.platform.stateChanged()
	}
	cr := image.Rect(x0, tr.Max.Y+m.pad/2, a.w-m.pad, a.h-m.pad/2)
	if cr.Dx() < 100 || cr.Dy() < 100 {
		return
	}
	if a.tab == tabPlans {
		a.plansView(m, cr)
		return
	}
	a.renderChart(cr)
	a.optimumButton(m, cr)
	a.crosshair(m, cr)
}

// renderChart builds and draws the visible chart into the chart image if
// what it shows changed.
func (a *App) renderChart(cr image.Rectangle) {
	key := chartKey{a.p, a.p.Version(), a.p.PlansVersion(), a.currentBands(), a.what.optimum, a.tab, a.lang, cr}
	if key == a.chartKey {
		return
	}
	if a.tab == tabTornado {
		a.sensitivity() // a recompute of its own, outside the chart's time
	}
	start := time.Now()
	size := chart.Size{W: cr.Dx(), H: cr.Dy()}
	var fig *chart.Figure
	var err error
	if a.tab >= len(chart.Kinds) {
		fig, err = a.analysisFigure(size)
	} else {
		fig, err = chart.Build(chart.Kinds[a.tab], a.chartInput(), size)
	}
	if err != nil {
		a.fail(err)
		a.chartKey = key
		if a.chartImg != nil {
			a.chartImg.Clear()
		}
		return
	}
	factor, sync := a.platform.chartOptions()
	if ebiten.Monitor().DeviceScaleFactor() >= 2 {
		factor = 1 // device pixels this small need no supersampling
	}
	a.chartImg = a.charts.Draw(cr.Dx(), cr.Dy(), factor, func(c *vgebiten.Canvas) { fig.Draw(draw.New(c)) })
	if sync {
		a.chartImg.SubImage(image.Rect(0, 0, 1, 1)).(*ebiten.Image).ReadPixels(a.chartPixel[:])
	}
	a.chartFig, a.chartRect, a.chartKey = fig, cr, key
	a.stats.LastRenderMs = ms(time.Since(start))
}

// crosshair adds a vertical line at the period under the mouse and a box
// with the values there.
func (a *App) crosshair(m metrics, cr image.Rectangle) {
	c := &a.ui
	if a.chartFig == nil || a.picker || !c.In.Mouse.In(cr) {
		a.hover = -1
		return
	}
	p := c.In.Mouse.Sub(cr.Min)
	period, x, top, bottom, ok := a.chartFig.PeriodAt(p.X, p.Y)
	if !ok {
		a.hover = -1
		return
	}
	if (period != a.hover || a.hoverKey != a.chartKey) && a.tab < len(chart.Kinds) {
		a.hover, a.hoverKey = period, a.chartKey
		a.hoverLines = chart.Values(chart.Kinds[a.tab], a.chartInput(), period)
	}
	c.Add(ui.Op{Kind: ui.OpLine, R: image.Rect(cr.Min.X+x, cr.Min.Y+top, cr.Min.X+x, cr.Min.Y+bottom),
		Color: color.RGBA{0x33, 0x33, 0x33, 0xc0}, Width: 1})
	if len(a.hoverLines) == 0 {
		return
	}
	w := 0.0
	for _, l := range a.hoverLines {
		w = math.Max(w, a.measure(l, float64(m.font)*0.9))
	}
	bw, bh := int(w)+m.pad*2, len(a.hoverLines)*m.line+m.pad
	bx := cr.Min.X + x + m.pad
	if bx+bw > cr.Max.X {
		bx = cr.Min.X + x - m.pad - bw
	}
	by := cr.Min.Y + top + m.pad
	box := a.clearOfLegends(image.Rect(bx, by, bx+bw, by+bh), cr, cr.Min.X+x, m.pad)
	bx, by = box.Min.X, box.Min.Y
	c.Fill(box, color.RGBA{0xff, 0xff, 0xff, 0xf0})
	c.Add(ui.Op{Kind: ui.OpStroke, R: box, Color: c.Theme.Track, Width: 1})
	for i, l := range a.hoverLines {
		col := c.Theme.Text
		if i == 0 {
			col = c.Theme.Muted
		}
		c.Label(image.Rect(bx+m.pad, by+m.pad/2+i*m.line, bx+bw-m.pad/2, by+m.pad/2+(i+1)*m.line), l, float64(m.font)*0.9, col, ui.Left)
	}
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

// pickerRect is where the scenario list opens.
func (a *App) pickerRect(m metrics) image.Rectangle {
	n := len(scenarios.Presets())
	return image.Rect(m.pad, m.bar, m.pad+m.font*26, m.bar+(n+2)*(m.line+m.pad/2)+m.pad)
}

// trialsLabel names the trials button's setting.
func (a *App) trialsLabel() string {
	if a.trials == 0 {
		return a.t("trials off")
	}
	return fmt.Sprintf("%s %d", a.t("trials"), a.trials)
}
