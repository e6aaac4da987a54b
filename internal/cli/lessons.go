package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"clvlab/scenarios"
	"clvlab/scenarios/lessons"
)

// validateLesson is `clvlab validate-lesson FILE|ID...`: it checks lesson
// files (docs/lessons.md), as validate checks scenarios.
func validateLesson(args []string, stdout, stderr io.Writer) int {
	fs := flags("validate-lesson", "FILE|ID...", "Checks lesson files (docs/lessons.md) and reports every problem, with its line; an ID checks a shipped lesson.", stderr)
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	status := ExitOK
	for _, arg := range fs.Args() {
		l, err := loadLesson(arg)
		if err != nil {
			fmt.Fprintln(stderr, err)
			status = ExitUsage
			continue
		}
		fmt.Fprintf(stdout, "%s: ok (%s, from the scenario %s)\n", arg, scenarios.Plural(len(l.Steps), "step"), l.Scenario)
	}
	return status
}

// loadLesson reads the lesson file arg, or the shipped lesson of that id.
func loadLesson(arg string) (*lessons.Lesson, error) {
	_, err := os.Stat(arg)
	switch {
	case err == nil:
		return lessons.ReadFile(arg)
	case !errors.Is(err, os.ErrNotExist):
		return nil, err
	case strings.ContainsAny(arg, `/\.`):
		return nil, fmt.Errorf("%s: no such file", arg)
	}
	l, err := lessons.Lookup(arg)
	if err != nil {
		return nil, fmt.Errorf("%s: no such file, and no shipped lesson of that name; shipped lessons are %s (see clvlab list)",
			arg, strings.Join(lessons.Shipped(), ", "))
	}
	return l, nil
}

// listLessons prints the shipped lessons after the scenarios: id, title
// and number of steps, in lang.
func listLessons(stdout io.Writer, lang string) error {
	all, err := lessons.All()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%s\n", map[string]string{"en": "Lessons (open one in the planner):", "zh": "课程（在规划器中打开）："}[lang])
	for _, l := range all {
		steps := scenarios.Plural(len(l.Steps), "step")
		if lang == "zh" {
			steps = fmt.Sprintf("%d 步", len(l.Steps))
		}
		fmt.Fprintf(stdout, "%-26s %s (%s)\n", l.ID, l.Title.In(lang), steps)
	}
	return nil
}

// printLoadError prints why a scenario did not load: for a lesson, only
// the hint to check it with validate-lesson (its problems as a scenario
// say nothing useful).
func printLoadError(w io.Writer, err error) {
	if hint := lessonHint(err); hint != "" {
		fmt.Fprintln(w, hint)
		return
	}
	fmt.Fprintln(w, err)
}

// lessonHint returns a line saying to use validate-lesson when err, a
// scenario's problems, shows that the file is a lesson ([[step]] tables
// where a scenario has none); "" otherwise.
func lessonHint(err error) string {
	var e *scenarios.Error
	if !errors.As(err, &e) {
		return ""
	}
	for _, p := range e.Problems {
		if p.Path == "step" {
			return fmt.Sprintf("%s: this looks like a lesson ([[step]] tables): check it with clvlab validate-lesson", e.File)
		}
	}
	return ""
}
