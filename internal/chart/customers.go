package chart

import (
	"image/color"

	"gonum.org/v1/plot"
)

// customers draws the customers chart: the active customers by lifecycle
// stage, stacked, with the baseline's total dashed, and, for a scenario
// with an existing customer base, the part of them that are today's
// customers as a line.
func (st *style) customers() *plot.Plot {
	r := st.current()
	m := r.Model
	n, h := len(m.StageIDs), m.Horizon
	layers := make([][]float64, n)
	total := 0.0
	for i := range layers {
		layers[i] = make([]float64, h)
		for t := range h {
			for s := range m.Segments {
				layers[i][t] += r.Cell(t, s, i).Customers
			}
			total += layers[i][t]
		}
	}
	if total == 0 {
		return st.placeholder(st.title(msgCustomersTitle), st.t(msgNoCustomers))
	}
	p := st.newPlot(st.title(msgCustomersTitle), st.periodLabel(), st.t(msgCustomers))
	colours := make([]color.Color, n)
	for i := range colours {
		colours[i] = StageColour(i)
	}
	st.stack(p, periods(h), layers, colours, st.in.Stages)
	if r.Existing != nil {
		// Today's customers, a layer of the stack: what is left of them.
		base := make([]float64, h)
		for t := range h {
			base[t] = r.Existing[t].Customers
		}
		if l := st.line(p, periods(h), base, black, 1.75, false); l != nil {
			p.Legend.Add(st.t(msgExistingCustomers), l)
		}
	}
	if b := st.overlay(); b != nil {
		st.dashed(p, active(b))
	}
	if bands := st.bands(); bands != nil {
		st.fan(p, bands.ActiveCustomers, color.RGBA{0x33, 0x33, 0x33, 0xff}, fanOutline, true)
	}
	p.Y.Min = 0
	p.Y.Tick.Marker = humanTicks{st.lang}
	p.Legend.Left = true
	return p
}
