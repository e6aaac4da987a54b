package vgebiten

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
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
// outside the tiles drawn into since (tileSet) holds that colour: a later
// opaque fill of the same colour lying wholly outside them changes no
// pixel and is not drawn; and an image about to be covered by such a fill
// is not cleared first.
//
// The record outlives the drawing: when a chart is drawn again into the
// same image (Supersampled.Draw: a slider step redraws it), the tiles the
// last chart drew into are kept with the image, and the new chart's fill
// of its whole image in that same colour paints only those tiles, as a
// few rectangles in one drawing call: outside them the image holds the
// colour already. Anything uncertain fills the whole image: another image
// or size, a colour not the last one's, a drawing into the image not
// recorded (a Reset onto it drawn without clearFirst, Supersampled.Clear).
// Nothing is guessed: a fill is left out only where it would paint each
// of its pixels the colour the pixel has.
type ground struct {
	clear   bool      // the image is still to be cleared before anything is drawn into it
	known   bool      // the image is colour outside drawn
	colour  [4]uint32 // premultiplied RGBA
	drawn   tileSet   // what was drawn since the image was all colour
	session bool      // between clearFirst and finish: every drawing is recorded
	last    struct {  // what the last finished drawing left in its image
		img    *ebiten.Image
		colour [4]uint32
		drawn  tileSet // all colour outside these
		ok     bool
	}
	rects []image.Rectangle // the last tiles, to fill
	quad  struct {          // their triangles
		vs []ebiten.Vertex
		is []uint16
	}
	left int  // fills left out since clearFirst (tests)
	all  bool // clear first and draw every fill (tests: what the ground saves must not change a pixel)
}

// clearFirst makes the canvas clear its image before the first drawing
// into it, unless that drawing covers the whole image in one opaque
// colour; finish clears it if nothing was drawn.
func (c *Canvas) clearFirst() {
	g := &c.ground
	g.clear, g.known, g.left, g.session = true, false, 0, true
	if g.all {
		c.dst.Clear()
		g.clear, g.last.ok = false, false
	}
}

// finish clears the image if it was to be cleared and nothing was drawn,
// and keeps what the image now holds for the next drawing into it.
func (c *Canvas) finish() {
	g := &c.ground
	if g.clear {
		c.paint(image.Rectangle{})
	}
	c.Flush()
	g.last.ok = g.session && g.known && !g.all
	if g.last.ok {
		g.last.img, g.last.colour = c.dst, g.colour
		g.last.drawn, g.drawn = g.drawn, g.last.drawn
	}
	g.session = false
}

// forget makes the canvas fill the whole image at the next drawing into
// img: it was drawn into by someone else.
func (c *Canvas) forget(img *ebiten.Image) {
	if c.ground.last.img == img {
		c.ground.last.ok = false
	}
}

// untracked is called before drawing into the image: a drawing outside
// clearFirst and finish is not recorded, so what the image held after the
// last recorded one is no longer known.
func (c *Canvas) untracked() {
	if !c.ground.session {
		c.forget(c.dst)
	}
}

// start notes that every pixel of the image is colour now.
func (c *Canvas) start(colour [4]uint32) {
	g := &c.ground
	g.clear, g.known, g.colour = false, true, colour
	g.drawn.reset(c.dst.Bounds())
}

// paint is called before drawing into the image within r: it clears the
// image first if it has yet to be, and notes r as drawn.
func (c *Canvas) paint(r image.Rectangle) {
	if c.ground.clear {
		c.clearImage()
	}
	c.untracked()
	if c.ground.known {
		c.ground.drawn.markRect(r)
	}
}

// paintLines is paint for a path: the tiles near the segments of lines
// (a stroke, reach pixels wide each side) or inside them (a fill), not
// the whole bounding box (tileSet.markLines).
func (c *Canvas) paintLines(lines *polylines, reach float64, fill bool) {
	if c.ground.clear {
		c.clearImage()
	}
	c.untracked()
	if c.ground.known {
		c.ground.drawn.markLines(lines, reach, fill)
	}
}

// paintFill is paint for the fill of c.flat in clr: a fill in the
// ground's colour (opaque, drawn straight, not through the mask) paints
// each pixel it covers that colour, so it leaves every pixel outside the
// tiles drawn into the colour, and marks none.
func (c *Canvas) paintFill(clr color.Color, large bool) {
	g := &c.ground
	if !g.clear && g.known && !large && opaque(clr) {
		r, gg, b, a := clr.RGBA()
		if [4]uint32{r, gg, b, a} == g.colour {
			c.untracked()
			return
		}
	}
	c.paintLines(&c.flat, 1, true)
}

// clearImage clears the image, to be drawn into.
func (c *Canvas) clearImage() {
	c.Flush()
	c.dst.Clear()
	b := c.dst.Bounds()
	c.counts.GroundPixels += b.Dx() * b.Dy()
	c.start([4]uint32{})
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
		c.untracked()
		if !c.fillTiles(colour) {
			c.dst.Fill(clr)
			bounds := c.dst.Bounds()
			c.counts.GroundPixels += bounds.Dx() * bounds.Dy()
		}
		g.last.ok = false // what it held is gone
		c.start(colour)
		return true
	}
	if !g.known || g.clear || colour != g.colour || g.drawn.overlaps(c.flat.bounds(1)) {
		return false
	}
	g.left++
	return true
}

// fillTiles fills the image with the opaque colour by painting only the
// tiles drawn into since it was all that colour, and reports whether it
// could: either the image is still as the last recorded drawing into it
// left it, or this drawing has filled it with the colour before.
func (c *Canvas) fillTiles(colour [4]uint32) bool {
	g := &c.ground
	var drawn *tileSet
	switch l := &g.last; {
	case g.clear && l.ok && l.img == c.dst && l.drawn.bounds == c.dst.Bounds() && l.colour == colour:
		drawn = &l.drawn
	case !g.clear && g.known && g.colour == colour:
		drawn = &g.drawn
	default:
		return false
	}
	g.rects = drawn.rects(g.rects[:0])
	if 4*len(g.rects) > maxVertices {
		return false
	}
	if len(g.rects) == 0 {
		return true // all the colour already
	}
	// The colour copied over the tiles (no read of what is there).
	q := &g.quad
	q.vs, q.is = q.vs[:0], q.is[:0]
	cr, cg, cb, ca := float32(colour[0])/0xffff, float32(colour[1])/0xffff, float32(colour[2])/0xffff, float32(colour[3])/0xffff
	for _, rect := range g.rects {
		n := uint16(len(q.vs))
		x0, y0, x1, y1 := float32(rect.Min.X), float32(rect.Min.Y), float32(rect.Max.X), float32(rect.Max.Y)
		for _, p := range [4][2]float32{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
			q.vs = append(q.vs, ebiten.Vertex{DstX: p[0], DstY: p[1], SrcX: 1.5, SrcY: 1.5, ColorR: cr, ColorG: cg, ColorB: cb, ColorA: ca})
		}
		q.is = append(q.is, n, n+1, n+2, n+1, n+3, n+2)
		c.counts.GroundPixels += rect.Dx() * rect.Dy()
	}
	c.tri.solid(c.dst, q.vs, q.is, ebiten.FillRuleFillAll, ebiten.BlendCopy)
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
