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
