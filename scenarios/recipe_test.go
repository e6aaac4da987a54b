package scenarios

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// The tests of this file check the package doc's recipe for a parameter:
// a registry entry alone makes its number readable from a file, range
// checked with its place in the file, and no number of a file bypasses the
// registry.

// recipeStages and recipeSegments are the ids of registryFile.
var recipeStages, recipeSegments = []string{"a", "b"}, []string{"gold", "silver"}

// recipeScenario returns a scenario with the ids of registryFile, for
// pathsOf.
func recipeScenario() *Scenario {
	s := New()
	for _, id := range recipeStages {
		s.Stages = append(s.Stages, Stage{ID: id})
	}
	for _, id := range recipeSegments {
		seg := newSegment()
		seg.ID = id
		s.Segments = append(s.Segments, seg)
	}
	return s
}

// registryFile returns a scenario file with stages a and b and segments
// gold and silver, each overriding both stages, that writes every
// parameter of the registry at every path (pathsOf) on a line of its own,
// as value gives it, and the line of each path.
func registryFile(value func(*Param, Path) string) (string, map[Path]int) {
	var b strings.Builder
	lines, n := map[Path]int{}, 0
	line := func(s string) {
		b.WriteString(s + "\n")
		n++
	}
	paths := pathsOf(recipeScenario())
	section := func(segment, stage, table string, to bool) {
		for _, p := range paths {
			if p.Segment != segment || p.Stage != stage || p.Table != table || (p.Key == "to") != to {
				continue
			}
			e, _ := Lookup(p)
			key := p.Key
			if to {
				key = p.To
			}
			line(key + " = " + value(e, p))
			lines[p] = n
		}
	}
	section("", "", "", false)
	for _, table := range []string{"acquisition", "winback"} {
		line("[" + table + "]")
		section("", "", table, false)
	}
	for _, st := range recipeStages {
		line("[[stage]]")
		line(`id = "` + st + `"`)
		section("", st, "", false)
		line("[stage.to]")
		section("", st, "", true)
	}
	for _, seg := range recipeSegments {
		line("[[segment]]")
		line(`id = "` + seg + `"`)
		section(seg, "", "", false)
		for _, st := range recipeStages {
			line("[segment.stage." + st + "]")
			section(seg, st, "", false)
			line("[segment.stage." + st + ".to]")
			section(seg, st, "", true)
		}
	}
	return b.String(), lines
}

// tomlNumber writes x as the file gives a value of e: a whole number of
// periods as an integer.
func tomlNumber(e *Param, x float64) string {
	if e.Kind == Periods {
		return strconv.FormatInt(int64(x), 10)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// TestEveryParameterDecodes: every parameter of the registry, at every
// path, is read from a file into the scenario: the registry reads back
// the value written there.
func TestEveryParameterDecodes(t *testing.T) {
	want := map[Path]float64{}
	src, _ := registryFile(func(e *Param, p Path) string {
		x := float64(len(want) + 1) // a whole number of periods, a count, money, a multiplier
		if e.Max == 1 {
			x /= 128 // a fraction or probability; pathsOf gives fewer than 128 paths
		}
		want[p] = x
		return tomlNumber(e, x)
	})
	var doc map[string]any
	if _, err := toml.Decode(src, &doc); err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	s := New()
	d := &decoder{probs: &problems{}}
	d.decode(s, doc)
	if len(d.probs.list) > 0 {
		t.Fatalf("decode problems %v\n%s", d.probs.list, src)
	}
	for p, x := range want {
		e, _ := Lookup(p)
		if got := e.Get(s, p); got != x {
			t.Errorf("%s = %v in the file reads %v", p, x, got)
		}
	}
	if len(want) != len(pathsOf(recipeScenario())) {
		t.Errorf("%d paths written, want %d", len(want), len(pathsOf(recipeScenario())))
	}
}

// TestEveryParameterRangeChecked: a value just outside its entry's range,
// at any path of the registry, is refused with a message at its line that
// names its key and the value.
func TestEveryParameterRangeChecked(t *testing.T) {
	valid := func(e *Param, _ Path) string {
		x := e.Min // a budget must be 0 without a response
		if e.Max == 1 {
			x = 0.5 // two shares and rows of two sum to 1
		}
		return tomlNumber(e, x)
	}
	src, _ := registryFile(valid)
	if _, err := Parse("valid.toml", []byte(src)); err != nil {
		t.Fatalf("the valid file: %v\n%s", err, src)
	}
	for _, bad := range []struct {
		side string
		x    func(*Param) float64
	}{
		{"below", func(e *Param) float64 { return e.Min - 1 }},
		{"above", func(e *Param) float64 { return e.Max + 1 }},
	} {
		for _, p := range pathsOf(recipeScenario()) {
			e, _ := Lookup(p)
			x := bad.x(e)
			src, lines := registryFile(func(f *Param, q Path) string {
				if q == p {
					return tomlNumber(e, x)
				}
				return valid(f, q)
			})
			_, err := Parse("bad.toml", []byte(src))
			perr, ok := err.(*Error)
			if !ok {
				t.Errorf("%s = %v (%s the range) is accepted (%v)", p, x, bad.side, err)
				continue
			}
			key := p.Key
			if key == "to" {
				key = p.To
			}
			found := false
			for _, pr := range perr.Problems {
				found = found || pr.Line == lines[p] && strings.Contains(pr.Msg, key) &&
					(strings.Contains(pr.Msg, key+" = "+num(x)) || strings.Contains(pr.Msg, key+": "))
			}
			if !found {
				t.Errorf("%s = %v (%s the range): no problem at line %d naming it:\n%v", p, x, bad.side, lines[p], err)
			}
		}
	}
}

// TestDecoderNumbersInRegistry: every key of a file's tables that takes a
// number is a parameter of the registry, but for the seed of the Monte
// Carlo trials: the decoder's own lists hold no number.
func TestDecoderNumbersInRegistry(t *testing.T) {
	s, st, seg, o := New(), &Stage{}, newSegment(), &StageOverride{}
	for _, c := range []struct {
		name   string
		t      table
		fields []field
	}{
		{"top level", table{s: s}, topFields(s)},
		{"acquisition", table{name: "acquisition", s: s}, acquisitionFields(s)},
		{"stage", table{stage: st}, stageFields(st)},
		{"winback", table{name: "winback", s: s}, winbackFields(s)},
		{"segment", table{segment: &seg}, segmentFields(&seg)},
		{"segment stage override", table{override: o}, overrideFields(o)},
	} {
		for _, f := range c.fields {
			registered := slices.ContainsFunc(Params(), func(e *Param) bool { return e.key() == f.name && e.setter(c.t) != nil })
			if f.set != nil && f.set(int64(1)) == nil && !registered && f.name != "seed" {
				t.Errorf("%s: key %q takes a number but is not in the registry", c.name, f.name)
			}
		}
	}
}
