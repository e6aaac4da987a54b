package app

import (
	"fmt"
	"image"
	"testing"

	"clvlab/internal/chart"
	"clvlab/internal/projection"
	"clvlab/internal/vgebiten"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg/draw"
)

// plannerChart is a chart of the planner's: a tab of an app.
type plannerChart struct {
	name string
	app  *App
	tab  int
}

// plannerCharts returns every tab's chart (the optimum on a scenario with
// response curves) and the customers chart with the bands of 200 trials.
func plannerCharts(tb testing.TB) []plannerChart {
	a, err := New("", nil, "")
	if err != nil {
		tb.Fatal(err)
	}
	spend, err := New("retention-spend", nil, "")
	if err != nil {
		tb.Fatal(err)
	}
	spend.optimize()
	if spend.what.optimum == nil {
		tb.Fatalf("no optimum to draw: %s", spend.noticeText())
	}
	banded, err := New("", nil, "")
	if err != nil {
		tb.Fatal(err)
	}
	banded.trials = 200
	setBands(tb, banded)
	var cs []plannerChart
	for tab := range numTabs {
		app := a
		if tab == tabOptimum {
			app = spend
		}
		cs = append(cs, plannerChart{fmt.Sprintf("tab%d", tab), app, tab})
	}
	return append(cs, plannerChart{"tab0-200-trials", banded, 0})
}

// setBands runs a's 200 trials at its values and shows their bands (and
// their row), as when a run of them ends.
func setBands(tb testing.TB, a *App) {
	s, mc := a.p.MonteCarlo(200)
	u, err := projection.Trials(s, mc)
	if err != nil || u == nil {
		tb.Fatalf("trials: %v, %v", u, err)
	}
	a.bands, a.bandsKey, a.rowOn = u.Bands, a.mcKey(), true // as pollMonteCarlo takes a finished run
	if a.shownBands() == nil {
		tb.Fatal("the bands are not shown")
	}
}

// chart1280 is the size of the chart in a 1280×800 window.
var chart1280 = chart.Size{W: 869, H: 567}

// drawChart draws fig onto s at factor in a frame and returns the image
// and the canvas's counts of that drawing.
func drawChart(s *vgebiten.Supersampled, fig *chart.Figure, factor int) (*image.RGBA, vgebiten.Counts) {
	size := fig.Size()
	img := image.NewRGBA(image.Rect(0, 0, size.W, size.H))
	var n vgebiten.Counts
	inFrame(func(*ebiten.Image) {
		s.Draw(size.W, size.H, factor, func(c *vgebiten.Canvas) { fig.Draw(draw.New(c)) }).ReadPixels(img.Pix)
		n = s.Canvas.Counts()
	})
	return img, n
}

// drawBothWays draws every planner chart (plannerCharts), in English and
// Chinese, at chart1280, at ×1 and ×2, on two canvases that set tells
// apart by their switches (0: the canvas as it was, 1: as it is), and
// hands check each chart's name ("tab3-zh-x2"), both images and both
// drawings' counts.
func drawBothWays(t *testing.T, set func(i int, c *vgebiten.Canvas), check func(name string, old, now *image.RGBA, nOld, nNow vgebiten.Counts)) {
	charts := plannerCharts(t)
	var canvases [2]vgebiten.Supersampled
	for i := range canvases {
		canvases[i].Canvas.Fonts = func(font.Font) *text.GoTextFaceSource { return charts[0].app.font }
		set(i, &canvases[i].Canvas)
	}
	for _, lang := range []string{"en", "zh"} {
		for _, c := range charts {
			c.app.lang = lang
			fig, err := c.app.tabFigure(c.tab, chart1280)
			if err != nil {
				t.Fatalf("%s %s: %v", c.name, lang, err)
			}
			for _, factor := range []int{1, 2} {
				old, nOld := drawChart(&canvases[0], fig, factor)
				now, nNow := drawChart(&canvases[1], fig, factor)
				check(fmt.Sprintf("%s-%s-x%d", c.name, lang, factor), old, now, nOld, nNow)
			}
		}
	}
}
