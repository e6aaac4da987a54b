package vgebiten

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// drawCounted draws with f at w×h pixels and factor, the canvas set up by
// set, and returns the image and what the canvas counted.
func drawCounted(w, h, factor int, set func(c *Canvas), f func(c *Canvas)) (*image.RGBA, Counts) {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	var n Counts
	inFrame(func() {
		var s Supersampled
		set(&s.Canvas)
		s.Draw(w, h, factor, f).ReadPixels(img.Pix)
		n = s.Canvas.Counts()
	})
	return img, n
}

// samePixels fails t if a and b differ, naming how many pixels and the
// first few.
func samePixels(t *testing.T, what string, a, b *image.RGBA) {
	t.Helper()
	if bytes.Equal(a.Pix, b.Pix) {
		return
	}
	n, w := 0, a.Bounds().Dx()
	var first []string
	for i := 0; i+4 <= len(a.Pix); i += 4 {
		if !bytes.Equal(a.Pix[i:i+4], b.Pix[i:i+4]) {
			n++
			if len(first) < 4 {
				first = append(first, fmt.Sprintf("(%d, %d) %v against %v", i/4%w, i/4/w, a.Pix[i:i+4], b.Pix[i:i+4]))
			}
		}
	}
	t.Errorf("%s: %d pixels differ: %s", what, n, strings.Join(first, ", "))
}

// polyline returns the open path through the points (x, y, x, y, ...).
func polyline(xy ...float64) vg.Path {
	p := vg.Path{{Type: vg.MoveComp, Pos: pt(xy[0], xy[1])}}
	for i := 2; i+1 < len(xy); i += 2 {
		p = append(p, vg.PathComp{Type: vg.LineComp, Pos: pt(xy[i], xy[i+1])})
	}
	return p
}

// TestPathsShareCalls: paths drawn one after another share drawing calls
// and the image is byte for byte the one a call per path draws (the
// scene: transformed, translucent and stencil fills, dashed, curved and
// translucent strokes, text and an image between them, at ×1 and ×2); ten
// opaque paths of any colour with nothing between them are one call.
func TestPathsShareCalls(t *testing.T) {
	otf, fonts := goRegular(t)
	face := font.Face{Font: font.Font{Size: 11}, Face: otf}
	bars := func(c *Canvas) {
		c.SetColor(color.White)
		c.Fill(box(0, 0, 360, 180))
		scene(c, face)
		// Text over a bar, under a line: in that order.
		c.SetColor(color.RGBA{0xf0, 0xe4, 0x42, 0xff})
		c.Fill(box(190, 150, 320, 172))
		c.SetColor(color.Black)
		c.FillString(face, pt(195, 157), "Text over a bar")
		c.SetColor(color.RGBA{0xcc, 0x79, 0xa7, 0xff})
		c.SetLineWidth(3)
		c.Stroke(polyline(190, 152, 320, 170))
		// Ten bars and lines in turn, of ten colours, with no text
		// between them: one call.
		for i := range 10 {
			c.SetColor(color.RGBA{uint8(25 * i), 0x60, uint8(250 - 25*i), 0xff})
			x := 20 + 30*float64(i)
			c.Fill(box(x, 10, x+20, 30+8*float64(i)))
			c.SetLineWidth(1.5)
			c.Stroke(polyline(x, 100, x+15, 120, x+30, 105))
		}
	}
	for _, factor := range []int{1, 2} {
		each, nEach := drawCounted(480, 240, factor, func(c *Canvas) { c.Fonts, c.EachPath = fonts, true }, bars)
		shared, nShared := drawCounted(480, 240, factor, func(c *Canvas) { c.Fonts = fonts }, bars)
		keep("batch-shared", shared)
		if ink := inked(shared); ink < 0.05 {
			t.Fatalf("x%d: only %.1f%% drawn", factor, 100*ink)
		}
		samePixels(t, "paths sharing calls against a call each", shared, each)
		t.Logf("x%d: %d calls a path each, %d shared", factor, nEach.Triangles, nShared.Triangles)
		if nShared.Triangles >= nEach.Triangles {
			t.Errorf("x%d: %d calls shared, not fewer than %d a path each", factor, nShared.Triangles, nEach.Triangles)
		}
	}
	_, n := drawCounted(360, 180, 1, func(*Canvas) {}, func(c *Canvas) {
		for i := range 10 {
			c.SetColor(color.RGBA{uint8(25 * i), 0x60, 0x80, 0xff})
			x := 20 + 30*float64(i)
			c.Fill(box(x, 10, x+20, 90))
			c.SetLineWidth(2)
			c.Stroke(polyline(x, 100, x+15, 120))
		}
	})
	if n.Triangles != 1 {
		t.Errorf("ten bars and ten lines with nothing between them: %d calls, want 1", n.Triangles)
	}
}

// translucentPaths draws what goes through the mask: translucent strokes
// (a polyline of many segments that crosses itself, a long diagonal, a
// closed ring, a dashed line, a wide one), a translucent fill that
// crosses itself (the stencil) and a fill of more points than a drawing
// call takes (90,000: through the mask in fans), over bars and a
// translucent wavy disc.
func translucentPaths(c *Canvas) {
	c.SetColor(color.White)
	c.Fill(box(0, 0, 480, 300))
	c.SetColor(color.RGBA{0x00, 0x72, 0xb2, 0xff})
	for i := range 6 {
		c.Fill(box(30+70*float64(i), 20, 70+70*float64(i), 60+30*float64(i)))
	}
	orange := color.NRGBA{0xd5, 0x5e, 0x00, 0x70}
	c.SetColor(orange)
	c.SetLineWidth(3)
	var fan []float64
	for i := range 60 {
		x := 10 + 7*float64(i)
		fan = append(fan, x, 150+60*math.Sin(x/30)+10*math.Cos(x/7))
	}
	c.Stroke(polyline(fan...))
	c.Stroke(polyline(10, 10, 470, 290, 30, 280)) // a diagonal and back, crossing the polyline
	c.SetColor(color.NRGBA{0x00, 0x9e, 0x73, 0x80})
	c.Stroke(vg.Path{{Type: vg.MoveComp, Pos: pt(400, 80)}, {Type: vg.ArcComp, Pos: pt(360, 80), Radius: 40, Angle: 2 * math.Pi}, {Type: vg.CloseComp}})
	c.SetLineDash([]vg.Length{8, 4}, 2)
	c.Stroke(polyline(20, 250, 200, 200, 300, 260, 450, 120))
	c.SetLineDash(nil, 0)
	c.SetLineWidth(14)
	c.SetColor(color.NRGBA{0xcc, 0x79, 0xa7, 0x60})
	c.Stroke(polyline(60, 40, 90, 200, 120, 60))
	c.SetColor(color.NRGBA{0x56, 0xb4, 0xe9, 0x90})
	c.Fill(vg.Path{{Type: vg.MoveComp, Pos: pt(150, 20)}, {Type: vg.LineComp, Pos: pt(230, 20)}, {Type: vg.LineComp, Pos: pt(200, 90)},
		{Type: vg.LineComp, Pos: pt(190, 40)}, {Type: vg.LineComp, Pos: pt(160, 100)}, {Type: vg.CloseComp}})
	c.Fill(vg.Path{{Type: vg.MoveComp, Pos: pt(300, 200)}, {Type: vg.LineComp, Pos: pt(380, 260)}, {Type: vg.LineComp, Pos: pt(380, 200)},
		{Type: vg.LineComp, Pos: pt(300, 260)}, {Type: vg.CloseComp}}) // a bow tie
	c.SetColor(color.NRGBA{0xe6, 0x9f, 0x00, 0x80})
	c.Fill(wavy(300, 120, 180))
	c.SetColor(color.NRGBA{0x00, 0x00, 0x00, 0x50})
	c.Stroke(wavy(300, 120, 180))
	c.SetColor(color.NRGBA{0x56, 0xb4, 0xe9, 0x60})
	c.Fill(wavy(90000, 360, 200))
}

// TestMaskStripsChangeNoPixel: translucent paths cleared and painted
// through the mask in strips come out byte for byte as through the whole
// of their bounding boxes, at ×1 and ×2, and clear fewer pixels of the
// mask.
func TestMaskStripsChangeNoPixel(t *testing.T) {
	for _, factor := range []int{1, 2} {
		whole, nWhole := drawCounted(640, 400, factor, func(c *Canvas) { c.WholeMask = true }, translucentPaths)
		strips, nStrips := drawCounted(640, 400, factor, func(*Canvas) {}, translucentPaths)
		keep("mask-strips", strips)
		if ink := inked(strips); ink < 0.1 {
			t.Fatalf("x%d: only %.1f%% drawn", factor, 100*ink)
		}
		samePixels(t, "the mask in strips against its whole box", strips, whole)
		t.Logf("x%d: mask pixels %d in strips, %d the whole box", factor, nStrips.MaskPixels, nWhole.MaskPixels)
		if nStrips.MaskPixels >= nWhole.MaskPixels*3/4 {
			t.Errorf("x%d: the strips cleared %d pixels of the mask, not a quarter fewer than the boxes' %d", factor, nStrips.MaskPixels, nWhole.MaskPixels)
		}
	}
}

// TestMaskStrips: the strips of a diagonal hold each pixel within reach
// of it, do not overlap, and are far fewer pixels than its box; a
// horizontal line's strips are one rectangle as tall as its reach.
func TestMaskStrips(t *testing.T) {
	var c Canvas
	inFrame(func() { c.dst = ebiten.NewImage(400, 300) })
	diag := line(false, point{10, 10}, point{390, 290})
	const reach = 3.0
	c.maskStrips(diag, reach, false)
	area := 0
	for i, r := range c.strips {
		area += r.Dx() * r.Dy()
		for _, q := range c.strips[i+1:] {
			if r.Overlaps(q) {
				t.Errorf("strips %v and %v overlap", r, q)
			}
		}
	}
	// Every pixel whose middle is within reach of the line.
	for y := 0; y < 300; y++ {
		for x := 0; x < 400; x++ {
			px, py := float64(x)+0.5, float64(y)+0.5
			// distance to the segment (10,10)–(390,290)
			dx, dy := 380.0, 280.0
			u := max(0, min(1, ((px-10)*dx+(py-10)*dy)/(dx*dx+dy*dy)))
			if math.Hypot(px-10-u*dx, py-10-u*dy) > reach-1 {
				continue
			}
			in := false
			for _, r := range c.strips {
				in = in || image.Pt(x, y).In(r)
			}
			if !in {
				t.Fatalf("pixel (%d, %d) on the line is in no strip", x, y)
			}
		}
	}
	box := diag.bounds(reach)
	if area*4 > box.Dx()*box.Dy() {
		t.Errorf("the strips hold %d pixels, more than a quarter of the box's %d", area, box.Dx()*box.Dy())
	}
	c.maskStrips(line(false, point{20, 100}, point{300, 100}), reach, false)
	if want := image.Rect(17, 97, 303, 103); len(c.strips) != 1 || c.strips[0] != want {
		t.Errorf("a horizontal line's strips %v, want [%v]", c.strips, want)
	}
}
