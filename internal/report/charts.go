package report

import (
	"io"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
)

// File is one output file and how to write it.
type File struct {
	Name  string
	Write func(io.Writer) error
}

// ChartFiles returns one file per chart kind and format, named
// KIND.FORMAT (e.g. cashflow.png), drawn at chart.DefaultSize. The charts
// are drawn in parallel once the first is written (see inParallel).
func ChartFiles(in *chart.Input, formats []chartfile.Format) []File {
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
					return chartfile.Write(w, fig, f)
				},
			})
		}
	}
	return inParallel(files)
}
