package scenarios

import (
	"testing"
)

// TestParsePathShipped: every path the shipped scenarios write (variant
// settings, response levers and targets, sensitivity ranges, uncertain
// values) and every registry path in them parses, names stages and
// segments that exist, and prints back as written.
func TestParsePathShipped(t *testing.T) {
	for _, id := range Presets() {
		s, err := Preset(id)
		if err != nil {
			t.Fatal(err)
		}
		var paths, settings []string
		for _, v := range s.Variants {
			for _, set := range v.Set {
				settings = append(settings, set.Path) // a number or text
			}
		}
		for _, r := range s.Responses {
			paths = append(paths, r.Lever, r.Target)
		}
		for _, r := range s.Sensitivity {
			paths = append(paths, r.Path)
		}
		for path := range s.Distributions {
			paths = append(paths, path)
		}
		for _, p := range pathsOf(s) {
			paths = append(paths, p.String())
		}
		for i, path := range append(paths, settings...) {
			p, err := s.ParsePath(path)
			if err != nil {
				t.Errorf("%s: %q: %v", id, path, err)
				continue
			}
			if p.String() != path {
				t.Errorf("%s: %q prints back as %q", id, path, p.String())
			}
			if _, ok := Lookup(p); !ok && i < len(paths) {
				t.Errorf("%s: %q names no parameter of the registry", id, path)
			}
		}
	}
}

func TestParsePath(t *testing.T) {
	for _, c := range []struct {
		path    string
		want    Path
		pattern string
	}{
		{"horizon", Path{Key: "horizon"}, "horizon"},
		{"period", Path{Key: "period"}, "period"},
		{"acquisition.cost_per_customer", Path{Table: "acquisition", Key: "cost_per_customer"}, "acquisition.cost_per_customer"},
		{"winback.window", Path{Table: "winback", Key: "window"}, "winback.window"},
		{"stage.loyal.revenue", Path{Stage: "loyal", Key: "revenue"}, "stage.ID.revenue"},
		{"stage.new.to.loyal", Path{Stage: "new", Key: "to", To: "loyal"}, "stage.ID.to.ID"},
		{"segment.gold.share", Path{Segment: "gold", Key: "share"}, "segment.ID.share"},
		{"segment.gold.stage.new.price_discount", Path{Segment: "gold", Stage: "new", Key: "price_discount"}, "segment.ID.stage.ID.price_discount"},
		{"segment.gold.stage.new.to.new", Path{Segment: "gold", Stage: "new", Key: "to", To: "new"}, "segment.ID.stage.ID.to.ID"},
	} {
		p, err := ParsePath(c.path)
		if err != nil || p != c.want || p.String() != c.path || p.Pattern() != c.pattern {
			t.Errorf("ParsePath(%q) = %+v (%v), prints %q, pattern %q; want %+v, %q", c.path, p, err, p.String(), p.Pattern(), c.want, c.pattern)
		}
	}
}

// TestKeyPath: the decoder's key paths, with stages and segments by index,
// parse (only there), print back as written, and resolve to the ids of a
// scenario; what names no value (a row, a table) parses as far as it goes.
func TestKeyPath(t *testing.T) {
	s := mustParse(t, small) // stages new, loyal; segments gold, rest
	for _, c := range []struct {
		path     string
		want     Path
		resolved string
	}{
		{"stage[1].revenue", Path{Stage: "[1]", Key: "revenue"}, "stage.loyal.revenue"},
		{"stage[0].to.loyal", Path{Stage: "[0]", Key: "to", To: "loyal"}, "stage.new.to.loyal"},
		{"segment[1].stage.new.cost_to_serve", Path{Segment: "[1]", Stage: "new", Key: "cost_to_serve"}, "segment.rest.stage.new.cost_to_serve"},
		{"stage[9].revenue", Path{Stage: "[9]", Key: "revenue"}, "stage[9].revenue"}, // no such stage: as it is
		{"stage[1].to", Path{Stage: "[1]", Key: "to"}, "stage.loyal.to."},
		{"uncertainty.trials", Path{}, ""},
	} {
		p := keyPath(c.path)
		if p != c.want || p.Key != "to" && p.String() != c.path && p != (Path{}) || s.resolve(p).String() != c.resolved {
			t.Errorf("keyPath(%q) = %+v, prints %q, resolves to %q; want %+v, %q", c.path, p, p.String(), s.resolve(p).String(), c.want, c.resolved)
		}
	}
	for _, c := range []struct {
		p, q string
		want bool
	}{
		{"stage.new.to", "stage.new.to.loyal", true},
		{"stage.new.to", "segment.gold.stage.new.to.loyal", false},
		{"stage.new.to.new", "stage.new.to.loyal", false},
		{"segment.gold.stage.new", "segment.gold.stage.new.revenue", true},
		{"acquisition.budget", "acquisition.budget", true},
		{"acquisition.budget", "acquisition.cost_per_customer", false},
		{"uncertainty.trials", "horizon", false},
	} {
		if got := keyPath(c.p).contains(keyPath(c.q)); got != c.want {
			t.Errorf("%s contains %s: %v, want %v", c.p, c.q, got, c.want)
		}
	}
}

// TestParsePathRejects: malformed paths are refused with a message that
// says what to write; Scenario.ParsePath names a missing stage or segment
// first, and shows the scenario's own first stage in examples.
func TestParsePathRejects(t *testing.T) {
	for path, want := range map[string]string{
		"":                             `no value "" in the top level; values here are name, description, period, horizon, discount_rate, renewal_every, cash_timing, currency, seed`,
		"stage":                        "name a stage and a key, e.g. stage.ID.revenue",
		"stage.new":                    "name a stage and a key, e.g. stage.ID.revenue",
		"stage..to.new":                "name a stage and a key, e.g. stage.ID.revenue",
		"stage.new.to":                 "name the destination stage, e.g. to.ID",
		"stage.new.to.new.x":           "name the destination stage, e.g. to.ID",
		"stage.new.revenu":             `no value "revenu" in stage.new; values here are name, revenue, cost_to_serve, retention_spend, price_discount, bad_debt, purchases, existing, referrals, referral_reward, revenue_growth, revenue_cap, renewal, renewal_discount, competitor`,
		"stage.new.revenue.x":          `no value "revenue.x" in stage.new; values here are name, revenue, cost_to_serve, retention_spend, price_discount, bad_debt, purchases, existing, referrals, referral_reward, revenue_growth, revenue_cap, renewal, renewal_discount, competitor`,
		"stage.new.id":                 "a variant cannot rename a stage",
		"segment":                      "name a segment and a key, e.g. segment.ID.share",
		"segment.gold.id":              "a variant cannot rename a segment",
		"segment.gold.stage.new":       "name a stage and a key, e.g. segment.gold.stage.ID.revenue",
		"segment.gold.stage.new.share": `no value "share" in segment stage override; values here are revenue, cost_to_serve, retention_spend, price_discount, bad_debt, purchases, existing, referrals, referral_reward, revenue_growth, revenue_cap, renewal, renewal_discount`,
		"segment.gold.revenue":         `no value "revenue" in segment; values here are name, share, revenue_multiplier, cost_to_serve_multiplier, retention_spend_multiplier, acquisition_cost_multiplier`,
		"acquisition":                  `no value "" in acquisition; values here are new_customers, cost_per_customer, entry, budget`,
		"winback.rate.x":               `no value "rate.x" in winback; values here are rate, cost_per_customer, to, window`,
		"stages.new.revenue":           `no table "stages"; paths start with a top-level key, acquisition, stage, winback, segment or class`,
		"uncertainty.trials":           `no table "uncertainty"; paths start with a top-level key, acquisition, stage, winback, segment or class`,
		// Stages and segments by index, as the decoder's key paths give them.
		"stage[9].revenue":              "stage[9]: name stages by id, e.g. stage.ID.revenue",
		"stage.[0].revenue":             "stage.[0]: name stages by id, e.g. stage.ID.revenue",
		"stage.new.to.[1]":              "to.[1]: name stages by id, e.g. stage.ID.revenue",
		"segment[0].share":              "segment[0]: name segments by id, e.g. segment.ID.share",
		"segment.gold.stage[0].revenue": "stage[0]: name stages by id, e.g. stage.ID.revenue",
		"segment.[1].stage.new.revenue": "segment.[1]: name segments by id, e.g. segment.ID.share",
	} {
		if _, err := ParsePath(path); err == nil || err.Error() != want {
			t.Errorf("ParsePath(%q): %v, want %q", path, err, want)
		}
	}
	s := mustParse(t, small) // stages new, loyal; segments gold, rest
	for path, want := range map[string]string{
		"stage.new.to":              "name the destination stage, e.g. to.new",
		"stage.nope.to":             `no stage "nope"; stages are new, loyal`,
		"stage.loyl.revenu":         `no stage "loyl" (did you mean "loyal"?); stages are new, loyal`,
		"stage.new.to.lyal":         `no stage "lyal" (did you mean "loyal"?); stages are new, loyal`,
		"segment.silver.stage":      `no segment "silver"; segments are gold, rest`,
		"segment.gold.stage.x.to.y": `no stage "x"; stages are new, loyal`,
		"stage[9].revenue":          "stage[9]: name stages by id, e.g. stage.new.revenue",
	} {
		if _, err := s.ParsePath(path); err == nil || err.Error() != want {
			t.Errorf("Scenario.ParsePath(%q): %v, want %q", path, err, want)
		}
	}
	if _, err := mustParse(t, "[[stage]]\nid = \"a\"\n").ParsePath("segment.gold.share"); err == nil || err.Error() != "the scenario has no [[segment]] tables" {
		t.Errorf("a path into segments of a scenario without: %v", err)
	}
}
