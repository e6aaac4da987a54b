package report

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
	"clvlab/sim"
)

type leverJSON struct {
	Path              string      `json:"path"`
	Label             string      `json:"label"`
	Low               float64     `json:"low"`
	High              float64     `json:"high"`
	Current           float64     `json:"current"`
	Optimum           float64     `json:"optimum"`
	Unit              float64     `json:"unit"`
	MarginalNow       float64     `json:"marginal_return_now"`
	MarginalAtOptimum float64     `json:"marginal_return_at_optimum"`
	Bound             string      `json:"at_bound,omitempty"`
	Fixed             bool        `json:"fixed,omitempty"`
	Slice             []curveJSON `json:"slice"`
}

// OptimizeFiles lists what `optimize` writes: optimize.json, levers.csv
// and the chart of each lever's slice through the optimum.
func OptimizeFiles(s *scenarios.Scenario, o *whatif.Optimum, lang string, formats []chartfile.Format) []File {
	files := []File{
		{Name: "optimize.json", Write: func(w io.Writer) error { return writeOptimumJSON(w, s, o) }},
		{Name: "levers.csv", Write: func(w io.Writer) error {
			rows := [][]string{{"lever", "low", "high", "current", "optimum", "unit", "marginal_return_now", "marginal_return_at_optimum", "at_bound"}}
			for _, l := range o.Levers {
				f := func(x float64) string { return csvNumber(sim.Some(x)) }
				rows = append(rows, []string{l.Path, f(l.Low), f(l.High), f(l.Value), f(l.Optimum), f(l.Unit), f(l.MarginalNow), f(l.MarginalAtOptimum), l.Bound})
			}
			return writeCSVRows(w, rows)
		}},
	}
	return append(files, analysisFiles("optimum", chart.NewOptimumSlices(s, o, lang), formats)...)
}

func writeOptimumJSON(w io.Writer, s *scenarios.Scenario, o *whatif.Optimum) error {
	doc := struct {
		Scenario    scenarioHeader `json:"scenario"`
		KPI         string         `json:"kpi"`
		Current     float64        `json:"current"`
		Optimum     float64        `json:"optimum"`
		Gain        float64        `json:"gain"`
		Levers      []leverJSON    `json:"levers"`
		Method      string         `json:"method"`
		Status      string         `json:"status"`
		Iterations  int            `json:"iterations"`
		Evaluations int            `json:"evaluations"`
	}{Scenario: headerOf(s), KPI: o.KPI.String(), Current: o.Current, Optimum: o.Value, Gain: o.Value - o.Current,
		Method: o.Method, Status: o.Status, Iterations: o.Iterations, Evaluations: o.Evaluations}
	for _, l := range o.Levers {
		lj := leverJSON{Path: l.Path, Label: s.Label(l.Path, "en"), Low: l.Low, High: l.High, Current: l.Value,
			Optimum: l.Optimum, Unit: l.Unit, MarginalNow: l.MarginalNow, MarginalAtOptimum: l.MarginalAtOptimum,
			Bound: l.Bound, Fixed: l.Fixed, Slice: []curveJSON{}}
		for _, c := range l.Slice {
			lj.Slice = append(lj.Slice, curveJSON{c.X, c.KPI})
		}
		doc.Levers = append(doc.Levers, lj)
	}
	return writeJSONDoc(w, doc)
}

// WriteOptimumTable writes the optimiser's answer for the terminal, in
// lang.
func WriteOptimumTable(w io.Writer, s *scenarios.Scenario, o *whatif.Optimum, lang string) error {
	k := o.KPI
	fmt.Fprintf(w, wOptimumHead.In(lang)+"\n", s.Name.In(lang), s.File, o.KPI.Label(lang))
	fmt.Fprintf(w, wOptimumNow.In(lang)+"\n", o.KPI, k.Format(sim.Some(o.Current)), k.Format(sim.Some(o.Value)), k.DeltaIn(sim.Some(o.Current), sim.Some(o.Value), lang))
	tw := NewTable(w)
	fmt.Fprintln(tw, wOptimumCols.In(lang)+"\t")
	width := 34
	for _, l := range o.Levers {
		width = max(width, DisplayWidth(l.Path))
	}
	for _, l := range o.Levers {
		opt := number(l.Optimum)
		switch {
		case l.Fixed:
			opt += " (" + wFixed.In(lang) + ")"
		case l.Bound == "low":
			opt += " (" + wBoundLow.In(lang) + ")"
		case l.Bound != "":
			opt += " (" + wBoundHigh.In(lang) + ")"
		}
		per := wOneUnit.In(lang)
		if l.Unit != 1 {
			per = wOnePoint.In(lang)
		}
		fmt.Fprintf(tw, "%s\t[%s, %s]\t%s\t%s\t%s\t%s\t%s\t\n", PadRight(l.Path, width), number(l.Low), number(l.High), number(l.Value), opt,
			marginal(k, l.MarginalNow, o.Value), marginal(k, l.MarginalAtOptimum, o.Value), per)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, wMarginal.In(lang)+"\n", o.KPI)
	_, err := fmt.Fprintf(w, wMethod.In(lang)+"\n", o.Method, o.Evaluations)
	return err
}

// marginal formats a marginal return like its KPI, and as 0 when it is
// below a billionth of the KPI's value (the rounding noise of the
// differences it comes from).
func marginal(k kpi.KPI, x, value float64) string {
	if math.Abs(x) < 1e-9*math.Max(1, math.Abs(value)) {
		return "0"
	}
	if math.Abs(x) < 0.01 {
		return signed(strconv.FormatFloat(x, 'g', 3, 64), x)
	}
	return signed(k.Format(sim.Some(x)), x)
}
