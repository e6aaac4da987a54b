package chart

import (
	"image"
	"image/draw"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	vgdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Crowd is a legend entry or a note of a drawn figure and the data under
// it (Figure.Crowding).
type Crowd struct {
	What string          // "legend" (an entry: its swatch and name) or "note"
	Text string          // the entry's name or the note
	Box  image.Rectangle // in pixels from the figure's top left
	// Ink is how many pixels of the figure's data (lines, fills, bars,
	// bands) lie under Box, one pixel in from its edges.
	Ink int
	// Backed: the entry is drawn on a backing box (legendBacking), which
	// keeps it readable over the data.
	Backed bool
}

// Crowding draws the figure at its size and returns its legend entries
// and notes, each with the data under it: the figure drawn again with its
// data alone (no legends, notes, backing boxes or grid lines; axes and
// titles stay) and the pixels under each box that are not white counted.
// It measures what a reader sees; the placers' own count (covered) is by
// samples of the data.
func (f *Figure) Crowding() []Crowd {
	width, height := f.size.Points()
	rec := &textRecorder{CanvasSizer: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(96))}
	f.Draw(vgdraw.New(rec))
	type legend struct {
		r            vg.Rectangle
		left, backed bool
	}
	var legends []legend
	for _, lp := range f.placers {
		if lp.drawn {
			legends = append(legends, legend{lp.rect, lp.plot.Legend.Left && lp.above == 0, lp.backed})
		}
	}
	for _, r := range f.outside {
		legends = append(legends, legend{r: r})
	}
	var out []Crowd
	px := func(r vg.Rectangle) image.Rectangle {
		p := func(l vg.Length) int { return int(l * 96 / vg.Inch) }
		return image.Rect(p(r.Min.X), f.size.H-p(r.Max.Y), p(r.Max.X)+1, f.size.H-p(r.Min.Y)+1)
	}
	inside := func(a, b vg.Rectangle) bool {
		const slack = 1 // a point: the text's box may pass the legend's by a rounding
		return a.Min.X >= b.Min.X-slack && a.Max.X <= b.Max.X+slack && a.Min.Y >= b.Min.Y-slack && a.Max.Y <= b.Max.Y+slack
	}
	for _, t := range rec.texts {
		for _, l := range legends {
			if !inside(t.box, l.r) {
				continue
			}
			// The entry's row, from its name to the legend's edge on its
			// swatch's side.
			box := t.box
			if l.left {
				box.Min.X = l.r.Min.X
			} else {
				box.Max.X = l.r.Max.X
			}
			out = append(out, Crowd{What: "legend", Text: t.text, Box: px(box), Backed: l.backed})
			break
		}
	}
	for _, n := range f.notes {
		if n.drawn {
			out = append(out, Crowd{What: "note", Text: n.text, Box: px(n.rect)})
		}
	}
	bare := f.bareImage()
	for i := range out {
		r := out[i].Box.Inset(1).Intersect(bare.Bounds())
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if c := bare.RGBAAt(x, y); c.R < inkLevel || c.G < inkLevel || c.B < inkLevel {
					out[i].Ink++
				}
			}
		}
	}
	return out
}

// inkLevel: a pixel with a channel darker than this is drawn on (the
// lightest translucent band over white is darker).
const inkLevel = 0xf8

// bareImage draws the figure with its data alone (Crowding).
func (f *Figure) bareImage() *image.RGBA {
	width, height := f.size.Points()
	c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(96))
	f.bare = true
	f.Draw(vgdraw.New(c))
	f.bare = false
	img := image.NewRGBA(c.Image().Bounds())
	draw.Draw(img, img.Bounds(), c.Image(), image.Point{}, draw.Src)
	return img
}

// textRecorder passes drawing on to its canvas and notes where each text
// without rotation went (Crowding).
type textRecorder struct {
	vg.CanvasSizer
	stack []recState
	state recState
	texts []recText
}

type recState struct {
	dx, dy  vg.Length
	rotated bool
}

type recText struct {
	text string
	box  vg.Rectangle
}

func (r *textRecorder) Push() { r.stack = append(r.stack, r.state); r.CanvasSizer.Push() }

func (r *textRecorder) Pop() {
	if n := len(r.stack); n > 0 {
		r.state, r.stack = r.stack[n-1], r.stack[:n-1]
	}
	r.CanvasSizer.Pop()
}

func (r *textRecorder) Translate(p vg.Point) {
	r.state.dx += p.X
	r.state.dy += p.Y
	r.CanvasSizer.Translate(p)
}

func (r *textRecorder) Rotate(a float64) {
	if a != 0 {
		r.state.rotated = true
	}
	r.CanvasSizer.Rotate(a)
}

func (r *textRecorder) FillString(f font.Face, pt vg.Point, s string) {
	if !r.state.rotated && s != "" {
		e := f.Extents()
		x, y := pt.X+r.state.dx, pt.Y+r.state.dy
		r.texts = append(r.texts, recText{text: s, box: vg.Rectangle{
			Min: vg.Point{X: x, Y: y - e.Descent}, Max: vg.Point{X: x + f.Width(s), Y: y + e.Ascent}}})
	}
	r.CanvasSizer.FillString(f, pt, s)
}
