package app

import (
	"image"
	"regexp"
	"runtime"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/ui"
)

// hoverPoints returns two points inside the chart of a, a few pixels apart:
// moving between them is a hover frame (layout, crosshair, paint).
func hoverPoints(a *App) [2]image.Point {
	c := a.chartRect.Min.Add(image.Pt(a.chartRect.Dx()/2, a.chartRect.Dy()/2))
	return [2]image.Point{c, c.Add(image.Pt(7, 3))}
}

// TestHoverFrameAllocations: a mouse move over a chart lays the frame out
// and paints it with no allocation in the description's fit, the
// printable text or the chart's key (the chart is kept); it logs what the
// rest of the layout still allocates.
func TestHoverFrameAllocations(t *testing.T) {
	a, screen := newApp(t, 1280, 800)
	at := hoverPoints(a)
	hover := func(i int) {
		inFrame(func(*ebiten.Image) {
			a.frame(ui.Input{Mouse: at[i%2]})
			a.Draw(screen)
		})
	}
	for i := range 10 { // the first frames fill the caches
		hover(i)
	}
	const n = 40
	old := runtime.MemProfileRate
	runtime.MemProfileRate = 1
	defer func() { runtime.MemProfileRate = old }()
	before := ownAllocations()
	for i := range n {
		hover(i)
	}
	after := ownAllocations()
	others := 0
	for site, count := range after {
		d := count - before[site]
		if d <= 0 {
			continue
		}
		if cached.MatchString(site) {
			t.Errorf("%d allocations in %d hover frames at %s", d, n, site)
		} else {
			others += int(d)
		}
	}
	// Not yet cached: the labels the layout formats again each frame.
	t.Logf("other allocations in clvlab's code: %.1f per hover frame", float64(others)/n)
}

// cached are the functions whose answers a hover frame must reuse: the
// fitted description, the printable text and the chart's key.
var cached = regexp.MustCompile(`ui\.\(\*Context\)\.fit|chart\.Printable|app\.\(\*App\)\.renderChart|chart/font\.go`)

// BenchmarkHoverFrame measures a mouse move over the chart: the frame's
// layout and its paint, the chart kept (no wait for the GPU: reading a
// pixel back would add ebiten's copy of the screen to the allocations).
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
	at := hoverPoints(a)
	b.ReportAllocs()
	inFrame(func(*ebiten.Image) {
		i := 0
		for b.Loop() {
			a.frame(ui.Input{Mouse: at[i%2]})
			i++
			a.Draw(screen)
		}
	})
}
