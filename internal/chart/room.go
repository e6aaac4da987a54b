package chart

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The room a legend gets once the figure is laid out, when its height in
// points is known: above the data in a top corner (keepAbove, makeRoom),
// above the data area under the title (legendsAbove), and the rows of
// names that fit (rowsThatFit).

// keepAbove asks for room above y = top for the legend in a top corner,
// gap more; least is the y axis's top when the legend is elsewhere. With
// under, the legend need clear only the data under it (the placer's
// samples and bars): a plot whose data it does not all know (the
// tornado's value labels beside its bars) asks for room over all of it.
func (lp *legendPlacer) keepAbove(top float64, gap vg.Length, least float64, under bool) {
	lp.below = &legendRoom{top: top, gap: gap, least: least, under: under}
}

// maxHeadroom is the largest share of its data area's height a plot
// gives its legend above the data (keepAbove); a taller legend takes a
// corner as it finds one.
const maxHeadroom = 0.7

// makeRoom sets the y axis's top of each plot of grid (in canvases) that
// asked for room for its legend (keepAbove): high enough that the legend,
// as high as it is drawn, clears the data under it in a top corner by the
// gap asked for, in the corner that needs the least (the chart's own on a
// tie); beside the plots (column) or above them (legendsAbove), the gap
// alone over all the data. The legend's height is in points and the axis
// in data units, so the room is known only once laid out: a fixed share
// of rows was too little at large text (the tornado's legend sat over its
// longest bar).
func (f *Figure) makeRoom(grid [][]*plot.Plot, canvases [][]draw.Canvas, column vg.Length) {
	for i, row := range grid {
		for j, p := range row {
			lp := f.placer(p)
			if lp == nil || lp.below == nil {
				continue
			}
			yMax, left, _ := f.roomWithNote(p, lp, p.DataCanvas(canvases[i][j]), column == 0 && lp.above == 0)
			p.Y.Max = yMax
			if column == 0 && lp.above == 0 {
				p.Legend.Top, p.Legend.Left = true, left
			}
		}
	}
}

// roomWithNote is room with the gap keepAbove asked for, and, when p has
// a note beside a line (sideNote) that finds no clear place with that
// room, with the note's room too.
func (f *Figure) roomWithNote(p *plot.Plot, lp *legendPlacer, dc draw.Canvas, inData bool) (yMax float64, left, tall bool) {
	gap := lp.below.gap
	yMax, left, tall = f.room(p, lp, dc, inData, gap)
	for _, n := range f.notes {
		if n.plot != p || tall {
			continue
		}
		// Where the legend would go (legendPlacer.Plot's rectangle) and
		// whether the note finds a place beside it.
		was, wasLeft := p.Y.Max, p.Legend.Left
		p.Y.Max, p.Legend.Left = yMax, left
		var legend *vg.Rectangle
		if inData {
			size := p.Legend.Rectangle(dc).Size()
			r := cornerRect(dc, vg.Point{X: size.X + p.X.Padding, Y: size.Y + p.Y.Padding}, true, left)
			legend = &r
		}
		_, _, ok := n.place(dc, p, legend)
		p.Y.Max, p.Legend.Left = was, wasLeft
		if !ok {
			yMax, left, tall = f.room(p, lp, dc, inData, gap+n.room())
		}
	}
	return yMax, left, tall
}

// room returns the y axis's top p needs (keepAbove) with its data area
// dc, the legend in a top corner when inData (in the left one if left)
// and gap under it, else the gap alone over all the data; tall when the data would keep
// less than 1 − maxHeadroom of the axis (then the axis keeps its least
// top, and the legend is better above the data area).
func (f *Figure) room(p *plot.Plot, lp *legendPlacer, dc draw.Canvas, inData bool, gap vg.Length) (yMax float64, left, tall bool) {
	r := lp.below
	height := dc.Size().Y
	room := gap
	if inData {
		// The placer's rectangle: the legend and the axis's padding
		// (legendPlacer.Plot), down from the data area's top.
		room += p.Legend.Rectangle(dc).Size().Y + p.Y.Padding
	}
	k := float64(room / height)
	if k >= 1 {
		return r.least, p.Legend.Left, true
	}
	need := func(top float64) float64 { return p.Y.Min + (top-p.Y.Min)/(1-k) }
	left = p.Legend.Left
	yMax = need(r.top)
	if inData && r.under {
		// The data under each top corner: the legend's width, and the
		// bars' half width either side (the samples are at their
		// centres).
		w := p.Legend.Rectangle(dc).Size().X + p.X.Padding
		margin := vg.Length(0)
		for _, b := range f.bars[p] {
			margin = max(margin, b.bars.Width/2+abs(b.bars.Offset))
		}
		xf, _ := p.Transforms(&dc)
		under := func(x0, x1 vg.Length) float64 {
			top := p.Y.Min
			for _, s := range lp.samples {
				if x := xf(s.X); x >= x0-margin && x <= x1+margin {
					top = math.Max(top, s.Y)
				}
			}
			for _, b := range lp.bars {
				if xf(float64(b.Max.X)) >= x0 && xf(float64(b.Min.X)) <= x1 {
					top = math.Max(top, float64(b.Max.Y))
				}
			}
			return top
		}
		own := need(under(dc.Min.X, dc.Min.X+w))
		other := need(under(dc.Max.X-w, dc.Max.X))
		if !left {
			own, other = other, own
		}
		yMax = own
		if other < own {
			yMax, left = other, !left
		}
	}
	yMax = math.Max(yMax, r.least)
	if (r.top-p.Y.Min)/(yMax-p.Y.Min) < 1-maxHeadroom {
		return r.least, left, true
	}
	return yMax, left, false
}

func abs(l vg.Length) vg.Length {
	if l < 0 {
		return -l
	}
	return l
}

// minRows is the fewest rows rowsThatFit asks for.
const minRows = 3

// rowLines is a row's least height, in lines of its name: names closer
// overlap.
const rowLines = 1.15

// rowsThatFit returns how many rows of names the figure's one plot (in
// grid, laid out in canvases) has room for, each rowLines of its name
// high, below the room its legend takes above them (makeRoom); at least
// minRows. Large text in a short chart drew twenty names in the height
// of six, one over another.
func (f *Figure) rowsThatFit(l *layout, column vg.Length) int {
	p := l.grid[0][0]
	dc := l.dataArea(0, 0)
	room := dc.Size().Y
	if lp := f.placer(p); column == 0 && lp != nil && lp.below != nil {
		room -= p.Legend.Rectangle(dc).Size().Y + p.Y.Padding + lp.below.gap
	}
	// The axis spans the rows and 0.2 of one more (tornado.go).
	n := int(float64(room/(rowLines*p.Y.Tick.Label.Height("Ag"))) - 0.2)
	return max(n, minRows)
}

// legendsAbove puts the legend of each plot that has no clear corner in
// its data area above that area, under its title, right-aligned with it:
// one that needs more room above the data than maxHeadroom (keepAbove),
// and, side by side (where a column beside them would cover the next
// plot's axes), one over the data in every corner (blocked: a line under
// its names, or its swatch lost on a fill of its own colour). The title's padding makes the room; Draw gives it back
// after drawing (restoreTitles). A legend wider than its data area, or
// that would leave it less than minAboveShare of the figure's height,
// stays in its data area, on a backing box where it covers data
// (legendPlacer.Plot).
func (f *Figure) legendsAbove(l *layout, column vg.Length) {
	if column > 0 {
		return
	}
	for i, row := range l.grid {
		for j, p := range row {
			lp := f.placer(p)
			c := l.canvases[i][j]
			if lp == nil || p.Title.Text == "" {
				continue
			}
			dc := l.dataArea(i, j)
			size := p.Legend.Rectangle(c).Size()
			if size.X <= 0 || size.Y <= 0 || size.X+p.X.Padding > dc.Size().X {
				continue
			}
			tall := false
			if lp.below != nil {
				_, _, tall = f.roomWithNote(p, lp, dc, true)
			}
			// One above another, arrange took a blocked legend beside the
			// plots where it fits in a quarter of the width; else it is
			// backed where it lies (a legend above a lone plot left the
			// data area too short: TestChartRoomTeaching's cohorts).
			if !tall && (len(row) < 2 || !lp.blocked(p, c, dc)) {
				continue
			}
			above := size.Y + p.Y.Padding + p.Title.Padding
			if _, h := f.size.Points(); dc.Size().Y-above < h*minAboveShare {
				continue // the data area would be a sliver
			}
			lp.above = above
			p.Title.Padding += above
		}
	}
}

// minAboveShare is the least share of the figure's height a data area
// keeps with its legend above it (legendsAbove).
const minAboveShare = 1.0 / 3

// restoreTitles gives back the room legendsAbove took from the titles.
func (f *Figure) restoreTitles() {
	for _, lp := range f.placers {
		if lp.above > 0 {
			lp.plot.Title.Padding -= lp.above
			lp.above = 0
		}
	}
}
