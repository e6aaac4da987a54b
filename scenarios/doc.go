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
// into a Path; nothing else splits a path. Stages, segments and latent
// classes ([[class]]: a segment's keys, splitting every segment) are named
// by id: the decoder's key paths, which give them by index
// ("stage[2].revenue"), are read by the same parser from the decoder alone.
// Variants set values by path (Scenario.Set), and [[response]] levers and
// targets and [[sensitivity]] ranges name them so.
//
// Every number of a scenario's top level, [acquisition], [[stage]],
// [winback], [[segment]] and [[class]] tables but the seed is one entry of
// the
// parameter registry (Params, Lookup; a class's values are a segment's
// entries): its path pattern, Kind, unit,
// range, the model field that holds it (Param.Get, Param.Set), label and
// explanation in English and Chinese, whether it may be uncertain and
// which [[response]] it drives. The decoder, Validate, Encode, the
// uncertain values, the response forms, the what-if analyses
// (Scenario.Parameter, Scenario.Label) and the planner's sliders read it.
//
// To add a parameter:
//  1. Add its field to the model (Scenario, Stage, Segment...).
//  2. Add one entry to the registry (registry.go): its path (a Path with
//     ID for each id, e.g. Path{Stage: "ID", Key: "revenue"}), kind, range,
//     unit, labels, explanation, and its field: top, stage and override,
//     or segment. The decoder then reads it from files in the table its
//     path names, Set and variants reach it, Validate checks its range,
//     at its line, and Encode writes it. (A value that is not one float64,
//     such as the horizon, gives get, set and decode instead, and Validate
//     and Encode handle it by hand.)
//  3. Use it where the engine model is built (model.go).
//  4. Document its key in the table of its table in docs/scenarios.md and
//     in the README's key table; go test ./scenarios -run ParameterTable
//     -update rewrites the registry's table in docs/scenarios.md. Tests
//     fail until both are done.
//
// recipe_test.go checks that a registry entry is all the decoder and
// Validate need.
//
// The planner then offers a slider for it if it lists its group
// (internal/planner/controls.go), and the what-if analyses can move it by
// path.
//
// # The format's family
//
// Other files in the scenarios' conventions are read with the same
// machinery, so that they give the same messages at the same lines:
// Reader checks and decodes such a file, walks its tables key by key
// (Reader.Table, with Key, TextValue and StringValue), applies set tables
// to a scenario as a variant's (Reader.Apply) and returns every problem
// as an *Error (Reader.Err). Package scenarios/lessons reads lessons so.
//
// # Uncertainty
//
// A probability or money amount may be given as a distribution (Distribution:
// { beta = [a, b] }, { mean = m, sd = s } and others). Its field holds the
// mean, which the engine model uses; Scenario.Distributions keeps the
// distribution by set path, and Scenario.MonteCarlo turns the distributions,
// the seed and the [uncertainty] table into a sim/uncertainty configuration.
package scenarios
