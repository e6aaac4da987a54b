package chartfile

import (
	"fmt"
	"io"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"clvlab/internal/chart"
)

// Format is a file format for charts.
type Format string

// The formats charts are written in.
const (
	PNG Format = "png"
	SVG Format = "svg"
	PDF Format = "pdf"
)

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case PNG, SVG, PDF:
		return f, nil
	}
	return "", fmt.Errorf("unknown chart format %q; use png, svg or pdf", s)
}

// Write writes the figure to w in the given format, at the figure's size.
func Write(w io.Writer, f *chart.Figure, format Format) error {
	if format == PNG {
		return writePNG(w, f)
	}
	width, height := f.Size().Points()
	var c fileCanvas
	switch format {
	case SVG:
		c = &outlined{fileCanvas: vgsvg.New(width, height)}
	case PDF:
		c = &outlined{fileCanvas: vgpdf.New(width, height)}
	default:
		return fmt.Errorf("chart: unknown format %q", format)
	}
	f.Draw(draw.New(c))
	_, err := c.WriteTo(w)
	return err
}
