package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
	"clvlab/sim"
)

// NewSeekCurve returns goal seek's scan as a chart input, with names in
// lang.
func NewSeekCurve(s *scenarios.Scenario, r *whatif.SeekResult, lang string) *SeekCurve {
	c := &SeekCurve{Header: headerOf(s, lang), KPI: r.KPI.Short(lang), Param: s.Label(r.Parameter.Path, lang),
		Money: r.KPI.Unit() == kpi.Money, Share: r.KPI.Unit() == kpi.Share, Percent: r.Parameter.Kind.Percent(), Goal: r.Goal.String(), Target: r.Target,
		Current: r.Parameter.Value, Found: r.Found, Value: r.Value}
	for _, p := range r.Curve {
		c.Curve = append(c.Curve, CurvePoint{X: p.X, KPI: p.KPI})
	}
	return c
}

// CurvePoint is a KPI at one parameter value.
type CurvePoint struct {
	X   float64
	KPI sim.Optional
}

// SeekCurve is goal seek's scan of a KPI over a parameter, with the
// target and the answer.
type SeekCurve struct {
	Header
	KPI, Param string // display names
	Money      bool
	Share      bool   // the KPI is a share, shown as a percentage (the steady share)
	Percent    bool   // show the parameter as a percentage
	Goal       string // "=", "<=", ">=", "max" or "min"
	Target     float64
	Curve      []CurvePoint
	Current    float64
	Found      bool
	Value      float64 // the answer
}

// curveLines adds the defined stretches of a curve as lines.
func (st *style) curveLines(p *plot.Plot, curve []CurvePoint, c color.Color) *plotter.Line {
	var first *plotter.Line
	var xs, ys []float64
	flush := func() {
		if len(xs) > 1 {
			if l := st.line(p, xs, ys, c, 2, false); first == nil {
				first = l
			}
		} else if len(xs) == 1 {
			if s, err := plotter.NewScatter(plotter.XYs{{X: xs[0], Y: ys[0]}}); err == nil {
				s.Color = c
				p.Add(s)
			}
		}
		xs, ys = xs[:0], ys[:0]
	}
	for _, pt := range curve {
		if !pt.KPI.Defined {
			flush()
			continue
		}
		xs, ys = append(xs, pt.X), append(ys, pt.KPI.Value)
	}
	flush()
	return first
}

func curveSpan(curve []CurvePoint) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, pt := range curve {
		if pt.KPI.Defined {
			lo, hi, ok = math.Min(lo, pt.KPI.Value), math.Max(hi, pt.KPI.Value), true
		}
	}
	return lo, hi, ok
}

func (s *SeekCurve) plots(st *style) [][]*plot.Plot {
	goal := s.Goal
	switch goal {
	case "=", "<=", ">=":
		goal += " " + st.kpiText(s.Target, s.Money, s.Share)
	}
	title := st.titled(st.t(msgSeekTitle, Printable(s.Param), Printable(s.KPI), goal))
	lo, hi, ok := curveSpan(s.Curve)
	if !ok || len(s.Curve) < 2 {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	p := st.newPlot(title, Printable(s.Param), st.kpiAxis(s.KPI, s.Money))
	x0, x1 := s.Curve[0].X, s.Curve[len(s.Curve)-1].X
	if l := st.curveLines(p, s.Curve, blue); l != nil {
		p.Legend.Add(Printable(s.KPI), l)
	}
	if s.Goal != "max" && s.Goal != "min" {
		lo, hi = math.Min(lo, s.Target), math.Max(hi, s.Target)
		if l := st.line(p, []float64{x0, x1}, []float64{s.Target, s.Target}, vermillion, 1.25, true); l != nil {
			p.Legend.Add(st.t(msgTarget, st.kpiText(s.Target, s.Money, s.Share)), l)
		}
	}
	if s.Current >= x0 && s.Current <= x1 {
		if l := st.vline(p, s.Current, lo, hi, grey); l != nil {
			p.Legend.Add(st.t(msgCurrent, paramText(s.Current, s.Percent)), l)
		}
	}
	if s.Found {
		if l := st.line(p, []float64{s.Value, s.Value}, []float64{lo, hi}, purple, 2, false); l != nil {
			p.Legend.Add(st.t(msgAnswer, paramText(s.Value, s.Percent)), l)
		}
	} else {
		p.Legend.Add(st.t(msgNoAnswer))
	}
	headroom(p, lo, hi, 4, 1)
	p.Y.Min = lo - 0.05*(hi-lo)
	p.X.Min, p.X.Max = x0, x1
	p.X.Tick.Marker = axisTicks(s.Percent, st.lang)
	p.Y.Tick.Marker = axisTicks(s.Share, st.lang)
	p.Legend.Left = true
	return [][]*plot.Plot{{p}}
}
