package vgebiten

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// The mask is where a translucent path whose pieces overlap is drawn
// opaque first (beginMask), to be painted in its colour once per pixel
// (paintMask). A software GPU pays for every pixel cleared and painted:
// a line across a plot has a bounding box of most of the plot, and a
// chart with Monte Carlo bands strokes six of them (1.06 million pixels
// cleared and as many painted for an image of 0.49 million). So the mask
// is cleared and painted only in strips: columns of at most stripWidth
// pixels, each as tall as the path's segments that reach into it. The
// strips do not overlap (no pixel is painted twice) and hold every pixel
// the path draws, so the image is what a paint of the whole box gives.

// stripWidth is the width of the mask's strips in device pixels, and
// maxStrips the most strips a path's mask has (wider strips beyond): a
// strip costs two triangles to clear and two to paint.
const (
	stripWidth = 16
	maxStrips  = 256
)

// beginMask draws the pending triangles and glyphs, sets c.strips to where lines
// draw (maskStrips), clears the mask there and returns it, to draw the
// path into in opaque white. The mask is an image of the canvas's bounds.
func (c *Canvas) beginMask(lines *polylines, reach float64, fill bool) *ebiten.Image {
	c.Flush()
	b := c.dst.Bounds()
	if c.mask == nil || c.mask.Bounds() != b {
		if c.mask != nil {
			c.mask.Deallocate()
		}
		// In a texture of its own (newTarget): in one shared with other
		// images, where it lies shifts its triangles' coordinates, whose
		// rounding then moved a few edge pixels from one mask to the
		// next (and drawing into it from one of them moves it first).
		c.mask = ebiten.NewImageWithOptions(b, &ebiten.NewImageOptions{Unmanaged: true})
	}
	c.maskStrips(lines, reach, fill)
	if c.WholeMask {
		for _, r := range c.strips {
			c.mask.SubImage(r).(*ebiten.Image).Clear()
		}
	} else if len(c.strips) > 0 {
		c.quads(c.strips, 0, 0, 0, 0)
		c.tri.solid(c.mask, c.quad.vs, c.quad.is, ebiten.FillRuleFillAll, ebiten.BlendClear)
	}
	for _, r := range c.strips {
		c.counts.MaskPixels += r.Dx() * r.Dy()
	}
	return c.mask
}

// paintMask draws the pending triangles (the path's, in the mask) and
// paints the mask's strips onto the canvas in the current colour.
func (c *Canvas) paintMask() {
	c.tri.flush()
	if len(c.strips) == 0 {
		return
	}
	// The colour as DrawImage takes it, so that the strips are painted
	// exactly as a DrawImage of the mask paints (WholeMask).
	var scale ebiten.ColorScale
	scale.ScaleWithColor(c.st.colour)
	if c.WholeMask {
		for _, r := range c.strips {
			sub := c.mask.SubImage(r).(*ebiten.Image)
			var op ebiten.DrawImageOptions
			op.GeoM.Translate(float64(r.Min.X), float64(r.Min.Y))
			op.ColorScale = scale
			c.dst.DrawImage(sub, &op)
		}
		return
	}
	c.quads(c.strips, scale.R(), scale.G(), scale.B(), scale.A())
	var op ebiten.DrawTrianglesOptions
	op.ColorScaleMode = ebiten.ColorScaleModePremultipliedAlpha
	c.dst.DrawTriangles(c.quad.vs, c.quad.is, c.mask, &op)
}

// quads sets c.quad to two triangles per rectangle of rs, each vertex's
// source where it lies (the mask is as large as the canvas), in the
// premultiplied colour r, g, b, a.
func (c *Canvas) quads(rs []image.Rectangle, r, g, b, a float32) {
	q := &c.quad
	q.vs, q.is = q.vs[:0], q.is[:0]
	for _, rect := range rs {
		n := uint16(len(q.vs))
		x0, y0, x1, y1 := float32(rect.Min.X), float32(rect.Min.Y), float32(rect.Max.X), float32(rect.Max.Y)
		for _, p := range [4][2]float32{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
			q.vs = append(q.vs, ebiten.Vertex{DstX: p[0], DstY: p[1], SrcX: p[0], SrcY: p[1], ColorR: r, ColorG: g, ColorB: b, ColorA: a})
		}
		q.is = append(q.is, n, n+1, n+2, n+1, n+3, n+2)
	}
}

// maskStrips sets c.strips to disjoint rectangles, within the canvas,
// that hold every pixel whose middle lies within reach pixels of a segment
// of lines (strokes: half the line width and a pixel, as round joins and
// butt caps reach no further) or, for a fill, inside its outlines
// (closed, each subpath of at least 3 points; reach 1).
//
// Columns of the bounding box each get the rows from reach above to
// reach below where the segments lie between reach left of the column
// and reach right of it: a pixel drawn lies within reach of a point of a
// segment both across and down, so in its column's rows. Inside a fill,
// the outline runs above and below each pixel through its column.
// c.WholeMask makes it the whole box, one rectangle.
func (c *Canvas) maskStrips(lines *polylines, reach float64, fill bool) {
	c.strips = c.strips[:0]
	area := lines.bounds(reach).Intersect(c.dst.Bounds())
	if area.Empty() {
		return
	}
	if c.WholeMask {
		c.strips = append(c.strips, area)
		return
	}
	w := max(stripWidth, (area.Dx()+maxStrips-1)/maxStrips)
	n := (area.Dx() + w - 1) / w
	lo, hi := c.stripLo[:0], c.stripHi[:0]
	for range n {
		lo, hi = append(lo, math.Inf(1)), append(hi, math.Inf(-1))
	}
	c.stripLo, c.stripHi = lo, hi
	x0 := float64(area.Min.X)
	columnSpans(lines, fill, x0, w, n, reach, func(i int, ylo, yhi float64) {
		lo[i], hi[i] = min(lo[i], ylo), max(hi[i], yhi)
	})
	for i := range n {
		if lo[i] > hi[i] {
			continue
		}
		top := int(min(float64(area.Max.Y), max(float64(area.Min.Y), math.Floor(lo[i]-reach))))
		bottom := int(max(float64(area.Min.Y), min(float64(area.Max.Y), math.Ceil(hi[i]+reach))))
		r := image.Rect(area.Min.X+i*w, top, min(area.Min.X+(i+1)*w, area.Max.X), bottom).Intersect(area)
		if r.Empty() {
			continue
		}
		if k := len(c.strips) - 1; k >= 0 && c.strips[k].Max.X == r.Min.X && c.strips[k].Min.Y == r.Min.Y && c.strips[k].Max.Y == r.Max.Y {
			c.strips[k].Max.X = r.Max.X // as tall as the last: one strip
			continue
		}
		c.strips = append(c.strips, r)
	}
}
