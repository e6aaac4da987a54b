package app

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"
)

// gpuWait waits for the GPU to finish drawing an image, to time its work
// (window.clvlabSync, the benchmarks).
type gpuWait struct {
	probe *ebiten.Image
	pixel [4]byte
	op    ebiten.DrawImageOptions
}

// wait returns when the GPU has drawn img: it copies img's first pixel
// into a 1×1 image of its own and reads that back, which waits for every
// drawing queued before it. Reading a pixel of img itself would read all
// of img: ebiten reads a whole image back and keeps it to answer for any
// of its pixels (2 MB at 1280×800, 4 MB at 1920×1080, copied out of the
// GPU and allocated each time), which the measure then counted as the
// chart's work.
func (g *gpuWait) wait(img *ebiten.Image) {
	if g.probe == nil {
		g.probe = ebiten.NewImageWithOptions(image.Rect(0, 0, 1, 1), &ebiten.NewImageOptions{Unmanaged: true})
		g.op.Blend = ebiten.BlendCopy
	}
	min := img.Bounds().Min
	g.probe.DrawImage(img.SubImage(image.Rectangle{Min: min, Max: min.Add(image.Pt(1, 1))}).(*ebiten.Image), &g.op)
	g.probe.ReadPixels(g.pixel[:])
}
