package scenarios

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"
)

// referring is a scenario with referrals in a stage, a segment's override
// and a class's override.
const referring = `
period = "year"

[[stage]]
id = "active"
revenue = 10
referrals = 0.1
referral_reward = 2
to = { active = 0.8 }

[[segment]]
id = "fans"
share = 0.5
[segment.stage.active]
referrals = 0.15

[[segment]]
id = "quiet"
share = 0.5

[[class]]
id = "a"
share = 0.5
[class.stage.active]
referral_reward = 3

[[class]]
id = "b"
share = 0.5
`

// TestReferralKeys: the stage's referrals and reward reach every class,
// a segment's and a class's overrides win over them.
func TestReferralKeys(t *testing.T) {
	s, err := Parse("referring.toml", []byte(referring))
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		seg, class  int
		rho, reward float64
	}{{0, 0, 0.15, 3}, {0, 1, 0.15, 2}, {1, 0, 0.1, 3}, {1, 1, 0.1, 2}} {
		e := m.Class(c.seg, c.class).Stages[0]
		if e.Referrals != c.rho || e.ReferralReward != c.reward {
			t.Errorf("segment %d class %d: referrals %v, reward %v; want %v, %v", c.seg, c.class, e.Referrals, e.ReferralReward, c.rho, c.reward)
		}
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings %v; R = 0.15/0.2 = 0.75 < 1", s.Warnings)
	}
}

// TestReferralEncodeRoundTrip: a scenario with referrals (stage,
// segment and class overrides, a referral curve) written by Encode reads
// back to the same model.
func TestReferralEncodeRoundTrip(t *testing.T) {
	src := referring + `
[[response]]
lever = "stage.active.referral_reward"
target = "stage.active.referrals"
v0 = 0.05
vmax = 0.2
k = 0.5
`
	s, err := Parse("referring.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Parse("back.toml", buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	m1, _ := s.Model()
	m2, err := back.Model()
	if err != nil {
		t.Fatal(err)
	}
	for g := range m1.Segments {
		for k := range m1.Segments[g].ClassCount() {
			if a, b := m1.Class(g, k).Stages[0], m2.Class(g, k).Stages[0]; a != b {
				t.Errorf("segment %d class %d: %+v, read back %+v", g, k, a, b)
			}
		}
	}
}

// TestReferralCurve: ρ(c) = v0 + (vmax − v0)·(1 − e^(−k·c)) of each
// class's own reward c. With v0 = 0.05, vmax = 0.2, k = 0.5: the reward 2
// gives 0.05 + 0.15·(1 − e⁻¹) = 0.144818…, the reward 3 gives
// 0.05 + 0.15·(1 − e^−1.5) = 0.166530…; the segment's override of the
// target is set by the curve too.
func TestReferralCurve(t *testing.T) {
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
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	at := func(c float64) float64 { return 0.05 + 0.15*(1-math.Exp(-0.5*c)) }
	for _, c := range []struct {
		seg, class int
		reward     float64
	}{{0, 0, 3}, {0, 1, 2}, {1, 0, 3}, {1, 1, 2}} {
		if got, want := m.Class(c.seg, c.class).Stages[0].Referrals, at(c.reward); math.Abs(got-want) > 1e-15 {
			t.Errorf("segment %d class %d: referrals %v, want %v", c.seg, c.class, got, want)
		}
	}
	if math.Abs(at(2)-0.1448181) > 1e-7 || math.Abs(at(3)-0.1665305) > 1e-7 {
		t.Errorf("hand values: %v, %v", at(2), at(3))
	}
	if _, err := s.Parameter("segment.fans.stage.active.referrals"); err == nil || !strings.Contains(err.Error(), "referral_reward") {
		t.Errorf("the curve's target in a segment is movable: %v", err)
	}
	if _, err := s.Parameter("stage.active.referral_reward"); err != nil {
		t.Errorf("the lever: %v", err)
	}
}

// TestReferralProblems: out-of-range referrals, a curve aimed elsewhere,
// vmax below v0, each at its line.
func TestReferralProblems(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"too many", "[[stage]]\nid = \"a\"\nreferrals = 11\n", `too many.toml:3: stage "a": referrals = 11`},
		{"negative reward", "[[stage]]\nid = \"a\"\nreferral_reward = -1\n", `negative reward.toml:3: stage "a": referral_reward = -1`},
		{"target", "[[stage]]\nid = \"a\"\nto = { a = 0.5 }\n[[response]]\nlever = \"stage.a.referral_reward\"\ntarget = \"stage.a.to.a\"\nv0 = 0\nvmax = 0.1\nk = 1\n",
			`target.toml:6: response "stage.a.to.a": target = "stage.a.to.a"; a referral reward drives the referrals of its own stage, "stage.a.referrals"`},
		{"vmax", "[[stage]]\nid = \"a\"\n[[response]]\nlever = \"stage.a.referral_reward\"\ntarget = \"stage.a.referrals\"\nv0 = 0.2\nvmax = 0.1\nk = 1\n",
			`vmax.toml:7: response "stage.a.referrals": vmax = 0.1 is below v0 = 0.2; a referral reward raises the referrals up to vmax`},
	} {
		_, err := Parse(c.name+".toml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// TestReferralWarning: R = ρ/(1 − r) = 0.25/0.2 = 1.25 ≥ 1 warns at the
// stage's referrals; a variant that brings R to 1 warns too, a variant
// below 1 does not.
func TestReferralWarning(t *testing.T) {
	src := "[[stage]]\nid = \"a\"\nrevenue = 10\nreferrals = 0.25\nto = { a = 0.8 }\n" +
		"[[variant]]\nname = \"Less\"\nset.\"stage.a.referrals\" = 0.1\n" +
		"[[variant]]\nname = \"One\"\nset.\"stage.a.referrals\" = 0.2\n"
	s, err := Parse("grows.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{
		{Line: 4, Path: "stage[0].referrals", Msg: "a new customer refers R = 1.25 customers over its lifetime (R ≥ 1): each customer replaces itself by referral, so the base grows without acquisition, and the referral value over all generations is undefined; divide the stages' referrals by more than 1.25 (R is proportional to them) or shorten how long customers stay"},
		{Line: 9, Path: "variant[1]", Msg: `variant "One": a new customer refers R = 1 customers over its lifetime (R ≥ 1): each customer replaces itself by referral, so the base grows without acquisition, and the referral value over all generations is undefined; divide the stages' referrals by more than 1 (R is proportional to them) or shorten how long customers stay`},
	}
	if !slices.Equal(s.Warnings, want) {
		t.Errorf("warnings\n%v\nwant\n%v", s.Warnings, want)
	}
}
