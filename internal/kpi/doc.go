// Package kpi is the catalogue of the figures a run reports about its
// customers: CLV per new customer, acquisition cost, CLV net of
// acquisition, LTV:CAC, CLV over an infinite horizon, customer equity,
// payback and expected lifetime; the figures of what some scenarios use
// (purchases, referrals, a brand-switching market's steady share), shown
// only for runs that use them (KPI.Shown).
//
// Each KPI is written here once: its id (the key in summary.json), its
// label and short label in English and Chinese, its unit and how a value
// and a change are formatted, which direction is good news, an
// explanation for a manager and its formula in words (both languages),
// how it is read from a sim.Summary, whether every run has it and
// whether it is an input or an outcome of the what-if analyses. The
// summary table, the planner's KPI strip, the what-if commands and the
// charts all read this catalogue; adding a KPI means one entry in
// catalogue.go and the engine code that computes it: it then appears in
// the summary table (All) and in compare, sensitivity and seek
// (Outcomes). The Monte Carlo figures (Bands) are labelled here too,
// from their KPI's short label.
//
// A few screens show a deliberate selection of the catalogue instead, a
// choice of layout rather than a second list of KPIs: the planner's KPI
// strip shows five headline figures (and the referral value, R and the
// steady share when a scenario uses them), the app's seek bar cycles
// through four goals (five in a brand-switching market), and the Changes
// chart leaves out CLV over an infinite horizon. A new KPI joins those only by adding it there.
//
// Figures a run may lack (a ratio without acquisition cost, a payback
// beyond the horizon) are sim.Optional, never NaN.
package kpi
