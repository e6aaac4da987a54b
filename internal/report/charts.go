package report

import (
	"io"

	"clvlab/internal/chart"
	"clvlab/scenarios"
)

// ChartInput returns what the charts need from a scenario's runs, with all
// names in lang ("en" or "zh").
func ChartInput(s *scenarios.Scenario, runs []Run, lang string) *chart.Input {
	in := &chart.Input{Lang: lang, Scenario: s.Name.In(lang), Currency: s.Currency}
	for _, st := range s.Stages {
		name := st.Name.In(lang)
		if name == "" {
			name = st.ID
		}
		in.Stages = append(in.Stages, name)
	}
	if len(s.Segments) == 0 {
		in.Segments = []string{chartAll(lang)}
	}
	for _, seg := range s.Segments {
		name := seg.Name.In(lang)
		if name == "" {
			name = seg.ID
		}
		in.Segments = append(in.Segments, name)
	}
	for _, r := range runs {
		run := chart.Run{Name: r.Title.In(lang), Result: r.Result}
		if r.Uncertainty != nil {
			run.Bands = r.Uncertainty.Bands
		}
		in.Runs = append(in.Runs, run)
	}
	return in
}

func chartAll(lang string) string {
	if lang == "zh" {
		return "全部客户"
	}
	return "all customers"
}

// File is one output file and how to write it.
type File struct {
	Name  string
	Write func(io.Writer) error
}

// ChartFiles returns one file per chart kind and format, named
// KIND.FORMAT (e.g. cashflow.png), drawn at chart.DefaultSize.
func ChartFiles(in *chart.Input, formats []chart.Format) []File {
	var files []File
	for _, k := range chart.Kinds {
		for _, f := range formats {
			files = append(files, File{
				Name: k.Slug() + "." + string(f),
				Write: func(w io.Writer) error {
					fig, err := chart.Build(k, in, chart.DefaultSize)
					if err != nil {
						return err
					}
					return fig.WriteTo(w, f)
				},
			})
		}
	}
	return files
}
