package report

import (
	"fmt"
	"io"
	"strings"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
	"clvlab/sim"
)

type kpiChangeJSON struct {
	KPI      string       `json:"kpi"`
	Base     sim.Optional `json:"base"`
	Value    sim.Optional `json:"value"`
	Change   sim.Optional `json:"change"`
	Relative sim.Optional `json:"relative_change"`
}

type shareJSON struct {
	Change string  `json:"change"`
	Value  float64 `json:"value"`
	StdErr float64 `json:"stderr"`
}

type attributionJSON struct {
	KPI     string      `json:"kpi"`
	Base    float64     `json:"base"`
	Variant float64     `json:"variant"`
	Total   float64     `json:"total_change"`
	Shares  []shareJSON `json:"shapley"`
}

type playerJSON struct {
	Name     string              `json:"name"`
	Settings []scenarios.Setting `json:"settings"`
}

type comparisonJSON struct {
	Variant      string            `json:"variant"`
	VariantZH    string            `json:"variant_zh"`
	Method       string            `json:"method"`
	Exact        bool              `json:"exact"`
	Permutations int               `json:"permutations,omitempty"`
	Seed         uint64            `json:"seed,omitempty"`
	Evaluations  int               `json:"evaluations"`
	KPIs         []kpiChangeJSON   `json:"kpis"`
	Changes      []playerJSON      `json:"changes"`
	Attribution  []attributionJSON `json:"attribution"`
}

// CompareFiles lists what `compare` writes: compare.json, kpis.csv,
// attribution.csv and one waterfall chart per comparison and format.
func CompareFiles(s *scenarios.Scenario, cs []*whatif.Comparison, lang string, formats []chartfile.Format) []File {
	files := []File{
		{Name: "compare.json", Write: func(w io.Writer) error { return writeCompareJSON(w, s, cs) }},
		{Name: "kpis.csv", Write: func(w io.Writer) error { return writeCompareCSV(w, cs) }},
		{Name: "attribution.csv", Write: func(w io.Writer) error { return writeAttributionCSV(w, cs) }},
	}
	used := map[string]bool{}
	for _, c := range cs {
		stem := "waterfall-" + slug(c.Variant)
		for i := 2; used[stem]; i++ {
			stem = fmt.Sprintf("waterfall-%s-%d", slug(c.Variant), i)
		}
		used[stem] = true
		files = append(files, analysisFiles(stem, chart.NewWaterfall(s, c, lang), formats)...)
	}
	return files
}

func writeCompareJSON(w io.Writer, s *scenarios.Scenario, cs []*whatif.Comparison) error {
	doc := struct {
		Scenario    scenarioHeader   `json:"scenario"`
		Comparisons []comparisonJSON `json:"comparisons"`
	}{Scenario: headerOf(s)}
	for _, c := range cs {
		cj := comparisonJSON{Variant: c.Variant, VariantZH: c.Title.In("zh"), Method: c.Method(), Exact: c.Exact,
			Permutations: c.Permutations, Evaluations: c.Evaluations}
		if !c.Exact {
			cj.Seed = c.Seed
		}
		for _, ch := range c.Changes {
			cj.KPIs = append(cj.KPIs, kpiChangeJSON{ch.KPI.String(), ch.Base, ch.Value, ch.Absolute, ch.Relative})
		}
		for _, p := range c.Players {
			cj.Changes = append(cj.Changes, playerJSON{p.Name, p.Settings})
		}
		for _, a := range c.Attribution {
			aj := attributionJSON{KPI: a.KPI.String(), Base: a.Base, Variant: a.Variant, Total: a.Variant - a.Base}
			for i, p := range c.Players {
				aj.Shares = append(aj.Shares, shareJSON{p.Name, a.Shapley[i], a.StdErr[i]})
			}
			cj.Attribution = append(cj.Attribution, aj)
		}
		doc.Comparisons = append(doc.Comparisons, cj)
	}
	return writeJSONDoc(w, doc)
}

func writeCompareCSV(w io.Writer, cs []*whatif.Comparison) error {
	rows := [][]string{{"variant", "kpi", "base", "value", "change", "relative_change"}}
	for _, c := range cs {
		for _, ch := range c.Changes {
			rows = append(rows, []string{c.Variant, ch.KPI.String(), csvNumber(ch.Base), csvNumber(ch.Value), csvNumber(ch.Absolute), csvNumber(ch.Relative)})
		}
	}
	return writeCSVRows(w, rows)
}

func writeAttributionCSV(w io.Writer, cs []*whatif.Comparison) error {
	rows := [][]string{{"variant", "kpi", "change", "shapley_value", "stderr"}}
	for _, c := range cs {
		for _, a := range c.Attribution {
			for i, p := range c.Players {
				rows = append(rows, []string{c.Variant, a.KPI.String(), p.Name, csvNumber(sim.Some(a.Shapley[i])), csvNumber(sim.Some(a.StdErr[i]))})
			}
		}
	}
	return writeCSVRows(w, rows)
}

// WriteCompareTable writes a comparison for the terminal, in lang: every
// KPI with its change, then the attribution. The tables align numbers on
// the right and labels on the left: each label is padded to the widest of
// its column (by display width), since the table aligns every cell of a
// column one way.
func WriteCompareTable(w io.Writer, s *scenarios.Scenario, c *whatif.Comparison, lang string) error {
	variant := c.Variant
	if v := variantNamed(s, c.Variant); lang != "en" && v != nil {
		variant = v.Name.In(lang)
	}
	fmt.Fprintf(w, wAgainstBase.In(lang)+"\n", s.Name.In(lang), s.File, variant)
	tw := NewTable(w)
	labels := make([]string, len(c.Changes))
	for i, ch := range c.Changes {
		labels[i] = ch.KPI.Label(lang)
	}
	width := longest(labels)
	fmt.Fprintf(tw, "\t%s\t%s\t%s\t\n", wBase.In(lang), variant, wChange.In(lang))
	for i, ch := range c.Changes {
		k := ch.KPI
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", PadRight(labels[i], width), k.Format(ch.Base), k.Format(ch.Value), k.DeltaIn(ch.Base, ch.Value, lang))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n"+wAttribution.In(lang)+"\n", c.Method())
	tw = NewTable(w)
	head := []string{""}
	for _, a := range c.Attribution {
		head = append(head, a.KPI.Label(lang))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	total := wTotalChange.In(lang)
	names := []string{total}
	for _, p := range c.Players {
		names = append(names, p.Name)
	}
	width = longest(names)
	for i, p := range c.Players {
		cols := []string{PadRight(p.Name, width)}
		for _, a := range c.Attribution {
			v := "0"
			if a.Shapley[i] != 0 {
				v = signed(a.KPI.Format(sim.Some(a.Shapley[i])), a.Shapley[i])
			}
			if !c.Exact {
				v += " ± " + a.KPI.Format(sim.Some(a.StdErr[i]))
			}
			cols = append(cols, v)
		}
		fmt.Fprintln(tw, strings.Join(cols, "\t")+"\t")
	}
	cols := []string{PadRight(total, width)}
	for _, a := range c.Attribution {
		cols = append(cols, signed(a.KPI.Format(sim.Some(a.Variant-a.Base)), a.Variant-a.Base))
	}
	fmt.Fprintln(tw, strings.Join(cols, "\t")+"\t")
	return tw.Flush()
}

func signed(s string, v float64) string {
	if v > 0 {
		return "+" + s
	}
	return s
}
