package scenarios

import (
	"bytes"
	"math"
	"reflect"
	"testing"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// badDebtScenario has a stage's bad debt as a Beta(2, 18) (mean 0.1), a
// segment that overrides it with 0.3 and a class that overrides it with
// 0.
const badDebtScenario = `
horizon = 12
discount_rate = 0
[acquisition]
new_customers = 100
[[stage]]
id = "a"
revenue = 100
price_discount = 0.2
bad_debt = { beta = [2, 18] }
to = { a = 0.5 }
[[segment]]
id = "safe"
share = 0.5
[[segment]]
id = "risky"
share = 0.5
[segment.stage.a]
bad_debt = 0.3
[[class]]
id = "cash"
share = 0.25
[class.stage.a]
bad_debt = 0
[[class]]
id = "credit"
share = 0.75
`

// TestBadDebtOverrides: a segment's and a class's bad debt replace the
// stage's, the class's over the segment's; the stage's distribution holds
// its mean 2/(2+18) = 0.1.
func TestBadDebtOverrides(t *testing.T) {
	s, err := Parse("bad-debt.toml", []byte(badDebtScenario))
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		seg, class int
		want       float64
	}{
		{0, 0, 0}, {0, 1, 0.1}, // safe: cash, credit (the stage's mean)
		{1, 0, 0}, {1, 1, 0.3}, // risky: cash, credit (the segment's)
	} {
		if got := m.Class(c.seg, c.class).Stages[0].BadDebt; math.Abs(got-c.want) > 1e-15 {
			t.Errorf("segment %d class %d: bad debt %v, want %v", c.seg, c.class, got, c.want)
		}
	}
	if p, err := s.Parameter("segment.risky.stage.a.bad_debt"); err != nil || p.Value != 0.3 || p.Kind != Fraction {
		t.Errorf("segment.risky.stage.a.bad_debt = %+v, %v; want the fraction 0.3", p, err)
	}
}

// TestBadDebtMonteCarlo: the stage's Beta(2, 18) bad debt is one
// parameter that sets the credit class of the safe segment only (the
// others override it). CLV is linear in the bad debt, so over the trials
// its mean is the projection's CLV (within four standard errors), and
// its standard deviation is the safe credit class's share 0.5·0.75 times
// its CLV per unit of bad debt times the Beta's sd √(2·18/(20²·21)) =
// 0.0655 (within 10%: 2000 trials estimate an sd to about 1.6%).
func TestBadDebtMonteCarlo(t *testing.T) {
	src := badDebtScenario + "[uncertainty]\ntrials = 2000\nprocess_noise = false\npoisson_acquisition = false\n"
	s, err := Parse("bad-debt.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := s.MonteCarlo()
	want := []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.BadDebt, Segment: 0, Class: 1, Stage: 0}, Scale: 1}}
	if len(c.Parameters) != 1 || c.Parameters[0].Name != "stage.a.bad_debt" || !reflect.DeepEqual(c.Parameters[0].Targets, want) {
		t.Fatalf("parameters %+v, want stage.a.bad_debt setting %+v", c.Parameters, want)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	b, err := uncertainty.Run(m, c)
	if err != nil {
		t.Fatal(err)
	}
	run, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	r := run.Summary.CLV
	// The safe credit class's CLV per unit of bad debt: its discounted
	// revenue after the discount, 100·0.8·Σ 0.5^τ over 12 periods.
	perUnit := 100 * 0.8 * (1 - math.Pow(0.5, 12)) / 0.5
	sd := 0.5 * 0.75 * perUnit * math.Sqrt(2*18/(20*20*21.0))
	if d := math.Abs(b.CLV.Mean - r); d > 4*sd/math.Sqrt(2000) {
		t.Errorf("mean CLV over the trials %v, projection %v: %v apart, four standard errors are %v", b.CLV.Mean, r, d, 4*sd/math.Sqrt(2000))
	}
	if math.Abs(b.CLV.StdDev/sd-1) > 0.1 {
		t.Errorf("CLV sd over the trials %v, want %v", b.CLV.StdDev, sd)
	}
}

// TestBadDebtRoundTrip: a stage's bad debt, a segment's and a class's
// override and a variant setting one are written out and read back to
// the same engine models.
func TestBadDebtRoundTrip(t *testing.T) {
	src := badDebtScenario +
		"[[variant]]\nname = \"collections\"\n[variant.set]\n\"segment.risky.stage.a.bad_debt\" = 0.05\n"
	s, err := Parse("bad-debt.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var w bytes.Buffer
	if err := s.Encode(&w); err != nil {
		t.Fatal(err)
	}
	back, err := Parse("bad-debt.toml", w.Bytes())
	if err != nil {
		t.Fatalf("written file does not load: %v\n%s", err, w.String())
	}
	runs, err := s.Runs()
	if err != nil {
		t.Fatal(err)
	}
	backRuns, err := back.Runs()
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || len(backRuns) != 2 {
		t.Fatalf("%d runs, %d read back; want base and variant", len(runs), len(backRuns))
	}
	for i := range runs {
		if !reflect.DeepEqual(runs[i].Model, backRuns[i].Model) {
			t.Errorf("run %s differs after a round trip:\n%s", runs[i].Name, w.String())
		}
	}
	if got := runs[1].Model.Class(1, 1).Stages[0].BadDebt; got != 0.05 {
		t.Errorf("the variant's risky credit bad debt %v, want 0.05", got)
	}
	if !reflect.DeepEqual(back.Distributions, s.Distributions) {
		t.Errorf("distributions %v, read back %v", s.Distributions, back.Distributions)
	}
}

// TestDeclineDecisionBadDebt checks the numbers decline-decision.toml's
// comments give for its Decliners default variant (bad_debt = 0.25 in
// decline): decline's margin 60·(1 − 0.25) − 20 − 5 = 20 against 35, so
// its part of CLV shrinks by 20/35 and the other stages' parts stay;
// CLV 568.87 → 553.56; and the Restore policy with the same bad debt
// gives 591.16, +37.60 against Restore's +36.89 without it.
func TestDeclineDecisionBadDebt(t *testing.T) {
	s, err := Preset("decline-decision")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := s.Runs()
	if err != nil {
		t.Fatal(err)
	}
	clv := map[string]*sim.Summary{}
	for _, r := range runs {
		res, err := sim.Run(r.Model)
		if err != nil {
			t.Fatal(err)
		}
		clv[r.Name] = &res.Summary
	}
	base, restore, dflt := clv["base"], clv["Restore"], clv["Decliners default"]
	if base == nil || restore == nil || dflt == nil {
		t.Fatalf("runs %v: want base, Restore and Decliners default", clv)
	}
	const decline = 3
	near := func(what string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s = %.10g, want %.10g", what, got, want)
		}
	}
	near("decline's part", dflt.CLVByStage[decline], base.CLVByStage[decline]*20/35, 1e-9)
	for i := range decline {
		near("an earlier stage's part", dflt.CLVByStage[i], base.CLVByStage[i], 1e-9)
	}
	near("base CLV (comment: 568.87)", base.CLV, 568.87, 0.005)
	near("decline's part (comment: 35.72)", base.CLVByStage[decline], 35.72, 0.005)
	near("decline's part with bad debt (comment: 20.41)", dflt.CLVByStage[decline], 20.41, 0.005)
	near("CLV with bad debt (comment: 553.56)", dflt.CLV, 553.56, 0.005)

	v := s.Clone()
	v.Variants = nil
	for path, x := range map[string]float64{"stage.decline.bad_debt": 0.25, "stage.decline.retention_spend": 30,
		"stage.decline.to.stability": 0.12, "stage.decline.to.decline": 0.60} {
		if err := v.Set(path, x); err != nil {
			t.Fatal(err)
		}
	}
	m, err := v.Model()
	if err != nil {
		t.Fatal(err)
	}
	both, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	near("Restore with bad debt (comment: 591.16)", both.Summary.CLV, 591.16, 0.005)
	near("Restore's gain with bad debt (comment: +37.60)", both.Summary.CLV-dflt.CLV, 37.60, 0.005)
	near("Restore's gain without (comment: +36.89)", restore.CLV-base.CLV, 36.89, 0.005)
}
