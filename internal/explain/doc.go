// Package explain explains a run's figures the way a teacher writes them
// on the board: for each KPI in focus (CLV, CLV net of acquisition,
// LTV:CAC, CLV over an infinite horizon, customer equity, payback,
// expected lifetime) its formula in symbols, the same formula with the
// scenario's values put in, and the result, e.g. for the annuity preset
//
//	CLV = P·(1 − (1+r)^−n)/r = 600 · (1 − 1.1^−3) / 0.1 = 1,492.11
//
// and the tenure table that builds the CLV: per period of tenure τ the
// stage mix e·A^τ of one new customer, the expected margin of that mix
// (win-back spend included), the discount factor, the contribution and
// the running sum, whose last entry is the CLV sim reports.
//
// Which form a model gets ([FormOf]): one segment with one stage nobody
// leaves and no win-back, the [Annuity]; one segment with one stage kept
// at a constant retention below 1 and no win-back, the [MarginMultiple]
// m·(1 − (r/(1+i))^n)/(1 + i − r) beside the tenure table; anything else,
// [Markov]: the tenure table and the fundamental-matrix form of the
// infinite-horizon CLV, e·N·R/(1+d) with N = (I − A/(1+d))⁻¹
// ([Fundamentals]). The conventions are sim's, computed the same way: the
// customer earns from the period of acquisition, the discount rate per
// period is d = (1+r)^(1/k) − 1, a margin is discounted by (1+d)^−(τ+1)
// with cash at the period's end and (1+d)^−τ at its start, churn enters
// the lost pool, whose win-back spend falls in the period and whose
// won-back customers are active from the next. The tests check the
// table's sum, survival, stage mix, customer equity, payback and the
// fundamental-matrix figures against sim for every shipped scenario and
// variant, and the annuity and margin-multiple forms against the hand
// calculations of their files.
//
// Segments: [Table.Fill] with [Mixed] mixes the segments by their shares
// of new customers (each column is the share-weighted sum over the
// segments: the mix of a new customer whose segment is not yet known);
// with a segment's index it follows that segment alone. [Explain] shows
// the mixed table, and for a model with several segments the CLV and
// CLV∞ as Σ_s w_s·CLV_s with each segment's value.
//
// Today's customers (sim.Segment's Existing): [Existing] follows one of
// them from each stage that holds some through the horizon, and customer
// equity's formula adds their part to the cohorts': CE = CE_new +
// CE_existing, the second Σ_i X_i·V_i with X_i the customers in stage i
// at period 0 and V_i what one of them is worth (TestExistingAgainstSim
// checks it against sim). Bad debt (sim.Economics' BadDebt) enters each
// margin; where a model has any, CLV's and CLV∞'s formulas write the
// margin of each stage that has it with its numbers.
//
// Words come from the KPI catalogue (kpi.KPI.Formula); the symbols, the
// values and the result are this package's, in English or Chinese.
//
// A planner recomputes the table while a slider moves: it keeps one
// [Table] and calls [Table.Fill] after each change; once the table has
// held a model as large (horizon, stages, lost states) Fill does not
// allocate (TestFillDoesNotAllocate). [Explain] and [Fundamentals]
// allocate (strings, the matrices and their inverses): call them when
// the formulas are shown, not on every frame.
package explain
