package chart

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// Input is what the charts draw: the runs of one scenario and the names to
// show, all in Lang.
type Input struct {
	Lang     string   // "en" (default) or "zh"
	Scenario string   // scenario name
	Currency string   // e.g. "CNY"
	Stages   []string // stage display names, in stage order
	Segments []string // segment display names, in segment order
	Runs     []Run    // Runs[0] is the base
	Current  int      // the run that single-run charts show
	// Overlay draws Runs[0] dashed over the single-run charts of Current
	// (the app's baseline against the current values).
	Overlay bool
	// Classes is true for a scenario with latent classes: the survival
	// chart then draws the retention rate by tenure under the survival
	// curve, instead of the stage mix.
	Classes bool
}

// Run is one projection: the base or a variant.
type Run struct {
	Name   string // display name, e.g. "Base" or "Loyalty programme"
	Result *sim.Result
	// Bands, when set, are Monte Carlo bands of the run: the customers and
	// cash-flow charts draw them as fans.
	Bands *uncertainty.Bands
}

// Kind is a kind of chart.
type Kind int

const (
	Customers  Kind = iota // customers by stage over time, stacked
	Cohorts                // net revenue by acquisition cohort: the layer cake
	CashFlow               // cash flow by period, cumulative discounted, payback
	Survival               // retention curve of one cohort and its stage mix
	Breakdown              // CLV by segment and by stage
	Comparison             // base and variants: equity and customers over time
	Deltas                 // KPI changes of each variant against the base
	// Retention is the retention rate S(t)/S(t−1) by tenure, which rises
	// when customers differ (latent classes, segments). Not one of Kinds:
	// the planner shows it for scenarios with classes (ClassKinds).
	Retention
)

// ClassKinds are the chart kinds shown, after Kinds, for a scenario whose
// customers fall into latent classes.
var ClassKinds = []Kind{Retention}

// Kinds lists every chart kind in display order.
var Kinds = []Kind{Customers, Cohorts, CashFlow, Survival, Breakdown, Comparison, Deltas}

var slugs = [...]string{"customers", "cohorts", "cashflow", "survival", "clv-breakdown", "comparison", "kpi-deltas", "retention"}

// Slug returns the kind's file name stem, e.g. "cashflow".
func (k Kind) Slug() string { return slugs[k] }

// Title returns the kind's title in lang.
func (k Kind) Title(lang string) string {
	key := [...]int{msgCustomersTitle, msgCohortsTitle, msgCashFlowTitle, msgSurvivalTitle,
		msgBreakdownTitle, msgComparisonTitle, msgDeltasTitle, msgRetentionTitle}[k]
	return message(lang, key)
}

// Size is a chart's size in pixels (at 96 pixels an inch). Fonts and lines
// scale with it, so a chart reads the same on a laptop and a projector.
type Size struct {
	W, H int
	// Text, when above 0, multiplies the size of text and lines (a
	// screen's large text: 1.3 is text 30% larger than the chart of this
	// size has); 0 is 1.
	Text float64
	// ShortTitle leaves the scenario's name (and the run's) off the
	// titles: for a screen that shows them itself.
	ShortTitle bool
}

// scale is the size of text and lines: 1 at 800×500, times Text.
func (s Size) scale() float64 {
	k := math.Min(float64(s.W)/800, float64(s.H)/500)
	if s.Text > 0 {
		k *= s.Text
	}
	return k
}

// DefaultSize is the size charts are written at.
var DefaultSize = Size{W: 800, H: 500}

// Points returns the size in points (72 an inch), the unit of gonum/plot's
// canvases.
func (s Size) Points() (w, h vg.Length) {
	return vg.Length(s.W) * vg.Inch / 96, vg.Length(s.H) * vg.Inch / 96
}

// Figure is a built chart: one or more plots in a grid, ready to draw.
type Figure struct {
	kind Kind
	rows [][]*plot.Plot
	size Size
	// data holds, after Draw, each plot's data area and x range, for
	// PeriodAt.
	data []dataArea
	// layout, when set, places the plots itself (analysis.go: a heat map
	// beside its colour bar).
	layout func(f *Figure, c draw.Canvas)
	// placers place the plots' legends as they are drawn (legend.go).
	placers []*legendPlacer
	// outside are the legends drawn in the column beside the plots, after
	// Draw.
	outside []vg.Rectangle
	// bars are the bar charts of each plot, narrowed with it side by side.
	bars map[*plot.Plot][]sizedBars
	// fewerRows, when set, rebuilds the figure's one plot of rows
	// (What matters) with its first n rows only, and rowsShown is how
	// many it has: rows lower than their names overlap (rowsThatFit).
	fewerRows func(n int)
	rowsShown int
	// notes are the notes beside lines (sidenote.go); columns where the
	// bars of bar charts went, after Draw.
	notes   []*sideNote
	columns []vg.Rectangle
	// bare draws the data alone: no legends, notes, backing boxes or
	// grid lines (Crowding).
	bare bool
}

type dataArea struct {
	rect       vg.Rectangle
	xMin, xMax float64
}

// Build builds the chart of the given kind for in at size.
func Build(k Kind, in *Input, size Size) (*Figure, error) {
	if err := registerFont(); err != nil {
		return nil, fmt.Errorf("chart: font: %w", err)
	}
	if size.W < 100 || size.H < 100 {
		return nil, fmt.Errorf("chart: size %dx%d is too small (at least 100x100)", size.W, size.H)
	}
	if len(in.Runs) == 0 || in.Current < 0 || in.Current >= len(in.Runs) {
		return nil, errors.New("chart: no run to draw")
	}
	st := newStyle(in, size)
	var rows [][]*plot.Plot
	switch k {
	case Customers:
		rows = st.customerRows() // market.go: the market's shares too, with competitors
	case Cohorts:
		rows = [][]*plot.Plot{{st.cohorts()}}
	case CashFlow:
		rows = st.cashFlow()
	case Survival:
		rows = st.survival()
	case Breakdown:
		rows = st.breakdown()
	case Comparison:
		rows = st.comparison()
	case Deltas:
		rows = [][]*plot.Plot{{st.deltas()}}
	case Retention:
		rows = st.retention()
	default:
		return nil, fmt.Errorf("chart: unknown kind %d", k)
	}
	f := &Figure{kind: k, rows: rows, size: size, bars: st.barCharts, notes: st.notes}
	for _, row := range rows {
		for _, p := range row {
			if lp := st.placers[p]; lp != nil {
				f.placers = append(f.placers, lp)
			}
		}
	}
	return f, nil
}

// Draw draws the figure onto c. Plots over periods stacked in rows go
// side by side when stacked they would leave a data area too short for
// its text (squashed: bars are as wide as the figure allows, so charts of
// bars stay stacked), and legends that do not fit in their data areas, or
// would cover a filled area in every corner of it, go in a column on the
// right, clear of the axes (arrange).
func (f *Figure) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	f.data = f.data[:0]
	f.outside = f.outside[:0]
	f.columns = f.columns[:0]
	for _, lp := range f.placers {
		lp.fixed = false
		// Laid out from the same start each time: the y axis's top
		// moves its ticks, and so the plot's axes.
		if r := lp.below; r != nil {
			if !r.asked {
				r.left, r.asked = lp.plot.Legend.Left, true
			}
			lp.plot.Y.Max, lp.plot.Legend.Top, lp.plot.Legend.Left = r.least, true, r.left
		}
	}
	if f.layout != nil {
		f.layout(f, c)
		return
	}
	l, column := f.arrange(c)
	// A rebuilt plot's note under the axis may take another line: again
	// until the rows fit.
	for range 3 {
		if f.fewerRows == nil {
			break
		}
		n := f.rowsThatFit(l, column)
		if n >= f.rowsShown {
			break
		}
		f.fewerRows(n)
		l, column = f.arrange(c)
	}
	f.legendsAbove(l, column)
	defer f.restoreTitles()
	f.makeRoom(l.grid, l.canvases, column)
	for i, row := range l.grid {
		for j, p := range row {
			if column == 0 {
				f.drawPlot(p, l.canvases[i][j])
				continue
			}
			f.drawBesideLegend(p, l.canvases[i][j], column)
		}
	}
}

// arrange returns the plots laid out in c (their grid and canvases), and
// the width of the column on the right that holds the legends (0: each
// legend in its data area).
func (f *Figure) arrange(c draw.Canvas) (*layout, vg.Length) {
	l := f.layOut(f.rows, c)
	barScale := 1.0
	f.scaleBars(barScale)
	l.forget() // laid out with the bars as the last Draw left them
	if f.kind != analysisKind && stacked(l.grid) && f.squashed(l) {
		wide := float64(l.canvases[0][0].Size().X)
		grid := [][]*plot.Plot{make([]*plot.Plot, len(f.rows))}
		for i, row := range f.rows {
			grid[0][i] = row[0]
		}
		l = f.layOut(grid, c)
		// The bars narrower by as much as the plots' room (their data
		// areas cannot say: bars built for the full width may not fit).
		barScale = float64(l.canvases[0][0].Size().X) / wide
		f.scaleBars(barScale)
		l.forget()
		if tiltTicks(l) {
			l = f.layOut(l.grid, c)
		}
	}
	if wrapTitles(l) {
		l = f.layOut(l.grid, c)
	}
	if wrapYLabels(l) {
		l = f.layOut(l.grid, c)
	}
	if wrapXLabels(l) {
		l = f.layOut(l.grid, c)
	}
	// Bars wider than their plot's room leave it no data area (gonum/plot
	// makes room for every bar): narrower until they fit.
	for range 6 {
		if fits(l) {
			break
		}
		barScale *= 0.7
		f.scaleBars(barScale)
		l = f.layOut(l.grid, c)
	}
	column := vg.Length(0)
	for i, row := range l.grid {
		for j, p := range row {
			lr := p.Legend.Rectangle(l.canvases[i][j]).Size()
			if lr.Y > l.dataArea(i, j).Size().Y {
				column = max(column, lr.X)
			}
		}
	}
	filled := false
	// A legend over the data in every corner (blocked: a line or a
	// filled area) goes in the column too, when the plots are one above
	// the other (side by side, the column would cover the next plot's
	// axes) and it takes at most a quarter of the width (a small chart
	// keeps its data area).
	for i, row := range l.grid {
		for j, p := range row {
			if len(row) > 1 {
				break
			}
			lr := p.Legend.Rectangle(l.canvases[i][j]).Size()
			if lp := f.placer(p); lp != nil && lr.X+f.pad() <= c.Size().X/4 && lp.blocked(p, l.canvases[i][j], l.dataArea(i, j)) {
				column = max(column, lr.X)
				filled = true
			}
		}
	}
	if filled { // every legend goes in the column: as wide as the widest
		for i, row := range l.grid {
			for j, p := range row {
				column = max(column, p.Legend.Rectangle(l.canvases[i][j]).Size().X)
			}
		}
	}
	if column == 0 {
		return l, 0
	}
	column += f.pad()
	narrow := draw.Crop(c, 0, -column, 0, 0)
	l = f.layOut(l.grid, narrow)
	if wrapTitles(l) { // the column narrowed the plots
		l = f.layOut(l.grid, narrow)
	}
	return l, column
}

// wrapYLabels breaks the y axis label of each plot in grid longer than
// its axis (in canvases) into lines that fit (a label longer than
// its axis squeezes the data area to nothing), and reports whether it
// broke any.
func wrapYLabels(lo *layout) bool {
	wrapped := false
	for i, row := range lo.grid {
		for j, p := range row {
			l := &p.Y.Label
			if l.Text == "" || strings.Contains(l.Text, "\n") {
				continue
			}
			// At most the height the axis has once the plot's title and x
			// axis are off it.
			c := lo.canvases[i][j]
			axis := max(lo.dataArea(i, j).Size().Y, c.Size().Y/2)
			limit := 0.9 * axis
			if l.TextStyle.Width(l.Text) <= axis {
				continue
			}
			if lines := wrapText(l.Text, l.TextStyle, limit); len(lines) > 1 {
				l.Text, wrapped = strings.Join(lines, "\n"), true
			}
		}
	}
	return wrapped
}

// wrapXLabels breaks each line of the x axis label of each plot in grid
// that narrows its data area (in canvases) to less than minXLabelShare of
// its width without the label into lines that do not narrow it:
// gonum/plot centres the label under the data area and narrows the area
// until the label fits in the canvas, so a long note under the axis (the
// tornado's, beside long bar names) left the bars a sliver. It reports
// whether it broke any.
func wrapXLabels(lo *layout) bool {
	wrapped := false
	for i, row := range lo.grid {
		for j, p := range row {
			l := &p.X.Label
			if l.Text == "" {
				continue
			}
			c := lo.canvases[i][j]
			// The data area the axis would have without its label: the
			// label may be as wide as fits centred under it.
			text := l.Text
			l.Text = ""
			dc := p.DataCanvas(c)
			l.Text = text
			if lo.dataArea(i, j).Size().X >= minXLabelShare*dc.Size().X {
				continue // the label takes little: a line more would cost height
			}
			centre := (dc.Min.X + dc.Max.X) / 2
			limit := 2 * min(centre-c.Min.X, c.Max.X-centre)
			var out []string
			changed := false
			for _, line := range strings.Split(text, "\n") {
				lines := wrapText(line, l.TextStyle, limit)
				changed = changed || len(lines) > 1
				out = append(out, lines...)
			}
			if changed {
				l.Text, wrapped = strings.Join(out, "\n"), true
			}
		}
	}
	return wrapped
}

// minXLabelShare is the least share of its width a data area keeps under
// a long x axis label before the label wraps: the label may take half.
const minXLabelShare = 0.5

// labelWords splits s where a line may break: after a space or a
// full-width comma, colon, semicolon or enumeration comma, before a
// bracket.
func labelWords(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		switch r {
		case '(', '（':
			if i > start {
				out, start = append(out, s[start:i]), i
			}
		case ' ', '，', '：', '；', '、':
			end := i + len(string(r))
			out, start = append(out, s[start:end]), end
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// fits reports whether every plot laid out in l has a data area.
func fits(l *layout) bool {
	for i, row := range l.grid {
		for j := range row {
			d := l.dataArea(i, j).Size()
			if !(d.X > 0 && d.Y > 0) || math.IsInf(float64(d.X), 0) || math.IsInf(float64(d.Y), 0) {
				return false
			}
		}
	}
	return true
}

// scaleBars sets the figure's bars to k times the width and offset they
// were built with.
func (f *Figure) scaleBars(k float64) {
	for _, bs := range f.bars {
		for _, b := range bs {
			b.bars.Width, b.bars.Offset = b.width*vg.Length(k), b.offset*vg.Length(k)
		}
	}
}

// tiltTicks tilts the names on the x axis of each plot in grid whose
// names (plot.NominalX) are wider than their slots in canvases, so that
// side by side they do not run into each other; it reports whether it
// tilted any.
func tiltTicks(l *layout) bool {
	tilted := false
	for i, row := range l.grid {
		for j, p := range row {
			ticks, ok := p.X.Tick.Marker.(plot.ConstantTicks)
			if !ok || len(ticks) == 0 {
				continue
			}
			slot := l.dataArea(i, j).Size().X / vg.Length(len(ticks))
			for _, tk := range ticks {
				if p.X.Tick.Label.Width(tk.Label) > 0.95*slot {
					p.X.Tick.Label.Rotation = math.Pi / 6
					p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
					tilted = true
					break
				}
			}
		}
	}
	return tilted
}

// wrapTitles breaks each line of the titles of the plots in grid wider
// than its canvas into lines that fit (side by side, a plot's title has
// half the width: it was clipped at the figure's edge), or leaves off its
// bracketed ending when that is enough (unbracketed), and reports
// whether it changed any.
func wrapTitles(l *layout) bool {
	wrapped := false
	for i, row := range l.grid {
		for j, p := range row {
			t := &p.Title
			var out []string
			changed := false
			for _, line := range strings.Split(t.Text, "\n") {
				limit := l.canvases[i][j].Size().X
				if short := unbracketed(line); short != line && t.TextStyle.Width(line) > limit && t.TextStyle.Width(short) <= limit {
					out, changed = append(out, short), true
					continue
				}
				lines := wrapText(line, t.TextStyle, limit)
				changed = changed || len(lines) > 1
				out = append(out, lines...)
			}
			if changed {
				t.Text, wrapped = strings.Join(out, "\n"), true
			}
		}
	}
	return wrapped
}

// unbracketed returns s without its bracketed ending, "Cumulative
// discounted cash flow" for "Cumulative discounted cash flow (customer
// equity to date)": a title's aside, left off where the room is small
// rather than wrapped onto a line more (a stacked plot's data area is
// short already); s if it has none.
func unbracketed(s string) string {
	for _, b := range [][2]string{{"(", ")"}, {"（", "）"}} {
		if i := strings.LastIndex(s, b[0]); i > 0 && strings.HasSuffix(s, b[1]) {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// wrapText breaks s, when it has one line wider than limit in sty, into
// lines at most limit wide where it can: at labelWords' breaks, and a
// line of Chinese still too wide between its characters (note.go's wrap:
// Chinese has no spaces); else it returns s.
func wrapText(s string, sty text.Style, limit vg.Length) []string {
	if s == "" || strings.Contains(s, "\n") || sty.Width(s) <= limit {
		return []string{s}
	}
	var lines []string
	line := ""
	flush := func() {
		line = strings.TrimSpace(line)
		if sty.Width(line) > limit {
			lines = append(lines, wrap(line, sty.Width, limit)...)
		} else {
			lines = append(lines, line)
		}
		line = ""
	}
	for _, w := range labelWords(s) {
		if line != "" && sty.Width(line+w) > limit {
			flush()
		}
		line += w
	}
	flush()
	return lines
}

// pad is the space around and between the plots.
func (f *Figure) pad() vg.Length { return vg.Length(f.size.W) * vg.Inch / 96 / 80 }

// layout is a figure's plots laid out: their grid, their canvases and
// their data areas in them, each found once (dataArea). Laying a figure
// out asks for the same plot's data area in the same canvas again and
// again (gonum/plot's DataCanvas: every plotter's glyph boxes, the axes'
// ticks and labels measured; in a profile of the planner's charts the
// most of their CPU time), so a layout is made anew (layOut) whenever a
// plot changes, and forgets its data areas (forget) when the bars do.
type layout struct {
	grid     [][]*plot.Plot
	canvases [][]draw.Canvas
	data     [][]draw.Canvas // a nil Canvas: not found yet
}

// layOut lays the plots of grid out in c.
func (f *Figure) layOut(grid [][]*plot.Plot, c draw.Canvas) *layout {
	l := &layout{grid: grid, canvases: f.canvases(grid, c)}
	l.forget()
	return l
}

// forget drops the data areas found: the plots changed.
func (l *layout) forget() {
	l.data = make([][]draw.Canvas, len(l.grid))
	for i, row := range l.grid {
		l.data[i] = make([]draw.Canvas, len(row))
	}
}

// dataArea returns the data area of plot j of row i in its canvas.
func (l *layout) dataArea(i, j int) draw.Canvas {
	d := &l.data[i][j]
	if d.Canvas == nil {
		*d = l.grid[i][j].DataCanvas(l.canvases[i][j])
	}
	return *d
}

// canvases lays the plots of grid out in c, their data areas aligned.
func (f *Figure) canvases(grid [][]*plot.Plot, c draw.Canvas) [][]draw.Canvas {
	pad := f.pad()
	if len(grid) == 1 && len(grid[0]) == 1 {
		return [][]draw.Canvas{{draw.Crop(c, pad/2, -pad/2, pad, -pad/2)}}
	}
	tiles := draw.Tiles{Rows: len(grid), Cols: len(grid[0]), PadX: 2 * pad, PadY: 2 * pad,
		PadTop: pad, PadBottom: pad, PadLeft: pad, PadRight: pad}
	if len(grid) == 1 {
		// Side by side: a tile each (align evens out the widths of
		// data areas whose axes differ, down to nothing).
		row := make([]draw.Canvas, len(grid[0]))
		for i := range row {
			row[i] = tiles.At(c, i, 0)
		}
		return [][]draw.Canvas{row}
	}
	return align(grid, tiles, c)
}

// stacked reports whether grid is one column of several plots.
func stacked(grid [][]*plot.Plot) bool {
	if len(grid) < 2 {
		return false
	}
	for _, row := range grid {
		if len(row) != 1 {
			return false
		}
	}
	return true
}

// minDataLines is the least height of a data area, in lines of its
// legend's text: less and the plot is squashed.
const minDataLines = 8

// squashed reports whether a plot of grid laid out in canvases has a data
// area shorter than minDataLines of its legend's text.
func (f *Figure) squashed(l *layout) bool {
	for i, row := range l.grid {
		for j, p := range row {
			if l.dataArea(i, j).Size().Y < minDataLines*p.Legend.TextStyle.Font.Size {
				return true
			}
		}
	}
	return false
}

// drawBesideLegend draws p in c with its legend in the column of width w
// right of c, its top level with the top of p's data area (Plot.Draw puts
// a legend at the top right of c less the axes; XOffs moves it right).
func (f *Figure) drawBesideLegend(p *plot.Plot, c draw.Canvas, w vg.Length) {
	size := p.Legend.Rectangle(c).Size()
	if lp := f.placer(p); lp != nil {
		lp.fixed = true
	}
	top, left, xoffs, yoffs := p.Legend.Top, p.Legend.Left, p.Legend.XOffs, p.Legend.YOffs
	dc := p.DataCanvas(c)
	p.Legend.Top, p.Legend.Left = true, false
	p.Legend.XOffs, p.Legend.YOffs = w, 0
	f.drawPlot(p, c)
	if size.X > 0 && size.Y > 0 {
		right := c.Max.X + w
		f.outside = append(f.outside, vg.Rectangle{
			Min: vg.Point{X: right - size.X, Y: dc.Max.Y + p.Y.Padding - size.Y},
			Max: vg.Point{X: right, Y: dc.Max.Y + p.Y.Padding}})
	}
	p.Legend.Top, p.Legend.Left, p.Legend.XOffs, p.Legend.YOffs = top, left, xoffs, yoffs
}

// placer returns the legend placer of p, or nil.
func (f *Figure) placer(p *plot.Plot) *legendPlacer {
	for _, lp := range f.placers {
		if lp.plot == p {
			return lp
		}
	}
	return nil
}

func (f *Figure) drawPlot(p *plot.Plot, c draw.Canvas) {
	lp := f.placer(p)
	for _, n := range f.notes {
		n.bare = f.bare
	}
	if lp != nil {
		if !lp.backing {
			// Drawn after the data, before the legend.
			p.Add(legendBacking{lp})
			lp.backing = true
		}
		lp.bare = f.bare
		if lp.grid != nil && f.bare {
			v, h := lp.grid.Vertical.Color, lp.grid.Horizontal.Color
			lp.grid.Vertical.Color, lp.grid.Horizontal.Color = color.Transparent, color.Transparent
			defer func() { lp.grid.Vertical.Color, lp.grid.Horizontal.Color = v, h }()
		}
		lp.frame, lp.hasFrame = c.Max, true
		if p.Title.Text != "" {
			lp.frame.Y -= p.Title.TextStyle.Rectangle(p.Title.Text).Size().Y + p.Title.Padding
		}
		lp.data.Canvas = nil
	}
	p.Draw(c)
	// The data area is the one the plot drew its data in, which its
	// placer saw (no plotter changes what DataCanvas reads).
	var dc draw.Canvas
	if lp != nil && lp.data.Canvas != nil {
		dc = lp.data
	} else {
		dc = p.DataCanvas(c)
	}
	f.addColumns(p, dc)
	f.data = append(f.data, dataArea{rect: dc.Rectangle, xMin: p.X.Min, xMax: p.X.Max})
}

// timeKinds are the kinds whose x axis counts periods.
var timeKinds = map[Kind]bool{Customers: true, Cohorts: true, CashFlow: true, Survival: true, Comparison: true, Retention: true}

// PeriodAt returns the period under pixel (px, py) of a drawn figure of a
// kind with periods on its x axis, the pixel column of that period, and
// the top and bottom pixel rows of all its data areas, for a crosshair.
func (f *Figure) PeriodAt(px, py int) (period, x, top, bottom int, ok bool) {
	if !timeKinds[f.kind] || len(f.data) == 0 {
		return 0, 0, 0, 0, false
	}
	toVG := func(p int) vg.Length { return vg.Length(p) * vg.Inch / 96 }
	vx, vy := toVG(px), toVG(f.size.H-py)
	top, bottom = f.size.H, 0
	var hit *dataArea
	for i := range f.data {
		d := &f.data[i]
		r := d.rect
		top = min(top, f.size.H-int(r.Max.Y*96/vg.Inch))
		bottom = max(bottom, f.size.H-int(r.Min.Y*96/vg.Inch))
		if vx >= r.Min.X && vx <= r.Max.X && vy >= r.Min.Y && vy <= r.Max.Y {
			hit = d
		}
	}
	if hit == nil || hit.xMax <= hit.xMin {
		return 0, 0, 0, 0, false
	}
	r := hit.rect
	xData := hit.xMin + float64((vx-r.Min.X)/(r.Max.X-r.Min.X))*(hit.xMax-hit.xMin)
	period = int(math.Round(xData))
	if period < 0 || float64(period) > hit.xMax+0.5 {
		return 0, 0, 0, 0, false
	}
	xv := r.Min.X + vg.Length((float64(period)-hit.xMin)/(hit.xMax-hit.xMin))*(r.Max.X-r.Min.X)
	return period, int(xv * 96 / vg.Inch), top, bottom, true
}

// Size returns the figure's size.
func (f *Figure) Size() Size { return f.size }

// WritePNG writes the figure to w as a PNG image at its size.
func (f *Figure) WritePNG(w io.Writer) error {
	width, height := f.size.Points()
	c := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(96))}
	f.Draw(draw.New(c))
	_, err := c.WriteTo(w)
	return err
}
