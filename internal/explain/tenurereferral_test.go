package explain

import (
	"testing"

	"clvlab/sim"
)

// TestReferralsWithTenureTable: the referral model of
// TestReferralFormulasByHand (r = 0.8, ρ = 0.1, c = 2, d = 0.1) with
// revenue growing 10% a period up to 1.1 × and contracts every 3 periods
// renewed with probability 0.9 (sim/tenure.go): the tenure table follows
// sim's chain, so its CLV and its referral column equal sim's CLV and
// referral value, and the referred customers' count at τ = 1 is still
// ρ = 0.1 (referrals do not depend on tenure).
func TestReferralsWithTenureTable(t *testing.T) {
	nc := make([]float64, 30)
	for i := range nc {
		nc[i] = 1000
	}
	m := &sim.Model{StageIDs: []string{"active"}, Period: sim.Year, Horizon: 30, DiscountRate: 0.1, NewCustomers: nc,
		RenewalEvery: 3,
		Segments: []sim.Segment{{ID: "a", Share: 1,
			Stages: []sim.Economics{{Revenue: 10, Referrals: 0.1, ReferralReward: 2,
				RevenueGrowth: 0.1, RevenueCap: 1.1, Renewal: 0.9}},
			Transition: [][]float64{{0.8}}}},
	}
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	e := Explain(r, "en")
	if !close(e.Table.CLV, r.Summary.CLV, 1e-9) {
		t.Errorf("table CLV %v, sim %v", e.Table.CLV, r.Summary.CLV)
	}
	if !close(e.Table.ReferralValue, r.Summary.ReferralValue, 1e-9) || !(e.Table.ReferralValue > 0) {
		t.Errorf("table referral value %v, sim %v", e.Table.ReferralValue, r.Summary.ReferralValue)
	}
	if row := e.Table.Rows[1]; !close(row.Referred, 0.1, 1e-15) {
		t.Errorf("τ = 1: %v referred, want ρ = 0.1", row.Referred)
	}
}
