package chart

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// The charts of `clvlab segment`, drawn from plain numbers (package
// segment classifies, package report fills these): the matrix with its
// customers and value per cell (SegmentMatrix), and ABC's Pareto curve
// (ParetoCurve).

// MatrixCell is one cell of a segmentation matrix: its segment's name and
// colour index, and the customers and value in the cell with their shares
// of the whole base.
type MatrixCell struct {
	Segment string
	// Colour is the segment's index: cells of one segment share a colour.
	Colour           int
	Customers, Value float64
	// CustomerShare and ValueShare are of the whole base (0 to 1); NaN
	// value: the data give none.
	CustomerShare, ValueShare float64
}

// SegmentMatrix is a segmentation matrix: Cells[r][c] at row Rows[r] (the
// first on top) and column Cols[c], and the cells shown apart (CRVP's
// single-purchase customers) in a column of their own on the right.
type SegmentMatrix struct {
	Header
	// Title names the matrix, e.g. "CRVP: purchase cycle × purchase
	// amount", in the header's language.
	Title              string
	RowTitle, ColTitle string
	Rows, Cols         []string
	Cells              [][]MatrixCell
	Apart              []MatrixCell
	ApartTitle         string // the apart column's label
}

// segment chart message keys; segmentMessages holds their texts.
const (
	segCustomers = iota
	segValue
	segParetoTitle
	segShareCustomers
	segShareValue
	segEqual
	segCut
	numSegMessages
)

var segmentMessages = [numSegMessages][2]string{
	segCustomers:      {"%s customers (%s)", "%s 位客户（%s）"},
	segValue:          {"value %s (%s)", "价值 %s（%s）"},
	segParetoTitle:    {"Pareto curve: share of value held by the most valuable customers", "帕累托曲线：最有价值客户所占的价值份额"},
	segShareCustomers: {"Share of customers, most valuable first", "客户份额（按价值从高到低）"},
	segShareValue:     {"Cumulative share of value", "累计价值份额"},
	segEqual:          {"all customers equal", "所有客户价值相同"},
	segCut:            {"%s: %s of customers hold %s of value", "%s：%s 的客户占 %s 的价值"},
}

func (st *style) sm(key int, args ...any) string {
	s := segmentMessages[key][0]
	if st.lang == "zh" {
		s = segmentMessages[key][1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// percent formats a share as a percentage, one decimal below 10%.
func percent(x float64) string {
	switch {
	case math.IsNaN(x):
		return "–"
	case x > 0 && x < 0.1:
		return trimZeros(fmt.Sprintf("%.1f", 100*x)) + "%"
	}
	return fmt.Sprintf("%.0f%%", 100*x)
}

// tint mixes c with white: share 0 is white, 1 is c.
func tint(c color.Color, share float64) color.Color {
	r, g, b, _ := c.RGBA()
	m := func(v uint32) uint8 { return uint8(255 - share*(255-float64(v>>8)) + 0.5) }
	return color.RGBA{m(r), m(g), m(b), 0xff}
}

func (sm *SegmentMatrix) plots(st *style) [][]*plot.Plot {
	title := st.titled(Printable(sm.Title))
	nr, nc := len(sm.Rows), len(sm.Cols)
	if nr == 0 || nc == 0 || len(sm.Cells) != nr {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	for _, row := range sm.Cells {
		if len(row) != nc {
			return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
		}
	}
	p := st.newPlot(title, Printable(sm.ColTitle), Printable(sm.RowTitle))
	// Text size: the cells of a 5×5 matrix are small.
	size := 11.0
	if nr*nc > 9 {
		size = 8
	}
	gap := 0.0
	width := float64(nc)
	if len(sm.Apart) > 0 {
		gap = 0.25
		width += gap + 1
	}
	// A white ground over newPlot's grid lines: the cells are the grid.
	hbar(p, 0, width, float64(nr)/2, float64(nr), color.White)
	var xys plotter.XYs
	var texts []string
	cell := func(x0, y0 float64, c MatrixCell) {
		fill := tint(StageColour(c.Colour), 0.35)
		if c.Customers == 0 {
			fill = tint(StageColour(c.Colour), 0.12)
		}
		poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: y0}, {X: x0 + 1, Y: y0}, {X: x0 + 1, Y: y0 + 1}, {X: x0, Y: y0 + 1}})
		if err == nil {
			poly.Color = fill
			poly.LineStyle.Color = color.White
			poly.LineStyle.Width = st.pt(2)
			p.Add(poly)
		}
		lines := Printable(c.Segment) + "\n" + st.sm(segCustomers, Human(c.Customers, st.lang), percent(c.CustomerShare))
		if !math.IsNaN(c.ValueShare) {
			lines += "\n" + st.sm(segValue, Human(c.Value, st.lang), percent(c.ValueShare))
		}
		xys = append(xys, plotter.XY{X: x0 + 0.5, Y: y0 + 0.5})
		texts = append(texts, lines)
	}
	for r, row := range sm.Cells {
		for c, mc := range row {
			cell(float64(c), float64(nr-1-r), mc)
		}
	}
	for i, mc := range sm.Apart {
		cell(float64(nc)+gap, float64(nr-1-i), mc)
	}
	if l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts}); err == nil {
		for i := range l.TextStyle {
			l.TextStyle[i].Font = st.font(size)
			l.TextStyle[i].Color = text90
			l.TextStyle[i].XAlign = draw.XCenter
			l.TextStyle[i].YAlign = draw.YCenter
		}
		p.Add(l)
	}
	// The rows' and columns' names, as tick labels on axes without lines.
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, width, 0, float64(nr)
	var xt, yt plot.ConstantTicks
	for c, name := range sm.Cols {
		xt = append(xt, plot.Tick{Value: float64(c) + 0.5, Label: Printable(name)})
	}
	if len(sm.Apart) > 0 {
		xt = append(xt, plot.Tick{Value: float64(nc) + gap + 0.5, Label: Printable(sm.ApartTitle)})
	}
	for r, name := range sm.Rows {
		yt = append(yt, plot.Tick{Value: float64(nr-1-r) + 0.5, Label: Printable(name)})
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = xt, yt
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.LineStyle.Width, a.Tick.LineStyle.Width, a.Tick.Length = 0, 0, 0
	}
	return [][]*plot.Plot{{p}}
}
