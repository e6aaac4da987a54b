package lessons

import (
	"maps"
	"slices"

	"clvlab/scenarios"
)

// Lesson is one lesson: a shipped scenario to start from and its steps.
type Lesson struct {
	// ID names the lesson: its file's name without ".toml", e.g.
	// "annuity".
	ID string
	// File is the file it was read from, for messages.
	File string
	// Title is its name, and Description a sentence on what it teaches,
	// both in English and Chinese (the description may be empty).
	Title, Description scenarios.Text
	// Scenario is the id of the shipped scenario it starts from
	// (scenarios.Preset).
	Scenario string
	// Steps are its steps, at least one.
	Steps []Step
	// base holds, by path, the value in the scenario as loaded of each
	// value a step sets.
	base map[string]float64
}

// Step is one screen of a lesson.
type Step struct {
	// Text is what the step says, in English and Chinese.
	Text scenarios.Text
	// Set are the values this step sets, in the order of their paths. The
	// values of earlier steps stay: Lesson.Settings gives them all.
	Set []Setting
	// Show is the tab the step shows, one of Tabs; Tab is its index.
	Show string
	Tab  int
	// Question asks the class something that the next step's screen
	// shows; Answer is revealed there. Both are empty, or both given.
	Question, Answer scenarios.Text
}

// Setting is one value a step sets: a number of the scenarios registry
// at its path, as the planner's controls set it.
type Setting struct {
	Path  scenarios.Path
	Value float64
}

// Settings returns the values the screen of step i (0 for the first)
// shows, to set on the lesson's scenario as loaded: each value set by the
// steps up to i, the latest for a path set twice. A planner applies them
// after resetting every value, so that going back, forward or straight to
// a step gives the same screen. The values below the scenario's come
// first, then the others, each group in the order of their paths: set one
// by one in this order, with each clamped to what its row of transition
// probabilities leaves, every value takes, since a row only ever sums to
// at most the larger of its sum as loaded and as the step leaves it. It
// panics if i is not the index of a step.
func (l *Lesson) Settings(i int) []Setting {
	byPath := map[string]Setting{}
	for _, st := range l.Steps[:i+1] {
		for _, s := range st.Set {
			byPath[s.Path.String()] = s
		}
	}
	out := make([]Setting, 0, len(byPath))
	for _, lower := range []bool{true, false} {
		for _, p := range slices.Sorted(maps.Keys(byPath)) {
			if base, ok := l.base[p]; (ok && byPath[p].Value < base) == lower {
				out = append(out, byPath[p])
			}
		}
	}
	return out
}

// At returns the lesson's scenario as step i (0 for the first) shows it:
// the shipped scenario with Settings(i) set.
func (l *Lesson) At(i int) (*scenarios.Scenario, error) {
	s, err := scenarios.Preset(l.Scenario)
	if err != nil {
		return nil, err
	}
	for _, set := range l.Settings(i) {
		if err := s.Set(set.Path.String(), set.Value); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Revealed returns the question of the step before step i and its
// answer, which step i shows; ok is false for the first step and after a
// step without a question.
func (l *Lesson) Revealed(i int) (question, answer scenarios.Text, ok bool) {
	if i == 0 || l.Steps[i-1].Question.IsZero() {
		return scenarios.Text{}, scenarios.Text{}, false
	}
	prev := l.Steps[i-1]
	return prev.Question, prev.Answer, true
}
