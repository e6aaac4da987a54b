package chart

import (
	"testing"

	"clvlab/sim/uncertainty"
)

// TestLegendsClearOfData (issue 12, defect 13): with the trials' bands on,
// and with the baseline over the current values, no legend of the run
// charts covers their data (lines, stacked areas, bars, bands), in both
// languages; Figure.Legends reports where each went.
func TestLegendsClearOfData(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		in := input(t, lang)
		b, err := uncertainty.Run(lifecycle(0.92, 120, 1000), uncertainty.Config{Trials: 200, Seed: 7, ProcessNoise: true, PoissonAcquisition: true})
		if err != nil {
			t.Fatal(err)
		}
		in.Runs[1].Bands = b
		in.Current, in.Overlay = 1, true
		for _, k := range Kinds {
			fig, err := Build(k, in, DefaultSize)
			if err != nil {
				t.Fatal(err)
			}
			drawn(t, fig)
			for i, lp := range fig.placers {
				if lp.drawn && lp.covered > 0 {
					t.Errorf("%s %s: the legend of plot %d covers %d samples of the data", lang, k.Slug(), i, lp.covered)
				}
			}
			if k == CashFlow && len(fig.Legends()) != 2 {
				t.Errorf("%s cash flow: %d legends reported, want 2", lang, len(fig.Legends()))
			}
		}
	}
}

// TestFileLegendsOffTheData (h-legend11): in the files of brand-switching
// (every chart kind at the files' size, in both languages, each run as
// the current one against the base), no legend entry and no note covers
// the data of its plot, or it is drawn on a backing box: Crowding counts
// the data's pixels under each. The planner's sizes: internal/app's
// TestLegendsOffTheData.
func TestFileLegendsOffTheData(t *testing.T) {
	s, runs := presetRuns(t, "brand-switching")
	for _, lang := range []string{"en", "zh"} {
		in := NewInput(s, runs, lang)
		for cur := range in.Runs {
			in.Current, in.Overlay = cur, cur > 0
			for _, k := range Kinds {
				fig, err := Build(k, in, DefaultSize)
				if err != nil {
					t.Fatal(err)
				}
				entries := 0
				for _, c := range fig.Crowding() {
					entries++
					if c.Ink > 3 && !c.Backed {
						t.Errorf("%s, run %d, %s: the %s %q at %v covers %d pixels of data", lang, cur, k.Slug(), c.What, c.Text, c.Box, c.Ink)
					}
				}
				if entries == 0 && k == Customers {
					t.Errorf("%s, run %d, %s: no legend entry found", lang, cur, k.Slug())
				}
			}
		}
	}
}
