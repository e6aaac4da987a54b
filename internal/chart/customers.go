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
	h := m.Horizon
	var layers [][]float64
	var colours []color.Color
	var names []string
	total := 0.0
	for i := range m.StageIDs {
		if m.IsCompetitor(i) {
			continue // not ours: the market's shares show them (market.go)
		}
		layer := make([]float64, h)
		for t := range h {
			for s := range m.Segments {
				layer[t] += r.Cell(t, s, i).Customers
			}
			total += layer[t]
		}
		layers = append(layers, layer)
		colours = append(colours, StageColour(i))
		names = append(names, st.stageName(i))
	}
	if total == 0 {
		return st.placeholder(st.title(msgCustomersTitle), st.t(msgNoCustomers))
	}
	p := st.newPlot(st.title(msgCustomersTitle), st.periodLabel(), st.t(msgCustomers))
	st.stack(p, periods(h), layers, colours, names)
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
