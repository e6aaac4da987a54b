package chart

import (
	"math"

	"gonum.org/v1/plot"
)

// retentionRates returns the retention rate of a cohort by tenure,
// S(τ)/S(τ−1) for τ = 1, …, len(survival)−1, at xs = τ; tenures where the
// cohort has no one left are left out.
func retentionRates(survival []float64) (xs, ys []float64) {
	for τ := 1; τ < len(survival); τ++ {
		if prev := survival[τ-1]; prev > 0 {
			xs = append(xs, float64(τ))
			ys = append(ys, survival[τ]/prev)
		}
	}
	return xs, ys
}

// retention draws the retention rate by tenure, S(τ)/S(τ−1): the share of
// a cohort's customers active at tenure τ−1 who are still active at τ.
// Within a class (or a segment) whose retention never changes, the rate of
// the whole cohort still rises with tenure: the customers likely to leave
// leave first, and the ones left are the loyal ones (Fader & Hardie 2007,
// "How to Project Customer Retention", Journal of Interactive Marketing
// 21(1), whose figure 4 this is).
func (st *style) retention() [][]*plot.Plot {
	return [][]*plot.Plot{{st.retentionPlot(st.title(msgRetentionTitle))}}
}

// retentionPlot is the retention rate's plot under title: the whole
// Retention chart, or the survival chart's lower half for a scenario with
// latent classes (Input.Classes), where a stage mix says nothing.
func (st *style) retentionPlot(title string) *plot.Plot {
	r := st.current()
	xs, ys := retentionRates(r.Summary.Survival)
	if len(xs) < 2 {
		return st.placeholder(title, st.t(msgNoCustomers))
	}
	p := st.newPlot(title, st.t(msgTenure, st.periodName()), st.t(msgRetentionRate))
	lo, hi := math.Inf(1), math.Inf(-1)
	add := func(ys []float64) {
		for _, y := range ys {
			lo, hi = math.Min(lo, y), math.Max(hi, y)
		}
	}
	add(ys)
	if l := st.line(p, xs, ys, black, 2.25, false); l != nil {
		p.Legend.Add(st.t(msgSurvival), l)
	}
	if b := st.overlay(); b != nil {
		bx, by := retentionRates(b.Summary.Survival)
		if l := st.line(p, bx, by, grey, 2, true); l != nil {
			p.Legend.Add(st.in.Runs[0].Name, l)
			add(by)
		}
	}
	// A flat rate gets a band of ±5 points around it; otherwise the axis
	// spans the rates with a margin, capped at 0 and 100%.
	span := math.Max(hi-lo, 0.05)
	p.Y.Min, p.Y.Max = math.Max(0, lo-0.15*span), math.Min(1, hi+0.15*span)
	if p.Y.Max <= p.Y.Min {
		p.Y.Min, p.Y.Max = 0, 1
	}
	p.X.Min = 0
	p.Y.Tick.Marker = percentTicks{}
	p.Legend.Left = false
	p.Legend.Top = false
	return p
}
