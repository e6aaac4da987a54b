package lessons

import (
	"slices"
	"strings"
)

// Tabs are the planner's tabs, in its order, by the names a lesson's show
// key gives: the run charts (internal/chart's Kinds, by their slugs), then
// the analyses (which lever matters, the optimum spend, the plans side by
// side). A step's Tab is an index into it. internal/app's test checks
// that the planner's tabs are these.
var Tabs = []string{
	"customers", "cohorts", "cashflow", "survival", "clv-breakdown", "comparison", "kpi-deltas",
	"tornado", "optimum", "plans",
}

// tabIndex returns the index of the tab named name in Tabs, or -1.
func tabIndex(name string) int { return slices.Index(Tabs, name) }

// tabList lists the tabs for messages.
func tabList() string { return strings.Join(Tabs, ", ") }
