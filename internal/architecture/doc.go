// Package architecture keeps docs/architecture.md true to the code: its
// test reads the document's table of layers and checks every package's
// imports against it, in the native build and in the browser build
// (GOOS=js GOARCH=wasm -tags minimal). The package has no code of its own.
package architecture
