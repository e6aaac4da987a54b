// Package tables writes the CSV tables that both the command line's files
// (package report) and the app's downloads (package app) hold: the
// per-period rows of runs (periods.csv) and a tornado (tornado.csv). It
// links no chart file writer, so the browser build can use it.
package tables
