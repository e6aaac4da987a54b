package scenarios

import (
	"fmt"
	"maps"
	"math"
	"slices"
)

// The referral curve (ReferralCurve): lever "stage.ID.referral_reward",
// target "stage.ID.referrals" of the same stage, a ceiling curve of the
// reward c per referred customer, as a retention spend's:
//
//	ρ(c) = V0 + (VMax − V0)·(1 − e^(−K·c))
//
// in referrals per customer and period, V0 without a reward and VMax at
// most. In each segment and class the stage's own reward (after
// overrides) sets its referrals. The reward is paid per referred
// customer, so a higher reward costs more on every referral: the referral
// value peaks at some reward, which the optimiser finds.

// referralCurveAt returns ρ(c).
func (r *Response) referralCurveAt(c float64) float64 {
	return r.V0 + (r.VMax-r.V0)*-math.Expm1(-r.K*c)
}

// referralTarget checks that a referral curve's target is its stage's
// referrals, and that those referrals, in the stage or a segment's
// override of it, are not distributions: the curve sets them in every
// segment and class from the reward (a trial's drawn reward included).
func (v *validator) referralTarget(at place, r *Response) {
	want := Path{Stage: r.Stage(), Key: referralsParam.path.Key}
	if r.Target != want.String() {
		v.add(at.key("target"), `target = %q; a referral reward drives the referrals of its own stage, %q`, r.Target, want.String())
		return
	}
	v.curveSetsTarget(want, r.Lever, fmt.Sprintf("the curve's own v0, vmax or k uncertain instead, or the reward %q", r.Lever))
}

// curveSetsTarget refuses, at its line, each distribution of the stage
// value want (a curve's target), in the stage or a segment's override of
// it: the curve of lever sets it in every trial, so a drawn value would be
// overwritten unseen. instead ends the message: what to make uncertain.
func (v *validator) curveSetsTarget(want Path, lever, instead string) {
	s := v.s
	for _, path := range slices.Sorted(maps.Keys(s.Distributions)) {
		p, err := ParsePath(path)
		if err != nil || p.Stage != want.Stage || p.Key != want.Key || p.Class != "" {
			continue
		}
		if dat, ok := s.stageValuePlace(p); ok {
			v.add(dat, "%s = %s is set by the curve of lever %q, so the trials cannot draw it; give %s a number, and make %s",
				dat.rel, s.Distributions[path], lever, dat.rel, instead)
		}
	}
}

// referralNumbers checks a referral curve's v0 and vmax: referrals per
// customer and period, in [0, MaxReferrals], vmax at least v0.
func (v *validator) referralNumbers(at place, r *Response) {
	v.between(at.key("v0"), r.V0, 0, MaxReferrals, "referrals per customer and period")
	v.between(at.key("vmax"), r.VMax, 0, MaxReferrals, "referrals per customer and period")
	if r.VMax < r.V0 {
		v.add(at.key("vmax"), "vmax = %s is below v0 = %s; a referral reward raises the referrals up to vmax", num(r.VMax), num(r.V0))
	}
}
