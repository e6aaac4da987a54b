package sim

import (
	"fmt"
	"testing"
)

// mustPanic runs f and checks that it panics with exactly the message want.
func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		if got := fmt.Sprint(recover()); got != want {
			t.Errorf("panic %q, want %q", got, want)
		}
	}()
	f()
}

// TestMisusePanics: using the engine, a result, a chain or a population
// the wrong way panics with a "sim: " message naming the call (style.md
// §9), where it would otherwise return zeros or another segment's cells.
func TestMisusePanics(t *testing.T) {
	m := fourStage() // 4 stages, 2 segments, 36 periods, win-back window 12
	r := run(t, m)
	e, err := NewEngine(m)
	if err != nil {
		t.Fatal(err)
	}
	e.Step()
	pop := NewPopulation(m, LostStates(m.Winback), Expected{})
	three := *m
	three.Segments = m.Segments[:1]
	dearer := *m
	dearer.DiscountRate = 0.2
	for _, c := range []struct {
		want string
		f    func()
	}{
		{"sim: Engine.Step on an Engine not made by NewEngine", func() { new(Engine).Step() }},
		{"sim: Engine.Done on an Engine not made by NewEngine", func() { new(Engine).Done() }},
		{"sim: Engine.Period on an Engine not made by NewEngine", func() { new(Engine).Period() }},
		{"sim: Engine.Summarize on an Engine not made by NewEngine", func() { new(Engine).Summarize() }},
		{"sim: Engine.Summarize after 1 of 36 periods; step to the horizon first", func() { e.Summarize() }},
		{"sim: Result.Cell on a Result not made by Run or Engine.Summarize", func() { new(Result).Cell(0, 0, 0) }},
		{"sim: Result.Cohort on a Result not made by Run or Engine.Summarize", func() { new(Result).Cohort(0, 0) }},
		{"sim: Result.SegmentSurvival on a Result not made by Run or Engine.Summarize", func() { new(Result).SegmentSurvival(0, 0) }},
		{"sim: Result.CohortMix on a Result not made by Run or Engine.Summarize", func() { new(Result).CohortMix(nil, 0) }},
		{"sim: Result.Cell(0, 0, 5) out of range: 36 periods, 2 segments, 5 rows", func() { r.Cell(0, 0, 5) }},
		{"sim: Result.Cell(36, 0, 0) out of range: 36 periods, 2 segments, 5 rows", func() { r.Cell(36, 0, 0) }},
		{"sim: Result.Cell(0, 2, 0) out of range: 36 periods, 2 segments, 5 rows", func() { r.Cell(0, 2, 0) }},
		{"sim: Result.Cohort: period 36 out of range [0, 36)", func() { r.Cohort(0, 36) }},
		{"sim: Result.Cohort: period -1 out of range [0, 36)", func() { r.Cohort(-1, 3) }},
		{"sim: Result.SegmentSurvival: segment 2 out of range [0, 2)", func() { r.SegmentSurvival(2, 0) }},
		{"sim: Result.SegmentSurvival: period 40 out of range [0, 36)", func() { r.SegmentSurvival(0, 40) }},
		{"sim: Result.CohortMix: period -1 out of range [0, 36)", func() { r.CohortMix(nil, -1) }},
		{"sim: Chain.Moves(16) out of range [0, 16)", func() { pop.Chain(0).Moves(16) }},
		{"sim: NewPopulation with 5 lost states for win-back rate 0.03, window 12", func() { NewPopulation(m, 5, Expected{}) }},
		{"sim: Population.Reset with 1 segments, 4 stages, 36 periods; the population has 2, 4, 36", func() { pop.Reset(&three, Expected{}) }},
		{"sim: Population.Reset with a month period, discount rate 0.2 and cash at period end; the population discounts a month period at 0.1 with cash at period end", func() { pop.Reset(&dearer, Expected{}) }},
		{"sim: Population.StepTo with 9 cells in period 0; want 2 segments × 5 rows and a period in [0, 36)", func() { pop.StepTo(make([]Flows, 9), new(Flows), Expected{}) }},
		{"sim: Population.StepTo with 10 cells in period 36; want 2 segments × 5 rows and a period in [0, 36)", func() {
			for range 37 {
				pop.StepTo(make([]Flows, 10), new(Flows), Expected{})
			}
		}},
	} {
		mustPanic(t, c.want, c.f)
	}
}

// TestSummarizeOnce: a second Summarize returns the same result without
// computing it again, and a finished engine's Step records nothing.
func TestSummarizeOnce(t *testing.T) {
	e, err := NewEngine(fourStage())
	if err != nil {
		t.Fatal(err)
	}
	for e.Step() {
	}
	r := e.Summarize()
	survival := &r.Summary.Survival[0]
	if e.Step() || e.Summarize() != r || &r.Summary.Survival[0] != survival {
		t.Error("Step after the horizon recorded a period, or a second Summarize recomputed the summary")
	}
}
