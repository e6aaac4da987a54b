package app

import (
	"fmt"
	"image"
	"slices"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/ui"
)

// TestDamagePaintsWhatAFullPaintPaints drives the planner through
// hovers, presses, a slider click, a key, a tab switch, the trials button
// and the language, painting each frame only where it changed (damage),
// and checks after each that the screen is, pixel for pixel, what a paint
// of the whole frame gives; and that a button's hover or press paints a
// small part of the window, not all of it.
func TestDamagePaintsWhatAFullPaintPaints(t *testing.T) {
	a, screen := newApp(t, 1280, 800)
	got, want := make([]byte, 4*a.w*a.h), make([]byte, 4*a.w*a.h)
	center := func(id string) image.Point {
		r, ok := a.widgets[id]
		if !ok {
			t.Fatalf("no widget %q", id)
		}
		return image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
	}
	type step struct {
		name  string
		in    func() ui.Input
		small bool // the paint must cover under 10% of the window
	}
	at := func(id string) func() ui.Input { return func() ui.Input { return ui.Input{Mouse: center(id)} } }
	press := func(id string) func() ui.Input {
		return func() ui.Input { return ui.Input{Mouse: center(id), Pressed: true, Down: true} }
	}
	release := func(id string) func() ui.Input {
		return func() ui.Input { return ui.Input{Mouse: center(id), Released: true} }
	}
	steps := []step{
		{"hover on help", at("button:help"), true},
		{"hover on trials", at("button:trials"), true},
		{"away", func() ui.Input { return ui.Input{Mouse: image.Pt(-1, -1)} }, true},
		{"hover on a slider", at("stage.formation.to.stability"), false},
		{"press the slider", press("stage.formation.to.stability"), false},
		{"release the slider", release("stage.formation.to.stability"), false},
		{"arrow key", func() ui.Input {
			return ui.Input{Mouse: center("stage.formation.to.stability"), Keys: []ui.Key{ui.KeyRight}}
		}, false},
		{"hover on tab 2", at("tab:2"), true},
		{"press tab 2", press("tab:2"), false},
		{"release tab 2", release("tab:2"), false},
		{"over the chart", func() ui.Input { return ui.Input{Mouse: a.chartRect.Min.Add(a.chartRect.Size().Div(2))} }, false},
	}
	// Every tab, and a slider's step by key on it: the chart changes,
	// and the strip's figures. (Before the trials are on: each change
	// would start a run of them that goes on after the test.)
	for tab := range numTabs {
		id := fmt.Sprintf("tab:%d", tab)
		steps = append(steps, step{name: "press " + id, in: press(id)}, step{name: "release " + id, in: release(id)},
			step{name: "a step on " + id, in: func() ui.Input {
				a.ui.SetFocus("stage.formation.to.stability")
				return ui.Input{Mouse: image.Pt(-1, -1), Keys: []ui.Key{ui.KeyRight}}
			}})
	}
	steps = append(steps,
		step{"press trials", press("button:trials"), false},
		step{"release trials", release("button:trials"), true},
		step{"press lang", press("button:lang"), false},
		step{"release lang", release("button:lang"), false},
		step{"press lang again", press("button:lang"), false},
		step{"release lang again", release("button:lang"), false})
	// The bands of 200 trials come (customers' tab): the trials' row
	// moves the chart down.
	steps = append(steps, step{name: "press tab:1", in: press("tab:1")}, step{name: "release tab:1", in: release("tab:1")},
		step{name: "bands of 200 trials", in: func() ui.Input {
			for deadline := time.Now().Add(20 * time.Second); a.currentBands() == nil && time.Now().Before(deadline); {
				time.Sleep(5 * time.Millisecond)
				a.pollMonteCarlo()
			}
			if a.trials != 200 || a.currentBands() == nil {
				t.Fatalf("%d trials, no bands after 20 s", a.trials)
			}
			return ui.Input{Mouse: center("tab:1")}
		}})
	for i, s := range steps {
		inFrame(func(*ebiten.Image) {
			a.frame(s.in())
			a.Draw(screen)
			screen.ReadPixels(got)
			area := 0
			if a.screenShown.all {
				area = a.w * a.h
			}
			for _, r := range a.screenShown.areas {
				area += r.Dx() * r.Dy()
			}
			if s.small && area*10 > a.w*a.h {
				t.Errorf("%d %s: painted %d pixels (%.0f%% of the window): %v", i, s.name, area, 100*float64(area)/float64(a.w*a.h), a.screenShown.areas)
			}
			a.dirty = true
			a.repaintAll()
			a.Draw(screen)
			screen.ReadPixels(want)
		})
		if !slices.Equal(got, want) {
			t.Errorf("%d %s: the paint of what changed (%s) differs from the whole frame's in %d bytes", i, s.name, areasText(a), differing(got, want))
		}
	}
}

func areasText(a *App) string {
	if a.screenShown.all {
		return "all"
	}
	return fmt.Sprint(a.screenShown.areas)
}

func differing(x, y []byte) int {
	n := 0
	for i := range x {
		if x[i] != y[i] {
			n++
		}
	}
	return n
}

// TestStepPaintsPart: a slider's step by key on any tab changes the chart,
// the strip's figures and the slider: the frame paints those (matched op
// by op against the last frame), not the whole window, and fewer pixels
// than the window has. (With the rule it replaced, a common start and end
// of the ops and the whole window past 60% of it, each step repainted
// all: 2.32 million pixels at 1280×800.)
func TestStepPaintsPart(t *testing.T) {
	a, screen := newApp(t, 1280, 800)
	path := "stage.formation.to.stability"
	for tab := range numTabs {
		a.tab, a.stale = tab, true
		a.ui.SetFocus(path)
		inFrame(func(*ebiten.Image) {
			a.frame(ui.Input{Mouse: image.Pt(-1, -1)})
			a.Draw(screen)
		})
		old := a.p.Value(path)
		inFrame(func(*ebiten.Image) {
			a.frame(ui.Input{Mouse: image.Pt(-1, -1), Keys: []ui.Key{ui.KeyRight}})
			a.Draw(screen)
		})
		if a.p.Value(path) == old {
			t.Fatalf("tab %d: the key did not move the slider", tab)
		}
		if px := a.stats.LastPaintPixels; a.screenShown.all || px >= a.w*a.h {
			t.Errorf("tab %d: a step painted %d pixels in %s; want part of the window, fewer pixels than its %d", tab, px, areasText(a), a.w*a.h)
		}
	}
}
