package whatif

import (
	"math"
	"testing"

	"clvlab/internal/kpi"
)

// TestReferralWhatIf: on referral-value, the tornado moves the stages'
// referrals and referral rewards (more stable referrals raise customer
// equity, a higher stable reward lowers it: it buys no referrals there);
// seek finds the stable referrals that bring the referral value to 150
// (between the 0.08 of the file, 113.17, and 0.16); and the optimiser
// moves formation's reward along its curve, 0.005 + 0.025·(1 − e^(−0.05·c)),
// to an interior optimum (clvlab optimize gives 57.85 CNY) where one more
// CNY of reward returns about nothing.
func TestReferralWhatIf(t *testing.T) {
	s := preset(t, "referral-value")
	tor, err := Sensitivity(s, SensitivityOptions{KPI: kpi.CustomerEquity, Percent: 10})
	if err != nil {
		t.Fatal(err)
	}
	bars := map[string]Bar{}
	for _, b := range tor.Bars {
		bars[b.Path] = b
	}
	if b, ok := bars["stage.stability.referrals"]; !ok || !(b.KPIHigh.Value > b.KPILow.Value) {
		t.Errorf("stability referrals: %+v (present %v), want equity rising with them", b, ok)
	}
	if b, ok := bars["stage.stability.referral_reward"]; !ok || !(b.KPIHigh.Value < b.KPILow.Value) {
		t.Errorf("stability reward: %+v (present %v), want equity falling with it", b, ok)
	}
	if _, ok := bars["stage.formation.referral_reward"]; !ok {
		t.Errorf("no bar for formation's reward, the curve's lever")
	}
	r, err := Seek(s, SeekOptions{Path: "stage.stability.referrals", KPI: kpi.ReferralValue, Goal: Equal, Target: 150, Range: &[2]float64{0, 0.2}})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Found || !(r.Value > 0.08 && r.Value < 0.2) || math.Abs(r.KPIValue.Value-150) > 1e-6 {
		t.Errorf("seek: found %v at %v, referral value %v; want 150 between 0.08 and 0.2", r.Found, r.Value, r.KPIValue)
	}
	o, err := Optimize(s, OptimizeOptions{KPI: kpi.CustomerEquity})
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Levers) != 1 || o.Levers[0].Path != "stage.formation.referral_reward" {
		t.Fatalf("levers %+v, want formation's reward", o.Levers)
	}
	l := o.Levers[0]
	if !(l.Optimum > 20 && l.Optimum < 100) || !(o.Value > o.Current) || math.Abs(l.MarginalAtOptimum) > 1 {
		t.Errorf("optimum reward %v (equity %v from %v, marginal %v), want inside (20, 100) and better", l.Optimum, o.Value, o.Current, l.MarginalAtOptimum)
	}
}
