package app

import (
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/ui"
)

// TestBandsFramePaintsTheChartsRows: the frame that shows the first
// bands of 200 trials (four-stage, 1280×800) lays out once and draws one
// chart; the trials' row it brings moves the tabs and the chart down, so
// it repaints what lies right of the control panel from the row down, and
// the trials button in the top bar: not the panel, not the whole window.
// It paints fewer pixels than the window has (it repainted all of it:
// 2.34 million pixels, the window's white, the chart's copy and every
// widget, 2.3 times the window).
func TestBandsFramePaintsTheChartsRows(t *testing.T) {
	a, screen := newApp(t, 1280, 800)
	r := a.widgets["button:trials"]
	at := r.Min.Add(r.Size().Div(2))
	a.read = func(s *sample) { *s = sample{x: at.X, y: at.Y, scale: 1, focused: true} } // the mouse stays on the button
	inFrame(func(*ebiten.Image) {
		a.frame(ui.Input{Mouse: at, Pressed: true, Down: true})
		a.Draw(screen)
	})
	inFrame(func(*ebiten.Image) {
		a.frame(ui.Input{Mouse: at, Released: true})
		a.Draw(screen)
	})
	if a.trials != 200 || a.trialsRowOn() {
		t.Fatalf("%d trials, row on %v after the click; want 200 and no row until the bands", a.trials, a.trialsRowOn())
	}
	for deadline := time.Now().Add(20 * time.Second); len(a.mcDone) == 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	rect, charts, layouts := a.chartRect, a.stats.Charts, a.stats.Layouts
	inFrame(func(*ebiten.Image) {
		a.Update() // takes the bands
		a.Draw(screen)
	})
	if a.currentBands() == nil || a.chartKey.bands == nil || !a.trialsRowOn() {
		t.Fatal("the frame after the trials ended does not show their bands and row")
	}
	if a.chartRect.Min.Y <= rect.Min.Y {
		t.Errorf("the row did not move the chart down: %v, was %v", a.chartRect, rect)
	}
	if c, l := a.stats.Charts-charts, a.stats.Layouts-layouts; c != 1 || l != 1 {
		t.Errorf("the bands frame drew %d charts and laid out %d times, want 1 and 1", c, l)
	}
	s := a.screenShown
	if s.all {
		t.Fatalf("the bands frame painted the whole window (%d pixels)", a.stats.LastPaintPixels)
	}
	panel := a.metrics().panel
	bar := a.widgets["button:trials"].Max.Y
	for _, q := range s.areas {
		if q.Min.X < panel && q.Min.Y > bar {
			t.Errorf("the bands frame painted %v, in the control panel (right edge %d)", q, panel)
		}
	}
	if px := a.stats.LastPaintPixels; px >= a.w*a.h {
		t.Errorf("the bands frame painted %d pixels (%s), as many as the window's %d", px, areasText(a), a.w*a.h)
	}
	t.Logf("bands frame: %d pixels in %s", a.stats.LastPaintPixels, areasText(a))
}
