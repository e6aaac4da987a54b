//go:build !js

package main

import (
	"fmt"
	"os"
)

// main explains how to build the browser app when built for the host.
func main() {
	fmt.Fprintln(os.Stderr, "wasm: this is the browser build of the planner; build it with `make wasm` (GOOS=js GOARCH=wasm, -tags minimal), or run the native one with `go run ./cmd/clvlab-gui`")
	os.Exit(2)
}
