package scenarios

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// field is one key of a table and how to store its value.
type field struct {
	name string
	set  func(v any) error
}

// The keys of each table. Its numbers come from the registry
// (table.fields); the lists below hold the other keys, where messages
// list them: before the number they name, or after every number.

func topFields(s *Scenario) []field {
	return table{s: s}.fields(map[string][]field{
		"horizon": {{"name", text(&s.Name)}, {"description", text(&s.Description)}, {"period", str(&s.Period)}},
	}, field{"cash_timing", str(&s.CashTiming)}, field{"currency", str(&s.Currency)}, field{"seed", wholeUpTo(&s.Seed, "seed")})
}

func acquisitionFields(s *Scenario) []field {
	return table{name: "acquisition", s: s}.fields(map[string][]field{
		"budget": {{"entry", str(&s.Acquisition.Entry)}},
	})
}

func stageFields(st *Stage) []field {
	return table{stage: st}.fields(map[string][]field{
		"revenue": {{"id", str(&st.ID)}, {"name", text(&st.Name)}},
	}, field{"competitor", boolean(&st.Competitor)}, field{"to", nil}) // to: a table, see decodeStage
}

func winbackFields(s *Scenario) []field {
	return table{name: "winback", s: s}.fields(map[string][]field{
		"window": {{"to", str(&s.Winback.To)}},
	})
}

func segmentFields(seg *Segment) []field {
	return table{segment: seg}.fields(map[string][]field{
		"share": {{"id", str(&seg.ID)}, {"name", text(&seg.Name)}},
	}, field{"stage", nil}) // a table of overrides: see decodeSegment
}

func overrideFields(o *StageOverride) []field {
	return table{override: o}.fields(nil, field{"to", nil})
}

func variantFields(v *Variant) []field {
	return []field{
		{"name", text(&v.Name)},
		{"description", text(&v.Description)},
		{"set", nil},
	}
}

// decoder walks a decoded TOML document over a Scenario, recording type
// errors and unknown keys.
type decoder struct {
	probs *problems
	// dists holds the values given as distributions, by key path
	// (uncertainty.go).
	dists map[string]Distribution
}

// decode fills s from the document doc.
func (d *decoder) decode(s *Scenario, doc map[string]any) {
	fields := append(topFields(s),
		field{"acquisition", nil}, field{"stage", nil}, field{"winback", nil},
		field{"segment", nil}, field{"class", nil}, field{"variant", nil},
		field{"response", nil}, field{"sensitivity", nil}, field{"uncertainty", nil})
	d.table(place{}, doc, fields, func(k string, v any, at place) {
		switch k {
		case "acquisition":
			if m, ok := d.asTable(at, v); ok {
				d.table(at, m, acquisitionFields(s), nil)
			}
		case "winback":
			if m, ok := d.asTable(at, v); ok {
				d.table(at, m, winbackFields(s), nil)
			}
		case "stage":
			for i, m := range d.asTables(at, v) {
				s.Stages = append(s.Stages, Stage{RevenueCap: 1, Renewal: 1}) // tenure.go: no growth, everyone renews, unless a file says
				d.decodeStage(&s.Stages[len(s.Stages)-1], m, at.index(i, stageLabel(m, i)))
			}
		case "segment":
			for i, m := range d.asTables(at, v) {
				s.Segments = append(s.Segments, newSegment())
				d.decodeSegment(&s.Segments[len(s.Segments)-1], m, at.index(i, segmentLabel(m, i)))
			}
		case "class":
			for i, m := range d.asTables(at, v) {
				s.Classes = append(s.Classes, newSegment())
				d.decodeSegment(&s.Classes[len(s.Classes)-1], m, at.index(i, classLabel(m, i)))
			}
		case "variant":
			for i, m := range d.asTables(at, v) {
				s.Variants = append(s.Variants, Variant{})
				d.decodeVariant(&s.Variants[len(s.Variants)-1], m, at.index(i, variantLabel(m, i)))
			}
		case "response", "sensitivity":
			d.decodeAnalysis(s, k, v, at) // response.go
		case "uncertainty":
			d.decodeUncertainty(s, v, at) // uncertainty.go
		}
	})
	d.keepDistributions(s)
}

func (d *decoder) decodeStage(st *Stage, m map[string]any, at place) {
	st.To = map[string]float64{}
	d.table(at, m, stageFields(st), func(k string, v any, at place) {
		d.probabilities(at, v, st.To)
	})
}

func (d *decoder) decodeSegment(seg *Segment, m map[string]any, at place) {
	d.table(at, m, segmentFields(seg), func(k string, v any, at place) {
		stages, ok := d.asTable(at, v)
		if !ok {
			return
		}
		for _, id := range slices.Sorted(maps.Keys(stages)) {
			at := at.key(id)
			at.where, at.rel = fmt.Sprintf("%s, stage %q", at.where, id), ""
			ov, ok := d.asTable(at, stages[id])
			if !ok {
				continue
			}
			o := seg.override(id)
			o.To = map[string]float64{}
			d.table(at, ov, overrideFields(o), func(k string, v any, at place) {
				d.probabilities(at, v, o.To)
			})
		}
	})
}

func (d *decoder) decodeVariant(vr *Variant, m map[string]any, at place) {
	d.table(at, m, variantFields(vr), func(k string, v any, at place) {
		set, ok := d.asTable(at, v)
		if !ok {
			return
		}
		flatten(set, "", &vr.Set)
	})
}

// flatten appends the settings of a set table, where a path may be one
// quoted key ("stage.a.revenue" = 5) or dotted keys (stage.a.revenue = 5).
func flatten(set map[string]any, prefix string, dst *[]Setting) {
	for _, k := range slices.Sorted(maps.Keys(set)) {
		if sub, ok := set[k].(map[string]any); ok && !isText(sub) && !isDistribution(sub) {
			flatten(sub, join(prefix, k), dst)
			continue
		}
		*dst = append(*dst, Setting{Path: join(prefix, k), Value: set[k]})
	}
}

// isText reports whether m looks like a text table { en = ..., zh = ... }.
func isText(m map[string]any) bool {
	for k := range m {
		if k != "en" && k != "zh" {
			return false
		}
	}
	return len(m) > 0
}

// table decodes m with fields; keys whose setter is nil go to nested.
func (d *decoder) table(at place, m map[string]any, fields []field, nested func(k string, v any, at place)) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		kat := at.key(k)
		i := slices.IndexFunc(fields, func(f field) bool { return f.name == k })
		switch {
		case i < 0:
			d.probs.add(kat, kat.prefix()+unknownKey(kat.rel, k, fields))
		case fields[i].set == nil:
			nested(k, v, kat)
		case d.decodeUncertain(kat, v, fields[i].set): // a distribution table
		default:
			if err := fields[i].set(v); err != nil {
				d.probs.add(kat, kat.prefix()+kat.rel+": "+err.Error())
			}
		}
	}
}

// probabilities decodes a `to` table into dst.
func (d *decoder) probabilities(at place, v any, dst map[string]float64) {
	m, ok := d.asTable(at, v)
	if !ok {
		return
	}
	for _, id := range slices.Sorted(maps.Keys(m)) {
		mean := func(v any) error { p, err := toNumber(v); dst[id] = p; return err }
		if d.decodeUncertain(at.key(id), m[id], mean) { // a distribution table
			continue
		}
		p, err := toNumber(m[id])
		if err != nil {
			e := at.key(id)
			d.probs.add(e, e.prefix()+e.rel+": "+err.Error())
			continue
		}
		dst[id] = p
	}
}

func (d *decoder) asTable(at place, v any) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	switch {
	case ok:
	case at.where == "" && !strings.Contains(at.rel, "."):
		if _, list := v.([]map[string]any); list {
			d.probs.add(at, fmt.Sprintf("write [%s] (one table), not [[%s]]", at.rel, at.rel))
			break
		}
		fallthrough
	default:
		d.probs.add(at, at.prefix()+at.rel+": expected a table, got "+describe(v))
	}
	return m, ok
}

func (d *decoder) asTables(at place, v any) []map[string]any {
	switch v := v.(type) {
	case []map[string]any:
		return v
	case []any:
		out := make([]map[string]any, 0, len(v))
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				d.probs.add(at, fmt.Sprintf("%s: expected [[%s]] tables, got %s", at.rel, at.rel, describe(e)))
				return nil
			}
			out = append(out, m)
		}
		return out
	}
	d.probs.add(at, fmt.Sprintf("%s: expected [[%s]] tables, got %s", at.rel, at.rel, describe(v)))
	return nil
}

func unknownKey(name, k string, fields []field) string {
	allowed := make([]string, len(fields))
	for i, f := range fields {
		allowed[i] = f.name
	}
	msg := fmt.Sprintf("unknown key %q", name)
	if s := closest(k, allowed); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg + "; allowed here: " + strings.Join(allowed, ", ")
}

func stageLabel(m map[string]any, i int) string {
	if id, ok := m["id"].(string); ok && id != "" {
		return fmt.Sprintf("stage %q", id)
	}
	return fmt.Sprintf("stage %d", i+1)
}

func segmentLabel(m map[string]any, i int) string {
	if id, ok := m["id"].(string); ok && id != "" {
		return fmt.Sprintf("segment %q", id)
	}
	return fmt.Sprintf("segment %d", i+1)
}

func classLabel(m map[string]any, i int) string {
	if id, ok := m["id"].(string); ok && id != "" {
		return fmt.Sprintf("class %q", id)
	}
	return fmt.Sprintf("class %d", i+1)
}

func variantLabel(m map[string]any, i int) string {
	switch n := m["name"].(type) {
	case string:
		return fmt.Sprintf("variant %q", n)
	case map[string]any:
		if en, ok := n["en"].(string); ok {
			return fmt.Sprintf("variant %q", en)
		}
	}
	return fmt.Sprintf("variant %d", i+1)
}

// Value conversions. Their errors say what was expected and what was found.

func number(dst *float64) func(any) error {
	return func(v any) error {
		x, err := toNumber(v)
		if err == nil {
			*dst = x
		}
		return err
	}
}

func optional(dst **float64) func(any) error {
	return func(v any) error {
		x, err := toNumber(v)
		if err == nil {
			*dst = &x
		}
		return err
	}
}

func toNumber(v any) (float64, error) {
	switch v := v.(type) {
	case int64:
		return float64(v), nil
	case float64:
		switch {
		case math.IsNaN(v):
			return 0, errors.New("nan is not allowed, give a finite number")
		case math.IsInf(v, 1):
			return 0, errors.New("inf is not allowed, give a finite number")
		case math.IsInf(v, -1):
			return 0, errors.New("-inf is not allowed, give a finite number")
		}
		return v, nil
	}
	return 0, errors.New("expected a number, got " + describe(v))
}

func numbers(dst *[]float64) func(any) error {
	return func(v any) error {
		list, ok := v.([]any)
		if !ok {
			x, err := toNumber(v)
			if err != nil {
				return errors.New("expected a number or a list of numbers, got " + describe(v))
			}
			*dst = []float64{x}
			return nil
		}
		out := make([]float64, len(list))
		for i, e := range list {
			x, err := toNumber(e)
			if err != nil {
				return fmt.Errorf("value %d: %v", i+1, err)
			}
			out[i] = x
		}
		*dst = out
		return nil
	}
}

// maxInteger keeps integers far from overflow; every integer key has a
// limit of its own, at most this one, which Validate states.
const maxInteger = 1 << 53

// wholeLimits states the limits of the whole-number keys, by TOML key
// path, for a number beyond maxInteger (or beyond int64, which the TOML
// decoder refuses).
var wholeLimits = map[string]string{
	"horizon":            fmt.Sprintf("a horizon is at most %d periods", sim.MaxHorizon),
	"winback.window":     fmt.Sprintf("a win-back window is at most %d periods", sim.MaxWindow),
	"seed":               "a seed is a whole number from 0 to 2^53 (9007199254740992)",
	"uncertainty.trials": fmt.Sprintf("at most %d trials", uncertainty.MaxTrials),
}

// wholeTooLarge says that the whole number x (a TOML integer's text) is too
// large for the key at TOML key path key, and what its limit is.
func wholeTooLarge(key, x string) string {
	limit, ok := wholeLimits[key]
	if !ok {
		limit = "a whole number here is at most 2^53 (9007199254740992)"
	}
	return fmt.Sprintf("%s is too large; %s", x, limit)
}

func integer(dst *int) func(any) error { return wholeUpTo(dst, "") }

// wholeUpTo is integer for the key at TOML key path key, whose limit
// (wholeLimits) a number beyond maxInteger is told.
func wholeUpTo(dst *int, key string) func(any) error {
	return func(v any) error {
		switch x := v.(type) {
		case int64:
			if x > maxInteger || x < -maxInteger {
				return errors.New(wholeTooLarge(key, strconv.FormatInt(x, 10)))
			}
			*dst = int(x)
			return nil
		case float64:
			if x == math.Trunc(x) && math.Abs(x) <= maxInteger {
				*dst = int(x)
				return nil
			}
			return fmt.Errorf("expected a whole number, got %v", x)
		}
		return errors.New("expected a whole number, got " + describe(v))
	}
}

// periods is integer for a horizon: 0 would mean "the default".
func periods(dst *int) func(any) error {
	return func(v any) error {
		var x int
		if err := wholeUpTo(&x, "horizon")(v); err != nil {
			return err
		}
		if x < 1 {
			return fmt.Errorf("must be at least 1 period, got %d", x)
		}
		*dst = x
		return nil
	}
}

func str(dst *string) func(any) error {
	return func(v any) error {
		s, ok := v.(string)
		if !ok {
			return errors.New("expected a string, got " + describe(v))
		}
		*dst = s
		return nil
	}
}

func text(dst *Text) func(any) error {
	return func(v any) error {
		switch v := v.(type) {
		case string:
			v = strings.ReplaceAll(v, "\r\n", "\n") // a multi-line string of a CRLF file
			*dst = Text{EN: v, ZH: v}
			return nil
		case map[string]any:
			var t Text
			for _, k := range slices.Sorted(maps.Keys(v)) {
				s, ok := v[k].(string)
				switch {
				case k != "en" && k != "zh":
					return fmt.Errorf("unknown language %q; give en and/or zh", k)
				case !ok:
					return fmt.Errorf("%s: expected a string, got %s", k, describe(v[k]))
				case k == "en":
					t.EN = strings.ReplaceAll(s, "\r\n", "\n")
				default:
					t.ZH = strings.ReplaceAll(s, "\r\n", "\n")
				}
			}
			*dst = t
			return nil
		}
		return errors.New(`expected a string or { en = "...", zh = "..." }, got ` + describe(v))
	}
}

// describe names a TOML value's type and shows it briefly.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return fmt.Sprintf("the string %q", v)
	case int64, float64:
		return fmt.Sprintf("the number %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time: // a TOML date, date and time, or time of day
		switch v.Location().String() {
		case "date-local":
			return "a date (" + v.Format(time.DateOnly) + ")"
		case "time-local":
			return "a time of day (" + v.Format(time.TimeOnly) + ")"
		case "datetime-local":
			return "a date and time (" + v.Format("2006-01-02T15:04:05") + ")"
		}
		return "a date and time (" + v.Format(time.RFC3339) + ")"
	}
	return fmt.Sprintf("a %T", v)
}

// closest returns the candidate within edit distance 2 of s, if one is.
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
