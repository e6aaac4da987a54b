package report

import "html/template"

// pageParts are what every index.html shares: the head with its style (a
// page adds rules of its own by defining "style"), the title and caption,
// and the tail: each chart as a figure with its files, then the other
// files. A page's fields: Lang, Title, Caption, Charts, Files.
const pageParts = `{{define "head"}}<!DOCTYPE html>
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
{{block "style" .}}{{end}}</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="caption">{{.Caption}}</p>{{end}}
{{define "tail"}}{{range .Charts}}<figure>
<figcaption>{{.Title}}</figcaption>
{{if .File}}<img src="{{.File}}" alt="{{.Title}}">{{end}}
{{if .Links}}<p>{{range .Links}}<a href="{{.}}">{{.}}</a> {{end}}</p>{{end}}
</figure>
{{end}}
<p class="caption">{{range .Files}}<a href="{{.}}">{{.}}</a> {{end}}</p>
</body>
</html>
{{end}}`

// newPage is the page named name: body, which uses "head" and "tail".
func newPage(name, body string) *template.Template {
	t := template.Must(template.New(name).Parse(pageParts))
	return template.Must(t.Parse(body))
}
