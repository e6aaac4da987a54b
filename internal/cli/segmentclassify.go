package cli

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"clvlab/internal/records"
	"clvlab/internal/report"
	"clvlab/internal/segment"
)

// classify reads the file and classifies its customers.
func (p *segmentPlan) classify(file string, opt *fitOptions, ff *fitFlags, bar *progress, stderr io.Writer) (*report.Segmentation, error) {
	if p.method == segment.AcquisitionRetention {
		return p.costs(file, ff)
	}
	if p.method == segment.DirectIndirect {
		return p.directIndirect(file, ff) // segmentreferral.go
	}
	in, err := readFitInput(p.kind, file, opt, bar)
	bar.clear()
	if err != nil {
		return nil, err
	}
	s := in.summary
	for _, w := range s.Warnings {
		fmt.Fprintln(stderr, "warning: "+w)
	}
	cs := segment.FromSummary(s)
	seg := &report.Segmentation{IDs: make([]string, len(cs)), Notes: measuresNote(s, p.kind), Unit: s.Unit.String()}
	for i, c := range cs {
		seg.IDs[i] = c.ID
		if c.Weight != 1 && seg.Weights == nil {
			seg.Weights = make([]float64, len(cs))
			for j := range i {
				seg.Weights[j] = 1
			}
		}
		if seg.Weights != nil {
			seg.Weights[i] = c.Weight
		}
	}
	bar.show("clvlab segment: classifying %d customers by %s", len(cs), p.method)
	switch p.method {
	case segment.RFM:
		seg.Result, err = segment.ClassifyRFM(cs)
	case segment.ABC:
		seg.Result, err = segment.ClassifyABC(cs, p.cuts)
	case segment.CRVP:
		seg.Result, err = segment.ClassifyCRVP(cs, p.cycle, p.money)
	case segment.ValueLoyalty:
		err = p.valueLoyalty(seg, in, cs, opt, bar)
	}
	if err != nil && seg.Result == nil {
		var usage *usageError
		if !errors.As(err, &usage) {
			err = &usageError{err.Error()}
		}
	}
	return seg, err
}

// valueLoyalty measures value and loyalty (fitting the models when
// either comes from them) and splits them.
func (p *segmentPlan) valueLoyalty(seg *report.Segmentation, in *fitInput, cs []segment.Customer, opt *fitOptions, bar *progress) error {
	n := len(cs)
	value, loyalty := make([]float64, n), make([]float64, n)
	valueName, loyaltyName := segment.Text{"margin", "利润"}, segment.Text{"tenure", "在网期"}
	if p.value == "clv" || p.loyalty == "palive" {
		res, err := fitAll(in, opt, bar)
		bar.clear()
		if err != nil {
			return &usageError{fmt.Sprintf("fitting the models for %s: %v (or measure without a fit: -value margin -loyalty tenure)", measures(p), err)}
		}
		what := fmt.Sprintf("%s fitted to the data as clvlab fit does (%s)", report.ModelName(res.Chosen), res.Why)
		whatZH := fmt.Sprintf("按 clvlab fit 的方法拟合 %s（%s）", report.ModelName(res.Chosen), res.Why)
		if p.value == "clv" {
			if res.SpendModel == "" {
				return &usageError{"-value clv needs a spend model (Gamma-Gamma), and the data have no amounts: give the log's amount column (-amount), or use -value margin"}
			}
			for i, c := range res.Customers {
				value[i] = c.CLV
			}
			valueName = segment.Text{"CLV", "CLV"}
			seg.Notes = append(seg.Notes, segment.Text{
				fmt.Sprintf("Value is each customer's residual CLV over %d %ss (margin %v, discount rate %v a year), from %s.", res.Horizon, res.Unit, res.Margin, res.DiscountRate, what),
				fmt.Sprintf("价值为每位客户在 %s内的剩余 CLV（利润率 %v，年折现率 %v），%s。", report.SpanZH(res.Horizon, res.Unit.String()), res.Margin, res.DiscountRate, whatZH)})
		}
		if p.loyalty == "palive" {
			for i, c := range res.Customers {
				loyalty[i] = c.PAlive
			}
			loyaltyName = segment.Text{"P(alive)", "仍活跃概率"}
			seg.Notes = append(seg.Notes, segment.Text{"Loyalty is each customer's P(alive), from " + what + ".", "忠诚度为每位客户仍活跃的概率，" + whatZH + "。"})
		}
	}
	if p.value == "margin" {
		for i, c := range cs {
			value[i] = c.Spend * opt.margin
		}
		seg.Notes = append(seg.Notes, segment.Text{fmt.Sprintf("Value is each customer's spend so far × the margin %v.", opt.margin), fmt.Sprintf("价值为每位客户迄今的消费 × 利润率 %v。", opt.margin)})
	}
	if p.loyalty == "tenure" {
		for i, c := range cs {
			loyalty[i] = c.Tenure
		}
		seg.Notes = append(seg.Notes, segment.Text{"Loyalty is each customer's tenure: the time since its first purchase.", "忠诚度为在网期：自首次购买起的时间。"})
	}
	q := segment.ValueLoyaltyQuadrants(valueName, loyaltyName)
	r, err := q.Classify(cs, value, loyalty, value, p.split)
	if r != nil && p.loyalty == "tenure" {
		r.Cuts[1].Time = true
	}
	seg.Result = r
	return err
}

func measures(p *segmentPlan) string {
	var m []string
	if p.value == "clv" {
		m = append(m, "-value clv")
	}
	if p.loyalty == "palive" {
		m = append(m, "-loyalty palive")
	}
	return strings.Join(m, " and ")
}

// costs reads a cost summary and splits it on acquisition cost ×
// retention cost.
func (p *segmentPlan) costs(file string, ff *fitFlags) (*report.Segmentation, error) {
	costs, err := records.ReadCosts(file, records.CostOptions{Customer: *ff.customer, Acquisition: p.acquisition, Retention: p.retention, Value: p.valueColumn})
	if err != nil {
		return nil, err
	}
	n := len(costs)
	cs := make([]segment.Customer, n)
	acq, ret, value := make([]float64, n), make([]float64, n), make([]float64, n)
	seg := &report.Segmentation{IDs: make([]string, n)}
	for i, c := range costs {
		cs[i] = segment.Customer{ID: c.ID, Weight: 1}
		acq[i], ret[i], value[i] = c.Acquisition, c.Retention, c.Value
		seg.IDs[i] = c.ID
	}
	if math.IsNaN(value[0]) {
		value = nil
	}
	seg.Result, err = segment.AcquisitionRetentionQuadrants.Classify(cs, acq, ret, value, p.split)
	if err != nil {
		return nil, &usageError{err.Error()}
	}
	seg.Notes = []segment.Text{{"Each customer's acquisition cost and retention cost are the file's; a cost above the split is high.", "每位客户的获客成本与保留成本取自文件；高于分界值为高。"}}
	return seg, nil
}

// measuresNote says how a summary's measures were taken.
func measuresNote(s *records.Summary, kind string) []segment.Text {
	u := s.Unit.String()
	if kind == "summary" {
		return []segment.Text{{
			fmt.Sprintf("From a per-customer summary, times in %ss: recency is T − t_x (the time from the last purchase to the end of the data), purchases frequency + 1, the purchase cycle t_x / frequency; the file does not give the first purchase's amount, so spend is the repeat purchases' (frequency × monetary value) and the purchase amount their mean.", u),
			fmt.Sprintf("数据为每位客户的汇总，时间单位为%s：最近购买为 T − t_x（末次购买到数据结束的时间），购买次数为 frequency + 1，购买周期为 t_x / frequency；文件没有首次购买的金额，故消费为重复购买的消费（frequency × monetary value），购买金额为其平均值。", report.UnitZH(u))}}
	}
	end := s.CalibrationEnd.Format("2006-01-02")
	return []segment.Text{{
		fmt.Sprintf("From the transaction log, %s to %s, times in %ss (purchases on one day are one purchase): recency is the time from the last purchase to %s, purchases the purchase days, the purchase cycle the mean time between purchases (first to last over the repeat purchases), spend every purchase's amount (the first included) and the purchase amount its mean.", s.Start.Format("2006-01-02"), end, u, end),
		fmt.Sprintf("数据为交易记录，%s 至 %s，时间单位为%s（同一天的购买算一次）：最近购买为末次购买到 %s 的时间，购买次数为购买天数，购买周期为购买间隔的平均值（首次到末次购买的时间除以重复购买次数），消费为全部购买金额（含首次），购买金额为其平均值。", s.Start.Format("2006-01-02"), end, report.UnitZH(u), end)}}
}
