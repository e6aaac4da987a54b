package report

import (
	"clvlab/internal/report/tables"
	"fmt"
	"io"
	"math"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
	"clvlab/sim"
)

type barJSON struct {
	Rank      int          `json:"rank"`
	Path      string       `json:"path"`
	Label     string       `json:"label"`
	Kind      string       `json:"kind"`
	Value     float64      `json:"value"`
	Low       float64      `json:"low"`
	High      float64      `json:"high"`
	FromRange bool         `json:"from_range"`
	Clamped   string       `json:"clamped,omitempty"`
	KPILow    sim.Optional `json:"kpi_low"`
	KPIHigh   sim.Optional `json:"kpi_high"`
	Swing     sim.Optional `json:"swing"`
}

type skippedJSON struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// SensitivityFiles lists what `sensitivity` writes: tornado.json,
// tornado.csv and the tornado chart, and with a grid grid.json, grid.csv
// and the heat map.
func SensitivityFiles(s *scenarios.Scenario, t *whatif.Tornado, g *whatif.Grid, lang string, formats []chartfile.Format) []File {
	files := []File{
		{Name: "tornado.json", Write: func(w io.Writer) error { return writeTornadoJSON(w, s, t) }},
		{Name: "tornado.csv", Write: func(w io.Writer) error { return writeTornadoCSV(w, s, t) }},
	}
	tornado := chart.NewTornado(s, t, lang)
	tornado.File = "tornado.csv" // written beside it, with every bar
	files = append(files, analysisFiles("tornado", tornado, formats)...)
	if g != nil {
		files = append(files,
			File{Name: "grid.json", Write: func(w io.Writer) error { return writeGridJSON(w, s, g) }},
			File{Name: "grid.csv", Write: func(w io.Writer) error { return writeGridCSV(w, g) }})
		files = append(files, analysisFiles("heatmap", chart.NewHeatMap(s, g, lang), formats)...)
	}
	return files
}

func writeTornadoJSON(w io.Writer, s *scenarios.Scenario, t *whatif.Tornado) error {
	doc := struct {
		Scenario    scenarioHeader `json:"scenario"`
		KPI         string         `json:"kpi"`
		Percent     float64        `json:"percent"`
		Base        sim.Optional   `json:"base"`
		Method      string         `json:"method"`
		Evaluations int            `json:"evaluations"`
		Bars        []barJSON      `json:"bars"`
		Skipped     []skippedJSON  `json:"skipped"`
	}{Scenario: headerOf(s), KPI: t.KPI.String(), Percent: t.Percent, Base: t.Base, Evaluations: t.Evaluations,
		Method: fmt.Sprintf("one at a time: each parameter moved to its [[sensitivity]] range or by ±%v%%, clamped to keep the scenario valid, the others at their base values; ranked by swing", t.Percent),
		Bars:   []barJSON{}, Skipped: []skippedJSON{}}
	for i, b := range t.Bars {
		doc.Bars = append(doc.Bars, barJSON{Rank: i + 1, Path: b.Path, Label: s.Label(b.Path, "en"), Kind: b.Kind.String(),
			Value: b.Value, Low: b.Low, High: b.High, FromRange: b.FromRange, Clamped: b.Clamped,
			KPILow: b.KPILow, KPIHigh: b.KPIHigh, Swing: b.Swing})
	}
	for _, sk := range t.Skipped {
		doc.Skipped = append(doc.Skipped, skippedJSON{sk.Path, sk.Reason})
	}
	return writeJSONDoc(w, doc)
}

func writeTornadoCSV(w io.Writer, s *scenarios.Scenario, t *whatif.Tornado) error {
	return tables.WriteTornado(w, s, t)
}

// WriteTornadoTable writes a tornado for the terminal, largest swing
// first, in lang.
func WriteTornadoTable(w io.Writer, s *scenarios.Scenario, t *whatif.Tornado, lang string) error {
	text := t.KPI.Format
	if t.KPI.Unit() == kpi.Money && math.Abs(t.Base.Value) >= 1e5 {
		text = wholeMoney // one format for the whole column
	}
	fmt.Fprintf(w, wTornadoHead.In(lang)+"\n", s.Name.In(lang), s.File, t.KPI.Label(lang), text(t.Base), t.Percent)
	tw := NewTable(w)
	fmt.Fprintln(tw, wTornadoCols.In(lang)+"\t")
	width := 36
	for _, b := range t.Bars {
		width = max(width, DisplayWidth(b.Path))
	}
	var notes []string
	for i, b := range t.Bars {
		mark := ""
		if b.Clamped != "" {
			mark = "*"
			notes = append(notes, fmt.Sprintf("  * %s: %s", b.Path, b.Clamped))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s%s\t%s\t%s\t%s\t\n", i+1, PadRight(b.Path, width), number(b.Value), number(b.Low), number(b.High), mark,
			text(b.KPILow), text(b.KPIHigh), text(b.Swing))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
	for _, sk := range t.Skipped {
		fmt.Fprintf(w, "  %s %s: %s\n", wSkipped.In(lang), sk.Path, sk.Reason)
	}
	return nil
}

type axisJSON struct {
	Path      string    `json:"path"`
	Label     string    `json:"label"`
	Value     float64   `json:"value"`
	Low       float64   `json:"low"`
	High      float64   `json:"high"`
	FromRange bool      `json:"from_range"`
	Clamped   string    `json:"clamped,omitempty"`
	Values    []float64 `json:"values"`
}

func axisOf(s *scenarios.Scenario, m whatif.Move, values []float64) axisJSON {
	return axisJSON{Path: m.Path, Label: s.Label(m.Path, "en"), Value: m.Value, Low: m.Low, High: m.High,
		FromRange: m.FromRange, Clamped: m.Clamped, Values: values}
}

func writeGridJSON(w io.Writer, s *scenarios.Scenario, g *whatif.Grid) error {
	doc := struct {
		Scenario scenarioHeader   `json:"scenario"`
		KPI      string           `json:"kpi"`
		X        axisJSON         `json:"x"`
		Y        axisJSON         `json:"y"`
		Z        [][]sim.Optional `json:"z"` // z[j][i] at x.values[i], y.values[j]; null where undefined or invalid
		Invalid  int              `json:"invalid_cells"`
		Level    float64          `json:"level"`
		Crossing []whatif.Point   `json:"crossing"` // where the KPI crosses level, per column
		Min      sim.Optional     `json:"min"`
		Max      sim.Optional     `json:"max"`
	}{Scenario: headerOf(s), KPI: g.KPI.String(), X: axisOf(s, g.X, g.XValues), Y: axisOf(s, g.Y, g.YValues),
		Z: g.Z, Invalid: g.Invalid, Level: g.Level, Crossing: g.Crossing, Min: g.Min, Max: g.Max}
	if doc.Crossing == nil {
		doc.Crossing = []whatif.Point{}
	}
	return writeJSONDoc(w, doc)
}

func writeGridCSV(w io.Writer, g *whatif.Grid) error {
	rows := [][]string{{g.X.Path, g.Y.Path, g.KPI.String()}}
	for j, y := range g.YValues {
		for i, x := range g.XValues {
			rows = append(rows, []string{csvNumber(sim.Some(x)), csvNumber(sim.Some(y)), csvNumber(g.Z[j][i])})
		}
	}
	return writeCSVRows(w, rows)
}

// WriteGridSummary writes a grid's range and break-even for the
// terminal, in lang.
func WriteGridSummary(w io.Writer, g *whatif.Grid, lang string) error {
	k := g.KPI
	fmt.Fprintf(w, "\n"+wGridHead.In(lang)+"\n", g.KPI, len(g.XValues), len(g.YValues),
		g.X.Path, number(g.X.Low), number(g.X.High), g.Y.Path, number(g.Y.Low), number(g.Y.High))
	for _, a := range []whatif.Move{g.X, g.Y} {
		if a.Clamped != "" {
			fmt.Fprintf(w, "  %s: %s\n", a.Path, a.Clamped)
		}
	}
	fmt.Fprintf(w, wGridRange.In(lang), g.KPI, k.Format(g.Min), k.Format(g.Max))
	if g.Invalid > 0 {
		fmt.Fprintf(w, wGridInvalid.In(lang), g.Invalid)
	}
	fmt.Fprintln(w)
	if len(g.Crossing) == 0 {
		_, err := fmt.Fprintf(w, wGridNoCross.In(lang)+"\n", number(g.Level))
		return err
	}
	first, last := g.Crossing[0], g.Crossing[len(g.Crossing)-1]
	_, err := fmt.Fprintf(w, wGridCrossing.In(lang)+"\n", g.KPI, number(g.Level),
		number(first.X), number(first.Y), number(last.X), number(last.Y))
	return err
}
