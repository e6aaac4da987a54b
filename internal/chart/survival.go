package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
)

// survival draws the share of a cohort still active by tenure, and its
// stage mix.
func (st *style) survival() [][]*plot.Plot {
	r := st.current()
	m := r.Model
	h, n := m.Horizon, len(m.StageIDs)
	xs := periods(h)
	tenure := st.t(msgTenure, st.periodName())
	top := st.newPlot(st.title(msgSurvivalTitle), "", st.t(msgShareActive))
	if len(m.Segments) > 1 {
		for s, seg := range r.Summary.Segments {
			ys := make([]float64, h)
			for τ := range h {
				ys[τ] = r.SegmentSurvival(s, τ)
			}
			if l := st.line(top, xs, ys, runColour(s+1), 1.25, true); l != nil {
				name := seg.ID
				if s < len(st.in.Segments) {
					name = st.in.Segments[s]
				}
				top.Legend.Add(name, l)
			}
		}
	}
	if l := st.line(top, xs, r.Summary.Survival, black, 2.25, false); l != nil {
		top.Legend.Add(st.t(msgSurvival), l)
	}
	if b := st.overlay(); b != nil {
		if l := st.line(top, periods(b.Model.Horizon), b.Summary.Survival, grey, 2, true); l != nil {
			top.Legend.Add(st.in.Runs[0].Name, l)
		}
	}
	top.Y.Min, top.Y.Max = 0, 1
	top.Y.Tick.Marker = percentTicks{}
	top.Legend.Left = false
	if st.in.Classes {
		// Latent classes: the retention rate rising with tenure says
		// what the stage mix of one active stage cannot.
		return [][]*plot.Plot{{top}, {st.retentionPlot(st.t(msgRetentionTitle))}}
	}

	bottom := st.newPlot(st.t(msgStageMixTitle), tenure, st.t(msgShareOfCohort))
	layers := make([][]float64, n+1)
	for i := range layers {
		layers[i] = make([]float64, h)
	}
	mix := make([]float64, 0, n)
	for τ := range h {
		mix = r.CohortMix(mix, τ)
		for i, x := range mix {
			layers[i][τ] = x
		}
		layers[n][τ] = math.Max(0, 1-r.Summary.Survival[τ])
	}
	colours := make([]color.Color, n+1)
	for i := range n {
		colours[i] = StageColour(i)
	}
	colours[n] = lightGrey
	names := append(append([]string(nil), st.in.Stages...), st.t(msgLost))
	st.stack(bottom, xs, layers, colours, names)
	bottom.Y.Min, bottom.Y.Max = 0, 1
	bottom.Y.Tick.Marker = percentTicks{}
	bottom.Legend.Left = false
	return [][]*plot.Plot{{top}, {bottom}}
}
