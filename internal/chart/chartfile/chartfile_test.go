package chartfile

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
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
// missing glyphs.
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
}

// TestPNGIsTheFigure: for every chart kind, the PNG file holds exactly the
// pixels of the figure's own PNG (Figure.WritePNG, which the chart
// goldens check): only the compression differs. It logs how much larger
// the faster compression makes each file.
func TestPNGIsTheFigure(t *testing.T) {
	in := input(t)
	for _, k := range chart.Kinds {
		fig, err := chart.Build(k, in, chart.DefaultSize)
		if err != nil {
			t.Fatal(err)
		}
		var file, own bytes.Buffer
		if err := Write(&file, fig, PNG); err != nil {
			t.Fatal(err)
		}
		if err := fig.WritePNG(&own); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes, %+.1f%% against the default compression (%d)", k.Slug(), file.Len(),
			100*float64(file.Len()-own.Len())/float64(own.Len()), own.Len())
		got, want := decodeRGBA(t, file.Bytes()), decodeRGBA(t, own.Bytes())
		if got.Bounds() != want.Bounds() || !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("%s: the PNG file's pixels are not the figure's", k.Slug())
		}
	}
}

// decodeRGBA decodes a PNG file into RGBA pixels.
func decodeRGBA(t *testing.T, b []byte) *image.RGBA {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out
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

// TestEncodePNG: an opaque image of odd size whose compressed rows span
// several chunks reads back as the same pixels; a translucent one (left
// to image/png, since PNG keeps colours not premultiplied) as the pixels
// image/png's own file reads back as.
func TestEncodePNG(t *testing.T) {
	for _, c := range []struct {
		w, h  int
		alpha uint8
	}{{1, 1, 0xff}, {333, 257, 0xff}, {31, 7, 0x80}} {
		img := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
		seed := uint32(c.w)
		for i := range img.Pix {
			seed = seed*1664525 + 1013904223 // noise: compresses badly, so many IDAT chunks
			img.Pix[i] = uint8(seed >> 24)
			if i%4 == 3 {
				img.Pix[i] = c.alpha
			} else if img.Pix[i] > c.alpha {
				img.Pix[i] = c.alpha // premultiplied
			}
		}
		var b bytes.Buffer
		if err := encodePNG(&b, img); err != nil {
			t.Fatal(err)
		}
		want := img
		if c.alpha != 0xff {
			var own bytes.Buffer
			if err := png.Encode(&own, img); err != nil {
				t.Fatal(err)
			}
			want = decodeRGBA(t, own.Bytes())
		}
		got := decodeRGBA(t, b.Bytes())
		if got.Bounds() != want.Bounds() || !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("%dx%d, alpha %d: pixels differ after a round trip", c.w, c.h, c.alpha)
		}
	}
}
