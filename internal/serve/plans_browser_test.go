//go:build !js

package serve_test

import (
	"encoding/csv"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"clvlab/internal/serve"
	"clvlab/scenarios"
)

// plansState is the part of window.clvlab about plans.
type plansState struct {
	Plans, Saved, Compared []string
	Baseline               string
	Kpis                   map[string]float64
	Widgets                map[string]box
	Message                string
}

// TestBrowserPlans walks TestBrowser's strategist path on with plans, in
// headless Chromium: save two plans (Save plan, and the Plans tab's field
// with a typed name), reload the page and find both again
// (localStorage), compare them on the charts and make one the baseline,
// export the KPIs as CSV (the downloaded file's current row is the KPI
// strip's), export TOML and drop the downloaded file back on the page,
// which opens with every plan as a variant.
func TestBrowserPlans(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the wasm app and starts a browser")
	}
	exe := chromium(t)
	dir := buildPage(t)
	srv := httptest.NewServer(serve.Handler(os.DirFS(dir)))
	defer srv.Close()
	downloads := t.TempDir()

	ctx, cancel := openBrowser(t, exe, 1280, 800)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(srv.URL+"/#s=four-stage")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	ready := `window.clvlab && window.clvlab.frames > 0 && window.clvlab.lastRenderMs > 0`
	waitFor(t, ctx, ready)
	plans := func() plansState {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[plansState](`window.clvlab`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tick := chromedp.Sleep(100 * time.Millisecond)
	click := func(id string) {
		t.Helper()
		clickOn(t, ctx, id, tick)
	}

	// Plan one: formation → stability dragged to the right end, then Save plan.
	before := plans()
	b := before.Widgets["stage.formation.to.stability"]
	y, x0, x1 := b.Y+b.H*0.75, b.X+b.W*0.3, b.X+b.W-2
	if err := chromedp.Do(ctx,
		chromedp.MouseEvent(chromedp.MouseMoved, x0, y), tick,
		chromedp.MouseEvent(chromedp.MousePressed, x0, y, chromedp.ButtonLeft), tick,
		chromedp.MouseEvent(chromedp.MouseMoved, (x0+x1)/2, y, chromedp.ButtonLeft), tick,
		chromedp.MouseEvent(chromedp.MouseMoved, x1, y, chromedp.ButtonLeft), tick,
		chromedp.MouseEvent(chromedp.MouseReleased, x1, y, chromedp.ButtonLeft), tick,
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, fmt.Sprintf(`window.clvlab.kpis.clv > %v`, before.Kpis["clv"]))
	click("button:save")
	waitFor(t, ctx, `window.clvlab.saved.length === 1`)
	// Plan two: the values as loaded, named in the Plans tab.
	click("button:reset")
	click("tab:9")
	waitFor(t, ctx, `window.clvlab.tab === 9`)
	click("field:plan-name")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("Keep as is"), tick, tick); err != nil {
		t.Fatal(err)
	}
	click("button:plans-save") // saves under the typed name
	waitFor(t, ctx, `window.clvlab.saved.length === 2`)
	saved := plans().Saved
	if saved[0] != "Plan 1" || saved[1] != "Keep as is" {
		t.Fatalf("saved %q, want Plan 1 and Keep as is", saved)
	}
	screenshot(t, ctx, "browser-plans")

	// A reload keeps both (localStorage).
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `window.clvlab && window.clvlab.frames > 0 && window.clvlab.tab === 9`) // the Plans tab draws no chart
	waitFor(t, ctx, `window.clvlab.saved.length === 2`)
	if got := plans().Saved; got[0] != "Plan 1" || got[1] != "Keep as is" {
		t.Fatalf("after a reload the saved plans are %q", got)
	}

	// Compare: both on the charts, Plan 1 the baseline.
	st := plans()
	p1, p2 := len(st.Plans)-2, len(st.Plans)-1
	click(fmt.Sprintf("charts:plan:%d", p1))
	click(fmt.Sprintf("charts:plan:%d", p2))
	waitFor(t, ctx, `window.clvlab.compared.length === 2`)
	click(fmt.Sprintf("baseline:plan:%d", p1))
	waitFor(t, ctx, `window.clvlab.baseline === "Plan 1"`)
	if f := read(t, ctx).Fragment; !strings.Contains(f, "bn=Plan+1") {
		t.Errorf("the link %q does not carry the baseline plan", f)
	}
	click("tab:5") // Compare: the baseline, both plans and the current values
	waitFor(t, ctx, `window.clvlab.tab === 5`)
	screenshot(t, ctx, "browser-plans-compare")

	// Export the KPIs: the current values' row is the KPI strip.
	download := func(entry, suffix string) string {
		t.Helper()
		click("button:export")
		click("button:" + entry)
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			names, _ := filepath.Glob(filepath.Join(downloads, "*"+suffix))
			if len(names) == 1 {
				if b, err := os.ReadFile(names[0]); err == nil && len(b) > 0 {
					return names[0]
				}
			}
			time.Sleep(200 * time.Millisecond)
		}
		t.Fatalf("no %s downloaded (%s)", suffix, plans().Message)
		return ""
	}
	name := download("csv-kpis", "-plans.csv")
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	kpis := plans().Kpis
	if len(rows) != 2+len(st.Plans) || rows[1][0] != "Current values" {
		t.Fatalf("%d rows, first %q; want a header, the current values and %d plans", len(rows), rows[1], len(st.Plans))
	}
	for j, head := range rows[0][2:] {
		key, _, _ := strings.Cut(head, " ")
		v, err := strconv.ParseFloat(rows[1][2+j], 64)
		if want, ok := kpis[key]; ok && (err != nil || math.Abs(v-want) > 1e-9*math.Abs(want)) {
			t.Errorf("CSV %s = %q, the KPI strip %v", key, rows[1][2+j], want)
		}
	}
	for _, r := range rows[1:] {
		if r[0] == "Plan 1" && r[1] != "yes" || r[0] != "Plan 1" && r[1] != "" {
			t.Errorf("row %q: baseline %q", r[0], r[1])
		}
	}

	// Export TOML and drop it on the page: it opens with every plan.
	toml := download("toml", ".toml")
	src, _ := os.ReadFile(toml)
	back, err := scenarios.Parse(toml, src)
	if err != nil {
		t.Fatalf("the exported file does not load: %v", err)
	}
	if len(back.Variants) < len(st.Plans)-1 {
		t.Errorf("%d variants exported, want the %d plans past the first", len(back.Variants), len(st.Plans)-1)
	}
	canvas := plans().Widgets["tab:0"]
	for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
		if _, err := chromedp.Call(ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: canvas.X + 200, Y: canvas.Y + 200,
			Data: &input.DragData{Files: []string{toml}, DragOperationsMask: 1}}); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, ctx, `window.clvlab.message.startsWith("Loaded")`)
	got := plans()
	for _, want := range []string{"Plan 1", "Keep as is"} {
		if !contains(got.Plans, want) {
			t.Errorf("the reopened file's plans %q lack %q", got.Plans, want)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
