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
// the ops after it cover), or changes over nearly all of the screen. The
// ops of the old frame and the new are matched in order (matchOps): an op
// of either that has no equal in the other is painted again (where it
// was, where it is), and the chart's rectangle when its image or place
// changed. A pixel no unmatched op covers is covered by the same ops in
// the same order in both frames, so it is as the screen shows it.
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
	if !a.matchOps(s.ops, a.ui.Ops()) {
		return nil, true
	}
	area := 0
	for _, r := range a.areas {
		area += r.Dx() * r.Dy()
	}
	// Painting the areas apart covers fewer pixels than the whole window
	// (they do not overlap, and each op is clipped to them); only when
	// they cover nearly all of it is one paint of the whole the cheaper,
	// in drawing calls.
	if area*10 > size.X*size.Y*9 {
		return nil, true
	}
	return a.areas, false
}

// matchWindow is how far ahead matchOps looks for an op's equal: past a
// run of ops inserted, removed or changed (the trials' row, a changed
// text).
const matchWindow = 48

// matchOps matches the ops of the old frame to the new one's in order,
// equal to equal, and adds the paint bounds of each op left unmatched
// (addArea). An op the other frame lacks at this place is matched with
// the nearer of its equals ahead (within matchWindow), or not at all.
// Any matching in order is a correct one (a closer one paints less). It
// reports false if a clip op is unmatched: what the ops after it cover
// changed.
func (a *App) matchOps(old, ops []ui.Op) bool {
	unmatched := func(op *ui.Op) bool {
		if op.Kind == ui.OpClip {
			return false
		}
		a.addArea(a.paintBounds(op))
		return true
	}
	i, j := 0, 0
	for i < len(old) && j < len(ops) {
		if old[i] == ops[j] {
			i, j = i+1, j+1
			continue
		}
		inserted, removed := -1, -1 // how many ops ahead each has the other's equal
		for k := j + 1; k < min(len(ops), j+matchWindow); k++ {
			if ops[k] == old[i] {
				inserted = k - j
				break
			}
		}
		for k := i + 1; k < min(len(old), i+matchWindow); k++ {
			if old[k] == ops[j] {
				removed = k - i
				break
			}
		}
		switch {
		case inserted > 0 && (removed < 0 || inserted <= removed):
			for ; inserted > 0; inserted-- {
				if !unmatched(&ops[j]) {
					return false
				}
				j++
			}
		case removed > 0:
			for ; removed > 0; removed-- {
				if !unmatched(&old[i]) {
					return false
				}
				i++
			}
		default:
			if !unmatched(&old[i]) || !unmatched(&ops[j]) {
				return false
			}
			i, j = i+1, j+1
		}
	}
	for ; i < len(old); i++ {
		if !unmatched(&old[i]) {
			return false
		}
	}
	for ; j < len(ops); j++ {
		if !unmatched(&ops[j]) {
			return false
		}
	}
	return true
}

// addArea adds r (clipped to the screen) to the areas to paint, merged
// with an area it overlaps when their union has fewer pixels than the
// two apart (an overlap is painted twice, correctly: each area's paint is
// whole); a rectangle within the chart's becomes the chart's (a
// crosshair's move paints the chart's rectangle: the same sub-image each
// time), others are rounded out to 32 pixels (a few sub-images serve many
// changes: each new one allocates). With maxAreas areas already, r is
// merged with the one that grows least by it.
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
	size := func(r image.Rectangle) int { return r.Dx() * r.Dy() }
	for {
		merge := -1
		for i, q := range a.areas {
			if r.In(q) {
				return
			}
			if q.Overlaps(r) && size(q.Union(r)) <= size(q)+size(r) {
				merge = i
				break
			}
		}
		if merge < 0 && len(a.areas) >= maxAreas {
			grows := math.MaxInt
			for i, q := range a.areas {
				if d := size(q.Union(r)) - size(q); d < grows {
					merge, grows = i, d
				}
			}
		}
		if merge < 0 {
			break
		}
		r = r.Union(a.areas[merge])
		a.areas = append(a.areas[:merge], a.areas[merge+1:]...)
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
