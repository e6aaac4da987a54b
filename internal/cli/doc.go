// Package cli is the clvlab command line: run, validate and list. The main
// package only calls Main, so tests drive the commands directly.
package cli
