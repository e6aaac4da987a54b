package app

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/ui"
)

// shown is what the screen shows since the last paint: the frame's ops
// and the chart image painted under them. The next paint covers only
// where the new frame differs from it (damage): a hover, a press or a
// changed text repaints its widget, new bands the chart, not the whole
// window. On software WebGL (headless Chromium's SwiftShader, llvmpipe)
// every pixel painted costs the page's frame time, waiting for the GPU
// process: a frame that repainted the window for a button's hover held
// the page 60–120 ms.
type shown struct {
	valid  bool
	screen *ebiten.Image
	size   image.Point
	ops    []ui.Op
	chart  shownChart
	// What the last paint covered, for tests: all of the screen, or areas.
	all   bool
	areas []image.Rectangle
}

// shownChart is the chart image as painted.
type shownChart struct {
	img  *ebiten.Image
	key  chartKey
	rect image.Rectangle
	on   bool
	// opaque: every pixel of the image is (vgebiten's Canvas.Opaque): it
	// is copied over the screen with nothing painted under it.
	opaque bool
}

// maxAreas is how many separate rectangles a paint covers at most;
// more are merged into one.
const maxAreas = 6

// repaintAll makes the next paint cover the whole screen.
func (a *App) repaintAll() { a.screenShown.valid = false }

// chartShown is the chart as the next paint draws it.
func (a *App) chartShown() shownChart {
	on := a.chartImg != nil && (a.tab != tabPlans || a.dataFit != nil && a.dataFit.open) // the Plans tab draws a table instead
	return shownChart{img: a.chartImg, key: a.chartKey, rect: a.chartRect, on: on, opaque: a.chartOpaque}
}

// damage returns the rectangles of screen the next paint must cover (in
// a.areas, reused), and all when it must cover the whole screen: nothing
// painted yet, another screen or size, a changed clip (it changes what
// the ops after it cover), or changes over most of the screen. The ops
// are compared as a common start and a common end: what lies between, in
// the old frame and the new, is painted again, and the chart's rectangle
// when its image or place changed.
func (a *App) damage(screen *ebiten.Image) (areas []image.Rectangle, all bool) {
	s := &a.screenShown
	size := image.Pt(a.w, a.h)
	if !s.valid || s.screen != screen || s.size != size {
		return nil, true
	}
	a.areas = a.areas[:0]
	if ch := a.chartShown(); ch != s.chart {
		if s.chart.on {
			a.addArea(s.chart.rect)
		}
		if ch.on {
			a.addArea(ch.rect)
		}
	}
	old, ops := s.ops, a.ui.Ops()
	p := 0
	for p < len(old) && p < len(ops) && old[p] == ops[p] {
		p++
	}
	e := 0
	for e < len(old)-p && e < len(ops)-p && old[len(old)-1-e] == ops[len(ops)-1-e] {
		e++
	}
	for _, list := range [2][]ui.Op{old[p : len(old)-e], ops[p : len(ops)-e]} {
		for i := range list {
			if list[i].Kind == ui.OpClip {
				return nil, true
			}
			a.addArea(a.paintBounds(&list[i]))
		}
	}
	area := 0
	for _, r := range a.areas {
		area += r.Dx() * r.Dy()
	}
	if area*10 > size.X*size.Y*6 {
		return nil, true
	}
	return a.areas, false
}

// addArea adds r (clipped to the screen) to the areas to paint, merged
// with any it overlaps; a rectangle within the chart's becomes the
// chart's (a crosshair's move paints the chart's rectangle: the same
// sub-image each time), others are rounded out to 32 pixels (a few
// sub-images serve many changes: each new one allocates).
func (a *App) addArea(r image.Rectangle) {
	r = r.Intersect(image.Rect(0, 0, a.w, a.h))
	if r.Empty() {
		return
	}
	if cr := a.chartRect; r.In(cr) {
		r = cr
	} else {
		const g = 32
		r = image.Rect(r.Min.X/g*g, r.Min.Y/g*g, (r.Max.X+g-1)/g*g, (r.Max.Y+g-1)/g*g).Intersect(image.Rect(0, 0, a.w, a.h))
	}
	for {
		merged := false
		for i := 0; i < len(a.areas); i++ {
			if a.areas[i].Overlaps(r) {
				r = r.Union(a.areas[i])
				a.areas = append(a.areas[:i], a.areas[i+1:]...)
				merged = true
				break
			}
		}
		if !merged {
			break
		}
	}
	if len(a.areas) == maxAreas {
		for _, q := range a.areas {
			r = r.Union(q)
		}
		a.areas = a.areas[:0]
	}
	a.areas = append(a.areas, r)
}

// paintBounds returns the rectangle op paints within: opBounds, and for
// a text the width it is drawn at (a text may be wider than its
// rectangle).
func (a *App) paintBounds(op *ui.Op) image.Rectangle {
	b := opBounds(op)
	if op.Kind != ui.OpText || op.Text == "" {
		return b
	}
	w := int(math.Ceil(a.measure(op.Text, op.Size))) + 4
	x := op.R.Min.X - 2
	switch op.Align {
	case ui.Center:
		x = (op.R.Min.X+op.R.Max.X)/2 - w/2
	case ui.Right:
		x = op.R.Max.X - w + 2
	}
	cy, h := (op.R.Min.Y+op.R.Max.Y)/2, int(math.Ceil(op.Size))+4
	return b.Union(image.Rect(x, cy-h, x+w, cy+h))
}

// painted notes what the screen now shows.
func (a *App) painted(screen *ebiten.Image, areas []image.Rectangle) {
	s := &a.screenShown
	s.valid, s.screen, s.size = true, screen, image.Pt(a.w, a.h)
	s.ops = append(s.ops[:0], a.ui.Ops()...)
	s.chart = a.chartShown()
	s.all, s.areas = areas == nil, append(s.areas[:0], areas...)
}
