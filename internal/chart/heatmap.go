package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
	"clvlab/sim"
)

// NewHeatMap returns a grid as a chart input, with names in lang.
func NewHeatMap(s *scenarios.Scenario, g *whatif.Grid, lang string) *HeatMap {
	return &HeatMap{Header: headerOf(s, lang), KPI: g.KPI.Short(lang), Money: g.KPI.Unit() == kpi.Money,
		XName: s.Label(g.X.Path, lang), YName: s.Label(g.Y.Path, lang),
		XPercent: g.X.Kind.Percent(), YPercent: g.Y.Kind.Percent(),
		XValues: g.XValues, YValues: g.YValues, Z: g.Z, Level: g.Level, Current: &[2]float64{g.X.Value, g.Y.Value}}
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
	// Undefined, if set, says what the grey cells are (default: undefined,
	// or an invalid scenario).
	Undefined string

	bar *plot.Plot // the colour bar, set by plots
}

// grid adapts a HeatMap to plotter.GridXYZ; undefined cells are NaN,
// which plotter.HeatMap draws in its NaN colour.
type grid struct{ h *HeatMap }

func (g grid) Dims() (c, r int) { return len(g.h.XValues), len(g.h.YValues) }

func (g grid) X(c int) float64 { return g.h.XValues[c] }

func (g grid) Y(r int) float64 { return g.h.YValues[r] }

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

func (d *diverging) Max() float64 { return d.max }

func (d *diverging) SetMax(v float64) { d.max = v }

func (d *diverging) Min() float64 { return d.min }

func (d *diverging) SetMin(v float64) { d.min = v }

func (d *diverging) Alpha() float64 { return d.alpha }

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
	title := st.titled(st.t(msgHeatMapTitle, Printable(hm.KPI), Printable(hm.XName), Printable(hm.YName)))
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
	p := st.newPlot(title, Printable(hm.XName), Printable(hm.YName))
	g := grid{hm}
	heat := plotter.NewHeatMap(g, cm.Palette(255))
	heat.Min, heat.Max = cm.min, cm.max
	heat.NaN = lightGrey
	heat.Rasterized = nx*ny >= 2500 // a large grid as an image; a small one cell by cell, without blur
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
	note := st.t(msgBreakEven, Printable(hm.KPI), level)
	if !crosses {
		note = st.t(msgNoBreakEven, Printable(hm.KPI), level)
	}
	if undefined > 0 && hm.Undefined != "" {
		note += "; " + Printable(hm.Undefined)
	} else if undefined > 0 {
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
