package app

import (
	"image"
	"image/color"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"clvlab/internal/chart"
	"clvlab/internal/ui"
)

// Draw implements ebiten.Game. It runs the widgets on the input since the
// last frame, if any (prepare), and paints only when they ran; otherwise
// the screen keeps what it shows (the app turns off clearing the screen
// every frame). Painting an unchanged frame again allocates nothing:
// shapes are scaled copies of one white pixel, and texts and knobs are
// drawn from images cached by content.
func (a *App) Draw(screen *ebiten.Image) {
	a.prepare()
	a.platform.idle(a.idle(), a.wakeIn())
	if !a.dirty {
		return
	}
	a.dirty = false
	a.stats.Frames++
	start := time.Now()
	a.paint.frame++
	a.paint.pixels = 0
	// Only where the frame differs from what the screen shows is painted
	// again (damage): a crosshair's move paints the chart's rectangle, a
	// button's hover the button.
	areas, all := a.damage(screen)
	if all {
		a.paintArea(screen, image.Rectangle{})
		areas = nil
	}
	for _, r := range areas {
		a.paintArea(screen, r)
	}
	a.painted(screen, areas)
	a.paint.evict()
	a.stats.LastPaintMs = ms(time.Since(start)) // the GPU's share shows in the next frame's time, not here
	a.stats.LastPaintPixels = a.paint.pixels
	if !a.bandsAsked.IsZero() && a.currentBands() != nil {
		// This frame shows the bands asked for: from the click to here.
		a.stats.LastMonteCarloMs, a.bandsAsked = ms(time.Since(a.bandsAsked)), time.Time{}
	}
	a.platform.publish() // after the paint: what it says is on screen is painted
	if a.shot != "" && (a.chartImg != nil || a.tab == tabPlans) && (a.trials == 0 || a.currentBands() != nil) {
		a.screenshot(screen)
	}
}

// paintArea paints the frame into area of screen (all of it when area is
// empty): the background, the chart image, and the ops that reach into
// area, clipped to it. The background's white is painted only where
// nothing opaque covers it (ground): not under an opaque chart, which is
// copied over what lies under it (no blending: no read of the screen),
// nor under the widgets' opaque fills. Software WebGL pays for each pixel
// a drawing call covers; the white under the chart and the panels was
// half the pixels of a whole window's paint.
func (a *App) paintArea(screen *ebiten.Image, area image.Rectangle) {
	base, bounds := screen, screen.Bounds()
	if !area.Empty() {
		base, bounds = a.clip(screen, area), area
	}
	ch := a.chartShown()
	chartIn := ch.on && ch.rect.Overlaps(bounds)
	for _, r := range a.ground(bounds, chartIn && ch.opaque) {
		a.paint.rect(screen, float64(r.Min.X), float64(r.Min.Y), float64(r.Dx()), float64(r.Dy()), 0, white)
	}
	if chartIn {
		a.paint.op.GeoM.Reset()
		a.paint.op.ColorScale.Reset()
		a.paint.op.GeoM.Translate(float64(a.chartRect.Min.X), float64(a.chartRect.Min.Y))
		if ch.opaque {
			a.paint.op.Blend = ebiten.BlendCopy
		}
		a.paint.cover(base, a.chartRect)
		base.DrawImage(a.chartImg, &a.paint.op)
		a.paint.op.Blend = ebiten.Blend{}
	}
	dst := base
	for i := range a.ui.Ops() {
		op := &a.ui.Ops()[i]
		r := op.R
		if op.Kind == ui.OpClip {
			switch {
			case area.Empty():
				dst = a.clip(screen, r)
			case r.Empty():
				dst = base
			default:
				dst = a.clip(screen, r.Intersect(area))
				if dst == screen {
					dst = nil // clipped to nothing: draw nothing until the next clip
				}
			}
			continue
		}
		if dst == nil || !area.Empty() && !a.paintBounds(op).Overlaps(area) {
			continue
		}
		switch op.Kind {
		case ui.OpFill:
			a.paint.rect(dst, float64(r.Min.X), float64(r.Min.Y), float64(r.Dx()), float64(r.Dy()), 0, op.Color)
		case ui.OpStroke:
			w := float64(op.Width)
			x, y, dx, dy := float64(r.Min.X), float64(r.Min.Y), float64(r.Dx()), float64(r.Dy())
			a.paint.rect(dst, x, y, dx, w, 0, op.Color)
			a.paint.rect(dst, x, y+dy-w, dx, w, 0, op.Color)
			a.paint.rect(dst, x, y, w, dy, 0, op.Color)
			a.paint.rect(dst, x+dx-w, y, w, dy, 0, op.Color)
		case ui.OpLine:
			a.paint.line(dst, r, float64(op.Width), op.Color)
		case ui.OpCircle:
			a.paint.circle(dst, r, op.Color)
		case ui.OpText:
			a.drawText(dst, op)
		}
	}
}

// ground returns the parts of area the background's white must be
// painted in (in a.paint.ground, reused): area less the chart's rectangle
// when the chart is opaque, and less each opaque fill of the ops of at
// least minCover pixels (within its clip), which paint every pixel of it
// over whatever lay there.
func (a *App) ground(area image.Rectangle, chartOpaque bool) []image.Rectangle {
	p := &a.paint
	p.ground = append(p.ground[:0], area)
	if chartOpaque {
		p.ground = p.cut(p.ground, a.chartRect)
	}
	var clip image.Rectangle
	for i := range a.ui.Ops() {
		op := &a.ui.Ops()[i]
		switch {
		case op.Kind == ui.OpClip:
			clip = op.R
		case op.Kind == ui.OpFill && op.Color.A == 0xff:
			r := op.R
			if !clip.Empty() {
				r = r.Intersect(clip)
			}
			if r.Dx()*r.Dy() >= minCover {
				p.ground = p.cut(p.ground, r)
			}
		}
	}
	return p.ground
}

// minCover is the smallest opaque fill the background's white is left
// out under: smaller ones save fewer pixels than their pieces cost calls.
const minCover = 2048

// cut returns rs less c: each rectangle that overlaps c is replaced by
// the up to four parts of it outside c (above, below, left, right). It
// reuses p.cutBuf and rs's array.
func (p *painter) cut(rs []image.Rectangle, c image.Rectangle) []image.Rectangle {
	out := p.cutBuf[:0]
	for _, r := range rs {
		in := r.Intersect(c)
		if in.Empty() {
			out = append(out, r)
			continue
		}
		for _, q := range [4]image.Rectangle{
			image.Rect(r.Min.X, r.Min.Y, r.Max.X, in.Min.Y),
			image.Rect(r.Min.X, in.Max.Y, r.Max.X, r.Max.Y),
			image.Rect(r.Min.X, in.Min.Y, in.Min.X, in.Max.Y),
			image.Rect(in.Max.X, in.Min.Y, r.Max.X, in.Max.Y),
		} {
			if !q.Empty() {
				out = append(out, q)
			}
		}
	}
	p.cutBuf = rs[:0]
	return out
}

// opBounds returns the rectangle op paints within, with a margin: a
// line is wider than its rectangle, a knob's disc has a pixel of edge,
// and a text's image may be a little taller than its line.
func opBounds(op *ui.Op) image.Rectangle {
	reach := 2 + int(math.Ceil(float64(op.Width)+op.Size/2))
	return op.R.Canon().Inset(-reach)
}

// opaqueWhite is white as an interface value: converting color.White (a
// struct) to color.Color on every frame would allocate.
var opaqueWhite color.Color = color.White

// painter holds what Draw reuses between frames.
type painter struct {
	op      ebiten.DrawImageOptions
	pixel   *ebiten.Image
	knobs   map[int]*ebiten.Image
	texts   map[textKey]*textImage
	frame   int
	textOpt text.DrawOptions
	// ground and cutBuf hold the background's parts (ground, cut).
	ground, cutBuf []image.Rectangle
	// pixels counts the pixels the drawing calls of the paint cover
	// (Stats.LastPaintPixels): software WebGL pays by the pixel shaded.
	pixels int
}

// cover counts the pixels of r that a drawing call into dst shades: those
// within dst's bounds (a clip's sub-image bounds what it draws).
func (p *painter) cover(dst *ebiten.Image, r image.Rectangle) {
	r = r.Intersect(dst.Bounds())
	p.pixels += r.Dx() * r.Dy()
}

type textKey struct {
	s    string
	size float64
}

// textImage is a text drawn once in white, tinted when painted.
type textImage struct {
	img     *ebiten.Image
	w, h    float64
	lastUse int
}

func newPainter() painter {
	px := ebiten.NewImage(1, 1)
	px.Fill(color.White)
	return painter{pixel: px, knobs: map[int]*ebiten.Image{}, texts: map[textKey]*textImage{}}
}

// tint sets the colour scale of the reused options to c.
func (p *painter) tint(c color.RGBA) {
	p.op.ColorScale.Reset()
	p.op.ColorScale.Scale(float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255)
}

// rect paints a w×h rectangle at x, y, turned by angle radians about x, y.
func (p *painter) rect(dst *ebiten.Image, x, y, w, h, angle float64, c color.RGBA) {
	p.op.GeoM.Reset()
	p.op.GeoM.Scale(w, h)
	if angle != 0 {
		p.op.GeoM.Rotate(angle)
	}
	p.op.GeoM.Translate(x, y)
	p.tint(c)
	if angle == 0 {
		p.cover(dst, image.Rect(int(math.Floor(x)), int(math.Floor(y)), int(math.Ceil(x+w)), int(math.Ceil(y+h))))
	} else {
		p.pixels += int(math.Ceil(w * h)) // a line: its length by its width
	}
	dst.DrawImage(p.pixel, &p.op)
}

// line paints a line from r.Min to r.Max of width w.
func (p *painter) line(dst *ebiten.Image, r image.Rectangle, w float64, c color.RGBA) {
	dx, dy := float64(r.Max.X-r.Min.X), float64(r.Max.Y-r.Min.Y)
	length := math.Hypot(dx, dy)
	if length == 0 {
		return
	}
	angle := math.Atan2(dy, dx)
	// Offset by half the width across the line so it is centred.
	ox, oy := math.Sin(angle)*w/2, -math.Cos(angle)*w/2
	p.rect(dst, float64(r.Min.X)+ox, float64(r.Min.Y)+oy, length, w, angle, c)
}

// circle paints a filled circle inside r, from an anti-aliased white disc
// cached by diameter.
func (p *painter) circle(dst *ebiten.Image, r image.Rectangle, c color.RGBA) {
	d := r.Dx()
	if d <= 0 {
		return
	}
	img := p.knobs[d]
	if img == nil {
		img = ebiten.NewImage(d+2, d+2)
		vector.DrawFilledCircle(img, float32(d+2)/2, float32(d+2)/2, float32(d)/2, color.White, true)
		p.knobs[d] = img
	}
	p.op.GeoM.Reset()
	p.op.GeoM.Translate(float64(r.Min.X-1), float64(r.Min.Y-1))
	p.tint(c)
	p.cover(dst, image.Rect(r.Min.X-1, r.Min.Y-1, r.Min.X+d+1, r.Min.Y+d+1))
	dst.DrawImage(img, &p.op)
}

// evict drops cached texts not painted for a while (values change as
// sliders move).
func (p *painter) evict() {
	if len(p.texts) < 600 {
		return
	}
	for k, t := range p.texts {
		if p.frame-t.lastUse > 30 {
			t.img.Deallocate()
			delete(p.texts, k)
		}
	}
}

// drawText paints one text op, vertically centred in its rectangle.
func (a *App) drawText(dst *ebiten.Image, op *ui.Op) {
	if op.Text == "" {
		return
	}
	p := &a.paint
	t := p.texts[textKey{op.Text, op.Size}]
	if t == nil {
		face := a.face(op.Size)
		// The font is a subset: a character it lacks (in a user's file)
		// is drawn as "?", as in the charts, never as a blank.
		s := chart.Printable(op.Text)
		w, h := text.Measure(s, face, 0)
		t = &textImage{w: math.Ceil(w), h: math.Ceil(h)}
		t.img = ebiten.NewImage(max(1, int(t.w)+2), max(1, int(t.h)+2))
		p.textOpt.GeoM.Reset()
		p.textOpt.GeoM.Translate(1, 1)
		text.Draw(t.img, s, face, &p.textOpt)
		p.texts[textKey{op.Text, op.Size}] = t
	}
	t.lastUse = p.frame
	x := float64(op.R.Min.X)
	switch op.Align {
	case ui.Center:
		x = float64(op.R.Min.X+op.R.Max.X)/2 - t.w/2
	case ui.Right:
		x = float64(op.R.Max.X) - t.w
	}
	y := float64(op.R.Min.Y+op.R.Max.Y)/2 - t.h/2
	p.op.GeoM.Reset()
	p.op.GeoM.Translate(math.Round(x)-1, math.Round(y)-1)
	p.tint(op.Color)
	at := image.Pt(int(math.Round(x))-1, int(math.Round(y))-1)
	p.cover(dst, t.img.Bounds().Add(at))
	dst.DrawImage(t.img, &p.op)
}

// clip returns the part r of screen to draw into, reusing the sub-image of
// the same rectangle between frames (a new one allocates).
func (a *App) clip(screen *ebiten.Image, r image.Rectangle) *ebiten.Image {
	if r.Empty() {
		return screen
	}
	if a.clipScreen != screen {
		clear(a.clips)
		a.clipScreen = screen
	}
	img := a.clips[r]
	if img == nil {
		img = screen.SubImage(r).(*ebiten.Image)
		a.clips[r] = img
	}
	return img
}
