package chart

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

// FrequencyBins is the holdout check by calibration frequency: the mean
// purchases in the holdout of the customers with 0, 1, …, 7+ repeat
// purchases in calibration, counted and as each model expects them given
// each customer's history (conditional expectations).
type FrequencyBins struct {
	Header
	Unit    string  // the time unit's name
	Holdout float64 // the holdout's length in units
	Labels  []string
	Actual  []float64 // NaN where a bin has no customers
	Models  []FitSeries
}

func (fb *FrequencyBins) plots(st *style) [][]*plot.Plot {
	title := st.titled(st.ft(fitBinsTitle, st.units(fb.Holdout, fb.Unit)))
	n := len(fb.Labels)
	if n == 0 || len(fb.Actual) != n {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	p := st.newPlot(title, st.ft(fitCalibrationFrequency), st.ft(fitMeanHoldout))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i)
	}
	// Each series is drawn as a line through its defined bins, with
	// markers: a bin without customers is a gap.
	draw1 := func(ys []float64, c, name string, colour int, dashed bool) {
		var dx, dy []float64
		for i, y := range ys {
			if !math.IsNaN(y) {
				dx, dy = append(dx, xs[i]), append(dy, y)
			}
		}
		col := black
		if colour >= 0 {
			l := st.line(p, dx, dy, fitColour(colour), 2, dashed)
			st.points(p, dx, dy, fitColour(colour), draw.BoxGlyph{})
			if l != nil {
				p.Legend.Add(name, l)
			}
			return
		}
		l := st.line(p, dx, dy, col, 2, false)
		st.points(p, dx, dy, col, draw.CircleGlyph{})
		if l != nil {
			p.Legend.Add(name, l)
		}
	}
	draw1(fb.Actual, "", st.ft(fitActual), -1, false)
	hi := 0.0
	for _, y := range fb.Actual {
		if !math.IsNaN(y) {
			hi = math.Max(hi, y)
		}
	}
	for i, m := range fb.Models {
		if len(m.Values) != n {
			continue
		}
		draw1(m.Values, "", Printable(m.Name), i, true)
		for _, y := range m.Values {
			if !math.IsNaN(y) {
				hi = math.Max(hi, y)
			}
		}
	}
	p.Y.Min = 0
	headroom(p, 0, hi, 1+len(fb.Models), 1)
	p.X.Min, p.X.Max = -0.3, float64(n-1)+0.3
	ticks := make(plot.ConstantTicks, n)
	for i, l := range fb.Labels {
		ticks[i] = plot.Tick{Value: float64(i), Label: l}
	}
	p.X.Tick.Marker = ticks
	p.Y.Tick.Marker = humanTicks{st.lang}
	p.Legend.Left = true
	return [][]*plot.Plot{{p}}
}
