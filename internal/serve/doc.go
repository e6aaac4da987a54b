// Package serve serves the planner's web page and its WebAssembly build
// for `clvlab serve`: index.html, wasm_exec.js and app.wasm, the last
// gzip-compressed (from a precompressed app.wasm.gz when there is one).
package serve
