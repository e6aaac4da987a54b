package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clvlab/scenarios/lessons"
)

// TestListLessons: list prints the shipped lessons after the scenarios,
// each with its title and number of steps, in both languages.
func TestListLessons(t *testing.T) {
	for lang, want := range map[string][2]string{
		"en": {"Lessons (open one in the planner):", "The annuity case (3 steps)"},
		"zh": {"课程（在规划器中打开）：", "年金算例 (3 步)"},
	} {
		status, out, _ := runCLI(t, "list", "-lang", lang)
		if status != ExitOK {
			t.Fatal(status)
		}
		head := strings.Index(out, want[0])
		if head < 0 || head < strings.Index(out, "value-segments ") || !strings.Contains(out[head:], want[1]) {
			t.Errorf("list -lang %s: want the lessons after the scenarios, with %q:\n%s", lang, want[1], out)
		}
		for _, id := range lessons.Shipped() {
			if !strings.Contains(out[max(head, 0):], "\n"+id+" ") {
				t.Errorf("list -lang %s lacks lesson %s", lang, id)
			}
		}
	}
}

// TestValidateLesson: validate-lesson accepts a shipped lesson by id and
// a lesson file, and refuses a bad one with its line and what to fix.
func TestValidateLesson(t *testing.T) {
	status, out, errs := runCLI(t, "validate-lesson", "annuity")
	if status != ExitOK || out != "annuity: ok (3 steps, from the scenario annuity)\n" {
		t.Errorf("validate-lesson annuity: %d %q %q", status, out, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("title = { en = \"T\", zh = \"题\" }\nscenario = \"annuity\"\n\n[[step]]\nshow = \"cashflw\"\ntext = { en = \"Look.\", zh = \"看。\" }\n"), 0o644)
	status, _, errs = runCLI(t, "validate-lesson", bad)
	if want := bad + `:5: step 1: show: no tab "cashflw" (did you mean "cashflow"?)`; status != ExitUsage || !strings.HasPrefix(errs, want) {
		t.Errorf("validate-lesson bad.toml: %d %q, want %q", status, errs, want)
	}
	status, _, errs = runCLI(t, "validate", bad)
	if want := bad + ": this looks like a lesson ([[step]] tables): check it with clvlab validate-lesson\n"; status != ExitUsage || errs != want {
		t.Errorf("validate bad.toml: %d %q, want the hint alone, %q", status, errs, want)
	}
	status, _, errs = runCLI(t, "validate-lesson", "nope")
	if status != ExitUsage || !strings.Contains(errs, "no shipped lesson of that name; shipped lessons are customer-value, ") {
		t.Errorf("validate-lesson nope: %d %q", status, errs)
	}
}
