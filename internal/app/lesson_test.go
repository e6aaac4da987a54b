package app

import (
	"fmt"
	"image"
	"math"
	"strings"
	"testing"

	"clvlab/internal/projection"
	"clvlab/internal/ui"
	"clvlab/scenarios/lessons"
)

// lessonCLV is the CLV of step i (from 0) of lesson l: its scenario
// (lessons.Lesson.At) projected here.
func lessonCLV(t *testing.T, l *lessons.Lesson, i int) float64 {
	t.Helper()
	s, err := l.At(i)
	if err != nil {
		t.Fatal(err)
	}
	r, err := projection.Project(s)
	if err != nil {
		t.Fatal(err)
	}
	return r.Summary.CLV
}

// TestLessonWalk (issue 13, items 2 and 5): the link lesson=annuity&step=1
// opens the annuity lesson on its scenario at its first step and tab; Next
// (the button), Page Down, the right arrow with no control focused, Back
// and Page Up move through it, each step setting its values (the CLV the
// lesson's step gives: 1,492.11, then 2,274.47 with n = 5 as the lesson
// writes, 600·(1 − 1.1^−5)/0.1 by hand) as one undo step and showing its
// tab, the answer to a question revealed on the next step; the link
// keeps the lesson and step; Close leaves the values.
func TestLessonWalk(t *testing.T) {
	l, err := lessons.Lookup("annuity")
	if err != nil {
		t.Fatal(err)
	}
	a := openLink(t, "lesson=annuity&step=1", 1280, 800)
	if a.p.Preset() != l.Scenario || a.teach.lesson.step != 0 || a.tab != l.Steps[0].Tab {
		t.Fatalf("opened %s at step %d tab %d; want %s, 0, %d", a.p.Preset(), a.teach.lesson.step, a.tab, l.Scenario, l.Steps[0].Tab)
	}
	if a.p.CanUndo() {
		t.Error("a lesson opened from a link has something to undo")
	}
	check := func(step int, wantCLV float64) {
		t.Helper()
		frame(a, ui.Input{Mouse: image.Pt(-1, -1)})
		if a.teach.lesson.step != step {
			t.Fatalf("at step %d, want %d", a.teach.lesson.step, step)
		}
		if got := a.KPIs()["clv"]; math.Abs(got-wantCLV) > 1e-9*wantCLV {
			t.Errorf("step %d: CLV %v, want %v", step+1, got, wantCLV)
		}
		if want := lessonCLV(t, l, step); math.Abs(a.KPIs()["clv"]-want) > 1e-9*want {
			t.Errorf("step %d: CLV %v, the lesson's step gives %v", step+1, a.KPIs()["clv"], want)
		}
		if a.tab != l.Steps[step].Tab {
			t.Errorf("step %d: tab %d, want %d", step+1, a.tab, l.Steps[step].Tab)
		}
		if f := a.Fragment(); !strings.Contains(f, "lesson=annuity") || !strings.Contains(f, fmt.Sprintf("step=%d", step+1)) {
			t.Errorf("step %d: link %q", step+1, f)
		}
	}
	check(0, annuity(3)) // 600·(1 − 1.1^−3)/0.1 = 1,492.11
	if !strings.Contains(lessonLines(a), "Question: ") {
		t.Error("the first step's question is not shown")
	}
	click(t, a, "button:lesson-next")
	check(1, annuity(5)) // 600·(1 − 1.1^−5)/0.1 = 2,274.47
	text := lessonLines(a)
	if ans := l.Steps[0].Answer.EN; !strings.Contains(text, "Answer: ") || !strings.Contains(strings.Join(strings.Fields(text), " "), strings.Fields(ans)[0]) {
		t.Errorf("step 2 does not reveal the first question's answer:\n%s", text)
	}
	// One step, one undo: Undo puts step 1's values back.
	if !a.p.CanUndo() {
		t.Fatal("Next left nothing to undo")
	}
	a.p.Undo()
	if got := a.KPIs()["clv"]; math.Abs(got-annuity(3)) > 1e-9*annuity(3) {
		t.Errorf("after Undo CLV %v, want step 1's 1,492.11", got)
	}
	a.p.Redo()
	frame(a, ui.Input{Mouse: image.Pt(-1, -1), Keys: []ui.Key{ui.KeyPageDown}})
	check(2, lessonCLV(t, l, 2))
	frame(a, ui.Input{Mouse: image.Pt(-1, -1), Keys: []ui.Key{ui.KeyPageDown}}) // past the end: stays
	check(2, lessonCLV(t, l, 2))
	frame(a, ui.Input{Mouse: image.Pt(-1, -1), Keys: []ui.Key{ui.KeyPageUp}})
	check(1, annuity(5))
	frame(a, ui.Input{Mouse: image.Pt(-1, -1), Keys: []ui.Key{ui.KeyRight}})
	check(2, lessonCLV(t, l, 2))
	click(t, a, "button:lesson-back")
	check(1, annuity(5))
	click(t, a, "button:lesson-close")
	frame(a, ui.Input{Mouse: image.Pt(-1, -1)})
	if a.teach.lesson.open() || strings.Contains(a.Fragment(), "lesson=") {
		t.Errorf("Close left the lesson open: link %q", a.Fragment())
	}
	if got := a.KPIs()["clv"]; math.Abs(got-annuity(5)) > 1e-9*annuity(5) {
		t.Errorf("Close changed CLV to %v", got)
	}
	// Another scenario closes the lesson.
	b := openLink(t, "lesson=annuity&step=1", 1280, 800)
	click(t, b, "button:scenario")
	click(t, b, "preset:four-stage")
	if b.teach.lesson.open() {
		t.Error("the lesson stayed open on another scenario")
	}
}

// annuity is the annuity lesson's CLV over n years: a margin of 600 a
// year at the year's end, discounted at 10%, 600·(1 − 1.1^−n)/0.1.
func annuity(n int) float64 { return 600 * (1 - math.Pow(1.1, -float64(n))) / 0.1 }

// lessonLines returns the lesson bar's lines joined.
func lessonLines(a *App) string {
	var b strings.Builder
	for _, l := range a.teach.lesson.rows {
		b.WriteString(l.text + "\n")
	}
	return b.String()
}

// TestLessonLinks: a link this planner wrote at a step reopens there
// with the same values; an unknown lesson is said on the status line
// with the lessons there are; a step past the last opens the last.
func TestLessonLinks(t *testing.T) {
	a := openLink(t, "lesson=margin-multiple&step=2&lang=zh", 1280, 800)
	b := openLink(t, a.Fragment(), 1280, 800)
	if b.teach.lesson.id() != "margin-multiple" || b.teach.lesson.step != 1 || b.lang != "zh" || b.KPIs()["clv"] != a.KPIs()["clv"] {
		t.Errorf("link %q reopened lesson %q step %d lang %s CLV %v; want margin-multiple, 1, zh, %v",
			a.Fragment(), b.teach.lesson.id(), b.teach.lesson.step, b.lang, b.KPIs()["clv"], a.KPIs()["clv"])
	}
	c := openLink(t, "lesson=nosuch&step=2", 1280, 800)
	if msg := c.noticeText(); !strings.Contains(msg, `no lesson "nosuch"`) || !strings.Contains(msg, "annuity") || c.teach.lesson.open() {
		t.Errorf("unknown lesson: notice %q, open %v", msg, c.teach.lesson.open())
	}
	d := openLink(t, "lesson=annuity&step=9", 1280, 800)
	if d.teach.lesson.step != 2 || !strings.Contains(d.noticeText(), "has 3 steps") {
		t.Errorf("step 9 of 3: at step %d, notice %q", d.teach.lesson.step+1, d.noticeText())
	}
}

// TestEveryLessonStepFits: every step of every shipped lesson, in English
// and Chinese, with normal text at 1280×800 and in projector mode at
// 1920×1080, lays out whole (TestLayoutWhole's checks) and, projected, has
// no text under 24 px.
func TestEveryLessonStepFits(t *testing.T) {
	all, err := lessons.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []struct {
		link string
		w, h int
	}{{"", 1280, 800}, {"&projector=1", 1920, 1080}} {
		for _, lang := range []string{"en", "zh"} {
			for _, l := range all {
				a := openLink(t, "lesson="+l.ID+"&lang="+lang+mode.link, mode.w, mode.h)
				for i := range l.Steps {
					a.goStep(i)
					frame(a, ui.Input{Mouse: image.Pt(-1, -1)})
					t.Run(fmt.Sprintf("%s-%s-%dx%d-step%d", l.ID, lang, mode.w, mode.h, i+1), func(t *testing.T) {
						checkLayout(t, a, mode.w, mode.h)
						if r := a.chartRect; a.chartFig == nil || r.Dx() < 300 || r.Dy() < 200 {
							t.Errorf("the chart has %v left", r)
						}
						if a.teach.projector {
							for _, s := range smallTexts(a, projectorMinText) {
								t.Errorf("text under %d px: %s", projectorMinText, s)
							}
						}
					})
				}
			}
		}
	}
}
