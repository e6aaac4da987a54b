package chart

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/internal/kpi"
	"clvlab/sim"
)

// title returns the chart title with the scenario, and the run where it is
// not the base, on a second line.
func (st *style) title(key int) string {
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
	if b := st.overlay(); b != nil {
		st.dashed(p, active(b))
	}
	if bands := st.bands(); bands != nil {
		st.fan(p, bands.ActiveCustomers, color.RGBA{0x33, 0x33, 0x33, 0xff})
	}
	p.Y.Min = 0
	p.Y.Tick.Marker = humanTicks{st.lang}
	p.Legend.Left = true
	return p
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

// maxLayers caps the cohort layers of the layer cake; longer horizons group
// consecutive cohorts.
const maxLayers = 36

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

// barWidth returns a bar width for n bar slots across a plot that spans
// the given share of the figure width.
func (st *style) barWidth(n int, share float64) vg.Length {
	w, _ := Size{int(800 * st.scale), 0}.Points()
	return vg.Length(math.Max(1, float64(w)*share*0.85/float64(max(n, 1))))
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
			top.Add(b)
			top.Legend.Add(fig.Short(st.lang), b)
		}
	}
	top.NominalX(names...)
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
			bottom.Add(b)
		}
	}
	bottom.NominalX(labels...)
	st.line(bottom, []float64{-0.5, float64(len(contrib)) - 0.5}, []float64{0, 0}, grey, 0.75, false)
	for _, p := range []*plot.Plot{top, bottom} {
		p.Y.Tick.Marker = humanTicks{st.lang}
		p.Y.Min = math.Min(0, p.Y.Min)
	}
	// Headroom for the legend above the tallest bar.
	top.Y.Max *= 1.3
	return [][]*plot.Plot{{top}, {bottom}}
}

func (st *style) comparison() [][]*plot.Plot {
	if len(st.in.Runs) < 2 {
		return [][]*plot.Plot{{st.placeholder(st.t(msgComparisonTitle)+"\n"+st.in.Scenario, st.t(msgNoVariants))}}
	}
	title := st.t(msgComparisonTitle)
	if st.in.Scenario != "" {
		title += "\n" + st.in.Scenario
	}
	top := st.newPlot(title, "", st.moneyLabel(msgCumulative))
	bottom := st.newPlot("", st.periodLabel(), st.t(msgCustomersOverTime))
	for i, run := range st.in.Runs {
		r := run.Result
		xs := periods(r.Model.Horizon)
		width, dashed := 1.75, false
		if i == 0 {
			width, dashed = 2.25, true
		}
		if l := st.line(top, xs, r.CumulativeDiscountedNetCashFlow, runColour(i), width, dashed); l != nil {
			top.Legend.Add(run.Name, l)
		}
		st.line(bottom, xs, active(r), runColour(i), width, dashed)
	}
	for _, p := range []*plot.Plot{top, bottom} {
		p.Y.Tick.Marker = humanTicks{st.lang}
		p.Legend.Left = true
	}
	bottom.Y.Min = 0
	return [][]*plot.Plot{{top}, {bottom}}
}

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
