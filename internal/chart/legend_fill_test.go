package chart

import (
	"testing"

	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// TestLegendOffTheFill: in brand-switching our stage's area fills the
// customers chart's data area from its top left to its bottom right (6,000
// customers falling to 4,375 of a 6,000 axis), and the stage mix fills
// all of the survival chart's; a legend in any corner would hide its own
// light-blue swatch on the light-blue fill, so it goes in the column
// beside the plots (drawBesideLegend), in both languages.
func TestLegendOffTheFill(t *testing.T) {
	s, err := scenarios.Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "zh"} {
		in := NewInput(s, runs, lang)
		for _, k := range []Kind{Customers, Survival} {
			fig, err := Build(k, in, DefaultSize)
			if err != nil {
				t.Fatal(err)
			}
			drawn(t, fig)
			filled := 0
			for i, lp := range fig.placers {
				if len(lp.areas) == 0 {
					continue
				}
				filled++
				if !lp.fixed {
					t.Errorf("%s %s: the legend of plot %d is in its data area, over the fill", lang, k.Slug(), i)
				}
			}
			if filled == 0 {
				t.Errorf("%s %s: no plot with a filled area", lang, k.Slug())
			}
			if len(fig.Legends()) == 0 {
				t.Errorf("%s %s: no legend reported", lang, k.Slug())
			}
		}
	}
}
