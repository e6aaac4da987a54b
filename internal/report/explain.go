package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"clvlab/internal/explain"
	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim"
)

// WriteExplanation writes one run of a scenario explained, for the
// terminal (clvlab explain), in lang: the concept (the scenario's
// description, then the variant's), the form, each KPI's formula with
// the scenario's values put in and its result, the fundamental matrix's
// row of a one-segment Markov scenario, and the tenure table that builds
// the CLV.
func WriteExplanation(w io.Writer, s *scenarios.Scenario, run projection.Run, lang string) error {
	e := explain.Explain(run.Result, lang)
	m := run.Model
	fmt.Fprintf(w, wExplainHead.In(lang)+"\n%s\n\n%s\n", s.Name.In(lang), s.File, run.Title.In(lang), caption(s, m, lang), s.Description.In(lang))
	if d := variantDescription(s, run); !d.IsZero() {
		fmt.Fprintf(w, "\n%s%s%s\n", run.Title.In(lang), colon(lang), d.In(lang))
	}
	fmt.Fprintf(w, "\n%s%s%s\n", wForm.In(lang), colon(lang), formText[e.Form].In(lang))
	for _, f := range e.Formulas {
		fmt.Fprintf(w, "\n%s\n  %s\n", f.KPI.Label(lang), f)
		for _, line := range []string{f.Where, f.Note} {
			if line != "" {
				fmt.Fprintf(w, "  %s\n", line)
			}
		}
		fmt.Fprintf(w, "  %s%s%s\n", wInWords.In(lang), colon(lang), f.Words)
	}
	if e.Form == explain.Markov && len(m.Segments) == 1 && e.Fundamentals[0].N != nil {
		fmt.Fprintf(w, "\n%s\n", wVisitsTitle.In(lang))
		if err := writeCells(w, visitCells(s, &e.Fundamentals[0], lang)); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\n%s\n", tenureTitle(m, lang))
	if err := writeCells(w, TenureCells(s, &e.Table, lang)); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%s = %s\n", wTotal.In(lang), kpi.CLV.Format(sim.Some(e.Table.CLV)))
	return err
}

// writeCells writes rows of cells aligned by display width, each
// right-aligned in its column.
func writeCells(w io.Writer, rows [][]string) error {
	t := NewTable(w)
	for _, r := range rows {
		fmt.Fprintln(t, strings.Join(r, "\t")+"\t")
	}
	return t.Flush()
}

// TenureCells returns the tenure table t of scenario s as text cells,
// the header first: τ, a column per stage (then the lost share with
// win-back), the margin, the discount factor, the contribution and the
// running sum; in a model that refers, the customers referred, their
// contribution and its running sum, the referral value.
func TenureCells(s *scenarios.Scenario, t *explain.Table, lang string) [][]string {
	head := []string{explain.LabelTenure.In(lang)}
	for i := range t.Stages {
		head = append(head, stageName(s, i, lang))
	}
	if t.Lost {
		head = append(head, explain.LabelLost.In(lang))
	}
	head = append(head, explain.LabelMargin.In(lang), explain.LabelDiscount.In(lang), explain.LabelContribution.In(lang), explain.LabelSum.In(lang))
	if t.Referring {
		head = append(head, explain.LabelReferred.In(lang), explain.LabelReferralContribution.In(lang), explain.LabelReferralSum.In(lang))
	}
	rows := [][]string{head}
	for _, r := range t.Rows {
		row := []string{strconv.Itoa(r.Tenure)}
		for _, x := range r.Mix {
			row = append(row, strconv.FormatFloat(x, 'f', 4, 64))
		}
		row = append(row, money(r.Margin), strconv.FormatFloat(r.Discount, 'f', 4, 64), money(r.Contribution), money(r.Sum))
		if t.Referring {
			row = append(row, strconv.FormatFloat(r.Referred, 'f', 4, 64), money(r.ReferralContribution), money(r.ReferralSum))
		}
		rows = append(rows, row)
	}
	return rows
}

// visitCells returns the fundamental matrix's row of the entry stage as
// cells: per state, the discounted periods e·N, the margin R and their
// product; the lost states of win-back, which share one margin, summed.
func visitCells(s *scenarios.Scenario, f *explain.Fundamental, lang string) [][]string {
	rows := [][]string{{"", "e·N", "R", "e·N·R"}}
	n := len(s.Stages)
	lost, reward := 0.0, 0.0
	for a, i := range f.States {
		if i >= n {
			lost += f.Visits[a]
			reward = f.Reward[a]
			continue
		}
		rows = append(rows, visitRow(stageName(s, i, lang), f.Visits[a], f.Reward[a]))
	}
	if lost > 0 {
		rows = append(rows, visitRow(explain.LabelLost.In(lang), lost, reward))
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r[0]
	}
	width := longest(names)
	for _, r := range rows {
		r[0] = PadRight(r[0], width) // names on the left, numbers on the right
	}
	return rows
}

func visitRow(name string, v, r float64) []string {
	return []string{name, strconv.FormatFloat(v, 'f', 4, 64), money(r), money(v * r)}
}

// colon returns the colon that ends a label in lang: ": " or "：".
func colon(lang string) string {
	if lang == "zh" {
		return "："
	}
	return ": "
}

// money formats an amount as the summary table does.
func money(x float64) string { return kpi.Money.Format(sim.Some(x)) }

// stageName returns stage i's name in lang, or its id without one.
func stageName(s *scenarios.Scenario, i int, lang string) string {
	if name := s.Stages[i].Name.In(lang); name != "" {
		return name
	}
	return s.Stages[i].ID
}

// variantDescription returns the description of the variant run is, or
// nothing for the base.
func variantDescription(s *scenarios.Scenario, run projection.Run) scenarios.Text {
	if v := variantNamed(s, run.Name); v != nil && run.Name != "base" {
		return v.Description
	}
	return scenarios.Text{}
}

// tenureTitle says what the tenure table shows.
func tenureTitle(m *sim.Model, lang string) string {
	if len(m.Segments) > 1 {
		return wTenureTitle.In(lang) + " " + wTenureMixed.In(lang)
	}
	return wTenureTitle.In(lang)
}

// caption says the horizon, discount rate, cash timing and currency.
func caption(s *scenarios.Scenario, m *sim.Model, lang string) string {
	timing := wCashEnd
	if m.CashTiming == sim.CashStart {
		timing = wCashStart
	}
	return fmt.Sprintf(wCaption.In(lang), m.Horizon, periodName(m.Period, lang), percent(m.DiscountRate, -1), timing.In(lang), s.Currency)
}

// periodName returns the period's name in lang: "month" or "月".
func periodName(p sim.Period, lang string) string {
	return scenarios.NameOf(p).One.In(lang)
}

// variantNamed returns the variant of s whose English name is name, or
// nil.
func variantNamed(s *scenarios.Scenario, name string) *scenarios.Variant {
	for i := range s.Variants {
		if s.Variants[i].Name.In("en") == name {
			return &s.Variants[i]
		}
	}
	return nil
}
