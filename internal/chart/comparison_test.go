package chart

import (
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"clvlab/sim/uncertainty"
)

// appInput is the app's input to the charts: the baseline first, then the
// plans compared, then the current values, drawn over the baseline.
func appInput(t *testing.T, lang string, plans ...Run) *Input {
	in := input(t, lang)
	cur := in.Runs[2]
	cur.Name = map[string]string{"en": "Current", "zh": "当前"}[lang]
	in.Runs = append(append([]Run{in.Runs[0]}, plans...), cur)
	in.Current, in.Overlay = len(in.Runs)-1, true
	return in
}

// TestComparisonCurrentColour (issue 12): the current values have the
// colour in the Compare chart that they have in the cash-flow chart
// (currentColour), however many plans are compared; no plan and not the
// baseline has it.
func TestComparisonCurrentColour(t *testing.T) {
	for plans := range 4 {
		in := appInput(t, "en", slices.Repeat(input(t, "en").Runs[1:2], plans)...)
		st := newStyle(in, DefaultSize)
		for i := range in.Runs {
			got := st.runColour(i)
			if (i == in.Current) != (got == currentColour) {
				t.Errorf("%d plans: run %d of %d has colour %v; Current's is %v", plans, i, len(in.Runs), got, currentColour)
			}
		}
	}
}

// TestComparisonSamePlan (issue 12): a plan with the current values is
// drawn under Current's line, so its name in the legend says so.
func TestComparisonSamePlan(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		in := appInput(t, lang)
		same := in.Runs[in.Current]
		same.Name = "Plan 1"
		other := input(t, lang).Runs[1]
		other.Name = "Plan 2"
		in = appInput(t, lang, same, other)
		st := newStyle(in, DefaultSize)
		names := st.runNames()
		mark := st.t(msgSameAsCurrent)
		if !strings.HasSuffix(names[1], mark) || strings.Contains(names[2], mark) || strings.Contains(names[0], mark) {
			t.Errorf("%s: names %q: want only Plan 1 marked %q", lang, names, mark)
		}
	}
}

// TestCashFlowBandInLegend (issue 12): with trials, the band around the
// net cash flow in the cash-flow chart's upper plot has its entry in that
// plot's legend: one entry more than without trials.
func TestCashFlowBandInLegend(t *testing.T) {
	in := input(t, "en")
	in.Runs = in.Runs[:1]
	height := func() float64 {
		fig, err := Build(CashFlow, in, DefaultSize)
		if err != nil {
			t.Fatal(err)
		}
		w, h := DefaultSize.Points()
		c := draw.New(vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(96)))
		return float64(fig.rows[0][0].Legend.Rectangle(c).Size().Y)
	}
	without := height()
	b, err := uncertainty.Run(lifecycle(0.88, 120, 300), uncertainty.Config{Trials: 50, Seed: 7, ProcessNoise: true})
	if err != nil {
		t.Fatal(err)
	}
	in.Runs[0].Bands = b
	with := height()
	// Three entries (margin, spend, net cash flow) and their two paddings
	// without; four and three with: a quarter more and a bit.
	if ratio := with / without; ratio < 1.25 || ratio > 1.4 || slices.Contains([]float64{0}, without) {
		t.Errorf("the upper legend is %.1f high with trials, %.1f without: want one entry more", with, without)
	}
}
