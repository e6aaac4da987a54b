// Package report writes the results of scenario runs for people and for
// other tools: summary.json, a tidy periods.csv (one row per run × period ×
// segment × stage) and an aligned summary table comparing the base with
// each variant.
package report
