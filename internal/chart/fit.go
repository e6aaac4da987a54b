package chart

import (
	"clvlab/scenarios"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// The charts of `clvlab fit`, drawn from plain numbers (the command and
// package report compute them from the fitted models): the tracking plot
// (fittracking.go), the conditional expectations by calibration frequency
// (fitbins.go), P(alive) over recency and frequency (fitpalive.go, a
// HeatMap), the sBG survival fit (fitsurvival.go) and the spend
// distribution against the Gamma-Gamma fit (fitspend.go).

// FitSeries is one model's numbers on a fit chart.
type FitSeries struct {
	Name   string // the model's display name, e.g. "BG/NBD"
	Values []float64
}

// unitName returns a unit's name in the chart's language ("week", "周"):
// a period by its shared name (scenarios.PeriodNamed), "period" as 期.
func (st *style) unitName(unit string) string {
	if n, ok := scenarios.PeriodNamed(unit); ok {
		return n.One.In(st.lang)
	}
	if unit == "period" && st.lang == "zh" {
		return "期"
	}
	return unit
}

// units returns "39 weeks" or "39 周": x of a unit, x as written.
func (st *style) units(x float64, unit string) string {
	v := trimZeros(fmt.Sprintf("%.2f", x))
	if n, ok := scenarios.PeriodNamed(unit); ok && st.lang == "zh" {
		return n.Count(v, "zh")
	}
	if st.lang == "zh" {
		return v + " " + st.unitName(unit)
	}
	if x == 1 {
		return v + " " + unit
	}
	return v + " " + unit + "s"
}

// fitColour is the colour of the i-th model on the fit charts (the data
// are black).
func fitColour(i int) color.Color { return runColours[i%len(runColours)] }

// points adds markers at xs, ys.
func (st *style) points(p *plot.Plot, xs, ys []float64, c color.Color, shape draw.GlyphDrawer) *plotter.Scatter {
	pts := make(plotter.XYs, 0, len(xs))
	for i := range xs {
		pts = append(pts, plotter.XY{X: xs[i], Y: ys[i]})
	}
	s, err := plotter.NewScatter(pts)
	if err != nil {
		return nil
	}
	s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: st.pt(3), Shape: shape}
	p.Add(s)
	return s
}

// fit chart message keys; fitMessages holds their texts.
const (
	fitTrackingTitle = iota
	fitPerPeriod
	fitCumulative
	fitRepeatPurchases
	fitActual
	fitCalibrationEnd
	fitSinceStart
	fitBinsTitle
	fitCalibrationFrequency
	fitMeanHoldout
	fitPAliveTitle
	fitRecency
	fitFrequency
	fitPAlive
	fitSurvivalTitle
	fitShareSurviving
	fitTenure
	fitFitted
	fitProjected
	fitRetentionTitle
	fitRetentionRate
	fitObservedRetention
	fitSpendTitle
	fitAverageSpend
	fitDensity
	fitRepeatBuyers
	fitGammaGamma
	fitBeyond
	fitImpossible
	numFitMessages
)

var fitMessages = [numFitMessages][2]string{
	fitTrackingTitle:        {"Tracking: repeat purchases, actual and expected", "跟踪图：重复购买的实际值与预期值"},
	fitPerPeriod:            {"Repeat purchases per %s", "每%s的重复购买"},
	fitCumulative:           {"Cumulative repeat purchases", "累计重复购买"},
	fitRepeatPurchases:      {"Repeat purchases", "重复购买次数"},
	fitActual:               {"actual", "实际"},
	fitCalibrationEnd:       {"end of calibration", "校准期结束"},
	fitSinceStart:           {"Time since the first purchase in the data (%ss)", "自数据中首次购买起的时间（%s）"},
	fitBinsTitle:            {"Holdout purchases by calibration frequency (%s holdout)", "按校准期购买频次分组的验证期购买（验证期 %s）"},
	fitCalibrationFrequency: {"Repeat purchases in calibration", "校准期内的重复购买次数"},
	fitMeanHoldout:          {"Mean purchases in the holdout", "验证期平均购买次数"},
	fitPAliveTitle:          {"%s, customers first seen %s ago", "%s，首次购买于 %s 前的客户"},
	fitRecency:              {"recency (%ss, first to last purchase)", "最近购买（%s，首次到末次购买）"},
	fitFrequency:            {"frequency", "频次"},
	fitPAlive:               {"P(alive)", "仍活跃概率"},
	fitSurvivalTitle:        {"Survival: share of a cohort still a customer (sBG)", "存活：一个批次中仍是客户的比例（sBG）"},
	fitShareSurviving:       {"Share surviving", "存活比例"},
	fitTenure:               {"Tenure (%ss since joining)", "客户年龄（加入后的%s数）"},
	fitFitted:               {"sBG fit", "sBG 拟合"},
	fitProjected:            {"sBG projection", "sBG 预测"},
	fitRetentionTitle:       {"Retention rate rises with tenure", "留存率随客户年龄上升"},
	fitRetentionRate:        {"Retention rate", "留存率"},
	fitObservedRetention:    {"observed (all cohorts)", "实际（全部批次）"},
	fitSpendTitle:           {"Average spend per purchase of repeat buyers", "重复购买客户的平均每次消费"},
	fitAverageSpend:         {"Average spend per repeat purchase", "每次重复购买的平均消费"},
	fitDensity:              {"Share of customers (density)", "客户占比（密度）"},
	fitRepeatBuyers:         {"%s repeat buyers", "%s 位重复购买客户"},
	fitGammaGamma:           {"Gamma-Gamma fit", "Gamma-Gamma 拟合"},
	fitBeyond:               {"%s of customers above %s not shown", "另有 %s 的客户高于 %s，未显示"},
	fitImpossible:           {"grey: histories that cannot happen", "灰色：不可能出现的购买记录"},
}

// ft formats fit message key in the chart's language with args.
func (st *style) ft(key int, args ...any) string {
	s := fitMessages[key][0]
	if st.lang == "zh" {
		s = fitMessages[key][1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
