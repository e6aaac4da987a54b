package whatif

import (
	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim"
)

// evaluate returns the summary of s's base with the settings applied in
// order, as every analysis projects it (projection.Project).
func evaluate(s *scenarios.Scenario, settings ...scenarios.Setting) (*sim.Summary, error) {
	res, err := projection.Project(s, settings...)
	if err != nil {
		return nil, err
	}
	return &res.Summary, nil
}
