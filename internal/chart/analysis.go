package chart

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/sim"
)

// Analysis is a what-if result to draw: a *Waterfall, *Tornado, *HeatMap,
// *SeekCurve or *OptimumSlices. Like Input, each holds display names and
// numbers only, so the package needs no scenario format.
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
		in:     &Input{Lang: lang, Scenario: printable(h.Scenario), Currency: printable(h.Currency)},
		lang:   lang,
		scale:  math.Min(float64(size.W)/800, float64(size.H)/500),
		period: "month",
	}
	f := &Figure{kind: analysisKind, rows: a.plots(st), size: size}
	if hm, ok := a.(*HeatMap); ok && hm.bar != nil {
		f.layout = sideBar
	}
	return f, nil
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
		ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: printable(name)}
	}
	return ticks
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
			title = st.t(msgWaterfallTitle, printable(st.in.Scenario), printable(w.Variant)) + "\n" + note
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

// Tornado is a one-at-a-time sensitivity analysis, bars ranked by swing.
type Tornado struct {
	Header
	KPI     string // display name
	Money   bool
	Percent float64      // the move, ±percent, for the title
	Base    sim.Optional // the KPI at the base values
	Bars    []TornadoBar // largest swing first
	// MaxBars caps the bars drawn (default 20); the rest are counted in a
	// note.
	MaxBars int
}

// TornadoBar is one parameter moved to its low and high value.
type TornadoBar struct {
	Name            string
	Low, High       float64      // the parameter's values
	Percent         bool         // show Low and High as percentages
	KPILow, KPIHigh sim.Optional // the KPI there
	Clamped         bool         // the range was pulled in to keep the scenario valid
}

func (t *Tornado) plots(st *style) [][]*plot.Plot {
	title := st.titled(st.t(msgTornadoTitle, printable(t.KPI)))
	if len(t.Bars) == 0 || !t.Base.Defined {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	max := t.MaxBars
	if max <= 0 {
		max = 20
	}
	bars := t.Bars[:min(len(t.Bars), max)]
	p := st.newPlot(title, st.kpiAxis(t.KPI, t.Money), "")
	n := len(bars)
	names := make([]string, n)
	base := t.Base.Value
	lo, hi := base, base
	var lowBar, highBar *plotter.Polygon
	var lXY, rXY plotter.XYs
	var lText, rText []string
	clamped := false
	for i, b := range bars {
		mark := ""
		if b.Clamped {
			mark, clamped = "*", true
		}
		names[i] = fmt.Sprintf("%s  %s - %s%s", printable(b.Name), paramText(b.Low, b.Percent), paramText(b.High, b.Percent), mark)
		y := float64(n - 1 - i)
		for _, side := range []struct {
			v    sim.Optional
			c    color.Color
			keep **plotter.Polygon
		}{{b.KPILow, orange, &lowBar}, {b.KPIHigh, blue, &highBar}} {
			if !side.v.Defined {
				continue
			}
			h := 0.34
			off := 0.18
			if side.c == blue {
				off = -0.18
			}
			if poly := hbar(p, base, side.v.Value, y+off, h, side.c); poly != nil && *side.keep == nil {
				*side.keep = poly
			}
			lo, hi = math.Min(lo, side.v.Value), math.Max(hi, side.v.Value)
			text := st.valueText(side.v.Value, t.Money)
			if side.v.Value >= base {
				rXY, rText = append(rXY, plotter.XY{X: side.v.Value, Y: y + off}), append(rText, text)
			} else {
				lXY, lText = append(lXY, plotter.XY{X: side.v.Value, Y: y + off}), append(lText, text)
			}
		}
		if !b.KPILow.Defined || !b.KPIHigh.Defined {
			names[i] += " (n/a)"
		}
	}
	if n <= 12 { // beyond, labels of neighbouring rows collide; tornado.csv has them
		st.labels(p, rXY, rText, 3, 8)
		st.labels(p, lXY, lText, -3, 8)
	}
	span := hi - lo
	if span == 0 {
		span = math.Max(1, math.Abs(base)*0.01)
	}
	p.X.Min, p.X.Max = lo-0.28*span, hi+0.28*span
	legendRows := 2.0
	p.Y.Min, p.Y.Max = -0.7, float64(n)-0.3+legendRows*0.9*float64(n)/20+0.6
	st.line(p, []float64{base, base}, []float64{-0.5, float64(n) - 0.5}, black, 1, false)
	p.Y.Tick.Marker = rowTicks(names)
	p.Y.Tick.Label.Font = st.font(9)
	p.X.Tick.Marker = humanTicks{st.lang}
	if highBar != nil {
		p.Legend.Add(st.t(msgAtHigh), highBar)
	}
	if lowBar != nil {
		p.Legend.Add(st.t(msgAtLow), lowBar)
	}
	p.Legend.Left = false
	p.Legend.Top = true
	notes := st.t(msgBaseValue, st.valueText(base, t.Money))
	if clamped {
		notes += "   " + st.t(msgClampedNote)
	}
	if more := len(t.Bars) - n; more > 0 {
		notes += "   " + st.t(msgMoreBars, more)
	}
	p.X.Label.Text += "\n" + notes
	return [][]*plot.Plot{{p}}
}

// HeatMap is a KPI over a grid of two parameters, with its level contour.
type HeatMap struct {
	Header
	KPI              string // display name
	Money            bool
	XName, YName     string
	XPercent         bool // show x values as percentages
	YPercent         bool
	XValues, YValues []float64
	Z                [][]sim.Optional // Z[j][i] at XValues[i], YValues[j]
	Level            float64          // the contour drawn, e.g. 0 for break-even
	// Current, if set, marks the scenario's own values (x, y).
	Current *[2]float64

	bar *plot.Plot // the colour bar, set by plots
}

// grid adapts a HeatMap to plotter.GridXYZ; undefined cells are NaN,
// which plotter.HeatMap draws in its NaN colour.
type grid struct{ h *HeatMap }

func (g grid) Dims() (c, r int) { return len(g.h.XValues), len(g.h.YValues) }
func (g grid) X(c int) float64  { return g.h.XValues[c] }
func (g grid) Y(r int) float64  { return g.h.YValues[r] }
func (g grid) Z(c, r int) float64 {
	if v := g.h.Z[r][c]; v.Defined {
		return v.Value
	}
	return math.NaN()
}

// diverging is a colour map centred on a level: vermillion below, white
// at the level, blue above (Okabe–Ito ends, safe for colour-blind
// readers).
type diverging struct {
	min, max, level, alpha float64
}

func (d *diverging) At(v float64) (color.Color, error) {
	if v < d.min || v > d.max || math.IsNaN(v) {
		return nil, palette.ErrOverflow
	}
	mix := func(a, b color.RGBA, f float64) color.Color {
		m := func(x, y uint8) uint8 { return uint8(float64(x) + f*(float64(y)-float64(x)) + 0.5) }
		return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
	}
	white := color.RGBA{0xff, 0xff, 0xff, 0xff}
	if v < d.level {
		return mix(white, vermillion, math.Min(1, (d.level-v)/(d.level-d.min))), nil
	}
	if d.max == d.level {
		return white, nil
	}
	return mix(white, blue, math.Min(1, (v-d.level)/(d.max-d.level))), nil
}
func (d *diverging) Max() float64       { return d.max }
func (d *diverging) SetMax(v float64)   { d.max = v }
func (d *diverging) Min() float64       { return d.min }
func (d *diverging) SetMin(v float64)   { d.min = v }
func (d *diverging) Alpha() float64     { return d.alpha }
func (d *diverging) SetAlpha(a float64) { d.alpha = a }
func (d *diverging) Palette(n int) palette.Palette {
	cs := make([]color.Color, n)
	for i := range cs {
		c, _ := d.At(d.min + (d.max-d.min)*float64(i)/float64(max(1, n-1)))
		cs[i] = c
	}
	return colours(cs)
}

type colours []color.Color

func (c colours) Colors() []color.Color { return c }

func (hm *HeatMap) plots(st *style) [][]*plot.Plot {
	title := st.titled(st.t(msgHeatMapTitle, printable(hm.KPI), printable(hm.XName), printable(hm.YName)))
	nx, ny := len(hm.XValues), len(hm.YValues)
	if nx < 2 || ny < 2 || len(hm.Z) != ny {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	lo, hi, defined, undefined := math.Inf(1), math.Inf(-1), 0, 0
	for j := range hm.Z {
		if len(hm.Z[j]) != nx {
			return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
		}
		for _, v := range hm.Z[j] {
			if v.Defined {
				lo, hi, defined = math.Min(lo, v.Value), math.Max(hi, v.Value), defined+1
			} else {
				undefined++
			}
		}
	}
	if defined == 0 {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgUndefinedCells))}}
	}
	r := math.Max(math.Abs(hi-hm.Level), math.Abs(lo-hm.Level))
	if r == 0 {
		r = math.Max(1, math.Abs(hm.Level))
	}
	cm := &diverging{min: hm.Level - r, max: hm.Level + r, level: hm.Level, alpha: 1}
	p := st.newPlot(title, printable(hm.XName), printable(hm.YName))
	g := grid{hm}
	heat := plotter.NewHeatMap(g, cm.Palette(255))
	heat.Min, heat.Max = cm.min, cm.max
	heat.NaN = lightGrey
	heat.Rasterized = true
	p.Add(heat)
	// The level contour: gonum's Contour when every cell is defined; with
	// undefined cells, segments cell by cell that skip them (Contour would
	// read NaN corners as lying on the level).
	crosses := lo <= hm.Level && hi >= hm.Level
	if crosses && undefined == 0 {
		c := plotter.NewContour(g, []float64{hm.Level}, nil)
		c.LineStyles = []draw.LineStyle{{Color: black, Width: st.pt(2.25)}}
		p.Add(c)
	} else if crosses {
		for _, seg := range levelSegments(hm) {
			st.line(p, []float64{seg[0].X, seg[1].X}, []float64{seg[0].Y, seg[1].Y}, black, 2.25, false)
		}
	}
	if c := hm.Current; c != nil && c[0] >= hm.XValues[0] && c[0] <= hm.XValues[nx-1] && c[1] >= hm.YValues[0] && c[1] <= hm.YValues[ny-1] {
		if sc, err := plotter.NewScatter(plotter.XYs{{X: c[0], Y: c[1]}}); err == nil {
			sc.GlyphStyle = draw.GlyphStyle{Color: black, Radius: st.pt(5), Shape: draw.CrossGlyph{}}
			p.Add(sc)
			st.labels(p, plotter.XYs{{X: c[0], Y: c[1]}}, []string{st.t(msgCurrent, "")}, 7, 9)
		}
	}
	dx := (hm.XValues[nx-1] - hm.XValues[0]) / float64(nx-1) / 2
	dy := (hm.YValues[ny-1] - hm.YValues[0]) / float64(ny-1) / 2
	p.X.Min, p.X.Max = hm.XValues[0]-dx, hm.XValues[nx-1]+dx
	p.Y.Min, p.Y.Max = hm.YValues[0]-dy, hm.YValues[ny-1]+dy
	p.X.Tick.Marker, p.Y.Tick.Marker = axisTicks(hm.XPercent, st.lang), axisTicks(hm.YPercent, st.lang)
	level := st.valueText(hm.Level, hm.Money)
	note := st.t(msgBreakEven, printable(hm.KPI), level)
	if !crosses {
		note = st.t(msgNoBreakEven, printable(hm.KPI), level)
	}
	if undefined > 0 {
		note += "; " + st.t(msgUndefinedCells)
	}
	p.X.Label.Text += "\n" + note
	bar := st.newPlot("", "", st.kpiAxis(hm.KPI, hm.Money))
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true, Colors: 255})
	bar.HideX()
	bar.Y.Tick.Marker = humanTicks{st.lang}
	bar.Y.Min, bar.Y.Max = cm.min, cm.max
	hm.bar = bar
	return [][]*plot.Plot{{p, bar}}
}

// axisTicks returns percentage ticks or grouped numbers.
func axisTicks(percent bool, lang string) plot.Ticker {
	if percent {
		return percentTicks{}
	}
	return humanTicks{lang}
}

// levelSegments returns the pieces of the level line through each grid
// cell whose four corners are defined (marching squares with linear
// interpolation along the edges; a saddle joins its crossings in order).
func levelSegments(hm *HeatMap) [][2]plotter.XY {
	var out [][2]plotter.XY
	for j := 0; j+1 < len(hm.YValues); j++ {
		for i := 0; i+1 < len(hm.XValues); i++ {
			type corner struct {
				x, y float64
				v    sim.Optional
			}
			c := [4]corner{
				{hm.XValues[i], hm.YValues[j], hm.Z[j][i]},
				{hm.XValues[i+1], hm.YValues[j], hm.Z[j][i+1]},
				{hm.XValues[i+1], hm.YValues[j+1], hm.Z[j+1][i+1]},
				{hm.XValues[i], hm.YValues[j+1], hm.Z[j+1][i]},
			}
			ok := true
			for _, k := range c {
				ok = ok && k.v.Defined
			}
			if !ok {
				continue
			}
			var pts []plotter.XY
			for e := range 4 {
				a, b := c[e], c[(e+1)%4]
				da, db := a.v.Value-hm.Level, b.v.Value-hm.Level
				if (da < 0) == (db < 0) || da == db {
					continue
				}
				f := da / (da - db)
				pts = append(pts, plotter.XY{X: a.x + f*(b.x-a.x), Y: a.y + f*(b.y-a.y)})
			}
			for k := 0; k+1 < len(pts); k += 2 {
				out = append(out, [2]plotter.XY{pts[k], pts[k+1]})
			}
		}
	}
	return out
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
		goal += " " + st.valueText(s.Target, s.Money)
	}
	title := st.titled(st.t(msgSeekTitle, printable(s.Param), printable(s.KPI), goal))
	lo, hi, ok := curveSpan(s.Curve)
	if !ok || len(s.Curve) < 2 {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	p := st.newPlot(title, printable(s.Param), st.kpiAxis(s.KPI, s.Money))
	x0, x1 := s.Curve[0].X, s.Curve[len(s.Curve)-1].X
	if l := st.curveLines(p, s.Curve, blue); l != nil {
		p.Legend.Add(printable(s.KPI), l)
	}
	if s.Goal != "max" && s.Goal != "min" {
		lo, hi = math.Min(lo, s.Target), math.Max(hi, s.Target)
		if l := st.line(p, []float64{x0, x1}, []float64{s.Target, s.Target}, vermillion, 1.25, true); l != nil {
			p.Legend.Add(st.t(msgTarget, st.valueText(s.Target, s.Money)), l)
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
	p.Y.Tick.Marker = humanTicks{st.lang}
	p.Legend.Left = true
	return [][]*plot.Plot{{p}}
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
	title := st.titled(st.t(msgOptimumTitle, printable(o.KPI)))
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
		p := st.newPlot(t, printable(l.Name), printable(y))
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
