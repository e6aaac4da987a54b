package chart

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
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
		rows = [][]*plot.Plot{{st.customers()}}
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
	f := &Figure{kind: k, rows: rows, size: size}
	for _, row := range rows {
		for _, p := range row {
			if lp := st.placers[p]; lp != nil {
				f.placers = append(f.placers, lp)
			}
		}
	}
	return f, nil
}

// Draw draws the figure onto c.
func (f *Figure) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	f.data = f.data[:0]
	if f.layout != nil {
		f.layout(f, c)
		return
	}
	pad := vg.Length(f.size.W) * vg.Inch / 96 / 80
	if len(f.rows) == 1 && len(f.rows[0]) == 1 {
		f.drawPlot(f.rows[0][0], draw.Crop(c, pad/2, -pad/2, pad, -pad/2))
		return
	}
	tiles := draw.Tiles{Rows: len(f.rows), Cols: len(f.rows[0]), PadX: 2 * pad, PadY: 2 * pad,
		PadTop: pad, PadBottom: pad, PadLeft: pad, PadRight: pad}
	canvases := plot.Align(f.rows, tiles, c)
	for i, row := range f.rows {
		for j, p := range row {
			f.drawPlot(p, canvases[i][j])
		}
	}
}

func (f *Figure) drawPlot(p *plot.Plot, c draw.Canvas) {
	p.Draw(c)
	dc := p.DataCanvas(c)
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
