package app

import (
	"image"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/ui"
)

// TestMarketShareHoverWithBands: on brand-switching with 200 trials run,
// the crosshair's box gives our market share with its 5–95% band
// (chart.Values), and a mouse moving over the chart from period to period
// still allocates nothing (as TestHoverFrameAllocations on four-stage
// without trials): the box's lines are read once per chart and period.
func TestMarketShareHoverWithBands(t *testing.T) {
	a, err := New("brand-switching", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	a.w, a.h = 1280, 800
	a.trials = 200
	var screen *ebiten.Image
	inFrame(func(*ebiten.Image) {
		screen = ebiten.NewImage(a.w, a.h)
		a.frame(ui.Input{})
		a.Draw(screen)
	})
	deadline := time.Now().Add(20 * time.Second)
	for a.currentBands() == nil && time.Now().Before(deadline) {
		inFrame(func(*ebiten.Image) {
			a.Update()
			a.Draw(screen)
		})
	}
	if b := a.currentBands(); b == nil || b.MarketShare == nil {
		t.Fatalf("no share bands after waiting: %v", b)
	}
	// A sweep over the customers plot, above the market-share plot, from
	// 25% to 60% of the chart's width: within the plots (their axes take
	// more room on the left than four-stage's, the legends the right).
	r := a.chartRect
	var at []image.Point
	for k := range 12 {
		at = append(at, image.Pt(r.Min.X+r.Dx()*(25+35*k/11)/100, r.Min.Y+r.Dy()/3))
	}
	for k := 10; k > 0; k-- {
		at = append(at, at[k])
	}
	i := 0
	hover := func() {
		a.frame(ui.Input{Mouse: at[i%len(at)]})
		i++
	}
	for range 2 * len(at) { // the first sweeps read each period's values, and fill the text caches
		inFrame(func(*ebiten.Image) {
			hover()
			a.Draw(screen)
		})
	}
	if n := len(a.hoverLines); n == 0 || !strings.HasPrefix(a.hoverLines[n-1], "our share: ") || !strings.Contains(a.hoverLines[n-1], " (5-95% of trials: ") {
		t.Errorf("hover box %q: want our share with its band last", a.hoverLines)
	}
	count := a.moves.count
	var allocs float64
	inFrame(func(*ebiten.Image) {
		allocs = testing.AllocsPerRun(len(at), hover)
	})
	if allocs != 0 {
		t.Errorf("a hover frame with bands allocates %v times", allocs)
	}
	if a.moves.count != count+len(at)+1 {
		t.Errorf("%d of %d hover frames were laid out in full", len(at)+1-(a.moves.count-count), len(at)+1)
	}
}
