package vgebiten

import (
	"image"
	"image/draw"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"gonum.org/v1/plot/vg"
)

// DrawImage draws img scaled to fill rect, as a texture sampled
// bilinearly, its edge pixels repeated beyond it, as gonum/plot's PNG
// canvas draws it: a 50 × 50 heat map is one upload of 2,500 pixels, not
// 2,500 rectangles. The texture lives until the next Reset.
func (c *Canvas) DrawImage(rect vg.Rectangle, img image.Image) {
	b := img.Bounds()
	if c.dst == nil || b.Empty() {
		return
	}
	// A border of the edge pixels, so that sampling between the edge and
	// beyond it reads the edge, not transparency.
	w, h := b.Dx(), b.Dy()
	framed := image.NewRGBA(image.Rect(0, 0, w+2, h+2))
	draw.Draw(framed, image.Rect(1, 1, w+1, h+1), img, b.Min, draw.Src)
	for y := 1; y <= h; y++ {
		copy(framed.Pix[framed.PixOffset(0, y):framed.PixOffset(1, y)], framed.Pix[framed.PixOffset(1, y):framed.PixOffset(2, y)])
		copy(framed.Pix[framed.PixOffset(w+1, y):framed.PixOffset(w+2, y)], framed.Pix[framed.PixOffset(w, y):framed.PixOffset(w+1, y)])
	}
	copy(framed.Pix[framed.PixOffset(0, 0):framed.PixOffset(0, 1)], framed.Pix[framed.PixOffset(0, 1):framed.PixOffset(0, 2)])
	copy(framed.Pix[framed.PixOffset(0, h+1):framed.PixOffset(0, h+2)], framed.Pix[framed.PixOffset(0, h):framed.PixOffset(0, h+1)])
	// In a texture of its own (as newTarget): where it lay in one shared
	// with other images changed its bilinear samples by 1 of 255, so the
	// same chart drawn after another came out a little different.
	t := ebiten.NewImageFromImageWithOptions(framed, &ebiten.NewImageFromImageOptions{Unmanaged: true})
	c.textures = append(c.textures, t)
	size := rect.Size()
	var op ebiten.DrawImageOptions
	// The image's top row goes to the rectangle's top, y up.
	op.GeoM.Scale(float64(size.X)/float64(w), -float64(size.Y)/float64(h))
	op.GeoM.Translate(float64(rect.Min.X), float64(rect.Max.Y))
	op.GeoM.Concat(c.st.m)
	op.Filter = ebiten.FilterLinear
	c.paint(geoBounds(&op.GeoM, float64(w), float64(h)))
	c.Flush()
	c.dst.DrawImage(t.SubImage(image.Rect(1, 1, w+1, h+1)).(*ebiten.Image), &op)
}

// geoBounds returns the pixels a w×h image drawn through m covers, with a
// pixel of margin.
func geoBounds(m *ebiten.GeoM, w, h float64) image.Rectangle {
	x0, y0 := m.Apply(0, 0)
	x1, y1 := x0, y0
	for _, p := range [3][2]float64{{w, 0}, {0, h}, {w, h}} {
		x, y := m.Apply(p[0], p[1])
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	return image.Rect(int(math.Floor(x0))-1, int(math.Floor(y0))-1, int(math.Ceil(x1))+1, int(math.Ceil(y1))+1)
}
