package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"clvlab/sim"
)

// What the run charts share. Each kind (Kinds) is built in a file of its
// own: customers.go, cohorts.go, cashflow.go, survival.go, breakdown.go,
// comparison.go and deltas.go.

// title returns the chart title with the scenario, and the run where it is
// not the base, on a second line (not with Size.ShortTitle).
func (st *style) title(key int) string {
	if st.short {
		return st.t(key)
	}
	sub := st.in.Scenario
	if st.in.Current > 0 {
		sub += " - " + st.in.Runs[st.in.Current].Name
	}
	if sub == "" {
		return st.t(key)
	}
	return st.t(key) + "\n" + sub
}

// active returns the active customers (all stages, all segments) of r by
// period.
func active(r *sim.Result) []float64 {
	m := r.Model
	ys := make([]float64, m.Horizon)
	for t := range ys {
		for s := range m.Segments {
			for i := range m.StageIDs {
				ys[t] += r.Cell(t, s, i).Customers
			}
		}
	}
	return ys
}

// overlay returns the run to draw dashed over the current one, or nil.
func (st *style) overlay() *sim.Result {
	if !st.in.Overlay || st.in.Current == 0 {
		return nil
	}
	return st.in.Runs[0].Result
}

// dashed draws the overlay run's ys as a dashed black line with its name.
func (st *style) dashed(p *plot.Plot, ys []float64) {
	if l := st.line(p, periods(len(ys)), ys, black, 2, true); l != nil {
		p.Legend.Add(st.in.Runs[0].Name, l)
	}
}

// barWidth returns a bar width for n bar slots across a plot that spans
// the given share of the figure width.
func (st *style) barWidth(n int, share float64) vg.Length {
	w, _ := Size{W: int(800 * st.scale)}.Points()
	if st.width > 0 {
		w = min(w, st.width) // large text: the scale outgrows the figure
	}
	return vg.Length(math.Max(1, float64(w)*share*0.85/float64(max(n, 1))))
}

// addBars adds the bar charts bs (nil ones skipped) to p, noting them for
// the figure: side by side its plots are narrower, and so are the bars
// (Figure.arrange).
func (st *style) addBars(p *plot.Plot, bs ...*plotter.BarChart) {
	for _, b := range bs {
		if b == nil {
			continue
		}
		p.Add(b)
		if st.barCharts != nil {
			st.barCharts[p] = append(st.barCharts[p], sizedBars{b, b.Width, b.Offset})
		}
	}
}

// sizedBars is a bar chart with the width and offset it was built with.
type sizedBars struct {
	bars          *plotter.BarChart
	width, offset vg.Length
}

func bars(values []float64, width vg.Length, c color.Color, offset vg.Length) *plotter.BarChart {
	b, err := plotter.NewBarChart(plotter.Values(values), width)
	if err != nil {
		return nil
	}
	b.Color = c
	b.LineStyle.Width = 0
	b.Offset = offset
	return b
}
