//go:build js

package app

import "syscall/js"

// publishTeaching adds teaching mode to window.clvlab: projector (true
// in projector mode); lesson {id, title, step (from 1), steps, text,
// question, answer (the one revealed, of the step before)} while a
// lesson is open; formula {kpi, title, result, row (the tenure table's
// row highlighted, −1 for none)} while the formula panel is shown. The
// texts are in the screen's language.
func (a *App) publishTeaching(o js.Value) {
	o.Set("projector", a.teach.projector)
	if ls := &a.teach.lesson; ls.open() {
		l := js.Global().Get("Object").New()
		st := ls.l.Steps[ls.step]
		l.Set("id", ls.l.ID)
		l.Set("title", ls.l.Title.In(a.lang))
		l.Set("step", ls.step+1)
		l.Set("steps", len(ls.l.Steps))
		l.Set("text", st.Text.In(a.lang))
		l.Set("question", st.Question.In(a.lang))
		_, answer, _ := ls.l.Revealed(ls.step)
		l.Set("answer", answer.In(a.lang))
		o.Set("lesson", l)
	}
	if _, shown := a.widgets["formula"]; shown {
		f := &a.teach.formula
		p := js.Global().Get("Object").New()
		p.Set("kpi", f.key.focus.String())
		p.Set("title", f.title)
		p.Set("result", f.result)
		p.Set("row", f.row)
		o.Set("formula", p)
	}
}
