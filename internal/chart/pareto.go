package chart

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// ParetoCurve is ABC's Pareto curve: the cumulative share of value held
// by the most valuable customers against their share of the customers
// (both 0 to 1), with the classes' cut points marked.
type ParetoCurve struct {
	Header
	Customers, Value []float64
	// Cuts are the classes' boundaries on the curve: the share of
	// customers and of value at the end of each class but the last, and
	// the class's name.
	Cuts []ParetoCut
}

// ParetoCut is the end of a class on the Pareto curve.
type ParetoCut struct {
	Class            string
	Customers, Value float64
}

func (pc *ParetoCurve) plots(st *style) [][]*plot.Plot {
	title := st.titled(st.sm(segParetoTitle))
	if len(pc.Customers) < 2 || len(pc.Value) != len(pc.Customers) {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	p := st.newPlot(title, st.sm(segShareCustomers), st.sm(segShareValue))
	// The diagonal: every customer worth the same.
	if l := st.line(p, []float64{0, 1}, []float64{0, 1}, grey, 1, true); l != nil {
		p.Legend.Add(st.sm(segEqual), l)
	}
	st.line(p, pc.Customers, pc.Value, blue, 2, false)
	var xys plotter.XYs
	var texts []string
	for i, c := range pc.Cuts {
		st.line(p, []float64{c.Customers, c.Customers}, []float64{0, c.Value}, runColour(2+i), 1, true)
		st.line(p, []float64{0, c.Customers}, []float64{c.Value, c.Value}, runColour(2+i), 1, true)
		st.points(p, []float64{c.Customers}, []float64{c.Value}, color.Black, draw.CircleGlyph{})
		xys = append(xys, plotter.XY{X: c.Customers, Y: c.Value - 0.05}) // below the curve
		texts = append(texts, st.sm(segCut, Printable(c.Class), percent(c.Customers), percent(c.Value)))
	}
	st.labels(p, xys, texts, 6, 10)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1.02
	p.X.Tick.Marker, p.Y.Tick.Marker = percentTicks{}, percentTicks{}
	p.Legend.Left, p.Legend.Top = false, false
	return [][]*plot.Plot{{p}}
}
