package chart

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// maxLayers caps the cohort layers of the layer cake; longer horizons group
// consecutive cohorts.
const maxLayers = 36

// cohorts draws the layer cake: net revenue by acquisition cohort.
func (st *style) cohorts() *plot.Plot {
	r := st.current()
	h := r.Model.Horizon
	g := (h + maxLayers - 1) / maxLayers // cohorts per layer
	nl := (h + g - 1) / g
	layers := make([][]float64, nl)
	total := 0.0
	for k := range layers {
		layers[k] = make([]float64, h)
		for c := k * g; c < min(h, (k+1)*g); c++ {
			for t := c; t < h; t++ {
				v := r.Cohort(c, t).NetRevenue
				layers[k][t] += v
				total += v
			}
		}
	}
	if total == 0 {
		return st.placeholder(st.title(msgCohortsTitle), st.t(msgNoCustomers))
	}
	p := st.newPlot(st.title(msgCohortsTitle), st.periodLabel(), st.moneyLabel(msgNetRevenue))
	colours := make([]color.Color, nl)
	names := make([]string, nl)
	for k := range colours {
		colours[k] = ramp(float64(k) / math.Max(1, float64(nl-1)))
	}
	for _, k := range []int{0, nl / 2, nl - 1} {
		first, last := k*g, min(h, (k+1)*g)-1
		if g == 1 {
			names[k] = st.t(msgCohortOf, st.periodName(), strconv.Itoa(first))
		} else {
			names[k] = st.t(msgCohortsOf, st.periodName(), fmt.Sprintf("%d-%d", first, last))
		}
	}
	st.stack(p, periods(h), layers, colours, names)
	if b := st.overlay(); b != nil {
		ys := make([]float64, b.Model.Horizon)
		for t := range ys {
			ys[t] = b.Totals[t].Revenue - b.Totals[t].Discount
		}
		st.dashed(p, ys)
	}
	p.Y.Min = 0
	p.Y.Tick.Marker = humanTicks{st.lang}
	p.Legend.Left = true
	return p
}

// ramp returns a colour from a sequential dark-blue → light-blue → yellow
// scale, readable with colour-vision deficiencies by its lightness.
func ramp(x float64) color.Color {
	stops := []color.RGBA{{0x0d, 0x2a, 0x63, 0xff}, {0x56, 0xb4, 0xe9, 0xff}, {0xf0, 0xe4, 0x42, 0xff}}
	x = math.Max(0, math.Min(1, x)) * float64(len(stops)-1)
	i := min(int(x), len(stops)-2)
	f := x - float64(i)
	mix := func(a, b uint8) uint8 { return uint8(float64(a) + f*(float64(b)-float64(a)) + 0.5) }
	a, b := stops[i], stops[i+1]
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}
