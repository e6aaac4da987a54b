package app

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/ui"
)

// TestPaintPixels prints, with CLVLAB_PAINT_PIXELS=WxH set (e.g.
// 1280x800), how many pixels the frames that matter paint
// (Stats.LastPaintPixels: fills, the chart's copy, the widgets), beside
// what a paint of the whole window gives for the same frame, with the
// charts drawn and the layouts run and the areas painted: a slider's step
// by key on each tab, two tab switches, the language there and back, the
// trials button (200, then 1,000) and the frames that show their bands
// (four-stage). The input comes as the app's loop reads it (Update, then
// Draw); a frame that leaves a layout for the next counts the next too.
// It measures, asserts nothing (docs/benchmarks.md has the figures).
func TestPaintPixels(t *testing.T) {
	var w, h int
	if _, err := fmt.Sscanf(os.Getenv("CLVLAB_PAINT_PIXELS"), "%dx%d", &w, &h); err != nil {
		t.Skip("set CLVLAB_PAINT_PIXELS=WxH to measure")
	}
	a, screen := newApp(t, w, h)
	src := &script{rest: sample{x: w - 1, y: h - 1, scale: 1, focused: true}}
	a.read = src.read
	runFrame(a, screen, src)
	// report runs a frame per element of frames: its ticks, and the
	// resting sample after them; and the frame after when one asks for
	// it; and sums what they painted.
	type frame struct {
		ticks []sample
		rest  sample
	}
	report := func(name string, frames ...frame) {
		charts, layouts := a.stats.Charts, a.stats.Layouts
		got, areas := 0, ""
		run := func(ticks []sample) {
			n := a.stats.Frames
			runFrame(a, screen, src, ticks...)
			if a.stats.Frames > n {
				got += a.stats.LastPaintPixels
				areas += " " + areasText(a)
			}
		}
		for _, f := range frames {
			src.rest = f.rest
			run(f.ticks)
		}
		if a.stale || a.input.any {
			run(nil)
		}
		dc, dl := a.stats.Charts-charts, a.stats.Layouts-layouts
		inFrame(func(*ebiten.Image) {
			a.dirty = true
			a.repaintAll()
			a.Draw(screen)
		})
		fmt.Printf("%-26s paint %9d px, whole window %9d px; charts %d, layouts %d; %s\n", name, got, a.stats.LastPaintPixels, dc, dl, areas)
	}
	at := func(id string) sample {
		r, ok := a.widgets[id]
		if !ok {
			t.Fatalf("no widget %q", id)
		}
		c := r.Min.Add(r.Size().Div(2))
		return sample{x: c.X, y: c.Y, scale: 1, focused: true}
	}
	press := func(id string) sample { s := at(id); s.down, s.pressed, s.held = true, true, true; return s }
	release := func(id string) sample { s := at(id); s.released = true; return s }
	click := func(name, id string) {
		src.rest = at(id)
		runFrame(a, screen, src) // the mouse onto it
		held := press(id)
		held.pressed = false
		report(name, frame{[]sample{press(id)}, held}, frame{[]sample{release(id)}, at(id)}) // the press and the release, a frame each
	}
	sl := "stage.formation.to.stability"
	for tab := range numTabs {
		a.tab, a.stale = tab, true
		a.ui.SetFocus(sl)
		runFrame(a, screen, src)
		key := src.rest
		key.keys = []ui.Key{ui.KeyRight}
		report(fmt.Sprintf("slider step, tab %d", tab), frame{[]sample{key}, src.rest})
	}
	click("tab switch 9→2", "tab:2")
	click("tab switch 2→0", "tab:0")
	click("language", "button:lang")
	click("language back", "button:lang")
	click("trials click", "button:trials")
	wait := func() {
		for deadline := time.Now().Add(20 * time.Second); len(a.mcDone) == 0 && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
	}
	wait()
	report("bands frame (200 trials)", frame{nil, src.rest})
	click("trials click 1000", "button:trials")
	wait()
	report("bands frame (1000 trials)", frame{nil, src.rest})
}
