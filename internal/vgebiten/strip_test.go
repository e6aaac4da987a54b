package vgebiten

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
	"pgregory.net/rapid"
)

// TestStripTriangles: a stacked layer (also one empty for its first
// periods, where its two curves meet) is cut into two triangles a period
// whose areas add up to the outline's; an outline whose curves cross, or
// whose halves are not over the same abscissas, or that turns back along
// x, is not a strip.
func TestStripTriangles(t *testing.T) {
	for _, k := range []int{0, 9, 35} {
		pts := stacked(36, k)
		is, ok := stripTriangles(nil, pts)
		if !ok {
			t.Errorf("layer from period %d: not a strip", k)
			continue
		}
		if len(is) != 6*35 {
			t.Errorf("layer from period %d: %d triangles, want 2 a period (70)", k, len(is)/3)
		}
		sum := 0.0
		for i := 0; i < len(is); i += 3 {
			sum += math.Abs(cross(pts[is[i]], pts[is[i+1]], pts[is[i+2]])) / 2
		}
		if want := area(pts); math.Abs(sum-want) > 1e-3*math.Max(1, want) {
			t.Errorf("layer from period %d: triangles cover %v, the outline %v", k, sum, want)
		}
	}
	crossing := []point{{0, 0}, {10, 10}, {20, 0}, {20, 5}, {10, 5}, {0, 5}}
	shifted := []point{{0, 0}, {10, 0}, {20, 0}, {20, 5}, {11, 5}, {0, 5}}
	back := []point{{0, 0}, {10, 0}, {5, 0}, {5, 5}, {10, 5}, {0, 5}}
	odd := []point{{0, 0}, {10, 0}, {20, 0}, {10, 5}, {0, 5}}
	for name, pts := range map[string][]point{"crossing": crossing, "shifted": shifted, "back": back, "odd": odd} {
		if _, ok := stripTriangles(nil, pts); ok {
			t.Errorf("%s: taken for a strip", name)
		}
	}
}

// TestStripsFillAsTheStencil: strips between two curves (random
// abscissas, either way along x, the two curves meeting anywhere, opaque
// and translucent colours) filled as strips paint exactly the pixels
// ebiten's stencil paints by the non-zero rule, at ×1 and ×2. (Ears are
// not the reference: where a layer's two curves meet over a period, a
// strip of no area, ear clipping painted a row of pixels the stencil
// leaves out: 5 periods, heights 1, 0, 0, 1, 0, two pixels.)
func TestStripsFillAsTheStencil(t *testing.T) {
	strips := 0 // layers filled as strips, over all cases (a convex one is a fan)
	rapid.Check(t, func(rt *rapid.T) {
		type layer struct {
			path vg.Path
			clr  color.Color
		}
		var layers []layer
		for range rapid.IntRange(1, 4).Draw(rt, "layers") {
			m := rapid.IntRange(2, 40).Draw(rt, "periods")
			x := rapid.Float64Range(0, 50).Draw(rt, "x0")
			xs := make([]float64, m)
			for i := range xs {
				xs[i] = x
				x += rapid.Float64Range(0.3, 12).Draw(rt, "dx")
			}
			if rapid.Bool().Draw(rt, "backwards") {
				for i, j := 0, m-1; i < j; i, j = i+1, j-1 {
					xs[i], xs[j] = xs[j], xs[i]
				}
			}
			var upper, lower []vg.Point
			for i := range m {
				lo := rapid.Float64Range(0, 200).Draw(rt, "lower")
				h := 0.0
				if rapid.IntRange(0, 3).Draw(rt, "empty") > 0 {
					h = rapid.Float64Range(0, 80).Draw(rt, "height")
				}
				lower = append(lower, pt(xs[i], lo))
				upper = append(upper, pt(xs[i], lo+h))
			}
			var p vg.Path
			p.Move(upper[0])
			for _, q := range upper[1:] {
				p.Line(q)
			}
			for i := m - 1; i >= 0; i-- {
				p.Line(lower[i])
			}
			p.Close()
			alpha := uint8(0xff)
			if rapid.Bool().Draw(rt, "translucent") {
				alpha = 0x60
			}
			layers = append(layers, layer{p, color.NRGBA{uint8(rapid.IntRange(0, 255).Draw(rt, "r")), 0x40, 0xa0, alpha}})
		}
		factor := rapid.SampledFrom([]int{1, 2}).Draw(rt, "factor")
		draw := func(stencil bool) (*image.RGBA, int) {
			img := image.NewRGBA(image.Rect(0, 0, 320, 240))
			var strips int
			inFrame(func() {
				var s Supersampled
				s.Canvas.stencilOnly = stencil
				s.Draw(320, 240, factor, func(c *Canvas) {
					for _, l := range layers {
						c.SetColor(l.clr)
						c.Fill(l.path)
					}
				}).ReadPixels(img.Pix)
				strips = s.Canvas.stripFills
			})
			return img, strips
		}
		img, n := draw(false)
		stencil, _ := draw(true)
		strips += n
		if !bytes.Equal(img.Pix, stencil.Pix) {
			rt.Fatalf("strips and the stencil paint different pixels (%.3f%% differ)", 100*differShare(img, stencil, 0))
		}
	})
	if strips == 0 {
		t.Error("no layer was filled as a strip")
	}
}
