package report

import (
	"math"

	"clvlab/internal/chart"
	"clvlab/internal/fit"
)

// fitChart is one chart of a fit: its file stem and what it draws.
type fitChart struct {
	stem     string
	title    [2]string // en, zh: the page's caption
	analysis chart.Analysis
}

// fitCharts returns the charts the fit has data for, in page order:
// tracking, holdout by frequency, P(alive), survival, spend.
func fitCharts(f *Fit) []fitChart {
	h := chart.Header{Lang: f.Lang, Scenario: f.Name}
	var out []fitChart
	if f.tracked() {
		s := f.Summary
		tr := &chart.Tracking{Header: h, Unit: f.unitName(), Actual: s.Repeat, Calibration: s.Unit.Since(s.Start, s.CalibrationEnd)}
		for _, m := range f.Models {
			if len(m.Tracking) == len(s.Repeat) {
				tr.Models = append(tr.Models, chart.FitSeries{Name: ModelName(m.Result.Model), Values: m.Tracking})
			}
		}
		out = append(out, fitChart{"tracking", [2]string{"Tracking plot: repeat purchases over calibration and holdout", "跟踪图：校准期与验证期的重复购买"}, tr})
	}
	if f.Summary != nil && f.Summary.Holdout > 0 && f.validated() {
		fb := &chart.FrequencyBins{Header: h, Unit: f.unitName(), Holdout: f.Summary.Holdout}
		var actual []float64
		for i := range fit.Bins {
			fb.Labels = append(fb.Labels, fit.BinLabel(i))
		}
		for _, m := range f.Models {
			v := m.Validation
			if v == nil {
				continue
			}
			series := chart.FitSeries{Name: ModelName(m.Result.Model)}
			actual = actual[:0]
			for _, b := range v.Bins {
				a, e := math.NaN(), math.NaN()
				if b.Customers > 0 {
					a, e = b.Actual, b.Expected
				}
				actual = append(actual, a)
				series.Values = append(series.Values, e)
			}
			fb.Models = append(fb.Models, series)
		}
		fb.Actual = actual
		out = append(out, fitChart{"holdout-by-frequency", [2]string{"Holdout purchases by calibration frequency: actual and conditional expectations", "按校准期频次分组的验证期购买：实际值与条件期望"}, fb})
	}
	if g := f.PAlive; g != nil {
		hm := chart.NewPAliveMap(h, ModelName(g.Model), f.unitName(), g.T, g.Recency, g.Frequency, g.P)
		out = append(out, fitChart{"p-alive", [2]string{"P(alive) over recency and frequency", "按最近购买与频次的仍活跃概率"}, hm})
	}
	if c := f.Cohort; c != nil && f.Cohorts != nil {
		sf := &chart.SurvivalFit{Header: h, Unit: f.unitName(), Fitted: c.Survival, Observed: c.Observed, Retention: c.Retention}
		for _, co := range f.Cohorts.Cohorts {
			s := chart.FitSeries{Name: co.Label}
			for _, a := range co.Active {
				if co.Active[0] > 0 {
					s.Values = append(s.Values, a/co.Active[0])
				}
			}
			sf.Cohorts = append(sf.Cohorts, s)
		}
		sf.ObservedRetention = c.ObservedRetention
		out = append(out, fitChart{"survival", [2]string{"sBG survival and retention by tenure", "sBG 存活曲线与按在网期的保留率"}, sf})
	}
	if sp := f.Spend; sp != nil && f.Summary != nil {
		sc := &chart.SpendFit{Header: h, X: sp.X, Density: sp.Density}
		for _, c := range f.Summary.Customers {
			if c.Frequency > 0 && c.Monetary > 0 {
				sc.Spend = append(sc.Spend, c.Monetary)
				sc.Weights = append(sc.Weights, c.Count())
			}
		}
		out = append(out, fitChart{"spend", [2]string{"Average spend of repeat buyers against the Gamma-Gamma fit", "重复购买客户的平均消费与 Gamma-Gamma 拟合"}, sc})
	}
	return out
}
