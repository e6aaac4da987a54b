// Package chartfile writes charts (package chart) as files: PNG, SVG and
// PDF. It holds the vector canvases, which draw text as glyph outlines so
// that a file shows the same letters, Latin or Chinese, on any machine.
// The command line's file writers use it (package report); the app and
// the browser build do not, so they link no SVG or PDF backend.
package chartfile
