package scenarios

import (
	"fmt"

	"clvlab/sim"
)

// warnings returns what is probably not meant in the valid scenario s,
// without lines: each stage that no customer reaches, in the base or in
// any variant. Such a stage's numbers change nothing.
func (s *Scenario) warnings() []Problem {
	reached := make([]bool, len(s.Stages))
	runs := []*Scenario{s}
	for i := range s.Variants {
		c, probs := s.WithVariant(i)
		if len(probs) == 0 {
			runs = append(runs, c)
		}
	}
	for _, c := range runs {
		m, err := c.Model()
		if err != nil {
			continue
		}
		for i, r := range reachedStages(m) {
			reached[i] = reached[i] || r
		}
	}
	entry := s.Acquisition.Entry
	if entry == "" && len(s.Stages) > 0 {
		entry = s.Stages[0].ID
	}
	var warns []Problem
	for i, st := range s.Stages {
		if reached[i] {
			continue
		}
		warns = append(warns, Problem{
			Path: fmt.Sprintf("stage[%d]", i),
			Msg: fmt.Sprintf("stage %q: no customer ever reaches this stage (new customers enter %q, and no row they reach leads here), so its numbers change nothing; give a stage they reach a to.%s entry, or remove this one",
				st.ID, entry, st.ID),
		})
	}
	warns = append(warns, s.referralWarnings()...) // referral.go
	return append(warns, s.tenureWarnings()...)    // tenure.go
}

// reachedStages returns which stages of m a customer can be in, in any
// segment or class: those reachable from the entry stage through transitions of
// positive probability, and win-back's stage when a reachable stage loses
// customers and the win-back rate is positive.
func reachedStages(m *sim.Model) []bool {
	n := len(m.StageIDs)
	reached := make([]bool, n)
	var groups []*sim.Segment // every segment, or every class of one
	for g := range m.Segments {
		for k := range m.Segments[g].ClassCount() {
			groups = append(groups, m.Class(g, k))
		}
	}
	for _, seg := range groups {
		seen := make([]bool, n)
		stack := []int{m.Entry}
		seen[m.Entry] = true
		churns := false
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			sum := 0.0
			for j, p := range seg.Transition[i] {
				sum += p
				if p > 0 && !seen[j] {
					seen[j] = true
					stack = append(stack, j)
				}
			}
			churns = churns || sum < 1
			if churns && m.Winback.Rate > 0 && !seen[m.Winback.To] {
				seen[m.Winback.To] = true
				stack = append(stack, m.Winback.To)
			}
		}
		for i := range reached {
			reached[i] = reached[i] || seen[i]
		}
	}
	return reached
}

// WarningLines returns s's warnings as the lines a command prints,
// "warning: FILE:LINE: message".
func (s *Scenario) WarningLines() []string {
	lines := make([]string, len(s.Warnings))
	for i, w := range s.Warnings {
		e := &Error{File: s.File, Problems: []Problem{w}}
		lines[i] = "warning: " + e.Error()
	}
	return lines
}
