//go:build !js

package serve_test

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceCategories are what a trace of the bench records: the page's
// tasks and frames (devtools.timeline, toplevel), the compositor and the
// GPU process (cc, viz, gpu); CLVLAB_BENCH_TRACE_CATEGORIES adds more (a
// comma list: disabled-by-default-v8.cpu_profiler samples the Go
// functions, by name on a build without -s -w, and slows the wasm).
var traceCategories = []string{
	"toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline",
	"disabled-by-default-devtools.timeline.frame", "blink", "cc", "viz", "gpu",
	"v8.execute",
}

// traced runs fn while Chromium records a trace of every process, and
// writes it to file (the JSON that chrome://tracing and Perfetto read), if
// file is not empty; else it only runs fn.
func (b *bench) traced(file string, fn func()) {
	b.t.Helper()
	if file == "" {
		fn()
		return
	}
	cats := traceCategories
	if more := os.Getenv("CLVLAB_BENCH_TRACE_CATEGORIES"); more != "" {
		cats = append(slices.Clone(cats), strings.Split(more, ",")...)
	}
	ctx, stop := context.WithCancel(b.ctx)
	defer stop()
	var mu sync.Mutex
	var events []json.RawMessage
	finished := make(chan struct{})
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range ev.Value {
				if raw, err := json.Marshal(v); err == nil {
					events = append(events, raw)
				}
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(finished)
		}
	}); err != nil {
		b.t.Fatal(err)
	}
	if _, err := chromedp.Call(b.ctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig:  &tracing.TraceConfig{RecordMode: tracing.TraceConfigRecordModeRecordContinuously, IncludedCategories: cats},
	}); err != nil {
		b.t.Fatal(err)
	}
	fn()
	if _, err := chromedp.Call(b.ctx, tracing.End, cdp.Empty{}); err != nil {
		b.t.Fatal(err)
	}
	<-finished
	mu.Lock()
	defer mu.Unlock()
	out, err := json.Marshal(map[string]any{"traceEvents": events})
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(file, out, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("trace: %s (%d events)", file, len(events))
}
