package vgebiten

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// faceKey names a face at a size in device pixels.
type faceKey struct {
	src  *text.GoTextFaceSource
	size float64
}

// FillString draws s with its baseline starting at pt, in the current
// colour and transform (a rotated axis label is drawn rotated), through
// text/v2, which shapes it and keeps each glyph it drew in an image of its
// own; the canvas draws the glyphs from its glyph texture (glyphtex.go),
// the glyphs of consecutive texts in one drawing call.
func (c *Canvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Size <= 0 || c.Fonts == nil || c.dst == nil || s == "" {
		return
	}
	src := c.Fonts(f.Font)
	if src == nil {
		return
	}
	k := c.scale()
	face := c.face(src, float64(f.Font.Size)*k)
	// text/v2's shaper advances glyphs as at a whole number of pixels
	// per em (13.3 px text comes out as wide as 14 px text) and kerns by
	// the font's GPOS table, while gonum/plot places text by the font's
	// plain advances: each glyph keeps its shape at the exact size and
	// moves to where gonum/plot's advances put it.
	c.glyphs = text.AppendGlyphs(c.glyphs[:0], s, face, nil)
	c.pens(f, s, k)
	// Glyph pixels (y down, from the line's top) to device pixels: the
	// transform's linear part, taken back to unit scale, its y flipped.
	m := c.st.m
	a, b, cc, d := m.Element(0, 0), m.Element(0, 1), m.Element(1, 0), m.Element(1, 1)
	x, y := c.device(pt)
	var toDevice ebiten.GeoM
	// The baseline to the origin: text/v2 puts it at the ascent below the
	// line's top, rounded down to a whole pixel.
	toDevice.Translate(0, -math.Floor(face.Metrics().HAscent))
	var g ebiten.GeoM
	g.SetElement(0, 0, a/k)
	g.SetElement(0, 1, -b/k)
	g.SetElement(1, 0, cc/k)
	g.SetElement(1, 1, -d/k)
	g.SetElement(0, 2, x)
	g.SetElement(1, 2, y)
	toDevice.Concat(g)
	op := &c.glyphOp
	op.ColorScale.Reset()
	op.ColorScale.ScaleWithColor(c.st.colour)
	// Glyphs sampled between pixels land where the exact advances put
	// them (text/v2 rounds a line's baseline down to a whole pixel and
	// the nearest pixel would move a glyph by up to half a pixel).
	op.Filter = ebiten.FilterLinear
	op.DisableMipmaps = true
	// Where each glyph goes, and the bounds of them all, noted before any
	// is drawn.
	pen := 0
	c.glyphAt = c.glyphAt[:0]
	var area image.Rectangle
	for _, gl := range c.glyphs {
		for pen+1 < len(c.pen) && c.pen[pen+1].at <= gl.StartIndexInBytes {
			pen++
		}
		var at ebiten.GeoM
		if gl.Image != nil {
			x := gl.X - gl.OriginX
			if pen < len(c.pen) && c.pen[pen].at == gl.StartIndexInBytes {
				x += c.pen[pen].x
			} else {
				x += gl.OriginX
			}
			at.Translate(x, gl.Y)
			at.Concat(toDevice)
			b := gl.Image.Bounds()
			area = area.Union(geoBounds(&at, float64(b.Dx()), float64(b.Dy())))
		}
		c.glyphAt = append(c.glyphAt, at)
	}
	c.paint(area)
	if area.Empty() {
		return
	}
	if c.EachGlyph { // as before glyphs shared calls
		c.Flush() // the paths before, under the text
		for i, gl := range c.glyphs {
			if gl.Image == nil {
				continue
			}
			op.GeoM = c.glyphAt[i]
			c.dst.DrawImage(gl.Image, op)
			c.counts.Glyphs++
		}
		return
	}
	// Quads from the glyph texture, waiting for the texts after this one:
	// the paths before are drawn first, under the text.
	c.tri.flush()
	for i, gl := range c.glyphs {
		if gl.Image != nil {
			c.text.draw(c.dst, gl.Image, &c.glyphAt[i], &op.ColorScale)
		}
	}
}

// face returns src at size pixels, made once per size.
func (c *Canvas) face(src *text.GoTextFaceSource, size float64) *text.GoTextFace {
	k := faceKey{src, size}
	f := c.faces[k]
	if f == nil {
		if len(c.faces) >= 256 { // sizes of fonts since replaced, or of many windows
			clear(c.faces)
		}
		f = &text.GoTextFace{Source: src, Size: size}
		c.faces[k] = f
	}
	return f
}

// pen is where a character's glyph starts, in device pixels from the
// text's start: the character at byte at of the text.
type pen struct {
	at int
	x  float64
}

// pens sets c.pen to where gonum/plot's font.Face.Width places each
// character of s: the font's advances and its kern table, unhinted, at
// the face's size times k pixels per point.
func (c *Canvas) pens(f font.Face, s string, k float64) {
	c.pen = c.pen[:0]
	upem := fixed.Int26_6(f.Face.UnitsPerEm())
	perUnit := float64(f.Font.Size) * k / float64(upem)
	width := 0
	var prev sfnt.GlyphIndex
	for i, r := range s {
		idx, err := f.Face.GlyphIndex(&c.sfntBuf, r)
		if err != nil {
			return
		}
		if i > 0 {
			if kern, err := f.Face.Kern(&c.sfntBuf, prev, idx, upem, xfont.HintingNone); err == nil {
				width += int(kern)
			}
		}
		c.pen = append(c.pen, pen{at: i, x: float64(width) * perUnit})
		adv, err := f.Face.GlyphAdvance(&c.sfntBuf, idx, upem, xfont.HintingNone)
		if err != nil {
			return
		}
		width += int(adv)
		prev = idx
	}
}
