package chart

import (
	"gonum.org/v1/plot"

	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
)

// NewOptimumSlices returns the levers' slices as a chart input, with
// names in lang.
func NewOptimumSlices(s *scenarios.Scenario, o *whatif.Optimum, lang string) *OptimumSlices {
	c := &OptimumSlices{Header: headerOf(s, lang), KPI: o.KPI.Short(lang), Money: o.KPI.Unit() == kpi.Money}
	for _, l := range o.Levers {
		if l.Fixed {
			continue
		}
		ol := OptimumLever{Name: s.Label(l.Path, lang), Percent: l.Kind.Percent(), Current: l.Value, Optimum: l.Optimum}
		for _, p := range l.Slice {
			ol.Slice = append(ol.Slice, CurvePoint{X: p.X, KPI: p.KPI})
		}
		c.Levers = append(c.Levers, ol)
	}
	return c
}

// OptimumSlices shows the KPI along each lever through the optimum, with
// the current and the optimal value marked.
type OptimumSlices struct {
	Header
	KPI    string
	Money  bool
	Levers []OptimumLever
}

// OptimumLever is one lever's slice.
type OptimumLever struct {
	Name             string
	Percent          bool
	Slice            []CurvePoint // the KPI along the lever, the others at their optimum
	Current, Optimum float64
}

func (o *OptimumSlices) plots(st *style) [][]*plot.Plot {
	title := st.titled(st.t(msgOptimumTitle, Printable(o.KPI)))
	if len(o.Levers) == 0 {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	levers := o.Levers[:min(len(o.Levers), 6)]
	cols := 1
	if len(levers) > 3 {
		cols = 2
	}
	var rows [][]*plot.Plot
	for k, l := range levers {
		t := ""
		if k == 0 {
			t = title
		}
		y := o.KPI // the title names the KPI; the axis its unit, to fit short panels
		if o.Money {
			y = st.in.Currency
		}
		p := st.newPlot(t, Printable(l.Name), Printable(y))
		lo, hi, ok := curveSpan(l.Slice)
		if !ok {
			p = st.placeholder(t, st.t(msgNothingToDraw))
		} else {
			st.curveLines(p, l.Slice, blue)
			if v := st.vline(p, l.Current, lo, hi, grey); v != nil {
				p.Legend.Add(st.t(msgCurrent, paramText(l.Current, l.Percent)), v)
			}
			if v := st.line(p, []float64{l.Optimum, l.Optimum}, []float64{lo, hi}, purple, 2, false); v != nil {
				p.Legend.Add(st.t(msgOptimum, paramText(l.Optimum, l.Percent)), v)
			}
			headroom(p, lo, hi, 2, 1/float64(len(levers)))
			p.Y.Min = lo - 0.05*(hi-lo)
			p.X.Tick.Marker = axisTicks(l.Percent, st.lang)
			p.Y.Tick.Marker = humanTicks{st.lang}
			p.Legend.Left = true
		}
		if k%cols == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], p)
	}
	if last := rows[len(rows)-1]; len(last) < cols {
		rows[len(rows)-1] = append(last, st.placeholder("", ""))
	}
	return rows
}
