package explain

import (
	"fmt"
	"math"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
)

// Focus lists the KPIs an Explanation has formulas for, in the summary
// table's order: every KPI of the catalogue but the acquisition cost,
// which is an input.
var Focus = []kpi.KPI{kpi.CLV, kpi.CLVNet, kpi.LTVCAC, kpi.CLVInfinite, kpi.CustomerEquity, kpi.PaybackPeriods, kpi.ExpectedLifetime}

// Formula is one KPI explained: its formula in symbols, the same
// formula with the scenario's values put in, and the result.
type Formula struct {
	KPI kpi.KPI
	// Words is the formula in words, the KPI catalogue's (kpi.KPI.Formula).
	Words string
	// Symbols is the formula in symbols: "CLV = P·(1 − (1+r)^−n)/r".
	Symbols string
	// Values is the right-hand side with the values put in:
	// "600 · (1 − 1.1^−3) / 0.1"; empty when the KPI is undefined.
	Values string
	// Result is the value as the summary table formats it ("1,492.11"),
	// "—" when undefined.
	Result string
	// Value is the KPI's value, sim's own.
	Value sim.Optional
	// Where says what the symbols stand for, with their values.
	Where string
	// Check is the condition the result meets, with its values (the
	// payback's cumulative sum); empty for the others.
	Check string
	// Note says why the KPI is undefined, or what else to know.
	Note string
}

// String returns the formula on one line: symbols = values = result,
// then the check in parentheses.
func (f Formula) String() string {
	s := f.Symbols + " = " + f.Result
	if f.Values != "" {
		s = f.Symbols + " = " + f.Values + " = " + f.Result
	}
	if f.Check != "" {
		s += " (" + f.Check + ")"
	}
	return s
}

// Explanation is a run's CLV explained: the form, the tenure table
// mixed by share, the fundamental-matrix form of each segment and a
// formula for each KPI in Focus.
type Explanation struct {
	Model   *sim.Model
	Summary *sim.Summary
	Form    Form
	// Table is the tenure table mixed by the segments' shares; its CLV
	// is Summary.CLV.
	Table        Table
	Fundamentals []Fundamental
	// Existing is today's customer base by stage (none without one):
	// customer equity's existing part is Σ_i X_i·V_i over it.
	Existing []ExistingStage
	Formulas []Formula // one per KPI of Focus, in its order, then of ReferralFocus in a run that refers, then of MarketFocus in a brand-switching market
}

// Explain explains the result r (of sim.Run or Engine.Summarize) in
// lang, "en" or "zh". The numbers are sim's: the formulas put the
// model's values in and show the summary's figures as their results.
func Explain(r *sim.Result, lang string) *Explanation {
	m := r.Model
	e := &Explanation{Model: m, Summary: &r.Summary, Form: FormOf(m), Fundamentals: Fundamentals(m), Existing: Existing(m)}
	e.Table.Fill(m, Mixed)
	w := writer{m: m, s: &r.Summary, t: &e.Table, fs: e.Fundamentals, ex: e.Existing, lang: lang, form: e.Form}
	for _, k := range Focus {
		f := Formula{KPI: k, Words: k.Formula(lang), Value: k.Of(&r.Summary)}
		f.Result = k.Format(f.Value)
		w.write(&f)
		e.Formulas = append(e.Formulas, f)
	}
	var more []kpi.KPI
	if r.Summary.Referring {
		more = append(more, ReferralFocus...) // referral.go
	}
	if r.Summary.Market != nil {
		more = append(more, MarketFocus...) // market.go
	}
	for _, k := range more {
		f := Formula{KPI: k, Words: k.Formula(lang), Value: k.Of(&r.Summary)}
		f.Result = k.Format(f.Value)
		w.write(&f)
		e.Formulas = append(e.Formulas, f)
	}
	return e
}

// Formula returns the explanation's formula of k, and false if k is not
// in Focus.
func (e *Explanation) Formula(k kpi.KPI) (Formula, bool) {
	for _, f := range e.Formulas {
		if f.KPI == k {
			return f, true
		}
	}
	return Formula{}, false
}

// writer writes the formulas of one run.
type writer struct {
	m    *sim.Model
	s    *sim.Summary
	t    *Table
	fs   []Fundamental
	ex   []ExistingStage
	lang string
	form Form
}

func (w *writer) tr(t scenarios.Text) string { return t.In(w.lang) }

// rate returns the symbol of the discount rate per period in the form:
// r in the annuity, i beside the retention r of the margin multiple, d
// in the matrices.
func (w *writer) rate() string {
	switch w.form {
	case Annuity:
		return "r"
	case MarginMultiple:
		return "i"
	}
	return "d"
}

// rateWhere says what the discount rate per period is, with its value.
func (w *writer) rateWhere() string {
	sym, d := w.rate(), w.m.PeriodRate()
	k := float64(w.m.Period.PerYear()) // periods a year, whole or not
	per := w.period()
	if k == 1 {
		return fmt.Sprintf(w.tr(txtRateYear), sym, num(d), per)
	}
	return fmt.Sprintf(w.tr(txtRatePeriod), sym, num(1+w.m.DiscountRate), num(k), num(d), per, num(100*w.m.DiscountRate))
}

// period names the model's period in the singular: "month", "月".
func (w *writer) period() string {
	return w.tr(scenarios.NameOf(w.m.Period).One)
}

// periods names the model's period in the plural: "months", "个月".
func (w *writer) periods() string {
	return w.tr(scenarios.NameOf(w.m.Period).Many)
}

// onePlus writes 1+d as a number: 1.1.
func (w *writer) onePlus() string { return num(1 + w.m.PeriodRate()) }

// margin writes the one stage's margin from its parts: "1,000 − 400".
func (w *writer) margin() string { return marginOf(w.m.Segments[0].Stages[0]) }

// marginOf writes a stage's margin from its parts and its value:
// "100·(1 − 0.2)·(1 − 0.1) − 30 − 2 = 40", the price discount's and the
// bad debt's factors only when they are used.
func marginOf(e sim.Economics) string {
	s := num(e.Revenue)
	if e.PriceDiscount > 0 {
		s += "·(1 − " + num(e.PriceDiscount) + ")"
	}
	if e.BadDebt > 0 {
		s += "·(1 − " + num(e.BadDebt) + ")"
	}
	if e.CostToServe > 0 {
		s += " − " + num(e.CostToServe)
	}
	if e.RetentionSpend > 0 {
		s += " − " + num(e.RetentionSpend)
	}
	if s == num(e.Margin()) {
		return s
	}
	return s + " = " + num(e.Margin())
}

// marginWords names the margin's parts in words, bad debt among them
// when the model has any.
func (w *writer) marginWords() string {
	if hasBadDebt(w.m) {
		return w.tr(txtMarginWordsBadDebt)
	}
	return w.tr(txtMarginWords)
}

// hasBadDebt reports whether any stage of any segment or class of m has
// bad debt.
func hasBadDebt(m *sim.Model) bool {
	for s := range m.Segments {
		for k := range m.Segments[s].ClassCount() {
			for _, e := range m.Class(s, k).Stages {
				if e.BadDebt > 0 {
					return true
				}
			}
		}
	}
	return false
}

// maxBadDebtMargins bounds the stage margins badDebtWhere writes out.
const maxBadDebtMargins = 4

// badDebtWhere says, when the model has bad debt, that it comes off the
// margin R, with the margin of each stage (of each segment or class)
// that has some as its formula with the numbers: "Decline: 60·(1 −
// 0.25) − 20 − 5 = 20"; "" without bad debt.
func (w *writer) badDebtWhere() string {
	m := w.m
	var parts []string
	more := 0
	for s := range m.Segments {
		for k := range m.Segments[s].ClassCount() {
			c := m.Class(s, k)
			for i, e := range c.Stages {
				if e.BadDebt <= 0 {
					continue
				}
				if len(parts) == maxBadDebtMargins {
					more++
					continue
				}
				name := m.StageIDs[i]
				switch {
				case c != &m.Segments[s]:
					name += " (" + m.Segments[s].ID + ", " + c.ID + ")"
				case len(m.Segments) > 1:
					name += " (" + c.ID + ")"
				}
				parts = append(parts, name+": "+marginOf(e))
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	list := strings.Join(parts, "; ")
	if more > 0 {
		list += fmt.Sprintf(w.tr(txtMoreMargins), more)
	}
	return w.then(fmt.Sprintf(w.tr(txtBadDebtWhere), list))
}

// then returns sentence s to follow another: after a space in English,
// straight after the full stop in Chinese.
func (w *writer) then(s string) string {
	if w.lang == "zh" {
		return s
	}
	return " " + s
}

func (w *writer) write(f *Formula) {
	switch f.KPI {
	case kpi.CLV:
		w.clv(f)
	case kpi.CLVNet:
		f.Symbols = "CLV net = CLV − CAC"
		f.Values = money(w.s.CLV) + " − " + num(w.s.AcquisitionCost)
	case kpi.LTVCAC:
		f.Symbols = "LTV:CAC = CLV / CAC"
		if f.Value.Defined {
			f.Values = money(w.s.CLV) + " / " + num(w.s.AcquisitionCost)
		} else {
			f.Note = w.tr(txtNoCAC)
		}
	case kpi.CLVInfinite:
		w.infinite(f)
	case kpi.CustomerEquity:
		w.equity(f)
	case kpi.PaybackPeriods:
		w.payback(f)
	case kpi.ExpectedLifetime:
		w.lifetime(f)
	case kpi.SteadyShare:
		w.market(f) // market.go
	default:
		w.referral(f) // referral.go
	}
}

func (w *writer) clv(f *Formula) {
	m, n := w.m, w.m.Horizon
	d := m.PeriodRate()
	start := m.CashTiming == sim.CashStart
	switch w.form {
	case Annuity:
		P := num(m.Segments[0].Stages[0].Margin())
		switch {
		case d == 0:
			f.Symbols = "CLV = P·n"
			f.Values = P + " · " + num(float64(n))
		case start:
			f.Symbols = "CLV = P·(1 − (1+r)^−n)/r·(1+r)"
			f.Values = fmt.Sprintf("%s · (1 − %s) / %s · %s", P, power(w.onePlus(), -n), num(d), w.onePlus())
		default:
			f.Symbols = "CLV = P·(1 − (1+r)^−n)/r"
			f.Values = fmt.Sprintf("%s · (1 − %s) / %s", P, power(w.onePlus(), -n), num(d))
		}
		f.Where = fmt.Sprintf(w.tr(txtAnnuityWhere), w.margin(), w.period(), w.marginWords(), w.rateWhere(), n, w.periods())
	case MarginMultiple:
		mm, r := num(m.Segments[0].Stages[0].Margin()), num(retention(m))
		ratio := fmt.Sprintf("(%s/%s)^%d", r, w.onePlus(), n)
		if d == 0 {
			ratio = fmt.Sprintf("%s^%d", r, n)
		}
		if start {
			f.Symbols = "CLV = m·(1+i)·(1 − (r/(1+i))^n)/(1 + i − r)"
			f.Values = fmt.Sprintf("%s · %s · (1 − %s) / (1 + %s − %s)", mm, w.onePlus(), ratio, num(d), r)
		} else {
			f.Symbols = "CLV = m·(1 − (r/(1+i))^n)/(1 + i − r)"
			f.Values = fmt.Sprintf("%s · (1 − %s) / (1 + %s − %s)", mm, ratio, num(d), r)
		}
		f.Where = fmt.Sprintf(w.tr(txtMultipleWhere), w.margin(), w.period(), r, w.rateWhere(), n, w.periods(),
			num(round(1/(1+d-retention(m)), 4)))
	default:
		exp := "(τ+1)"
		if start {
			exp = "τ"
		}
		f.Symbols = "CLV = Σ_τ e·A^τ·R·(1+d)^−" + exp
		terms := make([]float64, len(w.t.Rows))
		for τ, r := range w.t.Rows {
			terms[τ] = r.Contribution
		}
		f.Values = sum(terms, money, 3)
		f.Where = fmt.Sprintf(w.tr(txtMarkovWhere), n-1, n, w.periods(), w.rateWhere()) + w.badDebtWhere()
		if w.m.TenureStates() > 1 {
			f.Where += w.tr(txtTenureWhere)
		}
		if len(m.Segments) > 1 {
			f.Note = w.segments("CLV", func(s int) float64 { return w.s.Segments[s].CLV })
		}
	}
}

// segments writes the share-weighted sum of a per-segment figure:
// "CLV = Σ_s w_s·CLV_s = 0.2 · 1,234.56 + … (the segments mixed …)".
func (w *writer) segments(sym string, of func(s int) float64) string {
	return fmt.Sprintf("%s = Σ_s w_s·%s_s = %s (%s)", sym, sym, w.shares(of), w.tr(txtMixed))
}

// shares writes Σ_s w_s·x_s with the values: "0.2 · 1,234.56 + 0.8 · 456.78".
func (w *writer) shares(of func(s int) float64) string {
	parts := make([]string, len(w.m.Segments))
	for s, seg := range w.m.Segments {
		parts[s] = num(seg.Share) + " · " + money(of(s))
	}
	return strings.Join(parts, " + ")
}

// visits writes e·N·R with the values, the lost states of win-back,
// which share one reward, summed: "1.6579 · 20 + … − 12.48 · 1.2".
func (w *writer) visits(fu *Fundamental) string {
	n := len(w.m.StageIDs)
	var b strings.Builder
	lost := 0.0
	term := func(v, r float64) {
		switch {
		case b.Len() == 0:
			b.WriteString(num(round(v, 4)) + " · " + num(r))
		case r < 0:
			b.WriteString(" − " + num(round(v, 4)) + " · " + num(-r))
		default:
			b.WriteString(" + " + num(round(v, 4)) + " · " + num(r))
		}
	}
	for a, i := range fu.States {
		if i < n {
			term(fu.Visits[a], fu.Reward[a])
		} else {
			lost += fu.Visits[a]
		}
	}
	if lost > 0 {
		term(lost, -w.m.Winback.Rate*w.m.Winback.CostPerCustomer)
	}
	return b.String()
}

func (w *writer) infinite(f *Formula) {
	m := w.m
	d := m.PeriodRate()
	start := m.CashTiming == sim.CashStart
	switch w.form {
	case Annuity:
		P := num(m.Segments[0].Stages[0].Margin())
		if start {
			f.Symbols = "CLV∞ = P·(1+r)/r"
			f.Values = fmt.Sprintf("%s · %s / %s", P, w.onePlus(), num(d))
		} else {
			f.Symbols = "CLV∞ = P/r"
			f.Values = fmt.Sprintf("%s / %s", P, num(d))
		}
	case MarginMultiple:
		mm, r := num(m.Segments[0].Stages[0].Margin()), num(retention(m))
		if start {
			f.Symbols = "CLV∞ = m·(1+i)/(1 + i − r)"
			f.Values = fmt.Sprintf("%s · %s / (1 + %s − %s)", mm, w.onePlus(), num(d), r)
		} else {
			f.Symbols = "CLV∞ = m/(1 + i − r)"
			f.Values = fmt.Sprintf("%s / (1 + %s − %s)", mm, num(d), r)
		}
	default:
		if start {
			f.Symbols = "CLV∞ = e·N·R, N = (I − A/(1+d))⁻¹"
		} else {
			f.Symbols = "CLV∞ = e·N·R/(1+d), N = (I − A/(1+d))⁻¹"
		}
		f.Where = w.tr(txtInfiniteWhere) + w.badDebtWhere()
		if w.m.TenureStates() > 1 {
			f.Where += w.tr(txtTenureWhere)
		}
		switch {
		case !f.Value.Defined:
		case mixed(m):
			f.Symbols = "CLV∞ = Σ_s w_s·CLV∞_s, CLV∞_s = e·N_s·R_s/(1+d)"
			if start {
				f.Symbols = "CLV∞ = Σ_s w_s·CLV∞_s, CLV∞_s = e·N_s·R_s"
			}
			f.Values = w.shares(func(s int) float64 { return w.fs[s].CLV.Value })
			f.Note = w.tr(txtMixed)
		default:
			f.Values = w.visits(&w.fs[0])
			if !start {
				f.Values = "(" + f.Values + ") / " + w.onePlus()
			}
		}
	}
	if !f.Value.Defined {
		f.Values = ""
		f.Note = w.tr(txtDiverges)
	}
}

func (w *writer) equity(f *Formula) {
	m := w.m
	sym := w.rate()
	f.Symbols = fmt.Sprintf("CE = Σ_c N_c·(1+%s)^−c·(CLV_(H−c) − CAC)", sym)
	if w.t.Referring {
		f.Symbols = fmt.Sprintf("CE = Σ_c N_c·(1+%s)^−c·(CLV_(H−c) + RV_(H−c) − CAC)", sym)
	}
	h := m.Horizon
	terms := make([]string, 0, 4)
	term := func(c int) string {
		s := num(m.NewCustomers[c])
		if c > 0 {
			s += " · " + power(w.onePlus(), -c)
		}
		row := &w.t.Rows[h-c-1]
		if w.t.Referring {
			return s + " · (" + money(row.Sum) + " + " + money(row.ReferralSum) + " − " + num(w.s.AcquisitionCost) + ")"
		}
		return s + " · (" + money(row.Sum) + " − " + num(w.s.AcquisitionCost) + ")"
	}
	if h <= 4 {
		for c := range h {
			terms = append(terms, term(c))
		}
	} else {
		terms = append(terms, term(0), term(1), "…", term(h-1))
	}
	f.Values = strings.Join(terms, " + ")
	f.Where = fmt.Sprintf(w.tr(txtEquityWhere), h, w.periods())
	if w.t.Referring {
		f.Where += w.then(w.tr(txtEquityReferralWhere))
	}
	if len(w.ex) == 0 {
		return
	}
	// Today's customers: CE = CE_new + CE_existing, the second Σ_i X_i·V_i.
	f.Symbols = fmt.Sprintf("CE = CE_new + CE_existing = Σ_c N_c·(1+%s)^−c·(CLV_(H−c) − CAC) + Σ_i X_i·V_i", sym)
	parts := make([]string, 0, 4)
	for k, x := range w.ex {
		if len(w.ex) > 4 && k == 2 {
			parts = append(parts, "…")
			continue
		}
		if len(w.ex) > 4 && k > 2 && k < len(w.ex)-1 {
			continue
		}
		parts = append(parts, num(x.Customers)+" · "+money(x.Value))
	}
	f.Values += " + " + strings.Join(parts, " + ")
	f.Where += w.then(fmt.Sprintf(w.tr(txtEquityExistingWhere), money(w.s.CustomerEquityNew), money(w.s.CustomerEquityExisting)))
	for _, x := range w.ex {
		if w.m.IsCompetitor(x.Stage) {
			f.Where += w.then(w.tr(txtEquityRivals))
			break
		}
	}
}

func (w *writer) payback(f *Formula) {
	f.Symbols = "payback = min{k : −CAC + Σ_(τ<k) m_τ ≥ 0}"
	f.Where = w.tr(txtPaybackWhere)
	cac := w.s.AcquisitionCost
	if cac <= 0 {
		f.Note = w.tr(txtNoCACPayback)
		return
	}
	k := len(w.t.Rows)
	if f.Value.Defined {
		k = int(f.Value.Value)
	}
	terms := []float64{-cac}
	cum := -cac
	for τ := range k {
		terms = append(terms, w.t.Rows[τ].Margin)
		cum += w.t.Rows[τ].Margin
	}
	rel := " ≥ 0"
	if !f.Value.Defined {
		rel = " < 0"
		f.Note = w.tr(txtNoPayback)
	}
	f.Check = sum(terms, money, 4) + " = " + money(cum) + rel
}

func (w *writer) lifetime(f *Formula) {
	m := w.m
	switch {
	case !f.Value.Defined:
		f.Symbols = "E[T] = Σ_τ P(active at τ)"
		f.Note = w.tr(txtForever)
	case w.form == MarginMultiple:
		f.Symbols = "E[T] = 1/(1 − r)"
		f.Values = "1 / (1 − " + num(retention(m)) + ")"
	case mixed(m):
		f.Symbols = "E[T] = Σ_s w_s·e·(I − A_s)⁻¹·1"
		parts := make([]string, len(m.Segments))
		for s, seg := range m.Segments {
			parts[s] = num(seg.Share) + " · " + num(round(w.fs[s].Lifetime.Value, 4))
		}
		f.Values = strings.Join(parts, " + ")
	default:
		f.Symbols = "E[T] = e·(I − A)⁻¹·1"
		fu := &w.fs[0]
		var terms []float64
		for a, i := range fu.States {
			if i < len(m.StageIDs) && !m.IsCompetitor(i) { // a competitor's customer is not ours: not in the lifetime
				terms = append(terms, round(fu.Periods[a], 4))
			}
		}
		f.Values = sum(terms, num, len(terms))
		f.Where = w.tr(txtLifetimeWhere)
	}
}

// round rounds x to places decimals, for the values a formula shows.
func round(x float64, places int) float64 {
	p := math.Pow10(places)
	return math.Round(x*p) / p
}
