package lessons

import (
	"io/fs"
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
