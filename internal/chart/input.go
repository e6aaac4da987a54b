package chart

import (
	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// NewInput returns what the charts need from a scenario's runs (package
// projection), with every name in lang ("en" or "zh"): a stage or segment
// without a name in lang shows its id.
func NewInput(s *scenarios.Scenario, runs []projection.Run, lang string) *Input {
	in := &Input{Lang: lang, Scenario: s.Name.In(lang), Currency: s.Currency, Classes: len(s.Classes) > 0}
	for _, st := range s.Stages {
		name := st.Name.In(lang)
		if name == "" {
			name = st.ID
		}
		in.Stages = append(in.Stages, name)
	}
	if len(s.Segments) == 0 {
		in.Segments = []string{allCustomers(lang)}
	}
	for _, seg := range s.Segments {
		name := seg.Name.In(lang)
		if name == "" {
			name = seg.ID
		}
		in.Segments = append(in.Segments, name)
	}
	for _, r := range runs {
		run := Run{Name: r.Title.In(lang), Result: r.Result}
		if r.Uncertainty != nil {
			run.Bands = r.Uncertainty.Bands
		}
		in.Runs = append(in.Runs, run)
	}
	return in
}

// allCustomers names the one segment of a scenario without segments.
func allCustomers(lang string) string {
	if lang == "zh" {
		return "全部客户"
	}
	return "all customers"
}
