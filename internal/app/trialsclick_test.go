package app

import (
	"image"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/ui"
)

// TestTrialsClickKeepsChart: a click on the trials button neither moves
// nor redraws the chart: turned on, the button says the trials run and
// the trials' row (which moves the chart down) comes with the first
// bands; from 200 to 1,000 the chart and the row keep the 200 trials'
// bands until the 1,000's come; off and on again, no old bands come back
// before the new ones. The click's frame paints the top bar only.
func TestTrialsClickKeepsChart(t *testing.T) {
	a, screen := newApp(t, 1280, 800)
	click := func() {
		r := a.widgets["button:trials"]
		at := image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
		inFrame(func(*ebiten.Image) {
			a.frame(ui.Input{Mouse: at, Pressed: true, Down: true})
			a.Draw(screen)
		})
		inFrame(func(*ebiten.Image) {
			a.frame(ui.Input{Mouse: at, Released: true})
			a.Draw(screen)
		})
	}
	wait := func(n int) {
		deadline := time.Now().Add(20 * time.Second)
		for (a.currentBands() == nil || a.currentBands().Trials != n) && time.Now().Before(deadline) {
			inFrame(func(*ebiten.Image) {
				a.Update()
				a.Draw(screen)
			})
		}
		if b := a.currentBands(); b == nil || b.Trials != n {
			t.Fatalf("no bands of %d trials after waiting", n)
		}
		inFrame(func(*ebiten.Image) { a.Draw(screen) })
	}
	key, rect := a.chartKey, a.chartRect
	click()
	if a.trials != 200 {
		t.Fatalf("trials %d after a click, want 200", a.trials)
	}
	if a.chartKey != key || a.chartRect != rect {
		t.Errorf("the click on trials moved or redrew the chart: %v → %v", rect, a.chartRect)
	}
	if !a.drew(a.t("trials") + " 200…") {
		t.Errorf("the button does not say the trials run: %q", a.trialsLabel())
	}
	if s := a.screenShown; s.all || len(s.areas) != 1 || s.areas[0].Max.Y > a.widgets["button:trials"].Max.Y+32 {
		t.Errorf("the click's frame painted %s, want the top bar", areasText(a))
	}
	wait(200)
	if a.chartRect.Min.Y <= rect.Min.Y || a.chartKey.bands == nil {
		t.Errorf("with the bands the row did not come (chart at %v, was %v) or the chart has no bands", a.chartRect, rect)
	}
	key, rect = a.chartKey, a.chartRect
	b200 := a.currentBands()
	click()
	if a.trials != 1000 {
		t.Fatalf("trials %d after a second click, want 1000", a.trials)
	}
	if a.chartKey != key || a.chartRect != rect || a.shownBands() != b200 {
		t.Errorf("the click to 1,000 trials redrew the chart or dropped the 200 trials' bands")
	}
	if a.currentBands() != nil {
		t.Error("the 200 trials' bands count as the 1,000's")
	}
	wait(1000)
	if a.chartKey.bands == b200 || a.chartKey.bands == nil || a.chartRect != rect {
		t.Errorf("the 1,000 trials' bands are not on the chart, or it moved (%v, was %v)", a.chartRect, rect)
	}
	// Off (through 5,000, stopped at once) and on again at 200: the chart
	// has no bands while off, and the click that turns trials on again
	// neither redraws it with the 1,000 trials' bands (no row would name
	// them) nor moves it; the 200's come with the row.
	click()
	click()
	if a.trials != 0 || a.chartKey.bands != nil || a.trialsRowOn() {
		t.Fatalf("trials %d, chart bands %v, row %v after turning trials off; want 0, none, no row", a.trials, a.chartKey.bands != nil, a.trialsRowOn())
	}
	key, rect = a.chartKey, a.chartRect
	click()
	if a.trials != 200 {
		t.Fatalf("trials %d after turning them on again, want 200", a.trials)
	}
	if a.chartKey != key || a.chartRect != rect || a.shownBands() != nil {
		t.Errorf("turning trials on again redrew or moved the chart, or showed the 1,000 trials' bands")
	}
	wait(200)
	if a.chartKey.bands == nil || a.chartKey.bands.Trials != 200 || !a.trialsRowOn() {
		t.Errorf("the 200 trials' bands and their row did not come after turning trials on again")
	}
	// A moved lever drops the bands of the old values, those of other
	// trials too.
	if err := a.p.Set("acquisition.cost_per_customer", 90); err != nil {
		t.Fatal(err)
	}
	if a.shownBands() != nil {
		t.Error("bands of the old values still shown after a change")
	}
}
