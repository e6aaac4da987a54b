package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
)

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
		panel := WaterfallPanel{KPI: a.KPI.Short(lang), Money: a.KPI.Unit() == kpi.Money, Base: a.Base, Variant: a.Variant}
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

// Waterfall is the attribution of a variant's change, one panel per KPI.
type Waterfall struct {
	Header
	Base    string // the base's display name, e.g. "Base"
	Variant string // the variant's display name
	// Exact is true for an exact attribution over Subsets subsets;
	// otherwise Orderings random orderings were averaged.
	Exact     bool
	Subsets   int
	Orderings int
	Panels    []WaterfallPanel
}

// WaterfallPanel walks one KPI from the base to the variant.
type WaterfallPanel struct {
	KPI           string // display name
	Money         bool
	Base, Variant float64
	Steps         []Step // in the order drawn, top to bottom
}

// Step is one changed parameter's share of the change.
type Step struct {
	Name          string
	Value, StdErr float64 // StdErr is 0 for an exact attribution
}

func (w *Waterfall) plots(st *style) [][]*plot.Plot {
	if len(w.Panels) == 0 {
		return [][]*plot.Plot{{st.placeholder(st.t(msgWaterfallTitle, "", w.Variant), st.t(msgNothingToDraw))}}
	}
	var rows [][]*plot.Plot
	for k, panel := range w.Panels {
		title := ""
		if k == 0 {
			note := st.t(msgShapleyExact, w.Subsets)
			if !w.Exact {
				note = st.t(msgShapleySampled, w.Orderings)
			}
			title = st.t(msgWaterfallTitle, Printable(st.in.Scenario), Printable(w.Variant)) + "\n" + note
		}
		rows = append(rows, []*plot.Plot{st.waterfall(title, w, &panel)})
	}
	return rows
}

func (st *style) waterfall(title string, w *Waterfall, panel *WaterfallPanel) *plot.Plot {
	p := st.newPlot(title, st.kpiAxis(panel.KPI, panel.Money), "")
	n := len(panel.Steps) + 2
	names := []string{w.Base}
	for _, s := range panel.Steps {
		names = append(names, s.Name)
	}
	names = append(names, w.Variant)
	y := func(row int) float64 { return float64(n - 1 - row) }
	const h = 0.62
	lo, hi := math.Min(panel.Base, panel.Variant), math.Max(panel.Base, panel.Variant)
	cum := panel.Base
	for _, s := range panel.Steps {
		cum += s.Value
		lo, hi = math.Min(lo, cum-s.StdErr), math.Max(hi, cum+s.StdErr)
		lo, hi = math.Min(lo, cum-s.Value), math.Max(hi, cum-s.Value)
	}
	span := hi - lo
	if span == 0 {
		span = math.Max(1, math.Abs(hi))
	}
	// Start the axis at 0 unless the bars would dwarf the steps.
	floor, broken := math.Min(0, lo), false
	switch {
	case lo > 0 && lo > 2*span:
		floor, broken = lo-0.6*span, true
	case hi < 0 && -hi > 2*span:
		floor, broken = hi+0.6*span, true
	}
	var posXY, negXY plotter.XYs
	var posText, negText []string
	total := func(row int, v float64, c color.Color) {
		hbar(p, floor, v, y(row), h, c)
		xy := plotter.XY{X: v, Y: y(row)}
		if v >= floor {
			posXY, posText = append(posXY, xy), append(posText, st.valueText(v, panel.Money))
		} else {
			negXY, negText = append(negXY, xy), append(negText, st.valueText(v, panel.Money))
		}
	}
	total(0, panel.Base, grey)
	cum = panel.Base
	for i, s := range panel.Steps {
		row := i + 1
		c := green
		if s.Value < 0 {
			c = vermillion
		}
		hbar(p, cum, cum+s.Value, y(row), h, c)
		st.line(p, []float64{cum, cum}, []float64{y(row-1) - h/2, y(row) + h/2}, grey, 0.5, true)
		next := cum + s.Value
		if s.StdErr > 0 {
			st.line(p, []float64{next - s.StdErr, next + s.StdErr}, []float64{y(row), y(row)}, black, 1, false)
		}
		text := st.valueText(s.Value, panel.Money)
		if s.Value > 0 {
			text = "+" + text
		}
		end := math.Max(cum, next) + s.StdErr
		if s.Value < 0 {
			negXY, negText = append(negXY, plotter.XY{X: math.Min(cum, next) - s.StdErr, Y: y(row)}), append(negText, text)
		} else {
			posXY, posText = append(posXY, plotter.XY{X: end, Y: y(row)}), append(posText, text)
		}
		cum = next
	}
	st.line(p, []float64{cum, cum}, []float64{y(n-2) - h/2, y(n-1) + h/2}, grey, 0.5, true)
	total(n-1, panel.Variant, blue)
	st.labels(p, posXY, posText, 3, 9)
	st.labels(p, negXY, negText, -3, 9)
	p.Y.Tick.Marker = rowTicks(names)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	pad := 0.22 * (hi - math.Min(floor, lo))
	if pad == 0 {
		pad = 1
	}
	p.X.Min = math.Min(floor, lo) - 0.05*pad
	if lo < floor {
		p.X.Min = lo - pad
	}
	p.X.Max = hi + pad
	p.X.Tick.Marker = humanTicks{st.lang}
	if broken {
		p.X.Label.Text += " " + st.t(msgAxisNotAtZero)
	}
	return p
}
