package vgebiten

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// box returns the closed upright rectangle from (x0, y0) to (x1, y1).
func box(x0, y0, x1, y1 float64) vg.Path {
	return vg.Path{{Type: vg.MoveComp, Pos: pt(x0, y0)}, {Type: vg.LineComp, Pos: pt(x1, y0)},
		{Type: vg.LineComp, Pos: pt(x1, y1)}, {Type: vg.LineComp, Pos: pt(x0, y1)}, {Type: vg.CloseComp}}
}

// TestGroundChangesNoPixel: a chart's way of drawing (a white background
// over the whole canvas, then plots that fill their own white backgrounds
// beside and over what was drawn) comes out byte for byte the same
// whether the canvas leaves out what the ground makes needless (the
// clear, the white fills over untouched white) or draws it all, at
// factor 1 and 2; and it does leave out the one fill that lies on
// untouched white, not the ones over a bar, a line or text.
func TestGroundChangesNoPixel(t *testing.T) {
	otf, fonts := goRegular(t)
	face := font.Face{Font: font.Font{Size: 11}, Face: otf}
	blue := color.RGBA{0x00, 0x72, 0xb2, 0xff}
	chart := func(c *Canvas) {
		w, h := c.Size()
		c.SetColor(color.White)
		c.Fill(box(0, 0, float64(w), float64(h)))
		c.SetColor(blue)
		c.Fill(box(10, 10, 80, 60))
		c.SetColor(color.Black)
		c.FillString(face, pt(20, 100), "Text under a white box")
		c.SetLineWidth(2)
		c.Stroke(vg.Path{{Type: vg.MoveComp, Pos: pt(150, 10)}, {Type: vg.LineComp, Pos: pt(200, 140)}})
		c.SetColor(color.White)
		c.Fill(box(60, 40, 120, 90))   // over the bar: drawn
		c.Fill(box(40, 95, 90, 110))   // over the text: drawn
		c.Fill(box(160, 60, 220, 80))  // over the line: drawn
		c.Fill(box(230, 20, 300, 140)) // on untouched white: left out
		c.SetColor(color.NRGBA{0xd5, 0x5e, 0x00, 0x80})
		c.Fill(box(250, 30, 280, 60)) // translucent, over the white box left out
	}
	for _, factor := range []int{1, 2} {
		var lean, all *image.RGBA
		var left int
		var cleared bool
		for _, every := range []bool{false, true} {
			img := image.NewRGBA(image.Rect(0, 0, 320, 160))
			inFrame(func() {
				var s Supersampled
				s.Canvas.Fonts = fonts
				s.Canvas.ground.all = every
				// Something drawn before, as a chart that changes: what
				// the next draw does not cover must not show.
				s.Draw(320, 160, factor, func(c *Canvas) {
					c.SetColor(color.Black)
					c.Fill(box(0, 0, 240, 120))
				})
				s.Draw(320, 160, factor, func(c *Canvas) {
					chart(c)
					if !every {
						left, cleared = c.ground.left, !c.ground.known || c.ground.colour == [4]uint32{}
					}
				}).ReadPixels(img.Pix)
			})
			if every {
				all = img
			} else {
				lean = img
			}
		}
		keep("ground-lean", lean)
		keep("ground-all", all)
		if ink := inked(lean); ink < 0.05 {
			t.Fatalf("x%d: only %.1f%% drawn", factor, 100*ink)
		}
		if !bytes.Equal(lean.Pix, all.Pix) {
			n := 0
			for i := range lean.Pix {
				if lean.Pix[i] != all.Pix[i] {
					n++
				}
			}
			t.Errorf("x%d: %d bytes differ between the canvas that leaves fills out and the one that draws them all", factor, n)
		}
		if left != 1 {
			t.Errorf("x%d: %d fills left out, want 1 (the one on untouched white)", factor, left)
		}
		if cleared {
			t.Errorf("x%d: the image was cleared though the first fill covered it", factor)
		}
	}
}

// TestGroundClearsWhatIsNotCovered: a drawing that does not start with a
// fill of the whole image (or draws nothing) finds the image cleared.
func TestGroundClearsWhatIsNotCovered(t *testing.T) {
	for _, draw := range []func(c *Canvas){
		func(c *Canvas) {},
		func(c *Canvas) { c.SetColor(color.White); c.Fill(box(0, 0, 100, 50)) }, // part of it
	} {
		img := image.NewRGBA(image.Rect(0, 0, 200, 100))
		inFrame(func() {
			var s Supersampled
			s.Draw(200, 100, 1, func(c *Canvas) { c.SetColor(color.Black); c.Fill(box(0, 0, 150, 75)) })
			s.Draw(200, 100, 1, draw).ReadPixels(img.Pix)
		})
		// (150, 50) is outside the white box of points 0–100 × 0–50
		// (133 × 67 pixels) and inside the black one drawn before.
		if p := img.RGBAAt(150, 50); p != (color.RGBA{}) {
			t.Errorf("pixel (150, 50) is %v after a draw that does not cover it, want transparent", p)
		}
	}
}

// TestCoversImage: only an upright rectangle over the middle of every
// pixel covers the image.
func TestCoversImage(t *testing.T) {
	b := image.Rect(0, 0, 100, 50)
	for _, tc := range []struct {
		name string
		pts  []point
		want bool
	}{
		{"the image's rectangle", []point{{0, 0}, {100, 0}, {100, 50}, {0, 50}}, true},
		{"closed by its first point again", []point{{0, 50}, {0, 0}, {100, 0}, {100, 50}, {0, 50}}, true},
		{"a hair short of the edge (float32 points)", []point{{0, 0}, {99.9999, 0}, {99.9999, 50}, {0, 50}}, true},
		{"a pixel short", []point{{0, 0}, {99, 0}, {99, 50}, {0, 50}}, false},
		{"larger than the image", []point{{-5, -5}, {105, -5}, {105, 55}, {-5, 55}}, true},
		{"a bow tie", []point{{0, 0}, {100, 50}, {100, 0}, {0, 50}}, false},
		{"out and back", []point{{0, 0}, {100, 0}, {100, 50}, {100, 0}}, false},
		{"a slanted side", []point{{0, 0}, {100, 0}, {110, 50}, {0, 50}}, false},
		{"a triangle", []point{{0, 0}, {200, 0}, {0, 100}}, false},
	} {
		if got := coversImage(tc.pts, b); got != tc.want {
			t.Errorf("%s: coversImage = %v, want %v", tc.name, got, tc.want)
		}
	}
}
