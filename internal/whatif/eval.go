package whatif

import (
	"fmt"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
)

// Evaluate returns the summary of s with the settings applied in order
// (scenarios.Scenario.Set); s itself is not changed. An invalid result
// (a row over 1, a value out of range) is an error naming the problem.
func Evaluate(s *scenarios.Scenario, settings ...scenarios.Setting) (*sim.Summary, error) {
	c := s.Clone()
	c.Variants = nil
	for _, set := range settings {
		if err := c.Set(set.Path, set.Value); err != nil {
			return nil, err
		}
	}
	m, err := c.Model()
	if err != nil {
		return nil, err
	}
	r, err := sim.Run(m)
	if err != nil {
		return nil, err
	}
	return &r.Summary, nil
}

// at returns the settings that put each path at its value.
func at(paths []string, values ...float64) []scenarios.Setting {
	out := make([]scenarios.Setting, len(paths))
	for i, p := range paths {
		out[i] = scenarios.Setting{Path: p, Value: values[i]}
	}
	return out
}

// kpiAt evaluates one KPI of s with paths at values.
func kpiAt(s *scenarios.Scenario, k kpi.KPI, paths []string, values ...float64) (sim.Optional, error) {
	sum, err := Evaluate(s, at(paths, values...)...)
	if err != nil {
		return sim.Optional{}, err
	}
	return k.Of(sum), nil
}

// describe formats a number for a message: up to 6 significant digits.
func describe(x float64) string { return fmt.Sprintf("%.6g", x) }
