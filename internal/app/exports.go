package app

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"image"
	"strings"

	"clvlab/internal/chart"
	"clvlab/internal/kpi"
	"clvlab/internal/planner"
	"clvlab/internal/report/tables"
	"clvlab/internal/ui"
	"clvlab/internal/whatif"
)

// exportItems are the Export menu's entries: the id of the entry's
// button ("button:ID") and its text.
var exportItems = []struct{ id, text string }{
	{"toml", "export TOML all"},
	{"png", "export PNG chart"},
	{"csv-kpis", "export KPIs CSV"},
	{"csv-chart", "export chart CSV"},
	{"report", "export report"},
}

// exportMenu draws the Export menu under its button; a click on an entry
// saves the file (native) or downloads it (browser), a click elsewhere
// closes it.
func (a *App) exportMenu(m metrics) {
	c := &a.ui
	anchor := a.widgets["button:export"]
	w := 0.0
	for _, it := range exportItems {
		w = max(w, a.measure(a.t(it.text), c.Theme.FontSize))
	}
	bw := int(w) + 2*m.pad + 8
	x := min(anchor.Min.X, a.w-bw-m.pad)
	r := image.Rect(x, anchor.Max.Y, x+bw, anchor.Max.Y+len(exportItems)*(m.line+m.pad/2)+m.pad/2)
	c.Fill(r, white)
	c.Add(ui.Op{Kind: ui.OpStroke, R: r, Color: c.Theme.Track, Width: 1})
	y := r.Min.Y + m.pad/2
	for _, it := range exportItems {
		br := image.Rect(r.Min.X+m.pad/2, y, r.Max.X-m.pad/2, y+m.line)
		a.widgets["button:"+it.id] = br
		if c.Button(it.id, br, a.t(it.text), true) {
			a.plans.menu = false
			switch it.id {
			case "toml":
				a.export(a.exportTOML)
			case "png":
				a.export(a.exportPNG)
			case "csv-kpis":
				a.export(a.exportKPIsCSV)
			case "csv-chart":
				a.export(a.exportChartCSV)
			case "report":
				a.export(a.exportReport)
			}
		}
		y += m.line + m.pad/2
	}
	if c.In.Pressed && !c.In.Mouse.In(r) && !c.In.Mouse.In(anchor) {
		a.plans.menu = false
	}
}

// menuRect is where the open Export menu is, or an empty rectangle.
func (a *App) menuRect(m metrics) image.Rectangle {
	if !a.plans.menu {
		return image.Rectangle{}
	}
	anchor := a.widgets["button:export"]
	return image.Rect(0, anchor.Max.Y, a.w, anchor.Max.Y+len(exportItems)*(m.line+m.pad/2)+m.pad/2)
}

// fileStem is the start of an exported file's name: the scenario's slug.
func (a *App) fileStem() string { return a.p.Base().Slug() }

// kpiRows returns the Plans table as rows of text: a header (plan,
// baseline, then each KPI by its catalogue id and unit) and a row per
// plan, the current values first, numbers as the CSV files write them.
func (a *App) kpiRows() [][]string {
	s := a.p.Scenario()
	ks := planner.StripKPIs()
	head := []string{"plan", "baseline"}
	for _, k := range ks {
		head = append(head, k.String()+" ("+unitName(k, s.Currency, periodName(s), "en")+")")
	}
	out := [][]string{head}
	for _, row := range a.p.PlanRows(a.lang) {
		line := []string{row.Name, map[bool]string{true: "yes", false: ""}[row.Baseline]}
		for _, k := range row.KPIs {
			line = append(line, tables.Number(k.Value))
		}
		out = append(out, line)
	}
	return out
}

// exportKPIsCSV returns every plan's KPIs as the Plans table shows them.
func (a *App) exportKPIsCSV() ([]byte, string, error) {
	var b bytes.Buffer
	err := tables.WriteRows(&b, a.kpiRows())
	return b.Bytes(), a.fileStem() + "-plans.csv", err
}

// exportChartCSV returns the data of the visible chart: for a chart of
// runs, periods.csv of the runs it draws (the baseline, the compared
// plans, the current values); for What matters, tornado.csv.
func (a *App) exportChartCSV() ([]byte, string, error) {
	var b bytes.Buffer
	switch {
	case a.tab < len(chart.Kinds):
		runs := a.p.Runs("en")
		if err := tables.WritePeriods(&b, runs); err != nil {
			return nil, "", err
		}
		return b.Bytes(), a.fileStem() + "-" + chart.Kinds[a.tab].Slug() + "-periods.csv", nil
	case a.tab == tabTornado:
		s := a.p.Scenario()
		t, err := whatif.Sensitivity(s, whatif.SensitivityOptions{KPI: kpi.CustomerEquity, Percent: 10})
		if err != nil {
			return nil, "", err
		}
		if err := tables.WriteTornado(&b, s, t); err != nil {
			return nil, "", err
		}
		return b.Bytes(), a.fileStem() + "-tornado.csv", nil
	}
	return nil, "", fmt.Errorf(a.t("no chart data"), a.tabLabel(a.tab))
}

// tabLabel is tab i's label in the current language.
func (a *App) tabLabel(i int) string {
	switch {
	case i < len(chart.Kinds):
		return a.t("tab:" + chart.Kinds[i].Slug())
	case i == tabTornado:
		return a.t("tab:tornado")
	case i == tabOptimum:
		return a.t("tab:optimum")
	}
	return a.t("tab:plans")
}

// reportSize is the size of the report's chart images.
var reportSize = chart.Size{W: 1000, H: 560}

// exportReport returns the whole screen as a page to print: the
// scenario's name and description, the plans and their KPIs, and every
// chart of runs as an image, with print CSS (A4 landscape, a chart per
// page part), in the current language.
func (a *App) exportReport() ([]byte, string, error) {
	s := a.p.Scenario()
	lang := a.lang
	esc := html.EscapeString
	var b strings.Builder
	title := a.p.Base().Name.In(lang)
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>
body { font-family: "Noto Sans SC", "Noto Sans", system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 2em auto; max-width: 1100px; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
p.caption { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 1em 0 2em; font-variant-numeric: tabular-nums; }
th, td { padding: .35em .8em; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #333; }
tr.baseline { background: #f0f0f0; font-weight: 600; }
td.good { color: #007a52; } td.bad { color: #b33c00; }
figure { margin: 0 0 2em; }
figure img { width: 100%%; max-width: 1000px; height: auto; border: 1px solid #eee; }
figcaption { font-weight: 600; margin-bottom: .3em; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; }
  figure, table, tr { break-inside: avoid; }
  figure img { max-height: 165mm; width: auto; max-width: 100%%; }
}
</style>
</head>
<body>
<h1>%s</h1>
`, lang, esc(title), esc(title))
	fmt.Fprintf(&b, "<p class=\"caption\">%s: %s · %s</p>\n", esc(a.t("baseline")), esc(a.p.BaselineName(lang)), esc(s.Currency))
	if d := a.p.Base().Description.In(lang); d != "" {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(d))
	}
	// The KPI table, as the Plans tab shows it.
	ks := planner.StripKPIs()
	b.WriteString("<table>\n<thead><tr><th>" + esc(a.t("plan")) + "</th>")
	for _, k := range ks {
		fmt.Fprintf(&b, "<th>%s<br>%s</th>", esc(k.Short(lang)), esc(unitName(k, s.Currency, periodName(s), lang)))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range a.p.PlanRows(lang) {
		name := row.Name
		if row.Baseline {
			name += " (" + a.t("as baseline") + ")"
			b.WriteString(`<tr class="baseline">`)
		} else {
			b.WriteString("<tr>")
		}
		fmt.Fprintf(&b, "<td>%s</td>", esc(name))
		for j, k := range row.KPIs {
			class := ""
			if !row.Baseline {
				class = map[int]string{1: ` class="good"`, -1: ` class="bad"`}[k.Better()]
			}
			cell := ks[j].Format(k.Value)
			if d := ks[j].Delta(k.Baseline, k.Value); !row.Baseline && d != "" && k.Better() != 0 {
				cell += " (" + d + ")"
			}
			fmt.Fprintf(&b, "<td%s>%s</td>", class, esc(cell))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	// The plans: what each sets.
	b.WriteString("<h2>" + esc(a.t("tab:plans")) + "</h2>\n<ul>\n")
	for i, pl := range a.p.Plans() {
		fmt.Fprintf(&b, "<li><strong>%s</strong>", esc(pl.Name.In(lang)))
		if d := pl.Description.In(lang); d != "" {
			fmt.Fprintf(&b, ": %s", esc(d))
		}
		var sets []string
		vals := a.p.PlanValues(i)
		for _, ctl := range a.p.Controls() {
			if v, ok := vals[ctl.Path]; ok {
				sets = append(sets, a.leverName(ctl.Path).In(lang)+" = "+ctl.Format(v, s.Currency, periodName(s), lang))
			}
		}
		if len(sets) > 0 {
			fmt.Fprintf(&b, "<br><small>%s</small>", esc(strings.Join(sets, "; ")))
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n")
	// Every chart of runs, as on screen (the baseline, the compared plans,
	// the current values).
	in := a.chartInput()
	for _, k := range chart.Kinds {
		fig, err := chart.Build(k, in, reportSize)
		if err != nil {
			return nil, "", err
		}
		var png bytes.Buffer
		if err := fig.WritePNG(&png); err != nil {
			return nil, "", err
		}
		fmt.Fprintf(&b, "<figure>\n<figcaption>%s</figcaption>\n<img src=\"data:image/png;base64,%s\" alt=\"%s\">\n</figure>\n",
			esc(k.Title(lang)), base64.StdEncoding.EncodeToString(png.Bytes()), esc(k.Title(lang)))
	}
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String()), a.fileStem() + "-report.html", nil
}
