package report

import (
	"fmt"
	"io"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
	"clvlab/internal/explain"
	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// HTMLFile is the name of the report page.
const HTMLFile = "index.html"

// htmlRow is one metric of the report's table.
type htmlRow struct {
	Label string
	Cells []string // base, then value and change per variant
}

type htmlChart struct {
	Title string
	File  string // the image to show, or "" when only PDF was written
	Links []string
}

// htmlRun is one run explained: the variant's description, the form,
// the formulas with their values and the tenure table.
type htmlRun struct {
	Title, Description, Form string
	Formulas                 []string
	TableTitle               string
	Table                    [][]string // the header, then a row per period of tenure
	Open                     bool       // the table is shown open (the base's), the others folded
}

type htmlPage struct {
	Lang, Title, Description, Caption string
	Head                              []string
	Rows                              []htmlRow
	Explained                         string // the heading of Runs
	Runs                              []htmlRun
	Charts                            []htmlChart
	Files                             []string
}

var page = newPage("report", `{{template "head" .}}
{{if .Description}}<p>{{.Description}}</p>{{end}}
<table>
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.Label}}</td>{{range $i, $c := .Cells}}<td>{{$c}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
<h2>{{.Explained}}</h2>
{{range .Runs}}<section class="run">
<h3>{{.Title}}</h3>
{{if .Description}}<p>{{.Description}}</p>{{end}}
<p>{{.Form}}</p>
<ul class="formulas">
{{range .Formulas}}<li><code>{{.}}</code></li>
{{end}}</ul>
<details{{if .Open}} open{{end}}><summary>{{.TableTitle}}</summary>
<table class="tenure">
<thead><tr>{{range index .Table 0}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range slice .Table 1}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
</details>
</section>
{{end}}{{template "tail" .}}`)

// WriteHTML writes index.html: the summary table and every chart of the
// scenario's runs, in lang, for the chart files written in formats.
func WriteHTML(w io.Writer, s *scenarios.Scenario, runs []projection.Run, lang string, formats []chartfile.Format) error {
	li := 0
	if lang == "zh" {
		li = 1
	}
	m := runs[0].Model
	captions := [2]string{"%d %ss · discount rate %s a year · amounts in %s", "%d 期（%s）· 年折现率 %s · 金额单位 %s"}
	p := htmlPage{Lang: lang, Title: s.Name.In(lang), Description: s.Description.In(lang)}
	period := scenarios.NameOf(m.Period).One.In(lang)
	p.Caption = fmt.Sprintf(captions[li], m.Horizon, period, percent(m.DiscountRate, -1), s.Currency)
	change := [2]string{"change", "变化"}[li]
	p.Head = []string{"", runs[0].Title.In(lang)}
	for _, r := range runs[1:] {
		p.Head = append(p.Head, r.Title.In(lang), change)
	}
	for _, k := range kpi.All {
		if !k.Shown(summaries(runs)...) {
			continue
		}
		base := k.Of(&runs[0].Result.Summary)
		row := htmlRow{Label: k.Label(lang), Cells: []string{k.Format(base)}}
		for _, r := range runs[1:] {
			v := k.Of(&r.Result.Summary)
			row.Cells = append(row.Cells, k.Format(v), k.DeltaIn(base, v, lang))
		}
		p.Rows = append(p.Rows, row)
	}
	p.Explained = wExplained.In(lang)
	for i, r := range runs {
		p.Runs = append(p.Runs, explainedRun(s, r, lang))
		p.Runs[i].Open = i == 0
	}
	for _, k := range chart.Kinds {
		c := htmlChart{Title: k.Title(lang)}
		for _, f := range formats {
			name := k.Slug() + "." + string(f)
			if c.File == "" && f != chartfile.PDF {
				c.File = name
			} else {
				c.Links = append(c.Links, name)
			}
		}
		p.Charts = append(p.Charts, c)
	}
	p.Files = []string{"summary.json", "periods.csv"}
	return page.Execute(w, p)
}

// explainedRun returns run r of s explained for index.html, in lang.
func explainedRun(s *scenarios.Scenario, r projection.Run, lang string) htmlRun {
	e := explain.Explain(r.Result, lang)
	h := htmlRun{
		Title:       r.Title.In(lang),
		Description: variantDescription(s, r).In(lang),
		Form:        wForm.In(lang) + colon(lang) + formText[e.Form].In(lang),
		TableTitle:  tenureTitle(r.Model, lang),
		Table:       TenureCells(s, &e.Table, lang),
	}
	for _, f := range e.Formulas {
		h.Formulas = append(h.Formulas, f.KPI.Label(lang)+colon(lang)+f.String())
	}
	return h
}
