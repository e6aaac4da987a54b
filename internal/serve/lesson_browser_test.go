//go:build !js

package serve_test

import (
	"context"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"clvlab/internal/projection"
	"clvlab/internal/serve"
	"clvlab/scenarios/lessons"
)

// teaching is what the app publishes of teaching mode in window.clvlab.
type teaching struct {
	Projector bool
	Lesson    struct {
		ID                     string
		Step, Steps            int
		Text, Question, Answer string
	}
	Formula struct {
		KPI, Title, Result string
		Row                int
	}
	Kpis    map[string]float64
	Tab     int
	Lang    string
	Widgets map[string]box
}

// TestBrowserLesson (issue 13, "done when"): a class's walk through a
// lesson on a 1920×1080 projector, in English and then in Chinese. The
// page opens on #lesson=margin-multiple&step=1&projector=1, and Next (the
// button, then Page Down as a presenter's clicker sends it) walks it to
// its last step. At each step window.clvlab publishes the lesson and the
// step, the step's text in the page's language and its tab; the KPIs are
// the lesson's numbers (the step's scenario, lessons.Lesson.At, projected
// here); the formula panel's boxes are published, on screen, and apart
// from every other widget; the link keeps the lesson and the step. Back
// (Page Up) returns a step. CLVLAB_SHOTS=DIR keeps the screenshots of the
// formula panel and of a lesson step in each language.
func TestBrowserLesson(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the wasm app and starts a browser")
	}
	const id = "margin-multiple"
	lesson, err := lessons.Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	exe := chromium(t)
	dir := buildPage(t)
	srv := httptest.NewServer(serve.Handler(os.DirFS(dir)))
	defer srv.Close()
	ctx, cancel := openBrowser(t, exe, 1920, 1080)
	defer cancel()
	tick := chromedp.Sleep(100 * time.Millisecond)
	for _, lang := range []string{"en", "zh"} {
		link := fmt.Sprintf("%s/?%s#lesson=%s&step=1&projector=1&lang=%s", srv.URL, lang, id, lang)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(link)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, fmt.Sprintf(`window.clvlab && window.clvlab.frames > 0 && window.clvlab.lang === %q && window.clvlab.lesson && window.clvlab.lastRenderMs > 0`, lang))
		for step := 1; step <= len(lesson.Steps); step++ {
			// window.clvlab is published by the frame that drew the step.
			waitFor(t, ctx, fmt.Sprintf(`window.clvlab.lesson.step === %d`, step))
			st := readTeaching(t, ctx)
			checkStep(t, lesson, step, lang, st)
			if step == 1 {
				screenshot(t, ctx, "projector-formula-"+lang)
			}
			if step == 2 {
				screenshot(t, ctx, "projector-lesson-"+lang)
			}
			switch {
			case step == len(lesson.Steps):
			case step == 1:
				clickOn(t, ctx, "button:lesson-next", tick)
			default:
				pressKey(t, ctx, kb.PageDown)
			}
		}
		// At the end Next does nothing; Page Up goes back a step.
		frames := readFrames(t, ctx)
		pressKey(t, ctx, kb.PageDown)
		waitFor(t, ctx, fmt.Sprintf(`window.clvlab.frames > %d`, frames))
		if st := readTeaching(t, ctx); st.Lesson.Step != len(lesson.Steps) {
			t.Errorf("%s: Next after the last step went to step %d", lang, st.Lesson.Step)
		}
		pressKey(t, ctx, kb.PageUp)
		waitFor(t, ctx, fmt.Sprintf(`window.clvlab.lesson.step === %d`, len(lesson.Steps)-1))
		checkStep(t, lesson, len(lesson.Steps)-1, lang, readTeaching(t, ctx))
	}
}

// readFrames reads window.clvlab.frames.
func readFrames(t *testing.T, ctx context.Context) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.clvlab.frames`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// readTeaching reads window.clvlab's teaching part.
func readTeaching(t *testing.T, ctx context.Context) teaching {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[teaching](`window.clvlab`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkStep checks what the page shows at step (from 1) of l in lang.
func checkStep(t *testing.T, l *lessons.Lesson, step int, lang string, st teaching) {
	t.Helper()
	where := fmt.Sprintf("%s step %d (%s)", l.ID, step, lang)
	want := l.Steps[step-1]
	if st.Lesson.ID != l.ID || st.Lesson.Steps != len(l.Steps) || !st.Projector {
		t.Errorf("%s: window.clvlab publishes lesson %q of %d steps, projector %v", where, st.Lesson.ID, st.Lesson.Steps, st.Projector)
	}
	if st.Lesson.Text != want.Text.In(lang) || st.Lesson.Question != want.Question.In(lang) {
		t.Errorf("%s: text %q question %q, want the step's", where, st.Lesson.Text, st.Lesson.Question)
	}
	if st.Tab != want.Tab {
		t.Errorf("%s: tab %d, the step shows %d (%s)", where, st.Tab, want.Tab, want.Show)
	}
	// The lesson's numbers: the step's scenario projected here.
	s, err := l.At(step - 1)
	if err != nil {
		t.Fatal(err)
	}
	res, err := projection.Project(s)
	if err != nil {
		t.Fatal(err)
	}
	for key, v := range map[string]float64{"clv": res.Summary.CLV, "customer_equity": res.Summary.CustomerEquity} {
		if got := st.Kpis[key]; math.Abs(got-v) > 1e-9*math.Max(1, math.Abs(v)) {
			t.Errorf("%s: %s shown %v, the lesson's step gives %v", where, key, got, v)
		}
	}
	// The formula panel explains CLV, whose result is the KPI's.
	if st.Formula.KPI != "clv" || st.Formula.Result == "" {
		t.Errorf("%s: the formula panel shows %q = %q", where, st.Formula.KPI, st.Formula.Result)
	}
	for _, w := range []string{"formula", "formula:table", "button:formula-next", "lesson:text", "button:lesson-next"} {
		if _, ok := st.Widgets[w]; !ok {
			t.Errorf("%s: no widget %s published", where, w)
		}
	}
	teachingOnScreen(t, where, st.Widgets, 1920, 1080)
}

// teachingOnScreen checks that every widget is on the w×h screen and
// that none overlaps another, but for the formula panel and its table,
// which hold their own widgets.
func teachingOnScreen(t *testing.T, where string, widgets map[string]box, w, h float64) {
	t.Helper()
	loose := map[string]box{}
	for id, b := range widgets {
		if id != "formula" && id != "formula:table" && id != "formula:row" {
			loose[id] = b
		}
	}
	onScreen(t, loose, w, h)
	panel := widgets["formula"]
	for id, b := range widgets {
		inside := b.X >= panel.X && b.Y >= panel.Y && b.X+b.W <= panel.X+panel.W && b.Y+b.H <= panel.Y+panel.H
		overlaps := b.X < panel.X+panel.W && panel.X < b.X+b.W && b.Y < panel.Y+panel.H && panel.Y < b.Y+b.H
		switch {
		case id == "formula":
		case id == "formula:table" || id == "formula:row" || id == "button:formula-prev" || id == "button:formula-next":
			if !inside {
				t.Errorf("%s: %s %+v lies outside the formula panel %+v", where, id, b, panel)
			}
		case overlaps:
			t.Errorf("%s: %s %+v overlaps the formula panel %+v", where, id, b, panel)
		}
	}
}

// pressKey presses and releases key (a kb constant), a tick apart: the
// app reads a key once a tick.
func pressKey(t *testing.T, ctx context.Context, key string) {
	t.Helper()
	for _, k := range kb.Encode([]rune(key)[0]) {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, *k); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
