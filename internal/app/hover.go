package app

import (
	"image"
	"image/color"
	"math"
	"slices"

	"clvlab/internal/chart"
	"clvlab/internal/ui"
)

// moves is what a mouse move over the chart needs to redraw the
// crosshair without laying the frame out again: the crosshair's ops are
// laid out on a context of their own and copied among the frame's, so a
// move that changes nothing else rewrites them in place (moveCrosshair)
// and allocates nothing. A frame laid out in full (frame) lays them out
// again.
type moves struct {
	ui         ui.Context        // the crosshair's ops, laid out apart
	laid       bool              // the last full frame laid the crosshair out: at, n, cr hold
	at, n      int               // where its ops are among that frame's ops
	mouse      image.Point       // the mouse the crosshair was last laid out for
	m          metrics           // that frame's metrics
	cr         image.Rectangle   // the chart's rectangle
	panel      bool              // the formula panel shows beside the chart: it marks the period under the mouse
	key        chartKey          // the chart lines and legends were read from
	lines      [][]string        // the box's lines per period, read once per chart (nil: not yet read)
	read       []bool            // whether lines[period] was read
	legend     []image.Rectangle // the chart's legends (chart.Figure.Legends)
	legendRead bool
	count      int // mouse moves handled without a layout, for tests
}

// layCrosshair lays the crosshair out for the frame's mouse (as the
// frame's input has it) and adds its ops to the frame's.
func (a *App) layCrosshair(m metrics, cr image.Rectangle, panel bool) {
	mv := &a.moves
	mv.ui.Theme, mv.ui.Measure = a.ui.Theme, a.ui.Measure
	mv.ui.Begin(ui.Input{Mouse: a.ui.In.Mouse})
	a.crosshair(&mv.ui, m, cr)
	mv.at, mv.n = len(a.ui.Ops()), len(mv.ui.Ops())
	for _, op := range mv.ui.Ops() {
		a.ui.Add(op)
	}
	mv.laid, mv.mouse, mv.m, mv.cr, mv.panel = true, a.ui.In.Mouse, m, cr, panel
}

// moveCrosshair handles a frame whose input only moves the mouse from
// one point of the chart to another, with nothing else to redraw (no
// button, key, wheel or text, nothing stale, no list or menu open): it
// lays the crosshair out again and writes its ops over the last frame's,
// and reports whether it did. The screen is painted again only when they
// changed (the crosshair stays on a period while the mouse moves within
// it). Otherwise (the crosshair's ops would change in number, or the
// formula panel must mark another period) the frame is laid out in full.
func (a *App) moveCrosshair(in ui.Input) bool {
	mv := &a.moves
	if !mv.laid || a.stale || in.Pressed || in.Released || in.Down || in.Wheel != 0 || len(in.Keys) > 0 || len(in.Chars) > 0 ||
		a.picker || a.plans.menu || a.help || a.tab >= len(chart.Kinds) || a.chartFig == nil ||
		!in.Mouse.In(mv.cr) || !mv.mouse.In(mv.cr) {
		return false
	}
	if mv.panel {
		p := in.Mouse.Sub(mv.cr.Min)
		period, _, _, _, ok := a.chartFig.PeriodAt(p.X, p.Y)
		if !ok {
			period = -1
		}
		if period != a.hover {
			return false // the formula panel marks the period under the mouse: a full frame
		}
	}
	mv.ui.Begin(ui.Input{Mouse: in.Mouse})
	a.crosshair(&mv.ui, mv.m, mv.cr)
	ops := mv.ui.Ops()
	if len(ops) != mv.n {
		return false
	}
	mv.mouse, mv.count = in.Mouse, mv.count+1
	a.ui.In.Mouse = in.Mouse
	frame := a.ui.Ops()[mv.at : mv.at+mv.n]
	if slices.Equal(ops, frame) {
		return true
	}
	// The paint covers where the ops changed (damage): the chart's
	// rectangle when the old crosshair and the new lie within it.
	copy(frame, ops)
	a.dirty = true
	return true
}

// crosshair adds to c a vertical line at the period under the mouse and
// a box with the values there.
func (a *App) crosshair(c *ui.Context, m metrics, cr image.Rectangle) {
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
		a.hoverLines = a.valuesAt(period)
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

// valuesAt returns the crosshair box's lines at period of the chart
// shown, read once per chart and period (chart.Values formats them).
func (a *App) valuesAt(period int) []string {
	mv := a.movesOf()
	if period >= len(mv.lines) {
		mv.lines = append(mv.lines, make([][]string, period+1-len(mv.lines))...)
		mv.read = append(mv.read, make([]bool, period+1-len(mv.read))...)
	}
	if !mv.read[period] {
		mv.lines[period], mv.read[period] = chart.Values(chart.Kinds[a.tab], a.chartInput(), period), true
	}
	return mv.lines[period]
}

// legends returns where the shown chart's legends are, in pixels from
// its top left (chart.Figure.Legends), read once per chart.
func (a *App) legends() []image.Rectangle {
	mv := a.movesOf()
	if !mv.legendRead {
		mv.legend, mv.legendRead = a.chartFig.Legends(), true
	}
	return mv.legend
}

// movesOf returns a.moves with what it read of another chart forgotten.
func (a *App) movesOf() *moves {
	mv := &a.moves
	if mv.key != a.chartKey {
		mv.key = a.chartKey
		clear(mv.lines)
		clear(mv.read)
		mv.legend, mv.legendRead = nil, false
	}
	return mv
}
