package app

import "clvlab/internal/planner"

// lessonState is the lesson open, if any, and its step (from 0).
type lessonState struct {
	lessonID string
	step     int
}

func (l *lessonState) open() bool { return l.lessonID != "" }
func (l *lessonState) id() string { return l.lessonID }

// openLesson opens lesson id at step (from 1). No lessons are shipped
// yet: the link's lesson is said to be unknown.
func (a *App) openLesson(id string, step int, undoable bool) {
	a.fail(&planner.Problem{EN: "no lesson " + id + ": this planner has no lessons yet",
		ZH: "没有课程 " + id + "：本规划器尚无课程"})
}

// lessonRows makes room for the lesson bar under the status line.
func (a *App) lessonRows(m *metrics) {}

// lessonBar draws the lesson bar.
func (a *App) lessonBar(top, m metrics) {}
