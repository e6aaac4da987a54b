package scenarios

import (
	"fmt"
	"math"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// registry is the parameter registry (Params). Each entry is the one
// place that describes a parameter; see the package doc for adding one.
// An entry gives its path as a Path, with ID for each id; its Pattern is
// that path written out (withPatterns), so no pattern is ever parsed.
var registry = withPatterns([]*Param{
	{
		path: Path{Key: "horizon"}, Kind: Periods, Min: 1, Max: sim.MaxHorizon,
		Unit:  Text{EN: "periods", ZH: "期"},
		Label: Text{EN: "horizon", ZH: "期限"},
		Explain: Text{
			EN: "How many periods the projection runs (three years' worth when the file gives none). A longer horizon counts more of each customer's future margin, so CLV grows towards its infinite-horizon value.",
			ZH: "预测所覆盖的期数（文件未给出时为三年）。期限越长，计入的未来利润越多，CLV 随之逼近无限期限下的值。",
		},
		decode: func(s *Scenario) func(any) error { return periods(&s.Horizon) },
		get:    func(s *Scenario, _ Path) float64 { return float64(s.horizon()) },
		set:    func(s *Scenario, _ Path, x float64) { s.Horizon = int(math.Round(x)) },
	},
	{
		path: Path{Key: "discount_rate"}, Kind: Rate, Min: 0, Max: 1,
		what:  "an annual rate",
		Unit:  Text{EN: "per year", ZH: "每年"},
		Label: Text{EN: "discount rate", ZH: "折现率"},
		Short: Text{EN: "discount rate (annual)", ZH: "年折现率"},
		Explain: Text{
			EN: "The annual rate at which future cash is worth less than cash today, usually the firm's cost of capital (WACC). A higher rate lowers CLV, most for customers who stay long.",
			ZH: "未来现金折算为今天价值所用的年利率，通常取企业的资本成本（WACC）。折现率越高，CLV 越低，对长期留存的客户影响最大。",
		},
		top: func(s *Scenario) *float64 { return &s.DiscountRate },
	},
	renewalEvery, // tenure.go
	{
		path: Path{Table: "acquisition", Key: "new_customers"}, Kind: Count, Min: 0, Max: sim.MaxAmount,
		Unit:  Text{EN: "customers per period", ZH: "每期客户数"},
		Label: Text{EN: "new customers per period", ZH: "每期新客户数"},
		Short: Text{EN: "new customers", ZH: "新客户数"},
		Explain: Text{
			EN: "How many customers are acquired each period (one value, or one per period). It does not change CLV, the value of one customer, but customer equity grows with it.",
			ZH: "每期获取的新客户数量（一个值，或每期一个值）。它不改变单个客户的 CLV，但客户资产随之增长。",
		},
		decode: func(s *Scenario) func(any) error { return numbers(&s.Acquisition.NewCustomers) },
		get:    func(s *Scenario, _ Path) float64 { return s.Acquisition.NewCustomers[0] },
		set:    func(s *Scenario, _ Path, x float64) { s.Acquisition.NewCustomers = []float64{x} },
	},
	{
		path: Path{Table: "acquisition", Key: "cost_per_customer"}, Kind: Money, Min: 0, Max: sim.MaxAmount, Uncertain: true,
		quantity: uncertainty.AcquisitionCost, scale: func(seg *Segment) *float64 { return &seg.AcquisitionCostMultiplier },
		Unit:  Text{EN: "money per new customer", ZH: "每位新客户的金额"},
		Label: Text{EN: "acquisition cost per customer", ZH: "单客获客成本"},
		Short: Text{EN: "acquisition cost", ZH: "获客成本"},
		Explain: Text{
			EN: "What winning one new customer costs (CAC), paid when the customer is acquired. CLV leaves it out; CLV net of acquisition and LTV:CAC fall as it rises.",
			ZH: "获取一位新客户的成本（CAC），在获客时支付。CLV 不含此项；它越高，扣除获客成本的 CLV 和 LTV:CAC 越低。",
		},
		top: func(s *Scenario) *float64 { return &s.Acquisition.CostPerCustomer },
	},
	{
		path: Path{Table: "acquisition", Key: "budget"}, Kind: Money, Min: 0, Max: sim.MaxAmount, Lever: BudgetCurve,
		Unit:  Text{EN: "money per period", ZH: "每期金额"},
		Label: Text{EN: "acquisition budget per period", ZH: "每期获客预算"},
		Short: Text{EN: "acquisition budget", ZH: "获客预算"},
		Explain: Text{
			EN: "The acquisition spend per period that a [[response]] curve turns into new customers, with diminishing returns. More budget brings more customers, but each one costs more, which lowers CLV net of acquisition.",
			ZH: "每期的获客投入，由 [[response]] 曲线换算为新客户数，收益递减。预算越多，新客户越多，但单客成本随之上升，扣除获客成本的 CLV 下降。",
		},
		top: func(s *Scenario) *float64 { return &s.Acquisition.Budget },
	},
	stageMoney("revenue", Text{EN: "revenue", ZH: "收入"}, NoForm, uncertainty.Revenue,
		Text{
			EN: "What a customer in this stage brings in per period, before the price discount. CLV rises with it, the more so the longer customers stay in the stage.",
			ZH: "该阶段每位客户每期带来的收入（价格折扣前）。收入越高，CLV 越高；客户在该阶段停留越久，影响越大。",
		},
		func(st *Stage) *float64 { return &st.Revenue }, func(o *StageOverride) **float64 { return &o.Revenue },
		func(seg *Segment) *float64 { return &seg.RevenueMultiplier }),
	stageMoney("cost_to_serve", Text{EN: "cost to serve", ZH: "服务成本"}, NoForm, uncertainty.CostToServe,
		Text{
			EN: "What serving a customer in this stage costs per period. It comes straight off the margin, so CLV falls as it rises.",
			ZH: "该阶段每位客户每期的服务成本。它直接从利润中扣除，服务成本越高，CLV 越低。",
		},
		func(st *Stage) *float64 { return &st.CostToServe }, func(o *StageOverride) **float64 { return &o.CostToServe },
		func(seg *Segment) *float64 { return &seg.CostToServeMultiplier }),
	stageMoney("retention_spend", Text{EN: "retention spend", ZH: "保留投入"}, RetentionCurve, uncertainty.RetentionSpend,
		Text{
			EN: "What the firm spends per customer and period in this stage to keep customers. It lowers the margin; with a [[response]] curve it also raises retention with diminishing returns, so CLV peaks at some level of spend.",
			ZH: "企业在该阶段每期为每位客户投入的保留费用。它降低利润；若有 [[response]] 曲线，它也能提高留存，但收益递减，因此 CLV 在某一投入水平达到最高。",
		},
		func(st *Stage) *float64 { return &st.RetentionSpend }, func(o *StageOverride) **float64 { return &o.RetentionSpend },
		func(seg *Segment) *float64 { return &seg.RetentionSpendMultiplier }),
	{
		path: Path{Stage: "ID", Key: "price_discount"}, Kind: Fraction, Min: 0, Max: 1, Uncertain: true, Segmented: true, Lever: DiscountElasticity,
		quantity: uncertainty.PriceDiscount,
		what:     "a fraction of revenue",
		Unit:     Text{EN: "fraction of revenue", ZH: "收入的比例"},
		Label:    Text{EN: "price discount", ZH: "价格折扣"},
		Explain: Text{
			EN: "The share of revenue given back to customers in this stage as a lower price. It cuts the margin; with a [[response]] elasticity it also lowers churn, so a moderate discount can raise CLV.",
			ZH: "该阶段以降价形式让给客户的收入比例。它压低利润；若有 [[response]] 弹性，它也减少流失，因此适度的折扣可能提高 CLV。",
		},
		stage:    func(st *Stage) *float64 { return &st.PriceDiscount },
		override: func(o *StageOverride) **float64 { return &o.PriceDiscount },
	},
	{
		path: Path{Stage: "ID", Key: "bad_debt"}, Kind: Fraction, Min: 0, Max: 1, Uncertain: true, Segmented: true, WhenSet: true,
		quantity: uncertainty.BadDebt,
		what:     "a fraction of revenue after the price discount",
		Unit:     Text{EN: "fraction of revenue after discount", ZH: "折扣后收入的比例"},
		Label:    Text{EN: "bad debt", ZH: "坏账"},
		Explain: Text{
			EN: "The share of this stage's revenue after the price discount that is billed but never collected. Revenue booked is not cash collected: bad debt comes straight off the margin, R·(1 − discount)·(1 − bad debt) − cost − retention spend, so CLV falls as it rises.",
			ZH: "该阶段折扣后收入中已开票却始终收不回的比例。入账收入不等于收到的现金：坏账直接从利润中扣除，利润 = R·(1 − 折扣)·(1 − 坏账) − 服务成本 − 保留投入，坏账越高，CLV 越低。",
		},
		stage:    func(st *Stage) *float64 { return &st.BadDebt },
		override: func(o *StageOverride) **float64 { return &o.BadDebt },
	},
	{
		path: Path{Stage: "ID", Key: "purchases"}, Kind: Number, Min: 0, Max: sim.MaxAmount, Segmented: true, WhenSet: true,
		Unit:  Text{EN: "purchases per customer per period", ZH: "每位客户每期的购买次数"},
		Label: Text{EN: "purchases", ZH: "购买次数"},
		Explain: Text{
			EN: "How many purchases a customer in this stage is expected to make per period; it is counted, not paid (revenue holds the money). Outputs report them, so that a scenario fitted to a company's records can be checked against the model's expected purchases.",
			ZH: "该阶段每位客户每期的预期购买次数；它只计数，不计金额（金额见收入）。输出会报告购买次数，以便将由公司记录拟合的情景与模型的预期购买次数相核对。",
		},
		stage:    func(st *Stage) *float64 { return &st.Purchases },
		override: func(o *StageOverride) **float64 { return &o.Purchases },
	},
	{
		path: Path{Stage: "ID", Key: "existing"}, Kind: Count, Min: 0, Max: sim.MaxAmount, Segmented: true, WhenSet: true,
		Unit:  Text{EN: "customers at period 0", ZH: "第 0 期的客户数"},
		Label: Text{EN: "existing customers", ZH: "现有客户"},
		Short: Text{EN: "existing", ZH: "现有客户"},
		Explain: Text{
			EN: "How many of today's customers are in this stage at the start, with no acquisition cost; they move and earn as every customer does. Their present value is customer equity's existing part, which CLV, the value of one new customer, leaves out.",
			ZH: "开始时已处于该阶段的现有客户数，不计获客成本；他们与其他客户一样流转和创造收益。其现值是客户资产中的现有客户部分，CLV（单个新客户的价值）不包括它。",
		},
		stage:    func(st *Stage) *float64 { return &st.Existing },
		override: func(o *StageOverride) **float64 { return &o.Existing },
	},
	referralsParam,      // referral.go
	referralRewardParam, // referral.go
	{
		path: Path{Stage: "ID", Key: "to", To: "ID"}, Kind: Probability, Min: 0, Max: 1, Uncertain: true, Segmented: true,
		quantity: uncertainty.TransitionProbability,
		what:     "a probability",
		Unit:     Text{EN: "probability per period", ZH: "每期概率"},
		Label:    Text{EN: "transition probability", ZH: "转移概率"},
		Short:    Text{EN: "stay", ZH: "留存"},
		Explain: Text{
			EN: "The probability that a customer in this stage is in the destination stage next period; what a row leaves below 1 is churn. Staying longer in profitable stages raises CLV.",
			ZH: "该阶段的客户下一期处于目标阶段的概率；每行合计不足 1 的部分即为流失。客户在盈利阶段停留越久，CLV 越高。",
		},
		get: func(s *Scenario, p Path) float64 {
			if o := s.overrideAt(p); o != nil {
				if x, ok := o.To[p.To]; ok {
					return x
				}
			}
			return s.stageAt(p.Stage).To[p.To]
		},
		set: func(s *Scenario, p Path, x float64) {
			to := &s.stageAt(p.Stage).To
			if p.Segment != "" || p.Class != "" {
				to = &s.segmentAt(p).override(p.Stage).To
			}
			if *to == nil {
				*to = map[string]float64{}
			}
			(*to)[p.To] = x
		},
	},
	revenueGrowth, revenueCap, renewal, renewalDiscount, // tenure.go
	{
		path: Path{Table: "winback", Key: "rate"}, Kind: Fraction, Min: 0, Max: 1, Uncertain: true,
		quantity: uncertainty.WinbackRate,
		what:     "a share of the lost customers per period",
		Unit:     Text{EN: "share of the lost customers per period", ZH: "每期流失客户中的比例"},
		Label:    Text{EN: "win-back rate", ZH: "赢回率"},
		Explain: Text{
			EN: "The share of lost customers won back each period (within the window). Won-back customers earn again, which raises CLV as long as their margin pays for the win-back cost.",
			ZH: "每期赢回的流失客户比例（在窗口期内）。被赢回的客户重新带来利润，只要其利润足以覆盖赢回成本，CLV 就会提高。",
		},
		top: func(s *Scenario) *float64 { return &s.Winback.Rate },
	},
	{
		path: Path{Table: "winback", Key: "cost_per_customer"}, Kind: Money, Min: 0, Max: sim.MaxAmount, Uncertain: true,
		quantity: uncertainty.WinbackCost,
		Unit:     Text{EN: "money per customer won back", ZH: "每位赢回客户的金额"},
		Label:    Text{EN: "win-back cost per customer", ZH: "单客赢回成本"},
		Short:    Text{EN: "win-back cost", ZH: "赢回成本"},
		Explain: Text{
			EN: "What winning back one lost customer costs, paid in the period of the win-back. CLV falls as it rises.",
			ZH: "赢回一位流失客户的成本，在赢回当期支付。赢回成本越高，CLV 越低。",
		},
		top: func(s *Scenario) *float64 { return &s.Winback.CostPerCustomer },
	},
	{
		path: Path{Table: "winback", Key: "window"}, Kind: Periods, Min: 0, Max: sim.MaxWindow,
		Unit:  Text{EN: "periods since the loss (0: no limit)", ZH: "流失后的期数（0 表示不限）"},
		Label: Text{EN: "win-back window", ZH: "赢回窗口期"},
		Explain: Text{
			EN: "How many periods after their loss customers can still be won back; 0 means no limit. A longer window lets more lost customers come back, which raises CLV when win-back pays.",
			ZH: "客户流失后仍可被赢回的期数；0 表示不限。窗口期越长，可赢回的客户越多；若赢回有利可图，CLV 随之提高。",
		},
		decode: func(s *Scenario) func(any) error { return wholeUpTo(&s.Winback.Window, "winback.window") },
		get:    func(s *Scenario, _ Path) float64 { return float64(s.Winback.Window) },
		set:    func(s *Scenario, _ Path, x float64) { s.Winback.Window = int(math.Round(x)) },
	},
	{
		path: Path{Segment: "ID", Key: "share"}, Kind: Fraction, Min: 0, Max: 1,
		what:  "a share of new customers",
		fixed: "segment shares must sum to 1; move a segment's multipliers or its stage overrides instead",
		Unit:  Text{EN: "fraction of new customers", ZH: "新客户中的比例"},
		Label: Text{EN: "share of new customers", ZH: "新客户占比"},
		Explain: Text{
			EN: "The segment's share of the new customers; the shares sum to 1. CLV is the share-weighted average over segments, so a larger share of a valuable segment raises it.",
			ZH: "该细分群体在新客户中所占的比例；各比例之和为 1。CLV 是各细分群体按比例加权的平均值，价值高的群体占比越大，CLV 越高。",
		},
		segment: func(seg *Segment) *float64 { return &seg.Share },
	},
	multiplier("revenue_multiplier", Text{EN: "revenue multiplier", ZH: "收入乘数"},
		Text{
			EN: "Multiplies the revenue of every stage for this segment's customers. CLV of the segment rises with it.",
			ZH: "该细分群体各阶段收入的乘数。乘数越大，该群体的 CLV 越高。",
		},
		func(seg *Segment) *float64 { return &seg.RevenueMultiplier }),
	multiplier("cost_to_serve_multiplier", Text{EN: "cost-to-serve multiplier", ZH: "服务成本乘数"},
		Text{
			EN: "Multiplies the cost to serve of every stage for this segment's customers. CLV of the segment falls as it rises.",
			ZH: "该细分群体各阶段服务成本的乘数。乘数越大，该群体的 CLV 越低。",
		},
		func(seg *Segment) *float64 { return &seg.CostToServeMultiplier }),
	multiplier("retention_spend_multiplier", Text{EN: "retention-spend multiplier", ZH: "保留投入乘数"},
		Text{
			EN: "Multiplies the retention spend of every stage for this segment's customers; through a [[response]] curve it also moves their retention.",
			ZH: "该细分群体各阶段保留投入的乘数；若有 [[response]] 曲线，它也会改变该群体的留存。",
		},
		func(seg *Segment) *float64 { return &seg.RetentionSpendMultiplier }),
	multiplier("acquisition_cost_multiplier", Text{EN: "acquisition-cost multiplier", ZH: "获客成本乘数"},
		Text{
			EN: "Multiplies the acquisition cost per customer for this segment. It leaves CLV as it is and lowers CLV net of acquisition.",
			ZH: "该细分群体单客获客成本的乘数。它不改变 CLV，但降低扣除获客成本的 CLV。",
		},
		func(seg *Segment) *float64 { return &seg.AcquisitionCostMultiplier }),
})

// withPatterns sets each entry's Pattern from its path.
func withPatterns(entries []*Param) []*Param {
	for _, e := range entries {
		e.Pattern = e.path.Pattern()
	}
	return entries
}

// stageMoney returns the entry of a stage's money amount KEY, which a
// draw sets into the model's quantity q, times the segment's multiplier.
func stageMoney(key string, label Text, lever ResponseForm, q uncertainty.Quantity, explain Text,
	field func(*Stage) *float64, over func(*StageOverride) **float64, multiplier func(*Segment) *float64) *Param {
	return &Param{
		path: Path{Stage: "ID", Key: key}, Kind: Money, Min: 0, Max: sim.MaxAmount, Uncertain: true, Segmented: true, Lever: lever,
		quantity: q, scale: multiplier,
		Unit:     Text{EN: "money per customer per period", ZH: "每位客户每期的金额"},
		Label:    label,
		Explain:  explain,
		stage:    field,
		override: over,
	}
}

// multiplier returns the entry of a segment multiplier KEY.
func multiplier(key string, label, explain Text, field func(*Segment) *float64) *Param {
	return &Param{
		path: Path{Segment: "ID", Key: key}, Kind: Multiplier, Min: 0, Max: MaxMultiplier,
		what:    "a multiplier",
		Unit:    Text{EN: "×", ZH: "×"},
		Label:   label,
		Explain: explain,
		segment: field,
	}
}

// segmentAt returns the segment, or the class, p names; it panics, as
// misuse, for one s does not have.
func (s *Scenario) segmentAt(p Path) *Segment {
	if p.Class != "" {
		i := s.classIndex(p.Class)
		if i < 0 {
			panic(fmt.Sprintf("scenarios: no class %q", p.Class))
		}
		return &s.Classes[i]
	}
	i := s.segmentIndex(p.Segment)
	if i < 0 {
		panic(fmt.Sprintf("scenarios: no segment %q", p.Segment))
	}
	return &s.Segments[i]
}

// stageAt returns the stage with the given id; it panics, as misuse, for
// one s does not have.
func (s *Scenario) stageAt(id string) *Stage {
	i := s.stageIndex(id)
	if i < 0 {
		panic(fmt.Sprintf("scenarios: no stage %q", id))
	}
	return &s.Stages[i]
}

// overrideAt returns the override of p's stage in p's segment or class,
// nil for a stage's own value or an override not written.
func (s *Scenario) overrideAt(p Path) *StageOverride {
	if p.Segment == "" && p.Class == "" {
		return nil
	}
	return s.segmentAt(p).Stage[p.Stage]
}
