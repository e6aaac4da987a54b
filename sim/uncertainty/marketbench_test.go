package uncertainty_test

import (
	"runtime"
	"testing"

	"clvlab/scenarios"
	"clvlab/sim/uncertainty"
)

// BenchmarkMonteCarloMarket runs brand-switching's base (36 months, three
// brands of which two are competitors, 10,000 existing buyers) for 1,000
// trials with process noise and Poisson acquisition, on one core: the
// trials record the market shares too, and their bands are summarised.
func BenchmarkMonteCarloMarket(b *testing.B) {
	s, err := scenarios.Preset("brand-switching")
	if err != nil {
		b.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		b.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	c := uncertainty.Config{Trials: 1000, Seed: 1, ProcessNoise: true, PoissonAcquisition: true}
	sim, err := uncertainty.New(m, c)
	if err != nil {
		b.Fatal(err)
	}
	sim.Run()
	b.ReportAllocs()
	for b.Loop() {
		sim.Run()
	}
}
