package chart

import (
	"fmt"
	"testing"
)

// TestLegendOffTheFill: in brand-switching our stage's area fills the
// customers chart's data area from its top left to its bottom right (6,000
// customers falling to 4,375 of a 6,000 axis), and the stage mix fills
// all of the survival chart's; a legend in any corner would hide its own
// light-blue swatch on the light-blue fill, so it goes in the column
// beside the plots (drawBesideLegend), in both languages.
func TestLegendOffTheFill(t *testing.T) {
	s, runs := presetRuns(t, "brand-switching")
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

// TestLegendOffTheFillSideBySide: the customers chart of brand-switching
// in the planner at large text draws our customers beside the market's
// shares (squashed), where arrange keeps no column (it would cover the
// next plot's axes): the legend, on the fill in every corner, goes above
// the data area, under the title (legendsAbove), not over its own
// swatch's fill, as the files' legend goes beside (7c7d6f1). It sat on
// the fill in the planner. The sizes are the app's customers chart at
// 1024×640, 1280×800 and 1920×1080 with large text.
func TestLegendOffTheFillSideBySide(t *testing.T) {
	s, runs := presetRuns(t, "brand-switching")
	sizes := []Size{{W: 732, H: 317, Text: 1.807, ShortTitle: true}, {W: 732, H: 402, Text: 1.425, ShortTitle: true},
		{W: 917, H: 463, Text: 1.548, ShortTitle: true}, {W: 917, H: 522, Text: 1.373, ShortTitle: true},
		{W: 1376, H: 647, Text: 1.545, ShortTitle: true}, {W: 1376, H: 683, Text: 1.464, ShortTitle: true}}
	for _, lang := range []string{"en", "zh"} {
		in := NewInput(s, runs, lang)
		in.Current, in.Overlay = len(in.Runs)-1, true // as the planner draws it
		for _, size := range sizes {
			where := fmt.Sprintf("%s %dx%d×%.2f", lang, size.W, size.H, size.Text)
			fig, err := Build(Customers, in, size)
			if err != nil {
				t.Fatal(err)
			}
			drawn(t, fig)
			areas := fig.DataAreas()
			if len(areas) != 2 || areas[0].Max.X > areas[1].Min.X {
				t.Fatalf("%s: data areas %v, want our customers left of the market's shares", where, areas)
			}
			lp := fig.placers[0]
			if len(lp.areas) == 0 {
				t.Fatalf("%s: our customers' plot has no filled area", where)
			}
			if !lp.drawn {
				t.Fatalf("%s: our customers' legend not drawn in or above its plot", where)
			}
			r := fig.Legends()[0]
			if r.Overlaps(areas[0].Inset(2)) {
				t.Errorf("%s: our customers' legend %v is over its filled data area %v", where, r, areas[0])
			}
			if r.Overlaps(areas[1]) || r.Min.X < areas[0].Min.X {
				t.Errorf("%s: our customers' legend %v is over the other plot or the axis (data areas %v)", where, r, areas)
			}
		}
	}
}
