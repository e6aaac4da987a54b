package explain

import (
	"testing"

	"clvlab/internal/kpi"
	"clvlab/sim"
)

// oneStageReferring: one yearly stage kept with probability r = 0.8,
// margin 10 at period end, ρ = 0.1 referrals per period at a reward of
// c = 2, discount rate 10%, 1,000 new customers a year for 30 years.
func oneStageReferring(t *testing.T, segments int) *sim.Result {
	t.Helper()
	nc := make([]float64, 30)
	for i := range nc {
		nc[i] = 1000
	}
	m := &sim.Model{StageIDs: []string{"active"}, Period: sim.Year, Horizon: 30, DiscountRate: 0.1, NewCustomers: nc}
	for s := range segments {
		m.Segments = append(m.Segments, sim.Segment{ID: string(rune('a' + s)), Share: 1 / float64(segments),
			Stages:     []sim.Economics{{Revenue: 10, Referrals: 0.1 * float64(s+1), ReferralReward: 2}},
			Transition: [][]float64{{0.8}}})
	}
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestReferralFormulasByHand: the hand calculation of the referral
// figures, as sim/referral_test.go has it (r = 0.8, ρ = 0.1, c = 2, i =
// 0.1): R = ρ/(1 − r) = 0.5, R/(1 − R) = 1, D = ρ/(1 + i − r) = 1/3,
// W = D·c = 2/3, CLV∞ = 10/0.3 = 33.33, RV∞ = (D·CLV∞ − W)/(1 − D) =
// (100/9 − 6/9)/(6/9) = 15.67; the tenure table's referral column sums to
// sim's referral value over the 30 years, and customer equity holds it.
func TestReferralFormulasByHand(t *testing.T) {
	r := oneStageReferring(t, 1)
	e := Explain(r, "en")
	want := map[kpi.KPI]string{
		kpi.ReferralValueInfinite: "RV∞ = (D·CLV∞ − W)/(1 − D) = (0.3333 · 33.33 − 0.6667) / (1 − 0.3333) = 15.67",
		kpi.ReferralsDirect:       "R = ρ/(1 − r) = 0.1 / (1 − 0.8) = 0.50",
		kpi.ReferralsTotal:        "R/(1 − R) = 0.5 / (1 − 0.5) = 1.00",
	}
	for k, w := range want {
		f, ok := e.Formula(k)
		if !ok {
			t.Fatalf("no formula for %s", k)
		}
		if got := f.String(); got != w {
			t.Errorf("%s:\n got %s\nwant %s", k, got, w)
		}
	}
	if !close(e.Table.ReferralValue, r.Summary.ReferralValue, 1e-12) || e.Table.ReferralValue < 15 || e.Table.ReferralValue > 15.67 {
		t.Errorf("table referral value %v, sim %v; want just under 15.67 over 30 years", e.Table.ReferralValue, r.Summary.ReferralValue)
	}
	// Period 1: 0.1 customer referred, worth 10 at period end, less 2 paid at its start.
	row := e.Table.Rows[1]
	if !close(row.Referred, 0.1, 1e-15) || !close(row.ReferralContribution, 0.1*10/1.21-0.2/1.1, 1e-12) {
		t.Errorf("τ = 1: %v referred, contribution %v; want 0.1 and 1/1.21 − 0.2/1.1", row.Referred, row.ReferralContribution)
	}
}

// TestReferralFormulasMixed: two segments (ρ = 0.1 and 0.2, R = 0.5 and
// 1) mix their figures by share; the second's total and RV∞ are
// undefined (R = 1), so the run's are, with a note.
func TestReferralFormulasMixed(t *testing.T) {
	e := Explain(oneStageReferring(t, 2), "en")
	f, _ := e.Formula(kpi.ReferralsDirect)
	if got, want := f.String(), "R = Σ_s w_s·R_s, R_s = e·(I − A_s)⁻¹·ρ_s = 0.5 · 0.50 + 0.5 · 1.00 = 0.75"; got != want {
		t.Errorf("R:\n got %s\nwant %s", got, want)
	}
	for _, k := range []kpi.KPI{kpi.ReferralsTotal, kpi.ReferralValueInfinite} {
		f, _ := e.Formula(k)
		if f.Value.Defined || f.Values != "" || f.Note == "" {
			t.Errorf("%s: %+v, want undefined with a note", k, f)
		}
	}
}
