// Package whatif answers the questions strategists ask after "what happens
// if": which lever matters (Compare with a Shapley attribution, a
// Sensitivity tornado, a two-parameter Grid with its break-even contour),
// what it takes to reach a target (Seek), and how much to spend (Optimize,
// over the [[response]] curves of a scenario).
//
// Parameters are named by scenario paths in the variant path syntax
// ("stage.stability.to.stability", "acquisition.cost_per_customer",
// "stage.decline.retention_spend"); scenarios.Scenario.Parameter says
// which values each may take. KPIs are those of package kpi; KPIs lists
// the ones the analyses use. Every analysis evaluates copies of the
// scenario (scenarios.Scenario.Set, Model, sim.Run): the engine is
// unchanged and the scenario passed in is never modified. Results are
// plain values for the command line, the charts and the app.
//
// Figures a KPI may lack (a ratio without acquisition cost, a payback
// beyond the horizon) are sim.Optional, never NaN. Every solver
// states its method, tolerance and iteration cap in its result, and
// returns an error or an explicit "not found", never NaN.
package whatif
