package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"clvlab/internal/kpi"
)

// breakdown draws CLV by segment, and by stage: where the value comes from.
func (st *style) breakdown() [][]*plot.Plot {
	r := st.current()
	sum := &r.Summary
	// Top: per segment, CLV, acquisition cost and CLV net.
	names := append([]string(nil), st.in.Segments...)
	values := [3][]float64{}
	for _, seg := range sum.Segments {
		values[0] = append(values[0], seg.CLV)
		values[1] = append(values[1], seg.AcquisitionCost)
		values[2] = append(values[2], seg.CLVNet)
	}
	if len(sum.Segments) > 1 {
		names = append(names, st.t(msgAllSegments))
		values[0] = append(values[0], sum.CLV)
		values[1] = append(values[1], sum.AcquisitionCost)
		values[2] = append(values[2], sum.CLVNet)
	}
	top := st.newPlot(st.title(msgBreakdownTitle), "", st.in.Currency)
	top.Y.Label.Text = st.t(msgBySegment, st.in.Currency)
	w := st.barWidth(4*len(names)+1, 1)
	for k, fig := range []kpi.KPI{kpi.CLV, kpi.AcquisitionCost, kpi.CLVNet} {
		c := []color.Color{blue, vermillion, green}[k]
		if b := bars(values[k], w, c, vg.Length(k-1)*w); b != nil {
			st.addBars(top, b)
			top.Legend.Add(fig.Short(st.lang), b)
		}
	}
	top.NominalX(names...)
	if len(names) == 1 {
		// One segment: a range for its bars to sit in (a zero-width range
		// has no scale to lay out their widths by).
		top.X.Min, top.X.Max = -1, 1
	}
	top.Legend.Left = false

	// Bottom: CLV by stage, each bar in its stage's colour; win-back last.
	bottom := st.newPlot("", "", st.t(msgByStage, st.in.Currency))
	labels := append([]string(nil), st.in.Stages...)
	contrib := sum.CLVByStage
	if contrib[len(contrib)-1] == 0 {
		contrib = contrib[:len(contrib)-1]
	} else {
		labels = append(labels, st.t(msgWinback))
	}
	w2 := st.barWidth(2*len(contrib)+1, 1)
	for i, v := range contrib {
		var c color.Color = lightGrey
		if i < len(st.in.Stages) {
			c = StageColour(i)
		}
		if b := bars([]float64{v}, w2, c, 0); b != nil {
			b.XMin = float64(i)
			st.addBars(bottom, b)
		}
	}
	bottom.NominalX(labels...)
	st.guide(bottom, []float64{-0.5, float64(len(contrib)) - 0.5}, []float64{0, 0}, grey, 0.75)
	for _, p := range []*plot.Plot{top, bottom} {
		p.Y.Tick.Marker = humanTicks{st.lang}
		p.Y.Min = math.Min(0, p.Y.Min)
	}
	// Headroom for the legend above the tallest bar.
	top.Y.Max *= 1.3
	return [][]*plot.Plot{{top}, {bottom}}
}
