package scenarios

import (
	"regexp"
	"strings"
	"testing"
)

// TestValidID: validID accepts exactly what the id rule's regular
// expression, ^[a-z][a-z0-9_-]{0,39}$, accepts, over every string of up to
// 3 bytes from an alphabet with each class's edges, and at the lengths 40
// and 41.
func TestValidID(t *testing.T) {
	re := regexp.MustCompile(`^[a-z][a-z0-9_-]{0,39}$`)
	alphabet := []string{"a", "z", "0", "9", "_", "-", "A", "`", "{", "/", ":", " ", "\n", "é"}
	var all []string
	level := []string{""}
	for range 3 {
		var next []string
		for _, s := range level {
			for _, c := range alphabet {
				next = append(next, s+c)
			}
		}
		all = append(all, level...)
		level = next
	}
	all = append(all, level...)
	all = append(all, "a"+strings.Repeat("b", 39), "a"+strings.Repeat("b", 40), "a"+strings.Repeat("_", 38)+"\n")
	for _, s := range all {
		if got, want := validID(s), re.MatchString(s); got != want {
			t.Errorf("validID(%q) = %v, the rule's expression says %v", s, got, want)
		}
	}
}
