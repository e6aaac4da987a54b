package app

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/ui"
)

// TestKPIStripLabelsFit: at the default window size, and at the smallest
// supported one (1024×640) with Large text on, every label of the KPI
// strip, the catalogue's short label, is drawn whole in both languages,
// not shortened with "…".
func TestKPIStripLabelsFit(t *testing.T) {
	for _, c := range []struct {
		w, h int
		big  bool
		lang string
	}{{1280, 800, false, "en"}, {1280, 800, false, "zh"}, {1024, 640, true, "en"}, {1024, 640, true, "zh"}} {
		a, _ := newApp(t, c.w, c.h)
		a.lang, a.big = c.lang, c.big
		lang := c.lang
		inFrame(func(*ebiten.Image) { a.frame(ui.Input{}) })
		drawn := map[string]bool{}
		for _, op := range a.ui.Ops() {
			if op.Kind == ui.OpText {
				drawn[op.Text] = true
			}
		}
		for _, k := range a.p.KPIs() {
			if l := k.Label[langIndex(lang)]; !drawn[l] {
				t.Errorf("%d×%d, large text %v, %s: strip label %q not drawn whole", c.w, c.h, c.big, lang, l)
			}
		}
	}
}
