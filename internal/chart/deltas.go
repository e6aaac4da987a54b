package chart

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/internal/kpi"
)

// deltaKPIs are the figures the deltas chart compares, top to bottom: a
// selection of kpi.Outcomes (see package kpi's doc), without CLV over an
// infinite horizon.
var deltaKPIs = []kpi.KPI{kpi.CLV, kpi.CLVNet, kpi.LTVCAC, kpi.CustomerEquity, kpi.PaybackPeriods, kpi.ExpectedLifetime}

func (st *style) deltas() *plot.Plot {
	title := st.t(msgDeltasTitle)
	if st.in.Scenario != "" {
		title += "\n" + st.in.Scenario
	}
	if len(st.in.Runs) < 2 {
		return st.placeholder(title, st.t(msgNoVariants))
	}
	p := st.newPlot(title, st.t(msgChangeVsBase), "")
	base := &st.in.Runs[0].Result.Summary
	variants := st.in.Runs[1:]
	k, v := len(deltaKPIs), len(variants)
	slots := k * (v + 1) // a gap row between KPI groups
	// Each KPI is a group of rows, first KPI on top, first variant on top
	// within its group.
	row := func(kp, j int) float64 { return float64((k-1-kp)*(v+1) + (v - 1 - j)) }
	_, h := Size{0, int(500 * st.scale)}.Points()
	rows := float64(slots) + 0.5 + 1.2*float64(v) // the y range, legend rows included
	w := vg.Length(float64(h) * 0.55 / rows)
	var pos, neg plotter.XYLabels
	lo, hi := 0.0, 0.0
	for j, run := range variants {
		vals := make([]float64, slots)
		for kp, fig := range deltaKPIs {
			y := row(kp, j)
			rel := kpi.Relative(fig.Of(base), fig.Of(&run.Result.Summary))
			d := 100 * rel.Value
			label := "n/a"
			if rel.Defined {
				vals[int(y)] = d
				label = fmt.Sprintf("%+.1f%%", d)
				if d == 0 {
					label = "0%"
				}
				lo, hi = math.Min(lo, d), math.Max(hi, d)
			}
			if d < 0 {
				neg.XYs = append(neg.XYs, plotter.XY{X: d, Y: y})
				neg.Labels = append(neg.Labels, label)
			} else {
				pos.XYs = append(pos.XYs, plotter.XY{X: d, Y: y})
				pos.Labels = append(pos.Labels, label)
			}
		}
		b := bars(vals, w, runColour(j+1), 0)
		if b == nil {
			continue
		}
		b.Horizontal = true
		p.Add(b)
		p.Legend.Add(run.Name, b)
	}
	for _, l := range []struct {
		xy    plotter.XYLabels
		align draw.XAlignment
		dx    vg.Length
	}{{pos, draw.XLeft, st.pt(3)}, {neg, draw.XRight, -st.pt(3)}} {
		if len(l.xy.XYs) == 0 {
			continue
		}
		labels, err := plotter.NewLabels(l.xy)
		if err != nil {
			continue
		}
		for i := range labels.TextStyle {
			labels.TextStyle[i].Font = st.font(9)
			labels.TextStyle[i].Color = text90
			labels.TextStyle[i].XAlign = l.align
			labels.TextStyle[i].YAlign = draw.YCenter
		}
		labels.Offset = vg.Point{X: l.dx}
		p.Add(labels)
	}
	var ticks []plot.Tick
	for kp, fig := range deltaKPIs {
		centre := float64((k-1-kp)*(v+1)) + float64(v-1)/2
		ticks = append(ticks, plot.Tick{Value: centre, Label: fig.Short(st.lang)})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	// Empty rows below the bars hold the legend.
	p.Y.Min, p.Y.Max = -1.5-1.2*float64(v), float64(slots)-1
	pad := math.Max(8, (hi-lo)*0.2) // room for the value labels
	p.X.Min, p.X.Max = lo-pad, hi+pad
	p.X.Tick.Marker = percentPointTicks{}
	st.line(p, []float64{0, 0}, []float64{-1, float64(slots) - 1}, grey, 0.75, false)
	p.Legend.Top = false
	p.Legend.Left = false
	return p
}

// percentPointTicks labels ticks that already are percentages.
type percentPointTicks struct{}

func (percentPointTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = trimZeros(strconv.FormatFloat(ticks[i].Value, 'f', 1, 64)) + "%"
		}
	}
	return ticks
}
