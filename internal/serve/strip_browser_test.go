package serve_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/chromedp/chromedp"
)

// stripKPIs opens brand-switching and referral-value in new tabs of
// ctx's browser, each at a size, language and text size of the fragment,
// and checks that window.clvlab.kpis publishes the KPI strip's figures
// the scenario uses (issue 16, gap 4): our steady share, 0.4375 (the
// scenario's hand calculation), and the referral value and R, with the
// headline five; and that four-stage's has none of them (TestBrowser
// reads it). Each screen is saved with CLVLAB_SHOTS.
func stripKPIs(t *testing.T, ctx context.Context, base string, fourStage map[string]float64) {
	t.Helper()
	for _, key := range []string{"steady_share", "referral_value", "referrals_direct"} {
		if _, ok := fourStage[key]; ok {
			t.Errorf("four-stage publishes %s", key)
		}
	}
	for _, c := range []struct {
		fragment string
		w, h     int64
		want     []string
	}{
		{"s=brand-switching&text=large&lang=zh", 1024, 640, []string{"steady_share"}},
		{"s=referral-value&lang=en", 1280, 800, []string{"referral_value", "referrals_direct"}},
	} {
		tab, closeTab := chromedp.NewContext(ctx)
		if err := chromedp.Do(tab, chromedp.EmulateViewport(c.w, c.h), chromedp.Navigate(base+"/#"+c.fragment)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, tab, `window.clvlab && window.clvlab.frames > 0 && window.clvlab.lastRenderMs > 0`)
		st := read(t, tab)
		for _, key := range append([]string{"clv", "clv_net", "customer_equity"}, c.want...) {
			if _, ok := st.Kpis[key]; !ok {
				t.Errorf("%s: window.clvlab.kpis has no %s: %v", c.fragment, key, st.Kpis)
			}
			if _, ok := st.Widgets["kpi:"+key]; !ok {
				t.Errorf("%s: no card for %s", c.fragment, key)
			}
		}
		if v, ok := st.Kpis["steady_share"]; ok && math.Abs(v-0.4375) > 1e-12 {
			t.Errorf("%s: steady_share %v, want 0.4375", c.fragment, v)
		}
		onScreen(t, st.Widgets, float64(c.w), float64(c.h))
		screenshot(t, tab, fmt.Sprintf("browser-strip-%dx%d-%s", c.w, c.h, c.want[0]))
		closeTab()
	}
}
