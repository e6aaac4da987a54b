package lessons_test

import (
	"math"

	"clvlab/internal/explain"
	"clvlab/sim"
)

// Figures of the referral-value lesson (numbers_test.go).

// referralValue is the run's referral value per new customer, checked
// against package explain's tenure table, whose referral column follows
// one new customer and the customers it brings, generation after
// generation, on its own: NaN when the two differ.
func referralValue(e screen) float64 { return checkedReferralValue(e.run) }

// prevReferralValue is the step before's, checked alike.
func prevReferralValue(e screen) float64 { return checkedReferralValue(e.prev) }

func checkedReferralValue(r *sim.Result) float64 {
	var tab explain.Table
	tab.Fill(r.Model, explain.Mixed)
	v := r.Summary.ReferralValue
	if math.Abs(v-tab.ReferralValue) > 1e-9*math.Max(1, math.Abs(v)) {
		return math.NaN()
	}
	return v
}

// segmentReferrals is segment s's R, the customers one of its new
// customers refers over its lifetime, and segmentReferralsTotal R/(1 − R).
func segmentReferrals(s int) func(screen) float64 {
	return func(e screen) float64 { return e.run.Summary.Segments[s].ReferralsDirect.Value }
}
func segmentReferralsTotal(s int) func(screen) float64 {
	return func(e screen) float64 { return e.run.Summary.Segments[s].ReferralsTotal.Value }
}

// referralsIn is stage i's referrals per customer and month in the first
// segment of r's model: for formation, the reward curve's value.
func referralsIn(r *sim.Result, i int) float64 { return r.Model.Segments[0].Stages[i].Referrals }
