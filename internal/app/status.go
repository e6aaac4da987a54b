package app

import (
	"errors"
	"fmt"
	"time"
)

// How long a notice stays on the status line: a problem longer, since
// there is something to read and fix.
const (
	noticeFor  = 8 * time.Second
	problemFor = 20 * time.Second
)

// notice is what the status line says instead of the scenario's
// description for a while: a text of texts and its arguments, rendered in
// the language of the frame that draws it (so switching the language
// switches the notice too), until it expires.
type notice struct {
	key   string // into texts; "" for none
	args  []any  // a localized argument is rendered in the frame's language
	bad   bool   // a problem: drawn in the bad-news colour
	until time.Time
}

// localized is an argument that reads differently in each language: a
// scenarios.Text, an inLang, an error with a Chinese text.
type localized interface{ In(lang string) string }

// inLang is an argument computed in the frame's language: a KPI's
// label, a value formatted with the period's name, the baseline's name.
type inLang func(lang string) string

func (f inLang) In(lang string) string { return f(lang) }

// say shows a notice.
func (a *App) say(key string, args ...any) { a.post(notice{key: key, args: args}) }

// warn shows a problem.
func (a *App) warn(key string, args ...any) { a.post(notice{key: key, args: args, bad: true}) }

// fail shows err as a problem, in the frame's language when it has one
// (a localized error), as written otherwise (a scenario file's problems,
// which quote the file).
func (a *App) fail(err error) { a.warn("error", err) }

func (a *App) post(n notice) {
	d := noticeFor
	if n.bad {
		d = problemFor
	}
	n.until = a.now().Add(d)
	a.note, a.stale = n, true
}

// noticeText returns the notice in the current language, or "" when
// there is none.
func (a *App) noticeText() string {
	if a.note.key == "" {
		return ""
	}
	args := make([]any, len(a.note.args))
	for i, x := range a.note.args {
		var l localized
		switch v := x.(type) {
		case localized:
			args[i] = v.In(a.lang)
		case error:
			if errors.As(v, &l) {
				args[i] = l.In(a.lang)
			} else {
				args[i] = v.Error()
			}
		default:
			args[i] = v
		}
	}
	return fmt.Sprintf(a.t(a.note.key), args...)
}

// expireNotice drops the notice once its time is up and reports whether
// it did: the screen must then be drawn again.
func (a *App) expireNotice() bool {
	if a.note.key == "" || a.now().Before(a.note.until) {
		return false
	}
	a.note = notice{}
	return true
}
