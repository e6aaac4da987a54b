package sim

import (
	"math"
	"testing"
)

// TestReferralsWithRevenueGrowthByHand: the referral figures of
// oneStageReferring (r = 0.8, ρ = 0.1, reward c = 2, d = 0.1) with revenue
// growth g = 0.1 capped at 1.1 (revenue 10 at tenure 0, 11 from tenure 1;
// tenure.go). Referral counts do not depend on revenue: R = 0.5,
// R/(1 − R) = 1, D = 1/3, W = 2/3 as without growth. A referred customer
// starts at tenure 0, so its value is the grown CLV∞:
//
//	CLV∞ = 10·β + 11·Σ_{τ≥1} 0.8^τ·β^(τ+1) = 10/1.1 + 11·(1/1.1)·(0.8/0.3)
//	     = (30 + 88)/3.3 = 118/3.3
//	RV∞  = (D·CLV∞ − W)/(1 − D) = (CLV∞ − 2)/2 = 111.4/6.6
//
// and 400 years (0.9⁴⁰⁰ ≈ 5e−19 left) reach both.
func TestReferralsWithRevenueGrowthByHand(t *testing.T) {
	m := oneStageReferring(400)
	m.Segments[0].Stages[0].RevenueGrowth = 0.1
	m.Segments[0].Stages[0].RevenueCap = 1.1
	r, err := Run(m)
	if err != nil {
		t.Fatal(err)
	}
	s := r.Summary
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %.15g, want %.15g", what, got, want)
		}
	}
	if !s.ReferralsDirect.Defined || !s.ReferralsTotal.Defined || !s.ReferralValueInfinite.Defined || !s.CLVInfinite.Defined {
		t.Fatalf("referral figures undefined: %+v, CLV∞ %+v", s.Referral, s.CLVInfinite)
	}
	near("R", s.ReferralsDirect.Value, 0.5)
	near("R/(1−R)", s.ReferralsTotal.Value, 1)
	near("CLV∞", s.CLVInfinite.Value, 118/3.3)
	near("RV∞", s.ReferralValueInfinite.Value, 111.4/6.6)
	near("RV over 400 years", s.ReferralValue, 111.4/6.6)
	referred := 0.0
	for _, f := range r.Totals {
		referred += f.Referred
	}
	near("customers referred in the run", referred, 1)
	near("customer equity of the run", s.CustomerEquity, 118/3.3+111.4/6.6)
}

// TestReferralsWithSureRenewal: contracts every 3 periods that everyone
// renews (renewal 1, no discount) add tenure states but change nothing,
// so a referring model's figures are those without contracts, to
// rounding: the referrals of every tenure state are counted, and the
// referred customers start at tenure 0.
func TestReferralsWithSureRenewal(t *testing.T) {
	base, err := Run(oneStageReferring(60))
	if err != nil {
		t.Fatal(err)
	}
	m := oneStageReferring(60)
	m.RenewalEvery = 3
	m.Segments[0].Stages[0].Renewal = 1
	if m.TenureStates() < 2 {
		t.Fatalf("%d tenure states with contracts, want several", m.TenureStates())
	}
	got, err := Run(m)
	if err != nil {
		t.Fatal(err)
	}
	a, b := base.Summary, got.Summary
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"CLV", b.CLV, a.CLV},
		{"customer equity", b.CustomerEquity, a.CustomerEquity},
		{"referral value", b.ReferralValue, a.ReferralValue},
		{"R", b.ReferralsDirect.Value, a.ReferralsDirect.Value},
		{"RV∞", b.ReferralValueInfinite.Value, a.ReferralValueInfinite.Value},
	} {
		if math.Abs(c.got-c.want) > 1e-9*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%s with sure renewal = %.15g, want %.15g as without contracts", c.what, c.got, c.want)
		}
	}
	for τ := range base.Totals {
		if x, y := got.Totals[τ].Referred, base.Totals[τ].Referred; math.Abs(x-y) > 1e-12 {
			t.Errorf("period %d: %v referred, want %v", τ, x, y)
		}
	}
}
