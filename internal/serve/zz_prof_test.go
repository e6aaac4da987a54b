//go:build !js

package serve_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"clvlab/internal/serve"
)

func TestZZProf(t *testing.T) {
	dir := os.Getenv("PROF_WEB")
	if dir == "" {
		t.Skip()
	}
	exe := chromium(t)
	srv := httptest.NewServer(serve.Handler(os.DirFS(dir)))
	defer srv.Close()
	b := newBench(t, exe, 1280, 800)
	defer b.close()
	call := func(f func(ctx context.Context, tg *chromedp.Target) error) {
		if err := chromedp.Do(b.ctx, chromedp.Func(f)); err != nil {
			t.Fatal(err)
		}
	}
	call(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, profiler.Enable, cdp.Empty{}); err != nil {
			return err
		}
		cdp.Call(ctx, tg, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 500})
		_, err := cdp.Call(ctx, tg, profiler.Start, cdp.Empty{})
		return err
	})
	b.open(srv.URL + "/#s=four-stage" + os.Getenv("PROF_FRAG"))
	var prof *profiler.Profile
	call(func(ctx context.Context, tg *chromedp.Target) error {
		r, err := cdp.Call(ctx, tg, profiler.Stop, cdp.Empty{})
		prof = r.Profile
		return err
	})
	t.Log(b.evalString(`JSON.stringify(window.clvlab.start)`))
	// self and inclusive time per function
	byID := map[int64]*profiler.ProfileNode{}
	parent := map[int64]int64{}
	for _, n := range prof.Nodes {
		byID[n.ID] = n
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	self := map[string]float64{}
	incl := map[string]float64{}
	for i, s := range prof.Samples {
		dt := float64(prof.TimeDeltas[i]) / 1000
		n := byID[s]
		self[n.CallFrame.FunctionName] += dt
		seen := map[string]bool{}
		for id := s; ; {
			nn := byID[id]
			name := nn.CallFrame.FunctionName
			if !seen[name] {
				incl[name] += dt
				seen[name] = true
			}
			p, ok := parent[id]
			if !ok {
				break
			}
			id = p
		}
	}
	dump := func(m map[string]float64, k int) string {
		type kv struct {
			k string
			v float64
		}
		var l []kv
		for a, v := range m {
			l = append(l, kv{a, v})
		}
		sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v })
		var sb strings.Builder
		for i := 0; i < k && i < len(l); i++ {
			fmt.Fprintf(&sb, "%8.1f %s\n", l[i].v, l[i].k)
		}
		return sb.String()
	}
	os.WriteFile("/tmp/prof-self.txt", []byte(dump(self, 80)), 0o644)
	os.WriteFile("/tmp/prof-incl.txt", []byte(dump(incl, 300)), 0o644)
}

func TestZZShot(t *testing.T) {
	url := os.Getenv("SHOT_URL")
	if url == "" {
		t.Skip()
	}
	b := newBench(t, chromium(t), 800, 400)
	defer b.close()
	for _, l := range []string{"en", "zh"} {
		if err := chromedp.Do(b.ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(url+"#s=four-stage&lang="+l)); err != nil {
			t.Fatal(err)
		}
		b.poll(`document.getElementById("progress").textContent.match(/[0-9]/) ? 1 : 0`)
		buf, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile("/tmp/loading-"+l+".png", buf, 0o644)
		b.poll(`window.clvlab ? 1 : 0`)
	}
}
