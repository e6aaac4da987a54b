package chart

import (
	"testing"

	"gonum.org/v1/plot/vg"

	"clvlab/internal/projection"
)

// TestSizeText: Size.Text multiplies the scale of text and lines (1 at
// 800×500): a chart's title font grows by it, at the same size of chart,
// and 0 leaves the size's own scale.
func TestSizeText(t *testing.T) {
	for _, c := range []struct {
		size Size
		want float64
	}{
		{Size{W: 800, H: 500}, 1},
		{Size{W: 800, H: 500, Text: 1.3}, 1.3},
		{Size{W: 400, H: 500, Text: 1.3}, 0.65}, // min(400/800, 500/500) · 1.3
		{Size{W: 1600, H: 1000}, 2},
	} {
		if got := c.size.scale(); got != c.want {
			t.Errorf("%+v: scale %v, want %v", c.size, got, c.want)
		}
	}
	s, runs := presetRuns(t, "four-stage")
	if err := projection.Simulate(runs, projection.MonteCarlo{}); err != nil {
		t.Fatal(err)
	}
	title := func(size Size) vg.Length {
		f, err := Build(Kinds[0], NewInput(s, runs, "en"), size)
		if err != nil {
			t.Fatal(err)
		}
		return f.rows[0][0].Title.TextStyle.Font.Size
	}
	normal, large := title(Size{W: 800, H: 500}), title(Size{W: 800, H: 500, Text: 1.3})
	if d := float64(large - 1.3*normal); d > 1e-9 || d < -1e-9 {
		t.Errorf("title font %v with Text 1.3, %v without: want 1.3 times", large, normal)
	}
}
