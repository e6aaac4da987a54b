package app

import (
	"image"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// TestNoticeKeepsLayout: a notice that is shorter than the scenario's
// description (Save plan's, one line, against four-stage's two at
// 1280×800) takes the description's room, so nothing under the status
// line moves when it comes or when it expires. Before, the tabs and the
// Plans tab's field moved up a line with the notice and down again 8 s
// later, and a click aimed at the field as the notice expired landed on
// the Cohorts tab (TestBrowserPlans under load).
func TestNoticeKeepsLayout(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		a, screen := newApp(t, 1280, 800)
		if lang == "zh" {
			click(t, a, "button:lang")
		}
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		a.now = func() time.Time { return now }
		click(t, a, "tab:9")
		if n := len(a.bar.desc); n < 2 {
			t.Fatalf("%s: the description takes %d line(s); the test needs one longer than the notice", lang, n)
		}
		boxes := func() map[string]image.Rectangle {
			out := map[string]image.Rectangle{}
			for _, id := range []string{"tab:0", "tab:9", "kpi:clv", "field:plan-name", "button:plans-save"} {
				r, ok := a.Widgets()[id]
				if !ok {
					t.Fatalf("%s: no widget %s", lang, id)
				}
				out[id] = r
			}
			return out
		}
		before := boxes()
		click(t, a, "button:save")
		if !a.bar.noticed || len(a.bar.desc) >= 2 {
			t.Fatalf("%s: after Save plan the status line shows %q: want a one-line notice", lang, a.bar.desc)
		}
		during := boxes()
		now = now.Add(noticeFor + time.Second)
		inFrame(func(*ebiten.Image) {
			a.Update()
			a.Draw(screen)
		})
		if a.bar.noticed {
			t.Fatalf("%s: the notice did not expire", lang)
		}
		after := boxes()
		for id, r := range before {
			if during[id] != r || after[id] != r {
				t.Errorf("%s: %s is at %v, %v with the notice, %v after it expired", lang, id, r, during[id], after[id])
			}
		}
	}
}
