package lessons

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"clvlab/scenarios"
)

// FuzzParse checks, on any input, that Parse neither panics nor accepts
// what the planner could not show: an error is a *scenarios.Error with at
// least one problem, each on a line of the file or on none; a lesson has
// 1 to MaxSteps steps, each with text in both languages, a tab of Tabs, a
// question and an answer together (none on the last step), and values
// that set on its scenario (Lesson.At) for every step.
//
// Its seed corpus is the shipped lessons and the invalid corpus; `make
// fuzz` runs it for a bounded number of inputs.
func FuzzParse(f *testing.F) {
	for _, id := range order {
		if b, err := fs.ReadFile(shipped, "shipped/"+id+".toml"); err == nil {
			f.Add(b)
		}
	}
	files, _ := filepath.Glob("testdata/invalid/*.toml")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		l, err := Parse("fuzz.toml", src)
		if err != nil {
			var e *scenarios.Error
			if !errors.As(err, &e) || len(e.Problems) == 0 {
				t.Fatalf("error %T %v: want a *scenarios.Error with problems", err, err)
			}
			lines := 1
			for _, c := range src {
				if c == '\n' || c == '\r' {
					lines++
				}
			}
			for _, p := range e.Problems {
				if p.Line < 0 || p.Line > lines {
					t.Fatalf("problem at line %d of a file of %d lines: %s", p.Line, lines, p.Msg)
				}
			}
			return
		}
		if len(l.Steps) == 0 || len(l.Steps) > MaxSteps {
			t.Fatalf("%d steps accepted", len(l.Steps))
		}
		for i, st := range l.Steps {
			switch {
			case st.Text.EN == "" || st.Text.ZH == "":
				t.Fatalf("step %d: text %+v", i+1, st.Text)
			case st.Tab < 0 || st.Tab >= len(Tabs) || Tabs[st.Tab] != st.Show:
				t.Fatalf("step %d: show %q, tab %d", i+1, st.Show, st.Tab)
			case st.Question.IsZero() != st.Answer.IsZero():
				t.Fatalf("step %d: question %+v, answer %+v", i+1, st.Question, st.Answer)
			case i == len(l.Steps)-1 && !st.Question.IsZero():
				t.Fatalf("the last step asks %+v", st.Question)
			}
			if _, err := l.At(i); err != nil {
				t.Fatalf("step %d: %v", i+1, err)
			}
		}
	})
}
