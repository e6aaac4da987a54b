package vgebiten

import (
	"image"
	"image/color"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestOpaque: a drawing that starts with an opaque fill over the whole
// image, then strokes and translucent fills over it, leaves every pixel
// opaque, and Opaque says so, at factor 1 and 2; a drawing without such a
// fill (nothing, part of the image, a translucent cover) is not known
// opaque, and its pixels show why: the corner is transparent or
// translucent.
func TestOpaque(t *testing.T) {
	translucent := color.NRGBA{0xd5, 0x5e, 0x00, 0x80}
	for _, tc := range []struct {
		name string
		draw func(c *Canvas)
		want bool
	}{
		{"white cover, then a line and a translucent box", func(c *Canvas) {
			c.SetColor(color.White)
			c.Fill(box(0, 0, 150, 75))
			c.SetColor(color.Black)
			c.SetLineWidth(2)
			c.Stroke(vg.Path{{Type: vg.MoveComp, Pos: pt(0, 0)}, {Type: vg.LineComp, Pos: pt(150, 75)}})
			c.SetColor(translucent)
			c.Fill(box(0, 0, 60, 40))
		}, true},
		{"nothing", func(c *Canvas) {}, false},
		{"part of the image", func(c *Canvas) { c.SetColor(color.White); c.Fill(box(10, 10, 150, 75)) }, false},
		{"a translucent cover", func(c *Canvas) { c.SetColor(translucent); c.Fill(box(0, 0, 150, 75)) }, false},
	} {
		for _, factor := range []int{1, 2} {
			img := image.NewRGBA(image.Rect(0, 0, 200, 100))
			var opaque bool
			inFrame(func() {
				var s Supersampled
				s.Draw(200, 100, factor, func(c *Canvas) { c.SetColor(color.Black); c.Fill(box(0, 0, 150, 75)) })
				kept := s.Draw(200, 100, factor, tc.draw)
				opaque = s.Canvas.Opaque()
				kept.ReadPixels(img.Pix)
			})
			if opaque != tc.want {
				t.Errorf("%s, x%d: Opaque = %v, want %v", tc.name, factor, opaque, tc.want)
			}
			all := true
			for i := 3; i < len(img.Pix); i += 4 {
				all = all && img.Pix[i] == 0xff
			}
			if all != tc.want {
				t.Errorf("%s, x%d: every pixel opaque: %v, want %v", tc.name, factor, all, tc.want)
			}
		}
	}
}
