package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clvlab/sim"
)

const small = `name = { en = "Small", zh = "小" }
period = "quarter"

[acquisition]
new_customers = [100, 200]
cost_per_customer = 50

[[stage]]
id = "new"
revenue = 10
to = { new = 0.2, loyal = 0.5 }

[[stage]]
id = "loyal"
revenue = 30
cost_to_serve = 5
to.loyal = 0.9

[winback]
rate = 0.1
to = "loyal"

[[segment]]
id = "gold"
share = 0.25
revenue_multiplier = 2
[segment.stage.loyal]
to = { loyal = 0.95 }

[[segment]]
id = "rest"
share = 0.75

[[variant]]
name = "Richer"
[variant.set]
"stage.loyal.revenue" = 40
`

func mustParse(t *testing.T, src string) *Scenario {
	t.Helper()
	s, err := Parse("small.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestModelResolves: defaults, lists, segments and overrides become the
// engine model the file describes.
func TestModelResolves(t *testing.T) {
	m, err := mustParse(t, small).Model()
	if err != nil {
		t.Fatal(err)
	}
	if m.Period != sim.Quarter || m.Horizon != 12 || m.DiscountRate != 0.10 || m.CashTiming != sim.CashEnd {
		t.Errorf("period %v horizon %d rate %v timing %v; want quarter, 12 (3 years), 0.10, end", m.Period, m.Horizon, m.DiscountRate, m.CashTiming)
	}
	if m.NewCustomers[0] != 100 || m.NewCustomers[1] != 200 || m.NewCustomers[11] != 200 {
		t.Errorf("new customers %v: want 100, then 200 held to the horizon", m.NewCustomers)
	}
	if m.Entry != 0 || m.Winback.To != 1 || m.Winback.Rate != 0.1 {
		t.Errorf("entry %d, win-back %+v", m.Entry, m.Winback)
	}
	gold, rest := m.Segments[0], m.Segments[1]
	if gold.Stages[1].Revenue != 60 || rest.Stages[1].Revenue != 30 {
		t.Errorf("loyal revenue gold %v rest %v, want 60 and 30", gold.Stages[1].Revenue, rest.Stages[1].Revenue)
	}
	if gold.Transition[1][1] != 0.95 || rest.Transition[1][1] != 0.9 || gold.Transition[0][1] != 0.5 {
		t.Errorf("transitions gold %v rest %v", gold.Transition, rest.Transition)
	}
	if gold.AcquisitionCost != 50 {
		t.Errorf("acquisition cost %v", gold.AcquisitionCost)
	}
}

// TestVariantSetsOnlyItsCopy: a variant changes its own copy, never the
// base, and the base's later changes do not leak into it.
func TestVariantSetsOnlyItsCopy(t *testing.T) {
	s := mustParse(t, small)
	v, probs := s.WithVariant(0)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if v.Stages[1].Revenue != 40 || s.Stages[1].Revenue != 30 {
		t.Errorf("variant revenue %v, base %v; want 40 and 30", v.Stages[1].Revenue, s.Stages[1].Revenue)
	}
	s.Stages[0].To["new"] = 0.3
	s.Segments[0].Stage["loyal"].To["loyal"] = 0.5
	if v.Stages[0].To["new"] != 0.2 || v.Segments[0].Stage["loyal"].To["loyal"] != 0.95 {
		t.Error("the variant shares maps with the base")
	}
}

func TestSetPaths(t *testing.T) {
	for _, c := range []struct {
		path  string
		value any
		check func(*Scenario) bool
		err   string
	}{
		{"horizon", int64(20), func(s *Scenario) bool { return s.Horizon == 20 }, ""},
		{"discount_rate", 0.2, func(s *Scenario) bool { return s.DiscountRate == 0.2 }, ""},
		{"acquisition.new_customers", []any{int64(5), 6.5}, func(s *Scenario) bool { return len(s.Acquisition.NewCustomers) == 2 }, ""},
		{"stage.new.to.loyal", 0.6, func(s *Scenario) bool { return s.Stages[0].To["loyal"] == 0.6 }, ""},
		{"winback.window", int64(6), func(s *Scenario) bool { return s.Winback.Window == 6 }, ""},
		{"segment.gold.share", 0.5, func(s *Scenario) bool { return s.Segments[0].Share == 0.5 }, ""},
		{"segment.rest.stage.new.revenue", int64(7), func(s *Scenario) bool { return *s.Segments[1].Stage["new"].Revenue == 7 }, ""},
		{"segment.rest.stage.new.to.new", 0.1, func(s *Scenario) bool { return s.Segments[1].Stage["new"].To["new"] == 0.1 }, ""},
		{"stage.loyl.revenue", 1.0, nil, `"stage.loyl.revenue": no stage "loyl" (did you mean "loyal"?); stages are new, loyal`},
		{"stage.loyal.revenu", 1.0, nil, `no value "revenu" in stage.loyal; values here are name, revenue, cost_to_serve, retention_spend, price_discount`},
		{"stage.loyal.revenue", "ten", nil, `expected a number, got the string "ten"`},
		{"stage.loyal.id", "x", nil, "cannot rename"},
		{"segment.silver.share", 0.1, nil, `no segment "silver"; segments are gold, rest`},
		{"acquisition", 1.0, nil, `no value "" in acquisition`},
		{"nosuch.key", 1.0, nil, `no table "nosuch"`},
		{"horizon", int64(0), nil, "must be at least 1 period, got 0"},
	} {
		s := mustParse(t, small)
		err := s.Set(c.path, c.value)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("Set(%q): %v", c.path, err)
		case c.err == "" && !c.check(s):
			t.Errorf("Set(%q, %v) did not take", c.path, c.value)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("Set(%q): error %v, want %q", c.path, err, c.err)
		}
	}
}

func TestTextFallsBack(t *testing.T) {
	for _, c := range []struct {
		t        Text
		en, zh   string
		describe string
	}{
		{Text{EN: "a", ZH: "甲"}, "a", "甲", "both"},
		{Text{EN: "a"}, "a", "a", "English only"},
		{Text{ZH: "甲"}, "甲", "甲", "Chinese only"},
	} {
		if c.t.In("en") != c.en || c.t.In("zh") != c.zh {
			t.Errorf("%s: en %q zh %q", c.describe, c.t.In("en"), c.t.In("zh"))
		}
	}
}

func TestKeyLines(t *testing.T) {
	lines := scanLines(small)
	for path, want := range map[string]int{
		"name":                               1,
		"acquisition.new_customers":          5,
		"stage[0]":                           8,
		"stage[0].to.loyal":                  11,
		"stage[1].to.loyal":                  17,
		"winback.to":                         21,
		"segment[0].stage.loyal":             27,
		"segment[0].stage.loyal.to":          28,
		"segment[1].share":                   32,
		"variant[0].set":                     36,
		"variant[0].set.stage.loyal.revenue": 37,
	} {
		if got := lines.find(path); got != want {
			t.Errorf("line of %s = %d, want %d", path, got, want)
		}
	}
}

// TestSlug: output folders are named after the file, safely.
func TestSlug(t *testing.T) {
	for file, want := range map[string]string{
		"four-stage.toml": "four-stage", "dir/My Plan (v2).toml": "my-plan-v2", "计划.toml": "scenario", "../../etc.toml": "etc",
	} {
		if got := (&Scenario{File: file}).Slug(); got != want {
			t.Errorf("slug of %q = %q, want %q", file, got, want)
		}
	}
}

// FuzzParse: no input makes the loader panic; what loads also resolves.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"testdata/valid", "testdata/invalid", "shipped"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
		for _, file := range files {
			b, _ := os.ReadFile(file)
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("fuzz.toml", src)
		if err != nil {
			return
		}
		if _, err := s.Runs(); err != nil {
			t.Fatalf("parsed but does not resolve: %v", err)
		}
	})
}
