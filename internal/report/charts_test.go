package report

import (
	"io"
	"testing"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// chartInput is the charts' input of a shipped scenario, as `clvlab run`
// builds it.
func chartInput(t testing.TB, preset, lang string) *chart.Input {
	t.Helper()
	s, err := scenarios.Preset(preset)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	return chart.NewInput(s, runs, lang)
}

// BenchmarkChartFiles measures writing every chart of four-stage as PNG,
// as `clvlab run four-stage` does (the files go to io.Discard).
func BenchmarkChartFiles(b *testing.B) {
	in := chartInput(b, "four-stage", "en")
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range ChartFiles(in, []chartfile.Format{chartfile.PNG}) {
			if err := f.Write(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
}
