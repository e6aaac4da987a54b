package report

import (
	"fmt"
	"html/template"
	"io"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
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

type htmlPage struct {
	Lang, Title, Description, Caption string
	Head                              []string
	Rows                              []htmlRow
	Charts                            []htmlChart
	Files                             []string
}

var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: "Noto Sans SC", "Noto Sans", system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 2em auto; max-width: 1100px; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
p.caption { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 1em 0 2em; font-variant-numeric: tabular-nums; }
th, td { padding: .35em .8em; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #333; }
figure { margin: 0 0 2em; }
figure img { width: 100%; max-width: 800px; height: auto; border: 1px solid #eee; }
figcaption { font-weight: 600; margin-bottom: .3em; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="caption">{{.Caption}}</p>
{{if .Description}}<p>{{.Description}}</p>{{end}}
<table>
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.Label}}</td>{{range $i, $c := .Cells}}<td>{{$c}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{range .Charts}}<figure>
<figcaption>{{.Title}}</figcaption>
{{if .File}}<img src="{{.File}}" alt="{{.Title}}">{{end}}
{{if .Links}}<p>{{range .Links}}<a href="{{.}}">{{.}}</a> {{end}}</p>{{end}}
</figure>
{{end}}
<p class="caption">{{range .Files}}<a href="{{.}}">{{.}}</a> {{end}}</p>
</body>
</html>
`))

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
	period := m.Period.String()
	if li == 1 {
		period = map[string]string{"month": "月", "quarter": "季度", "year": "年"}[period]
	}
	p.Caption = fmt.Sprintf(captions[li], m.Horizon, period, percent(m.DiscountRate), s.Currency)
	change := [2]string{"change", "变化"}[li]
	p.Head = []string{"", runs[0].Title.In(lang)}
	for _, r := range runs[1:] {
		p.Head = append(p.Head, r.Title.In(lang), change)
	}
	for _, k := range kpi.All {
		base := k.Of(&runs[0].Result.Summary)
		row := htmlRow{Label: k.Label(lang), Cells: []string{k.Format(base)}}
		for _, r := range runs[1:] {
			v := k.Of(&r.Result.Summary)
			row.Cells = append(row.Cells, k.Format(v), k.Delta(base, v))
		}
		p.Rows = append(p.Rows, row)
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
