package chart

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// Okabe–Ito colours, safe for the common colour-vision deficiencies.
var (
	skyBlue    = color.RGBA{0x56, 0xb4, 0xe9, 0xff}
	green      = color.RGBA{0x00, 0x9e, 0x73, 0xff}
	blue       = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	orange     = color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	vermillion = color.RGBA{0xd5, 0x5e, 0x00, 0xff}
	purple     = color.RGBA{0xcc, 0x79, 0xa7, 0xff}
	yellow     = color.RGBA{0xf0, 0xe4, 0x42, 0xff}
	black      = color.RGBA{0x00, 0x00, 0x00, 0xff}
	grey       = color.RGBA{0x99, 0x99, 0x99, 0xff}
	lightGrey  = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	text90     = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
)

// stageColours gives stage i the colour stageColours[i mod 8], in every
// chart; the four-stage lifecycle reads light blue, green, dark blue,
// orange.
var stageColours = []color.Color{skyBlue, green, blue, orange, vermillion, purple, yellow, grey}

// StageColour returns the colour of stage i.
func StageColour(i int) color.Color { return stageColours[i%len(stageColours)] }

// runColours colour the variants in comparisons; the base is black.
var runColours = []color.Color{blue, vermillion, green, purple, orange, skyBlue, yellow}

// currentColour is the colour of the app's current values (Input.Overlay)
// on every chart that names them: the cash flow and the comparison.
var currentColour = blue

func runColour(i int) color.Color {
	if i == 0 {
		return black
	}
	return runColours[(i-1)%len(runColours)]
}

// style holds what every plot of one figure shares: the input, the
// language and the scale of text and lines.
type style struct {
	in     *Input
	lang   string
	scale  float64 // 1 at 800×500
	period string  // "month", "quarter" or "year"
	// placers are the legend placers of the plots built (legend.go).
	placers map[*plot.Plot]*legendPlacer
	short   bool      // titles without the scenario and the run (Size.ShortTitle)
	width   vg.Length // the figure's width
	// barCharts are the bar charts of each plot (addBars).
	barCharts map[*plot.Plot][]sizedBars
	notes     []*sideNote // the notes beside lines (sideNote)
}

func newStyle(in *Input, size Size) *style {
	lang := in.Lang
	if lang != "zh" {
		lang = "en"
	}
	clean := *in
	clean.Scenario, clean.Currency = Printable(in.Scenario), Printable(in.Currency)
	if size.ShortTitle {
		clean.Scenario = ""
	}
	clean.Stages = make([]string, len(in.Stages))
	for i, s := range in.Stages {
		clean.Stages[i] = Printable(s)
	}
	clean.Segments = make([]string, len(in.Segments))
	for i, s := range in.Segments {
		clean.Segments[i] = Printable(s)
	}
	clean.Runs = make([]Run, len(in.Runs))
	for i, r := range in.Runs {
		clean.Runs[i] = Run{Name: Printable(r.Name), Result: r.Result, Bands: r.Bands}
	}
	width, _ := size.Points()
	return &style{
		in:        &clean,
		lang:      lang,
		scale:     size.scale(),
		period:    in.Runs[0].Result.Model.Period.String(),
		placers:   map[*plot.Plot]*legendPlacer{},
		short:     size.ShortTitle,
		width:     width,
		barCharts: map[*plot.Plot][]sizedBars{},
	}
}

// messageKPI gives, for the messages that name a KPI, the KPI whose
// short label (kpi.KPI.Short) fills their first %s.
var messageKPI = map[int]kpi.KPI{
	msgCumulativeTitle: kpi.CustomerEquity,
	msgPayback:         kpi.PaybackPeriods,
	msgComparisonTitle: kpi.CustomerEquity,
	msgBreakdownTitle:  kpi.CLV,
}

// message returns message key in lang, formatted with args after the
// label of the KPI it names, if any.
func message(lang string, key int, args ...any) string {
	s := messages[key][0]
	if lang == "zh" {
		s = messages[key][1]
	}
	if k, ok := messageKPI[key]; ok {
		args = append([]any{k.Short(lang)}, args...)
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// t formats message key in the chart's language with args.
func (st *style) t(key int, args ...any) string { return message(st.lang, key, args...) }

// periodName returns the name of the scenario's period in the language.
func (st *style) periodName() string {
	n, _ := scenarios.PeriodNamed(st.period)
	return n.One.In(st.lang)
}

// count returns "4 months" or "4 个月": n periods.
func (st *style) count(n int) string {
	name, _ := scenarios.PeriodNamed(st.period)
	return name.Count(strconv.Itoa(n), st.lang)
}

func (st *style) pt(x float64) vg.Length { return vg.Points(x * st.scale) }

func (st *style) font(size float64) font.Font {
	return font.From(chartFont, st.pt(size))
}

// newPlot returns a plot with the chart font, sizes scaled, a light grid
// and axis labels.
func (st *style) newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = st.font(13)
	p.Title.TextStyle.Color = text90
	p.Title.Padding = st.pt(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = st.font(11)
		a.Label.TextStyle.Color = text90
		a.Tick.Label.Font = st.font(10)
		a.Tick.Label.Color = text90
		a.LineStyle.Width = st.pt(0.75)
		a.Tick.LineStyle.Width = st.pt(0.75)
		a.Tick.Length = st.pt(4)
		a.Padding = st.pt(4)
	}
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	p.X.Tick.Marker = periodTicks{} // most charts count periods; others replace it
	p.Legend.TextStyle.Font = st.font(10)
	p.Legend.TextStyle.Color = text90
	p.Legend.ThumbnailWidth = st.pt(14)
	p.Legend.Padding = st.pt(2)
	p.Legend.Top = true
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = lightGrey, lightGrey
	grid.Vertical.Width, grid.Horizontal.Width = st.pt(0.5), st.pt(0.5)
	p.Add(grid)
	if st.placers != nil {
		st.placer(p).grid = grid
	}
	return p
}

// periodAxis labels the x axis with the period name.
func (st *style) periodLabel() string { return st.t(msgPeriod, st.periodName()) }

// moneyLabel returns a y-axis label with the currency.
func (st *style) moneyLabel(key int) string { return st.t(key, st.in.Currency) }

// placeholder returns a plot that shows msg where the data would be.
func (st *style) placeholder(title, msg string) *plot.Plot {
	p := st.newPlot(title, "", "")
	p.HideAxes()
	p.Add(note{text: msg, style: text.Style{
		Color: text90, Font: st.font(12), XAlign: draw.XCenter, YAlign: draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}})
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	return p
}

// note is a plotter that writes a message in the middle of the data area.
type note struct {
	text  string
	style text.Style
}

func (n note) Plot(c draw.Canvas, _ *plot.Plot) {
	c.FillText(n.style, c.Center(), n.text)
}

// humanTicks labels ticks with grouped, shortened numbers, one unit for
// the whole axis: 15k, 2.5M in English; 1.5万, 2.5亿 in Chinese.
type humanTicks struct{ lang string }

// Ticks returns the ticks of [min, max], found once (keptTicks).
func (h humanTicks) Ticks(min, max float64) []plot.Tick { return keptTicks(h, min, max, h.ticks) }

func (h humanTicks) ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	size, suffix := unitFor(math.Max(math.Abs(min), math.Abs(max)), h.lang)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = scaled(ticks[i].Value, size, suffix)
		}
	}
	return ticks
}

// Human formats v for a label or a tooltip: 1,234, 15k, 2.5M, 1.2B in
// English; 1,234, 1.5万, 2.5亿 in Chinese. It abbreviates, as axis ticks
// do, where kpi.Unit.Format (with kpi.Group) writes every digit for the
// tables: 13,146,488 there is 13.15M (1314.65万) here.
func Human(v float64, lang string) string {
	size, suffix := unitFor(math.Abs(v), lang)
	return scaled(v, size, suffix)
}

// unitFor returns the unit to show numbers up to a in.
func unitFor(a float64, lang string) (float64, string) {
	type unit struct {
		size   float64
		suffix string
	}
	units := []unit{{1e9, "B"}, {1e6, "M"}, {1e4, "k"}}
	if lang == "zh" {
		units = []unit{{1e8, "亿"}, {1e4, "万"}}
	}
	for _, u := range units {
		if a >= u.size {
			if u.suffix == "k" {
				return 1e3, "k"
			}
			return u.size, u.suffix
		}
	}
	return 1, ""
}

func scaled(v, size float64, suffix string) string {
	if v == 0 {
		return "0"
	}
	if size == 1 {
		if math.Abs(v) >= 1000 {
			return kpi.Group(strconv.FormatFloat(v, 'f', 0, 64))
		}
		return trimZeros(strconv.FormatFloat(v, 'f', 2, 64))
	}
	return trimZeros(strconv.FormatFloat(v/size, 'f', 2, 64)) + suffix
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// percentTicks labels ticks of a fraction as percentages.
type percentTicks struct{}

// Ticks returns the ticks of [min, max], found once (keptTicks).
func (p percentTicks) Ticks(min, max float64) []plot.Tick { return keptTicks(p, min, max, p.ticks) }

func (percentTicks) ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = trimZeros(strconv.FormatFloat(100*ticks[i].Value, 'f', 1, 64)) + "%"
		}
	}
	return ticks
}

// periodTicks labels whole periods only.
type periodTicks struct{}

// Ticks returns the ticks of [min, max], found once (keptTicks).
func (p periodTicks) Ticks(min, max float64) []plot.Tick { return keptTicks(p, min, max, p.ticks) }

func (periodTicks) ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(min, max) {
		if t.Value == math.Trunc(t.Value) || t.Label == "" {
			if t.Label != "" {
				// gonum labels steps of 25 with two decimals ("25.00"):
				// a period is a whole number.
				t.Label = strconv.FormatFloat(t.Value, 'f', -1, 64)
			}
			out = append(out, t)
		}
	}
	if labelled := func() int {
		n := 0
		for _, t := range out {
			if t.Label != "" {
				n++
			}
		}
		return n
	}(); labelled < 2 {
		out = out[:0]
		for x := math.Ceil(min); x <= max; x++ {
			out = append(out, plot.Tick{Value: x, Label: strconv.Itoa(int(x))})
		}
	}
	return out
}

// periods returns 0, 1, …, n−1 as x values.
func periods(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i)
	}
	return xs
}

// stack adds stacked areas, layers[k][i] at xs[i], bottom layer first; the
// legend lists the top layer first, as the areas appear.
func (st *style) stack(p *plot.Plot, xs []float64, layers [][]float64, colours []color.Color, names []string) {
	lower := make([]float64, len(xs))
	upper := make([]float64, len(xs))
	type entry struct {
		name string
		poly *plotter.Polygon
	}
	var legend []entry
	// The data is sampled up to the last layer that is not background (a
	// light grey layer: the lost customers of a cohort's mix).
	bottom, dataTop := make([]float64, len(xs)), make([]float64, len(xs))
	defer func() {
		if st.placers != nil {
			st.placer(p).addColumns(xs, bottom, dataTop)
		}
	}()
	for k, layer := range layers {
		pts := make(plotter.XYs, 0, 2*len(xs))
		for i, x := range xs {
			upper[i] = lower[i] + layer[i]
			pts = append(pts, plotter.XY{X: x, Y: upper[i]})
		}
		for i := len(xs) - 1; i >= 0; i-- {
			pts = append(pts, plotter.XY{X: xs[i], Y: lower[i]})
		}
		copy(lower, upper)
		if colours[k] != lightGrey {
			copy(dataTop, upper)
		}
		poly, err := plotter.NewPolygon(pts)
		if err != nil {
			continue
		}
		poly.Color = colours[k]
		poly.LineStyle.Width = 0
		p.Add(area{poly})
		if names != nil && names[k] != "" {
			legend = append(legend, entry{names[k], poly})
		}
	}
	for i := len(legend) - 1; i >= 0; i-- {
		p.Legend.Add(legend[i].name, legend[i].poly)
	}
}

// line adds a line through ys at xs and returns it for a legend entry.
func (st *style) line(p *plot.Plot, xs, ys []float64, c color.Color, width float64, dashed bool) *plotter.Line {
	pts := make(plotter.XYs, len(xs))
	for i := range xs {
		pts[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return nil
	}
	l.Color = c
	l.Width = st.pt(width)
	if dashed {
		l.Dashes = []vg.Length{st.pt(5), st.pt(3)}
	}
	p.Add(l)
	if st.placers != nil {
		st.placer(p).addLine(xs, ys)
	}
	return l
}

// guide adds a reference line (zero) through ys at xs: drawn like a
// line, but not data, so a legend may lie over it.
func (st *style) guide(p *plot.Plot, xs, ys []float64, c color.Color, width float64) {
	placers := st.placers
	st.placers = nil
	st.line(p, xs, ys, c, width, false)
	st.placers = placers
}

// vline marks x with a dashed vertical line across the plot's y range.
func (st *style) vline(p *plot.Plot, x, yMin, yMax float64, c color.Color) *plotter.Line {
	return st.line(p, []float64{x, x}, []float64{yMin, yMax}, c, 1.25, true)
}

// span returns the smallest and largest of the values, 0 included.
func span(values ...[]float64) (lo, hi float64) {
	for _, vs := range values {
		for _, v := range vs {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	return lo, hi
}

// headroom raises the top of p's y range so that a legend of n lines at
// the top does not cover data between lo and hi; share is the plot's share
// of the figure height.
func headroom(p *plot.Plot, lo, hi float64, n int, share float64) {
	p.Y.Min = math.Min(p.Y.Min, lo)
	p.Y.Max = hi + (hi-lo)*0.13*float64(n)/share
}

// current returns the run single-run charts show.
func (st *style) current() *sim.Result { return st.in.Runs[st.in.Current].Result }

// bands returns the current run's Monte Carlo bands, or nil.
func (st *style) bands() *uncertainty.Bands { return st.in.Runs[st.in.Current].Bands }

// fanStyle says how fan draws its bands.
type fanStyle int

const (
	fanFilled  fanStyle = iota // shaded bands: over bars and lines
	fanOutline                 // the bands' edges as lines: over stacked areas, which a shade would muddy
)

// fan draws the 5-95% and 25-75% ranges of stats over the periods as
// bands in colour c, shaded or outlined, and the median as a dotted line
// (the baseline is dashed), with legend entries when legend is true.
func (st *style) fan(p *plot.Plot, stats []uncertainty.Stats, c color.RGBA, how fanStyle, legend bool) plot.Thumbnailer {
	if len(stats) == 0 {
		return nil
	}
	xs := periods(len(stats))
	edge := func(f func(uncertainty.Stats) float64) []float64 {
		ys := make([]float64, len(stats))
		for t, s := range stats {
			ys[t] = f(s)
		}
		return ys
	}
	p5, p95 := edge(func(s uncertainty.Stats) float64 { return s.P5 }), edge(func(s uncertainty.Stats) float64 { return s.P95 })
	p25, p75 := edge(func(s uncertainty.Stats) float64 { return s.P25 }), edge(func(s uncertainty.Stats) float64 { return s.P75 })
	band := func(lo, hi []float64, alpha uint8) plot.Thumbnailer {
		if how == fanOutline {
			width := 0.75
			if alpha > 0x40 {
				width = 1.5 // the inner band's edges are the heavier
			}
			col := color.NRGBA{c.R, c.G, c.B, 0xd0}
			st.line(p, xs, lo, col, width, false)
			return st.line(p, xs, hi, col, width, false)
		}
		pts := make(plotter.XYs, 0, 2*len(stats))
		for t := range stats {
			pts = append(pts, plotter.XY{X: xs[t], Y: hi[t]})
		}
		for t := len(stats) - 1; t >= 0; t-- {
			pts = append(pts, plotter.XY{X: xs[t], Y: lo[t]})
		}
		poly, err := plotter.NewPolygon(pts)
		if err != nil {
			return nil
		}
		poly.Color = color.NRGBA{c.R, c.G, c.B, alpha}
		poly.LineStyle.Width = 0
		p.Add(area{poly})
		if st.placers != nil {
			st.placer(p).addColumns(xs, lo, hi)
		}
		return poly
	}
	outer := band(p5, p95, 0x38)
	inner := band(p25, p75, 0x60)
	median := st.line(p, xs, edge(func(s uncertainty.Stats) float64 { return s.P50 }), c, 1.25, false)
	if median != nil {
		median.Dashes = []vg.Length{st.pt(1.25), st.pt(2)}
	}
	if !legend {
		return outer
	}
	if outer != nil {
		p.Legend.Add(st.t(msgBand90), outer)
	}
	if inner != nil {
		p.Legend.Add(st.t(msgBand50), inner)
	}
	if median != nil {
		p.Legend.Add(st.t(msgMedian), median)
	}
	return outer
}
