package projection

import (
	"fmt"

	"clvlab/scenarios"
	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// Uncertainty is a run's Monte Carlo result: the configuration it ran with
// and the bands.
type Uncertainty struct {
	Config uncertainty.Config
	Bands  *uncertainty.Bands
}

// MonteCarlo says which trials to run, overriding the scenario file's
// [uncertainty] table and seed. The zero value runs what the file asks
// for (no trials without an [uncertainty] table).
type MonteCarlo struct {
	// Trials is the number of trials per run; with TrialsSet false the
	// file's [uncertainty] trials apply (none without the table), and 0
	// runs none.
	Trials    int
	TrialsSet bool
	// Seed replaces the file's seed when SeedSet is true.
	Seed    uint64
	SeedSet bool
	// Fit lowers the number of trials, to at least one, so that a run
	// keeps at most uncertainty.MaxSamples values, where Check would
	// refuse them (the planner's choice). Default false.
	Fit bool
	// Pause, if set, is called between chunks of trials
	// (uncertainty.Config.Pause); it changes no result.
	Pause func()
}

// config returns the configuration of a run of scenario s with model m
// under mc; Trials 0 means no Monte Carlo.
func (mc MonteCarlo) config(s *scenarios.Scenario, m *sim.Model) uncertainty.Config {
	c := s.MonteCarlo()
	if mc.TrialsSet {
		c.Trials = mc.Trials
	}
	if mc.SeedSet {
		c.Seed = mc.Seed
	}
	if mc.Fit && c.Trials > 0 {
		per := max(1, uncertainty.Samples(m, 1))
		c.Trials = max(1, min(c.Trials, uncertainty.MaxSamples/per))
	}
	c.Pause = mc.Pause
	return c
}

// TrialCountError is Check's error for a number of trials outside
// [0, Max].
type TrialCountError struct {
	Trials, Max int
}

func (e *TrialCountError) Error() string {
	return fmt.Sprintf("%d trials: give 0 (no Monte Carlo) to %d", e.Trials, e.Max)
}

// Check reports whether mc can run on runs, the base and variants of one
// scenario as scenarios.Scenario.Runs resolves them: a *TrialCountError
// when the trial count is outside [0, uncertainty.MaxTrials], an error
// naming the run when its trials would keep more than
// uncertainty.MaxSamples values.
func (mc MonteCarlo) Check(runs []scenarios.Run) error {
	if mc.TrialsSet && (mc.Trials < 0 || mc.Trials > uncertainty.MaxTrials) {
		return &TrialCountError{Trials: mc.Trials, Max: uncertainty.MaxTrials}
	}
	for _, r := range runs {
		c := mc.config(r.Scenario, r.Model)
		if n := uncertainty.Samples(r.Model, c.Trials); c.Trials > 0 && n > uncertainty.MaxSamples {
			return fmt.Errorf("%s, run %s: %d trials × %d periods × %s = %d values, at most %d are kept; run at most %d trials",
				runs[0].Scenario.File, r.Name, c.Trials, r.Model.Horizon, uncertainty.SeriesText(r.Model), n, uncertainty.MaxSamples,
				uncertainty.MaxSamples/uncertainty.Samples(r.Model, 1))
		}
	}
	return nil
}

// Simulate runs the Monte Carlo trials mc asks for on every run, base and
// variants alike with the same seed (so that they are compared on the same
// random draws), and sets each run's Uncertainty; it leaves them nil when
// no trials are asked for.
func Simulate(runs []Run, mc MonteCarlo) error {
	for i := range runs {
		r := &runs[i]
		u, err := trials(r.Scenario, r.Model, mc)
		if err != nil {
			return fmt.Errorf("%s: %w", r.Name, err)
		}
		r.Uncertainty = u
	}
	return nil
}

// Trials runs the Monte Carlo trials mc asks for on the base of s, without
// its variants, and returns them; nil when mc asks for none.
func Trials(s *scenarios.Scenario, mc MonteCarlo) (*Uncertainty, error) {
	m, err := s.Model()
	if err != nil {
		return nil, err
	}
	return trials(s, m, mc)
}

// Simulator returns the simulator of the trials mc asks for on the base
// of s, for a caller that runs them itself (a few at a time with
// uncertainty.Stepper: the browser app); nil when mc asks for none. Its
// bands are those Trials returns.
func Simulator(s *scenarios.Scenario, mc MonteCarlo) (*uncertainty.Simulator, error) {
	m, err := s.Model()
	if err != nil {
		return nil, err
	}
	c := mc.config(s, m)
	if c.Trials <= 0 {
		return nil, nil
	}
	return uncertainty.New(m, c)
}

// trials runs the trials of model m of scenario s under mc; nil when there
// are none.
func trials(s *scenarios.Scenario, m *sim.Model, mc MonteCarlo) (*Uncertainty, error) {
	c := mc.config(s, m)
	if c.Trials <= 0 {
		return nil, nil
	}
	b, err := uncertainty.Run(m, c)
	if err != nil {
		return nil, err
	}
	return &Uncertainty{Config: c, Bands: b}, nil
}
