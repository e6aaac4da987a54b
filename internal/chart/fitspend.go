package chart

import (
	"image/color"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// SpendFit is the distribution of repeat buyers' average spend per
// purchase, as a histogram, against the density the Gamma-Gamma fit
// implies for the same customers.
type SpendFit struct {
	Header
	// Spend is each repeat buyer's average spend per repeat purchase;
	// Weights, if set, how many customers each stands for.
	Spend, Weights []float64
	// X and Density are the fitted density at spend X.
	X, Density []float64
}

// spendBins is the number of histogram bars.
const spendBins = 30

func (sf *SpendFit) plots(st *style) [][]*plot.Plot {
	title := st.titled(st.ft(fitSpendTitle))
	if len(sf.Spend) < 2 {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	type item struct{ v, w float64 }
	items := make([]item, 0, len(sf.Spend))
	total := 0.0
	for i, v := range sf.Spend {
		w := 1.0
		if i < len(sf.Weights) {
			w = sf.Weights[i]
		}
		if v >= 0 && w > 0 && !math.IsInf(v, 0) {
			items = append(items, item{v, w})
			total += w
		}
	}
	if len(items) < 2 || total == 0 {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNothingToDraw))}}
	}
	sort.Slice(items, func(i, j int) bool { return items[i].v < items[j].v })
	// The x axis ends at the 98th percentile: a few large spenders would
	// otherwise squeeze the rest into one bar.
	top, acc := items[len(items)-1].v, 0.0
	for _, it := range items {
		acc += it.w
		if acc >= 0.98*total {
			top = it.v
			break
		}
	}
	if top <= 0 {
		top = 1
	}
	width := top / spendBins
	counts := make([]float64, spendBins)
	beyond := 0.0
	for _, it := range items {
		k := int(it.v / width)
		if it.v > top {
			beyond += it.w
			continue
		}
		counts[min(k, spendBins-1)] += it.w
	}
	p := st.newPlot(title, st.ft(fitAverageSpend), st.ft(fitDensity))
	hi := 0.0
	var first *plotter.Polygon
	for k, c := range counts {
		d := c / (total * width)
		hi = math.Max(hi, d)
		x0, x1 := float64(k)*width, float64(k+1)*width
		poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: 0}, {X: x1, Y: 0}, {X: x1, Y: d}, {X: x0, Y: d}})
		if err != nil {
			continue
		}
		poly.Color = skyBlue
		poly.LineStyle.Color = color.White
		poly.LineStyle.Width = st.pt(0.5)
		p.Add(poly)
		if first == nil {
			first = poly
		}
	}
	if first != nil {
		p.Legend.Add(st.ft(fitRepeatBuyers, Human(total, st.lang)), first)
	}
	var xs, ys []float64
	for i, x := range sf.X {
		if x <= top && i < len(sf.Density) && !math.IsNaN(sf.Density[i]) {
			xs, ys = append(xs, x), append(ys, sf.Density[i])
			hi = math.Max(hi, sf.Density[i])
		}
	}
	if l := st.line(p, xs, ys, vermillion, 2.25, false); l != nil {
		p.Legend.Add(st.ft(fitGammaGamma), l)
	}
	p.X.Min, p.X.Max = 0, top
	p.Y.Min = 0
	headroom(p, 0, hi, 2, 1)
	p.X.Tick.Marker = humanTicks{st.lang}
	p.Y.Tick.Marker = plot.DefaultTicks{}
	if beyond > 0 {
		share := trimZeros(strconv.FormatFloat(100*beyond/total, 'f', 1, 64)) + "%"
		p.X.Label.Text += "\n" + st.ft(fitBeyond, share, Human(top, st.lang))
	}
	p.Legend.Left = false
	return [][]*plot.Plot{{p}}
}
