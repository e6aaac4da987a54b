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
		{"horizon = 99999999999999999999\n", 1, "the number 99999999999999999999 is too large; a horizon is at most 1200 periods"},
		{"x = [1, 2\ny = 3\n", 1, "a list [ ... ] is not closed; end it with ]"},
		{"x = { a = 1 b = 2 }\n", 1, "a table { ... } is not closed; end it with }"},
		{"[stage\nid = \"a\"\n", 1, "a table header is not closed; write [name] or [[name]]"},
		{"[acquisition]\nentry = exploration\n", 2, `"exploration" is not a value; put text in quotes, numbers plain, e.g. entry = "exploration"`},
		{"x = 1\nhorizon =", 2, "horizon has no value; give a number, e.g. horizon = 36"},
		{"id = \"abc\nx = 1\n", 1, `text is not closed: end it with a quote " on the same line`},
	}
	if len(cases) != len(syntaxRules()) {
		t.Fatalf("%d cases for %d rules: give each rule a case", len(cases), len(syntaxRules()))
	}
	for i, c := range cases {
		var doc map[string]any
		_, err := toml.Decode(c.src, &doc)
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("rule %d: %q gives %v, not a toml.ParseError", i, c.src, err)
			continue
		}
		for j, r := range syntaxRules() {
			if matched := r.message.MatchString(pe.Message); matched != (i == j) {
				t.Errorf("rule %d (%s) on the message of case %d %q: matched %v; did the TOML library reword it?", j, r.message, i, pe.Message, matched)
			}
		}
		if line, msg := syntaxProblem(pe, c.src); line != c.line || msg != c.rewritten {
			t.Errorf("case %d: line %d %q, want line %d %q", i, line, msg, c.line, c.rewritten)
		}
	}
}

// TestNotAValue: a missing or unreadable value is reported with an example
// of what to write: a number of the key's kind for a number of the
// registry, text in quotes for other keys, never a quoted number.
func TestNotAValue(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"horizon = \n", "horizon has no value; give a number, e.g. horizon = 36"},
		{"horizon = \t \n", "horizon has no value; give a number, e.g. horizon = 36"},
		{"horizon = ]\n", `"]" is not a value; give a number, e.g. horizon = 36`},
		{"horizon = abc\n", `"abc" is not a value; give a number, e.g. horizon = 36`},
		{"[[stage]]\nrevenue = \n", "revenue has no value; give a number, e.g. revenue = 40"},
		{"[[stage]]\nto = { a = ] }\n", `"]" is not a value; give a number, e.g. a = 0.8`},
		{"[[segment]]\n[segment.stage.a]\nprice_discount = ]\n", `"]" is not a value; give a number, e.g. price_discount = 0.1`},
		{"[[segment]]\nrevenue_multiplier = ]\n", `"]" is not a value; give a number, e.g. revenue_multiplier = 1.5`},
		{"[winback]\nwindow = ]\n", `"]" is not a value; give a number, e.g. window = 36`},
		{"[[variant]]\n[variant.set]\n\"stage.a.revenue\" = ]\n", `"]" is not a value; give a number, e.g. "stage.a.revenue" = 40`},
		{"[acquisition]\nentry = \n", "entry has no value; give one after the =, text in quotes, numbers plain"},
		{"[acquisition]\nentry = ]\n", `"]" is not a value; put text in quotes, numbers plain`},
		{"[[response]]\np0 = ]\n", `"]" is not a value; put text in quotes, numbers plain`},
		{"currency = yuan\n", `"yuan" is not a value; put text in quotes, numbers plain, e.g. currency = "yuan"`},
	} {
		var doc map[string]any
		_, err := toml.Decode(c.src, &doc)
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q gives %v, not a toml.ParseError", c.src, err)
			continue
		}
		if _, msg := syntaxProblem(pe, c.src); msg != c.want {
			t.Errorf("%q: %q, want %q", c.src, msg, c.want)
		}
	}
}
