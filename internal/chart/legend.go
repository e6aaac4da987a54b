package chart

import (
	"image"
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendPlacer is a plotter of every plot that draws nothing: drawn after
// the axes and before the legend (gonum/plot draws the legend last), it
// moves the legend to the corner of the data area where it covers the
// fewest samples of the data, keeping the corner the chart asked for
// (Legend.Top and Left) unless another covers less. The style records the
// samples as it adds lines, stacked areas, bars and bands (addLine,
// addColumns). After drawing, rect is where the legend went.
type legendPlacer struct {
	plot    *plot.Plot
	fixed   bool // the figure places the legend itself (Figure.drawBesideLegend)
	samples plotter.XYs
	areas   plotter.XYs // the samples of filled areas (addColumns)
	// bars are the plot's bars (addBar), in data units; drawnBars the
	// same on the canvas once drawn. A legend over any part of a bar
	// covers it.
	bars      []vg.Rectangle
	drawnBars []vg.Rectangle
	rect      vg.Rectangle
	drawn     bool
	covered   int // samples and bars under the legend where it went
	// below, when set, asks for room for the legend above the data: the
	// y axis's top (Y.Max, at least least) is set as the figure is laid
	// out (Figure.makeRoom) so that a legend in a top corner, as high as
	// it is drawn, clears y = top by gap.
	below *legendRoom
	// frame is the right and top of the area gonum/plot draws the legend
	// in (the plot's canvas less its title; Figure.drawPlot): right of
	// the data area by as much as the axis's labels overhang it, which a
	// long label under the axis makes much more than the axis's padding.
	frame    vg.Point
	hasFrame bool
	// above, when above 0, is the room the legend has above the data
	// area, under the title (Figure.legendsAbove): it is drawn there.
	above vg.Length
	// drawnSamples are the samples on the canvas as last placed (Plot's
	// scratch).
	drawnSamples []vg.Point
	// data is the data area the plot was last drawn in (Plot sees it;
	// Figure.drawPlot reads it).
	data draw.Canvas
	// backed: the legend lies over data where it went and is drawn on a
	// backing box (legendBacking); backing: the plot has that plotter.
	backed, backing bool
	// grid is the plot's grid (newPlot); bare, the figure is drawn
	// without legends (Figure.bare).
	grid *plotter.Grid
	bare bool
}

// legendRoom is the data a legend in a top corner must clear (keepAbove).
type legendRoom struct {
	top   float64   // the highest data, in data units
	gap   vg.Length // and the room kept above it
	least float64   // the y axis's top without a legend in the data area
	under bool      // clear only the data under the legend (keepAbove)
	// left is the corner the chart asked for (its Legend.Left when first
	// drawn: makeRoom and the placer change it).
	left, asked bool
}

// corners in the order tried after the chart's own: top left, top right,
// bottom right, bottom left.
var corners = [...]struct{ top, left bool }{{true, true}, {true, false}, {false, false}, {false, true}}

func (lp *legendPlacer) Plot(c draw.Canvas, p *plot.Plot) {
	lp.place(c, p)
	if lp.bare {
		p.Legend.XOffs += offCanvas
	}
}

// offCanvas moves a legend off the figure (Figure.bare).
const offCanvas = 1e6

// place places the legend in c (Plot).
func (lp *legendPlacer) place(c draw.Canvas, p *plot.Plot) {
	lp.backed = false
	lp.data = c
	xf, yf := p.Transforms(&c)
	lp.drawnBars = lp.drawnBars[:0]
	for _, b := range lp.bars {
		lp.drawnBars = append(lp.drawnBars, vg.Rectangle{
			Min: vg.Point{X: xf(float64(b.Min.X)), Y: yf(float64(b.Min.Y))},
			Max: vg.Point{X: xf(float64(b.Max.X)), Y: yf(float64(b.Max.Y))}})
	}
	if lp.fixed {
		lp.drawn = false
		return
	}
	size := p.Legend.Rectangle(c).Size()
	if size.X <= 0 || size.Y <= 0 {
		lp.drawn = false
		return
	}
	if lp.above > 0 && lp.hasFrame {
		// Right-aligned with the data area, in the room above it: its
		// bottom the gap above the frame's top.
		p.Legend.Top, p.Legend.Left = true, false
		p.Legend.XOffs, p.Legend.YOffs = c.Max.X-lp.frame.X, lp.above
		right, top := c.Max.X, lp.frame.Y+lp.above
		lp.rect = vg.Rectangle{Min: vg.Point{X: right - size.X, Y: top - size.Y}, Max: vg.Point{X: right, Y: top}}
		lp.drawn, lp.covered = true, 0
		return
	}
	// The legend is drawn in the plot's area without the axes' padding:
	// a little larger than c; allow for it.
	size.X += p.X.Padding
	size.Y += p.Y.Padding
	// The samples on the canvas, placed once for the corners tried.
	lp.drawnSamples = lp.drawnSamples[:0]
	for _, s := range lp.samples {
		lp.drawnSamples = append(lp.drawnSamples, vg.Point{X: xf(s.X), Y: yf(s.Y)})
	}
	margin := lp.margin(p)
	count := func(r vg.Rectangle) int {
		r = grow(r, margin)
		n := 0
		for _, s := range lp.drawnSamples {
			if x, y := s.X, s.Y; x >= r.Min.X && x <= r.Max.X && y >= r.Min.Y && y <= r.Max.Y {
				n++
			}
		}
		for _, b := range lp.drawnBars {
			if overlap(r, b) {
				n++
			}
		}
		return n
	}
	top, left := p.Legend.Top, p.Legend.Left
	best := cornerRect(c, size, top, left)
	bestN := count(best)
	for _, k := range corners {
		if bestN == 0 {
			break
		}
		r := cornerRect(c, size, k.top, k.left)
		if n := count(r); n < bestN {
			best, bestN, top, left = r, n, k.top, k.left
		}
	}
	p.Legend.Top, p.Legend.Left = top, left
	// Drawn where it was placed: at most the axis's padding past the
	// data area's right and top (Legend.Draw aligns it to the frame).
	p.Legend.XOffs, p.Legend.YOffs = 0, 0
	if lp.hasFrame && !left {
		p.Legend.XOffs = min(0, c.Max.X+p.X.Padding-lp.frame.X)
	}
	if lp.hasFrame && top {
		p.Legend.YOffs = min(0, c.Max.Y+p.Y.Padding-lp.frame.Y)
	}
	// Where no corner is free (arrange and legendsAbove found no room
	// beside or above the data), the legend is drawn on a backing box
	// over the data that covers the least.
	lp.rect, lp.drawn, lp.covered, lp.backed = best, true, bestN, bestN > 0
}

// legendBacking draws a backing box under a legend that lies over the
// data (legendPlacer.backed): white, a little translucent, so that the
// names read and the data under them still shows.
type legendBacking struct{ lp *legendPlacer }

// backingColour is the backing box's: white at 85%, over which a black
// line shows as a light grey and the legend's text reads as on white.
var backingColour = color.NRGBA{0xff, 0xff, 0xff, 0xd9}

func (b legendBacking) Plot(c draw.Canvas, _ *plot.Plot) {
	if !b.lp.backed || b.lp.bare {
		return
	}
	c.SetColor(backingColour)
	c.Fill(b.lp.rect.Path())
}

// blocked reports whether p's legend, drawn in canvas c, would cover
// the data (its samples and bars, within legendMargin) in every corner of
// its data area dc: such a legend goes in the column beside the plots
// (Figure.arrange) or above its data area (Figure.legendsAbove), and
// only where neither has room on a backing box in the corner that covers
// the least (legendPlacer.Plot). A plot that makes room for its legend
// above the data (keepAbove) is blocked by its filled areas only: the
// room frees a top corner of its lines and bars, not of a swatch's fill.
// A swatch on a fill of its own colour is not seen, and a name over a
// line hides it: in the planner the market's legend lay over our share
// and the steady state's name over its own dashed line.
func (lp *legendPlacer) blocked(p *plot.Plot, c, dc draw.Canvas) bool {
	samples, bars := lp.samples, lp.bars
	if lp.below != nil {
		samples, bars = lp.areas, nil
	}
	if len(samples) == 0 && len(bars) == 0 {
		return false
	}
	size := p.Legend.Rectangle(c).Size()
	if size.X <= 0 || size.Y <= 0 {
		return false
	}
	size.X += p.X.Padding
	size.Y += p.Y.Padding
	xf, yf := p.Transforms(&dc)
	for _, k := range corners {
		r := grow(cornerRect(dc, size, k.top, k.left), lp.margin(p))
		covered := false
		for _, s := range samples {
			if x, y := xf(s.X), yf(s.Y); x >= r.Min.X && x <= r.Max.X && y >= r.Min.Y && y <= r.Max.Y {
				covered = true
				break
			}
		}
		for _, b := range bars {
			if covered {
				break
			}
			covered = overlap(r, vg.Rectangle{
				Min: vg.Point{X: xf(float64(b.Min.X)), Y: yf(float64(b.Min.Y))},
				Max: vg.Point{X: xf(float64(b.Max.X)), Y: yf(float64(b.Max.Y))}})
		}
		if !covered {
			return false
		}
	}
	return true
}

// margin is how far from a legend the samples of the data must keep: a
// line's sample just outside the legend is drawn into it by its width.
func (lp *legendPlacer) margin(p *plot.Plot) vg.Length { return p.Legend.Padding }

// grow returns r larger by m on every side.
func grow(r vg.Rectangle, m vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: r.Min.X - m, Y: r.Min.Y - m}, Max: vg.Point{X: r.Max.X + m, Y: r.Max.Y + m}}
}

// cornerRect is a rectangle of size in a corner of c.
func cornerRect(c draw.Canvas, size vg.Point, top, left bool) vg.Rectangle {
	r := vg.Rectangle{Min: c.Min, Max: vg.Point{X: c.Min.X + size.X, Y: c.Min.Y + size.Y}}
	if !left {
		r.Min.X, r.Max.X = c.Max.X-size.X, c.Max.X
	}
	if top {
		r.Min.Y, r.Max.Y = c.Max.Y-size.Y, c.Max.Y
	}
	return r
}

// samplesPerStep is how many samples a segment or a column between two
// periods gets: enough that a legend over a line or an area is seen.
const samplesPerStep = 8

// addLine samples the line through (xs[i], ys[i]) along its segments.
func (lp *legendPlacer) addLine(xs, ys []float64) {
	if len(xs) > 0 {
		lp.samples = slices.Grow(lp.samples, 1+(len(xs)-1)*samplesPerStep)
	}
	for i := range xs {
		if i == 0 {
			lp.samples = append(lp.samples, plotter.XY{X: xs[0], Y: ys[0]})
			continue
		}
		for k := 1; k <= samplesPerStep; k++ {
			f := float64(k) / samplesPerStep
			lp.samples = append(lp.samples, plotter.XY{X: xs[i-1] + f*(xs[i]-xs[i-1]), Y: ys[i-1] + f*(ys[i]-ys[i-1])})
		}
	}
}

// addBar notes a bar from (x0, y0) to (x1, y1) in data units.
func (lp *legendPlacer) addBar(x0, y0, x1, y1 float64) {
	lp.bars = append(lp.bars, vg.Rectangle{
		Min: vg.Point{X: vg.Length(min(x0, x1)), Y: vg.Length(min(y0, y1))},
		Max: vg.Point{X: vg.Length(max(x0, x1)), Y: vg.Length(max(y0, y1))}})
}

// overlap reports whether a and b share some area.
func overlap(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

// addColumns samples the area between lo and hi over xs: columns at each
// x and half-way between, each sampled from lo to hi.
func (lp *legendPlacer) addColumns(xs, lo, hi []float64) {
	column := func(x, a, b float64) {
		for k := 0; k <= samplesPerStep; k++ {
			xy := plotter.XY{X: x, Y: a + float64(k)/samplesPerStep*(b-a)}
			lp.samples = append(lp.samples, xy)
			if a != b {
				lp.areas = append(lp.areas, xy)
			}
		}
	}
	if len(xs) > 0 { // a column at each x and half-way between
		n := (2*len(xs) - 1) * (samplesPerStep + 1)
		lp.samples, lp.areas = slices.Grow(lp.samples, n), slices.Grow(lp.areas, n)
	}
	for i := range xs {
		column(xs[i], lo[i], hi[i])
		if i > 0 {
			column((xs[i]+xs[i-1])/2, (lo[i]+lo[i-1])/2, (hi[i]+hi[i-1])/2)
		}
	}
}

// placer returns the legend placer of p (newPlot adds one to every plot).
func (st *style) placer(p *plot.Plot) *legendPlacer {
	if lp := st.placers[p]; lp != nil {
		return lp
	}
	lp := &legendPlacer{plot: p}
	st.placers[p] = lp
	p.Add(lp)
	return lp
}

// Legends returns where the legends of a drawn figure are, in its data
// areas or in the column beside them, in pixels from its top left: for an overlay (the app's tooltip) that must not cover
// them.
func (f *Figure) Legends() []image.Rectangle {
	var out []image.Rectangle
	px := func(l vg.Length) int { return int(l * 96 / vg.Inch) }
	add := func(r vg.Rectangle) {
		out = append(out, image.Rect(px(r.Min.X), f.size.H-px(r.Max.Y), px(r.Max.X)+1, f.size.H-px(r.Min.Y)+1))
	}
	for _, lp := range f.placers {
		if lp.drawn {
			add(lp.rect)
		}
	}
	for _, r := range f.outside {
		add(r)
	}
	return out
}

// Bars returns where the bars of a drawn figure's horizontal bar charts
// (What matters) are, in pixels from its top left: a legend must not
// cover them.
func (f *Figure) Bars() []image.Rectangle {
	var out []image.Rectangle
	px := func(l vg.Length) int { return int(l * 96 / vg.Inch) }
	for _, lp := range f.placers {
		for _, r := range lp.drawnBars {
			out = append(out, image.Rect(px(r.Min.X), f.size.H-px(r.Max.Y), px(r.Max.X)+1, f.size.H-px(r.Min.Y)+1))
		}
	}
	return out
}

// DataAreas returns where the data areas of a drawn figure are, in pixels
// from its top left: one a plot, inside its axes.
func (f *Figure) DataAreas() []image.Rectangle {
	out := make([]image.Rectangle, 0, len(f.data))
	px := func(l vg.Length) int { return int(l * 96 / vg.Inch) }
	for _, d := range f.data {
		r := d.rect
		out = append(out, image.Rect(px(r.Min.X), f.size.H-px(r.Max.Y), px(r.Max.X)+1, f.size.H-px(r.Min.Y)+1))
	}
	return out
}
