package scenarios

import (
	"io"
	"maps"

	"github.com/BurntSushi/toml"
)

// Encode writes s as a scenario file that Parse reads back to the same
// scenario: every value explicit, keys in alphabetical order within a
// table. Comments of the original file are not kept.
func (s *Scenario) Encode(w io.Writer) error {
	doc := map[string]any{
		"name":        textValue(s.Name),
		"period":      s.Period,
		"cash_timing": s.CashTiming,
		"currency":    s.Currency,
		"acquisition": s.acquisitionTable(),
	}
	putParams(doc, table{s: s})
	if !s.Description.IsZero() {
		doc["description"] = textValue(s.Description)
	}
	if s.Horizon != 0 {
		doc["horizon"] = s.Horizon
	}
	if s.RenewalEvery != 0 {
		doc["renewal_every"] = s.RenewalEvery
	}
	stages := make([]map[string]any, len(s.Stages))
	for i, st := range s.Stages {
		stages[i] = map[string]any{"id": st.ID, "to": maps.Clone(st.To)}
		putParams(stages[i], table{stage: &st})
		if !st.Name.IsZero() {
			stages[i]["name"] = textValue(st.Name)
		}
		if st.Competitor {
			stages[i]["competitor"] = true
		}
	}
	doc["stage"] = stages
	if s.Winback != (Winback{}) {
		w := map[string]any{"window": s.Winback.Window}
		putParams(w, table{name: "winback", s: s})
		if s.Winback.To != "" {
			w["to"] = s.Winback.To
		}
		doc["winback"] = w
	}
	if len(s.Segments) > 0 {
		doc["segment"] = segmentTables(s.Segments)
	}
	if len(s.Classes) > 0 {
		doc["class"] = segmentTables(s.Classes)
	}
	if len(s.Variants) > 0 {
		doc["variant"] = s.variantTables()
	}
	s.encodeAnalysis(doc) // response.go
	s.encodeUncertainty(doc)
	return toml.NewEncoder(w).Encode(doc)
}

// segmentTables returns the [[segment]] (or [[class]]) tables of an
// Encode document.
func segmentTables(list []Segment) []map[string]any {
	segs := make([]map[string]any, len(list))
	for i, seg := range list {
		m := map[string]any{"id": seg.ID}
		putParams(m, table{segment: &seg})
		if !seg.Name.IsZero() {
			m["name"] = textValue(seg.Name)
		}
		if len(seg.Stage) > 0 {
			overrides := map[string]any{}
			for id, o := range seg.Stage {
				ov := map[string]any{}
				putParams(ov, table{override: o})
				if len(o.To) > 0 {
					ov["to"] = maps.Clone(o.To)
				}
				overrides[id] = ov
			}
			m["stage"] = overrides
		}
		segs[i] = m
	}
	return segs
}

// variantTables returns the [[variant]] tables of an Encode document.
func (s *Scenario) variantTables() []map[string]any {
	vars := make([]map[string]any, len(s.Variants))
	for i, v := range s.Variants {
		set := map[string]any{}
		for _, st := range v.Set {
			set[st.Path] = st.Value
		}
		vars[i] = map[string]any{"name": textValue(v.Name), "set": set}
		if !v.Description.IsZero() {
			vars[i]["description"] = textValue(v.Description)
		}
	}
	return vars
}

// putParams writes into the table m of an Encode document every number
// of the registry that t holds as one float64, by its key: a stage's
// values, a segment's share and multipliers, a written override. Encode
// writes the others (whole numbers, the list of new customers, the
// transition probabilities of a to table) itself.
func putParams(m map[string]any, t table) {
	for _, e := range registry {
		if x, ok := e.value(t); ok {
			m[e.key()] = x
		}
	}
}

func (s *Scenario) acquisitionTable() map[string]any {
	a := map[string]any{}
	putParams(a, table{name: "acquisition", s: s})
	if nc := s.Acquisition.NewCustomers; len(nc) == 1 {
		a["new_customers"] = nc[0]
	} else {
		a["new_customers"] = nc
	}
	if s.Acquisition.Entry != "" {
		a["entry"] = s.Acquisition.Entry
	}
	if s.Acquisition.Budget == 0 {
		delete(a, "budget") // no budget response
	}
	return a
}

// textValue returns t as a plain string when both languages agree, else as
// a table { en, zh }.
func textValue(t Text) any {
	if t.EN == t.ZH {
		return t.EN
	}
	m := map[string]string{}
	if t.EN != "" {
		m["en"] = t.EN
	}
	if t.ZH != "" {
		m["zh"] = t.ZH
	}
	return m
}
