package vgebiten

import (
	"image"
	"image/color"
)

// ground is what the canvas knows of its image's pixels, so that it does
// not paint what is there already. Software WebGL (SwiftShader, llvmpipe:
// the planner's slowest machines) pays for every pixel a drawing call
// covers, and a chart paints the same white over its whole image three
// times: the image cleared, the figure's white background, each plot's
// white background (0.2–0.5 million pixels apiece at 1280×800): 85–96% of
// the pixels a planner chart's drawing calls covered were that white.
//
// After an opaque fill of one colour over the whole image, every pixel
// outside the bounds of what was drawn since holds that colour: a later
// opaque fill of the same colour lying wholly outside them changes no
// pixel and is not drawn; and an image about to be covered by such a fill
// is not cleared first. Nothing is guessed: a fill is left out only where
// it would paint each of its pixels the colour the pixel has.
type ground struct {
	clear  bool              // the image is still to be cleared before anything is drawn into it
	known  bool              // the image is colour outside drawn
	colour [4]uint32         // premultiplied RGBA
	drawn  []image.Rectangle // bounds of what was drawn since the image was all colour
	left   int               // fills left out since clearFirst (tests)
	all    bool              // clear first and draw every fill (tests: what the ground saves must not change a pixel)
}

// maxDrawn bounds the drawings the ground keeps track of; after that many
// the canvas stops leaving fills out (until the image is all one colour
// again), so that checking a fill never costs more than this.
const maxDrawn = 4096

// clearFirst makes the canvas clear its image before the first drawing
// into it, unless that drawing covers the whole image in one opaque
// colour; finish clears it if nothing was drawn.
func (c *Canvas) clearFirst() {
	g := &c.ground
	g.clear, g.known, g.left = true, false, 0
	g.drawn = g.drawn[:0]
	if g.all {
		c.dst.Clear()
		g.clear = false
	}
}

// finish clears the image if it was to be cleared and nothing was drawn.
func (c *Canvas) finish() {
	if c.ground.clear {
		c.paint(image.Rectangle{})
	}
	c.Flush()
}

// paint is called before drawing into the image within r: it clears the
// image first if it has yet to be, and notes r as drawn.
func (c *Canvas) paint(r image.Rectangle) {
	g := &c.ground
	if g.clear {
		c.Flush()
		c.dst.Clear()
		g.clear, g.known, g.colour = false, true, [4]uint32{}
		g.drawn = g.drawn[:0]
	}
	if !g.known || r.Empty() {
		return
	}
	if len(g.drawn) >= maxDrawn {
		g.known = false
		return
	}
	g.drawn = append(g.drawn, r)
}

// fillGround reports whether the fill of c.flat in clr needs no drawing
// call of its own: either it covers the whole image in an opaque colour
// (the image is then filled with it, and becomes all that colour), or it
// paints each of its pixels the colour they have (not drawn at all).
func (c *Canvas) fillGround(clr color.Color) bool {
	g := &c.ground
	if !opaque(clr) || g.all {
		return false
	}
	r, gg, b, a := clr.RGBA()
	colour := [4]uint32{r, gg, b, a}
	if c.flat.count() == 1 && coversImage(c.flat.pts, c.dst.Bounds()) {
		c.Flush()
		c.dst.Fill(clr)
		g.clear, g.known, g.colour = false, true, colour
		g.drawn = g.drawn[:0]
		return true
	}
	if !g.known || g.clear || colour != g.colour {
		return false
	}
	area := c.flat.bounds(1)
	for _, d := range g.drawn {
		if d.Overlaps(area) {
			return false
		}
	}
	g.left++
	return true
}

// coversImage reports whether the closed outline pts is an upright
// rectangle that covers the middle of every pixel of bounds.
func coversImage(pts []point, bounds image.Rectangle) bool {
	n := len(pts)
	if n == 5 && pts[4] == pts[0] {
		n = 4
	}
	if n != 4 {
		return false
	}
	x0, y0, x1, y1 := pts[0].x, pts[0].y, pts[0].x, pts[0].y
	for _, q := range pts[:4] {
		x0, y0, x1, y1 = min(x0, q.x), min(y0, q.y), max(x1, q.x), max(y1, q.y)
	}
	for i := range 4 {
		a, b := pts[i], pts[(i+1)%4]
		if a == b || a == pts[(i+2)%4] {
			return false // corners not four apart: no area, or not all of it
		}
		if a.x != b.x && a.y != b.y {
			return false // a slanted edge: not an upright rectangle
		}
		if (a.x != x0 && a.x != x1) || (a.y != y0 && a.y != y1) {
			return false // a corner inside the box
		}
	}
	const slack = 0.25 // of a pixel: each pixel's middle well inside
	return x0 <= float32(bounds.Min.X)+slack && y0 <= float32(bounds.Min.Y)+slack &&
		x1 >= float32(bounds.Max.X)-slack && y1 >= float32(bounds.Max.Y)-slack
}
