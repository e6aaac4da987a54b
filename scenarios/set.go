package scenarios

import (
	"fmt"
	"slices"
	"strings"
)

// Set replaces the value at path, as a variant's set table does: "horizon",
// "acquisition.cost_per_customer", "stage.ID.KEY", "stage.ID.to.ID",
// "winback.KEY", "segment.ID.KEY", "segment.ID.stage.ID.KEY" or
// "segment.ID.stage.ID.to.ID" (see Path). value is a TOML value (int64,
// float64, string, []any for new_customers, or a distribution table for
// an uncertain value). Set checks the path and the value's type; Validate
// checks the value itself.
func (s *Scenario) Set(path string, value any) error {
	p, err := s.ParsePath(path)
	if err == nil {
		err = s.setAt(p, value)
	}
	if err != nil {
		return fmt.Errorf("%q: %w", path, err)
	}
	return nil
}

// setAt sets the value at p, whose ids exist: a number of the registry
// through its entry (Param.Set), other values through the decoder's
// setter of their key.
func (s *Scenario) setAt(p Path, value any) error {
	e, ok := Lookup(p)
	switch {
	case !ok:
		return s.setKey(p, value)
	case e.decode != nil: // a whole number of periods, a list of new customers
		return e.decode(s)(value)
	}
	if m, table := value.(map[string]any); table && e.Uncertain {
		return s.setDistribution(p, e, m) // uncertainty.go
	}
	x, err := toNumber(value)
	if err != nil {
		return err
	}
	e.Set(s, p, x)
	return nil
}

// setKey sets a value that is not a number of the registry (text, an id
// of a stage) through the decoder's setter of its key.
func (s *Scenario) setKey(p Path, value any) error {
	var fields []field
	switch {
	case p.Table == "acquisition":
		fields = acquisitionFields(s)
	case p.Table == "winback":
		fields = winbackFields(s)
	case p.Segment != "" || p.Class != "":
		fields = segmentFields(s.segmentAt(p))
	case p.Stage != "":
		fields = stageFields(s.stageAt(p.Stage))
	default:
		fields = topFields(s)
	}
	i := slices.IndexFunc(fields, func(f field) bool { return f.name == p.Key })
	return fields[i].set(value)
}

func (s *Scenario) noStage(id string) error {
	ids := make([]string, len(s.Stages))
	for i, st := range s.Stages {
		ids[i] = st.ID
	}
	hint := ""
	if c := closest(id, ids); c != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", c)
	}
	return fmt.Errorf("no stage %q%s; stages are %s", id, hint, strings.Join(ids, ", "))
}

func (s *Scenario) segmentIDs() []string {
	ids := make([]string, len(s.Segments))
	for i, seg := range s.Segments {
		ids[i] = seg.ID
	}
	return ids
}

func (s *Scenario) classIDs() []string {
	ids := make([]string, len(s.Classes))
	for i, c := range s.Classes {
		ids[i] = c.ID
	}
	return ids
}

func (s *Scenario) exampleStage() string {
	if len(s.Stages) > 0 {
		return s.Stages[0].ID
	}
	return "ID"
}
