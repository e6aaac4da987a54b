// Package report writes the results of scenario runs (package projection)
// for people and for other tools; it computes nothing itself. For `clvlab
// run`: summary.json, a tidy periods.csv (one row per run × period ×
// segment × stage), bands.csv with Monte Carlo trials, an aligned summary
// table comparing the base with each variant, index.html and the chart
// files (package chart/chartfile). For the what-if commands (package
// whatif): each analysis's JSON, CSV, chart files and terminal table.
package report
