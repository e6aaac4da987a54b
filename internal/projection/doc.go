// Package projection runs scenarios through the engine: the one place where
// a scenario becomes engine models and results. Runs projects the base and
// each variant of a scenario (RunEach, the runs already resolved); Project projects the base alone with settings
// applied by path (the what-if analyses and the planner); Simulate and
// Trials add the Monte Carlo trials a MonteCarlo asks for, with their bands
// (package sim/uncertainty), after MonteCarlo.Check has said they fit.
//
// The command line writes what it returns as files (package report), the
// app draws it (packages planner and chart). Projections are deterministic:
// the same scenario and settings give the same numbers, and the same seed
// the same Monte Carlo bands, whatever the number of goroutines.
package projection
