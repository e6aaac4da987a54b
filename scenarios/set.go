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

// setAt sets the value at p, whose ids exist.
func (s *Scenario) setAt(p Path, value any) error {
	if e, ok := Lookup(p); ok && e.Uncertain {
		return s.setUncertain(p, e.Kind, value) // uncertainty.go
	}
	return s.setPlain(p, value)
}

// setPlain sets the value at p from a plain TOML value, through the
// decoder's setter of its key.
func (s *Scenario) setPlain(p Path, value any) error {
	var fields []field
	switch {
	case p.Table == "acquisition":
		fields = acquisitionFields(s)
	case p.Table == "winback":
		fields = winbackFields(s)
	case p.Key == "to":
		to := &s.Stages[s.stageIndex(p.Stage)].To
		if p.Segment != "" {
			to = &s.segmentAt(p).override(p.Stage).To
		}
		x, err := toNumber(value)
		if err != nil {
			return err
		}
		if *to == nil {
			*to = map[string]float64{}
		}
		(*to)[p.To] = x
		return nil
	case p.Segment != "" && p.Stage != "":
		fields = overrideFields(s.segmentAt(p).override(p.Stage))
	case p.Segment != "":
		fields = segmentFields(s.segmentAt(p))
	case p.Stage != "":
		fields = stageFields(&s.Stages[s.stageIndex(p.Stage)])
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

func (s *Scenario) exampleStage() string {
	if len(s.Stages) > 0 {
		return s.Stages[0].ID
	}
	return "ID"
}
