//go:build js

package app

import (
	"errors"
	"image"
	"maps"
	"runtime"
	"runtime/debug"
	rtmetrics "runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"syscall/js"
	"time"

	"clvlab/internal/chart"
)

// browser keeps the address in step with the screen, publishes
// window.clvlab for tests and a person's console, downloads exports, and
// tells the page when the app is idle.
type browser struct {
	a        *App
	fragment string
	fetching bool     // the page is fetching the Chinese font
	start    js.Value // window.clvlab.start, once the first frame is drawn
	// boxes is the last window.clvlab.widgets, made again only when a
	// widget moves (or the pixel ratio changes): its 250 or so calls
	// into JavaScript were most of a frame's publish.
	boxes struct {
		js    js.Value
		of    map[string]image.Rectangle
		ratio float64
	}
	// idling is what the page was last told (the trials' goroutine
	// clears it in wake).
	idling  atomic.Bool
	setIdle js.Value // the page's clvlabIdle, if it has one
	turn    *turn
	// firstTick is when ebiten first called Update (ms since navigation):
	// between New's end and it, ebiten set up WebGL.
	firstTick float64
	// gcRestored: the garbage collector is back at Go's default pace
	// after the first frame (see poll).
	gcRestored bool
}

// newPlatform returns the browser's platform. The app runs the Monte
// Carlo trials in slices on a goroutine that gives the page's thread
// back between them: WebAssembly runs every goroutine on the page's one
// thread, so a run in one go would hold the page until it ended.
func newPlatform(a *App) platform {
	a.sliced = true
	return &browser{a: a, setIdle: js.Global().Get("clvlabIdle"), turn: newTurn()}
}

// turn lets a goroutine wait for a turn of the page's event loop: a
// message posted to itself through a MessageChannel arrives as a task of
// its own, after the input and the frames already due, and without
// setTimeout's clamping to 4 ms (nor requestAnimationFrame's wait for the
// next frame).
type turn struct {
	port js.Value
	ch   chan struct{}
	fn   js.Func
}

func newTurn() *turn {
	t := &turn{ch: make(chan struct{}, 1)}
	mc := js.Global().Get("MessageChannel").New()
	t.fn = js.FuncOf(func(js.Value, []js.Value) any {
		select {
		case t.ch <- struct{}{}:
		default:
		}
		return nil
	})
	mc.Get("port1").Set("onmessage", t.fn)
	t.port = mc.Get("port2")
	return t
}

// yield returns in a task of the page's own, once the tasks queued before
// it (input, a frame that is due) have run.
func (b *browser) yield() {
	b.turn.port.Call("postMessage", nil)
	<-b.turn.ch
}

// wake lets the page's frames run again (the trials have progress or
// bands to show); the app says idle again once it has shown them.
func (b *browser) wake() {
	b.idling.Store(false)
	if b.setIdle.Type() == js.TypeFunction {
		b.setIdle.Invoke(false, 0)
	}
}

// idle tells the page (web/index.html's clvlabIdle) whether the app has
// anything left to do: while it has not, the page holds ebiten's next
// animation frame until an input event comes, or until wake has passed
// (a notice to take down), so the idle planner costs the page nothing,
// not even a wake-up of the Go program a frame.
//
// The page wakes itself on every input event, unseen here, so an idle app
// says so on every frame it runs (held frames run none); only "busy" is
// said once. Said once, an idle after an input event went unsaid, and the
// page ran ebiten's loop 60 times a second until the app next became busy
// (a drag's move after a press, a trials run).
func (b *browser) idle(v bool, wake time.Duration) {
	if b.setIdle.Type() != js.TypeFunction || !v && !b.idling.Load() {
		return
	}
	b.idling.Store(v)
	b.setIdle.Invoke(v, wake.Milliseconds())
}

func (b *browser) poll() {
	if b.firstTick == 0 {
		b.firstTick = js.Global().Get("performance").Call("now").Float()
	}
	if b.start.Truthy() && !b.gcRestored {
		// index.html starts the Go program with GOGC=800, so that no
		// collection (the first compiles the collector's code, lazily, on
		// the page's one thread) delays the first frame; from the tick
		// after it the collector keeps Go's default pace. Collect now,
		// while the first frame is on screen, rather than in the frame of
		// a person's first input.
		b.gcRestored = true
		debug.SetGCPercent(100)
		runtime.GC()
	}
	b.a.dropped()
	if b.fetching && b.chinese() {
		if err := b.a.fontChanged(); err != nil {
			b.failed(err.Error())
		} else if b.a.wantZh {
			b.a.setLang("zh")
		}
	}
}

// chinese makes the Chinese font the chart font (chart.SetChineseFont;
// the caller remakes its text font) if the page has it in
// window.clvlabFonts, which index.html fills before the app starts when
// the link asks for Chinese, or when clvlabFetchFont is called; otherwise
// it asks the page to fetch the font.
func (b *browser) chinese() bool {
	if chart.HasChinese() {
		return true
	}
	f := js.Global().Get("clvlabFonts")
	if f.Type() == js.TypeObject {
		v := f.Get(chart.ChineseFontFile)
		switch {
		case v.InstanceOf(js.Global().Get("Uint8Array")):
			data := make([]byte, v.Length())
			js.CopyBytesToGo(data, v)
			b.fetching = false
			if err := chart.SetChineseFont(data); err != nil {
				b.failed(err.Error())
				return false
			}
			return true
		case v.Type() == js.TypeString: // the fetch failed: the page says why
			b.fetching = false
			b.failed(v.String())
			return false
		}
	}
	if !b.fetching {
		fetch := js.Global().Get("clvlabFetchFont")
		if fetch.Type() != js.TypeFunction {
			b.failed("this page cannot fetch the Chinese font (no clvlabFetchFont): serve web/index.html with `clvlab serve`")
			return false
		}
		fetch.Invoke(chart.ChineseFontFile)
		b.fetching = true
	}
	return false
}

// failed gives up waiting for the Chinese font and says why.
func (b *browser) failed(msg string) {
	b.a.wantZh = false
	b.a.fail(errors.New(msg))
}

// chartOptions: charts anti-aliased by drawing them at twice the pixels
// (x2), unless WebGL is drawn in software (SwiftShader, llvmpipe: the
// slowest machines the planner runs on), where the 2× offscreen costs 4 to
// 20 times the chart and charts are drawn at the screen's pixels (x1; text
// stays anti-aliased). window.clvlabSupersample = 1 or 2 overrides it; with
// window.clvlabSync set, the app waits for the GPU to draw each chart, so
// that lastRenderMs holds the GPU's work too (for measurements: waiting
// blocks the page meanwhile).
func (b *browser) chartOptions() (int, bool) {
	factor := 2
	if softwareWebGL() {
		factor = 1
	}
	if f := js.Global().Get("clvlabSupersample"); f.Type() == js.TypeNumber && (f.Int() == 1 || f.Int() == 2) {
		factor = f.Int()
	}
	return factor, js.Global().Get("clvlabSync").Truthy()
}

// softwareWebGL reports whether the browser draws WebGL 2 in software, by
// its renderer's name. It asks ebiten's own context (a canvas's
// getContext returns the context it already has): a context made only to
// ask cost the first chart tens of ms under SwiftShader.
var softwareWebGL = sync.OnceValue(func() bool {
	doc := js.Global().Get("document")
	own := true
	gl := js.Null()
	if c := doc.Call("querySelector", "canvas"); c.Truthy() {
		gl = c.Call("getContext", "webgl2")
	}
	if gl.IsNull() || gl.IsUndefined() {
		own = false
		gl = doc.Call("createElement", "canvas").Call("getContext", "webgl2")
	}
	if gl.IsNull() || gl.IsUndefined() {
		return false
	}
	name := gl.Call("getParameter", gl.Get("RENDERER")).String()
	if ext := gl.Call("getExtension", "WEBGL_debug_renderer_info"); !ext.IsNull() {
		name += " " + gl.Call("getParameter", ext.Get("UNMASKED_RENDERER_WEBGL")).String()
	}
	if lose := gl.Call("getExtension", "WEBGL_lose_context"); !own && !lose.IsNull() {
		lose.Call("loseContext") // the probe's context is not needed again
	}
	name = strings.ToLower(name)
	return strings.Contains(name, "swiftshader") || strings.Contains(name, "llvmpipe") || strings.Contains(name, "software")
})

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
// lastRenderMs (split into lastChartBuildMs, lastChartDrawMs and
// lastChartGPUMs), lastMonteCarloMs (from the click to the frame that
// shows the bands), lastTrialsMs (of it, until the bands were computed), lastSliceMs, longestSliceMs, kpis,
// scenario, lang, tab, fragment, message, widgets, plans, saved,
// compared, baseline, ...}.
func (b *browser) publish() {
	a := b.a
	o := js.Global().Get("Object").New()
	o.Set("frames", a.stats.Frames)
	o.Set("updates", a.stats.Updates)
	o.Set("lastRecomputeMs", a.stats.LastRecomputeMs)
	o.Set("lastRenderMs", a.stats.LastRenderMs)
	o.Set("lastChartBuildMs", a.stats.LastChartBuildMs)
	o.Set("lastChartDrawMs", a.stats.LastChartDrawMs)
	o.Set("lastChartGPUMs", a.stats.LastChartGPUMs)
	o.Set("charts", a.stats.Charts)
	o.Set("lastMonteCarloMs", a.stats.LastMonteCarloMs)
	o.Set("lastTrialsMs", a.stats.LastTrialsMs)
	o.Set("lastSliceMs", a.stats.LastSliceMs)
	o.Set("longestSliceMs", a.stats.LongestSliceMs)
	o.Set("lastLayoutMs", a.stats.LastLayoutMs)
	o.Set("lastPaintMs", a.stats.LastPaintMs)
	o.Set("lastPaintPixels", a.stats.LastPaintPixels)
	o.Set("trials", a.trials)
	o.Set("bands", a.currentBands() != nil)
	if r := a.mcRun; r != nil {
		o.Set("trialsDone", r.done.Load())
	}
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
	factor, _ := b.chartOptions()
	o.Set("supersample", factor)
	o.Set("updates", a.stats.Updates)
	o.Set("widgets", b.widgetBoxes())
	o.Set("start", b.startTimes())
	a.publishPlans(o)
	a.publishTeaching(o)
	js.Global().Set("clvlab", o)
}

// widgetBoxes returns each widget's box, in CSS pixels (as mouse events
// use), keyed by its id: the last one made while no widget has moved.
func (b *browser) widgetBoxes() js.Value {
	ratio := js.Global().Get("devicePixelRatio").Float()
	if ratio <= 0 {
		ratio = 1
	}
	bx := &b.boxes
	if bx.js.Truthy() && ratio == bx.ratio && maps.Equal(bx.of, b.a.widgets) {
		return bx.js
	}
	w := js.Global().Get("Object").New()
	for id, r := range b.a.widgets {
		box := js.Global().Get("Object").New()
		box.Set("x", float64(r.Min.X)/ratio)
		box.Set("y", float64(r.Min.Y)/ratio)
		box.Set("w", float64(r.Dx())/ratio)
		box.Set("h", float64(r.Dy())/ratio)
		w.Set(id, box)
	}
	bx.js, bx.ratio = w, ratio
	if bx.of == nil {
		bx.of = map[string]image.Rectangle{}
	}
	clear(bx.of)
	maps.Copy(bx.of, b.a.widgets)
	return w
}

// startTimes returns where the start went, in ms: the page's phases
// (window.clvlabBoot: fetch, compile, run, main, from index.html and
// wasm/main.go, each the time since navigation it ended at), New's font
// and scenario, ebiten's first tick (firstTick: WebGL set up), the first
// frame's layout (layoutMs, its chart included), the first chart, the
// garbage collections before the first frame (gcs), and the first frame.
func (b *browser) startTimes() js.Value {
	if b.start.Truthy() {
		return b.start
	}
	s := js.Global().Get("Object").New()
	if boot := js.Global().Get("clvlabBoot"); boot.Type() == js.TypeObject {
		js.Global().Get("Object").Call("assign", s, boot)
	}
	st := b.a.stats
	s.Set("fontMs", st.StartFontMs)
	s.Set("scenarioMs", st.StartScenarioMs)
	s.Set("parseMs", st.StartParseMs)
	s.Set("planMs", st.StartPlanMs)
	s.Set("storeMs", st.StartStoreMs)
	s.Set("firstTick", b.firstTick)
	s.Set("layoutMs", st.LastLayoutMs)
	s.Set("firstChartMs", st.LastRenderMs)
	s.Set("gcs", gcCycles())
	s.Set("firstFrame", js.Global().Get("performance").Call("now"))
	b.start = s
	return s
}

// gcCycles returns how many garbage collections the program has done.
func gcCycles() float64 {
	sample := []rtmetrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	rtmetrics.Read(sample)
	if sample[0].Value.Kind() != rtmetrics.KindUint64 {
		return -1
	}
	return float64(sample[0].Value.Uint64())
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
