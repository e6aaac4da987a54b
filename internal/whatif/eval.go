package whatif

import (
	"fmt"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim"
)

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
	res, err := projection.Project(s, at(paths, values...)...)
	if err != nil {
		return sim.Optional{}, err
	}
	return k.Of(&res.Summary), nil
}

// describe formats a number for a message: up to 6 significant digits.
func describe(x float64) string { return fmt.Sprintf("%.6g", x) }
