package vgebiten

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"gonum.org/v1/plot/vg"
)

// Fill fills path in the current colour by the non-zero rule, as
// gonum/plot's PNG canvas does. A convex outline (a bar, a rectangle, a
// disc) is drawn as a fan of triangles; any other outline is cut into
// triangles on the CPU (earFill), or, if it crosses itself or has holes,
// drawn with ebiten's stencil.
// Fans and ears cover each pixel once, so a translucent fill is painted
// straight; through the stencil it is drawn opaque into a mask first
// (ebiten's stencil may paint a pixel more than once) and the mask painted
// in the colour.
// A path of more points than one drawing call takes is filled through the
// mask too (fillLarge), by the even-odd rule: the same for any outline
// that does not overlap itself.
func (c *Canvas) Fill(path vg.Path) {
	if c.dst == nil {
		return
	}
	c.flatten(&c.flat, path)
	n := len(c.flat.pts)
	if n < 3 || c.fillGround(c.st.colour) {
		return
	}
	c.paintFill(c.st.colour, n >= maxVertices)
	if n >= maxVertices {
		c.fillLarge()
		return
	}
	t := &c.tri
	clr := c.st.colour
	single := c.flat.count() == 1
	switch {
	case single && convex(c.flat.pts):
		t.part.vs = t.part.vs[:0]
		t.part.is = t.part.is[:0]
		for i, q := range c.flat.pts {
			t.part.vs = append(t.part.vs, ebiten.Vertex{DstX: q.x, DstY: q.y})
			if i >= 2 {
				t.part.is = append(t.part.is, 0, uint16(i-1), uint16(i))
			}
		}
		t.add(c.dst, t.part.vs, t.part.is, clr, ebiten.FillRuleFillAll)
		t.end()
	case single && !c.stencilOnly && !c.noStrips && c.stripFill(clr):
	case single && !c.stencilOnly && c.earFill(clr):
	default:
		// The stencil: through the mask if translucent.
		dst := c.dst
		translucent := !opaque(clr)
		if translucent {
			dst, clr = c.beginMask(&c.flat, 1, true), color.White
		}
		var p vector.Path
		c.outline(&p, &c.flat)
		t.part.vs, t.part.is = p.AppendVerticesAndIndicesForFilling(t.part.vs[:0], t.part.is[:0])
		t.add(dst, t.part.vs, t.part.is, clr, ebiten.FillRuleNonZero)
		t.end()
		if translucent {
			c.paintMask()
		}
	}
}

// stripFill fills the one outline of c.flat if it is a strip between two
// curves (stripTriangles), and reports whether it was.
func (c *Canvas) stripFill(clr color.Color) bool {
	t := &c.tri
	var ok bool
	if t.part.is, ok = stripTriangles(t.part.is[:0], c.flat.pts); !ok {
		return false
	}
	c.fillCut(c.flat.pts, clr)
	c.stripFills++
	return true
}

// earFill fills the one outline of c.flat, cut into triangles (earClip),
// and reports whether it could be.
func (c *Canvas) earFill(clr color.Color) bool {
	c.run = unspike(c.run[:0], c.flat.pts)
	t := &c.tri
	var ok bool
	t.part.is, c.corners, ok = earClip(t.part.is[:0], c.run, c.corners)
	if !ok {
		return false
	}
	c.fillCut(c.run, clr)
	return true
}

// fillCut fills the triangles of c.tri.part.is, indices into pts, in clr: an
// outline cut on the CPU, each pixel covered once.
func (c *Canvas) fillCut(pts []point, clr color.Color) {
	t := &c.tri
	t.part.vs = t.part.vs[:0]
	for _, q := range pts {
		t.part.vs = append(t.part.vs, ebiten.Vertex{DstX: q.x, DstY: q.y})
	}
	t.add(c.dst, t.part.vs, t.part.is, clr, ebiten.FillRuleFillAll)
	t.end()
}

// outline adds the closed subpaths of lines to p.
func (c *Canvas) outline(p *vector.Path, lines *polylines) {
	for s := range lines.count() {
		pts, _ := lines.subpath(s)
		if len(pts) < 3 {
			continue
		}
		p.MoveTo(pts[0].x, pts[0].y)
		for _, q := range pts[1:] {
			p.LineTo(q.x, q.y)
		}
		p.Close()
	}
}

// convex reports whether the closed outline pts turns one way only and
// goes round once (its edges change direction in x and in y at most twice
// each), so that a fan from its first point covers it exactly.
func convex(pts []point) bool {
	n := len(pts)
	sign := 0
	xFlips, yFlips := 0, 0
	var pdx, pdy float32
	first := true
	for i := range n + 1 {
		a, b := pts[i%n], pts[(i+1)%n]
		dx, dy := b.x-a.x, b.y-a.y
		if dx == 0 && dy == 0 {
			continue
		}
		if !first {
			cross := pdx*dy - pdy*dx
			switch {
			case cross > 0:
				if sign < 0 {
					return false
				}
				sign = 1
			case cross < 0:
				if sign > 0 {
					return false
				}
				sign = -1
			}
			if dx != 0 && pdx != 0 && (dx > 0) != (pdx > 0) {
				xFlips++
			}
			if dy != 0 && pdy != 0 && (dy > 0) != (pdy > 0) {
				yFlips++
			}
		}
		pdx, pdy, first = dx, dy, false
	}
	return xFlips <= 2 && yFlips <= 2
}

// fillLarge fills c.flat, too many points for one drawing call: fans of
// at most maxVertices points each are drawn by the even-odd rule into a
// mask, each flipping what the ones before drew (an exclusive or, by
// blending), so the mask holds the parity of the whole outline; the mask
// is then painted in the current colour.
func (c *Canvas) fillLarge() {
	mask := c.beginMask(&c.flat, 1, true)
	xor := ebiten.Blend{
		BlendFactorSourceRGB: ebiten.BlendFactorOneMinusDestinationColor, BlendFactorSourceAlpha: ebiten.BlendFactorOneMinusDestinationAlpha,
		BlendFactorDestinationRGB: ebiten.BlendFactorOneMinusSourceColor, BlendFactorDestinationAlpha: ebiten.BlendFactorOneMinusSourceAlpha,
		BlendOperationRGB: ebiten.BlendOperationAdd, BlendOperationAlpha: ebiten.BlendOperationAdd,
	}
	t := &c.tri
	for s := range c.flat.count() {
		pts, _ := c.flat.subpath(s)
		// Fans from pts[0] over pts[from:to], each sharing its first
		// edge with the last one's final edge.
		for from := 1; from+1 < len(pts); from += maxVertices - 3 {
			to := min(from+maxVertices-2, len(pts))
			t.vs, t.is = t.vs[:0], t.is[:0]
			t.vs = append(t.vs, ebiten.Vertex{DstX: pts[0].x, DstY: pts[0].y, SrcX: 1.5, SrcY: 1.5, ColorR: 1, ColorG: 1, ColorB: 1, ColorA: 1})
			for i, q := range pts[from:to] {
				t.vs = append(t.vs, ebiten.Vertex{DstX: q.x, DstY: q.y, SrcX: 1.5, SrcY: 1.5, ColorR: 1, ColorG: 1, ColorB: 1, ColorA: 1})
				if i >= 1 {
					t.is = append(t.is, 0, uint16(i), uint16(i+1))
				}
			}
			t.op = ebiten.DrawTrianglesOptions{FillRule: ebiten.FillRuleEvenOdd, Blend: xor}
			mask.DrawTriangles(t.vs, t.is, white(), &t.op)
			t.calls++
		}
	}
	t.vs, t.is = t.vs[:0], t.is[:0]
	c.paintMask()
}
