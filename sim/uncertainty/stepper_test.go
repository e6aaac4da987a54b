package uncertainty_test

import (
	"reflect"
	"testing"

	"clvlab/sim/uncertainty"
)

// TestStepperSlices: a stepper runs exactly the trials each slice asks
// for (the last slice the rest), has no bands before the last trial, and
// ends with the bands of Run, bit for bit; a stepper dropped half-way
// leaves the simulator to a new one that starts from the first trial.
func TestStepperSlices(t *testing.T) {
	m := withCohorts(preset(t, "four-stage"), 1000)
	c := fullConfig(m, 333, 42)
	want := run(t, m, c)
	s, err := uncertainty.New(m, c)
	if err != nil {
		t.Fatal(err)
	}
	dropped := s.Stepper()
	if n := dropped.Step(50); n != 50 || dropped.Done() != 50 {
		t.Fatalf("a slice of 50 ran %d trials (done %d)", n, dropped.Done())
	}
	st := s.Stepper()
	for _, n := range []int{0, 1, 7, 64, 100, 100} { // 272 of 333
		before := st.Done()
		if got := st.Step(n); got != n || st.Done() != before+n {
			t.Fatalf("a slice of %d trials ran %d (done %d → %d)", n, got, before, st.Done())
		}
		if st.Bands() != nil {
			t.Fatalf("bands after %d of %d trials", st.Done(), st.Trials())
		}
	}
	if got := st.Step(100); got != 333-272 || st.Done() != st.Trials() {
		t.Fatalf("the last slice ran %d trials, want the %d left", got, 333-272)
	}
	if got := st.Step(10); got != 0 {
		t.Errorf("a slice after the end ran %d trials", got)
	}
	if dropped.Done() != 50 {
		t.Errorf("the dropped stepper moved on to %d trials", dropped.Done())
	}
	if b := st.Bands(); !reflect.DeepEqual(b, want) {
		t.Error("the stepper's bands differ from Run's")
	}
}

// TestStepperSummarizeInSlices: once every trial has run, the bands'
// per-period columns can be summarised a few at a time (Summarize says
// how many are left, and does nothing before the last trial), and the
// bands are then those of Run, bit for bit; asking for them again gives
// the same bands (the draws counted once).
func TestStepperSummarizeInSlices(t *testing.T) {
	m := withCohorts(preset(t, "four-stage"), 1000)
	c := fullConfig(m, 333, 42)
	want := run(t, m, c)
	s, err := uncertainty.New(m, c)
	if err != nil {
		t.Fatal(err)
	}
	st := s.Stepper()
	st.Step(100)
	if left := st.Summarize(10); left != 0 {
		t.Errorf("Summarize before the last trial: %d columns left, want 0", left)
	}
	st.Step(st.Trials())
	cols := st.Columns()
	if want := (len(m.StageIDs) + 3) * m.Horizon; cols != want {
		t.Fatalf("%d columns, want (stages + 3) × periods = %d", cols, want)
	}
	for left := cols; left > 0; {
		got := st.Summarize(25)
		if got != max(0, left-25) {
			t.Fatalf("Summarize(25) with %d left: %d left, want %d", left, got, max(0, left-25))
		}
		left = got
	}
	b := st.Bands()
	if !reflect.DeepEqual(b, want) {
		t.Error("the bands summarised in slices differ from Run's")
	}
	if again := st.Bands(); !reflect.DeepEqual(again, want) {
		t.Errorf("the bands asked for again differ from Run's (draws %d, want %d)", again.Draws, want.Draws)
	}
}

// TestStepperSummarizeMarketShares: in a market the bands have our share
// and each competitor's too, (stages + 3 + 1 + competitors) × periods
// columns, and summarised in slices they are those of Run, bit for bit.
func TestStepperSummarizeMarketShares(t *testing.T) {
	m := market()
	c := uncertainty.Config{Trials: 300, Seed: 5, ProcessNoise: true, PoissonAcquisition: true}
	want := run(t, m, c)
	s, err := uncertainty.New(m, c)
	if err != nil {
		t.Fatal(err)
	}
	st := s.Stepper()
	st.Step(st.Trials())
	if cols, want := st.Columns(), (2+3+1+1)*m.Horizon; cols != want {
		t.Fatalf("%d columns, want (2 stages + 3 + 2 shares) × periods = %d", cols, want)
	}
	for st.Summarize(7) > 0 {
	}
	if b := st.Bands(); !reflect.DeepEqual(b, want) {
		t.Error("the market's bands summarised in slices differ from Run's")
	}
}
