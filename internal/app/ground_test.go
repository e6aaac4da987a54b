package app

import (
	"fmt"
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"gonum.org/v1/plot/font"

	"clvlab/internal/chart"
	"clvlab/internal/vgebiten"
)

// TestGroundAfterAnotherChart: a chart drawn into the image of the chart
// before (the canvas filling its white ground only in the tiles the one
// before drew into) is byte for byte the chart drawn into a fresh image,
// for every ordered pair of the planner's charts (each tab, the optimum,
// the customers chart with the bands of 200 trials; each after itself
// too) and for each chart after a value change (a slider step; the bands
// run again), at ×1 and ×2, at the chart size of a 1280×800 window (the
// value change at 1920×1080's too). The ground pixels a slider step
// paints are logged (docs/benchmarks.md), against the whole image's a
// fill of it paints.
func TestGroundAfterAnotherChart(t *testing.T) {
	charts := plannerCharts(t)
	fonts := func(font.Font) *text.GoTextFaceSource { return charts[0].app.font }
	fresh := func(fig *chart.Figure, factor int) *image.RGBA {
		var s vgebiten.Supersampled
		s.Canvas.Fonts = fonts
		img, _ := drawChart(&s, fig, factor)
		inFrame(func(*ebiten.Image) { s.Image().Deallocate() })
		return img
	}
	figs := make([]*chart.Figure, len(charts))
	for i, c := range charts {
		fig, err := c.app.tabFigure(c.tab, chart1280)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		figs[i] = fig
	}
	for _, factor := range []int{1, 2} {
		want := make([]*image.RGBA, len(charts))
		for i, fig := range figs {
			want[i] = fresh(fig, factor)
		}
		var s vgebiten.Supersampled
		s.Canvas.Fonts = fonts
		for i := range charts {
			for j, c := range charts {
				drawChart(&s, figs[i], factor)
				img, _ := drawChart(&s, figs[j], factor)
				name := fmt.Sprintf("x%d: %s after %s", factor, c.name, charts[i].name)
				if d := differBytes(img, want[j]); d > 0 {
					t.Errorf("%s: %d bytes differ from the chart drawn into a fresh image", name, d)
				}
			}
		}
		inFrame(func(*ebiten.Image) { s.Image().Deallocate() })
	}
	// A slider step: each chart again after a value change, at the chart
	// sizes of a 1280×800 and a 1920×1080 window.
	big, _ := newApp(t, 1920, 1080)
	for _, size := range []chart.Size{chart1280, {W: big.chartRect.Dx(), H: big.chartRect.Dy()}} {
		for _, factor := range []int{1, 2} {
			var s vgebiten.Supersampled
			s.Canvas.Fonts = fonts
			whole := factor * factor * size.W * size.H
			for _, c := range charts {
				fig0, err := c.app.tabFigure(c.tab, size)
				if err != nil {
					t.Fatal(err)
				}
				path, v0 := sliderParam(t, c.app)
				if err := c.app.p.Set(path, 0.97*v0); err != nil {
					t.Fatal(err)
				}
				if c.app.trials > 0 {
					setBands(t, c.app)
				}
				fig1, err := c.app.tabFigure(c.tab, size)
				if err != nil {
					t.Fatal(err)
				}
				drawChart(&s, fig0, factor)
				img, n := drawChart(&s, fig1, factor)
				name := fmt.Sprintf("%d×%d x%d: %s after a value change", size.W, size.H, factor, c.name)
				if d := differBytes(img, fresh(fig1, factor)); d > 0 {
					t.Errorf("%s: %d bytes differ from the chart drawn into a fresh image", name, d)
				}
				t.Logf("%s: ground pixels %d → %d (%.0f%%)", name, whole, n.GroundPixels, 100*float64(n.GroundPixels)/float64(whole))
				if n.GroundPixels >= whole {
					t.Errorf("%s: %d ground pixels, not fewer than the whole image's %d", name, n.GroundPixels, whole)
				}
				if err := c.app.p.Set(path, v0); err != nil {
					t.Fatal(err)
				}
				if c.app.trials > 0 {
					setBands(t, c.app)
				}
			}
			inFrame(func(*ebiten.Image) { s.Image().Deallocate() })
		}
	}
}

// sliderParam returns the parameter a slider step changes in a's
// scenario, and its value.
func sliderParam(tb testing.TB, a *App) (string, float64) {
	for _, path := range []string{"stage.stability.to.stability", "acquisition.cost_per_customer"} {
		if _, ok := a.p.Control(path); ok {
			return path, a.p.Value(path)
		}
	}
	tb.Fatal("no parameter to change")
	return "", 0
}
