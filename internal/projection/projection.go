package projection

import (
	"fmt"

	"clvlab/scenarios"
	"clvlab/sim"
)

// Run is one projection of a scenario, the base or a variant, with its
// result.
type Run struct {
	scenarios.Run
	Result *sim.Result
	// Uncertainty is the Monte Carlo result that Simulate adds; nil
	// without one.
	Uncertainty *Uncertainty
}

// Runs projects the base scenario and every variant, base first. A variant
// that cannot be applied, or a result the engine rejects, is an error
// naming the run.
func Runs(s *scenarios.Scenario) ([]Run, error) {
	runs, err := s.Runs()
	if err != nil {
		return nil, err
	}
	return RunEach(runs)
}

// RunEach projects runs that scenarios.Scenario.Runs has resolved into
// models, in order; a result the engine rejects is an error naming the
// run.
func RunEach(runs []scenarios.Run) ([]Run, error) {
	out := make([]Run, len(runs))
	for i, r := range runs {
		res, err := sim.Run(r.Model)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.Name, err)
		}
		out[i] = Run{Run: r, Result: res}
	}
	return out, nil
}

// Project returns the projection of s's base, without its variants, with
// the settings applied in order (scenarios.Scenario.Set); s itself is not
// changed. An invalid result (a row over 1, a value out of range) is an
// error naming the problem.
func Project(s *scenarios.Scenario, settings ...scenarios.Setting) (*sim.Result, error) {
	if len(settings) > 0 || len(s.Variants) > 0 {
		c := s.Clone()
		c.Variants = nil
		for _, set := range settings {
			if err := c.Set(set.Path, set.Value); err != nil {
				return nil, err
			}
		}
		s = c
	}
	m, err := s.Model()
	if err != nil {
		return nil, err
	}
	return sim.Run(m)
}
