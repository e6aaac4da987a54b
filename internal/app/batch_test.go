package app

import (
	"bytes"
	"fmt"
	"image"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/internal/vgebiten"
)

// TestChartsSameBatched: every chart the planner shows (each tab, the
// optimum on a scenario with response curves, the customers chart with
// the bands of 200 trials), in English and Chinese, at the chart size of
// a 1280×800 window, at ×1 (software WebGL) and ×2, comes out byte for
// byte the same whether the canvas draws each path with a call of its own,
// a translucent path's mask over its whole box and every path's colour
// through ebiten's shader, times a white texel (as it did before), or
// paths sharing calls, the mask in strips and the colour read from no
// texture (vgebiten's solidShader); and each chart takes fewer
// drawing calls. The calls and mask pixels are logged (docs/benchmarks.md).
func TestChartsSameBatched(t *testing.T) {
	drawBothWays(t, func(i int, c *vgebiten.Canvas) {
		c.EachPath, c.WholeMask, c.Textured = i == 0, i == 0, i == 0
	}, func(name string, old, now *image.RGBA, nOld, nNow vgebiten.Counts) {
		if d := differBytes(old, now); d > 0 {
			t.Errorf("%s: %d bytes differ between the canvas as it was and as it is", name, d)
		}
		t.Logf("%s: drawing calls of paths %d → %d, mask pixels %d → %d", name, nOld.Triangles, nNow.Triangles, nOld.MaskPixels, nNow.MaskPixels)
		if nNow.Triangles > nOld.Triangles || nOld.Triangles > 1 && nNow.Triangles == nOld.Triangles {
			t.Errorf("%s: %d drawing calls of paths, not fewer than a call per path (%d)", name, nNow.Triangles, nOld.Triangles)
		}
		if nNow.MaskPixels > nOld.MaskPixels {
			t.Errorf("%s: %d pixels of the mask, more than over the paths' whole boxes (%d)", name, nNow.MaskPixels, nOld.MaskPixels)
		}
	})
}

// differBytes counts the bytes that differ between a and b.
func differBytes(a, b *image.RGBA) int {
	if bytes.Equal(a.Pix, b.Pix) {
		return 0
	}
	n := 0
	for i := range a.Pix {
		if a.Pix[i] != b.Pix[i] {
			n++
		}
	}
	return n
}

// BenchmarkChartDraw measures, per chart of TestChartsSameBatched at the
// size it has in a 1280×800 window, the Go time of drawing the figure onto
// the canvas (gonum/plot's layout and the canvas's drawing calls: what the
// browser reports as the change's "draw calls"), by the canvas as it was
// (a call per path, the mask over each translucent outline's whole box,
// a call per glyph, a white texel read for each path's pixel: "as-was")
// and as it is ("now"); the figure is built and the GPU waited
// for outside the timer (the wait is reported as gpu-ns/op).
func BenchmarkChartDraw(b *testing.B) {
	charts := plannerCharts(b)
	a := charts[0].app
	size := chart1280
	var gpu gpuWait
	var ss [2]vgebiten.Supersampled
	for i := range ss {
		ss[i].Canvas.Fonts = func(font.Font) *text.GoTextFaceSource { return a.font }
		ss[i].Canvas.EachPath, ss[i].Canvas.WholeMask, ss[i].Canvas.EachGlyph, ss[i].Canvas.Textured = i == 0, i == 0, i == 0, i == 0
	}
	for _, c := range charts {
		app, tab, name := c.app, c.tab, c.name
		for _, factor := range []int{1, 2} {
			for i, mode := range []string{"as-was", "now"} {
				b.Run(fmt.Sprintf("%s/x%d/%s", name, factor, mode), func(b *testing.B) {
					b.ReportAllocs()
					var waited time.Duration
					inFrame(func(*ebiten.Image) {
						for b.Loop() {
							b.StopTimer()
							fig, err := app.tabFigure(tab, size)
							if err != nil {
								b.Fatal(err)
							}
							b.StartTimer()
							img := ss[i].Draw(size.W, size.H, factor, func(c *vgebiten.Canvas) { fig.Draw(draw.New(c)) })
							b.StopTimer()
							t0 := time.Now()
							gpu.wait(img)
							waited += time.Since(t0)
							b.StartTimer()
						}
					})
					b.ReportMetric(float64(waited.Nanoseconds())/float64(b.N), "gpu-ns/op")
				})
			}
		}
	}
}
