package scenarios

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Path is a parsed path to one value of a scenario, in the variant path
// syntax: "horizon", "discount_rate", "acquisition.cost_per_customer",
// "stage.ID.KEY", "stage.ID.to.ID", "winback.KEY", "segment.ID.KEY",
// "segment.ID.stage.ID.KEY" or "segment.ID.stage.ID.to.ID", and for a
// latent class "class.ID.KEY", "class.ID.stage.ID.KEY" or
// "class.ID.stage.ID.to.ID". The same
// syntax names a [[response]]'s lever and target and a [[sensitivity]]
// range's parameter. Stages and segments are named by id: the key paths
// with which the decoder names a place in a file, where a stage or
// segment is given by its index ("stage[2].revenue"), are read by the
// decoder alone (keyPath, Scenario.resolve).
type Path struct {
	// Segment is the segment's id for a path that starts segment.ID, else
	// "". In a decoder's key path it is the index in brackets, e.g. "[0]".
	Segment string
	// Class is the latent class's id for a path that starts class.ID, else
	// "" (a path names a segment or a class, not both). In a decoder's key
	// path it is the index in brackets.
	Class string
	// Stage is the stage's id for a stage value (stage.ID.KEY, or
	// segment.ID.stage.ID.KEY for a segment's override), else "". In a
	// decoder's key path it may be the index in brackets, e.g. "[2]".
	Stage string
	// Table is "acquisition" or "winback" for a key of those tables, and ""
	// for a top-level, stage or segment key.
	Table string
	// Key is the value's key in its table: "revenue", "share", "horizon",
	// "cost_per_customer", or "to" for a transition probability.
	Key string
	// To is the destination stage of a "to" key, else "".
	To string
}

// ParsePath parses a path (see Path). It checks the path's shape and
// that its key exists in its table, not that its stages and segments exist
// in a scenario: Scenario.ParsePath does. Its errors say what to write,
// e.g. `name a stage and a key, e.g. stage.ID.revenue`.
func ParsePath(path string) (Path, error) { return parsePath(path, "ID", false) }

// ParsePath parses path (see the function ParsePath) and checks that the
// stages and segments it names exist in s; examples in its messages name
// s's first stage.
func (s *Scenario) ParsePath(path string) (Path, error) {
	p, err := parsePath(path, s.exampleStage(), false)
	if e := s.checkIDs(p); e != nil {
		return p, e
	}
	return p, err
}

// keyPath parses a key path of the decoder, "stage[2].to.loyal", where a
// stage or segment may be given by its index in brackets. For a key path
// that names no value (a table, "stage[2].to") it returns what it read.
func keyPath(path string) Path {
	p, _ := parsePath(path, "ID", true)
	return p
}

// resolve returns the key path p with a stage or segment given by its
// index named by its id; an index s does not have stays as it is.
func (s *Scenario) resolve(p Path) Path {
	if i, ok := index(p.Stage); ok && i < len(s.Stages) {
		p.Stage = s.Stages[i].ID
	}
	if i, ok := index(p.Segment); ok && i < len(s.Segments) {
		p.Segment = s.Segments[i].ID
	}
	if i, ok := index(p.Class); ok && i < len(s.Classes) {
		p.Class = s.Classes[i].ID
	}
	return p
}

// index returns n of an id "[n]" in a key path.
func index(id string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(id, "["), "]"))
	return n, err == nil && strings.HasPrefix(id, "[")
}

// parsePath is ParsePath with example as the stage id that messages show;
// indices allows a stage or segment given by its index, as in a key path.
// On an error the path holds the ids it read before the problem, so that
// Scenario.ParsePath can name a missing stage first, as Set always has.
func parsePath(path, example string, indices bool) (Path, error) {
	var p Path
	parts := strings.Split(path, ".")
	if head, index, ok := strings.Cut(parts[0], "["); ok && (head == "stage" || head == "segment" || head == "class") && indices {
		parts = slices.Insert(parts[1:], 0, head, "["+index) // a key path: stage[2] → stage, [2]
	} else if err := byIndex(parts, example); err != nil {
		return p, err
	}
	switch parts[0] {
	case "acquisition":
		p.Table = parts[0]
		return p, p.key(acquisitionFields(&Scenario{}), "acquisition", parts[1:])
	case "winback":
		p.Table = parts[0]
		return p, p.key(winbackFields(&Scenario{}), "winback", parts[1:])
	case "stage":
		if len(parts) < 3 || parts[1] == "" {
			return p, fmt.Errorf("name a stage and a key, e.g. stage.%s.revenue", example)
		}
		p.Stage = parts[1]
		if parts[2] == "id" {
			p.Key = "id"
			return p, errors.New("a variant cannot rename a stage")
		}
		return p, p.stageKey(stageFields(&Stage{}), "stage."+p.Stage, parts[2:], example)
	case "segment", "class":
		kind := parts[0]
		if len(parts) < 3 || parts[1] == "" {
			return p, fmt.Errorf("name a %s and a key, e.g. %s.ID.share", kind, kind)
		}
		id := &p.Segment
		if kind == "class" {
			id = &p.Class
		}
		*id = parts[1]
		switch parts[2] {
		case "id":
			p.Key = "id"
			return p, fmt.Errorf("a variant cannot rename a %s", kind)
		case "stage":
			if len(parts) < 5 || parts[3] == "" {
				return p, fmt.Errorf("name a stage and a key, e.g. %s.%s.stage.%s.revenue", kind, *id, example)
			}
			p.Stage = parts[3]
			return p, p.stageKey(overrideFields(&StageOverride{}), kind+" stage override", parts[4:], example)
		}
		return p, p.key(segmentFields(&Segment{}), kind, parts[2:])
	}
	if len(parts) > 1 {
		return p, fmt.Errorf("no table %q; paths start with a top-level key, acquisition, stage, winback, segment or class", parts[0])
	}
	return p, p.key(topFields(&Scenario{}), "the top level", parts)
}

// byIndex returns the error for a path that gives a stage or segment by
// its index in brackets, "stage[9].revenue" or "stage.[0].revenue", as
// the decoder's key paths do: paths name them by id.
func byIndex(parts []string, example string) error {
	for i, part := range parts {
		head, _, ok := strings.Cut(part, "[")
		shown := part
		if ok && head == "" && i > 0 {
			head, shown = parts[i-1], parts[i-1]+"."+part
		}
		switch {
		case !ok:
		case head == "segment":
			return fmt.Errorf("%s: name segments by id, e.g. segment.ID.share", shown)
		case head == "class":
			return fmt.Errorf("%s: name classes by id, e.g. class.ID.share", shown)
		case head == "stage" || head == "to":
			return fmt.Errorf("%s: name stages by id, e.g. stage.%s.revenue", shown, example)
		}
	}
	return nil
}

// stageKey reads the key of a stage value or override: KEY or to.ID.
func (p *Path) stageKey(fields []field, table string, rest []string, example string) error {
	if rest[0] != "to" {
		return p.key(fields, table, rest)
	}
	p.Key = "to" // a row, if no destination follows
	if len(rest) != 2 || rest[1] == "" {
		return fmt.Errorf("name the destination stage, e.g. to.%s", example)
	}
	p.To = rest[1]
	return nil
}

// key reads the last part of a path: one key of table that holds a value
// (not a nested table, not an id).
func (p *Path) key(fields []field, table string, rest []string) error {
	key := strings.Join(rest, ".")
	if slices.ContainsFunc(fields, func(f field) bool { return f.name == key && f.set != nil && f.name != "id" }) {
		p.Key = key
		return nil
	}
	var keys []string
	for _, f := range fields {
		if f.set != nil && f.name != "id" {
			keys = append(keys, f.name)
		}
	}
	return fmt.Errorf("no value %q in %s; values here are %s", key, table, strings.Join(keys, ", "))
}

// contains reports whether p names q or a value inside it: the parts p
// gives, up to its last, are q's. The row "stage.a.to" contains
// "stage.a.to.b"; a path that gives nothing contains nothing.
func (p Path) contains(q Path) bool {
	a, b := p.parts(), q.parts()
	for i := len(a) - 1; i >= 0; i-- {
		if a[i] != "" {
			return slices.Equal(a[:i+1], b[:i+1])
		}
	}
	return false
}

// parts returns p's parts from the outermost in.
func (p Path) parts() [6]string { return [6]string{p.Segment, p.Class, p.Stage, p.Table, p.Key, p.To} }

// String returns the path as written: parsing it gives p back.
func (p Path) String() string {
	return p.format(p.Segment, p.Class, p.Stage, p.To)
}

// Pattern returns the path with every id replaced by ID, e.g.
// "segment.ID.stage.ID.to.ID": the form the registry (Params) lists.
func (p Path) Pattern() string {
	id := func(s string) string {
		if s == "" {
			return ""
		}
		return "ID"
	}
	return p.format(id(p.Segment), id(p.Class), id(p.Stage), id(p.To))
}

func (p Path) format(segment, class, stage, to string) string {
	var b strings.Builder
	part := func(table, id string) {
		b.WriteString(table)
		if !strings.HasPrefix(id, "[") {
			b.WriteByte('.')
		}
		b.WriteString(id)
		b.WriteByte('.')
	}
	if segment != "" {
		part("segment", segment)
	}
	if class != "" {
		part("class", class)
	}
	if stage != "" {
		part("stage", stage)
	}
	if p.Table != "" {
		b.WriteString(p.Table + ".")
	}
	b.WriteString(p.Key)
	if p.Key == "to" {
		b.WriteString("." + to)
	}
	return b.String()
}

// checkIDs checks that the segment and stages p names exist in s.
func (s *Scenario) checkIDs(p Path) error {
	if p.Segment != "" {
		if len(s.Segments) == 0 {
			return errors.New("the scenario has no [[segment]] tables")
		}
		if s.segmentIndex(p.Segment) < 0 {
			return fmt.Errorf("no segment %q; segments are %s", p.Segment, strings.Join(s.segmentIDs(), ", "))
		}
	}
	if p.Class != "" {
		if len(s.Classes) == 0 {
			return errors.New("the scenario has no [[class]] tables")
		}
		if s.classIndex(p.Class) < 0 {
			return fmt.Errorf("no class %q; classes are %s", p.Class, strings.Join(s.classIDs(), ", "))
		}
	}
	for _, id := range []string{p.Stage, p.To} {
		if id != "" && s.stageIndex(id) < 0 {
			return s.noStage(id)
		}
	}
	return nil
}
