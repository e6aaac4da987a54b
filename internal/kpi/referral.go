package kpi

import (
	"clvlab/scenarios"
	"clvlab/sim"
)

// referring reports whether a run refers (sim.Referral.Referring): the
// referral KPIs are shown only then.
func referring(s *sim.Summary) bool { return s.Referring }

// The catalogue's referral KPIs (sim.Referral).
var (
	referralValueEntry = entry{
		id:    "referral_value",
		label: scenarios.Text{EN: "referral value per new customer", ZH: "每位新客户的推荐价值"},
		short: scenarios.Text{EN: "referral value", ZH: "推荐价值"},
		unit:  Money,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "The indirect value of a new customer: what the customers it brings by referral, and those they bring, are worth today, after the rewards paid for them. Beside CLV, its direct value, it places customers in the direct × indirect matrix.",
			ZH: "一位新客户的间接价值：它通过推荐带来的客户（及其再推荐的客户）在今天的价值，扣除为此支付的推荐奖励。与其直接价值 CLV 并列，可将客户归入直接 × 间接价值矩阵。",
		},
		formula: scenarios.Text{
			EN: "One new customer and the customers it refers are followed through the horizon, those referred arriving the period after the referral in the entry stage: the discounted net cash flow of the referred customers within the horizon, less the referral rewards paid when they arrive; weighted by the segments' shares.",
			ZH: "在规划期内跟踪一位新客户及其推荐的客户，被推荐者在推荐后的下一期进入入口阶段：被推荐客户在规划期内的折现净现金流，减去其到来时支付的推荐奖励；按各细分的占比加权。",
		},
		get:           func(s *sim.Summary) sim.Optional { return sim.Some(s.ReferralValue) },
		alwaysDefined: true,
		used:          referring,
	}
	referralValueInfiniteEntry = entry{
		id:    "referral_value_infinite",
		label: scenarios.Text{EN: "referral value, infinite horizon", ZH: "无限期推荐价值"},
		short: scenarios.Text{EN: "referral value, infinite horizon", ZH: "无限期推荐价值"},
		unit:  Money,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "The referral value if every generation of referrals were followed for ever. Undefined when each customer brings at least one customer (R ≥ 1): the base would then grow without acquisition.",
			ZH: "若对每一代推荐都无限期地跟踪下去时的推荐价值。每位客户带来至少一位客户（R ≥ 1）时无定义：此时客户群无需获客即可增长。",
		},
		formula: scenarios.Text{
			EN: "In closed form (D·CLV∞ − W)/(1 − D): D = e·(I − A/(1+d))⁻¹·q/(1+d) the discounted referrals of one customer (q each stage's referrals per period, A the transition matrix, d the discount rate per period), W the same sum of the referral rewards, CLV∞ a referred customer's own value. Undefined when R ≥ 1.",
			ZH: "闭式解 (D·CLV∞ − W)/(1 − D)：D = e·(I − A/(1+d))⁻¹·q/(1+d) 为一位客户折现后的推荐数（q 为各阶段每期推荐数，A 为转移矩阵，d 为每期折现率），W 为推荐奖励的同样求和，CLV∞ 为被推荐客户自身的价值。R ≥ 1 时无定义。",
		},
		get:         func(s *sim.Summary) sim.Optional { return s.ReferralValueInfinite },
		outcomeLast: true,
		used:        referring,
	}
	referralsDirectEntry = entry{
		id:    "referrals_direct",
		label: scenarios.Text{EN: "referrals per new customer (R)", ZH: "每位新客户的推荐数（R）"},
		short: scenarios.Text{EN: "referrals (R)", ZH: "推荐数（R）"},
		unit:  Ratio,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "How many customers one new customer refers over its whole relationship. At 1 or more each customer replaces itself by referral, and the base grows without acquisition.",
			ZH: "一位新客户在整个客户关系期间推荐的客户数。达到 1 或以上时，每位客户都能通过推荐替代自己，客户群无需获客即可增长。",
		},
		formula: scenarios.Text{
			EN: "e·(I − A)⁻¹·q: the sum, over every period from that of acquisition on, of the chance of being in each stage times the stage's referrals per period; undiscounted, with no horizon (q/(1 − r) for one stage kept with probability r). Undefined when a customer may refer for ever.",
			ZH: "e·(I − A)⁻¹·q：从获客当期起，对每一期求和：处于各阶段的概率乘以该阶段每期推荐数；不折现，不设期限（单一阶段留存率为 r 时为 q/(1 − r)）。客户可能永远推荐时无定义。",
		},
		get:         func(s *sim.Summary) sim.Optional { return s.ReferralsDirect },
		outcomeLast: true,
		used:        referring,
	}
	referralsTotalEntry = entry{
		id:    "referrals_total",
		label: scenarios.Text{EN: "customers brought through all generations", ZH: "各代推荐带来的客户总数"},
		short: scenarios.Text{EN: "all generations", ZH: "各代推荐总数"},
		unit:  Ratio,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "How many customers one new customer brings directly and through its referrals' referrals. Undefined when R ≥ 1, where the chain of referrals never dies out.",
			ZH: "一位新客户直接以及通过其推荐客户的再推荐带来的客户总数。R ≥ 1 时无定义，此时推荐链永不中断。",
		},
		formula: scenarios.Text{
			EN: "R + R² + R³ + … = R/(1 − R), with R the referrals per new customer (each referred customer refers as a new one does); weighted by the segments' shares. Undefined when R ≥ 1.",
			ZH: "R + R² + R³ + … = R/(1 − R)，R 为每位新客户的推荐数（被推荐客户与新客户一样推荐）；按各细分的占比加权。R ≥ 1 时无定义。",
		},
		get:         func(s *sim.Summary) sim.Optional { return s.ReferralsTotal },
		outcomeLast: true,
		used:        referring,
	}
)
