package chart

import (
	"fmt"
	"image"
	"testing"

	"clvlab/sim/uncertainty"
)

// TestPaybackNoteOffTheBars: the cash flow's payback note covers no bar
// and no legend, and stays on the figure, at the planner's and the
// projector's sizes with normal and large text, in both languages, with
// and without Monte Carlo bands (at the top of its line, it sat over the
// tallest bars at large text). The sizes are the app's chart at
// 1024×640, 1280×800 and 1920×1080, and the files' (800×500, large text
// 1.3).
func TestPaybackNoteOffTheBars(t *testing.T) {
	s, runs := presetRuns(t, "four-stage")
	bands, err := uncertainty.Run(runs[0].Result.Model, uncertainty.Config{Trials: 200, Seed: 7, ProcessNoise: true, PoissonAcquisition: true})
	if err != nil {
		t.Fatal(err)
	}
	sizes := []Size{DefaultSize, {W: 800, H: 500, Text: 1.3},
		{W: 705, H: 460, ShortTitle: true}, {W: 882, H: 579, ShortTitle: true}, {W: 1324, H: 769, ShortTitle: true},
		{W: 732, H: 338, Text: 1.695, ShortTitle: true}, {W: 732, H: 402, Text: 1.425, ShortTitle: true},
		{W: 917, H: 522, Text: 1.373, ShortTitle: true}, {W: 1376, H: 683, Text: 1.464, ShortTitle: true},
		{W: 664, H: 477, Text: 1.285, ShortTitle: true}, {W: 833, H: 610, Text: 1.281, ShortTitle: true},
		{W: 1248, H: 785, Text: 1.282, ShortTitle: true}}
	for _, lang := range []string{"en", "zh"} {
		for _, withBands := range []bool{false, true} {
			in := NewInput(s, runs, lang)
			if withBands {
				in.Runs[0].Bands = bands
			}
			for _, size := range sizes {
				where := fmt.Sprintf("%s bands %v %dx%d×%.2f", lang, withBands, size.W, size.H, size.Text)
				fig, err := Build(CashFlow, in, size)
				if err != nil {
					t.Fatal(err)
				}
				drawn(t, fig)
				notes := fig.Notes()
				if len(notes) != 1 || len(fig.Columns()) == 0 {
					t.Fatalf("%s: %d notes, %d bars", where, len(notes), len(fig.Columns()))
				}
				note := notes[0]
				if !note.In(image.Rect(0, 0, size.W+1, size.H+1)) {
					t.Errorf("%s: note %v off the figure", where, note)
				}
				for _, b := range fig.Columns() {
					if note.Inset(1).Overlaps(b.Inset(1)) {
						t.Errorf("%s: note %v over a bar %v", where, note, b)
						break
					}
				}
				for _, l := range fig.Legends() {
					if note.Inset(1).Overlaps(l.Inset(1)) {
						t.Errorf("%s: note %v over the legend %v", where, note, l)
					}
				}
			}
		}
	}
}
