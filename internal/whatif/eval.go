package whatif

import (
	"fmt"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
)

// Evaluate returns the summary of s with the settings applied in order
// (scenarios.Scenario.Set); s itself is not changed. An invalid result
// (a row over 1, a value out of range) is an error naming the problem.
func Evaluate(s *scenarios.Scenario, settings ...scenarios.Setting) (*sim.Summary, error) {
	c := s.Clone()
	c.Variants = nil
	for _, set := range settings {
		if err := c.Set(set.Path, set.Value); err != nil {
			return nil, err
		}
	}
	m, err := c.Model()
	if err != nil {
		return nil, err
	}
	r, err := sim.Run(m)
	if err != nil {
		return nil, err
	}
	return &r.Summary, nil
}

// at returns the settings that put each path at its value.
func at(paths []string, values ...float64) []scenarios.Setting {
	out := make([]scenarios.Setting, len(paths))
	for i, p := range paths {
		out[i] = scenarios.Setting{Path: p, Value: values[i]}
	}
	return out
}

// kpiAt evaluates one KPI of s with paths at values.
func kpiAt(s *scenarios.Scenario, k kpi.KPI, paths []string, values ...float64) (sim.Optional, error) {
	sum, err := Evaluate(s, at(paths, values...)...)
	if err != nil {
		return sim.Optional{}, err
	}
	return k.Of(sum), nil
}

// Label returns a display name for the parameter at path in lang, with
// the scenario's stage and segment names: "Stability: stay",
// "Stability → Decline", "acquisition cost per customer". Paths it does
// not know are returned as they are.
func Label(s *scenarios.Scenario, path, lang string) string {
	zh := lang == "zh"
	pick := func(en, cn string) string {
		if zh {
			return cn
		}
		return en
	}
	stage := func(id string) string {
		for _, st := range s.Stages {
			if st.ID == id {
				if n := st.Name.In(lang); n != "" {
					return n
				}
			}
		}
		return id
	}
	keys := map[string][2]string{
		"revenue":                     {"revenue", "收入"},
		"cost_to_serve":               {"cost to serve", "服务成本"},
		"retention_spend":             {"retention spend", "保留投入"},
		"price_discount":              {"price discount", "价格折扣"},
		"revenue_multiplier":          {"revenue multiplier", "收入乘数"},
		"cost_to_serve_multiplier":    {"cost-to-serve multiplier", "服务成本乘数"},
		"retention_spend_multiplier":  {"retention-spend multiplier", "保留投入乘数"},
		"acquisition_cost_multiplier": {"acquisition-cost multiplier", "获客成本乘数"},
	}
	sep := pick(": ", "：")
	stageKey := func(id string, rest []string) string {
		if len(rest) == 2 && rest[0] == "to" {
			if rest[1] == id {
				return stage(id) + sep + pick("stay", "留存")
			}
			return stage(id) + " → " + stage(rest[1])
		}
		if k, ok := keys[rest[0]]; ok && len(rest) == 1 {
			return stage(id) + sep + pick(k[0], k[1])
		}
		return ""
	}
	parts := strings.Split(path, ".")
	var label string
	switch {
	case path == "discount_rate":
		label = pick("discount rate", "折现率")
	case path == "acquisition.cost_per_customer":
		label = pick("acquisition cost per customer", "单客获客成本")
	case path == "acquisition.new_customers":
		label = pick("new customers per period", "每期新客户数")
	case path == "acquisition.budget":
		label = pick("acquisition budget per period", "每期获客预算")
	case path == "winback.rate":
		label = pick("win-back rate", "赢回率")
	case path == "winback.cost_per_customer":
		label = pick("win-back cost per customer", "单客赢回成本")
	case len(parts) >= 3 && parts[0] == "stage":
		label = stageKey(parts[1], parts[2:])
	case len(parts) >= 3 && parts[0] == "segment":
		seg := parts[1]
		for _, g := range s.Segments {
			if g.ID == seg && g.Name.In(lang) != "" {
				seg = g.Name.In(lang)
			}
		}
		if len(parts) >= 5 && parts[2] == "stage" {
			if l := stageKey(parts[3], parts[4:]); l != "" {
				label = seg + sep + l
			}
		} else if k, ok := keys[parts[2]]; ok && len(parts) == 3 {
			label = seg + sep + pick(k[0], k[1])
		}
	}
	if label == "" {
		return path
	}
	return label
}

// describe formats a number for a message: up to 6 significant digits.
func describe(x float64) string { return fmt.Sprintf("%.6g", x) }
