package planner

import (
	"maps"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// MaxLessonID is the longest lesson id a link is read with.
const MaxLessonID = 64

// ValidLessonID reports whether id can name a lesson: 1 to MaxLessonID
// lower-case letters, digits and hyphens, starting with a letter or digit.
// Whether such a lesson exists is the lesson list's to say.
func ValidLessonID(id string) bool {
	if id == "" || len(id) > MaxLessonID || id[0] == '-' {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// maxStep is the highest step number a link is read with.
const maxStep = 999

// teaching reads the link's teaching keys: projector=1, lesson=ID and
// step=N (from 1). A value this planner never writes is ignored, and the
// returned problem says which and why; a step without a lesson is ignored
// too, and a lesson without a step starts at step 1.
func teaching(q url.Values) (projector bool, lesson string, step int, ignored *Problem) {
	var en, zh []string
	bad := func(e, z string) { en, zh = append(en, e), append(zh, z) }
	switch v := q.Get("projector"); v {
	case "", "0":
	case "1":
		projector = true
	default:
		bad("projector="+quote(v)+" (write projector=1)", "projector="+quote(v)+"（应为 projector=1）")
	}
	if v, ok := q["lesson"]; ok {
		if id := v[0]; ValidLessonID(id) {
			lesson, step = id, 1
		} else {
			bad("lesson="+quote(id)+" (a lesson id is lower-case letters, digits and hyphens)",
				"lesson="+quote(id)+"（课程编号由小写字母、数字和连字符组成）")
		}
	}
	if v, ok := q["step"]; ok {
		n, err := strconv.Atoi(v[0])
		switch {
		case err != nil || n < 1 || n > maxStep:
			bad("step="+quote(v[0])+" (a step is a number from 1)", "step="+quote(v[0])+"（步骤是从 1 开始的数字）")
		case lesson == "":
			bad("step="+quote(v[0])+" without a lesson", "step="+quote(v[0])+"（没有课程）")
		default:
			step = n
		}
	}
	if len(en) > 0 {
		ignored = &Problem{EN: "the link's " + strings.Join(en, ", ") + ": ignored",
			ZH: "链接中的 " + strings.Join(zh, "，") + "：已忽略"}
	}
	return projector, lesson, step, ignored
}

// quote returns v quoted and cut to 40 bytes, for a message.
func quote(v string) string {
	if len(v) > 40 {
		v = v[:40] + "…"
	}
	return strconv.Quote(v)
}

// SetValues sets the controls to values and every other control back to
// the scenario's value, as one undo step: a lesson's step
// (lessons.Lesson.Settings). A path without a control is skipped, and the
// error names it; values that together break a row are refused, and the
// values stay as they were.
func (p *Planner) SetValues(values map[string]float64) error {
	next := map[string]float64{}
	var skipped []string
	for _, path := range sortedPaths(values) {
		c, ok := p.Control(path)
		v := values[path]
		if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
			skipped = append(skipped, path)
			continue
		}
		if c.Integer() {
			v = math.Round(v)
		}
		if v != c.get(p.base) {
			next[path] = v
		}
	}
	if !maps.Equal(next, p.overrides) {
		p.pushUndo()
		p.editing = ""
		if err := p.apply(func(o map[string]float64) { clear(o); maps.Copy(o, next) }); err != nil {
			p.undo = p.undo[:len(p.undo)-1]
			return err
		}
	}
	if len(skipped) > 0 {
		return problem("this scenario has no control for %s: not set", "该情景没有 %s 的控件：未设置", strings.Join(skipped, ", "))
	}
	return nil
}

// ClearHistory forgets what Undo and Redo would do: where a session
// starts (a lesson opened from a link) there is nothing to take back.
func (p *Planner) ClearHistory() { p.undo, p.redo, p.editing = nil, nil, "" }
