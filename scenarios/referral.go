package scenarios

import (
	"fmt"
	"strconv"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// MaxReferrals bounds a stage's referrals per customer and period (a
// Monte Carlo draw above it is capped there).
const MaxReferrals = uncertainty.MaxReferrals

// The registry entries of referrals (sim/referral.go): a stage's
// referrals per active customer and period, and the reward per referred
// customer. Both are stage values a segment or class may override, and
// most scenarios leave them at 0.
var (
	referralsParam = &Param{
		path: Path{Stage: "ID", Key: "referrals"}, Kind: Number, Min: 0, Max: MaxReferrals, Uncertain: true, Segmented: true, WhenSet: true,
		quantity: uncertainty.Referrals,
		Unit:     Text{EN: "new customers per customer per period", ZH: "每位客户每期带来的新客户数"},
		Label:    Text{EN: "referrals", ZH: "推荐数"},
		Explain: Text{
			EN: "How many new customers one active customer of this stage brings per period by referral (word of mouth), arriving next period in the entry stage of the referrer's segment with no acquisition cost. CLV, the customer's own cash flows, stays as it is; the referral value beside it grows, and customer equity with it.",
			ZH: "该阶段每位活跃客户每期通过推荐（口碑）带来的新客户数，他们下一期进入推荐人所在细分群体的入口阶段，不计获客成本。CLV（客户自身的现金流）不变；其旁的推荐价值随之增长，客户资产亦然。",
		},
		stage:    func(st *Stage) *float64 { return &st.Referrals },
		override: func(o *StageOverride) **float64 { return &o.Referrals },
	}
	referralRewardParam = &Param{
		path: Path{Stage: "ID", Key: "referral_reward"}, Kind: Money, Min: 0, Max: sim.MaxAmount, Uncertain: true, Segmented: true, WhenSet: true,
		Lever: ReferralCurve, quantity: uncertainty.ReferralReward,
		Unit:  Text{EN: "money per referred customer", ZH: "每位被推荐客户的金额"},
		Label: Text{EN: "referral reward", ZH: "推荐奖励"},
		Explain: Text{
			EN: "What the firm pays per customer referred by a customer of this stage, when the referred customer arrives. It lowers the referral value; with a [[response]] curve it also raises the stage's referrals with diminishing returns.",
			ZH: "该阶段客户每推荐一位新客户，企业在新客户到来时支付的奖励。它降低推荐价值；若有 [[response]] 曲线，它也能提高该阶段的推荐数，但收益递减。",
		},
		stage:    func(st *Stage) *float64 { return &st.ReferralReward },
		override: func(o *StageOverride) **float64 { return &o.ReferralReward },
	}
)

// referralWarnings returns a warning for each run of s (the base, then
// each valid variant) in which a segment's new customer refers at least
// one customer over its lifetime (sim.Model.DirectReferrals): every
// customer then replaces itself by referral, the base grows without
// acquisition, and the value over all generations is undefined.
func (s *Scenario) referralWarnings() []Problem {
	var warns []Problem
	for v := -1; v < len(s.Variants); v++ {
		c, path, who := s, "", ""
		if v >= 0 {
			var probs []Problem
			if c, probs = s.WithVariant(v); len(probs) > 0 {
				continue
			}
			path, who = fmt.Sprintf("variant[%d]", v), fmt.Sprintf("variant %q: ", s.Variants[v].Name.In("en"))
		}
		m, err := c.Model()
		if err != nil || !m.Refers() {
			continue
		}
		if path == "" {
			path = "stage"
			for i, st := range s.Stages {
				if st.Referrals > 0 {
					path = fmt.Sprintf("stage[%d].referrals", i)
					break
				}
			}
		}
		for g, r := range m.DirectReferrals() {
			what := "a new customer refers"
			if len(s.Segments) > 0 {
				what = fmt.Sprintf("a new customer of segment %q refers", m.Segments[g].ID)
			}
			switch {
			case !r.Defined:
				warns = append(warns, Problem{Path: path, Msg: fmt.Sprintf("%s%s customers for ever (it may stay for ever in a stage that refers): the base grows without acquisition, and the referral value over all generations is undefined; give that stage some churn or lower its referrals", who, what)})
			case r.Value >= 1:
				R := strconv.FormatFloat(r.Value, 'g', 3, 64)
				warns = append(warns, Problem{Path: path, Msg: fmt.Sprintf("%s%s R = %s customers over its lifetime (R ≥ 1): each customer replaces itself by referral, so the base grows without acquisition, and the referral value over all generations is undefined; divide the stages' referrals by more than %s (R is proportional to them) or shorten how long customers stay",
					who, what, R, R)})
			}
		}
	}
	return warns
}
