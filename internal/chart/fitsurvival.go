package chart

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

// SurvivalFit is the shifted-beta-geometric fit of a cohort table: the
// share of each cohort still a customer after t periods, observed and
// fitted (projected beyond the last period observed), and the retention
// rate by tenure, which rises as the customers likely to leave leave.
type SurvivalFit struct {
	Header
	Unit string // the time unit's name
	// Cohorts are the observed shares surviving, Values[t] at tenure t
	// (Values[0] = 1).
	Cohorts []FitSeries
	// Fitted is the model's survival S(t), t = 0, 1, …, beyond the data.
	Fitted []float64
	// Observed is the longest tenure observed in any cohort.
	Observed int
	// ObservedRetention is the pooled retention rate at tenure t (index
	// t; index 0 and tenures without data NaN); Retention the model's,
	// S(t)/S(t−1).
	ObservedRetention, Retention []float64
}

var cohortGlyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{}, draw.SquareGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{}}

func (sf *SurvivalFit) plots(st *style) [][]*plot.Plot {
	title := st.titled(st.ft(fitSurvivalTitle))
	n := len(sf.Fitted)
	if n < 2 {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	unit := st.unitName(sf.Unit)
	top := st.newPlot(title, "", st.ft(fitShareSurviving))
	bottom := st.newPlot(st.ft(fitRetentionTitle), st.ft(fitTenure, unit), st.ft(fitRetentionRate))
	xs := periods(n)
	for i, c := range sf.Cohorts {
		colour := fitColour(i + 1)
		if s := st.points(top, periods(len(c.Values)), c.Values, colour, cohortGlyphs[i%len(cohortGlyphs)]); s != nil && i < 6 {
			top.Legend.Add(Printable(c.Name), s)
		}
	}
	obs := min(max(sf.Observed, 1), n-1)
	if l := st.line(top, xs[:obs+1], sf.Fitted[:obs+1], black, 2, false); l != nil {
		top.Legend.Add(st.ft(fitFitted), l)
	}
	if obs < n-1 {
		if l := st.line(top, xs[obs:], sf.Fitted[obs:], black, 2, true); l != nil {
			top.Legend.Add(st.ft(fitProjected), l)
		}
		st.vline(top, float64(obs), 0, 1, grey)
	}
	top.Y.Min, top.Y.Max = 0, 1.0+0.06*float64(min(len(sf.Cohorts), 6)+2)
	top.Y.Tick.Marker = shareTicks{}
	top.Legend.Left = false

	lo, hi := 1.0, 0.0
	var ox, oy []float64
	for t, r := range sf.ObservedRetention {
		if t > 0 && !math.IsNaN(r) {
			ox, oy = append(ox, float64(t)), append(oy, r)
			lo, hi = math.Min(lo, r), math.Max(hi, r)
		}
	}
	if s := st.points(bottom, ox, oy, fitColour(0), draw.CircleGlyph{}); s != nil {
		bottom.Legend.Add(st.ft(fitObservedRetention), s)
	}
	if len(sf.Retention) == n && n > 1 {
		if l := st.line(bottom, xs[1:], sf.Retention[1:], black, 2, false); l != nil {
			bottom.Legend.Add(st.ft(fitFitted), l)
		}
		for _, r := range sf.Retention[1:] {
			lo, hi = math.Min(lo, r), math.Max(hi, r)
		}
	}
	if hi < lo {
		lo, hi = 0, 1
	}
	pad := math.Max(0.02, 0.1*(hi-lo))
	bottom.Y.Min, bottom.Y.Max = math.Max(0, lo-pad), math.Min(1, hi+pad)+0.12*(hi-lo+pad)
	bottom.Y.Tick.Marker = percentTicks{}
	bottom.Legend.Left = false
	bottom.Legend.Top = false
	for _, p := range []*plot.Plot{top, bottom} {
		p.X.Min, p.X.Max = 0, float64(n-1)
	}
	return [][]*plot.Plot{{top}, {bottom}}
}

// shareTicks label 0% to 100% by 20%: the room above, for the legend,
// has none.
type shareTicks struct{}

func (shareTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for i := 0; i <= 10; i++ {
		t := plot.Tick{Value: float64(i) / 10}
		if i%2 == 0 {
			t.Label = fmt.Sprintf("%d%%", 10*i)
		}
		out = append(out, t)
	}
	return out
}
