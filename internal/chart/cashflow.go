package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
)

// cashFlow draws operating margin and acquisition spend by period, and the
// cumulative discounted cash flow with the payback of a cohort marked.
func (st *style) cashFlow() [][]*plot.Plot {
	r := st.current()
	h := r.Model.Horizon
	xs := periods(h)
	margin, spend, net, cum := make([]float64, h), make([]float64, h), make([]float64, h), r.CumulativeDiscountedNetCashFlow
	for t := range h {
		f := &r.Totals[t]
		margin[t] = f.Revenue - f.Discount - f.CostToServe - f.RetentionSpend
		spend[t] = -(f.AcquisitionSpend + f.WinbackSpend)
		net[t] = f.NetCashFlow
	}
	if lo, hi := span(margin, spend); lo == 0 && hi == 0 {
		return [][]*plot.Plot{{st.placeholder(st.title(msgCashFlowTitle), st.t(msgNoCustomers))}}
	}
	top := st.newPlot(st.title(msgCashFlowTitle), "", st.moneyLabel(msgCumulative))
	top.Y.Label.Text = st.in.Currency
	w := st.barWidth(2*h, 1)
	mb, sb := bars(margin, w, green, -w/2), bars(spend, w, vermillion, w/2)
	top.Add(mb, sb)
	bands := st.bands()
	if bands != nil {
		st.fan(top, bands.NetCashFlow, color.RGBA{0x33, 0x33, 0x33, 0xff})
	}
	top.Legend.Add(st.t(msgOperatingMargin), mb)
	top.Legend.Add(st.t(msgAcquisitionSpend), sb)
	if l := st.line(top, xs, net, black, 1.25, false); l != nil {
		top.Legend.Add(st.t(msgNetCashFlow), l)
	}
	bottom := st.newPlot(st.t(msgCumulativeTitle), st.periodLabel(), st.moneyLabel(msgCumulative))
	st.line(bottom, xs, make([]float64, h), grey, 0.75, false)
	if bands != nil {
		st.fan(bottom, bands.CumulativeDiscountedNetCashFlow, blue)
		bottom.Legend.Left = true
	}
	current := st.line(bottom, xs, cum, blue, 2, false)
	if b := st.overlay(); b != nil && current != nil {
		bottom.Legend.Add(st.in.Runs[st.in.Current].Name, current)
		st.dashed(bottom, b.CumulativeDiscountedNetCashFlow)
	}
	payback := r.Summary.PaybackPeriods
	for _, p := range []*plot.Plot{top, bottom} {
		p.Y.Tick.Marker = humanTicks{st.lang}
		p.X.Min, p.X.Max = -0.5, float64(h)-0.5
		p.Legend.Left = true
	}
	lo, hi := span(margin, spend, net)
	lo2, hi2 := span(cum)
	lines := 4
	if bands != nil {
		lines += 3
		for _, b := range bands.NetCashFlow {
			lo, hi = math.Min(lo, b.P5), math.Max(hi, b.P95)
		}
	}
	headroom(top, lo, hi, lines, 0.5)
	if payback.Defined && payback.Value > 0 {
		x := payback.Value - 0.5 // the boundary after the payback period
		label := st.t(msgPayback, st.count(int(payback.Value)))
		if l := st.vline(top, x, lo, hi, purple); l != nil {
			top.Legend.Add(label, l)
		}
		st.vline(bottom, x, lo2, hi2, purple)
	} else if !payback.Defined {
		top.Legend.Add(st.t(msgNoPayback))
	}
	return [][]*plot.Plot{{top}, {bottom}}
}
