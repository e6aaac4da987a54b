// Package scenarios reads clvlab scenario files (TOML) and turns them into
// engine models.
//
// One loading path serves the command line, the app and the browser: Parse
// (or Load, from any fs.FS) applies the defaults, decodes the file over them,
// rejects unknown keys, validates every value and builds each variant. Every
// problem is reported at once as "FILE:LINE: WHERE: WHAT", in words that say
// what is allowed; see docs/scenarios.md for the format.
//
// The shipped scenarios are embedded (Shipped, Preset) so that the browser
// build needs no file system.
//
// A probability or money amount may be given as a distribution (Distribution:
// { beta = [a, b] }, { mean = m, sd = s } and others). Its field holds the
// mean, which the engine model uses; Scenario.Distributions keeps the
// distribution by set path, and Scenario.MonteCarlo turns the distributions,
// the seed and the [uncertainty] table into a sim/uncertainty configuration.
package scenarios
