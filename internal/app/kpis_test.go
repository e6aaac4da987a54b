package app

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/ui"
)

// TestKPIStripLabelsFit: at the default window size every label of the
// KPI strip, the catalogue's short label ("CLV net of acquisition" is the
// longest), is drawn whole in both languages, not shortened with "…".
func TestKPIStripLabelsFit(t *testing.T) {
	a, _ := newApp(t, 1280, 800)
	for _, lang := range []string{"en", "zh"} {
		a.lang = lang
		inFrame(func(*ebiten.Image) { a.frame(ui.Input{}) })
		drawn := map[string]bool{}
		for _, op := range a.ui.Ops() {
			if op.Kind == ui.OpText {
				drawn[op.Text] = true
			}
		}
		for _, k := range a.p.KPIs() {
			if l := k.Label[langIndex(lang)]; !drawn[l] {
				t.Errorf("%s: strip label %q not drawn whole", lang, l)
			}
		}
	}
}
