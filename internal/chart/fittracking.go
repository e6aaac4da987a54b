package chart

import (
	"math"

	"gonum.org/v1/plot"
)

// Tracking is the tracking plot of a fit: the repeat purchases of the
// customer base in each period since the first purchase in the data, over
// calibration and holdout, counted and as each model expects them.
type Tracking struct {
	Header
	Unit string // the time unit's name: day, week, month or year
	// Actual is the repeat purchases counted in each period.
	Actual []float64
	// Models are each model's expected repeat purchases, period by period.
	Models []FitSeries
	// Calibration is the length of the calibration period in units, where
	// the holdout starts (the whole data without a holdout).
	Calibration float64
}

func (tr *Tracking) plots(st *style) [][]*plot.Plot {
	title := st.titled(st.ft(fitTrackingTitle))
	n := len(tr.Actual)
	if n < 2 {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	unit := st.unitName(tr.Unit)
	top := st.newPlot(title, "", st.ft(fitPerPeriod, unit))
	bottom := st.newPlot(st.ft(fitCumulative), st.ft(fitSinceStart, unit), st.ft(fitRepeatPurchases))
	// Period k ends at k+1 units: draw its count there.
	xs := make([]float64, n)
	for k := range xs {
		xs[k] = float64(k + 1)
	}
	cumulative := func(v []float64) []float64 {
		out := make([]float64, len(v))
		s := 0.0
		for i, x := range v {
			s += x
			out[i] = s
		}
		return out
	}
	lines := [][]float64{tr.Actual}
	if l := st.line(top, xs, tr.Actual, black, 2, false); l != nil {
		top.Legend.Add(st.ft(fitActual), l)
	}
	st.line(bottom, xs, cumulative(tr.Actual), black, 2, false)
	for i, m := range tr.Models {
		if len(m.Values) != n {
			continue
		}
		if l := st.line(top, xs, m.Values, fitColour(i), 2, true); l != nil {
			top.Legend.Add(Printable(m.Name), l)
		}
		st.line(bottom, xs, cumulative(m.Values), fitColour(i), 2, true)
		lines = append(lines, m.Values)
	}
	_, hiTop := span(lines...)
	hiBottom := 0.0
	for _, v := range lines {
		c := cumulative(v)
		hiBottom = math.Max(hiBottom, c[len(c)-1])
	}
	if tr.Calibration > 0 && tr.Calibration < float64(n) {
		if l := st.vline(top, tr.Calibration, 0, hiTop*1.05, grey); l != nil {
			top.Legend.Add(st.ft(fitCalibrationEnd), l)
		}
		st.vline(bottom, tr.Calibration, 0, hiBottom*1.05, grey)
	}
	top.Y.Min, bottom.Y.Min = 0, 0
	headroom(top, 0, hiTop, 2+len(tr.Models), 0.5)
	bottom.Y.Max = hiBottom * 1.05
	for _, p := range []*plot.Plot{top, bottom} {
		p.X.Min, p.X.Max = 0, float64(n)
		p.X.Tick.Marker = humanTicks{st.lang}
		p.Y.Tick.Marker = humanTicks{st.lang}
		p.Legend.Left = false
	}
	return [][]*plot.Plot{{top}, {bottom}}
}
