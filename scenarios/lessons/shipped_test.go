package lessons

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestShippedLessons: every shipped lesson loads, in teaching order, with
// its text in both languages, and order names every file once.
func TestShippedLessons(t *testing.T) {
	entries, err := fs.ReadDir(shipped, "shipped")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, strings.TrimSuffix(e.Name(), ".toml"))
	}
	if got, want := slices.Sorted(slices.Values(Shipped())), files; !slices.Equal(got, want) {
		t.Fatalf("order lists %v, shipped/ holds %v", got, want)
	}
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		if l.Title.EN == "" || l.Title.ZH == "" || l.Description.EN == "" || l.Description.ZH == "" {
			t.Errorf("%s: title and description need en and zh", l.ID)
		}
		if len(l.Steps) < 2 {
			t.Errorf("%s: %d steps; a lesson shows a change, so it has at least 2", l.ID, len(l.Steps))
		}
		for i, st := range l.Steps {
			if st.Tab < 0 || Tabs[st.Tab] != st.Show {
				t.Errorf("%s step %d: tab %d for show %q", l.ID, i+1, st.Tab, st.Show)
			}
		}
	}
	if _, err := Lookup("nope"); err == nil || !strings.Contains(err.Error(), "lessons are customer-value, ") {
		t.Errorf("Lookup(nope): %v", err)
	}
}

// TestREADMELessons: the README's table of shipped lessons has a row for
// each, in teaching order, with the scenario it starts from.
func TestREADMELessons(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	last := -1
	for _, id := range order {
		l, err := Lookup(id)
		if err != nil {
			t.Fatal(err)
		}
		row := fmt.Sprintf("| `%s` | `%s` | ", id, l.Scenario)
		at := strings.Index(readme, row)
		switch {
		case at < 0:
			t.Errorf("README.md has no row %q in its table of shipped lessons", row)
		case at < last:
			t.Errorf("README.md lists %s out of teaching order", id)
		}
		last = at
	}
}

// BenchmarkAll reads every shipped lesson, each step's values set on its
// scenario and checked: what `clvlab list` and the planner's lesson list
// cost.
func BenchmarkAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := All(); err != nil {
			b.Fatal(err)
		}
	}
}
