package scenarios

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// pathsOf returns every concrete path of the registry in s: each pattern
// with the ids of s's stages and segments filled in, overrides included.
func pathsOf(s *Scenario) []Path {
	var out []Path
	for _, e := range Params() {
		pat, err := ParsePath(e.Pattern)
		if err != nil {
			panic(err)
		}
		var segs []string
		if pat.Segment != "" || e.Segmented {
			segs = s.segmentIDs()
		}
		if pat.Segment == "" {
			segs = append([]string{""}, segs...)
		}
		for _, seg := range segs {
			stages := []string{""}
			if pat.Stage != "" {
				stages = s.stageIDs()
			}
			for _, st := range stages {
				tos := []string{""}
				if pat.To != "" {
					tos = s.stageIDs()
				}
				for _, to := range tos {
					out = append(out, Path{Segment: seg, Stage: st, Table: pat.Table, Key: pat.Key, To: to})
				}
			}
		}
	}
	return out
}

func (s *Scenario) stageIDs() []string {
	ids := make([]string, len(s.Stages))
	for i, st := range s.Stages {
		ids[i] = st.ID
	}
	return ids
}

// tomlValue returns x as a variant's set table gives it for e.
func tomlValue(e *Param, x float64) any {
	if e.Kind == Periods {
		return int64(x)
	}
	return x
}

// TestRegistryRoundTrip: on every shipped scenario, every parameter of the
// registry at every path reads back what Param.Set wrote, agrees with
// Scenario.Set (what a variant does), and writing its own value back
// leaves the engine model as it was.
// TestRegistryPatterns: every entry's Pattern, written from its path,
// parses back to that path, and no two entries share one.
func TestRegistryPatterns(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Params() {
		p, err := ParsePath(e.Pattern)
		if err != nil || p != e.path {
			t.Errorf("%s parses to %+v, %v; the entry's path is %+v", e.Pattern, p, err, e.path)
		}
		if seen[e.Pattern] {
			t.Errorf("two entries have the pattern %s", e.Pattern)
		}
		seen[e.Pattern] = true
	}
}

func TestRegistryRoundTrip(t *testing.T) {
	for _, id := range Presets() {
		s, err := Preset(id)
		if err != nil {
			t.Fatal(err)
		}
		want, err := s.Model()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pathsOf(s) {
			e, ok := Lookup(p)
			if !ok {
				t.Fatalf("%s: %s: no registry entry", id, p)
			}
			if e.Pattern == "acquisition.new_customers" && len(s.Acquisition.NewCustomers) != 1 {
				continue // a list: one value replaces it
			}
			x := e.Get(s, p)
			c := s.Clone()
			e.Set(c, p, x)
			if got, err := c.Model(); err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s set to its own value %v changes the model (%v)", id, p, x, err)
			}
			y := math.Min(e.Max, math.Round(x/2)+1) // another valid value of the kind
			if e.Kind == Probability || e.Kind == Fraction || e.Kind == Rate {
				y = x / 2
			}
			e.Set(c, p, y)
			if got := e.Get(c, p); got != y {
				t.Errorf("%s: %s set to %v reads %v", id, p, y, got)
			}
			v := s.Clone()
			if err := v.Set(p.String(), tomlValue(e, y)); err != nil {
				t.Errorf("%s: Set(%s): %v", id, p, err)
			} else if got := e.Get(v, p); got != y {
				t.Errorf("%s: Set(%s, %v) reads %v", id, p, y, got)
			}
		}
	}
}

// TestRegistryText: every entry has a label, a unit and an explanation in
// both languages; the Chinese is Chinese, and an explanation is one or two
// whole sentences.
func TestRegistryText(t *testing.T) {
	han := func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	}
	seen := map[string]bool{}
	for _, e := range Params() {
		if seen[e.Pattern] {
			t.Errorf("%s: twice in the registry", e.Pattern)
		}
		seen[e.Pattern] = true
		for what, tx := range map[string]Text{"label": e.Label, "short label": e.ShortLabel(), "unit": e.Unit, "explanation": e.Explain} {
			if tx.EN == "" || tx.ZH == "" {
				t.Errorf("%s: %s %+v needs en and zh", e.Pattern, what, tx)
			}
			if what != "unit" && !han(tx.ZH) {
				t.Errorf("%s: zh %s %q has no Chinese", e.Pattern, what, tx.ZH)
			}
		}
		if n := strings.Count(e.Explain.EN, ". "); !strings.HasSuffix(e.Explain.EN, ".") || n > 1 {
			t.Errorf("%s: explanation %q: one or two sentences, ending with a period", e.Pattern, e.Explain.EN)
		}
		if n := strings.Count(e.Explain.ZH, "。"); !strings.HasSuffix(e.Explain.ZH, "。") || n > 2 {
			t.Errorf("%s: zh explanation %q: one or two sentences, ending with 。", e.Pattern, e.Explain.ZH)
		}
		placed := e.top != nil || e.stage != nil || e.segment != nil || e.get != nil && e.set != nil
		if !(e.Min <= e.Max) || e.Kind == 0 || !placed || e.Segmented != (e.override != nil || e.Pattern == "stage.ID.to.ID") {
			t.Errorf("%s: incomplete entry %+v", e.Pattern, e)
		}
		if p, err := ParsePath(e.Pattern); err != nil || p.Pattern() != e.Pattern {
			t.Errorf("%s: pattern parses to %v (%v)", e.Pattern, p.Pattern(), err)
		}
	}
}

// TestLabel: what-if labels name stages and segments by their names, as
// the CSV headers and charts have always shown them.
func TestLabel(t *testing.T) {
	s, err := Preset("four-stage")
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string][2]string{
		"stage.stability.to.stability":  {"Stability: stay", "稳定期：留存"},
		"stage.stability.to.decline":    {"Stability → Decline", "稳定期 → 退化期"},
		"stage.decline.retention_spend": {"Decline: retention spend", "退化期：保留投入"},
		"acquisition.cost_per_customer": {"acquisition cost per customer", "单客获客成本"},
		"discount_rate":                 {"discount rate", "折现率"},
		"horizon":                       {"horizon", "期限"},
		"period":                        {"period", "period"}, // no number: the path
	} {
		if en, zh := s.Label(path, "en"), s.Label(path, "zh"); en != want[0] || zh != want[1] {
			t.Errorf("Label(%s) = %q, %q; want %q", path, en, zh, want)
		}
	}
	v := validScenario(t, "segments-overrides.toml") // stages without names
	for path, want := range map[string][2]string{
		"segment.gold.stage.decline.to.decline":   {"Gold: decline: stay", "金卡：decline：留存"},
		"segment.gold.stage.formation.to.decline": {"Gold: formation → decline", "金卡：formation → decline"},
		"segment.gold.revenue_multiplier":         {"Gold: revenue multiplier", "金卡：收入乘数"},
		"segment.standard.share":                  {"Standard: share of new customers", "Standard：新客户占比"},
	} {
		if en, zh := v.Label(path, "en"), v.Label(path, "zh"); en != want[0] || zh != want[1] {
			t.Errorf("Label(%s) = %q, %q; want %q", path, en, zh, want)
		}
	}
}

// TestUnknownIDs: a path with a stage or segment the scenario does not
// have is reported by Set and Parameter, the ways user input comes in,
// and panics as misuse with a scenarios: message in Param.Get and Set.
func TestUnknownIDs(t *testing.T) {
	s := validScenario(t, "segments-overrides.toml")
	for _, path := range []string{"stage.nope.revenue", "stage.decline.to.nope", "segment.nope.share", "segment.gold.stage.nope.price_discount"} {
		if err := s.Clone().Set(path, 1.0); err == nil || !strings.Contains(err.Error(), `no s`) {
			t.Errorf("Set(%s): %v, want no stage or segment", path, err)
		}
		if _, err := s.Parameter(path); err == nil || !strings.Contains(err.Error(), `no s`) {
			t.Errorf("Parameter(%s): %v, want no stage or segment", path, err)
		}
	}
	for _, c := range []struct {
		p    Path
		want string
	}{
		{Path{Stage: "nope", Key: "revenue"}, `scenarios: no stage "nope"`},
		{Path{Stage: "decline", Key: "to", To: "nope"}, `scenarios: no stage "nope"`},
		{Path{Segment: "nope", Key: "share"}, `scenarios: no segment "nope"`},
	} {
		e, _ := Lookup(c.p)
		for name, use := range map[string]func(){
			"Get": func() { e.Get(s, c.p) },
			"Set": func() { e.Set(s.Clone(), c.p, 1) },
		} {
			func() {
				defer func() {
					if r, _ := recover().(string); !strings.HasPrefix(r, c.want) {
						t.Errorf("%s(%s) panics with %q, want %q", name, c.p, r, c.want)
					}
				}()
				use()
			}()
		}
	}
}
