package app

// lessonState is the lesson open, if any, and its step (from 0).
type lessonState struct {
	lessonID string
	step     int
}

func (l *lessonState) open() bool { return l.lessonID != "" }
func (l *lessonState) id() string { return l.lessonID }

// openLesson opens lesson id at step (from 1).
func (a *App) openLesson(id string, step int, undoable bool) {}

// lessonRows makes room for the lesson bar under the status line.
func (a *App) lessonRows(m *metrics) {}

// lessonBar draws the lesson bar.
func (a *App) lessonBar(top, m metrics) {}
