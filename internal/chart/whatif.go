package chart

import (
	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
)

// Chart inputs from the results of the what-if analyses (package whatif),
// with the scenario's names in lang ("en" or "zh").

// headerOf returns the header of a chart of s in lang.
func headerOf(s *scenarios.Scenario, lang string) Header {
	return Header{Lang: lang, Scenario: s.Name.In(lang), Currency: s.Currency}
}

// percentKind reports whether a parameter of kind k is shown as a
// percentage.
func percentKind(k scenarios.Kind) bool { return k.Percent() }

// NewWaterfall returns the attribution of a comparison as a chart input,
// with names in lang.
func NewWaterfall(s *scenarios.Scenario, c *whatif.Comparison, lang string) *Waterfall {
	base := "Base"
	if lang == "zh" {
		base = "基准"
	}
	w := &Waterfall{Header: headerOf(s, lang), Base: base, Variant: c.Title.In(lang),
		Exact: c.Exact, Subsets: 1 << len(c.Players), Orderings: c.Permutations}
	for _, a := range c.Attribution {
		panel := WaterfallPanel{KPI: a.KPI.Label(lang), Money: a.KPI.Unit() == kpi.Money, Base: a.Base, Variant: a.Variant}
		for i, p := range c.Players {
			name := p.Name
			if len(p.Settings) == 1 {
				name = s.Label(p.Name, lang)
			}
			panel.Steps = append(panel.Steps, Step{Name: name, Value: a.Shapley[i], StdErr: a.StdErr[i]})
		}
		w.Panels = append(w.Panels, panel)
	}
	return w
}

// NewTornado returns a tornado as a chart input, with names in lang.
func NewTornado(s *scenarios.Scenario, t *whatif.Tornado, lang string) *Tornado {
	c := &Tornado{Header: headerOf(s, lang), KPI: t.KPI.Label(lang), Money: t.KPI.Unit() == kpi.Money, Percent: t.Percent, Base: t.Base}
	for _, b := range t.Bars {
		c.Bars = append(c.Bars, TornadoBar{Name: s.Label(b.Path, lang), Low: b.Low, High: b.High,
			Percent: percentKind(b.Kind), KPILow: b.KPILow, KPIHigh: b.KPIHigh, Clamped: b.Clamped != ""})
	}
	return c
}

// NewHeatMap returns a grid as a chart input, with names in lang.
func NewHeatMap(s *scenarios.Scenario, g *whatif.Grid, lang string) *HeatMap {
	return &HeatMap{Header: headerOf(s, lang), KPI: g.KPI.Label(lang), Money: g.KPI.Unit() == kpi.Money,
		XName: s.Label(g.X.Path, lang), YName: s.Label(g.Y.Path, lang),
		XPercent: percentKind(g.X.Kind), YPercent: percentKind(g.Y.Kind),
		XValues: g.XValues, YValues: g.YValues, Z: g.Z, Level: g.Level, Current: &[2]float64{g.X.Value, g.Y.Value}}
}

// NewSeekCurve returns goal seek's scan as a chart input, with names in
// lang.
func NewSeekCurve(s *scenarios.Scenario, r *whatif.SeekResult, lang string) *SeekCurve {
	c := &SeekCurve{Header: headerOf(s, lang), KPI: r.KPI.Label(lang), Param: s.Label(r.Parameter.Path, lang),
		Money: r.KPI.Unit() == kpi.Money, Percent: percentKind(r.Parameter.Kind), Goal: r.Goal.String(), Target: r.Target,
		Current: r.Parameter.Value, Found: r.Found, Value: r.Value}
	for _, p := range r.Curve {
		c.Curve = append(c.Curve, CurvePoint{X: p.X, KPI: p.KPI})
	}
	return c
}

// NewOptimumSlices returns the levers' slices as a chart input, with
// names in lang.
func NewOptimumSlices(s *scenarios.Scenario, o *whatif.Optimum, lang string) *OptimumSlices {
	c := &OptimumSlices{Header: headerOf(s, lang), KPI: o.KPI.Label(lang), Money: o.KPI.Unit() == kpi.Money}
	for _, l := range o.Levers {
		if l.Fixed {
			continue
		}
		ol := OptimumLever{Name: s.Label(l.Path, lang), Percent: percentKind(l.Kind), Current: l.Value, Optimum: l.Optimum}
		for _, p := range l.Slice {
			ol.Slice = append(ol.Slice, CurvePoint{X: p.X, KPI: p.KPI})
		}
		c.Levers = append(c.Levers, ol)
	}
	return c
}
