package planner

import (
	"io"
	"maps"
	"strconv"

	"clvlab/scenarios"
)

// ExportTOML writes every plan as one scenario file: the scenario as
// loaded, its variants, each saved plan as a [[variant]] (its name and
// description, its values by registry path) and, when they differ from
// every plan, the current values as a variant named "Current values".
// Parse reads it back, and each plan projects as before (a plan that
// sets nothing sets the horizon as loaded: a variant sets something).
func (p *Planner) ExportTOML(w io.Writer) error {
	s := p.base.Clone()
	current := true
	for i := range p.Plans() {
		if maps.Equal(p.PlanValues(i), p.overrides) {
			current = false
		}
	}
	for _, sv := range p.saved {
		s.Variants = append(s.Variants, p.variant(scenarios.Text{EN: sv.Name, ZH: sv.Name},
			scenarios.Text{EN: sv.Description, ZH: sv.Description}, sv.Values))
	}
	if current {
		name := scenarios.Text{EN: "Current values", ZH: "当前取值"}
		for n := 2; p.nameTaken(name.EN); n++ {
			name = scenarios.Text{EN: "Current values " + strconv.Itoa(n), ZH: "当前取值 " + strconv.Itoa(n)}
		}
		s.Variants = append(s.Variants, p.variant(name, scenarios.Text{}, p.overrides))
	}
	return s.Encode(w)
}

func (p *Planner) nameTaken(name string) bool {
	_, err := p.checkName(name, -1)
	return err != nil
}

// variant returns a [[variant]] that sets values, in path order.
func (p *Planner) variant(name, desc scenarios.Text, values map[string]float64) scenarios.Variant {
	v := scenarios.Variant{Name: name, Description: desc}
	for _, path := range sortedPaths(values) {
		c, ok := p.Control(path)
		if !ok {
			continue
		}
		v.Set = append(v.Set, scenarios.Setting{Path: path, Value: c.value(values[path])})
	}
	if len(v.Set) == 0 {
		h := p.result.Model.Horizon // the horizon as loaded: a file may leave it to its default
		if res, err := p.PlanResult(0); err == nil {
			h = res.Model.Horizon
		}
		v.Set = []scenarios.Setting{{Path: "horizon", Value: int64(h)}}
	}
	return v
}
