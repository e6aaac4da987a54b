//go:build js

package main

import (
	"syscall/js"

	"clvlab/internal/app"
)

func main() {
	// When the Go runtime and every package's init are done: the page's
	// start phases (window.clvlabBoot, see index.html) go on from here.
	if boot := js.Global().Get("clvlabBoot"); boot.Type() == js.TypeObject {
		boot.Set("main", js.Global().Get("performance").Call("now"))
	}
	hash := js.Global().Get("location").Get("hash").String()
	if err := app.Run(app.Options{Fragment: hash}); err != nil {
		js.Global().Call("clvlabFailed", err.Error())
	}
}
