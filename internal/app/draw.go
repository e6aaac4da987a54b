package app

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"clvlab/internal/ui"
)

// Draw implements ebiten.Game. It paints only when Update prepared a new
// frame; otherwise the screen keeps what it shows (the app turns off
// clearing the screen every frame).
func (a *App) Draw(screen *ebiten.Image) {
	if !a.dirty {
		return
	}
	a.dirty = false
	a.stats.Frames++
	a.platform.publish()
	screen.Fill(white)
	if a.chartImg != nil {
		a.chartOp.GeoM.Reset()
		a.chartOp.GeoM.Translate(float64(a.chartRect.Min.X), float64(a.chartRect.Min.Y))
		screen.DrawImage(a.chartImg, &a.chartOp)
	}
	dst := screen
	for _, op := range a.ui.Ops() {
		r := op.R
		switch op.Kind {
		case ui.OpClip:
			dst = a.clip(screen, r)
		case ui.OpFill:
			vector.DrawFilledRect(dst, float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy()), op.Color, false)
		case ui.OpStroke:
			vector.StrokeRect(dst, float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy()), op.Width, op.Color, false)
		case ui.OpLine:
			vector.StrokeLine(dst, float32(r.Min.X), float32(r.Min.Y), float32(r.Max.X), float32(r.Max.Y), op.Width, op.Color, true)
		case ui.OpCircle:
			vector.DrawFilledCircle(dst, float32(r.Min.X+r.Dx()/2), float32(r.Min.Y+r.Dy()/2), float32(r.Dx())/2, op.Color, true)
		case ui.OpText:
			a.drawText(dst, op)
		}
	}
	if a.shot != "" && a.chartImg != nil {
		a.screenshot(screen)
	}
}

// drawText draws one text op, vertically centred in its rectangle.
func (a *App) drawText(dst *ebiten.Image, op ui.Op) {
	face := a.face(op.Size)
	a.textOp.GeoM.Reset()
	a.textOp.ColorScale.Reset()
	a.textOp.ColorScale.ScaleWithColor(op.Color)
	x := float64(op.R.Min.X)
	switch op.Align {
	case ui.Center:
		x = float64(op.R.Min.X+op.R.Max.X) / 2
		a.textOp.PrimaryAlign = text.AlignCenter
	case ui.Right:
		x = float64(op.R.Max.X)
		a.textOp.PrimaryAlign = text.AlignEnd
	default:
		a.textOp.PrimaryAlign = text.AlignStart
	}
	a.textOp.SecondaryAlign = text.AlignCenter
	a.textOp.GeoM.Translate(x, float64(op.R.Min.Y+op.R.Max.Y)/2)
	text.Draw(dst, op.Text, face, &a.textOp)
}

// clip returns the part r of screen to draw into, reusing the sub-image of
// the same rectangle between frames (a new one allocates).
func (a *App) clip(screen *ebiten.Image, r image.Rectangle) *ebiten.Image {
	if r.Empty() {
		return screen
	}
	if a.clipScreen != screen {
		clear(a.clips)
		a.clipScreen = screen
	}
	img := a.clips[r]
	if img == nil {
		img = screen.SubImage(r).(*ebiten.Image)
		a.clips[r] = img
	}
	return img
}
