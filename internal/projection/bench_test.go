package projection

import (
	"fmt"
	"testing"

	"clvlab/scenarios"
)

// BenchmarkPlannerTrials times what the browser planner does for its
// trials button on the shipped four-stage scenario (its uncertain values,
// process noise and Poisson acquisition as the file sets them): set up
// the simulator (setup: Simulator), then run every trial a few at a time
// on one goroutine (uncertainty.Stepper, as the browser's slices do) and
// summarise them (run: the trials and their bands). docs/benchmarks.md
// has the figures.
func BenchmarkPlannerTrials(b *testing.B) {
	s, err := scenarios.Preset("four-stage")
	if err != nil {
		b.Fatal(err)
	}
	for _, trials := range []int{200, 1000, 5000} {
		mc := MonteCarlo{Trials: trials, TrialsSet: true, Fit: true}
		b.Run(fmt.Sprintf("trials=%d/setup", trials), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Simulator(s, mc); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("trials=%d/run", trials), func(b *testing.B) {
			b.ReportAllocs()
			sim, err := Simulator(s, mc)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				st := sim.Stepper()
				for st.Step(16) > 0 {
				}
				if st.Bands() == nil {
					b.Fatal("no bands")
				}
			}
		})
	}
}
