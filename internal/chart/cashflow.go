package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
)

// cashFlow draws operating margin (bad debt, the revenue never collected,
// deducted) and acquisition spend by period, and the
// cumulative discounted cash flow with the payback of a cohort marked;
// with an existing customer base, today's customers' part of it beside.
func (st *style) cashFlow() [][]*plot.Plot {
	r := st.current()
	h := r.Model.Horizon
	xs := periods(h)
	margin, spend, net, cum := make([]float64, h), make([]float64, h), make([]float64, h), r.CumulativeDiscountedNetCashFlow
	for t := range h {
		f := &r.Totals[t]
		margin[t] = f.Revenue - f.Discount - f.BadDebt - f.CostToServe - f.RetentionSpend
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
	st.addBars(top, mb, sb)
	zero := make([]float64, h)
	st.placer(top).addColumns(xs, zero, margin)
	st.placer(top).addColumns(xs, spend, zero)
	bands := st.bands()
	var band plot.Thumbnailer
	if bands != nil {
		// The bands are explained in the legend of the plot below; here
		// the outer band alone gets an entry (seven would cover the bars).
		band = st.fan(top, bands.NetCashFlow, color.RGBA{0x33, 0x33, 0x33, 0xff}, fanFilled, false)
	}
	top.Legend.Add(st.t(msgOperatingMargin), mb)
	top.Legend.Add(st.t(msgAcquisitionSpend), sb)
	if l := st.line(top, xs, net, black, 1.25, false); l != nil {
		top.Legend.Add(st.t(msgNetCashFlow), l)
	}
	if band != nil {
		top.Legend.Add(st.t(msgBand90), band)
	}
	bottom := st.newPlot(st.t(msgCumulativeTitle), st.periodLabel(), st.moneyLabel(msgCumulative))
	st.guide(bottom, xs, make([]float64, h), grey, 0.75)
	if bands != nil {
		st.fan(bottom, bands.CumulativeDiscountedNetCashFlow, blue, fanFilled, true)
	}
	current := st.line(bottom, xs, cum, currentColour, 2, false)
	var existing []float64 // today's customers' part of cum
	if r.Existing != nil {
		existing = make([]float64, h)
		sum := 0.0
		for t := range h {
			sum += r.Existing[t].DiscountedNetCashFlow
			existing[t] = sum
		}
		if l := st.line(bottom, xs, existing, vermillion, 1.75, false); l != nil && current != nil {
			if st.overlay() == nil {
				bottom.Legend.Add(st.t(msgAllCustomers), current)
			}
			bottom.Legend.Add(st.t(msgExistingCustomers), l)
		}
	}
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
	lo2, hi2 := span(cum, existing)
	if bands != nil {
		for _, b := range bands.NetCashFlow {
			lo, hi = math.Min(lo, b.P5), math.Max(hi, b.P95)
		}
	}
	top.Y.Min = math.Min(top.Y.Min, lo)
	if payback.Defined && payback.Value > 0 {
		x := payback.Value - 0.5 // the boundary after the payback period
		label := st.t(msgPayback, st.count(int(payback.Value)))
		if st.vline(top, x, lo, hi, purple) != nil {
			// The note goes beside the line, above the bars under it,
			// which are low where a cohort pays back, and under the
			// legend.
			st.sideNote(top, x, label, mb, sb)
		}
		// Below, a shorter mark at the same period: the legend of the
		// trials and the baseline sits above it, in the corner the curve
		// leaves empty.
		st.vline(bottom, x, lo2, lo2+0.3*(hi2-lo2), purple)
	} else if !payback.Defined {
		top.Legend.Add(st.t(msgNoPayback))
	}
	// Room above the data for the legend, as high as it is drawn, and for
	// the payback note under it where it needs it (Figure.makeRoom).
	st.placer(top).keepAbove(hi, st.pt(4), hi+0.05*(hi-lo), true)
	return [][]*plot.Plot{{top}, {bottom}}
}
