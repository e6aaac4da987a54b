package chart

import (
	"image/color"
	"strconv"

	"gonum.org/v1/plot"
)

// customerRows is the customers chart: the customers plot, and for a
// scenario with competitor stages (sim.Model.Competitor) the market's
// shares below it, the competitors' customers shown apart from ours.
func (st *style) customerRows() [][]*plot.Plot {
	top := st.customers()
	if !st.current().Model.HasCompetitors() {
		return [][]*plot.Plot{{top}}
	}
	return [][]*plot.Plot{{top}, {st.marketShare()}}
}

// marketShare draws the brand-switching market's shares by period: ours
// (a thick black line), each competitor's (its stage colour, dashed),
// each of our stages' when we have several, the baseline's share of ours
// (grey, dashed) and our steady-state share (a thin line across); with
// Monte Carlo bands, the fans of our share and of each competitor's under
// the lines.
func (st *style) marketShare() *plot.Plot {
	r := st.current()
	m, mk := r.Model, r.Summary.Market
	h := m.Horizon
	xs := periods(h)
	p := st.newPlot(st.t(msgMarketTitle), st.periodLabel(), st.t(msgMarketShare))
	if b := st.bands(); b != nil && b.MarketShare != nil {
		for i := range m.StageIDs {
			if b.CompetitorShare[i] != nil {
				c, _ := color.RGBAModel.Convert(StageColour(i)).(color.RGBA)
				st.fan(p, b.CompetitorShare[i], c, fanFilled, false)
			}
		}
		st.fan(p, b.MarketShare, color.RGBA{0x33, 0x33, 0x33, 0xff}, fanFilled, false)
	}
	ours := 0
	for i := range m.StageIDs {
		if !m.IsCompetitor(i) {
			ours++
		}
	}
	for i := range m.StageIDs {
		if !m.IsCompetitor(i) && ours == 1 {
			continue // our one stage is our share, drawn below
		}
		ys := make([]float64, h)
		for t := range h {
			ys[t] = r.MarketShare(t, i)
		}
		if l := st.line(p, xs, ys, StageColour(i), 1.5, m.IsCompetitor(i)); l != nil {
			p.Legend.Add(st.stageName(i), l)
		}
	}
	if b := st.overlay(); b != nil && b.Summary.Market != nil {
		if l := st.line(p, periods(b.Model.Horizon), b.Summary.Market.Share, grey, 2, true); l != nil {
			p.Legend.Add(st.in.Runs[0].Name, l)
		}
	}
	if l := st.line(p, xs, mk.Share, black, 2.25, false); l != nil {
		p.Legend.Add(st.t(msgOurShare), l)
	}
	if mk.SteadyShare.Defined {
		v := mk.SteadyShare.Value
		if l := st.line(p, []float64{0, float64(h - 1)}, []float64{v, v}, black, 0.75, true); l != nil {
			p.Legend.Add(st.t(msgSteadyShare, strconv.FormatFloat(100*v, 'f', 2, 64)+"%"), l)
		}
	}
	p.Y.Min, p.Y.Max = 0, 1
	p.Y.Tick.Marker = percentTicks{}
	p.Legend.Left = false
	p.Legend.Top = true
	return p
}

// stageName returns stage i's display name, or its id.
func (st *style) stageName(i int) string {
	if i < len(st.in.Stages) {
		return st.in.Stages[i]
	}
	return st.current().Model.StageIDs[i]
}
