//go:build !js

package app

import (
	"bytes"
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"clvlab/internal/report/tables"
)

// TestExportChartDataAndReport: the visible chart's data is periods.csv
// of the runs it draws (a row per run × period × segment × stage,
// periods.csv's columns), What matters gives tornado.csv and the Plans
// tab says it has no chart data; the report is one page with the KPI
// table (every plan), the plans and an image per chart kind, with print
// CSS, in the screen's language.
func TestExportChartDataAndReport(t *testing.T) {
	a, _ := newApp(t, 1280, 800)
	a.p.Set(stabilityStay, 0.93)
	i, _ := a.p.SavePlan("Retain more", "stay 93%")
	a.p.ResetAll()
	a.p.SetCompared(i, true)
	a.tab = 5 // Compare: the baseline, Retain more, the current values
	data, name, err := a.exportChartCSV()
	if err != nil || !strings.HasSuffix(name, "-comparison-periods.csv") {
		t.Fatalf("%s: %v", name, err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	res := a.p.Result()
	perRun := res.Model.Horizon * len(res.Model.Segments) * res.Rows
	if len(rows) != 1+3*perRun || strings.Join(rows[0], ",") != strings.Join(tables.PeriodsHeader, ",") {
		t.Fatalf("%d rows (header %q), want periods.csv's header and 3 runs of %d", len(rows), rows[0], perRun)
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		seen[r[0]] = true
	}
	if !seen["baseline"] || !seen["plan-"+itoa(i+1)] || !seen["current"] {
		t.Errorf("runs %v, want baseline, plan-%d, current", seen, i+1)
	}
	a.tab = tabTornado
	if data, name, err := a.exportChartCSV(); err != nil || !strings.HasSuffix(name, "-tornado.csv") || !bytes.HasPrefix(data, []byte("rank,path,")) {
		t.Errorf("tornado: %s %v %.40q", name, err, data)
	}
	a.tab = tabPlans
	if _, _, err := a.exportChartCSV(); err == nil {
		t.Error("the Plans tab exported chart data")
	}
	for _, lang := range []string{"en", "zh"} {
		a.lang = lang
		page, name, err := a.exportReport()
		if err != nil || !strings.HasSuffix(name, "-report.html") {
			t.Fatalf("%s: %v", name, err)
		}
		html := string(page)
		for _, want := range []string{"@media print", "@page", "Retain more", "stay 93%", a.t("current values"),
			a.p.Base().Name.In(lang), "<img src=\"data:image/png;base64,"} {
			if !strings.Contains(html, want) {
				t.Errorf("%s: the report lacks %q", lang, want)
			}
		}
		if n := strings.Count(html, "<figure>"); n != 7 {
			t.Errorf("%s: %d charts in the report, want the 7 chart kinds", lang, n)
		}
		if n := strings.Count(html, "<tr"); n != 1+len(a.p.PlanRows(lang)) {
			t.Errorf("%s: %d table rows, want a header and %d plans", lang, n, len(a.p.PlanRows(lang)))
		}
	}
}

// TestWriteReportForLooking writes the report to CLVLAB_REPORT when set,
// to look at in a browser.
func TestWriteReportForLooking(t *testing.T) {
	path := os.Getenv("CLVLAB_REPORT")
	if path == "" {
		t.Skip("CLVLAB_REPORT names the file to write")
	}
	a, _ := newApp(t, 1280, 800)
	a.p.Set(stabilityStay, 0.93)
	i, _ := a.p.SavePlan("Retain more", "stay 93%")
	a.p.Set("acquisition.cost_per_customer", 90)
	a.p.SetCompared(i, true)
	a.p.SetBaselinePlan(i)
	page, _, err := a.exportReport()
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, page, 0o644)
}
