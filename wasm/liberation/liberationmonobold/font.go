// Package liberationmonobold stands in for the Liberation font of that name in
// clvlab's browser build: see wasm/liberation/README.md.
package liberationmonobold

import "codeberg.org/go-fonts/liberation/internal/stub"

// TTF is a small stand-in font, not the Liberation one.
var TTF = stub.TTF
