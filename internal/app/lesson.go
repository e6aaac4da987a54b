package app

import (
	"fmt"
	"image"
	"math"
	"strings"

	"clvlab/internal/chart"
	"clvlab/internal/planner"
	"clvlab/internal/ui"
	"clvlab/scenarios"
	"clvlab/scenarios/lessons"
)

// The lesson bar (issue 13, item 2): a lesson open from the link
// (lesson=ID&step=N) or -lesson shows, under the status line, its title
// and step, the answer to the last step's question, the step's text and
// its question, with Back and Next (the buttons, Page Up and Page Down as
// a presenter's clicker sends them, or the arrow keys while no control
// has the focus) and Close. Each step sets its values on the lesson's
// scenario (lessons.Lesson.Settings: every value the steps up to it set,
// the rest as loaded), as one undo step, and shows its tab; the link
// keeps the lesson and the step.

// lessonState is the lesson open, if any, and its step (from 0).
type lessonState struct {
	l    *lessons.Lesson
	step int
	key  lessonKey    // what the lines below were wrapped for
	head string       // "Title · Step 2 of 3"
	rows []lessonLine // the answer revealed, the text and the question, wrapped
	h    int          // the bar's height
	bar  image.Rectangle
}

// lessonKey is what the bar's lines depend on.
type lessonKey struct {
	l     *lessons.Lesson
	step  int
	lang  string
	width int
	font  int
}

// lessonLine is one line of the lesson bar.
type lessonLine struct {
	text string
	role lineRole
}

func (l *lessonState) open() bool { return l.l != nil }

func (l *lessonState) id() string {
	if l.l == nil {
		return ""
	}
	return l.l.ID
}

// openLesson opens the shipped lesson id at step (from 1; a step past
// the last is the last) on the lesson's scenario. With apply it sets the
// step's values and shows its tab; without (a link that has its own
// values), the screen stays as the link set it. An unknown id is said on
// the status line with the ids there are.
func (a *App) openLesson(id string, step int, apply bool) {
	l, err := lessons.Lookup(id)
	if err != nil {
		a.fail(&planner.Problem{
			EN: fmt.Sprintf("no lesson %q; the lessons are %s", id, strings.Join(lessons.Shipped(), ", ")),
			ZH: fmt.Sprintf("没有课程 %q；现有课程：%s", id, strings.Join(lessons.Shipped(), "、")),
		})
		return
	}
	if a.p.Preset() != l.Scenario {
		s, err := scenarios.Preset(l.Scenario)
		if err == nil {
			err = a.load(s, l.Scenario)
		}
		if err != nil {
			a.fail(err)
			return
		}
		apply = true // another scenario: the link's values were for the one before
	}
	a.teach.lesson = lessonState{l: l}
	if step > len(l.Steps) {
		a.fail(&planner.Problem{
			EN: fmt.Sprintf("lesson %s has %d steps, not %d: showing the last", id, len(l.Steps), step),
			ZH: fmt.Sprintf("课程 %s 只有 %d 步，没有第 %d 步：显示最后一步", id, len(l.Steps), step),
		})
	}
	a.teach.lesson.step = max(0, min(step-1, len(l.Steps)-1))
	if apply {
		a.applyStep()
	}
}

// goStep moves the lesson to step i (from 0) and applies it, as one
// undo step.
func (a *App) goStep(i int) {
	ls := &a.teach.lesson
	if !ls.open() || i < 0 || i >= len(ls.l.Steps) || i == ls.step {
		return
	}
	ls.step = i
	a.applyStep()
}

// applyStep sets the values of the lesson's step and shows its tab.
func (a *App) applyStep() {
	ls := &a.teach.lesson
	values := map[string]float64{}
	for _, s := range ls.l.Settings(ls.step) {
		values[s.Path.String()] = s.Value
	}
	if err := a.p.SetValues(values); err != nil {
		a.fail(err)
	}
	if t := ls.l.Steps[ls.step].Tab; t >= 0 && t < numTabs {
		a.tab = t
	}
	a.stale = true
	a.platform.stateChanged()
}

// closeLesson closes the lesson; the values stay.
func (a *App) closeLesson() {
	a.teach.lesson = lessonState{}
	a.stale = true
	a.platform.stateChanged()
}

// lessonText is the text of the bar's lines: a step's text size, the
// layout's body text size times this.
const lessonText = 0.9

// lessonRows wraps the lesson bar's lines for this frame's width and
// grows m.desc by the bar's height.
func (a *App) lessonRows(m *metrics) {
	ls := &a.teach.lesson
	if !ls.open() {
		return
	}
	width := a.w - 2*m.pad
	size := float64(m.font) * lessonText
	if k := (lessonKey{ls.l, ls.step, a.lang, width, m.font}); k != ls.key {
		ls.key = k
		l, lang := ls.l, a.lang
		ls.head = fmt.Sprintf(a.t("lesson step"), l.Title.In(lang), ls.step+1, len(l.Steps))
		ls.rows = ls.rows[:0]
		add := func(text string, role lineRole) {
			// Wrapped with room to spare: words measured one by one may
			// come out a pixel narrower than the line measured whole.
			for _, line := range a.ui.Wrap(chart.Printable(text), size, width-m.pad) {
				ls.rows = append(ls.rows, lessonLine{line, role})
			}
		}
		if q, ans, ok := l.Revealed(ls.step); ok {
			add(a.t("lesson asked")+q.In(lang), roleMuted)
			add(a.t("lesson answer")+ans.In(lang), roleResult)
		}
		st := l.Steps[ls.step]
		add(st.Text.In(lang), roleText)
		if !st.Question.IsZero() {
			add(a.t("lesson question")+st.Question.In(lang), roleResult)
		}
	}
	lineH := int(math.Ceil(size * 1.4))
	ls.h = m.line + m.pad/2 + len(ls.rows)*lineH + m.pad/2
	m.desc += ls.h + m.pad/2
}

// lessonBar draws the lesson bar between the status line (top's) and
// what m places under it, and handles Back, Next and Close.
func (a *App) lessonBar(top, m metrics) {
	ls := &a.teach.lesson
	if !ls.open() {
		return
	}
	c := &a.ui
	y := top.bar + top.desc
	r := image.Rect(m.pad, y, a.w-m.pad, y+ls.h)
	ls.bar = r
	c.Fill(r, c.Theme.Panel)
	c.Add(ui.Op{Kind: ui.OpStroke, R: r, Color: c.Theme.Accent, Width: 2})
	// The header: title and step, then Back, Next and Close on the right.
	hy := r.Min.Y + m.pad/4
	labels := [3]string{"< " + a.t("lesson back"), a.t("lesson next") + " >", a.t("lesson close")}
	ids := [3]string{"lesson-back", "lesson-next", "lesson-close"}
	enabled := [3]bool{ls.step > 0, ls.step < len(ls.l.Steps)-1, true}
	x := r.Max.X - m.pad/2
	var rects [3]image.Rectangle
	for i := 2; i >= 0; i-- {
		w := a.buttonWidth(m, labels[i])
		rects[i] = image.Rect(x-w, hy, x, hy+m.line)
		x -= w + m.pad/2
	}
	c.Label(image.Rect(r.Min.X+m.pad/2, hy, x-m.pad/2, hy+m.line), ls.head, float64(m.font), c.Theme.Text, ui.Left)
	a.widgets["lesson:title"] = image.Rect(r.Min.X+m.pad/2, hy, x-m.pad/2, hy+m.line)
	step := ls.step
	for i := range 3 {
		a.widgets["button:"+ids[i]] = rects[i]
		if c.Button(ids[i], rects[i], labels[i], enabled[i]) {
			switch i {
			case 0:
				step--
			case 1:
				step++
			case 2:
				a.closeLesson()
				return
			}
		}
	}
	size := float64(m.font) * lessonText
	lineH := int(math.Ceil(size * 1.4))
	ty := hy + m.line + m.pad/4
	for _, l := range ls.rows {
		c.Label(image.Rect(r.Min.X+m.pad/2, ty, r.Max.X-m.pad/2, ty+lineH), l.text, size, a.roleColor(l.role), ui.Left)
		ty += lineH
	}
	a.widgets["lesson:text"] = image.Rect(r.Min.X+m.pad/2, hy+m.line+m.pad/4, r.Max.X-m.pad/2, max(ty, hy+m.line+m.pad/4+1))
	// The keyboard: Page Down and Page Up (a clicker), or the arrows.
	if !c.Editing() && !a.help && !a.picker {
		// The arrows are the lesson's unless a control that uses them
		// (a slider, the tabs) has the focus.
		free := c.Focus() == "" || strings.HasPrefix(c.Focus(), "lesson-")
		for _, k := range c.In.Keys {
			switch {
			case k == ui.KeyPageDown || free && k == ui.KeyRight:
				step++
			case k == ui.KeyPageUp || free && k == ui.KeyLeft:
				step--
			}
		}
	}
	if step != ls.step {
		a.goStep(max(0, min(step, len(ls.l.Steps)-1)))
	}
}

func init() {
	for k, v := range map[string][2]string{
		"lesson step":     {"%s · step %d of %d", "%s · 第 %d 步，共 %d 步"},
		"lesson back":     {"Back", "上一步"},
		"lesson next":     {"Next", "下一步"},
		"lesson close":    {"Close lesson", "关闭课程"},
		"lesson asked":    {"Asked: ", "上一步的问题："},
		"lesson answer":   {"Answer: ", "答案："},
		"lesson question": {"Question: ", "问题："},
	} {
		texts[k] = v
	}
}
