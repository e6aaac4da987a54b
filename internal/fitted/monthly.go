package fitted

import (
	"fmt"

	"clvlab/internal/fit"
)

// monthlyCohorts is the scenario of Cohorts with Terms.Monthly: the sBG's
// yearly contract in monthly periods. A class's customers renew at the end
// of each contract (renewal_every = 12) with probability 1 − θ and stay
// within it (to = { active = 1 }), so its survival is flat within a year
// and the mixture's S(12k) is the model's B(α, β+k)/B(α, β); one payment a
// month at its start. New customers per month are the yearly figure / 12,
// the horizon the years' × 12 (-new-customers, when given, is per month).
func monthlyCohorts(src Source, m fit.SBG, res fit.Result, c fit.Classes, newCustomers float64, why string, existing []float64, terms Terms) *Scenario {
	years := terms.horizon(src.Unit)
	terms.Horizon = min(12*years, 1200)
	monthly, per := newCustomers/12, " (a year's / 12)"
	if terms.NewCustomers >= 0 { // asked for, per month
		monthly, per = newCustomers, ""
	}
	var w writer
	name := dataName(src.Data)
	how := fmt.Sprintf("Classes: the %s (K = %d).\nTheir survival is within %.1e of the model's S(t) = B(α, β+t)/B(α, β) over the first %d years\n(a K-point Gauss rule is exact for t ≤ 2K−1). Monthly periods, yearly contracts: a class's customers renew at the end of\nmonths 12, 24, ... with probability 1 − θ (renewal_every = 12) and stay within a contract, so survival is flat\nwithin each year and S(12k) = B(α, β+k)/B(α, β) (Fader & Hardie 2007). One payment a month at its start:\nset stage.active.revenue to the monthly price.",
		c.Grid, len(c.Classes), c.Worst, c.Periods)
	w.header(src, fit.KeySBG, name+": fitted sBG, monthly", name+"：拟合的 sBG（按月）", terms, "month", []fit.Result{res}, how)
	w.line("cash_timing = \"start\"")
	w.line("renewal_every = 12")
	w.line("description = { en = %s, zh = %s }",
		quote(fmt.Sprintf("The sBG model fitted to %s as %d latent classes in monthly periods, each renewing its yearly contract with a constant probability: together their renewal rate rises with tenure.", name, len(c.Classes))),
		quote(fmt.Sprintf("由 %s 拟合的 sBG 模型，按月表示为 %d 个潜在类别，各以恒定概率续签年度合同：合在一起，续约率随在网期上升。", name, len(c.Classes))))
	w.line("")
	w.line("[acquisition]")
	w.comment("New customers per month: %s%s", why, per)
	w.line("new_customers = %s", num(monthly))
	w.line("")
	w.line("[[stage]]")
	w.line("id = \"active\"")
	w.line("name = { en = \"active\", zh = \"活跃\" }")
	w.line("revenue = 1.0")
	w.comment("No one leaves within a contract; at its end the mean renewal 1 − α/(α+β) (each class below sets its own).")
	w.line("renewal = %s", num(1-m.MeanChurn()))
	w.line("to = { active = 1.0 }")
	if existing != nil {
		w.line("")
		w.comment("Today's customers (existing in each class): the survivors of each cohort's last observed year, placed by")
		w.comment("their posterior class probabilities × the class's renewal, at the start of a new yearly contract.")
	}
	w.sbgClasses(c, existing, "a year, at the contract's end", "renewal = %s")
	return w.sbgScenario(c, monthly, existing)
}
