package chart

import (
	"image"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// sideNote is a note beside a vertical line at x (the cash flow's
// payback of a cohort) that keeps off the plot's bars, lines and legend:
// right of the line, just above the bars and lines under it, or else
// left of it, on one line or two; else at the top right of the legend;
// where none is clear, at the top of the line, right of it (makeRoom
// gives it room under the legend where it can). After drawing, rect is where it went.
// A label at the top of the line, as it was, sat over the tallest bars
// at large text, which reach the top of the data right of the line.
type sideNote struct {
	x       float64 // the line's x, in data units
	text    string
	style   text.Style
	dx      vg.Length // the gap from the line, and above what it clears
	plot    *plot.Plot
	charts  []*plotter.BarChart
	placer  *legendPlacer // its samples and legend to keep off, or nil
	rect    vg.Rectangle
	drawn   bool
	covered bool // where it went, it covers something
	bare    bool // placed but not drawn (Figure.bare)
}

// Plot places and draws the note in c.
func (n *sideNote) Plot(c draw.Canvas, p *plot.Plot) {
	var legend *vg.Rectangle
	if n.placer != nil && n.placer.drawn {
		legend = &n.placer.rect
	}
	r, s, ok := n.place(c, p, legend)
	n.covered = !ok
	n.draw(c, r, s)
}

// place returns where the note goes in c, clear of the legend at legend
// (nil: none in c), and its text (on one line or two), or, when no place
// is clear (ok false), the top of the line, right of it, on one line.
func (n *sideNote) place(c draw.Canvas, p *plot.Plot, legend *vg.Rectangle) (r vg.Rectangle, s string, ok bool) {
	xf, yf := p.Transforms(&c)
	line := xf(n.x)
	// top returns the top of the bars and lines between x0 and x1 on the
	// canvas (c.Min.Y if none).
	top := func(x0, x1 vg.Length) vg.Length {
		y := c.Min.Y
		for _, b := range n.charts {
			for i, v := range b.Values {
				cx := xf(b.XMin+float64(i)) + b.Offset
				if cx+b.Width/2 > x0 && cx-b.Width/2 < x1 {
					y = max(y, yf(max(v, 0)))
				}
			}
		}
		if n.placer != nil {
			for _, s := range n.placer.samples {
				if x := xf(s.X); x >= x0 && x <= x1 {
					y = max(y, yf(s.Y))
				}
			}
		}
		return y
	}
	clear := func(r vg.Rectangle) bool {
		if r.Min.X < c.Min.X || r.Max.X > c.Max.X || r.Max.Y > c.Max.Y {
			return false
		}
		return legend == nil || !overlap(r, *legend)
	}
	// On one line, else on two (narrower, so over lower bars: a narrow
	// plot beside another has room for no long line under its legend).
	one := n.text
	two := strings.Join(wrapText(one, n.style, n.style.Width(one)*0.6), "\n")
	for _, s := range []string{one, two} {
		w, h := n.style.Width(s), n.style.Height(s)
		for _, x0 := range []vg.Length{line + n.dx, line - n.dx - w} {
			y0 := top(x0, x0+w) + n.dx
			r := vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x0 + w, Y: y0 + h}}
			if clear(r) {
				return r, s, true
			}
		}
	}
	// Else at the top, right of the legend, over no data: away from its
	// line, but read.
	for _, s := range []string{one, two} {
		w, h := n.style.Width(s), n.style.Height(s)
		x0 := line + n.dx
		if legend != nil {
			x0 = max(x0, legend.Max.X+n.dx)
		}
		r := vg.Rectangle{Min: vg.Point{X: x0, Y: c.Max.Y - h}, Max: vg.Point{X: x0 + w, Y: c.Max.Y}}
		if clear(r) && top(x0, x0+w)+n.dx <= r.Min.Y {
			return r, s, true
		}
	}
	w, h := n.style.Width(one), n.style.Height(one)
	return vg.Rectangle{Min: vg.Point{X: line + n.dx, Y: c.Max.Y - h}, Max: vg.Point{X: line + n.dx + w, Y: c.Max.Y}}, one, false
}

// room is the room above the data the note may need: its height and
// its gap either side.
func (n *sideNote) room() vg.Length { return n.style.Height(n.text) + 2*n.dx }

// draw draws s, the note on one or more lines, in r.
func (n *sideNote) draw(c draw.Canvas, r vg.Rectangle, s string) {
	sty := n.style
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
	if !n.bare {
		c.FillText(sty, vg.Point{X: r.Min.X, Y: r.Max.Y}, s)
	}
	n.rect, n.drawn = r, true
}

// sideNote adds a note beside the vertical line at x of p, clear of the
// bar charts and of what p's legend placer knows (addLine, addColumns).
func (st *style) sideNote(p *plot.Plot, x float64, label string, charts ...*plotter.BarChart) *sideNote {
	n := &sideNote{x: x, text: label, style: text.Style{Color: text90, Font: st.font(9), Handler: plot.DefaultTextHandler},
		dx: st.pt(3), plot: p, placer: st.placers[p]}
	for _, b := range charts {
		if b != nil {
			n.charts = append(n.charts, b)
		}
	}
	p.Add(n)
	st.notes = append(st.notes, n)
	return n
}

// Notes returns where the notes beside lines of a drawn figure are (the
// cash flow's payback), in pixels from its top left.
func (f *Figure) Notes() []image.Rectangle {
	var out []image.Rectangle
	px := func(l vg.Length) int { return int(l * 96 / vg.Inch) }
	for _, n := range f.notes {
		if n.drawn {
			r := n.rect
			out = append(out, image.Rect(px(r.Min.X), f.size.H-px(r.Max.Y), px(r.Max.X)+1, f.size.H-px(r.Min.Y)+1))
		}
	}
	return out
}

// Columns returns where the bars of a drawn figure's bar charts are (the
// cash flow's, the CLV breakdown's), in pixels from its top left: a note
// must not cover them.
func (f *Figure) Columns() []image.Rectangle {
	var out []image.Rectangle
	px := func(l vg.Length) int { return int(l * 96 / vg.Inch) }
	for _, r := range f.columns {
		out = append(out, image.Rect(px(r.Min.X), f.size.H-px(r.Max.Y), px(r.Max.X)+1, f.size.H-px(r.Min.Y)+1))
	}
	return out
}

// addColumns notes where the bars of p's bar charts went, drawn in c.
func (f *Figure) addColumns(p *plot.Plot, dc draw.Canvas) {
	xf, yf := p.Transforms(&dc)
	for _, sb := range f.bars[p] {
		b := sb.bars
		for i, v := range b.Values {
			cx := xf(b.XMin+float64(i)) + b.Offset
			y0, y1 := yf(0), yf(v)
			f.columns = append(f.columns, vg.Rectangle{
				Min: vg.Point{X: cx - b.Width/2, Y: min(y0, y1)},
				Max: vg.Point{X: cx + b.Width/2, Y: max(y0, y1)}})
		}
	}
}
