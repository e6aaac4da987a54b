package kpi

import (
	"clvlab/scenarios"
	"clvlab/sim"
)

// catalogue holds every KPI, indexed by KPI. The formulas follow the
// README's "Formulas and timing conventions" and sim.Summary.
var catalogue = [Count]entry{
	CLV: {
		id:    "clv",
		label: scenarios.Text{EN: "CLV per new customer", ZH: "每位新客户的 CLV"},
		short: scenarios.Text{EN: "CLV", ZH: "客户终生价值"},
		unit:  Money,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "What one newly acquired customer is worth today: the present value of the net cash the relationship brings in over the horizon. It is the most a customer can cost to win before acquiring them loses money.",
			ZH: "一位新客户在今天的价值：规划期内这段客户关系带来的净现金流的现值。获客成本一旦超过它，获取这位客户就会亏损。",
		},
		formula: scenarios.Text{
			EN: "Sum over the periods of the horizon of each stage's margin (revenue after discount − bad debt − cost to serve − retention spend) times the chance that the customer is in that stage, less win-back spend, each period discounted to the acquisition (cash at the period's end or start, as cash_timing says); acquisition cost excluded; weighted by the segments' shares.",
			ZH: "对规划期内各期求和：各阶段每客利润（折扣后收入 − 坏账 − 服务成本 − 保留投入）乘以客户处于该阶段的概率，减去赢回支出，再按现金流发生在期末或期初（cash_timing）折现到获客时点；不含获客成本；按各细分的占比加权。",
		},
		get:           func(s *sim.Summary) sim.Optional { return sim.Some(s.CLV) },
		alwaysDefined: true,
	},
	AcquisitionCost: {
		id:    "acquisition_cost",
		label: scenarios.Text{EN: "acquisition cost", ZH: "获客成本"},
		short: scenarios.Text{EN: "acquisition cost", ZH: "获客成本"},
		unit:  Money,
		good:  Lower,
		explanation: scenarios.Text{
			EN: "What it costs to win one new customer (CAC). Winning a customer usually costs several times more than keeping one.",
			ZH: "获取一位新客户所需的成本（CAC）。赢得一位新客户的花费通常是留住一位老客户的数倍。",
		},
		formula: scenarios.Text{
			EN: "The cost of acquiring one customer in each segment, weighted by the segments' shares of new customers.",
			ZH: "各细分获取一位客户的成本，按各细分在新客户中的占比加权平均。",
		},
		get:           func(s *sim.Summary) sim.Optional { return sim.Some(s.AcquisitionCost) },
		alwaysDefined: true,
		input:         true,
	},
	CLVNet: {
		id:    "clv_net",
		label: scenarios.Text{EN: "CLV net of acquisition", ZH: "扣除获客成本的 CLV"},
		short: scenarios.Text{EN: "net CLV", ZH: "净 CLV"},
		unit:  Money,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "What a new customer is worth after paying to win them. Above zero, acquiring customers creates value; below zero, each new customer destroys some.",
			ZH: "扣除获客花费之后一位新客户的价值。大于零，获客创造价值；小于零，每获取一位新客户都在损失价值。",
		},
		formula: scenarios.Text{
			EN: "CLV per new customer − acquisition cost.",
			ZH: "每位新客户的 CLV − 获客成本。",
		},
		get:           func(s *sim.Summary) sim.Optional { return sim.Some(s.CLVNet) },
		alwaysDefined: true,
	},
	LTVCAC: {
		id:    "ltv_cac",
		label: scenarios.Text{EN: "LTV:CAC", ZH: "LTV:CAC"},
		short: scenarios.Text{EN: "LTV:CAC", ZH: "LTV:CAC"},
		unit:  Ratio,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "How many times over a new customer repays the cost of winning them; many firms aim for 3 or more. Undefined when acquiring a customer costs nothing.",
			ZH: "一位新客户的价值是其获客成本的多少倍；许多企业以 3 倍以上为目标。获客成本为零时无定义。",
		},
		formula: scenarios.Text{
			EN: "CLV per new customer ÷ acquisition cost; undefined when the acquisition cost is 0.",
			ZH: "每位新客户的 CLV ÷ 获客成本；获客成本为 0 时无定义。",
		},
		get: func(s *sim.Summary) sim.Optional { return s.LTVCAC },
	},
	CLVInfinite: {
		id:    "clv_infinite",
		label: scenarios.Text{EN: "CLV, infinite horizon", ZH: "无限期 CLV"},
		short: scenarios.Text{EN: "CLV, infinite horizon", ZH: "无限期 CLV"},
		unit:  Money,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "What a new customer would be worth if the relationship were followed for ever instead of being cut at the horizon; the gap to CLV is the value that lies beyond the plan. Undefined when that sum does not converge.",
			ZH: "若不在规划期末截断、而是一直计算下去，一位新客户的价值；它与 CLV 的差额即规划期之外的价值。该求和不收敛时无定义。",
		},
		formula: scenarios.Text{
			EN: "In closed form e·(I − A/(1+d))⁻¹·R: e the stages new customers enter, A the transition matrix between active stages, R each stage's margin, d the discount rate per period; divided by (1+d) when cash comes at the end of the period. Undefined without discounting when a customer may never leave.",
			ZH: "闭式解 e·(I − A/(1+d))⁻¹·R：e 为新客户进入各阶段的分布，A 为活跃阶段之间的转移矩阵，R 为各阶段每客利润，d 为每期折现率；现金流在期末发生时再除以 (1+d)。不折现且客户可能永不流失时无定义。",
		},
		get:         func(s *sim.Summary) sim.Optional { return s.CLVInfinite },
		outcomeLast: true,
	},
	CustomerEquity: {
		id:    "customer_equity",
		label: scenarios.Text{EN: "customer equity", ZH: "客户资产"},
		short: scenarios.Text{EN: "customer equity", ZH: "客户资产"},
		unit:  Money,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "What the whole customer strategy is worth today: the present value of every cohort acquired within the horizon, after what it cost to acquire them, and of the customers the firm already has.",
			ZH: "整个客户策略在今天的价值：规划期内获取的所有客户批次的现值（已扣除获客支出），加上企业现有客户的现值。",
		},
		formula: scenarios.Text{
			EN: "Sum over the periods of the net cash flow (margins of all active customers − acquisition and win-back spend), each discounted to period 0; cash flows after the horizon are left out.",
			ZH: "各期净现金流（全部活跃客户的利润 − 获客与赢回支出）折现到第 0 期后求和；规划期之后的现金流不计。",
		},
		get:           func(s *sim.Summary) sim.Optional { return sim.Some(s.CustomerEquity) },
		alwaysDefined: true,
	},
	CustomerEquityExisting: {
		id:    "customer_equity_existing",
		label: scenarios.Text{EN: "customer equity of today's customers", ZH: "现有客户的客户资产"},
		short: scenarios.Text{EN: "equity, existing", ZH: "现有客户资产"},
		unit:  Money,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "What the customers the firm already has are worth today: the present value of their net cash over the horizon. It is the part of customer equity that needs no acquisition.",
			ZH: "企业现有客户在今天的价值：他们在规划期内净现金流的现值。它是客户资产中无需获客的部分。",
		},
		formula: scenarios.Text{
			EN: "Sum over the periods of the net cash flow of the customers in each stage at period 0 (their margins − win-back spend on them), as they move through the stages, each discounted to period 0; no acquisition cost; cash flows after the horizon are left out.",
			ZH: "第 0 期已处于各阶段的客户在各阶段间流转，对各期其净现金流（利润 − 对其的赢回支出）折现到第 0 期后求和；不含获客成本；规划期之后的现金流不计。",
		},
		get:           func(s *sim.Summary) sim.Optional { return sim.Some(s.CustomerEquityExisting) },
		alwaysDefined: true,
		used:          func(s *sim.Summary) bool { return s.ExistingCustomers > 0 },
	},
	CustomerEquityNew: {
		id:    "customer_equity_new",
		label: scenarios.Text{EN: "customer equity of new cohorts", ZH: "新客户批次的客户资产"},
		short: scenarios.Text{EN: "equity, new", ZH: "新客户资产"},
		unit:  Money,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "What the customers still to be acquired within the horizon are worth today, after what it costs to acquire them. With today's customers it makes customer equity.",
			ZH: "规划期内尚待获取的客户在今天的价值，已扣除获客支出。它与现有客户部分合起来即客户资产。",
		},
		formula: scenarios.Text{
			EN: "Customer equity − customer equity of today's customers: the net cash flow of the cohorts acquired within the horizon, acquisition spend included, each period discounted to period 0.",
			ZH: "客户资产 − 现有客户的客户资产：规划期内获取的各客户批次的净现金流（含获客支出），各期折现到第 0 期。",
		},
		get:           func(s *sim.Summary) sim.Optional { return sim.Some(s.CustomerEquityNew) },
		alwaysDefined: true,
		used:          func(s *sim.Summary) bool { return s.ExistingCustomers > 0 },
	},
	PaybackPeriods: {
		id:    "payback_periods",
		label: scenarios.Text{EN: "payback (periods)", ZH: "回收期（期）"},
		short: scenarios.Text{EN: "payback", ZH: "回收期"},
		unit:  WholePeriods,
		good:  Lower,
		explanation: scenarios.Text{
			EN: "How many periods a new customer takes to earn back what it cost to win them; the shorter, the sooner the cash returns. Undefined when that does not happen within the horizon.",
			ZH: "一位新客户需要多少期才能赚回其获客成本；越短，资金回笼越快。规划期内无法收回时无定义。",
		},
		formula: scenarios.Text{
			EN: "The whole number of periods after acquisition until one customer's expected cumulative net cash flow, undiscounted and starting at minus the acquisition cost, reaches 0; 0 when acquisition costs nothing.",
			ZH: "从获客起，一位客户的预期累计净现金流（不折现，起点为负的获客成本）首次达到 0 所经过的整期数；获客成本为 0 时为 0。",
		},
		get: func(s *sim.Summary) sim.Optional { return s.PaybackPeriods },
	},
	ExpectedLifetime: {
		id:    "expected_lifetime",
		label: scenarios.Text{EN: "expected lifetime (periods)", ZH: "预期生命周期（期）"},
		short: scenarios.Text{EN: "expected lifetime", ZH: "预期生命周期"},
		unit:  Periods,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "How many periods a new customer is expected to stay active before being lost. Undefined when customers may stay for ever, for example with win-back and no window.",
			ZH: "一位新客户在流失之前预计保持活跃的期数。客户可能永远留存时（例如赢回不设时间窗口）无定义。",
		},
		formula: scenarios.Text{
			EN: "The sum, over every period from that of acquisition on, of the chance that a new customer is active; undiscounted, with no horizon.",
			ZH: "从获客当期起，新客户在每一期仍处于活跃状态的概率之和；不折现，不设期限。",
		},
		get: func(s *sim.Summary) sim.Optional { return s.ExpectedLifetime },
	},
	ExpectedPurchases: {
		id:    "expected_purchases",
		label: scenarios.Text{EN: "expected purchases per new customer", ZH: "每位新客户的预期购买次数"},
		short: scenarios.Text{EN: "expected purchases", ZH: "预期购买次数"},
		unit:  Purchases,
		good:  Higher,
		explanation: scenarios.Text{
			EN: "How many purchases one new customer is expected to make over the horizon, from the stages' purchases per period. A scenario fitted to a company's records can be checked against the model's expected purchases with it.",
			ZH: "一位新客户在规划期内预计的购买次数，由各阶段每期的购买次数得出。由公司记录拟合的情景可借此与模型的预期购买次数相核对。",
		},
		formula: scenarios.Text{
			EN: "Sum over the periods of the horizon, from that of acquisition on, of each stage's purchases per customer times the chance that the customer is in that stage; undiscounted; weighted by the segments' shares.",
			ZH: "从获客当期起，对规划期内各期求和：各阶段每客购买次数乘以客户处于该阶段的概率；不折现；按各细分的占比加权。",
		},
		get:           func(s *sim.Summary) sim.Optional { return sim.Some(s.ExpectedPurchases) },
		alwaysDefined: true,
		outcomeLast:   true,
		used:          func(s *sim.Summary) bool { return s.ExpectedPurchases != 0 },
	},
	// referral.go
	ReferralValue:         referralValueEntry,
	ReferralValueInfinite: referralValueInfiniteEntry,
	ReferralsDirect:       referralsDirectEntry,
	ReferralsTotal:        referralsTotalEntry,
	// market.go
	SteadyShare: steadyShareEntry,
}
