package report

import (
	"fmt"
	"io"
	"strconv"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
	"clvlab/sim"
)

type curveJSON struct {
	X   float64      `json:"x"`
	KPI sim.Optional `json:"kpi"`
}

// SeekFiles lists what `seek` writes: seek.json, seek.csv (the scan) and
// the chart.
func SeekFiles(s *scenarios.Scenario, r *whatif.SeekResult, lang string, formats []chartfile.Format) []File {
	files := []File{
		{Name: "seek.json", Write: func(w io.Writer) error { return writeSeekJSON(w, s, r) }},
		{Name: "seek.csv", Write: func(w io.Writer) error {
			rows := [][]string{{r.Parameter.Path, r.KPI.String()}}
			for _, c := range r.Curve {
				rows = append(rows, []string{csvNumber(sim.Some(c.X)), csvNumber(c.KPI)})
			}
			return writeCSVRows(w, rows)
		}},
	}
	return append(files, analysisFiles("seek", chart.NewSeekCurve(s, r, lang), formats)...)
}

func writeSeekJSON(w io.Writer, s *scenarios.Scenario, r *whatif.SeekResult) error {
	doc := struct {
		Scenario    scenarioHeader `json:"scenario"`
		Parameter   string         `json:"parameter"`
		Current     float64        `json:"current"`
		KPI         string         `json:"kpi"`
		Goal        string         `json:"goal"`
		Target      *float64       `json:"target"`
		Low         float64        `json:"low"`
		High        float64        `json:"high"`
		Clamped     string         `json:"clamped,omitempty"`
		Found       bool           `json:"found"`
		Value       *float64       `json:"value"`
		KPIValue    sim.Optional   `json:"kpi_value"`
		Side        string         `json:"holds,omitempty"`
		Holds       bool           `json:"holds_everywhere,omitempty"`
		AtEdge      bool           `json:"at_edge_of_range,omitempty"`
		Others      []float64      `json:"other_values"`
		KPIMin      sim.Optional   `json:"kpi_min"`
		KPIMax      sim.Optional   `json:"kpi_max"`
		Tolerance   float64        `json:"tolerance"`
		Iterations  int            `json:"iterations"`
		Evaluations int            `json:"evaluations"`
		Method      string         `json:"method"`
		Message     string         `json:"message"`
		Curve       []curveJSON    `json:"scan"`
	}{Scenario: headerOf(s), Parameter: r.Parameter.Path, Current: r.Parameter.Value, KPI: r.KPI.String(), Goal: r.Goal.String(),
		Low: r.Low, High: r.High, Clamped: r.Clamped, Found: r.Found, KPIValue: r.KPIValue, Side: r.Side, Holds: r.Holds,
		AtEdge: r.AtEdge, Others: r.Others, KPIMin: r.KPIMin, KPIMax: r.KPIMax, Tolerance: r.Tolerance,
		Iterations: r.Iterations, Evaluations: r.Evaluations, Method: r.Method, Message: r.Message}
	if r.Goal != whatif.Maximum && r.Goal != whatif.Minimum {
		doc.Target = &r.Target
	}
	if r.Found {
		doc.Value = &r.Value
	}
	if doc.Others == nil {
		doc.Others = []float64{}
	}
	for _, c := range r.Curve {
		doc.Curve = append(doc.Curve, curveJSON{c.X, c.KPI})
	}
	return writeJSONDoc(w, doc)
}

// WriteSeekTable writes goal seek's answer for the terminal, in lang;
// the analysis's own message stays English.
func WriteSeekTable(w io.Writer, s *scenarios.Scenario, r *whatif.SeekResult, lang string) error {
	k := r.KPI
	goal := r.Goal.String()
	if r.Goal != whatif.Maximum && r.Goal != whatif.Minimum {
		goal += " " + number(r.Target)
	}
	fmt.Fprintf(w, wSeekHead.In(lang)+"\n", s.Name.In(lang), s.File, r.KPI, goal, r.Parameter.Path, number(r.Parameter.Value))
	fmt.Fprintf(w, "  %s\n", r.Message)
	if r.Found {
		fmt.Fprintf(w, wSeekAnswer.In(lang)+"\n", r.Parameter.Path, strconv.FormatFloat(r.Value, 'g', 10, 64), r.KPI, k.Format(r.KPIValue))
	}
	for _, x := range r.Others {
		fmt.Fprintf(w, wSeekAlso.In(lang)+"\n", r.Parameter.Path, number(x))
	}
	fmt.Fprintf(w, wSeekRange.In(lang), number(r.Low), number(r.High))
	if r.Clamped != "" {
		fmt.Fprintf(w, " (%s)", r.Clamped)
	}
	_, err := fmt.Fprintf(w, "\n"+wMethod.In(lang)+"\n", r.Method, r.Evaluations)
	return err
}
