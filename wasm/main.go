//go:build js

package main

import (
	"syscall/js"

	"clvlab/internal/app"
)

func main() {
	hash := js.Global().Get("location").Get("hash").String()
	if err := app.Run(app.Options{Fragment: hash}); err != nil {
		js.Global().Call("clvlabFailed", err.Error())
	}
}
