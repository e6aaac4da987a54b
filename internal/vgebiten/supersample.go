package vgebiten

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"
	"gonum.org/v1/plot/vg"
)

// maxSupersampled is the largest side of the 2× offscreen: WebGL 2
// promises textures of 2,048 pixels and every browser of the last years
// gives 4,096 or more.
const maxSupersampled = 4096

// Supersampled keeps a drawing (a chart) in an image of its own, drawn
// anti-aliased once: at twice the pixels each way into an offscreen, then
// halved into the kept image, where a bilinear sample at the middle of
// each 2 × 2 block is their average. The kept image is drawn into the
// frame as often as wanted, with no drawing of the chart again.
type Supersampled struct {
	Canvas Canvas // the canvas Draw draws with; set its Fonts
	hi     *ebiten.Image
	img    *ebiten.Image
	op     ebiten.DrawImageOptions
}

// Draw draws with draw a w×h pixel image of 96 pixels an inch, at factor
// 2 (anti-aliased) or 1 (not), and returns the kept image, valid until
// the next Draw (draw into it only through Clear). A 2× offscreen wider or taller than 4,096 pixels is not
// made: the image is then drawn at factor 1.
func (s *Supersampled) Draw(w, h, factor int, draw func(c *Canvas)) *ebiten.Image {
	if s.img == nil || s.img.Bounds().Dx() != w || s.img.Bounds().Dy() != h {
		if s.img != nil {
			s.img.Deallocate()
		}
		s.img = newTarget(w, h)
	}
	if 2*w > maxSupersampled || 2*h > maxSupersampled {
		factor = 1
	}
	wpt, hpt := vg.Length(w)*vg.Inch/96, vg.Length(h)*vg.Inch/96
	const ppp = 96.0 / 72
	if factor != 2 {
		if s.hi != nil {
			s.hi.Deallocate()
			s.hi = nil
		}
		s.Canvas.Reset(s.img, wpt, hpt, ppp)
		s.Canvas.clearFirst()
		draw(&s.Canvas)
		s.Canvas.finish()
		return s.img
	}
	if s.hi == nil || s.hi.Bounds().Dx() != 2*w || s.hi.Bounds().Dy() != 2*h {
		if s.hi != nil {
			s.hi.Deallocate()
		}
		s.hi = newTarget(2*w, 2*h)
	}
	s.Canvas.Reset(s.hi, wpt, hpt, 2*ppp)
	s.Canvas.clearFirst()
	draw(&s.Canvas)
	s.Canvas.finish()
	s.op.GeoM.Reset()
	s.op.GeoM.Scale(0.5, 0.5)
	s.op.Filter = ebiten.FilterLinear
	s.op.Blend = ebiten.BlendCopy
	s.op.DisableMipmaps = true // exactly half: the bilinear sample is the 2 × 2 average
	s.img.DrawImage(s.hi, &s.op)
	return s.img
}

// Clear clears the kept image. Whoever draws into the kept image between
// Draws does it here, so that the next Draw knows the image no longer
// holds what the last one left (ground.go) and fills its ground whole.
func (s *Supersampled) Clear() {
	if s.img == nil {
		return
	}
	s.img.Clear()
	s.Canvas.forget(s.img)
}

// Image returns the kept image of the last Draw, or nil.
func (s *Supersampled) Image() *ebiten.Image { return s.img }

// newTarget returns a w×h image to draw many paths into, in a texture of
// its own: ebiten keeps small images together in shared textures, and
// drawing into one from another of the same texture makes it move them
// apart first.
func newTarget(w, h int) *ebiten.Image {
	return ebiten.NewImageWithOptions(image.Rect(0, 0, w, h), &ebiten.NewImageOptions{Unmanaged: true})
}
