package explain

import (
	"fmt"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/sim"
)

// followReferrals adds the referral columns of segment seg (or of every
// segment by its share, for Mixed) to the rows: one new customer and the
// customers it brings, generation after generation, as sim follows them.
// The customers referred at tenure τ arrive at τ+1 (within the horizon)
// in the entry stage (at tenure 0), split over the segment's classes by
// their shares, and their reward, the referrer's stage's, is paid when
// they arrive. Each class moves along sim's own chain (sim.ChainOf): with
// the tenure levers, a stage refers at every tenure state alike, and a
// referred customer's margin is the one of its own tenure.
func (t *Table) followReferrals(m *sim.Model, seg int) {
	for s := range m.Segments {
		w, ok := segmentWeight(m, seg, s)
		if !ok {
			continue
		}
		k := m.Segments[s].ClassCount()
		t.chain = sim.ChainOf(t.chain, m, m.Class(s, 0))
		n, active, size := t.chain.Stages(), t.chain.Active(), t.chain.States()
		t.direct = grow(t.direct, k*size)
		t.referred = grow(t.referred, k*size)
		t.next = grow(t.next, size)
		clear(t.direct)
		clear(t.referred)
		for c := range k {
			t.direct[c*size+m.Entry] = classShare(m, s, c)
		}
		arrived, due := 0.0, 0.0
		for τ := range t.Rows {
			r := &t.Rows[τ]
			r.Referred += w * arrived
			r.ReferralReward += w * due
			total, reward := 0.0, 0.0
			for c := range k {
				class := m.Class(s, c)
				t.chain = sim.ChainOf(t.chain, m, class)
				ch := t.chain
				u, v := t.direct[c*size:(c+1)*size], t.referred[c*size:(c+1)*size]
				flow := 0.0
				for i, x := range v {
					flow += x * ch.Reward(i)
				}
				r.ReferralMargin += w * flow
				for a := range active {
					i := a % n
					if m.Competitor != nil && m.Competitor[i] {
						continue // a competitor's customers are not ours: they refer no one to us
					}
					ρ := (u[a] + v[a]) * class.Stages[i].Referrals
					total += ρ
					reward += ρ * class.Stages[i].ReferralReward
				}
				next := t.next[:size]
				step(next, u, ch)
				copy(u, next)
				step(next, v, ch)
				copy(v, next)
			}
			arrived, due = 0, 0
			if τ+1 < len(t.Rows) {
				for c := range k {
					t.referred[c*size+m.Entry] += total * classShare(m, s, c)
				}
				arrived, due = total, reward
			}
		}
	}
}

// classShare returns class c's share of segment s: 1 for a segment
// without classes.
func classShare(m *sim.Model, s, c int) float64 {
	if len(m.Segments[s].Classes) == 0 {
		return 1
	}
	return m.Segments[s].Classes[c].Share
}

// ReferralFocus lists the referral KPIs an Explanation of a run that
// refers has formulas for, after Focus's.
var ReferralFocus = []kpi.KPI{kpi.ReferralValue, kpi.ReferralValueInfinite, kpi.ReferralsDirect, kpi.ReferralsTotal}

// referral writes the formula of a referral KPI.
func (w *writer) referral(f *Formula) {
	switch f.KPI {
	case kpi.ReferralValue:
		w.referralValue(f)
	case kpi.ReferralValueInfinite:
		w.referralInfinite(f)
	case kpi.ReferralsDirect:
		w.referralsDirect(f)
	case kpi.ReferralsTotal:
		f.Symbols = "R/(1 − R)"
		if f.Value.Defined {
			R := num(round(w.s.ReferralsDirect.Value, 4))
			f.Values = R + " / (1 − " + R + ")"
			if mixed(w.m) {
				f.Symbols = "Σ_s w_s·R_s/(1 − R_s)"
				f.Values = w.shares(func(s int) float64 { return w.s.Segments[s].ReferralsTotal.Value })
			}
		}
		f.Where = w.tr(txtTotalWhere)
		if !f.Value.Defined {
			f.Note = w.tr(txtGrows)
		}
	}
}

func (w *writer) referralValue(f *Formula) {
	exp := "(τ+1)"
	if w.m.CashTiming == sim.CashStart {
		exp = "τ"
	}
	f.Symbols = "RV = Σ_τ (m^R_τ·(1+d)^−" + exp + " − c_τ·(1+d)^−τ)"
	terms := make([]float64, len(w.t.Rows))
	for τ, r := range w.t.Rows {
		terms[τ] = r.ReferralContribution
	}
	f.Values = sum(terms, money, 3)
	f.Where = fmt.Sprintf(w.tr(txtReferralWhere), len(w.t.Rows)-1)
}

// discounted returns D = β·e·N·ρ and W = β·e·N·(ρ∘c) of the one segment
// without classes from its fundamental matrix, and false when there is
// none (N singular).
func (w *writer) discounted() (D, W float64, ok bool) {
	fu := &w.fs[0]
	if fu.Visits == nil {
		return 0, 0, false
	}
	seg := &w.m.Segments[0]
	for a, i := range fu.States {
		if i < len(w.m.StageIDs) {
			D += fu.Visits[a] * seg.Stages[i].Referrals
			W += fu.Visits[a] * seg.Stages[i].Referrals * seg.Stages[i].ReferralReward
		}
	}
	return fu.Beta * D, fu.Beta * W, true
}

func (w *writer) referralInfinite(f *Formula) {
	f.Symbols = "RV∞ = (D·CLV∞ − W)/(1 − D)"
	f.Where = w.tr(txtReferralInfiniteWhere)
	switch {
	case !f.Value.Defined:
		f.Note = w.tr(txtGrows)
	case mixed(w.m):
		f.Symbols = "RV∞ = Σ_s w_s·RV∞_s, RV∞_s = (D_s·CLV∞_s − W_s)/(1 − D_s)"
		f.Values = w.shares(func(s int) float64 { return w.s.Segments[s].ReferralValueInfinite.Value })
		f.Note = w.tr(txtMixed)
	default:
		D, W, ok := w.discounted()
		if !ok {
			f.Note = w.tr(txtDiverges)
			return
		}
		d, c := num(round(D, 4)), num(round(W, 4))
		f.Values = fmt.Sprintf("(%s · %s − %s) / (1 − %s)", d, money(w.s.CLVInfinite.Value), c, d)
		if w.form == MarginMultiple {
			e := w.m.Segments[0].Stages[0]
			f.Where = fmt.Sprintf(w.tr(txtReferralMultipleWhere), num(e.Referrals), num(w.m.PeriodRate()), num(retention(w.m)), d, num(e.ReferralReward), c)
		}
	}
}

func (w *writer) referralsDirect(f *Formula) {
	m := w.m
	switch {
	case !f.Value.Defined:
		f.Symbols = "R = e·(I − A)⁻¹·ρ"
		f.Note = w.tr(txtReferForever)
	case w.form == MarginMultiple:
		f.Symbols = "R = ρ/(1 − r)"
		f.Values = num(m.Segments[0].Stages[0].Referrals) + " / (1 − " + num(retention(m)) + ")"
	case mixed(m):
		f.Symbols = "R = Σ_s w_s·R_s, R_s = e·(I − A_s)⁻¹·ρ_s"
		f.Values = w.shares(func(s int) float64 { return w.s.Segments[s].ReferralsDirect.Value })
		f.Note = w.tr(txtMixed)
	default:
		f.Symbols = "R = e·(I − A)⁻¹·ρ"
		fu := &w.fs[0]
		var b strings.Builder
		for a, i := range fu.States {
			if i >= len(m.StageIDs) || fu.Periods == nil {
				continue
			}
			if ρ := m.Segments[0].Stages[i].Referrals; ρ > 0 {
				if b.Len() > 0 {
					b.WriteString(" + ")
				}
				b.WriteString(num(round(fu.Periods[a], 4)) + " · " + num(ρ))
			}
		}
		f.Values = b.String()
		f.Where = w.tr(txtDirectWhere)
	}
}
