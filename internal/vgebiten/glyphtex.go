package vgebiten

import (
	"image"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
)

// glyphTextureSize is the side, in pixels, of a canvas's glyph texture: a
// planner chart's glyphs at ×2 (up to some 200 distinct glyphs and
// sub-pixel positions, 30 × 30 pixels for a Chinese character) fit many
// times over.
const glyphTextureSize = 1024

// glyphPad is the transparent border kept around each glyph in the
// texture: a glyph drawn by DrawImage is sampled linearly from its image
// in ebiten's atlas, where a pixel of transparent padding surrounds it,
// and a linear sample of the quad reads at most one texel beyond its edge.
// With the same border, the same texels are read.
const glyphPad = 1

// glyphTexture keeps the glyphs a canvas drew in one texture of its own,
// so that the glyphs of a text (and of the texts after it, until a path
// is drawn) are drawn by one DrawTriangles call: a quad per glyph, placed
// as DrawImage would place the glyph's own image, not a call per glyph.
//
// Each glyph is copied in once, from the image text/v2 made for it: text/v2
// keeps one image per face source, size, glyph and sub-pixel position (its
// cache's key), so that image names the key. Glyphs are packed in rows
// (shelves). When one no longer fits, it and the other new glyphs of the
// chart are drawn from their own images as before, and the texture starts
// over at the next chart (Canvas.Reset, startOver): a chart never draws
// from a slot that was overwritten while it was drawn.
//
// The quads are drawn by glyphShader, ebiten's linear filter with the
// glyph's own coordinates interpolated (not its place in the texture,
// whose rounding would move a few pixels by 1 of 255 with where the glyph
// happens to lie): a chart is byte for byte the same whatever the canvas
// drew before (TestGroundAfterAnotherChart in internal/app).
type glyphTexture struct {
	img       *ebiten.Image                 // Unmanaged, made at the first glyph
	at        map[*ebiten.Image]image.Point // each glyph's top-left texel
	x, y, row int                           // the next free spot in the current row, its height so far
	full      bool                          // a glyph did not fit since the chart began
	copyVs    [4]ebiten.Vertex
	copyOp    ebiten.DrawTrianglesOptions
	vs        []ebiten.Vertex // the glyph quads waiting for their drawing call
	is        []uint16
	dst       *ebiten.Image
	op        ebiten.DrawTrianglesShaderOptions
	imgOp     ebiten.DrawImageOptions
	calls     int // drawing calls of glyphs since the canvas's Reset (Counts)
	copies    int // glyphs copied into the texture since the canvas's Reset
}

var quadIndices = [6]uint16{0, 1, 2, 1, 2, 3} // as ebiten's DrawImage

// startOver empties the texture if a glyph did not fit in it, or if its
// rows fill more than half of it (so that each chart has half the texture
// for the glyphs it is the first to draw): the glyphs are copied in again
// as they are drawn.
func (t *glyphTexture) startOver() {
	t.calls, t.copies = 0, 0
	if !t.full && 2*(t.y+t.row) <= glyphTextureSize {
		return
	}
	clear(t.at)
	t.x, t.y, t.row, t.full = 0, 0, 0, false
}

// place returns where glyph's texels start in the texture, copying it in
// if it is not there yet, or false if it does not fit.
func (t *glyphTexture) place(glyph *ebiten.Image) (image.Point, bool) {
	if p, ok := t.at[glyph]; ok {
		return p, true
	}
	if t.full {
		return image.Point{}, false
	}
	size := glyphTextureSize
	if t.img == nil {
		t.img = ebiten.NewImageWithOptions(image.Rect(0, 0, size, size), &ebiten.NewImageOptions{Unmanaged: true})
		t.at = map[*ebiten.Image]image.Point{}
	}
	b := glyph.Bounds()
	w, h := b.Dx()+2*glyphPad, b.Dy()+2*glyphPad
	if t.x+w > size { // the next row
		t.x, t.y, t.row = 0, t.y+t.row, 0
	}
	if w > size || t.y+h > size {
		t.full = true
		return image.Point{}, false
	}
	slot := image.Pt(t.x, t.y)
	t.x += w
	t.row = max(t.row, h)
	// The glyph and its border in one call: the source clamped to zero
	// beyond the glyph's image, copied (not blended) over whatever the
	// slot held before the texture started over.
	x0, y0, x1, y1 := float32(slot.X), float32(slot.Y), float32(slot.X+w), float32(slot.Y+h)
	sx0, sy0 := float32(b.Min.X-glyphPad), float32(b.Min.Y-glyphPad)
	sx1, sy1 := sx0+float32(w), sy0+float32(h)
	for i, v := range [4][4]float32{{x0, y0, sx0, sy0}, {x1, y0, sx1, sy0}, {x0, y1, sx0, sy1}, {x1, y1, sx1, sy1}} {
		t.copyVs[i] = ebiten.Vertex{DstX: v[0], DstY: v[1], SrcX: v[2], SrcY: v[3], ColorR: 1, ColorG: 1, ColorB: 1, ColorA: 1}
	}
	t.copyOp = ebiten.DrawTrianglesOptions{Address: ebiten.AddressClampToZero, Blend: ebiten.BlendCopy, DisableMipmaps: true}
	t.img.DrawTriangles(t.copyVs[:], quadIndices[:], glyph, &t.copyOp)
	t.copies++
	p := slot.Add(image.Pt(glyphPad, glyphPad))
	t.at[glyph] = p
	return p, true
}

// draw draws glyph onto dst through m in the colour scale, sampled
// linearly: as a quad waiting for the glyphs after it, or, if the texture
// has no room for it, by a DrawImage of its own (after the quads before).
func (t *glyphTexture) draw(dst, glyph *ebiten.Image, m *ebiten.GeoM, scale *ebiten.ColorScale) {
	p, ok := t.place(glyph)
	if !ok {
		t.flush()
		t.imgOp.GeoM = *m
		t.imgOp.ColorScale = *scale
		t.imgOp.Filter = ebiten.FilterLinear
		t.imgOp.DisableMipmaps = true
		dst.DrawImage(glyph, &t.imgOp)
		t.calls++
		return
	}
	if len(t.is) > 0 && (dst != t.dst || len(t.vs)+4 > maxVertices) {
		t.flush()
	}
	t.dst = dst
	// The quad's corners computed as DrawImage computes them (ebiten's
	// graphics.QuadVerticesFromSrcAndMatrix: the matrix in float32, each
	// corner moved off a pixel's middle), so that the same pixels are
	// covered and sampled at the same places.
	b := glyph.Bounds()
	w, h := float32(b.Dx()), float32(b.Dy())
	// (GeoM keeps its diagonal less one: elements32 adds the one back
	// in float32.)
	a, bb, c, d := float32(m.Element(0, 0)-1)+1, float32(m.Element(0, 1)), float32(m.Element(1, 0)), float32(m.Element(1, 1)-1)+1
	tx, ty := float32(m.Element(0, 2)), float32(m.Element(1, 2))
	ax, by, cx, dy := a*w, bb*h, c*w, d*h
	u0, v0 := float32(p.X), float32(p.Y)
	u1, v1 := float32(p.X+b.Dx()), float32(p.Y+b.Dy())
	r, g, bl, al := scale.R(), scale.G(), scale.B(), scale.A()
	n := uint16(len(t.vs))
	// Custom0 and 1: the glyph's own pixel coordinates; 2 and 3: where
	// its texels start (glyphShader).
	t.vs = append(t.vs,
		ebiten.Vertex{DstX: pixelEdge(tx), DstY: pixelEdge(ty), SrcX: u0, SrcY: v0, ColorR: r, ColorG: g, ColorB: bl, ColorA: al, Custom0: 0, Custom1: 0, Custom2: u0, Custom3: v0},
		ebiten.Vertex{DstX: pixelEdge(ax + tx), DstY: pixelEdge(cx + ty), SrcX: u1, SrcY: v0, ColorR: r, ColorG: g, ColorB: bl, ColorA: al, Custom0: w, Custom1: 0, Custom2: u0, Custom3: v0},
		ebiten.Vertex{DstX: pixelEdge(by + tx), DstY: pixelEdge(dy + ty), SrcX: u0, SrcY: v1, ColorR: r, ColorG: g, ColorB: bl, ColorA: al, Custom0: 0, Custom1: h, Custom2: u0, Custom3: v0},
		ebiten.Vertex{DstX: pixelEdge(ax + by + tx), DstY: pixelEdge(cx + dy + ty), SrcX: u1, SrcY: v1, ColorR: r, ColorG: g, ColorB: bl, ColorA: al, Custom0: w, Custom1: h, Custom2: u0, Custom3: v0},
	)
	for _, i := range quadIndices {
		t.is = append(t.is, n+i)
	}
}

// flush draws the waiting glyph quads in one call and empties them.
func (t *glyphTexture) flush() {
	if len(t.is) > 0 {
		t.op = ebiten.DrawTrianglesShaderOptions{Images: [4]*ebiten.Image{t.img}}
		t.dst.DrawTrianglesShader(t.vs, t.is, glyphShader(), &t.op)
		t.calls++
	}
	t.vs, t.is = t.vs[:0], t.is[:0]
}

// pixelEdge moves x off a pixel's middle as ebiten's DrawImage moves a
// quad's corners (graphics.adjustDestinationPixel, v2.8.8): to the
// nearest of a pixel's edge, 5/16 and 11/16 into it.
func pixelEdge(x float32) float32 {
	ix := float32(int(x))
	if x < 0 && x != ix {
		ix -= 1
	}
	frac := x - ix
	switch {
	case frac < 3.0/16.0:
		return ix
	case frac < 8.0/16.0:
		return ix + 5.0/16.0
	case frac < 13.0/16.0:
		return ix + 11.0/16.0
	default:
		return ix + 16.0/16.0
	}
}

// glyphShader draws glyph quads as ebiten's builtin shader samples
// linearly (FilterLinear, AddressUnsafe: the four texels around the
// sample, mixed by its position between them, times the vertex colour),
// but takes the sample's position from the glyph's own coordinates
// (custom.xy, 0 to its width and height across the quad) and adds where
// its texels start (custom.zw, whole pixels) only to the texels read: the
// result does not depend on where the glyph lies in the texture.
var glyphShader = sync.OnceValue(func() *ebiten.Shader {
	s, err := ebiten.NewShader([]byte(`//kage:unit pixels

package main

func Fragment(dstPos vec4, srcPos vec2, color vec4, custom vec4) vec4 {
	p0 := custom.xy - 1/2.0
	p1 := custom.xy + 1/2.0
	t0 := floor(p0) + custom.zw + 1/2.0
	t1 := t0 + 1
	c0 := imageSrc0UnsafeAt(t0)
	c1 := imageSrc0UnsafeAt(vec2(t1.x, t0.y))
	c2 := imageSrc0UnsafeAt(vec2(t0.x, t1.y))
	c3 := imageSrc0UnsafeAt(t1)
	rate := fract(p1)
	return mix(mix(c0, c1, rate.x), mix(c2, c3, rate.x), rate.y) * color
}
`))
	if err != nil {
		panic("vgebiten: the glyph shader: " + err.Error())
	}
	return s
})
