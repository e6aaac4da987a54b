package chartfile

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot/vg"
	vgdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"clvlab/internal/chart"
)

// dpi is the resolution charts are drawn at (chart.Size is in pixels at
// 96 an inch).
const dpi = 96

// rasterize draws the figure into img, whose size must be the figure's:
// gonum/plot's image canvas, except that an opaque rectangle whose edges
// fall on whole pixels (the backgrounds of the figure and of each plot,
// which cover it whole) is filled directly. The path rasteriser would
// give those pixels exactly the same colour (full coverage of an opaque
// colour), at several times the cost.
func rasterize(f *chart.Figure, img *image.RGBA) {
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	c := &raster{Canvas: vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(dpi)), ctx: ctx, img: img,
		colors: []color.Color{color.Black}}
	f.Draw(vgdraw.New(c))
}

// raster is the image canvas with the fast path for rectangles.
type raster struct {
	*vgimg.Canvas
	ctx    *gg.Context
	img    *image.RGBA
	colors []color.Color // the current colour, one per Push
	fast   int           // rectangles filled directly (for tests)
}

func (r *raster) SetColor(c color.Color) {
	if c == nil {
		c = color.Black // as vgimg does
	}
	r.Canvas.SetColor(c)
	r.colors[len(r.colors)-1] = c
}

func (r *raster) Push() {
	r.Canvas.Push()
	r.colors = append(r.colors, r.colors[len(r.colors)-1])
}

func (r *raster) Pop() {
	r.Canvas.Pop()
	r.colors = r.colors[:len(r.colors)-1]
}

func (r *raster) Fill(p vg.Path) {
	c := r.colors[len(r.colors)-1]
	if _, _, _, a := c.RGBA(); a == 0xffff {
		if rect, ok := r.pixelRect(p); ok {
			draw.Draw(r.img, rect, &image.Uniform{C: c}, image.Point{}, draw.Src)
			r.fast++
			return
		}
	}
	r.Canvas.Fill(p)
}

// pixelRect returns the pixels a path covers if it is a rectangle (a move
// and three or four lines, perhaps closed) whose edges, once drawn, are
// horizontal and vertical and fall on whole pixels.
func (r *raster) pixelRect(p vg.Path) (image.Rectangle, bool) {
	n := len(p)
	if n > 0 && p[n-1].Type == vg.CloseComp {
		n--
	}
	if n != 4 && n != 5 || p[0].Type != vg.MoveComp {
		return image.Rectangle{}, false
	}
	var xs, ys [5]float64
	for i := range n {
		if i > 0 && p[i].Type != vg.LineComp {
			return image.Rectangle{}, false
		}
		xs[i], ys[i] = r.ctx.TransformPoint(p[i].Pos.X.Dots(dpi), p[i].Pos.Y.Dots(dpi))
		if !whole(xs[i]) || !whole(ys[i]) {
			return image.Rectangle{}, false
		}
	}
	if n == 5 && (xs[4] != xs[0] || ys[4] != ys[0]) {
		return image.Rectangle{}, false
	}
	// Each edge is horizontal or vertical (not both: no empty edge), and
	// they take turns.
	for i := range 4 {
		j := (i + 1) % 4
		horizontal, vertical := ys[i] == ys[j], xs[i] == xs[j]
		if horizontal == vertical {
			return image.Rectangle{}, false
		}
		if k := (j + 1) % 4; horizontal == (ys[j] == ys[k]) {
			return image.Rectangle{}, false
		}
	}
	rect := image.Rect(int(math.Round(min(xs[0], xs[2]))), int(math.Round(min(ys[0], ys[2]))),
		int(math.Round(max(xs[0], xs[2]))), int(math.Round(max(ys[0], ys[2]))))
	return rect.Intersect(r.img.Rect), true
}

// whole reports whether x is a whole number of pixels.
func whole(x float64) bool { return math.Abs(x-math.Round(x)) < 1e-6 }
