package uncertainty_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"clvlab/scenarios"
	"clvlab/sim/uncertainty"
)

// BenchmarkMonteCarlo runs the default four-stage scenario (36 months, its
// two uncertain values, process noise and Poisson acquisition) with
// 1,000,000 new customers a month, for 1,000 and 10,000 trials, on one
// core and on all of them. ns/op is the time for all the trials and their
// bands. It reports trials/s, random variates drawn per trial, the time
// per draw (on one core: all of a trial's work divided by its draws) and
// allocations per trial (of the whole run, bands included; a trial's own
// work allocates nothing, see TestTrialAllocatesNothing).
func BenchmarkMonteCarlo(b *testing.B) {
	s, err := scenarios.Preset("four-stage")
	if err != nil {
		b.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		b.Fatal(err)
	}
	m = withCohorts(m, 1e6)
	cores := []int{1}
	if all := runtime.GOMAXPROCS(0); all > 1 {
		cores = append(cores, all)
	}
	for _, trials := range []int{1000, 10_000} {
		for _, procs := range cores {
			b.Run(fmt.Sprintf("trials=%d/procs=%d", trials, procs), func(b *testing.B) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				c := s.MonteCarlo()
				c.Trials = trials
				sim, err := uncertainty.New(m, c)
				if err != nil {
					b.Fatal(err)
				}
				sim.Run() // warm-up: workers and their buffers
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				var draws int64
				start := time.Now()
				for b.Loop() {
					draws += sim.Run().Draws
				}
				elapsed := time.Since(start)
				runtime.ReadMemStats(&after)
				n := float64(b.N) * float64(trials)
				b.ReportMetric(n/elapsed.Seconds(), "trials/s")
				b.ReportMetric(float64(draws)/n, "draws/trial")
				b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/trial")
				if procs == 1 {
					b.ReportMetric(float64(elapsed.Nanoseconds())/float64(draws), "ns/draw")
				}
			})
		}
	}
}
