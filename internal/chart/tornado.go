package chart

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
	"clvlab/sim"
)

// NewTornado returns a tornado as a chart input, with names in lang.
func NewTornado(s *scenarios.Scenario, t *whatif.Tornado, lang string) *Tornado {
	c := &Tornado{Header: headerOf(s, lang), KPI: t.KPI.Short(lang), Money: t.KPI.Unit() == kpi.Money, Share: t.KPI.Unit() == kpi.Share, Percent: t.Percent, Base: t.Base}
	for _, b := range t.Bars {
		c.Bars = append(c.Bars, TornadoBar{Name: s.Label(b.Path, lang), Low: b.Low, High: b.High,
			Percent: b.Kind.Percent(), KPILow: b.KPILow, KPIHigh: b.KPIHigh, Clamped: b.Clamped != ""})
	}
	return c
}

// Tornado is a one-at-a-time sensitivity analysis, bars ranked by swing.
type Tornado struct {
	Header
	KPI     string // display name
	Money   bool
	Share   bool         // the KPI is a share, shown as a percentage (the steady share)
	Percent float64      // the move, ±percent, for the title
	Base    sim.Optional // the KPI at the base values
	Bars    []TornadoBar // largest swing first
	// MaxBars caps the bars drawn (default 20); the rest are counted in a
	// note.
	MaxBars int
	// File names the file beside the chart that lists every bar, for the
	// note ("tornado.csv" from the command line); "" names none (the
	// planner in the browser has no such file).
	File string
}

// maxBars is the most bars drawn: MaxBars, or 20.
func (t *Tornado) maxBars() int {
	if t.MaxBars <= 0 {
		return 20
	}
	return t.MaxBars
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
	title := st.titled(st.t(msgTornadoTitle, Printable(t.KPI)))
	if len(t.Bars) == 0 || !t.Base.Defined {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	bars := t.Bars[:min(len(t.Bars), t.maxBars())]
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
		names[i] = fmt.Sprintf("%s  %s - %s%s", Printable(b.Name), paramText(b.Low, b.Percent), paramText(b.High, b.Percent), mark)
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
			// The legend keeps off the bars: where the room left for it
			// above them is too low (large text), it takes another corner.
			st.placer(p).addBar(base, y+off-h/2, side.v.Value, y+off+h/2)
			lo, hi = math.Min(lo, side.v.Value), math.Max(hi, side.v.Value)
			text := st.kpiText(side.v.Value, t.Money, t.Share)
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
	if n <= 12 { // beyond, labels of neighbouring rows collide; tornado.csv has them (as large as the names: a projector's least)
		st.labels(p, rXY, rText, 3, 9)
		st.labels(p, lXY, lText, -3, 9)
	}
	span := hi - lo
	if span == 0 {
		span = math.Max(1, math.Abs(base)*0.01)
	}
	p.X.Min, p.X.Max = lo-0.28*span, hi+0.28*span
	// The legend goes top right, above the bars: the room for it is
	// made as the figure is laid out, from its height (Figure.makeRoom),
	// over the base line's top and the top bar's value label.
	p.Y.Min, p.Y.Max = -0.7, float64(n)-0.3
	st.placer(p).keepAbove(float64(n)-0.5, st.pt(4), p.Y.Max, false)
	st.line(p, []float64{base, base}, []float64{-0.5, float64(n) - 0.5}, black, 1, false)
	p.Y.Tick.Marker = rowTicks(names)
	p.Y.Tick.Label.Font = st.font(9)
	p.X.Tick.Marker = axisTicks(t.Share, st.lang)
	if highBar != nil {
		p.Legend.Add(st.t(msgAtHigh), highBar)
	}
	if lowBar != nil {
		p.Legend.Add(st.t(msgAtLow), lowBar)
	}
	p.Legend.Left = false
	p.Legend.Top = true
	notes := st.t(msgBaseValue, st.kpiText(base, t.Money, t.Share))
	if clamped {
		notes += "   " + st.t(msgClampedNote)
	}
	if more := len(t.Bars) - n; more > 0 {
		notes += "   " + st.t(msgMoreBars, more)
		if t.File != "" {
			notes += st.t(msgSeeFile, Printable(t.File))
		}
	}
	p.X.Label.Text += "\n" + notes
	return [][]*plot.Plot{{p}}
}
