// Package planner is the state of the interactive what-if planner, apart
// from any screen: the scenario and the values the user changed, undo and
// redo, the baseline, the KPIs against it, links (the URL fragment) and
// TOML export. The app (package internal/app) draws it; tests drive it
// directly.
package planner
