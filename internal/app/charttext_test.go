package app

import (
	"image"
	"math"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/internal/ui"
)

// minRecorder is a textRecorder that also keeps the smallest text size
// the chart draws, in pixels at 96 px an inch.
type minRecorder struct {
	textRecorder
	min float64
}

func (r *minRecorder) FillString(f font.Face, p vg.Point, s string) {
	r.textRecorder.FillString(f, p, s)
	r.min = math.Min(r.min, f.Font.Size.Points()*96/72)
}

// smallestChartText draws a's chart into a recorder and returns its
// smallest text in pixels.
func smallestChartText(t *testing.T, a *App) float64 {
	t.Helper()
	frame(a, ui.Input{Mouse: image.Pt(-1, -1)})
	if a.chartFig == nil {
		t.Fatal("no chart drawn")
	}
	rec := &minRecorder{min: math.Inf(1)}
	rec.w, rec.h = a.chartFig.Size().Points()
	a.chartFig.Draw(draw.New(rec))
	return rec.min
}

// TestChartTextKeepsScreenScale: the formula panel narrows the chart,
// and the chart's text used to shrink with its area, to 7.8 px at
// 1280×800 (unreadable). The chart's text now keeps the screen's scale:
// at 1280×800 that scale is 1 (min(1280/1280, 800/760)), where the
// chart's smallest text, its 9 pt tick labels, is 9·96/72 = 12 px.
func TestChartTextKeepsScreenScale(t *testing.T) {
	const want = 9.0 * 96 / 72
	for _, lang := range []string{"en", "zh"} {
		a := openLink(t, "s=four-stage&tab=2&lang="+lang, 1280, 800)
		a.teach.formulas, a.stale = true, true
		if got := smallestChartText(t, a); got < want-1e-9 {
			t.Errorf("%s: with the formula panel the chart's smallest text is %.1f px, want at least %.1f px", lang, got, want)
		}
	}
}
