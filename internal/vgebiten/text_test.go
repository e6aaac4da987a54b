package vgebiten

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// centroid returns the darkness-weighted mean column and row of img.
func centroid(img image.Image) (x, y float64) {
	var sx, sy, s float64
	b := img.Bounds()
	for j := b.Min.Y; j < b.Max.Y; j++ {
		for i := b.Min.X; i < b.Max.X; i++ {
			r, g, bl, _ := img.At(i, j).RGBA()
			d := 1 - float64(r+g+bl)/3/0xffff
			sx, sy, s = sx+d*float64(i), sy+d*float64(j), s+d
		}
	}
	return sx / s, sy / s
}

// draw draws with f on a w×h pixel canvas of the GPU, at factor 1 or 2,
// and reads it back.
func gpuDraw(w, h, factor int, fonts func(font.Font) *text.GoTextFaceSource, f func(c *Canvas)) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	inFrame(func() {
		var s Supersampled
		s.Canvas.Fonts = fonts
		s.Draw(w, h, factor, func(c *Canvas) {
			c.SetColor(color.White)
			wp, hp := c.Size()
			c.Fill(vg.Path{{Type: vg.MoveComp}, {Type: vg.LineComp, Pos: vg.Point{X: wp}}, {Type: vg.LineComp, Pos: vg.Point{X: wp, Y: hp}}, {Type: vg.LineComp, Pos: vg.Point{Y: hp}}, {Type: vg.CloseComp}})
			c.SetColor(color.Black)
			f(c)
		}).ReadPixels(img.Pix)
	})
	return img
}

// pngDraw draws with f on gonum/plot's PNG canvas.
func pngDraw(w, h int, f func(c vg.Canvas)) image.Image {
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(w)*vg.Inch/96, vg.Length(h)*vg.Inch/96), vgimg.UseDPI(96))
	f(c)
	return c.Image()
}

// TestTextWhereThePNGHasIt: a string drawn by the canvas sits where
// gonum/plot's PNG canvas draws it: the centroids of their ink agree to
// half a pixel, at factor 1 and 2, for several sizes (measured: within
// 0.46 pixels; text/v2 laid out alone, as wide as at the next whole
// pixel size, put the end of this 30-character string 5 pixels off).
func TestTextWhereThePNGHasIt(t *testing.T) {
	otf, fonts := goRegular(t)
	for _, size := range []vg.Length{7.5, 10, 13.7} {
		face := font.Face{Font: font.Font{Size: size}, Face: otf}
		s := "Stability -> Decline  5.4% - 6.6%"
		pt := vg.Point{X: 10.3, Y: 12.6}
		want := pngDraw(300, 40, func(c vg.Canvas) { c.FillString(face, pt, s) })
		wx, wy := centroid(want)
		for _, factor := range []int{1, 2} {
			got := gpuDraw(300, 40, factor, fonts, func(c *Canvas) { c.FillString(face, pt, s) })
			gx, gy := centroid(got)
			if math.Abs(gx-wx) > 0.5 || math.Abs(gy-wy) > 0.5 {
				t.Errorf("%vpt at factor %d: ink centred at (%.2f, %.2f), the PNG's at (%.2f, %.2f)", size, factor, gx, gy, wx, wy)
			}
		}
	}
}
