// Package serve serves the planner's web page and its WebAssembly build
// for `clvlab serve`: index.html, wasm_exec.js, app.wasm, the chart font's
// whole face font-zh.ttf (fetched when Chinese is shown) and the loading
// page's Chinese glyphs loading-zh.otf, compressed for browsers that
// accept it (zstd from a NAME.zst that make wasm writes, else gzip, from a
// precompressed NAME.gz when there is one), each response under a strict
// Content-Security-Policy (policy.go).
package serve
