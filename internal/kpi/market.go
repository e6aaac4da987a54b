package kpi

import (
	"clvlab/scenarios"
	"clvlab/sim"
)

// inMarket reports whether a run is of a brand-switching market (a model
// with competitor stages, sim.Market): the market's KPI is shown only
// then.
func inMarket(s *sim.Summary) bool { return s.Market != nil }

// The catalogue's market KPI (sim.Market, docs/scenarios.md
// "Competitors").
var steadyShareEntry = entry{
	id:    "steady_share",
	label: scenarios.Text{EN: "steady-state share (ours)", ZH: "稳态市场份额（我们）"},
	short: scenarios.Text{EN: "steady share", ZH: "稳态份额"},
	unit:  Share,
	good:  Higher,
	explanation: scenarios.Text{
		EN: "Our share of the market's customers in the long run, where brand switching takes the shares from any start. The switching matrix sets it (how many customers we keep, how many we win from competitors), not today's share. Undefined when the market has no single long run.",
		ZH: "长期来看我们在市场顾客中所占的份额：无论从哪里出发，品牌转换都会把份额带到这里。决定它的是转换矩阵（我们留住多少顾客、从竞争者那里赢得多少），而不是今天的份额。市场没有唯一的长期状态时无定义。",
	},
	formula: scenarios.Text{
		EN: "The market's steady state summed over our stages. In a closed market (no customer leaves it): the stationary distribution π = π·P, Σπ = 1, of the switching matrix P, its left eigenvector for the eigenvalue 1. When our customers churn out of the market: the mix of the market with acquisition going on, v = e·(I − A)⁻¹ normalised to sum to 1 (the periods a new customer spends in each stage; e the entry stage, A the chain's matrix, win-back included). Segments are weighted by their market customers (closed) or their share of new customers. With two brands, b/(a + b): a our switching to the competitor, b its switching to us. Undefined when there is no single steady state.",
		ZH: "市场稳态在我们各阶段上的和。封闭市场（没有顾客离开市场）中：转换矩阵 P 的平稳分布 π = π·P，Σπ = 1，即 P 对应特征值 1 的左特征向量。我们的顾客会流出市场时：持续获客下的市场构成 v = e·(I − A)⁻¹，归一化使其和为 1（一位新客户在各阶段度过的期数；e 为入口阶段，A 为链的转移矩阵，含赢回）。各细分按其市场顾客数（封闭市场）或其在新客户中的占比加权。两个品牌时为 b/(a + b)：a 为我们流向竞争者的概率，b 为竞争者流向我们的概率。没有唯一稳态时无定义。",
	},
	get: func(s *sim.Summary) sim.Optional {
		if s.Market == nil {
			return sim.Optional{}
		}
		return s.Market.SteadyShare
	},
	outcomeLast: true,
	used:        inMarket,
	unlisted:    true,
}
