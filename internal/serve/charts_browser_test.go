//go:build !js

package serve_test

import (
	"fmt"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"clvlab/internal/serve"
)

// TestBrowserChartTabs opens every chart tab of the planner in headless
// Chromium at 1280×800 and 1920×1080, in English and Chinese, checks that
// each tab draws a chart (the screen is not blank), and logs each tab's
// chart redraw time (window.clvlab.lastRenderMs: the chart built and
// drawn, with the GPU's work finished, as the page sets
// window.clvlabSync) as the median of three visits. It takes 5–10
// minutes, so it runs only when CLVLAB_BROWSER_TABS is set:
//
//	CLVLAB_BROWSER_TABS=1 xvfb-run -a go test -v -run BrowserChartTabs ./internal/serve
//
// Run with -v to see the figures; nothing is asserted on time.
func TestBrowserChartTabs(t *testing.T) {
	if testing.Short() || os.Getenv("CLVLAB_BROWSER_TABS") == "" {
		t.Skip("set CLVLAB_BROWSER_TABS to open every chart tab in a browser (5-10 minutes)")
	}
	exe := chromium(t)
	dir := buildPage(t)
	srv := httptest.NewServer(serve.Handler(os.DirFS(dir)))
	defer srv.Close()
	ctx, cancel := openBrowser(t, exe, 1920, 1080)
	defer cancel()
	tick := chromedp.Sleep(100 * time.Millisecond)
	click := func(id string) {
		t.Helper()
		clickOn(t, ctx, id, tick)
	}
	const tabs = 9 // chart.Kinds, then the tornado (7) and the optimum (8)
	var report strings.Builder
	for _, size := range [][2]int{{1280, 800}, {1920, 1080}} {
		for _, lang := range []string{"en", "zh"} {
			// A query of its own makes each visit load the page afresh
			// (a new fragment alone would not).
			open := func(scenario string) {
				t.Helper()
				// A query of its own makes each visit load the page afresh
				// (a new fragment alone would not).
				url := fmt.Sprintf("%s/?visit=%d%s%s#s=%s&lang=%s", srv.URL, size[0], lang, scenario, scenario, lang)
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(size[0]), int64(size[1])), chromedp.Navigate(url)); err != nil {
					t.Fatal(err)
				}
				waitFor(t, ctx, `window.clvlab && window.clvlab.frames > 0 && window.clvlab.lastRenderMs > 0`)
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.clvlabSync = true`)); err != nil {
					t.Fatal(err)
				}
			}
			times := make([][]float64, tabs)
			visit := func(tab int, shot bool) {
				t.Helper()
				click(fmt.Sprintf("tab:%d", tab))
				waitFor(t, ctx, fmt.Sprintf(`window.clvlab.tab === %d`, tab))
				times[tab] = append(times[tab], read(t, ctx).LastRenderMs)
				if shot {
					screenshot(t, ctx, fmt.Sprintf("tab%d-%s-%dx%d", tab, lang, size[0], size[1]))
				}
			}
			// The run charts and the tornado on the default scenario.
			open("four-stage")
			for round := range 3 {
				for tab := range tabs - 1 {
					visit(tab, round == 0)
				}
			}
			// The optimum, after Optimise spend, on a scenario with
			// response curves (the default has none: spending nothing is
			// its optimum).
			open("retention-spend")
			click("button:optimize")
			waitFor(t, ctx, `window.clvlab.tab === 8`)
			for round := range 3 {
				visit(7, false)
				visit(8, round == 0)
			}
			times[7] = times[7][:len(times[7])-3]
			fmt.Fprintf(&report, "%dx%d %s:", size[0], size[1], lang)
			for tab, ts := range times {
				slices.Sort(ts)
				fmt.Fprintf(&report, " tab%d %.1f", tab, ts[len(ts)/2])
			}
			report.WriteString(" ms\n")
		}
	}
	t.Logf("chart redraw (lastRenderMs, median of 3) per tab:\n%s", report.String())
}
