package scenarios

import (
	"math"
	"strings"
	"testing"
)

// TestCompetitorRowRoom: the what-if analyses can raise a win from a
// competitor out of its stay. In the shipped brand-switching market row B
// is { a = 0.20, b = 0.70, c = 0.10 }; the stay is the rest of the row,
// so stage.b.to.a may rise to 1 − 0.10 = 0.9 and row C's stage.c.to.a to
// 1 − 0.20 = 0.8 (before, the written stays capped them at 0.2 and 0.1).
// A win raised over the written stay takes it down: in a two-brand file
// with b = { a = 0.2, b = 0.8 }, to.a may rise to 1, and at 0.5 the stay
// is 1 − 0.5 = 0.5.
func TestCompetitorRowRoom(t *testing.T) {
	s, err := Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]float64{"stage.b.to.a": 0.9, "stage.c.to.a": 0.8} {
		p, err := s.Parameter(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if math.Abs(p.Max-want) > 1e-15 {
			t.Errorf("%s: max %v, want %v", path, p.Max, want)
		}
	}
	src := `
name = "stays written"
horizon = 12
[acquisition]
new_customers = 0
[[stage]]
id = "a"
revenue = 50
existing = 600
to = { a = 0.8, b = 0.2 }
[[stage]]
id = "b"
competitor = true
existing = 400
to = { a = 0.2, b = 0.8 }
`
	w, err := Parse("stays.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p, err := w.Parameter("stage.b.to.a")
	if err != nil {
		t.Fatal(err)
	}
	if p.Max != 1 {
		t.Errorf("stage.b.to.a with its stay written: max %v, want 1", p.Max)
	}
	if err := w.Set("stage.b.to.a", 0.5); err != nil {
		t.Fatal(err)
	}
	m, err := w.Model()
	if err != nil {
		t.Fatalf("a win of 0.5 from b with b's stay 0.8 written: %v", err)
	}
	r := m.Segments[0].Transition[1]
	if stay := r[1] + max(0, 1-r[0]-r[1]); r[0] != 0.5 || math.Abs(stay-0.5) > 1e-15 {
		t.Errorf("row b %v: want a win of 0.5 and the rest, 0.5, staying", r)
	}
	// A competitor's row over 1 without its stay says where the rest goes.
	_, err = Parse("bad.toml", []byte(strings.Replace(src, "to = { a = 0.2, b = 0.8 }", "to = { a = 0.7, c = 0.4 }\n[[stage]]\nid = \"c\"\ncompetitor = true\nto = { a = 0.1 }", 1)))
	if err == nil || !strings.Contains(err.Error(), "row sums to 1.1 > 1 without its stay; lower some of to.* (in a competitor stage the rest of a row stays with the competitor)") {
		t.Errorf("row of 1.1 in a competitor stage: %v", err)
	}
}

// TestCompetitorImmovable: the what-if analyses do not offer a competitor
// stage's economics (it has none of ours) nor its stay (the rest of its
// row), by path or in Parameters' default list (so sensitivity neither
// ranks them nor lists them as skipped); their switching and starting
// customers are offered, and so are our stage's economics.
func TestCompetitorImmovable(t *testing.T) {
	s, err := Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"stage.b.revenue":       "stage b is a competitor's: it has no economics of ours",
		"stage.c.cost_to_serve": "stage c is a competitor's: it has no economics of ours",
		"stage.b.to.b":          "stage b is a competitor's: its stay is the rest of its row",
		"stage.c.to.c":          "stage c is a competitor's: its stay is the rest of its row",
	} {
		if _, err := s.Parameter(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
	var got []string
	for _, p := range s.Parameters() {
		if strings.HasPrefix(p.Path, "stage.") {
			got = append(got, p.Path)
		}
	}
	for _, p := range got {
		if strings.HasSuffix(p, ".existing") {
			continue // a competitor's starting customers move its share
		}
		if strings.HasPrefix(p, "stage.b.") && p != "stage.b.to.a" && p != "stage.b.to.c" || strings.HasPrefix(p, "stage.c.") && p != "stage.c.to.a" && p != "stage.c.to.b" {
			t.Errorf("Parameters offers %s", p)
		}
	}
	if !strings.Contains(strings.Join(got, " "), "stage.a.revenue") || !strings.Contains(strings.Join(got, " "), "stage.b.to.a") {
		t.Errorf("Parameters %v: want stage.a.revenue and stage.b.to.a", got)
	}
}
