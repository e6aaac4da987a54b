package chart

import (
	"slices"
	"testing"

	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// TestNewInput: the charts get the scenario's names in the language asked
// for (its id where a stage has no name), one "all customers" segment for a
// scenario without segments, and each run's Monte Carlo bands.
func TestNewInput(t *testing.T) {
	s, err := scenarios.Preset("four-stage")
	if err != nil {
		t.Fatal(err)
	}
	s.Stages[3].Name = scenarios.Text{}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := projection.Simulate(runs[:1], projection.MonteCarlo{Trials: 10, TrialsSet: true}); err != nil {
		t.Fatal(err)
	}
	in := NewInput(s, runs, "zh")
	if want := []string{"考察期", "形成期", "稳定期", "decline"}; !slices.Equal(in.Stages, want) {
		t.Errorf("stages %q, want %q", in.Stages, want)
	}
	if want := []string{"全部客户"}; !slices.Equal(in.Segments, want) {
		t.Errorf("segments %q, want %q", in.Segments, want)
	}
	if in.Scenario != s.Name.ZH || in.Currency != "CNY" || len(in.Runs) != 3 {
		t.Fatalf("scenario %q, currency %q, %d runs", in.Scenario, in.Currency, len(in.Runs))
	}
	if in.Runs[0].Name != "基准" || in.Runs[1].Name != "忠诚度计划" || in.Runs[1].Result != runs[1].Result {
		t.Errorf("runs %q, %q", in.Runs[0].Name, in.Runs[1].Name)
	}
	if in.Runs[0].Bands != runs[0].Uncertainty.Bands || in.Runs[1].Bands != nil {
		t.Error("bands not passed on from the runs' Monte Carlo results")
	}
	v, vruns := presetRuns(t, "value-segments")
	if got := NewInput(v, vruns, "en").Segments; len(got) != len(v.Segments) || got[0] != v.Segments[0].Name.EN {
		t.Errorf("value-segments: segments %q", got)
	}
}
