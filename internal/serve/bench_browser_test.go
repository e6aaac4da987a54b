//go:build !js

package serve_test

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"clvlab/internal/serve"
)

// TestBenchBrowser measures every figure of issue 11's Targets table in
// one run, on the page `make wasm` built into web/ (or CLVLAB_BENCH_WEB),
// and prints them as a Markdown table (also written to CLVLAB_BENCH_OUT,
// if set). It runs only when CLVLAB_BENCH_BROWSER is set: `make
// bench-browser`. Nothing here is asserted on time; it fails only when the
// page cannot be driven.
//
// How each figure is taken (all from outside the app, through what it
// publishes as window.clvlab, plus a script the bench adds to the page
// before the page's own):
//   - bytes before the first frame: the transfer sizes (compressed, headers
//     included) of the page and every resource whose response ended before
//     the first frame, from the Resource Timing entries;
//   - first frame: performance.now() (from navigation start) when the app
//     first publishes a frame with a chart, in fresh browser profiles, and
//     then in a new tab of the same browser;
//   - key to frame: an arrow key on a focused slider, from the keydown
//     event's time stamp to the publish of the frame whose link changed;
//   - chart redraw: lastRenderMs after a click that changes a slider, on
//     each tab (as many as window.clvlab.widgets has), and the change's
//     split (lastChartBuildMs, lastChartDrawMs, lastChartGPUMs); then the
//     median of CLVLAB_BENCH_CHANGES more changes on the tab (4 by
//     default), clicks between two places: the first change after a
//     tab's switch is the slowest (the wasm's and the GPU's code for that
//     chart still warming up), the median is what a lever's moves cost;
//   - blocked: the longest Long Task the page reported in a phase;
//   - idle CPU: utime+stime of the browser's processes (/proc) over
//     CLVLAB_BENCH_IDLE seconds (10 by default), the app idle after a
//     slider's change and a move of the mouse over the chart (each input
//     event wakes the page), and then a blank page in the same tab;
//   - `clvlab run four-stage`: the wall time of the built command, PNG
//     charts, median of 5.
func TestBenchBrowser(t *testing.T) {
	if os.Getenv("CLVLAB_BENCH_BROWSER") == "" {
		t.Skip("measures the page in Chromium for minutes: set CLVLAB_BENCH_BROWSER=1 (make bench-browser)")
	}
	exe := chromium(t)
	web := os.Getenv("CLVLAB_BENCH_WEB")
	if web == "" {
		web = filepath.Join("..", "..", "web")
	}
	if err := serve.Check(os.DirFS(web)); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.Handler(os.DirFS(web)))
	defer srv.Close()
	// CLVLAB_BENCH_ONLY, a comma list of phases (cold, keys, charts,
	// idle, trials, run), measures only those: for comparing one figure
	// before and after a change; empty measures all.
	only := os.Getenv("CLVLAB_BENCH_ONLY")
	phase := func(name string) bool { return only == "" || slices.Contains(strings.Split(only, ","), name) }
	cold := envInt("CLVLAB_BENCH_COLD", 5)
	idle := time.Duration(envInt("CLVLAB_BENCH_IDLE", 10)) * time.Second
	changes := envInt("CLVLAB_BENCH_CHANGES", 4)
	var r report
	r.add("load average before", loadAverage())

	// First frame, cold: fresh profiles, English then Chinese.
	for _, lang := range []string{"en", "zh"} {
		if !phase("cold") {
			break
		}
		var firsts, warms, bytes []float64
		var phases []string
		n := cold
		if lang == "zh" {
			n = max(1, cold/2)
		}
		for range n {
			b := newBench(t, exe, 1280, 800)
			b.open(srv.URL + "/#s=four-stage&lang=" + lang)
			firsts = append(firsts, b.eval(`__bench.firstFrame`))
			bytes = append(bytes, b.eval(`__benchBytes()`))
			phases = append(phases, b.evalString(`JSON.stringify((window.clvlab && window.clvlab.start) || {})`))
			if lang == "zh" {
				b.check(`window.clvlab.lang === "zh"`)
			}
			// The same link in a new tab of the same browser: what a
			// person opening a shared link sees (the HTTP cache revalidated,
			// V8's code cache).
			warms = append(warms, b.newTab(srv.URL+"/#s=four-stage&lang="+lang))
			b.close()
		}
		r.add("bytes before the first frame, "+lang+" (as sent, compressed)", fmt.Sprintf("%.2f MB", median(bytes)/1e6))
		r.add("first frame cold, "+lang+", median of "+strconv.Itoa(n), fmt.Sprintf("%.2f s (runs: %s)", median(firsts)/1000, list(firsts, 1000, "%.2f")))
		r.add("first frame in a new tab of the same browser, "+lang, fmt.Sprintf("%.2f s (runs: %s)", median(warms)/1000, list(warms, 1000, "%.2f")))
		for _, p := range phases {
			if p != "{}" {
				r.add("start phases, "+lang+" (ms)", p)
			}
		}
	}

	// One session for the rest: keys, tabs, idle, trials.
	b := newBench(t, exe, 1280, 800)
	defer b.close()
	b.open(srv.URL + "/#s=four-stage")
	b.settle()

	// Slider key event to the frame that shows it, 30 events.
	const slider = "stage.formation.to.stability"
	if phase("keys") {
		b.clickWidget(slider, 0.3)
		b.settle()
		// ebiten reads keys on its canvas: a click there does not focus it
		// (ebiten prevents the default of mouse events).
		b.eval(`document.querySelector("canvas").focus(), 1`)
		b.markLong()
		var keys []float64
		for i := range 30 {
			// Left then right: the click may have put the slider at its
			// limit (the stage's outflows add up to at most 1).
			key := "ArrowLeft"
			if i%2 == 1 {
				key = "ArrowRight"
			}
			b.key(key, true)
			keys = append(keys, b.poll(`(() => { const k = __bench.keys[__bench.keys.length-1];
			const c = __bench.changes.find(t => t > k); return c ? c - k : 0 })()`))
			b.key(key, false)
			time.Sleep(150 * time.Millisecond)
		}
		r.add("slider key → frame that shows it, median of 30", fmt.Sprintf("%.0f ms (min %.0f, max %.0f); page blocked at most %.0f ms",
			median(keys), slices.Min(keys), slices.Max(keys), b.longest()))
	}

	// Chart redraw per tab, at both sizes. The app waits for the GPU to
	// draw each chart (window.clvlabSync, set on each page: a navigation
	// drops it), so that lastRenderMs holds the GPU's work too, not only
	// issuing the draws.
	for _, size := range [][2]int{{1280, 800}, {1920, 1080}} {
		if !phase("charts") {
			break
		}
		// A fresh page at each size: nothing left over from the last.
		b.viewport(size[0], size[1])
		if err := chromedp.Do(b.ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		b.open(srv.URL + "/#s=four-stage")
		b.eval(`(window.clvlabSync = true, 1)`)
		b.settle()
		var row, split, steady []string
		var worst, blocked, worstSteady float64
		tabs := int(b.eval(`Object.keys(window.clvlab.widgets).filter(k => k.startsWith("tab:")).length`))
		for tab := range tabs {
			b.markLong()
			b.clickWidget(fmt.Sprintf("tab:%d", tab), 0.5)
			if !b.try(fmt.Sprintf(`window.clvlab.tab === %d`, tab)) {
				row = append(row, fmt.Sprintf("%d: click missed", tab))
				continue
			}
			b.settle()
			sw := b.eval(`window.clvlab.lastRenderMs`)
			// A change on this tab: a click on the slider's track.
			before := b.evalString(`window.clvlab.fragment`)
			charts := b.eval(`window.clvlab.charts ?? -1`) // -1: a page from before the count
			b.clickWidget(slider, []float64{0.15, 0.25}[tab%2])
			if !b.try(fmt.Sprintf(`window.clvlab.fragment !== %q`, before)) {
				row = append(row, fmt.Sprintf("%d: %.0f/change missed", tab, sw))
				continue
			}
			b.settle()
			if charts >= 0 && b.eval(`window.clvlab.charts`) == charts {
				// The change drew no chart (the Plans tab shows a table):
				// lastRenderMs still holds the last tab's.
				row = append(row, fmt.Sprintf("%d: no chart", tab))
				continue
			}
			ch := b.eval(`window.clvlab.lastRenderMs`)
			worst, blocked = max(worst, ch), max(blocked, b.longest())
			row = append(row, fmt.Sprintf("%d: %.0f/%.0f", tab, sw, ch))
			split = append(split, fmt.Sprintf("%d: %.0f/%.0f/%.0f", tab, b.eval(`window.clvlab.lastChartBuildMs || 0`),
				b.eval(`window.clvlab.lastChartDrawMs || 0`), b.eval(`window.clvlab.lastChartGPUMs || 0`)))
			// More changes on the tab, clicks between the other place
			// and this one.
			var more []float64
			for i := range changes {
				before := b.evalString(`window.clvlab.fragment`)
				b.clickWidget(slider, []float64{0.15, 0.25}[(tab+i+1)%2])
				if !b.try(fmt.Sprintf(`window.clvlab.fragment !== %q`, before)) {
					continue
				}
				b.settle()
				more = append(more, b.eval(`window.clvlab.lastRenderMs`))
			}
			if len(more) > 0 {
				m := median(more)
				worstSteady = max(worstSteady, m)
				steady = append(steady, fmt.Sprintf("%d: %.0f", tab, m))
			}
		}
		r.add(fmt.Sprintf("chart redraw %d×%d, per tab (switch/change, ms)", size[0], size[1]),
			fmt.Sprintf("worst change %.0f ms; %s; page blocked at most %.0f ms; charts drawn at ×%.0f", worst, strings.Join(row, ", "), blocked,
				b.eval(`window.clvlab.supersample`)))
		r.add(fmt.Sprintf("… the change split: build/draw calls/GPU wait, ms (%d×%d)", size[0], size[1]), strings.Join(split, ", "))
		if changes > 0 {
			r.add(fmt.Sprintf("chart redraw %d×%d, median of %d more changes per tab (ms)", size[0], size[1], changes),
				fmt.Sprintf("worst tab %.0f ms; %s", worstSteady, strings.Join(steady, ", ")))
		}
	}
	b.viewport(1280, 800)
	if err := chromedp.Do(b.ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	b.open(srv.URL + "/#s=four-stage")
	b.settle()

	// Idle: the app after a change and a move over the chart (input
	// events wake the page: it must go back to holding its frames), then
	// a blank page, in the same tab.
	if phase("idle") {
		b.clickWidget("stage.formation.to.stability", 0.4)
		// (900, 400) of the 1280×800 page is on the chart, right of the panel.
		if err := chromedp.Do(b.ctx, chromedp.MouseEvent(chromedp.MouseMoved, 900, 400)); err != nil {
			t.Fatal(err)
		}
		b.settle()
	}
	time.Sleep(2 * time.Second)
	var appCPU float64
	var appKinds map[string]float64
	if phase("idle") {
		appCPU, appKinds = b.cpu(idle)
	}

	// Trials: 200, then 1,000, on CLVLAB_BENCH_TRIALS fresh pages (1 by
	// default). The renderer's CPU meanwhile says how much of the time the
	// page worked (the rest is the machine's other load).
	if phase("trials") {
		reps := envInt("CLVLAB_BENCH_TRIALS", 1)
		ms := map[int][]float64{} // by run: 200, 1,000, 200 again
		// The first 200 and 1,000 run on code the page has not run yet:
		// V8 compiles wasm lazily and tiers hot functions up in the
		// background, on the cores the page and SwiftShader share. The
		// third run, 200 again, is what every later click gets.
		trialRuns := []int{200, 1000, 200}
		var rows [][]string
		for rep := range reps {
			if rep > 0 {
				if err := chromedp.Do(b.ctx, chromedp.Navigate("about:blank")); err != nil {
					t.Fatal(err)
				}
				b.open(srv.URL + "/#s=four-stage")
				b.settle()
			}
			var row []string
			for i, n := range trialRuns {
				if i == 2 {
					// Back to 200 on the same page, its code now warm:
					// the button goes 1,000 → 5,000 (stopped at once) → off
					// → 200.
					for _, want := range []int{5000, 0} {
						b.clickWidget("button:trials", 0.5)
						b.poll(fmt.Sprintf(`window.clvlab.trials === %d ? 1 : 0`, want))
						b.settle()
					}
				}
				prev := b.eval(`window.clvlab.lastMonteCarloMs || 0`)
				frames := b.eval(`window.clvlab.frames`)
				b.markLong()
				root := chromedp.FromContext(b.ctx).Browser.Process().Pid
				r0 := treeTicks(root)["renderer"]
				trace := ""
				if f := os.Getenv("CLVLAB_BENCH_TRACE"); f != "" && rep == 0 {
					trace = fmt.Sprintf("%s-%d-%d.json", f, i, n)
				}
				b.eval(`(__bench.frames = [], 1)`)
				var r1 int64
				b.traced(trace, func() {
					b.clickWidget("button:trials", 0.5)
					b.poll(fmt.Sprintf(`window.clvlab.trials === %d && window.clvlab.bands === true && window.clvlab.lastMonteCarloMs !== %v ? 1 : 0`, n, prev))
					r1 = treeTicks(root)["renderer"]
					b.settle()
				})
				got := b.eval(`window.clvlab.lastMonteCarloMs`)
				ms[i] = append(ms[i], got)
				// What a person sees: from the click (the button's press:
				// the button acts on it) to the end of the task that drew the
				// first frame with these bands; and each frame from the
				// click: when its task ended (ms after the press), its layout
				// and chart ms (the chart's only if drawn since the last).
				const click = `__bench.downs[__bench.downs.length-1]`
				seen := b.eval(fmt.Sprintf(`(f => f ? f.end - %s : -1)(__bench.frames.find(f => f.bands && f.trials === %d && f.t > %s))`, click, n, click))
				frameList := b.evalString(`(() => { const c = ` + click + `; let last = -1;
					return __bench.frames.map(f => { const s = (f.end - c).toFixed(0) + (f.bands ? " bands" : "") + " (layout " + (f.layout||0).toFixed(0) +
						(f.render !== last ? ", chart " + (f.render||0).toFixed(0) : "") + ")"; last = f.render; return s; }).join(", ") })()`)
				// The page blocked while the trials ran: the longest Long
				// Task from the click to the end of the bands' frame.
				blocked := b.eval(fmt.Sprintf(`(() => { const c = %s, end = c + %v;
					return Math.max(0, ...__bench.long.filter(e => e[0] + e[1] > c && e[0] < end).map(e => e[1])) })()`, click, seen))
				row = append(row, fmt.Sprintf("%.0f ms (click → bands frame done %.0f ms; blocked at most %.0f ms; trials computed %.0f ms; frames ended at %s; renderer CPU %.0f ms; %.0f frames; longest slice %.0f ms; Long Tasks %s)",
					got, seen, blocked, b.eval(`window.clvlab.lastTrialsMs || 0`), frameList, float64(r1-r0)*1000/clockTicks,
					b.eval(`window.clvlab.frames`)-frames,
					b.eval(`window.clvlab.longestSliceMs || 0`),
					b.evalString(fmt.Sprintf(`__bench.long.filter(e => e[0] + e[1] >= %v).map(e => e[1].toFixed(0) + " at " + (e[0] - __bench.downs[__bench.downs.length-1]).toFixed(0)).join(", ") || "none"`, b.mark))))
			}
			rows = append(rows, row)
		}
		for i, n := range trialRuns {
			var runs []string
			for _, row := range rows {
				runs = append(runs, row[i])
			}
			name := fmt.Sprintf("%d trials, median of %d pages", n, reps)
			if i == 2 {
				name = fmt.Sprintf("%d trials again, warm (the same page, after 200 and 1,000), median of %d pages", n, reps)
			}
			r.add(name, fmt.Sprintf("%.0f ms (lastMonteCarloMs); runs: %s", median(ms[i]), strings.Join(runs, "; ")))
		}
	}

	if phase("idle") {
		if err := chromedp.Do(b.ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Second)
		blankCPU, blankKinds := b.cpu(idle)
		r.add(fmt.Sprintf("idle CPU over %v, all browser processes (renderer alone)", idle),
			fmt.Sprintf("planner %.1f%% (%.1f%%) of a core, blank page %.1f%% (%.1f%%)", appCPU, appKinds["renderer"], blankCPU, blankKinds["renderer"]))
		r.add("idle CPU per process", fmt.Sprintf("planner: %s; blank page: %s", kindsString(appKinds), kindsString(blankKinds)))
	}

	// The batch command.
	if phase("run") {
		r.add("`clvlab run four-stage` (PNG charts), median of 5", runFourStage(t))
	}
	r.add("load average after", loadAverage())
	out := r.String()
	t.Log("\n" + out)
	if f := os.Getenv("CLVLAB_BENCH_OUT"); f != "" {
		if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// benchScript runs in the page before the page's own script: it notes
// when the app publishes window.clvlab (the first frame with a chart, and
// each change of the link), the time stamp of each keydown, and every
// Long Task; __benchBytes adds up what was transferred before the first
// frame.
const benchScript = `(() => {
  const b = {publishes: 0, firstFrame: 0, fragment: undefined, changes: [], keys: [], downs: [], frames: [], long: []};
  window.__bench = b;
  let cur;
  Object.defineProperty(window, "clvlab", {configurable: true, enumerable: true,
    get() { return cur; },
    set(v) {
      cur = v;
      const t = performance.now();
      b.publishes++;
      b.last = t;
      if (!b.firstFrame && v && v.frames > 0 && v.lastRenderMs > 0) b.firstFrame = t;
      if (v && v.fragment !== b.fragment) { b.fragment = v.fragment; b.changes.push(t); }
      if (v) {
        // Each frame: when it was published (the end of its Draw), its
        // layout and chart times, whether it shows bands of how many
        // trials, and (end) when the task that drew it ended, its wait for
        // the compositor and the GPU included: a message posted to itself
        // runs after that task.
        b.frames.push({t, layout: v.lastLayoutMs, render: v.lastRenderMs, bands: v.bands, trials: v.trials, end: 0});
        port.postMessage(b.frames.length - 1);
      }
    }});
  const mc = new MessageChannel(), port = mc.port2;
  mc.port1.onmessage = (e) => { const f = b.frames[e.data]; if (f && !f.end) f.end = performance.now(); };
  addEventListener("keydown", e => b.keys.push(e.timeStamp), true);
  addEventListener("mousedown", e => b.downs.push(e.timeStamp), true);
  try {
    new PerformanceObserver(l => { for (const e of l.getEntries()) b.long.push([e.startTime, e.duration]); })
      .observe({type: "longtask", buffered: true});
  } catch (e) {}
  window.__benchBytes = () => {
    let n = 0;
    for (const e of performance.getEntriesByType("navigation")) n += e.transferSize;
    for (const e of performance.getEntriesByType("resource")) if (e.responseEnd <= b.firstFrame) n += e.transferSize;
    return n;
  };
})();`

// bench is one browser with one tab.
type bench struct {
	t      *testing.T
	ctx    context.Context
	cancel func()
	mark   float64 // performance.now() from which longest counts
}

func newBench(t *testing.T, exe string, w, h int) *bench {
	t.Helper()
	ctx, cancelBrowser := openBrowser(t, exe, w, h)
	b := &bench{t: t, ctx: ctx, cancel: cancelBrowser}
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: benchScript})
		return err
	}), chromedp.EmulateViewport(int64(w), int64(h))); err != nil {
		b.close()
		t.Fatal(err)
	}
	return b
}

func (b *bench) close() { b.cancel() }

// newTab opens url in a new tab of the browser and returns its first
// frame's time (ms from that tab's navigation).
func (b *bench) newTab(url string) float64 {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	tab := &bench{t: b.t, ctx: ctx, cancel: cancel}
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: benchScript})
		return err
	}), chromedp.EmulateViewport(1280, 800)); err != nil {
		b.t.Fatal(err)
	}
	tab.open(url)
	return tab.eval(`__bench.firstFrame`)
}

// open navigates and waits for the first frame with a chart.
func (b *bench) open(url string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(url)); err != nil {
		b.t.Fatal(err)
	}
	b.poll(`window.__bench && __bench.firstFrame`)
}

func (b *bench) eval(expr string) float64 {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func (b *bench) evalString(expr string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func (b *bench) check(cond string) {
	b.t.Helper()
	if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](cond)); err != nil || !ok {
		b.t.Errorf("%s is not so (%v)", cond, err)
	}
}

var pollFor = 60 * time.Second

// poll waits up to 60 s for expr to be a number other than 0 and returns it.
func (b *bench) poll(expr string) float64 {
	b.t.Helper()
	deadline := time.Now().Add(pollFor)
	for time.Now().Before(deadline) {
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](`+(`+expr+`) || 0`))
		if err == nil && v != 0 {
			return v
		}
		if err != nil && !strings.Contains(err.Error(), "Cannot find context") {
			b.t.Fatalf("%s: %v", expr, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	state, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`JSON.stringify({keys: __bench.keys.slice(-3), changes: __bench.changes.slice(-3),
		focus: document.activeElement && document.activeElement.tagName, fragment: window.clvlab && window.clvlab.fragment,
		tab: window.clvlab && window.clvlab.tab, tab0: window.clvlab && window.clvlab.widgets["tab:0"], message: window.clvlab && window.clvlab.message})`))
	if buf, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot()); err == nil {
		if dir := os.Getenv("CLVLAB_SHOTS"); dir != "" {
			os.WriteFile(filepath.Join(dir, "bench-stuck.png"), buf, 0o644)
		}
	}
	b.t.Fatalf("waited 60 s for %s; page: %s", expr, state)
	return 0
}

// try waits up to 15 s for cond and reports whether it came true.
func (b *bench) try(cond string) bool {
	b.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`)); err == nil && ok {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// settle waits until the app has published no frame for 400 ms (at most
// 20 s).
func (b *bench) settle() {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if b.eval(`performance.now() - (__bench.last || 0)`) > 400 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (b *bench) markLong() { b.mark = b.eval(`performance.now()`) }

// longest returns the longest Long Task since markLong, in ms.
func (b *bench) longest() float64 {
	return b.eval(fmt.Sprintf(`Math.max(0, ...__bench.long.filter(e => e[0] + e[1] >= %v).map(e => e[1]))`, b.mark))
}

func (b *bench) viewport(w, h int) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(int64(w), int64(h))); err != nil {
		b.t.Fatal(err)
	}
	b.poll(fmt.Sprintf(`innerWidth === %d ? 1 : 0`, w))
}

// clickWidget clicks widget id (a key of window.clvlab.widgets) at the
// fraction fx of its width, three-quarters down, one app tick between
// move, press and release.
func (b *bench) clickWidget(id string, fx float64) {
	b.t.Helper()
	x := b.eval(fmt.Sprintf(`(w => w.x + w.w * %v)(window.clvlab.widgets[%q])`, fx, id))
	y := b.eval(fmt.Sprintf(`(w => w.y + w.h * 0.75)(window.clvlab.widgets[%q])`, id))
	tick := chromedp.Sleep(100 * time.Millisecond)
	if err := chromedp.Do(b.ctx,
		chromedp.MouseEvent(chromedp.MouseMoved, x, y), tick,
		chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)), tick,
		chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)), tick,
	); err != nil {
		b.t.Fatal(err)
	}
}

// key presses (down) or releases an arrow key.
func (b *bench) key(name string, down bool) {
	b.t.Helper()
	codes := map[string]int64{"ArrowLeft": 37, "ArrowRight": 39}
	p := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeRawKeyDown, Key: name, Code: name, WindowsVirtualKeyCode: codes[name], NativeVirtualKeyCode: codes[name]}
	if !down {
		p.Type = input.DispatchKeyEventTypeKeyUp
	}
	if err := chromedp.Do(b.ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, p)
		return err
	})); err != nil {
		b.t.Fatal(err)
	}
}

// cpu returns the CPU the browser's processes used over d, in percent of
// one core: all of them, and per kind of process (renderer, gpu-process,
// utility, browser: Chromium's --type).
func (b *bench) cpu(d time.Duration) (all float64, kinds map[string]float64) {
	b.t.Helper()
	root := chromedp.FromContext(b.ctx).Browser.Process().Pid
	k0 := treeTicks(root)
	start := time.Now()
	time.Sleep(d)
	k1 := treeTicks(root)
	el := time.Since(start).Seconds() * clockTicks
	kinds = map[string]float64{}
	for k, v := range k1 {
		kinds[k] = 100 * float64(v-k0[k]) / el
		all += kinds[k]
	}
	return all, kinds
}

// kindsString lists the CPU of each kind of process, largest first.
func kindsString(kinds map[string]float64) string {
	var names []string
	for k := range kinds {
		names = append(names, k)
	}
	slices.SortFunc(names, func(x, y string) int { return cmp.Compare(kinds[y], kinds[x]) })
	var out []string
	for _, k := range names {
		out = append(out, fmt.Sprintf("%s %.1f%%", k, kinds[k]))
	}
	return strings.Join(out, ", ")
}

// clockTicks is USER_HZ, the unit of /proc/PID/stat's times on Linux.
const clockTicks = 100

// treeTicks adds up utime+stime of root and its descendants, per kind of
// process (Chromium's --type; "browser" for the root).
func treeTicks(root int) map[string]int64 {
	type proc struct {
		ppid  int
		ticks int64
		kind  string
	}
	procs := map[int]proc{}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(stat)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		if len(f) < 13 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		cmd, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		kind := "browser"
		// Chromium sets its processes' titles: their arguments are then
		// separated by spaces, not NULs.
		for _, arg := range strings.FieldsFunc(string(cmd), func(r rune) bool { return r == 0 || r == ' ' }) {
			if t, ok := strings.CutPrefix(arg, "--type="); ok {
				kind = t
			}
		}
		procs[pid] = proc{ppid, ut + st, kind}
	}
	in := func(pid int) bool {
		for range 64 {
			if pid == root {
				return true
			}
			p, ok := procs[pid]
			if !ok || p.ppid == 0 {
				return false
			}
			pid = p.ppid
		}
		return false
	}
	kinds := map[string]int64{}
	for pid, p := range procs {
		if in(pid) {
			kinds[p.kind] += p.ticks
		}
	}
	return kinds
}

// runFourStage builds the command and times `clvlab run four-stage`.
func runFourStage(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "clvlab")
	if out, err := exec.Command("go", "build", "-o", bin, "clvlab/cmd/clvlab").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var times []float64
	for i := range 5 {
		cmd := exec.Command(bin, "run", "-o", filepath.Join(dir, "out"+strconv.Itoa(i)), "four-stage")
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("clvlab run four-stage: %v\n%s", err, out)
		}
		times = append(times, time.Since(start).Seconds())
	}
	return fmt.Sprintf("%.2f s (runs: %s)", median(times), list(times, 1, "%.2f"))
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func loadAverage() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ") + fmt.Sprintf(" (%d cores)", runtime.NumCPU())
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func list(v []float64, div float64, format string) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprintf(format, x/div)
	}
	return strings.Join(parts, ", ")
}

// report is the bench's table.
type report struct{ rows [][2]string }

func (r *report) add(figure, value string) { r.rows = append(r.rows, [2]string{figure, value}) }

func (r *report) String() string {
	var b strings.Builder
	b.WriteString("| figure | measured |\n|---|---|\n")
	for _, row := range r.rows {
		fmt.Fprintf(&b, "| %s | %s |\n", row[0], row[1])
	}
	return b.String()
}
