package scenarios

import (
	"errors"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestSyntaxRules: each rule of syntaxRules recognises the message the
// TOML library gives today for the mistake it is about, and only that
// rule does. A library upgrade that rewords a message fails here, by name,
// instead of passing the raw message to users.
func TestSyntaxRules(t *testing.T) {
	cases := []struct {
		src       string // triggers the rule with the same index
		line      int
		rewritten string
	}{
		{"discount_rate = 10%\n", 1, `unexpected "%" after the value; write one key = value per line, numbers plain (0.10, not 10%) and text in quotes ("month")`},
		{"[stage]\nrevenue = 1\nrevenue = 2\n", 3, "stage.revenue is set twice in the same table; keep one"},
		{"horizon = 99999999999999999999\n", 1, "the number 99999999999999999999 is far too large"},
		{"x = [1, 2\ny = 3\n", 1, "a list [ ... ] is not closed; end it with ]"},
		{"x = { a = 1 b = 2 }\n", 1, "a table { ... } is not closed; end it with }"},
		{"[stage\nid = \"a\"\n", 1, "a table header is not closed; write [name] or [[name]]"},
		{"[acquisition]\nentry = exploration\n", 2, `"exploration" is not a value; put text in quotes, numbers plain, e.g. entry = "exploration"`},
		{"id = \"abc\nx = 1\n", 1, `text is not closed: end it with a quote " on the same line`},
	}
	if len(cases) != len(syntaxRules) {
		t.Fatalf("%d cases for %d rules: give each rule a case", len(cases), len(syntaxRules))
	}
	for i, c := range cases {
		var doc map[string]any
		_, err := toml.Decode(c.src, &doc)
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("rule %d: %q gives %v, not a toml.ParseError", i, c.src, err)
			continue
		}
		for j, r := range syntaxRules {
			if matched := r.message.MatchString(pe.Message); matched != (i == j) {
				t.Errorf("rule %d (%s) on the message of case %d %q: matched %v; did the TOML library reword it?", j, r.message, i, pe.Message, matched)
			}
		}
		if line, msg := syntaxProblem(pe, c.src); line != c.line || msg != c.rewritten {
			t.Errorf("case %d: line %d %q, want line %d %q", i, line, msg, c.line, c.rewritten)
		}
	}
}
