//go:build !js

package serve_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"clvlab/internal/serve"
)

// TestBrowserDropData (issue 15, item 4): the CDNOW summary CSV dropped on
// the page in headless Chromium is fitted in the tab (the page has no
// server to send it to: serve.Handler serves files only) and the fitted
// scenario opens: window.clvlab names it, the notice says the data never
// left the machine, and the fit view's button is on the screen.
func TestBrowserDropData(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the wasm app and starts a browser")
	}
	exe := chromium(t)
	dir := buildPage(t)
	srv := httptest.NewServer(serve.Handler(os.DirFS(dir)))
	defer srv.Close()
	data, err := filepath.Abs("../records/testdata/cdnow_customers_summary_with_transactions.csv")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := openBrowser(t, exe, 1280, 800)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(srv.URL+"/#s=four-stage")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `window.clvlab && window.clvlab.frames > 0 && window.clvlab.lastRenderMs > 0`)
	canvas := read(t, ctx).Widgets["tab:0"]
	for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
		if _, err := chromedp.Call(ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: canvas.X + 200, Y: canvas.Y + 200,
			Data: &input.DragData{Files: []string{data}, DragOperationsMask: 1}}); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, ctx, `window.clvlab.message.startsWith("Fitted") || window.clvlab.message.includes("rror")`)
	st := read(t, ctx)
	if !strings.Contains(st.Message, "never left this machine") {
		t.Fatalf("message %q", st.Message)
	}
	scenario, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.clvlab.scenario`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(scenario, "fitted BG/NBD") {
		t.Errorf("scenario %q is not the fitted one", scenario)
	}
	if _, ok := st.Widgets["button:open-fitted"]; !ok {
		t.Error("the fit view's button is not on the screen")
	}
	screenshot(t, ctx, "drop-data")
}
