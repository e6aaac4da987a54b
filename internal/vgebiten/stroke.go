package vgebiten

import (
	"image"
	"image/color"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"gonum.org/v1/plot/vg"
)

// maxVertices is the most vertices one drawing call takes: ebiten's
// indices are uint16.
const maxVertices = 1 << 16

// strokeRun is the most points of a line stroked in one piece; a longer
// line is stroked in runs that share their end points, so that its
// triangles never pass maxVertices (a round join adds a few vertices per
// point).
const strokeRun = 2000

// white is a 3×3 white image whose middle pixel colours the triangles
// (the middle, so that filtering never reads past its edge), as in
// ebiten's vector package.
var white = sync.OnceValue(func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
})

// solidShader colours each pixel of a triangle its vertices' colour
// (premultiplied) and reads no texture. ebiten's own shader (DrawTriangles)
// multiplies the colour by a texel of a white image, the same value, but a
// software GPU pays for that read by the pixel: SwiftShader filled a
// textured rectangle at about 10 ms a million pixels and a solid one at
// about 4.5 (docs/benchmarks.md), and the fills, strokes and white ground
// are most of a chart's pixels.
var solidShader = sync.OnceValue(func() *ebiten.Shader {
	s, err := ebiten.NewShader([]byte(`//kage:unit pixels

package main

func Fragment(dstPos vec4, srcPos vec2, color vec4) vec4 {
	return color
}
`))
	if err != nil {
		panic("vgebiten: the solid shader: " + err.Error())
	}
	return s
})

// solid draws the triangles vs, is into dst in their vertices'
// premultiplied colours (solidShader), by rule and blend.
func (t *triangles) solid(dst *ebiten.Image, vs []ebiten.Vertex, is []uint16, rule ebiten.FillRule, blend ebiten.Blend) {
	if t.textured {
		t.op = ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha, FillRule: rule, Blend: blend}
		dst.DrawTriangles(vs, is, white(), &t.op)
		return
	}
	t.solidOp = ebiten.DrawTrianglesShaderOptions{FillRule: rule, Blend: blend}
	dst.DrawTrianglesShader(vs, is, solidShader(), &t.solidOp)
}

// triangles are the paths waiting for their drawing call. Each path's
// colour is on its vertices, so the paths drawn one after another onto
// the same image by FillRuleFillAll share one call: a chart's fills and
// strokes between two texts cost one call, not one each. A call draws its
// triangles in the order of its indices, each blended over the ones
// before, so the image is what a call per path would draw. They are
// drawn (flush) before anything else is drawn, so that the order of all
// drawing stays as the chart gave it: text or an image, a mask, a path by
// another fill rule or into another image, at the indices' limit
// (maxVertices), and at the end of the chart (Canvas.Flush).
type triangles struct {
	vs   []ebiten.Vertex
	is   []uint16
	dst  *ebiten.Image   // where they go
	rule ebiten.FillRule // how
	part struct {        // one piece's, before it joins vs and is
		vs []ebiten.Vertex
		is []uint16
	}
	op       ebiten.DrawTrianglesOptions       // fillLarge's, solid's (textured)
	solidOp  ebiten.DrawTrianglesShaderOptions // solid's
	textured bool                              // through ebiten's shader, as before solidShader (Canvas.Textured)
	calls    int                               // drawing calls since the canvas's Reset (Counts)
	eachPath bool                              // a call per path, as before paths shared calls (Canvas.EachPath)
	text     *glyphTexture                     // glyph quads to draw before any path (the canvas's)
}

// add appends a piece's triangles in clr, drawing what is pending first if
// it goes elsewhere or the piece would overflow the indices.
func (t *triangles) add(dst *ebiten.Image, vs []ebiten.Vertex, is []uint16, clr color.Color, rule ebiten.FillRule) {
	if t.text != nil {
		t.text.flush() // the text before, under the path
	}
	if len(t.is) > 0 && (dst != t.dst || rule != t.rule || len(t.vs)+len(vs) > maxVertices) {
		t.flush()
	}
	t.dst, t.rule = dst, rule
	r, g, b, a := clr.RGBA()
	cr, cg, cb, ca := float32(r)/0xffff, float32(g)/0xffff, float32(b)/0xffff, float32(a)/0xffff
	base := uint16(len(t.vs))
	t.vs = append(t.vs, vs...)
	added := t.vs[len(t.vs)-len(vs):]
	for i := range added {
		v := &added[i]
		v.SrcX, v.SrcY = 1.5, 1.5
		v.ColorR, v.ColorG, v.ColorB, v.ColorA = cr, cg, cb, ca
	}
	for _, i := range is {
		t.is = append(t.is, base+i)
	}
}

// end ends a path: its triangles wait for the next path's unless it was
// filled by a stencil rule (the next path's triangles would count in its
// winding numbers) or each path is to be drawn alone.
func (t *triangles) end() {
	if t.eachPath || t.rule != ebiten.FillRuleFillAll {
		t.flush()
	}
}

// flush draws the pending triangles and empties them.
func (t *triangles) flush() {
	if len(t.is) > 0 {
		// No texture is read (solidShader): SwiftShader's sampling of
		// every pixel of the fills cost more than anything else in them.
		t.solid(t.dst, t.vs, t.is, t.rule, ebiten.BlendSourceOver)
		t.calls++
	}
	t.vs, t.is = t.vs[:0], t.is[:0]
}

// opaque reports whether clr covers what is under it.
func opaque(clr color.Color) bool {
	_, _, _, a := clr.RGBA()
	return a == 0xffff
}

// Stroke strokes path with the current line width, dashes and colour:
// butt caps, round joins.
func (c *Canvas) Stroke(path vg.Path) {
	if c.st.width <= 0 || c.dst == nil {
		return
	}
	k := c.scale()
	c.flatten(&c.flat, path)
	lines := &c.flat
	if len(c.st.dashes) > 0 {
		pattern := c.dashPattern[:0]
		for _, d := range c.st.dashes {
			pattern = append(pattern, max(0, float64(d)*k))
		}
		c.dashPattern = pattern
		if total(pattern) > 0 { // a pattern of zeros is a solid line
			dash(&c.dashed, &c.flat, pattern, float64(c.st.offset)*k)
			lines = &c.dashed
		}
	}
	// A translucent stroke is drawn opaque into the mask, then painted in
	// its colour, so that where its pieces overlap (joins, crossings) it
	// is painted once. Every pixel it draws lies within half its width of
	// a segment: round joins, butt caps.
	dst, clr := c.dst, c.st.colour
	reach := float64(c.st.width)*k/2 + 1
	c.paintLines(lines, reach, false)
	translucent := !opaque(clr)
	if translucent {
		dst, clr = c.beginMask(lines, reach, false), color.White
	}
	rule := ebiten.FillRuleFillAll
	opt := vector.StrokeOptions{Width: float32(float64(c.st.width) * k), LineCap: vector.LineCapButt, LineJoin: vector.LineJoinRound}
	t := &c.tri
	for s := range lines.count() {
		pts, closed := lines.subpath(s)
		if closed && len(pts) > strokeRun { // in runs: close by hand
			c.run = append(append(c.run[:0], pts...), pts[0])
			pts, closed = c.run, false
		}
		for from := 0; from < len(pts)-1; from += strokeRun - 1 {
			to := min(from+strokeRun, len(pts))
			var p vector.Path
			p.MoveTo(pts[from].x, pts[from].y)
			for _, q := range pts[from+1 : to] {
				p.LineTo(q.x, q.y)
			}
			if closed && from == 0 && to == len(pts) {
				p.Close()
			}
			t.part.vs, t.part.is = p.AppendVerticesAndIndicesForStroke(t.part.vs[:0], t.part.is[:0], &opt)
			t.add(dst, t.part.vs, t.part.is, clr, rule)
		}
	}
	t.end()
	if translucent {
		c.paintMask()
	}
}

func total(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}
