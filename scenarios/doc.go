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
// # Paths and the parameter registry
//
// A value of a scenario is named by a path, "stage.stability.to.decline",
// which ParsePath (or Scenario.ParsePath, which also checks the ids) turns
// into a Path; nothing else splits a path. Variants set values by path
// (Scenario.Set), and [[response]] levers and targets and [[sensitivity]]
// ranges name them so.
//
// Every number a scenario has is one entry of the parameter registry
// (Params, Lookup): its path pattern, Kind, unit, range, getter and setter,
// label and explanation in English and Chinese, whether it may be uncertain
// and which [[response]] it drives. Validation messages, Encode, the
// uncertain values, the response forms, the what-if analyses
// (Scenario.Parameter, Scenario.Label) and the planner's sliders read it.
//
// To add a parameter:
//  1. Add its field to the model (Scenario, Stage, Segment...) and to the
//     decoder's field list of its table (decode.go), so files and Set
//     reach it.
//  2. Add one entry to the registry (registry.go): pattern, kind, range,
//     unit, labels, explanation, get and set.
//  3. Use it where the engine model is built (model.go) and check it in
//     Validate with v.check and its pattern.
//  4. Document it in docs/scenarios.md.
//
// The planner then offers a slider for it if it lists its group
// (internal/planner/controls.go), and the what-if analyses can move it by
// path.
//
// # Uncertainty
//
// A probability or money amount may be given as a distribution (Distribution:
// { beta = [a, b] }, { mean = m, sd = s } and others). Its field holds the
// mean, which the engine model uses; Scenario.Distributions keeps the
// distribution by set path, and Scenario.MonteCarlo turns the distributions,
// the seed and the [uncertainty] table into a sim/uncertainty configuration.
package scenarios
