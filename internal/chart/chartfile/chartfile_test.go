package chartfile

import (
	"bytes"
	"strings"
	"testing"

	"clvlab/internal/chart"
	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// input returns the charts' input of the shipped four-stage scenario in
// Chinese.
func input(t testing.TB) *chart.Input {
	t.Helper()
	s, err := scenarios.Preset("four-stage")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	return chart.NewInput(s, runs, "zh")
}

// figure builds a chart of kind k of the input.
func figure(t testing.TB, k chart.Kind) *chart.Figure {
	t.Helper()
	fig, err := chart.Build(k, input(t), chart.DefaultSize)
	if err != nil {
		t.Fatal(err)
	}
	return fig
}

// TestFormats: SVG and PDF are written with the text as outlines (no font
// needed to view them) and the Chinese titles present as shapes, not
// missing glyphs; PNG is the chart package's own image.
func TestFormats(t *testing.T) {
	fig := figure(t, chart.Survival)
	for _, f := range []Format{SVG, PDF} {
		var b bytes.Buffer
		if err := Write(&b, fig, f); err != nil {
			t.Fatal(err)
		}
		if b.Len() < 10000 {
			t.Errorf("%s: %d bytes, too small to hold the chart", f, b.Len())
		}
		if f == SVG && strings.Contains(b.String(), "<text") {
			t.Errorf("SVG has <text> elements; text should be outlines")
		}
		if f == PDF && !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
			t.Errorf("PDF does not start with %%PDF-")
		}
	}
	var file, img bytes.Buffer
	if err := Write(&file, fig, PNG); err != nil {
		t.Fatal(err)
	}
	if err := fig.WritePNG(&img); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(file.Bytes(), []byte("\x89PNG")) || !bytes.Equal(file.Bytes(), img.Bytes()) {
		t.Error("the PNG file is not the figure's PNG")
	}
}

// TestParseFormat: the three formats by name, and nothing else.
func TestParseFormat(t *testing.T) {
	for _, name := range []string{"png", "svg", "pdf"} {
		if f, err := ParseFormat(name); err != nil || string(f) != name {
			t.Errorf("ParseFormat(%q) = %q, %v", name, f, err)
		}
	}
	for _, name := range []string{"gif", "PNG", "eps", ""} {
		if _, err := ParseFormat(name); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
	if err := Write(&bytes.Buffer{}, figure(t, chart.Customers), "eps"); err == nil {
		t.Error("Write accepted eps")
	}
}

// BenchmarkWrite measures building one chart and writing it in each
// format.
func BenchmarkWrite(b *testing.B) {
	in := input(b)
	for _, f := range []Format{PNG, SVG, PDF} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				fig, _ := chart.Build(chart.CashFlow, in, chart.DefaultSize)
				if err := Write(&bytes.Buffer{}, fig, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
