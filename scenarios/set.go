package scenarios

import (
	"fmt"
	"slices"
	"strings"
)

// Set replaces the value at path, as a variant's set table does: "horizon",
// "acquisition.cost_per_customer", "stage.ID.KEY", "stage.ID.to.ID",
// "winback.KEY", "segment.ID.KEY", "segment.ID.stage.ID.KEY" or
// "segment.ID.stage.ID.to.ID". value is a TOML value (int64, float64,
// string, or []any for new_customers). Set checks the path and the value's
// type; Validate checks the value itself.
func (s *Scenario) Set(path string, value any) error {
	if ok, err := s.setUncertain(path, value); ok { // uncertainty.go
		if err != nil {
			return fmt.Errorf("%q: %w", path, err)
		}
		return nil
	}
	parts := strings.Split(path, ".")
	if err := s.set(parts, value); err != nil {
		return fmt.Errorf("%q: %w", path, err)
	}
	return nil
}

func (s *Scenario) set(parts []string, value any) error {
	switch parts[0] {
	case "acquisition":
		return setField(acquisitionFields(&s.Acquisition), "acquisition", parts[1:], value)
	case "winback":
		return setField(winbackFields(&s.Winback), "winback", parts[1:], value)
	case "stage":
		if len(parts) < 3 {
			return fmt.Errorf("name a stage and a key, e.g. stage.%s.revenue", s.exampleStage())
		}
		i := s.stageIndex(parts[1])
		if i < 0 {
			return s.noStage(parts[1])
		}
		st := &s.Stages[i]
		if parts[2] == "to" {
			if st.To == nil {
				st.To = map[string]float64{}
			}
			return s.setTo(st.To, parts[3:], value)
		}
		if parts[2] == "id" {
			return fmt.Errorf("a variant cannot rename a stage")
		}
		return setField(stageFields(st), "stage."+st.ID, parts[2:], value)
	case "segment":
		if len(parts) < 3 {
			return fmt.Errorf("name a segment and a key, e.g. segment.ID.share")
		}
		i := s.segmentIndex(parts[1])
		if len(s.Segments) == 0 {
			return fmt.Errorf("the scenario has no [[segment]] tables")
		}
		if i < 0 {
			return fmt.Errorf("no segment %q; segments are %s", parts[1], strings.Join(s.segmentIDs(), ", "))
		}
		seg := &s.Segments[i]
		switch parts[2] {
		case "id":
			return fmt.Errorf("a variant cannot rename a segment")
		case "stage":
			if len(parts) < 5 {
				return fmt.Errorf("name a stage and a key, e.g. segment.%s.stage.%s.revenue", seg.ID, s.exampleStage())
			}
			if s.stageIndex(parts[3]) < 0 {
				return s.noStage(parts[3])
			}
			o := seg.override(parts[3])
			if parts[4] == "to" {
				if o.To == nil {
					o.To = map[string]float64{}
				}
				return s.setTo(o.To, parts[5:], value)
			}
			return setField(overrideFields(o), "segment stage override", parts[4:], value)
		}
		return setField(segmentFields(seg), "segment", parts[2:], value)
	}
	if len(parts) > 1 {
		return fmt.Errorf("no table %q; paths start with a top-level key, acquisition, stage, winback or segment", parts[0])
	}
	return setField(topFields(s), "the top level", parts, value)
}

// setField sets parts[0] among fields; nested tables are not settable here.
func setField(fields []field, table string, parts []string, value any) error {
	i := -1
	if len(parts) == 1 {
		i = slices.IndexFunc(fields, func(f field) bool { return f.name == parts[0] })
	}
	if i < 0 || fields[i].set == nil {
		var keys []string
		for _, f := range fields {
			if f.set != nil && f.name != "id" {
				keys = append(keys, f.name)
			}
		}
		return fmt.Errorf("no value %q in %s; values here are %s", strings.Join(parts, "."), table, strings.Join(keys, ", "))
	}
	return fields[i].set(value)
}

func (s *Scenario) setTo(to map[string]float64, parts []string, value any) error {
	if len(parts) != 1 {
		return fmt.Errorf("name the destination stage, e.g. to.%s", s.exampleStage())
	}
	if s.stageIndex(parts[0]) < 0 {
		return s.noStage(parts[0])
	}
	p, err := toNumber(value)
	if err != nil {
		return err
	}
	to[parts[0]] = p
	return nil
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
