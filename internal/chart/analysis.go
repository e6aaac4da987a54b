package chart

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/scenarios"
)

// Analysis is a what-if result to draw: a *Waterfall, *Tornado, *HeatMap,
// *SeekCurve or *OptimumSlices, one file each with its adapter from
// package whatif's result (NewWaterfall, ...). Like Input, each holds
// display names and numbers only: the drawing code reads no scenario.
type Analysis interface {
	header() *Header
	plots(st *style) [][]*plot.Plot
}

// Header is what every analysis chart shows besides its data.
type Header struct {
	Lang     string // "en" (default) or "zh"
	Scenario string // scenario name
	Currency string // e.g. "CNY"
}

func (h *Header) header() *Header { return h }

// analysisKind marks figures of analysis charts (no periods on their x
// axis).
const analysisKind Kind = -1

// BuildAnalysis builds the chart of a what-if analysis at size.
func BuildAnalysis(a Analysis, size Size) (*Figure, error) {
	if err := registerFont(); err != nil {
		return nil, fmt.Errorf("chart: font: %w", err)
	}
	if size.W < 100 || size.H < 100 {
		return nil, fmt.Errorf("chart: size %dx%d is too small (at least 100x100)", size.W, size.H)
	}
	if a == nil {
		return nil, errors.New("chart: no analysis to draw")
	}
	h := a.header()
	lang := h.Lang
	if lang != "zh" {
		lang = "en"
	}
	st := &style{
		in:      &Input{Lang: lang, Scenario: Printable(h.Scenario), Currency: Printable(h.Currency)},
		lang:    lang,
		scale:   size.scale(),
		period:  "month",
		short:   size.ShortTitle,
		placers: map[*plot.Plot]*legendPlacer{},
	}
	if size.ShortTitle {
		st.in.Scenario = ""
	}
	f := &Figure{kind: analysisKind, size: size}
	f.setRows(st, a.plots(st))
	if t, ok := a.(*Tornado); ok && len(t.Bars) > 0 && t.Base.Defined {
		f.rowsShown = min(len(t.Bars), t.maxBars())
		f.fewerRows = func(n int) {
			c := *t
			c.MaxBars = n
			f.setRows(st, c.plots(st))
			f.rowsShown = n
		}
	}
	if hm, ok := a.(*HeatMap); ok && hm.bar != nil {
		f.layout = sideBar
	}
	return f, nil
}

// setRows makes rows, built with st, the figure's plots, with their
// legend placers.
func (f *Figure) setRows(st *style, rows [][]*plot.Plot) {
	f.rows, f.placers = rows, f.placers[:0]
	for _, row := range rows {
		for _, p := range row {
			if lp := st.placers[p]; lp != nil {
				f.placers = append(f.placers, lp)
			}
		}
	}
}

// sideBar lays out a heat map (rows[0][0]) with its colour bar
// (rows[0][1]) in a narrow column on the right.
func sideBar(f *Figure, c draw.Canvas) {
	pad := vg.Length(f.size.W) * vg.Inch / 96 / 80
	c = draw.Crop(c, pad/2, -pad, pad, -pad/2)
	w := c.Max.X - c.Min.X
	main := draw.Crop(c, 0, -0.16*w, 0, 0)
	f.drawPlot(f.rows[0][0], main)
	// The bar spans the heat map's data area, top to bottom.
	data := f.data[len(f.data)-1].rect
	bar := draw.Crop(c, 0.87*w, 0, 0, 0)
	bar.Min.Y, bar.Max.Y = data.Min.Y-pad/2, data.Max.Y+pad/2
	f.drawPlot(f.rows[0][1], bar)
}

// valueText formats a KPI value: grouped money or a plain number.
func (st *style) valueText(v float64, money bool) string {
	if money {
		return Human(v, st.lang)
	}
	return trimZeros(strconv.FormatFloat(v, 'f', 2, 64))
}

// kpiText formats a KPI's value as valueText does, or as a percentage
// for a share (the steady share: 43.75%).
func (st *style) kpiText(v float64, money, share bool) string {
	if share {
		return paramText(v, true)
	}
	return st.valueText(v, money)
}

// paramText formats a parameter value, as a percentage if it is a
// fraction or a probability.
func paramText(v float64, percent bool) string {
	if percent {
		return trimZeros(strconv.FormatFloat(100*v, 'f', 2, 64)) + "%"
	}
	if math.Abs(v) >= 1e4 {
		return Human(v, "en")
	}
	return trimZeros(strconv.FormatFloat(v, 'f', 2, 64))
}

// kpiAxis labels an axis with a KPI and, for money, the currency.
func (st *style) kpiAxis(kpi string, money bool) string {
	if money && st.in.Currency != "" {
		if st.lang == "zh" {
			return kpi + "（" + st.in.Currency + "）"
		}
		return kpi + " (" + st.in.Currency + ")"
	}
	return kpi
}

// titled returns a title with the scenario on a second line.
func (st *style) titled(title string) string {
	if st.in.Scenario == "" {
		return title
	}
	return title + "\n" + st.in.Scenario
}

// hbar adds a horizontal bar from x0 to x1 centred on y, of height h in y
// units.
func hbar(p *plot.Plot, x0, x1, y, h float64, c color.Color) *plotter.Polygon {
	poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: y - h/2}, {X: x1, Y: y - h/2}, {X: x1, Y: y + h/2}, {X: x0, Y: y + h/2}})
	if err != nil {
		return nil
	}
	poly.Color = c
	poly.LineStyle.Width = 0
	p.Add(poly)
	return poly
}

// labels adds text at points, aligned left (dx > 0) or right (dx < 0) of
// them.
func (st *style) labels(p *plot.Plot, xys plotter.XYs, texts []string, dx float64, size float64) {
	if len(xys) == 0 {
		return
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts})
	if err != nil {
		return
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Font = st.font(size)
		l.TextStyle[i].Color = text90
		l.TextStyle[i].YAlign = draw.YCenter
		if dx >= 0 {
			l.TextStyle[i].XAlign = draw.XLeft
		} else {
			l.TextStyle[i].XAlign = draw.XRight
		}
	}
	// YCenter centres the whole line box, descent included; raise the
	// text by a quarter of its size so that it sits on the bar's centre.
	l.Offset = vg.Point{X: st.pt(dx), Y: st.pt(size / 4)}
	p.Add(l)
}

// rowTicks labels rows 0..n−1 of a horizontal chart, names[0] on top.
func rowTicks(names []string) plot.ConstantTicks {
	n := len(names)
	ticks := make([]plot.Tick, n)
	for i, name := range names {
		ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: Printable(name)}
	}
	return ticks
}

// axisTicks returns percentage ticks or grouped numbers.
func axisTicks(percent bool, lang string) plot.Ticker {
	if percent {
		return percentTicks{}
	}
	return humanTicks{lang}
}

// headerOf returns the header of a chart of s in lang, for the adapters.
func headerOf(s *scenarios.Scenario, lang string) Header {
	return Header{Lang: lang, Scenario: s.Name.In(lang), Currency: s.Currency}
}
