package app

import (
	"image"
	"slices"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/chart"
	"clvlab/internal/ui"
)

// hoverPoints returns two points inside the chart of a, a few pixels apart:
// moving between them is a hover frame (layout, crosshair, paint).
func hoverPoints(a *App) [2]image.Point {
	c := a.chartRect.Min.Add(image.Pt(a.chartRect.Dx()/2, a.chartRect.Dy()/2))
	return [2]image.Point{c, c.Add(image.Pt(7, 3))}
}

// sweep returns n points across the middle of a's chart, left to right
// and back: a mouse moving over it from period to period.
func sweep(a *App, n int) []image.Point {
	r := a.chartRect
	var out []image.Point
	for i := range n {
		out = append(out, image.Pt(r.Min.X+r.Dx()*(15+70*i/(n-1))/100, r.Min.Y+r.Dy()/2))
	}
	for i := n - 2; i > 0; i-- {
		out = append(out, out[i])
	}
	return out
}

// TestHoverFrameAllocations: a mouse moving over the chart from period to
// period moves the crosshair without laying the frame out (moveCrosshair)
// and without allocating: the frame's work allocates nothing at all, and
// painting it allocates nothing in clvlab's code (ebiten's own drawing
// calls allocate: see TestRedrawAllocations).
func TestHoverFrameAllocations(t *testing.T) {
	a, screen := newApp(t, 1280, 800)
	at := sweep(a, 12)
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
	count, moved := a.moves.count, 0
	var allocs float64
	inFrame(func(*ebiten.Image) {
		allocs = testing.AllocsPerRun(len(at), func() {
			a.dirty = false
			hover()
			if a.dirty {
				moved++
			}
		})
	})
	if allocs != 0 {
		t.Errorf("a hover frame allocates %v times", allocs)
	}
	if a.moves.count != count+len(at)+1 {
		t.Errorf("%d of %d hover frames were laid out in full", len(at)+1-(a.moves.count-count), len(at)+1)
	}
	if moved < len(at)/2 {
		t.Errorf("the crosshair moved in %d of %d frames over %d periods", moved, len(at)+1, len(at)/2)
	}

	before := ownAllocations()
	for range 2 * len(at) {
		inFrame(func(*ebiten.Image) {
			hover()
			a.Draw(screen)
		})
	}
	after := ownAllocations()
	for site, count := range after {
		if d := count - before[site]; d > 0 {
			t.Errorf("%d allocations in %d hover frames at %s", d, 2*len(at), site)
		}
	}
}

// TestCrosshairMoveMatchesLayout: at every point of a sweep over the
// chart of every run-chart tab, the frame a mouse move leaves (the
// crosshair's ops rewritten in place) is the frame a full layout draws
// at that point.
func TestCrosshairMoveMatchesLayout(t *testing.T) {
	a, _ := newApp(t, 1280, 800)
	for tab := range chart.Kinds {
		a.tab, a.stale = tab, true
		inFrame(func(*ebiten.Image) { a.frame(ui.Input{}) })
		at := sweep(a, 9)
		hits := 0
		inFrame(func(*ebiten.Image) {
			a.frame(ui.Input{Mouse: at[0]}) // into the chart: laid out in full
			for _, p := range at[1:] {
				count := a.moves.count
				a.frame(ui.Input{Mouse: p})
				moved := slices.Clone(a.ui.Ops())
				hover := a.hover
				if a.moves.count != count+1 {
					t.Errorf("tab %d: the move to %v was laid out in full", tab, p)
				}
				a.stale = true
				a.frame(ui.Input{Mouse: p})
				if !slices.Equal(moved, a.ui.Ops()) || hover != a.hover {
					t.Errorf("tab %d: at %v the moved crosshair (period %d) is not the laid-out one (period %d)", tab, p, hover, a.hover)
				}
				if hover >= 0 {
					hits++
				}
			}
		})
		if tab == 0 && hits == 0 {
			t.Errorf("tab %d: the sweep found no period", tab)
		}
	}
}

// TestCrosshairPaintsChartOnly: a move that changes only the crosshair
// paints the chart's rectangle alone, and the screen it leaves is the
// screen a paint of the whole frame gives, pixel for pixel.
func TestCrosshairPaintsChartOnly(t *testing.T) {
	a, screen := newApp(t, 1280, 800)
	at := sweep(a, 9)
	partial := 0
	got, want := make([]byte, 4*a.w*a.h), make([]byte, 4*a.w*a.h)
	for _, p := range at {
		inFrame(func(*ebiten.Image) {
			a.frame(ui.Input{Mouse: p})
			a.Draw(screen)
			if s := a.screenShown; !s.all && len(s.areas) == 1 && s.areas[0] == a.chartRect {
				partial++
			}
			screen.ReadPixels(got)
			a.dirty = true
			a.repaintAll()
			a.Draw(screen)
			screen.ReadPixels(want)
		})
		if !slices.Equal(got, want) {
			n := 0
			for i := range got {
				if got[i] != want[i] {
					n++
				}
			}
			t.Errorf("at %v the painted chart differs from the whole frame's paint in %d bytes", p, n)
		}
	}
	if partial < len(at)/2 {
		t.Errorf("%d of %d moves painted the chart alone", partial, len(at))
	}
}

// BenchmarkHoverFrame measures a mouse move over the chart: the frame's
// work and its paint, the chart kept (no wait for the GPU: reading a
// pixel back would add ebiten's copy of the screen to the allocations).
// "same-period" moves between two points of one period (the crosshair
// stays), "periods" sweeps over the chart (it moves each frame). All
// iterations run inside one ebiten frame after a few real ones, so
// ebiten's drawing calls are counted too (its command queue reuses them
// only between frames).
func BenchmarkHoverFrame(b *testing.B) {
	a, err := New("", nil, "")
	if err != nil {
		b.Fatal(err)
	}
	a.w, a.h = 1280, 800
	var screen *ebiten.Image
	inFrame(func(*ebiten.Image) {
		screen = ebiten.NewImage(a.w, a.h)
		a.frame(ui.Input{})
		a.Draw(screen)
	})
	two := hoverPoints(a)
	for _, bc := range []struct {
		name string
		at   []image.Point
	}{{"same-period", two[:]}, {"periods", sweep(a, 12)}} {
		b.Run(bc.name, func(b *testing.B) {
			i := 0
			for range 2 * len(bc.at) { // warm up in real frames: caches filled, text images settled in ebiten's atlas
				inFrame(func(*ebiten.Image) {
					a.frame(ui.Input{Mouse: bc.at[i%len(bc.at)]})
					i++
					a.Draw(screen)
				})
			}
			b.ReportAllocs()
			inFrame(func(*ebiten.Image) {
				for b.Loop() {
					a.frame(ui.Input{Mouse: bc.at[i%len(bc.at)]})
					i++
					a.Draw(screen)
				}
			})
		})
	}
}
