package projection

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"clvlab/scenarios"
	"clvlab/sim/uncertainty"
)

func preset(t *testing.T, id string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Preset(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestProjectAppliesAVariantsSettings: projecting the base with a
// variant's settings gives that variant's run, for every variant of every
// shipped scenario (two ways to the same scenario: Runs applies the
// variant with WithVariant, Project with Set).
func TestProjectAppliesAVariantsSettings(t *testing.T) {
	for _, id := range scenarios.Presets() {
		s := preset(t, id)
		runs, err := Runs(s)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if len(runs) != 1+len(s.Variants) || runs[0].Name != "base" {
			t.Fatalf("%s: %d runs (first %q), want base and %d variants", id, len(runs), runs[0].Name, len(s.Variants))
		}
		base, err := Project(s)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if !reflect.DeepEqual(base.Summary, runs[0].Result.Summary) {
			t.Errorf("%s: Project without settings differs from the base run", id)
		}
		for i, vr := range s.Variants {
			got, err := Project(s, vr.Set...)
			if err != nil {
				t.Fatalf("%s, %s: %v", id, vr.Name.In("en"), err)
			}
			if want := runs[1+i].Result.Summary; !reflect.DeepEqual(got.Summary, want) {
				t.Errorf("%s, %s: CLV %v, equity %v; the variant's run has %v, %v", id, vr.Name.In("en"),
					got.Summary.CLV, got.Summary.CustomerEquity, want.CLV, want.CustomerEquity)
			}
		}
	}
}

// TestProjectLeavesTheScenarioAlone: settings go to a copy.
func TestProjectLeavesTheScenarioAlone(t *testing.T) {
	s := preset(t, "four-stage")
	var before, after strings.Builder
	if err := s.Encode(&before); err != nil {
		t.Fatal(err)
	}
	if _, err := Project(s, scenarios.Setting{Path: "acquisition.cost_per_customer", Value: 1.0}); err != nil {
		t.Fatal(err)
	}
	if err := s.Encode(&after); err != nil {
		t.Fatal(err)
	}
	if before.String() != after.String() {
		t.Error("Project changed the scenario it was given")
	}
}

// TestProjectRejectsAnInvalidScenario: a transition row over 1 is an
// error that names the stage, not a result.
func TestProjectRejectsAnInvalidScenario(t *testing.T) {
	s := preset(t, "four-stage")
	res, err := Project(s, scenarios.Setting{Path: "stage.stability.to.stability", Value: 1.5})
	if err == nil || res != nil {
		t.Fatalf("got a result (%v), want an error", res != nil)
	}
	if !strings.Contains(err.Error(), "stability") {
		t.Errorf("error %q does not name the stage", err)
	}
}

// TestSimulateDrawsTheSameForEveryRun: the runs share one seed, so a
// variant that changes only the acquisition cost (four-stage's "Cheaper
// acquisition") has the base's CLV bands exactly, and a variant that
// changes retention does not.
func TestSimulateDrawsTheSameForEveryRun(t *testing.T) {
	s := preset(t, "four-stage")
	runs, err := Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := Simulate(runs, MonteCarlo{Trials: 200, TrialsSet: true, Seed: 7, SeedSet: true}); err != nil {
		t.Fatal(err)
	}
	clv := func(i int) uncertainty.Stats { return runs[i].Uncertainty.Bands.CLV }
	if runs[2].Name != "Cheaper acquisition" || clv(2) != clv(0) {
		t.Errorf("%s: CLV %+v, base %+v; want the same draws", runs[2].Name, clv(2), clv(0))
	}
	if clv(1) == clv(0) {
		t.Errorf("%s: CLV bands equal the base's", runs[1].Name)
	}
	for _, r := range runs {
		if u := r.Uncertainty; u.Bands.Trials != 200 || u.Config.Seed != 7 {
			t.Errorf("%s: %d trials, seed %d; want 200, 7", r.Name, u.Bands.Trials, u.Config.Seed)
		}
	}
	// Trials on the base alone gives the base run's bands.
	u, err := Trials(s, MonteCarlo{Trials: 200, TrialsSet: true, Seed: 7, SeedSet: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(u.Bands, runs[0].Uncertainty.Bands) {
		t.Error("Trials on the base differs from Simulate's base run")
	}
}

// TestNoTrialsUnlessAsked: a file without an [uncertainty] table runs no
// trials by default, and -trials 0 runs none even where the file asks.
func TestNoTrialsUnlessAsked(t *testing.T) {
	for _, c := range []struct {
		id string
		mc MonteCarlo
	}{
		{"four-stage", MonteCarlo{}},
		{"acquisition-vs-retention", MonteCarlo{Trials: 0, TrialsSet: true}},
	} {
		runs, err := Runs(preset(t, c.id))
		if err != nil {
			t.Fatal(err)
		}
		if err := Simulate(runs, c.mc); err != nil {
			t.Fatal(err)
		}
		for _, r := range runs {
			if r.Uncertainty != nil {
				t.Errorf("%s, %s: Monte Carlo ran, want none", c.id, r.Name)
			}
		}
	}
	if c := preset(t, "acquisition-vs-retention").MonteCarlo(); c.Trials != 2000 {
		t.Fatalf("acquisition-vs-retention's file asks for %d trials, the test expects 2,000", c.Trials)
	}
}

// TestFitLowersTheTrials: four-stage keeps 36 periods × (4 stages + 3) =
// 252 values a trial, so at most 30,000,000 / 252 = 119,047 trials fit;
// Check refuses more, Fit lowers them to that.
func TestFitLowersTheTrials(t *testing.T) {
	s := preset(t, "four-stage")
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		trials, want int
	}{{200_000, 119_047}, {500, 500}} {
		mc := MonteCarlo{Trials: c.trials, TrialsSet: true, Fit: true}
		if got := mc.config(s, m).Trials; got != c.want {
			t.Errorf("Fit %d trials: %d, want %d", c.trials, got, c.want)
		}
	}
	runs, err := s.Runs()
	if err != nil {
		t.Fatal(err)
	}
	err = MonteCarlo{Trials: 100_000, TrialsSet: true}.Check(runs)
	if err != nil {
		t.Errorf("Check(100,000 trials) = %v, want nil (25,200,000 values)", err)
	}
	err = MonteCarlo{Trials: 100_001, TrialsSet: true}.Check(runs)
	var count *TrialCountError
	if !errors.As(err, &count) || count.Trials != 100_001 || count.Max != 100_000 || err.Error() != "100001 trials: give 0 (no Monte Carlo) to 100000" {
		t.Errorf("Check(100,001 trials) = %v, want the trial limit", err)
	}
}

// TestSimulatorIsTrials: the simulator Simulator returns, stepped a slice
// at a time, gives the bands Trials gives; none when no trials are asked.
func TestSimulatorIsTrials(t *testing.T) {
	s := preset(t, "acquisition-vs-retention")
	mc := MonteCarlo{Trials: 150, TrialsSet: true}
	u, err := Trials(s, mc)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := Simulator(s, mc)
	if err != nil {
		t.Fatal(err)
	}
	st := sim.Stepper()
	for st.Step(40) > 0 {
	}
	if !reflect.DeepEqual(st.Bands(), u.Bands) {
		t.Error("the stepped simulator's bands differ from Trials'")
	}
	if sim, err := Simulator(s, MonteCarlo{Trials: 0, TrialsSet: true}); sim != nil || err != nil {
		t.Errorf("0 trials: simulator %v, error %v; want none", sim, err)
	}
}
