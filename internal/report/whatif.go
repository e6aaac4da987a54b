package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
	"clvlab/sim"
)

// What-if results as files (JSON, CSV, charts) and tables for the
// terminal. The numbers come from package whatif; this file only formats.

// wholeMoney formats money in whole units, grouped: one format for a
// column of large amounts.
func wholeMoney(o sim.Optional) string {
	if !o.Defined {
		return kpi.Money.Format(o)
	}
	return kpi.Group(strconv.FormatFloat(o.Value, 'f', 0, 64))
}

// number formats a parameter value for a table: 6 significant digits.
func number(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

// csvNumber formats a number for CSV, or "" when undefined.
func csvNumber(o sim.Optional) string {
	if !o.Defined {
		return ""
	}
	return strconv.FormatFloat(o.Value, 'g', 10, 64)
}

func writeJSONDoc(w io.Writer, doc any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func writeCSVRows(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// scenarioHeader is what every what-if JSON file says about its scenario.
type scenarioHeader struct {
	Name     string `json:"name"`
	NameZH   string `json:"name_zh"`
	File     string `json:"file"`
	Currency string `json:"currency"`
}

func headerOf(s *scenarios.Scenario) scenarioHeader {
	return scenarioHeader{Name: s.Name.In("en"), NameZH: s.Name.In("zh"), File: s.File, Currency: s.Currency}
}

// ---- compare ----

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

// WriteCompareTable writes a comparison for the terminal: every KPI with
// its change, then the attribution.
func WriteCompareTable(w io.Writer, s *scenarios.Scenario, c *whatif.Comparison) error {
	fmt.Fprintf(w, "%s (%s): %s against the base\n", s.Name.In("en"), s.File, c.Variant)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\tbase\t%s\tchange\t\n", c.Variant)
	for _, ch := range c.Changes {
		k := ch.KPI
		fmt.Fprintf(tw, "%-28s\t%s\t%s\t%s\t\n", k.Label("en"), k.Format(ch.Base), k.Format(ch.Value), k.Delta(ch.Base, ch.Value))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nAttribution of the change (%s):\n", c.Method())
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{""}
	for _, a := range c.Attribution {
		head = append(head, a.KPI.Label("en"))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for i, p := range c.Players {
		cols := []string{fmt.Sprintf("%-34s", p.Name)}
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
	cols := []string{fmt.Sprintf("%-34s", "total (variant - base)")}
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

// ---- sensitivity ----

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
	files = append(files, analysisFiles("tornado", chart.NewTornado(s, t, lang), formats)...)
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
	rows := [][]string{{"rank", "path", "label", "kind", "value", "low", "high", "from_range", "clamped", "kpi", "kpi_low", "kpi_high", "swing"}}
	for i, b := range t.Bars {
		rows = append(rows, []string{strconv.Itoa(i + 1), b.Path, s.Label(b.Path, "en"), b.Kind.String(),
			csvNumber(sim.Some(b.Value)), csvNumber(sim.Some(b.Low)), csvNumber(sim.Some(b.High)), strconv.FormatBool(b.FromRange), b.Clamped,
			t.KPI.String(), csvNumber(b.KPILow), csvNumber(b.KPIHigh), csvNumber(b.Swing)})
	}
	return writeCSVRows(w, rows)
}

// WriteTornadoTable writes a tornado for the terminal, largest swing first.
func WriteTornadoTable(w io.Writer, s *scenarios.Scenario, t *whatif.Tornado) error {
	text := t.KPI.Format
	if t.KPI.Unit() == kpi.Money && math.Abs(t.Base.Value) >= 1e5 {
		text = wholeMoney // one format for the whole column
	}
	fmt.Fprintf(w, "%s (%s): %s, base %s; each parameter moved alone to its range or by ±%v%%, ranked by swing\n",
		s.Name.In("en"), s.File, t.KPI.Label("en"), text(t.Base), t.Percent)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rank\tparameter\tvalue\tlow\thigh\tat low\tat high\tswing\t")
	var notes []string
	for i, b := range t.Bars {
		mark := ""
		if b.Clamped != "" {
			mark = "*"
			notes = append(notes, fmt.Sprintf("  * %s: %s", b.Path, b.Clamped))
		}
		fmt.Fprintf(tw, "%d\t%-36s\t%s\t%s\t%s%s\t%s\t%s\t%s\t\n", i+1, b.Path, number(b.Value), number(b.Low), number(b.High), mark,
			text(b.KPILow), text(b.KPIHigh), text(b.Swing))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
	for _, sk := range t.Skipped {
		fmt.Fprintf(w, "  skipped %s: %s\n", sk.Path, sk.Reason)
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

// WriteGridSummary writes a grid's range and break-even for the terminal.
func WriteGridSummary(w io.Writer, g *whatif.Grid) error {
	k := g.KPI
	fmt.Fprintf(w, "\nGrid of %s: %d × %d values, %s in [%s, %s] × %s in [%s, %s]\n", g.KPI, len(g.XValues), len(g.YValues),
		g.X.Path, number(g.X.Low), number(g.X.High), g.Y.Path, number(g.Y.Low), number(g.Y.High))
	for _, a := range []whatif.Move{g.X, g.Y} {
		if a.Clamped != "" {
			fmt.Fprintf(w, "  %s: %s\n", a.Path, a.Clamped)
		}
	}
	fmt.Fprintf(w, "  %s runs from %s to %s", g.KPI, k.Format(g.Min), k.Format(g.Max))
	if g.Invalid > 0 {
		fmt.Fprintf(w, "; %d cells make an invalid scenario and are left out", g.Invalid)
	}
	fmt.Fprintln(w)
	if len(g.Crossing) == 0 {
		_, err := fmt.Fprintf(w, "  it does not cross %s in this range\n", number(g.Level))
		return err
	}
	first, last := g.Crossing[0], g.Crossing[len(g.Crossing)-1]
	_, err := fmt.Fprintf(w, "  %s = %s along a line from (%s, %s) to (%s, %s) (grid.json: crossing)\n", g.KPI, number(g.Level),
		number(first.X), number(first.Y), number(last.X), number(last.Y))
	return err
}

// ---- seek ----

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

// WriteSeekTable writes goal seek's answer for the terminal.
func WriteSeekTable(w io.Writer, s *scenarios.Scenario, r *whatif.SeekResult) error {
	k := r.KPI
	goal := r.Goal.String()
	if r.Goal != whatif.Maximum && r.Goal != whatif.Minimum {
		goal += " " + number(r.Target)
	}
	fmt.Fprintf(w, "%s (%s): %s %s by changing %s (now %s)\n", s.Name.In("en"), s.File, r.KPI, goal, r.Parameter.Path, number(r.Parameter.Value))
	fmt.Fprintf(w, "  %s\n", r.Message)
	if r.Found {
		fmt.Fprintf(w, "  answer: %s = %s, %s there: %s\n", r.Parameter.Path, strconv.FormatFloat(r.Value, 'g', 10, 64), r.KPI, k.Format(r.KPIValue))
	}
	for _, x := range r.Others {
		fmt.Fprintf(w, "  also: %s = %s\n", r.Parameter.Path, number(x))
	}
	fmt.Fprintf(w, "  range searched: [%s, %s]", number(r.Low), number(r.High))
	if r.Clamped != "" {
		fmt.Fprintf(w, " (%s)", r.Clamped)
	}
	_, err := fmt.Fprintf(w, "\n  method: %s; %d runs\n", r.Method, r.Evaluations)
	return err
}

// ---- optimize ----

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

// WriteOptimumTable writes the optimiser's answer for the terminal.
func WriteOptimumTable(w io.Writer, s *scenarios.Scenario, o *whatif.Optimum) error {
	k := o.KPI
	fmt.Fprintf(w, "%s (%s): the levers that maximise %s\n", s.Name.In("en"), s.File, o.KPI.Label("en"))
	fmt.Fprintf(w, "  %s now %s, at the optimum %s (%s)\n", o.KPI, k.Format(sim.Some(o.Current)), k.Format(sim.Some(o.Value)), k.Delta(sim.Some(o.Current), sim.Some(o.Value)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "lever\tbounds\tnow\toptimum\tmarginal return now\tat the optimum\tper\t")
	for _, l := range o.Levers {
		opt := number(l.Optimum)
		switch {
		case l.Fixed:
			opt += " (fixed)"
		case l.Bound != "":
			opt += " (" + l.Bound + " bound)"
		}
		per := "1 unit"
		if l.Unit != 1 {
			per = "1 point"
		}
		fmt.Fprintf(tw, "%-34s\t[%s, %s]\t%s\t%s\t%s\t%s\t%s\t\n", l.Path, number(l.Low), number(l.High), number(l.Value), opt,
			marginal(k, l.MarginalNow, o.Value), marginal(k, l.MarginalAtOptimum, o.Value), per)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "  marginal return: the change in %s from one more unit of the lever (1 unit of money, or 1 percentage point); about 0 inside the bounds at the optimum\n", o.KPI)
	_, err := fmt.Fprintf(w, "  method: %s; %d runs\n", o.Method, o.Evaluations)
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

// ---- shared ----

// analysisFiles returns one file per format of an analysis chart, named
// STEM.FORMAT.
func analysisFiles(stem string, a chart.Analysis, formats []chartfile.Format) []File {
	var files []File
	for _, f := range formats {
		files = append(files, File{
			Name: stem + "." + string(f),
			Write: func(w io.Writer) error {
				fig, err := chart.BuildAnalysis(a, chart.DefaultSize)
				if err != nil {
					return err
				}
				return chartfile.Write(w, fig, f)
			},
		})
	}
	return files
}

// slug turns a name into a file-name stem: lower-case letters and digits
// joined by dashes ("Loyalty programme" → "loyalty-programme").
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		s = "variant"
	}
	return s
}
