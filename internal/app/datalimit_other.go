//go:build !js

package app

// dataLimit is the largest data file the native window fits; `clvlab fit`
// reads larger ones as a stream.
const dataLimit = 1 << 30
