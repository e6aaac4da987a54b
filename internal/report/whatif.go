package report

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
)

// What-if results as files (JSON, CSV, charts) and tables for the
// terminal, one file per analysis (compare.go, sensitivity.go, seek.go,
// optimize.go); this file holds what they share. The numbers come from
// package whatif; these files only format.

// wholeMoney formats money in whole units, grouped: one format for a
// column of large amounts.
func wholeMoney(o sim.Optional) string {
	if !o.Defined || math.Abs(o.Value) >= kpi.MaxDigits {
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
	return csvFloat(o.Value)
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

// ---- sensitivity ----

// ---- seek ----

// ---- optimize ----

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
