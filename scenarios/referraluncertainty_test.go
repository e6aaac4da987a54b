package scenarios

import (
	"bytes"
	"math"
	"reflect"
	"testing"

	"clvlab/sim/uncertainty"
)

// TestReferralDistributions: referrals and the referral reward given as
// distributions hold their means, which the engine model uses (a gamma's
// shape × scale, a log-normal's e^(μ + σ²/2), { mean, sd }'s mean), and
// each becomes one Monte Carlo parameter drawn into the model's
// Referrals or ReferralReward of every segment and class that does not
// override the value, never scaled (no segment multiplier applies to
// them).
func TestReferralDistributions(t *testing.T) {
	s := loadValid(t, "referral-distributions.toml")
	want := map[string]Distribution{
		"stage.active.referrals":              {Form: "gamma", A: 4, B: 0.025, Money: true},
		"stage.active.referral_reward":        {Form: "lognormal", A: 0.5, B: 0.4, Money: true},
		"stage.decline.referral_reward":       {Form: "mean", A: 1, B: 0.5, Money: true},
		"segment.fans.stage.active.referrals": {Form: "mean", A: 0.2, B: 0.05, Money: true},
	}
	if !reflect.DeepEqual(s.Distributions, want) {
		t.Fatalf("distributions\n%v\nwant\n%v", s.Distributions, want)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	reward := math.Exp(0.5 + 0.4*0.4/2) // e^(μ + σ²/2) = e^0.58
	for _, c := range []struct {
		seg, class, stage int
		rho, reward       float64
	}{
		{0, 0, 0, 0.2, 3}, {0, 1, 0, 0.2, reward}, // fans: its own referrals; class a its own reward
		{1, 0, 0, 0.1, 3}, {1, 1, 0, 0.1, reward}, // quiet: the stage's 4 × 0.025
		{0, 1, 1, 0.05, 1}, {1, 0, 1, 0.05, 1},
	} {
		e := m.Class(c.seg, c.class).Stages[c.stage]
		if math.Abs(e.Referrals-c.rho) > 1e-15 || math.Abs(e.ReferralReward-c.reward) > 1e-15*c.reward {
			t.Errorf("segment %d class %d stage %d: referrals %v, reward %v; want %v and %v", c.seg, c.class, c.stage, e.Referrals, e.ReferralReward, c.rho, c.reward)
		}
	}
	target := func(q uncertainty.Quantity, seg, class, stage int) uncertainty.Target {
		return uncertainty.Target{Slot: uncertainty.Slot{Quantity: q, Segment: seg, Class: class, Stage: stage}, Scale: 1}
	}
	wantTargets := map[string][]uncertainty.Target{
		"segment.fans.stage.active.referrals": {target(uncertainty.Referrals, 0, 0, 0), target(uncertainty.Referrals, 0, 1, 0)},
		"stage.active.referral_reward":        {target(uncertainty.ReferralReward, 0, 1, 0), target(uncertainty.ReferralReward, 1, 1, 0)}, // class a keeps 3
		"stage.active.referrals":              {target(uncertainty.Referrals, 1, 0, 0), target(uncertainty.Referrals, 1, 1, 0)},           // fans overrides it
		"stage.decline.referral_reward": {target(uncertainty.ReferralReward, 0, 0, 1), target(uncertainty.ReferralReward, 0, 1, 1),
			target(uncertainty.ReferralReward, 1, 0, 1), target(uncertainty.ReferralReward, 1, 1, 1)},
	}
	c := s.MonteCarlo()
	if len(c.Parameters) != len(wantTargets) {
		t.Errorf("%d parameters, want %d", len(c.Parameters), len(wantTargets))
	}
	for _, p := range c.Parameters {
		if !reflect.DeepEqual(p.Targets, wantTargets[p.Name]) {
			t.Errorf("%s sets %+v, want %+v", p.Name, p.Targets, wantTargets[p.Name])
		}
		if got, want := p.Distribution.Mean(), s.Distributions[p.Name].Mean(); math.Abs(got-want) > 1e-12*want {
			t.Errorf("%s: law's mean %v, the file's %v", p.Name, got, want)
		}
	}
	runs, err := s.Runs()
	if err != nil {
		t.Fatal(err)
	}
	v := runs[1].Scenario
	if d := v.Distributions["stage.decline.referrals"]; d != (Distribution{Form: "gamma", A: 2, B: 0.05, Money: true}) || v.Stages[1].Referrals != 0.1 {
		t.Errorf("the variant's decline referrals %+v (value %v), want gamma [2, 0.05] of mean 0.1", d, v.Stages[1].Referrals)
	}
	for _, r := range runs {
		if _, err := uncertainty.Run(r.Model, withTrials(r.Scenario.MonteCarlo(), 20)); err != nil {
			t.Errorf("%s: %v", r.Name, err)
		}
	}
}

func withTrials(c uncertainty.Config, n int) uncertainty.Config {
	c.Trials = n
	return c
}

// TestReferralCurveFollowsDrawnReward: with a referral curve, a trial's
// drawn reward sets its referrals through the curve, as the mean sets
// them in the projection: Derive, given the model the trial drew its
// reward 4 into, gives every class taking the stage's reward
// ρ(4) = 0.05 + 0.15·(1 − e^(−0.5·4)) = 0.05 + 0.15·0.864665 = 0.179699…,
// and class a, which overrides the reward with 3, its own
// ρ(3) = 0.05 + 0.15·(1 − e^−1.5) = 0.166530…; the written file
// round-trips the distribution.
func TestReferralCurveFollowsDrawnReward(t *testing.T) {
	s, err := Parse("curve.toml", []byte(referring+`
[[response]]
lever = "stage.active.referral_reward"
target = "stage.active.referrals"
v0 = 0.05
vmax = 0.2
k = 0.5
`))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Set("stage.active.referral_reward", map[string]any{"gamma": []any{4.0, 0.5}}); err != nil {
		t.Fatal(err)
	}
	c := s.MonteCarlo()
	if len(c.Parameters) != 1 || c.Derive == nil {
		t.Fatalf("%d parameters, Derive %v: want the reward and a Derive", len(c.Parameters), c.Derive != nil)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	for g := range m.Segments {
		for k := range m.Segments[g].ClassCount() {
			if k == 1 { // class b takes the stage's reward; class a overrides it
				m.Class(g, k).Stages[0].ReferralReward = 4
			}
		}
	}
	c.Derive(m, []float64{4})
	rho := func(r float64) float64 { return 0.05 + 0.15*-math.Expm1(-0.5*r) }
	if math.Abs(rho(4)-0.1796997) > 1e-7 || math.Abs(rho(3)-0.1665305) > 1e-7 {
		t.Fatalf("hand values %v, %v", rho(4), rho(3))
	}
	for g := range m.Segments {
		for k, want := range []float64{rho(3), rho(4)} {
			if got := m.Class(g, k).Stages[0].Referrals; math.Abs(got-want) > 1e-15 {
				t.Errorf("segment %d class %d: referrals %v, want %v", g, k, got, want)
			}
		}
	}
	var b bytes.Buffer
	if err := s.Encode(&b); err != nil {
		t.Fatal(err)
	}
	back, err := Parse("back.toml", b.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if !reflect.DeepEqual(back.Distributions, s.Distributions) {
		t.Errorf("after a round trip %v, want %v", back.Distributions, s.Distributions)
	}
}
