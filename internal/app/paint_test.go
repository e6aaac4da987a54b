package app

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/ui"
)

// TestChartCopiedWithoutWhiteUnder: on every tab (and with 200 trials'
// bands) the chart image is opaque all over, read back pixel by pixel,
// and the canvas knows it (chartOpaque), so a paint of the whole window
// paints the background's white neither under the chart nor under the
// widgets' large opaque fills (the control panel, the top bar): the white
// it paints lies outside all of them, and is under a fifth of the window
// (it was all of it: 1.02 million pixels at 1280×800, of a paint of 2.32
// million).
func TestChartCopiedWithoutWhiteUnder(t *testing.T) {
	a, screen := newApp(t, 1280, 800)
	check := func(name string) {
		t.Helper()
		if !a.chartShown().on {
			return // the Plans tab: a table, no chart
		}
		var pix []byte
		var ground []image.Rectangle
		inFrame(func(*ebiten.Image) {
			b := a.chartImg.Bounds()
			pix = make([]byte, 4*b.Dx()*b.Dy())
			a.chartImg.ReadPixels(pix)
			a.dirty = true
			a.repaintAll()
			a.Draw(screen)
			ground = append(ground, a.ground(screen.Bounds(), a.chartOpaque)...)
		})
		see := 0
		for i := 3; i < len(pix); i += 4 {
			if pix[i] != 0xff {
				see++
			}
		}
		if see > 0 || !a.chartOpaque {
			t.Errorf("%s: %d pixels of the chart are not opaque; the canvas says opaque: %v", name, see, a.chartOpaque)
		}
		white := 0
		for _, r := range ground {
			white += r.Dx() * r.Dy()
			if r.Overlaps(a.chartRect) {
				t.Errorf("%s: white painted at %v under the chart %v", name, r, a.chartRect)
			}
			for _, op := range a.ui.Ops() {
				if op.Kind == ui.OpFill && op.Color.A == 0xff && op.R.Dx()*op.R.Dy() >= minCover && r.Overlaps(op.R) {
					t.Errorf("%s: white painted at %v under the fill %v", name, r, op.R)
				}
			}
		}
		if white*5 > a.w*a.h {
			t.Errorf("%s: the white under the frame covers %d pixels, a fifth of the window is %d", name, white, a.w*a.h/5)
		}
	}
	for tab := range numTabs {
		a.tab, a.stale = tab, true
		inFrame(func(*ebiten.Image) { a.frame(ui.Input{}) })
		check(a.tabLabels()[tab])
	}
	a.tab, a.trials, a.stale = 1, 200, true
	waitForBands(t, a)
	a.stale = true
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{}) })
	if a.chartKey.bands == nil {
		t.Fatal("no bands on the chart")
	}
	check("customers with 200 trials' bands")
}

// TestLanguageSwitchDrawsOneChart: the language button's frame lays the
// window out again in the new language before painting it, so the chart
// is drawn once, at its place in the new layout, and no frame after it
// has anything left to lay out or paint. At 1920×1080 the Chinese labels
// move the chart; the frame drew it in Chinese at the old place, then the
// next frame (laid out again) drew it at the new one and repainted the
// window a second time: two charts and 8.9 million pixels for one click.
func TestLanguageSwitchDrawsOneChart(t *testing.T) {
	for _, size := range []image.Point{{1280, 800}, {1920, 1080}} {
		a, screen := newApp(t, size.X, size.Y)
		for _, lang := range []string{"zh", "en"} {
			r := a.widgets["button:lang"]
			at := r.Min.Add(r.Size().Div(2))
			charts, frames, pixels := a.stats.Charts, a.stats.Frames, 0
			for _, in := range []ui.Input{{Mouse: at, Pressed: true, Down: true}, {Mouse: at, Released: true}, {Mouse: at}} {
				inFrame(func(*ebiten.Image) {
					a.frame(in)
					a.Draw(screen)
				})
				pixels += a.stats.LastPaintPixels
			}
			if a.lang != lang {
				t.Fatalf("%v: language %s after the click, want %s", size, a.lang, lang)
			}
			if a.stale {
				t.Errorf("%v, %s: the click left a layout for a later frame", size, lang)
			}
			if n := a.stats.Charts - charts; n != 1 {
				t.Errorf("%v, %s: the click drew %d charts, want 1", size, lang, n)
			}
			if pixels > a.w*a.h*3/2 {
				t.Errorf("%v, %s: the click's %d frames painted %d pixels, more than one paint of the window (%d)",
					size, lang, a.stats.Frames-frames, pixels, a.w*a.h*3/2)
			}
		}
	}
}
