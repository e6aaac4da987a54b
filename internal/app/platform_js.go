//go:build js

package app

import (
	"syscall/js"
	"time"
)

// browser keeps the address in step with the screen, publishes
// window.clvlab for tests and a person's console, and downloads exports.
type browser struct {
	a        *App
	fragment string
}

func newPlatform(a *App) platform { return &browser{a: a} }

func (b *browser) poll() { b.a.dropped() }

// pause sleeps a moment between chunks of Monte Carlo trials: the sleep
// hands the thread back to the browser, which then draws the next frame.
func (b *browser) pause() { time.Sleep(time.Millisecond) }

// stateChanged writes the link of the current screen into the address
// bar, without adding a history entry per slider move.
func (b *browser) stateChanged() {
	f := b.a.Fragment()
	if f == b.fragment {
		return
	}
	b.fragment = f
	js.Global().Get("history").Call("replaceState", nil, "", "#"+f)
}

// publish sets window.clvlab = {frames, updates, lastRecomputeMs,
// lastRenderMs, kpis, scenario, lang, tab, fragment, message, widgets}.
func (b *browser) publish() {
	a := b.a
	o := js.Global().Get("Object").New()
	o.Set("frames", a.stats.Frames)
	o.Set("updates", a.stats.Updates)
	o.Set("lastRecomputeMs", a.stats.LastRecomputeMs)
	o.Set("lastRenderMs", a.stats.LastRenderMs)
	o.Set("lastMonteCarloMs", a.stats.LastMonteCarloMs)
	o.Set("trials", a.trials)
	o.Set("bands", a.currentBands() != nil)
	k := js.Global().Get("Object").New()
	for name, v := range a.KPIs() {
		k.Set(name, v)
	}
	o.Set("kpis", k)
	o.Set("scenario", a.p.Scenario().Name.In("en"))
	o.Set("lang", a.lang)
	o.Set("tab", a.tab)
	o.Set("fragment", a.Fragment())
	o.Set("message", a.noticeText())
	o.Set("ready", true)
	o.Set("scroll", a.scroll)
	o.Set("updates", a.stats.Updates)
	w := js.Global().Get("Object").New()
	ratio := js.Global().Get("devicePixelRatio").Float()
	if ratio <= 0 {
		ratio = 1
	}
	for id, r := range a.widgets {
		box := js.Global().Get("Object").New()
		// CSS pixels, as mouse events use.
		box.Set("x", float64(r.Min.X)/ratio)
		box.Set("y", float64(r.Min.Y)/ratio)
		box.Set("w", float64(r.Dx())/ratio)
		box.Set("h", float64(r.Dy())/ratio)
		w.Set(id, box)
	}
	o.Set("widgets", w)
	js.Global().Set("clvlab", o)
}

// save offers data as a download.
func (b *browser) save(name string, data []byte) (string, error) {
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	parts := js.Global().Get("Array").New(arr)
	opts := js.Global().Get("Object").New()
	opts.Set("type", "application/octet-stream")
	blob := js.Global().Get("Blob").New(parts, opts)
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	doc := js.Global().Get("document")
	link := doc.Call("createElement", "a")
	link.Set("href", url)
	link.Set("download", name)
	doc.Get("body").Call("appendChild", link)
	link.Call("click")
	link.Call("remove")
	js.Global().Get("URL").Call("revokeObjectURL", url)
	return name, nil
}

// SetExportDir does nothing in the browser: exports are downloads.
func (a *App) SetExportDir(string) {}
