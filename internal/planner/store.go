package planner

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Store is what the planner keeps between sessions: the saved plans of
// each scenario (one entry per scenario, by StoreKey). The browser keeps
// it in localStorage, the native app in plans.json in the user's config
// folder; both as Encode writes it.
type Store struct {
	Format    string             `json:"format"` // StoreFormat: tells a store of plans from anything else
	Version   int                `json:"version"`
	Scenarios map[string][]Saved `json:"scenarios"`
}

// StoreFormat and StoreVersion mark a store of plans.
const (
	StoreFormat  = "clvlab plans"
	StoreVersion = 1
	// MaxStore bounds the store read: a store of 50 plans per scenario
	// for every shipped scenario and a few files is well under it.
	MaxStore = 4 << 20
)

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{Format: StoreFormat, Version: StoreVersion, Scenarios: map[string][]Saved{}}
}

// ReadStore reads a store. Nothing (no store yet) is an empty store;
// what is not a store of plans (not JSON, another program's, a newer
// version, a plan with a name missing or a value not a number) is an
// error that says so, and nothing of it is used.
func ReadStore(data []byte) (*Store, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return NewStore(), nil
	}
	if len(data) > MaxStore {
		return nil, problem("the saved plans are %d bytes, more than the %d read", "已保存的方案有 %d 字节，超过可读取的 %d 字节", len(data), MaxStore)
	}
	var raw struct {
		Format    string                       `json:"format"`
		Version   int                          `json:"version"`
		Scenarios map[string][]json.RawMessage `json:"scenarios"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, problem("the saved plans are not readable (%v)", "已保存的方案无法读取（%v）", err)
	}
	switch {
	case raw.Format != StoreFormat:
		return nil, problem("the saved plans' store is not clvlab's (format %q)", "方案存储不是 clvlab 的（格式 %q）", raw.Format)
	case raw.Version != StoreVersion:
		return nil, problem("the saved plans are of version %d, this planner reads version %d", "已保存方案的版本为 %d，本规划器读取版本 %d", raw.Version, StoreVersion)
	}
	s := NewStore()
	for key, list := range raw.Scenarios {
		if key == "" || len(list) > 100 {
			return nil, problem("the saved plans of %q are not readable", "“%s”的已保存方案无法读取", key)
		}
		for i, m := range list {
			var sv Saved
			dec := json.NewDecoder(bytes.NewReader(m))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&sv); err != nil {
				return nil, problem("plan %d of %q is not readable (%v)", "“%[2]s”的第 %[1]d 个方案无法读取（%[3]v）", i+1, key, err)
			}
			if msg := sv.problem(); msg != "" {
				return nil, problem("plan %d of %q: %s", "“%[2]s”的第 %[1]d 个方案：%[3]s", i+1, key, msg)
			}
			s.Scenarios[key] = append(s.Scenarios[key], sv)
		}
	}
	return s, nil
}

// problem says what makes a stored plan unusable, or "".
func (sv Saved) problem() string {
	name := strings.TrimSpace(sv.Name)
	switch {
	case name == "" || utf8.RuneCountInString(name) > maxPlanName:
		return "the name is missing or too long"
	case len(sv.Values) > maxOverrides:
		return "too many values"
	}
	for path, v := range sv.Values {
		if path == "" || math.IsNaN(v) || math.IsInf(v, 0) {
			return "a value is not a number"
		}
	}
	return ""
}

// Encode returns the store as JSON, scenarios and plans in a fixed order.
func (s *Store) Encode() ([]byte, error) {
	b, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// StoreKey names the scenario's entry in a Store: the shipped
// scenario's id, or "file:" and the scenario's slug for a loaded file.
func (p *Planner) StoreKey() string {
	if p.preset != "" {
		return p.preset
	}
	return "file:" + p.base.Slug()
}

// SavedPlans returns a copy of the saved plans, to keep in a Store.
func (p *Planner) SavedPlans() []Saved {
	out := slices.Clone(p.saved)
	for i := range out {
		out[i].Values = cloneValues(out[i].Values)
	}
	return out
}

func cloneValues(m map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Restore adds the plans of a Store's entry to the saved plans, after
// those there are (a plan opened from a link), skipping one whose name
// is taken or that this scenario cannot project (values it has no
// control for, a row over 1), and says what it skipped.
func (p *Planner) Restore(list []Saved) error {
	var skipped []string
	for _, sv := range list {
		name, err := p.checkName(sv.Name, -1)
		if err == nil && len(p.saved) >= p.MaxSaved() {
			err = problem("too many plans", "方案过多")
		}
		if err == nil {
			for path := range sv.Values {
				if _, ok := p.Control(path); !ok {
					err = problem("no control %q", "没有控件 %q", path)
				}
			}
		}
		if err == nil {
			_, err = p.withOverrides(sv.Values)
		}
		if err != nil {
			if i := slices.IndexFunc(p.saved, func(s Saved) bool { return s.Name == name }); i >= 0 && equalValues(p.saved[i].Values, sv.Values) {
				continue // the same plan, opened from a link
			}
			skipped = append(skipped, sv.Name)
			continue
		}
		p.saved = append(p.saved, Saved{Name: name, Description: clip(sv.Description, maxPlanDesc), Values: cloneValues(sv.Values)})
		p.planRes = append(p.planRes, nil)
		p.plansGen++
	}
	if len(skipped) > 0 {
		return problem("these saved plans do not fit this scenario and were skipped: %s", "以下已保存方案不适用于该情景，已跳过：%s", strings.Join(skipped, ", "))
	}
	return nil
}

func equalValues(a, b map[string]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
