package app

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// finalScreen copies the frame onto the window's screen (DrawFinalScreen).
type finalScreen struct {
	op     ebiten.DrawImageOptions
	rectOp ebiten.DrawRectShaderOptions
	shader *ebiten.Shader // ebiten's screen filter, for a scale that is not whole
	err    error
}

// DrawFinalScreen implements ebiten.FinalScreenDrawer: it copies the
// frame (offscreen) onto the window's screen, which ebiten has just
// cleared to transparent, as ebiten's own DrawFinalScreen does, with one
// difference: at a whole scale (the app lays out in device pixels, so the
// scale is 1) ebiten blends the frame over the cleared screen
// (source-over), which reads every pixel under it, and this copies it
// (BlendCopy): the same pixels, as the screen under it is transparent,
// without the read. A software GPU (SwiftShader, llvmpipe) does this copy
// over the whole window on every frame the app paints.
func (a *App) DrawFinalScreen(screen ebiten.FinalScreen, offscreen *ebiten.Image, geoM ebiten.GeoM) {
	f := &a.finalScreen
	scale := geoM.Element(0, 0)
	switch {
	case scale == math.Floor(scale):
		f.op.GeoM, f.op.Filter, f.op.Blend = geoM, ebiten.FilterNearest, ebiten.BlendCopy
		screen.DrawImage(offscreen, &f.op)
	case scale < 1 || f.err != nil:
		f.op.GeoM, f.op.Filter, f.op.Blend = geoM, ebiten.FilterLinear, ebiten.Blend{}
		screen.DrawImage(offscreen, &f.op)
	default:
		if f.shader == nil {
			if f.shader, f.err = ebiten.NewShader(screenFilter); f.err != nil {
				a.DrawFinalScreen(screen, offscreen, geoM) // linear, as below 1
				return
			}
		}
		f.rectOp.Images[0], f.rectOp.GeoM = offscreen, geoM
		b := offscreen.Bounds()
		screen.DrawRectShader(b.Dx(), b.Dy(), f.shader, &f.rectOp)
	}
}

// screenFilter is ebiten v2.8.8's filter for a screen scaled up by other
// than a whole factor (its internal builtinshader.ScreenShaderSource, not
// exported): each pixel blends the frame's pixels in a square of 1/scale.
var screenFilter = []byte(`//kage:unit pixels

package main

func Fragment(dstPos vec4, srcPos vec2) vec4 {
	scale := imageDstSize()/imageSrc0Size()
	pos := srcPos
	p0 := pos - 1/2.0/scale
	p1 := pos + 1/2.0/scale
	c0 := imageSrc0UnsafeAt(p0)
	c1 := imageSrc0UnsafeAt(vec2(p1.x, p0.y))
	c2 := imageSrc0UnsafeAt(vec2(p0.x, p1.y))
	c3 := imageSrc0UnsafeAt(p1)
	rate := clamp(fract(p1)*scale, 0, 1)
	return mix(mix(c0, c1, rate.x), mix(c2, c3, rate.x), rate.y)
}
`)
