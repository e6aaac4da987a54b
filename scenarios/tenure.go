package scenarios

import (
	"fmt"
	"math"
	"strings"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// The tenure levers: revenue that grows with the customer's tenure
// (cross- and up-selling), and contract renewal. Both count tenure from
// acquisition; a stage change keeps it and a win-back restarts it (sim's
// tenure.go). Their registry entries are below; registry.go lists them
// in file order.

// renewalEvery is the registry entry of the top-level renewal_every.
var renewalEvery = &Param{
	path: Path{Key: "renewal_every"}, Kind: Periods, Min: 0, Max: sim.MaxHorizon,
	Unit:  Text{EN: "periods per contract (0: no contracts)", ZH: "每份合同的期数（0 表示无合同）"},
	Label: Text{EN: "contract length", ZH: "合同期限"},
	Explain: Text{
		EN: "How many periods a contract runs; at its end each stage's customers renew with the stage's renewal probability, and the others churn. Churn then comes at renewal dates, as in a subscription business with yearly contracts; 0 means no contracts.",
		ZH: "每份合同的期数；合同到期时，各阶段客户按该阶段的续约概率续约，其余客户流失。流失因而集中在续约日，如按年签约的订阅业务；0 表示没有合同。",
	},
	decode: func(s *Scenario) func(any) error { return wholeUpTo(&s.RenewalEvery, "renewal_every") },
	get:    func(s *Scenario, _ Path) float64 { return float64(s.RenewalEvery) },
	set:    func(s *Scenario, _ Path, x float64) { s.RenewalEvery = int(math.Round(x)) },
}

// revenueGrowth is the registry entry of a stage's revenue_growth.
var revenueGrowth = &Param{
	path: Path{Stage: "ID", Key: "revenue_growth"}, Kind: Fraction, Min: 0, Max: 1, Uncertain: true, Segmented: true, WhenSet: true,
	quantity: uncertainty.RevenueGrowth,
	what:     "a growth per period",
	Unit:     Text{EN: "fraction of revenue per period of tenure", ZH: "每个客户期的收入增长比例"},
	Label:    Text{EN: "revenue growth", ZH: "收入增长"},
	Explain: Text{
		EN: "Cross-selling and up-selling: how much a customer's revenue in this stage grows, compound, with each period since acquisition (a win-back starts it again), up to revenue_cap times the stage's revenue. Long relationships become worth more, so CLV rises with it, the more so the longer customers stay.",
		ZH: "交叉销售与向上销售：该阶段客户的收入随获客后的每一期按复利增长的比例（赢回后重新计算），最高到该阶段收入的 revenue_cap 倍。长期关系因此更有价值，CLV 随之上升，客户留存越久，上升越多。",
	},
	stage:    func(st *Stage) *float64 { return &st.RevenueGrowth },
	override: func(o *StageOverride) **float64 { return &o.RevenueGrowth },
}

// revenueCap is the registry entry of a stage's revenue_cap.
var revenueCap = &Param{
	path: Path{Stage: "ID", Key: "revenue_cap"}, Kind: Multiplier, Min: 1, Max: sim.MaxRevenueCap, Segmented: true, WhenSet: true,
	what:  "a multiple of the stage's revenue",
	Unit:  Text{EN: "× the stage's revenue", ZH: "× 该阶段收入"},
	Label: Text{EN: "revenue cap", ZH: "收入上限"},
	when:  func(s *Scenario) bool { return s.grows() },
	Explain: Text{
		EN: "The multiple of the stage's revenue at which revenue_growth stops, so that CLV over an infinite horizon stays finite: a customer can buy only so much more. The default 1 lets nothing grow; a higher cap raises CLV.",
		ZH: "revenue_growth 停止增长时收入相对该阶段收入的倍数，使无限期限下的 CLV 保持有限：客户能多买的终究有限。默认值 1 表示不增长；上限越高，CLV 越高。",
	},
	stage:    func(st *Stage) *float64 { return &st.RevenueCap },
	override: func(o *StageOverride) **float64 { return &o.RevenueCap },
}

// renewal is the registry entry of a stage's renewal probability.
var renewal = &Param{
	path: Path{Stage: "ID", Key: "renewal"}, Kind: Fraction, Min: 0, Max: 1, Uncertain: true, Segmented: true, WhenSet: true,
	quantity: uncertainty.Renewal,
	what:     "a probability",
	Unit:     Text{EN: "probability at each renewal date", ZH: "每个续约日的概率"},
	Label:    Text{EN: "renewal probability", ZH: "续约概率"},
	Short:    Text{EN: "renewal", ZH: "续约"},
	when:     func(s *Scenario) bool { return s.RenewalEvery > 0 },
	Explain: Text{
		EN: "With contracts (renewal_every), the probability that a customer of this stage renews at the end of a contract, where the others churn; 1, the default, renews everyone. CLV rises with it, by a whole contract's margin per customer kept.",
		ZH: "有合同时（renewal_every），该阶段客户在合同到期时续约的概率，其余客户此时流失；默认值 1 表示全部续约。续约概率越高，CLV 越高，每留住一位客户就多一整份合同的利润。",
	},
	stage:    func(st *Stage) *float64 { return &st.Renewal },
	override: func(o *StageOverride) **float64 { return &o.Renewal },
}

// renewalDiscount is the registry entry of a stage's renewal_discount.
var renewalDiscount = &Param{
	path: Path{Stage: "ID", Key: "renewal_discount"}, Kind: Money, Min: 0, Max: sim.MaxAmount, Uncertain: true, Segmented: true, WhenSet: true,
	Lever:    RenewalCurve,
	quantity: uncertainty.RenewalDiscount,
	Unit:     Text{EN: "money per customer who renews", ZH: "每位续约客户的金额"},
	Label:    Text{EN: "renewal discount", ZH: "续约折扣"},
	when:     func(s *Scenario) bool { return s.RenewalEvery > 0 },
	Explain: Text{
		EN: "The money off a renewed contract, given to each customer of this stage who renews, in the contract's last period. It lowers the margin; with a [[response]] curve it also raises the renewal probability with diminishing returns, so CLV peaks at some discount.",
		ZH: "续约时给予该阶段每位续约客户的合同优惠金额，计入合同的最后一期。它降低利润；若有 [[response]] 曲线，它也提高续约概率，但收益递减，因此 CLV 在某一折扣水平达到最高。",
	},
	stage:    func(st *Stage) *float64 { return &st.RenewalDiscount },
	override: func(o *StageOverride) **float64 { return &o.RenewalDiscount },
}

// tenureEconomics sets the tenure levers of the engine's stage e from
// stage st, with the overrides of groups (a segment, then its class) over
// it; renewal is unused without contracts.
func tenureEconomics(e *sim.Economics, st *Stage, groups []*Segment) {
	e.RevenueGrowth, e.RevenueCap, e.Renewal, e.RenewalDiscount = st.RevenueGrowth, st.RevenueCap, st.Renewal, st.RenewalDiscount
	for _, g := range groups {
		if o := g.Stage[st.ID]; o != nil {
			replace(&e.RevenueGrowth, o.RevenueGrowth)
			replace(&e.RevenueCap, o.RevenueCap)
			replace(&e.Renewal, o.Renewal)
			replace(&e.RenewalDiscount, o.RenewalDiscount)
		}
	}
	if e.RevenueGrowth == 0 {
		e.RevenueCap = 0 // unused: a cap alone grows nothing (sim's zero value)
	}
}

// tenure checks what the registry's ranges do not: a growth so slow that the cap takes more than sim.MaxTenure periods is
// refused, and the expanded chain must stay within sim's bounds.
func (v *validator) tenure() {
	s := v.s
	if s.RenewalEvery < 0 || s.RenewalEvery > sim.MaxHorizon {
		v.add(place{}.key("renewal_every"), "renewal_every = %d periods, must be in [0, %d] (0 means no contracts)", s.RenewalEvery, sim.MaxHorizon)
	}
	for i := range s.Stages {
		st := &s.Stages[i]
		at := place{path: "stage"}.index(i, fmt.Sprintf("stage %q", st.ID))
		v.growth(at, st.RevenueGrowth, st.RevenueCap)
		for _, groups := range []struct {
			kind string
			list []Segment
		}{{"segment", s.Segments}, {"class", s.Classes}} {
			for k := range groups.list {
				g := &groups.list[k]
				o := g.Stage[st.ID]
				if o == nil || o.RevenueGrowth == nil && o.RevenueCap == nil {
					continue
				}
				g0, c0 := st.RevenueGrowth, st.RevenueCap
				replace(&g0, o.RevenueGrowth)
				replace(&c0, o.RevenueCap)
				oat := place{path: groups.kind}.index(k, fmt.Sprintf("%s %q", groups.kind, g.ID)).key("stage").key(st.ID)
				oat.where, oat.rel = fmt.Sprintf("%s %q, stage %q", groups.kind, g.ID, st.ID), ""
				v.growth(oat, g0, c0)
			}
		}
	}
	v.expandedChain()
}

// expandedChain checks that the chains of the model, stages × tenure
// states (sim's tenure.go), stay within sim's bounds: the tenure states
// grow with the contract's length and the periods until the slowest
// growth reaches its cap. It builds the model only for a scenario that
// uses the levers and has no other problem.
func (v *validator) expandedChain() {
	s := v.s
	at, uses := place{}.key("renewal_every"), s.RenewalEvery > 0
	for i := range s.Stages {
		if s.Stages[i].RevenueGrowth > 0 && !uses {
			at = place{path: "stage"}.index(i, fmt.Sprintf("stage %q", s.Stages[i].ID)).key("revenue_growth")
			uses = true
		}
	}
	for _, groups := range [][]Segment{s.Segments, s.Classes} {
		for k := range groups {
			for _, o := range groups[k].Stage {
				uses = uses || o.RevenueGrowth != nil && *o.RevenueGrowth > 0
			}
		}
	}
	if !uses || len(v.probs.list) > 0 {
		return
	}
	m, err := s.model()
	if err != nil {
		return
	}
	if err := m.Validate(); err != nil {
		msg := strings.TrimPrefix(err.Error(), "sim: ")
		if rel := at.rel; rel != "" {
			msg = rel + ": " + msg
		}
		v.add(at, "%s; raise revenue_growth, lower revenue_cap or shorten the contracts", msg)
	}
}

// growth checks a growth g and its cap c, written at `at` (a stage or a
// segment's or class's override of it).
func (v *validator) growth(at place, g, c float64) {
	if !(g > 0) {
		return
	}
	if c > 1 && c <= sim.MaxRevenueCap {
		if t := math.Ceil(math.Log(c) / math.Log1p(g)); t > sim.MaxTenure {
			v.add(at.key("revenue_growth"), "revenue_growth = %s reaches revenue_cap = %s only after %s periods, at most %d are followed; raise revenue_growth or lower revenue_cap",
				num(g), num(c), num(t), sim.MaxTenure)
		}
	}
}

// renewalTarget checks the target of a renewal-discount curve: the
// renewal probability of the lever's stage, in a scenario with
// contracts, and not a distribution, in the stage or a segment's override
// of it (the curve sets it in every segment and class).
func (v *validator) renewalTarget(at place, r *Response) {
	s := v.s
	want := Path{Stage: r.Stage(), Key: "renewal"}
	switch {
	case r.Target != want.String():
		v.add(at.key("target"), `target = %q; a renewal discount drives the renewal probability of its own stage, %q`, r.Target, want.String())
		return
	case s.RenewalEvery == 0:
		v.add(at.key("lever"), `lever = %q: a renewal discount is given at renewal dates; set renewal_every, the periods a contract runs`, r.Lever)
	}
	v.curveSetsTarget(want, r.Lever, "the curve's own p0, pmax or k uncertain instead") // referralcurve.go
}

// tenureWarnings returns a warning for each growth that a cap of 1 (the
// default) stops at once, in a stage or a segment's or class's override:
// a growth without a cap grows nothing, which is probably not meant.
func (s *Scenario) tenureWarnings() []Problem {
	var warns []Problem
	for i := range s.Stages {
		st := &s.Stages[i]
		check := func(path, where string, g, c float64) {
			if g > 0 && c == 1 {
				warns = append(warns, Problem{Path: path + ".revenue_growth",
					Msg: fmt.Sprintf("%s: revenue_growth = %s with revenue_cap = 1 (the default) grows nothing: growth stops at revenue_cap times the stage's revenue; give revenue_cap, e.g. revenue_cap = 2",
						where, num(g))})
			}
		}
		check(fmt.Sprintf("stage[%d]", i), fmt.Sprintf("stage %q", st.ID), st.RevenueGrowth, st.RevenueCap)
		for _, groups := range []struct {
			kind string
			list []Segment
		}{{"segment", s.Segments}, {"class", s.Classes}} {
			for k := range groups.list {
				o := groups.list[k].Stage[st.ID]
				if o == nil || o.RevenueGrowth == nil && o.RevenueCap == nil {
					continue
				}
				g, c := st.RevenueGrowth, st.RevenueCap
				replace(&g, o.RevenueGrowth)
				replace(&c, o.RevenueCap)
				check(fmt.Sprintf("%s[%d].stage.%s", groups.kind, k, st.ID), fmt.Sprintf("%s %q, stage %q", groups.kind, groups.list[k].ID, st.ID), g, c)
			}
		}
	}
	return warns
}

// grows reports whether a stage of s, or a segment's or class's override
// of one, has a revenue growth: its cap then matters.
func (s *Scenario) grows() bool {
	for i := range s.Stages {
		if s.Stages[i].RevenueGrowth > 0 {
			return true
		}
	}
	for _, groups := range [][]Segment{s.Segments, s.Classes} {
		for i := range groups {
			for _, o := range groups[i].Stage {
				if o.RevenueGrowth != nil && *o.RevenueGrowth > 0 {
					return true
				}
			}
		}
	}
	return false
}
