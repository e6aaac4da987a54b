// Package cli is the clvlab command line: run, validate and list, and the
// what-if analyses compare, sensitivity, seek and optimize (package
// whatif). The main package only calls Main, so tests drive the commands
// directly.
package cli
