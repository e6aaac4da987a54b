package explain

import (
	"fmt"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
)

// MarketFocus lists the market KPI an Explanation of a brand-switching
// run (a model with competitor stages) has a formula for, after Focus's
// and ReferralFocus's.
var MarketFocus = []kpi.KPI{kpi.SteadyShare}

var (
	// txtSteadyClosedWhere: each stage's steady share.
	txtSteadyClosedWhere = scenarios.Text{
		EN: "π = π·P, Σπ = 1, summed over our stages. A closed market (no customer leaves it): P is the switching matrix among the market's stages, π each stage's share in the steady state, where the shares go from any start: %s.",
		ZH: "π = π·P，Σπ = 1，对我们的各阶段求和。封闭市场（没有顾客离开）：P 为市场各阶段之间的转换矩阵，π 为各阶段在稳态中的份额，无论从哪里出发，份额都趋向这里：%s。",
	}
	// txtSteadyOpenWhere: each stage's steady share.
	txtSteadyOpenWhere = scenarios.Text{
		EN: "v = e·(I − A)⁻¹, summed over our stages. Customers leave the market, so its steady state is that of the market with acquisition going on: v is the periods a new customer spends in each stage (e the entry stage, A the chain's matrix, win-back included), normalised to the market's mix: %s.",
		ZH: "v = e·(I − A)⁻¹，对我们的各阶段求和。顾客会离开市场，因此其稳态是持续获客下的市场稳态：v 为一位新客户在各阶段度过的期数（e 为入口阶段，A 为链的转移矩阵，含赢回），归一化后即市场构成：%s。",
	}
	txtSteadyUndefined = scenarios.Text{
		EN: "Undefined: the market has no single steady state (some segments' markets closed and others not, several closed groups of stages, or customers who can stay for ever in part of a market others leave).",
		ZH: "无定义：市场没有唯一稳态（有的细分市场封闭而另一些不封闭、有多组封闭的阶段，或部分顾客可能永远停留在其他顾客会离开的市场中）。",
	}
)

// market writes the formula of the steady share: our stages' entries of
// the market's steady state (sim.Market), "s∞ = π_a" for our stage a.
func (w *writer) market(f *Formula) {
	mk := w.s.Market
	open := mk != nil && mk.Steady != nil && !mk.Closed
	sym := "π_"
	if open {
		sym = "v_"
	}
	var terms []string
	for i, id := range w.m.StageIDs {
		if !w.m.IsCompetitor(i) {
			terms = append(terms, sym+id)
		}
	}
	f.Symbols = "s∞ = " + strings.Join(terms, " + ")
	where := txtSteadyClosedWhere
	if open {
		f.Symbols = "s∞ = (" + strings.Join(terms, " + ") + ") / Σ_i v_i"
		where = txtSteadyOpenWhere
	}
	if mk == nil || mk.Steady == nil {
		f.Note = w.tr(txtSteadyUndefined)
		return
	}
	var ours []float64
	var mix []string
	for i, x := range mk.Steady {
		mix = append(mix, w.m.StageIDs[i]+" "+num(round(x, 4)))
		if !w.m.IsCompetitor(i) {
			ours = append(ours, round(x, 4))
		}
	}
	f.Values = sum(ours, num, len(ours))
	sep := ", "
	if w.lang == "zh" {
		sep = "，"
	}
	f.Where = fmt.Sprintf(w.tr(where), strings.Join(mix, sep))
}
