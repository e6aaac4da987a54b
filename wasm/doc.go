// Command wasm is the planner in the browser: built with GOOS=js
// GOARCH=wasm and -tags minimal (serve.BuildTags) into web/app.wasm (`make
// wasm`) and hosted by web/index.html, which `clvlab serve` serves. The
// link in the address (after #) picks the scenario, the values, the
// language and the chart tab.
package main
