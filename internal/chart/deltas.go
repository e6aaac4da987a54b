package chart

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clvlab/internal/kpi"
	"clvlab/sim"
)

// deltaKPIs are the figures the deltas chart compares, top to bottom: a
// selection of kpi.Outcomes (see package kpi's doc), without CLV over an
// infinite horizon.
var deltaKPIs = []kpi.KPI{kpi.CLV, kpi.CLVNet, kpi.LTVCAC, kpi.CustomerEquity, kpi.PaybackPeriods, kpi.ExpectedLifetime}

// deltaFigures returns the figures the deltas chart compares for runs
// whose base is base: deltaKPIs, and the referral value last when the
// base refers (kpi.ReferralValue's Shown).
func deltaFigures(base *sim.Summary) []kpi.KPI {
	if !kpi.ReferralValue.Shown(base) {
		return deltaKPIs
	}
	return append(slices.Clone(deltaKPIs), kpi.ReferralValue)
}

// News is what a change of a KPI means: good news, bad news or none, by
// the direction the catalogue calls good (kpi.KPI.Good), as the planner's
// KPI strip colours it.
type News int

const (
	NoNews News = iota // no change, or undefined
	GoodNews
	BadNews
)

// NewsOf returns what a relative change d of k means.
func NewsOf(k kpi.KPI, d float64) News {
	switch {
	case d == 0 || math.IsNaN(d):
		return NoNews
	case (d > 0) == (k.Good() == kpi.Higher):
		return GoodNews
	}
	return BadNews
}

// newsColours are green for good news and vermillion for bad (Okabe–Ito,
// as the KPI strip), grey for none.
var newsColours = [...]color.RGBA{NoNews: grey, GoodNews: green, BadNews: vermillion}

// variantShade returns colour c for variant j of several, lighter for
// each later variant (mixed with white), so the rows of one KPI stay
// apart when the news colours them alike.
func variantShade(c color.RGBA, j int) color.RGBA {
	f := math.Min(0.6, 0.3*float64(j)) // share of white
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v)*(1-f) + 255*f)) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 0xff}
}

// deltaRange returns the x range of the deltas chart for changes from lo
// to hi (percent, lo ≤ 0 ≤ hi): the data with a quarter of its span on
// each side for the value labels; ±1% when nothing changed.
func deltaRange(lo, hi float64) (float64, float64) {
	if hi-lo == 0 {
		return -1, 1
	}
	pad := 0.25 * (hi - lo)
	return lo - pad, hi + pad
}

// deltaLabel writes a relative change in percent with the precision its
// size needs: "+24.9%", "-0.04%", "0%".
func deltaLabel(d float64) string {
	switch a := math.Abs(d); {
	case d == 0:
		return "0%"
	case a < 0.1:
		return fmt.Sprintf("%+.2f%%", d)
	}
	return fmt.Sprintf("%+.1f%%", d)
}

func (st *style) deltas() *plot.Plot {
	title := st.t(msgDeltasTitle)
	if st.in.Scenario != "" {
		title += "\n" + st.in.Scenario
	}
	if len(st.in.Runs) < 2 {
		return st.placeholder(title, st.t(msgNoVariants))
	}
	p := st.newPlot(title, st.t(msgChangeVsBase), "")
	base := &st.in.Runs[0].Result.Summary
	variants := st.in.Runs[1:]
	figures := deltaFigures(base)
	k, v := len(figures), len(variants)
	slots := k * (v + 1) // a gap row between KPI groups
	// Each KPI is a group of rows, first KPI on top, first variant on top
	// within its group.
	row := func(kp, j int) float64 { return float64((k-1-kp)*(v+1) + (v - 1 - j)) }
	legendRows := 2 + v // good news, bad news, and the variants when there are several
	if v == 1 {
		legendRows = 2
	}
	var pos, neg plotter.XYLabels
	lo, hi := 0.0, 0.0
	for j, run := range variants {
		for kp, fig := range figures {
			y := row(kp, j)
			rel := kpi.Relative(fig.Of(base), fig.Of(&run.Result.Summary))
			d := 100 * rel.Value
			label := "n/a"
			if rel.Defined {
				label = deltaLabel(d)
				lo, hi = math.Min(lo, d), math.Max(hi, d)
				news := NewsOf(fig, d)
				if d != 0 {
					hbar(p, 0, d, y, 0.7, variantShade(newsColours[news], j))
				}
			}
			if d < 0 {
				neg.XYs = append(neg.XYs, plotter.XY{X: d, Y: y})
				neg.Labels = append(neg.Labels, label)
			} else {
				pos.XYs = append(pos.XYs, plotter.XY{X: d, Y: y})
				pos.Labels = append(pos.Labels, label)
			}
		}
	}
	for _, l := range []struct {
		xy    plotter.XYLabels
		align draw.XAlignment
		dx    vg.Length
	}{{pos, draw.XLeft, st.pt(3)}, {neg, draw.XRight, -st.pt(3)}} {
		if len(l.xy.XYs) == 0 {
			continue
		}
		labels, err := plotter.NewLabels(l.xy)
		if err != nil {
			continue
		}
		for i := range labels.TextStyle {
			labels.TextStyle[i].Font = st.font(9)
			labels.TextStyle[i].Color = text90
			labels.TextStyle[i].XAlign = l.align
			labels.TextStyle[i].YAlign = draw.YCenter
		}
		labels.Offset = vg.Point{X: l.dx}
		p.Add(labels)
	}
	// The legend: what the colours mean, then, with several variants,
	// which shade is which.
	p.Legend.Add(st.t(msgGoodNews), swatch(newsColours[GoodNews]))
	p.Legend.Add(st.t(msgBadNews), swatch(newsColours[BadNews]))
	if v > 1 {
		for j, run := range variants {
			p.Legend.Add(run.Name, swatch(variantShade(color.RGBA{0x55, 0x55, 0x55, 0xff}, j)))
		}
	}
	var ticks []plot.Tick
	for kp, fig := range figures {
		centre := float64((k-1-kp)*(v+1)) + float64(v-1)/2
		ticks = append(ticks, plot.Tick{Value: centre, Label: fig.Short(st.lang)})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	// Empty rows below the bars hold the legend.
	p.Y.Min, p.Y.Max = -1.5-1.2*float64(legendRows), float64(slots)-1
	p.X.Min, p.X.Max = deltaRange(lo, hi)
	p.X.Tick.Marker = percentPointTicks{}
	st.guide(p, []float64{0, 0}, []float64{-1, float64(slots) - 1}, grey, 0.75)
	p.Legend.Top = false
	p.Legend.Left = false
	return p
}

// swatch is a legend entry's filled square of colour c.
type swatch color.RGBA

func (s swatch) Thumbnail(c *draw.Canvas) {
	c.SetColor(color.RGBA(s))
	c.Fill(c.Rectangle.Path())
}

// percentPointTicks labels ticks that already are percentages, with the
// decimals their spacing needs.
type percentPointTicks struct{}

// Ticks returns the ticks of [lo, hi], found once (keptTicks).
func (p percentPointTicks) Ticks(lo, hi float64) []plot.Tick { return keptTicks(p, lo, hi, p.ticks) }

func (percentPointTicks) ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	step := 0.0
	for i := 1; i < len(ticks); i++ {
		if ticks[i].Label != "" && ticks[i-1].Label != "" {
			step = ticks[i].Value - ticks[i-1].Value
			break
		}
	}
	decimals := 1
	if step > 0 {
		decimals = max(0, int(math.Ceil(-math.Log10(step)-1e-9)))
	}
	zero := false
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = trimZeros(strconv.FormatFloat(ticks[i].Value, 'f', decimals, 64)) + "%"
			zero = zero || ticks[i].Value == 0
		}
	}
	if !zero && lo < 0 && hi > 0 {
		ticks = append(ticks, plot.Tick{Value: 0, Label: "0%"}) // where no change is
	}
	return ticks
}
