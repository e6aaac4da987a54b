// Package whatif answers the questions strategists ask after "what happens
// if": which lever matters (Compare with a Shapley attribution, a
// Sensitivity tornado, a two-parameter Grid with its break-even contour),
// what it takes to reach a target (Seek), and how much to spend (Optimize,
// over the [[response]] curves of a scenario).
//
// Parameters are named by scenario paths in the variant path syntax
// ("stage.stability.to.stability", "acquisition.cost_per_customer",
// "stage.decline.retention_spend"); scenarios.Scenario.Parameter says
// which values each may take. KPIs are those of package kpi;
// kpi.Outcomes lists the ones the analyses use. Every analysis projects copies of the
// scenario with the parameters set (projection.Project): the engine is
// unchanged and the scenario passed in is never modified. Results are
// plain values for the command line, the charts and the app.
//
// Seek scans the range, then hands each bracket to one of three solvers
// (solve.go): Brent's method for a root, bisection for the boundary of an
// inequality, golden-section search for a maximum or minimum. Optimize
// runs gonum/optimize (Nelder–Mead, then L-BFGS) from two starts and
// polishes the best point with Newton steps. Evaluations run in parallel
// on GOMAXPROCS goroutines where their order cannot change the result.
//
// Figures a KPI may lack (a ratio without acquisition cost, a payback
// beyond the horizon) are sim.Optional, never NaN. Every solver states its
// method, tolerance and iteration cap in its result, and returns an error
// or an explicit "not found", never NaN.
package whatif
