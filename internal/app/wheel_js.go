//go:build js

package app

import "syscall/js"

// The browser's wheel: ebiten reports the DOM's deltaY as it is, in
// whatever unit deltaMode says (pixels in Chromium: 100 a notch), so
// the planner listens to the wheel itself and reads the unit.

// wheelDeltas are the wheel deltas since the last tick, by deltaMode.
var wheelDeltas [3]float64

// wheelListener is the page's wheel listener, added once.
var wheelListener js.Func

func init() {
	wheelListener = js.FuncOf(func(this js.Value, args []js.Value) any {
		e := args[0]
		mode := e.Get("deltaMode").Int()
		if mode < 0 || mode > 2 {
			mode = wheelPixel
		}
		wheelDeltas[mode] += e.Get("deltaY").Float()
		return nil
	})
	opts := js.Global().Get("Object").New()
	opts.Set("passive", true)
	js.Global().Call("addEventListener", "wheel", wheelListener, opts)
}

// takeWheel returns the lines to scroll since the last tick, from the
// page's own wheel listener (ebiten's offset, in unknown units, is not
// used), and starts counting anew.
func takeWheel(_ float64, pageLines float64) float64 {
	lines := 0.0
	for mode, d := range wheelDeltas {
		if d != 0 {
			lines += wheelLines(d, mode, pageLines)
		}
	}
	wheelDeltas = [3]float64{}
	return lines
}
