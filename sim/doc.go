// Package sim is clvlab's engine: a discrete-time Markov model of the
// customer lifecycle, projected for cohorts of newly acquired customers.
//
// A [Model] lists the lifecycle stages (exploration → formation → stability →
// decline in the default scenario, or any stages a user defines), their
// per-customer economics ([Economics]: revenue, cost to serve, retention spend,
// price discount) and the transition probabilities between them; what is left
// of a stage's row churns into the implicit lost state. Optionally a share of
// lost customers is won back each period ([Winback]). New customers arrive
// every period, split over value [Segment]s that each carry their own
// economics and transitions, or split them again over latent classes
// ([Segment.Classes], [Model.Class]) that do. Customers already there at
// period 0 ([Segment.Existing]) are today's base: they pay no acquisition
// cost, and the summary values them apart (CustomerEquityExisting, and
// [Result.Existing] by period).
//
// A stage may be a competitor's brand ([Model.Competitor], competitor.go):
// in a brand-switching market the chain moves the market's customers
// between our stages and the competitors', whose customers are not ours
// ([Flows.Rivals]) and never leave the market; moves to a competitor are
// churn to a competitor ([Flows.ToRivals]), moves back wins from one
// ([Flows.FromRivals]). The summary's [Market] has our share by period
// and its steady state, and [SharePoints] the value of a point of share
// won through each switching row (market.go, sharepoint.go).
// A stage's revenue may grow with the customer's tenure up to a cap
// (cross- and up-selling: [Economics.RevenueGrowth], [Economics.RevenueCap]),
// and customers may hold contracts of [Model.RenewalEvery] periods, renewed
// at their end with a stage's [Economics.Renewal] probability: both count
// tenure from acquisition (a win-back restarts it), so each stage then has
// tenure sub-states ([Model.TenureStates]; tenure.go says how many).
//
// The [Engine] advances one period at a time ([Engine.Step]) without
// allocating, recording customers and cash flows by period, segment and stage
// into a [Result]. [Engine.Summarize], or [Run], which steps to the horizon
// first, completes the Result with its [Summary]: CLV (per new customer, over
// the horizon and in closed form over an infinite horizon), customer equity,
// payback, expected lifetime and the survival curve.
//
// The period arithmetic lives in one place, [Population.StepTo]: each
// segment's customers by state move along its [Chain], the stages followed
// by the lost states, and a [Mover] says how many customers are acquired
// and how a state's customers split over its moves. The engine's Mover is
// [Expected] (expected fractions); package clvlab/sim/uncertainty steps a
// Population per Monte Carlo trial with random whole counts, so that a
// trial without randomness records the engine's per-period values bit for
// bit.
//
// Invalid models are errors ([Model.Validate], called by [NewEngine] and
// [Run]). Misusing the package, as summarizing before the horizon, reading a
// cell, cohort or period out of range or stepping an Engine not made by
// NewEngine, panics with a message starting "sim: ".
//
// Conventions (the README's "Formulas" section has a worked example):
//   - The discount rate is an annual effective rate, converted to a period
//     rate d = (1+r)^y − 1 for a period of y years: 1/12 for a month, 1/4
//     for a quarter, 7/365.25 for a week, 1/365.25 for a day (a year is
//     365.25 days).
//   - A cohort is active, and earns, in the period it is acquired (period 0
//     of its tenure). Its acquisition cost is paid at the start of that period
//     and discounted by (1+d)^−t.
//   - With CashEnd (the default) a period's margin is discounted by
//     (1+d)^−(t+1); with CashStart by (1+d)^−t.
//   - Win-back: each period a share Rate of the lost pool is won back at
//     CostPerCustomer each; the spend falls in that period and the customer is
//     active in stage To from the next period.
//
// The package imports only the standard library and gonum (the list its
// TestImportsStayPure allows): no rendering, no file formats. Scenario files
// are read by package clvlab/scenarios.
package sim
