package chart

import (
	"image"
	"image/color"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// noCanvas is a canvas that draws nothing: drawing a figure onto it
// costs only the figure's own Go time (layout, gonum/plot's axes and
// plotters, text measuring), not a back end's.
type noCanvas struct{}

func (noCanvas) SetLineWidth(vg.Length)                 {}
func (noCanvas) SetLineDash([]vg.Length, vg.Length)     {}
func (noCanvas) SetColor(color.Color)                   {}
func (noCanvas) Rotate(float64)                         {}
func (noCanvas) Translate(vg.Point)                     {}
func (noCanvas) Scale(float64, float64)                 {}
func (noCanvas) Push()                                  {}
func (noCanvas) Pop()                                   {}
func (noCanvas) Stroke(vg.Path)                         {}
func (noCanvas) Fill(vg.Path)                           {}
func (noCanvas) FillString(font.Face, vg.Point, string) {}
func (noCanvas) DrawImage(vg.Rectangle, image.Image)    {}

// BenchmarkFigureDraw measures building each of the planner's charts of
// four-stage (the What matters and optimum analyses from the test
// numbers) and drawing it onto a canvas that draws nothing, at the
// chart area of a 1280×800 window: the Go time of a chart change before
// the back end's (vgebiten's triangles, vgimg's rasterizer). The kept
// ticks are dropped before each build, as a change of the numbers gives
// the axes new ranges. cpu-ns/op is the process's CPU time an op (the
// garbage collector's too): on a loaded machine it varies less than the
// time by the clock.
func BenchmarkFigureDraw(b *testing.B) {
	s, runs := presetRuns(b, "four-stage")
	in := NewInput(s, runs, "en")
	size := Size{W: 869, H: 567, ShortTitle: true}
	w, h := size.Points()
	build := func(k Kind) func() (*Figure, error) {
		return func() (*Figure, error) { return Build(k, in, size) }
	}
	cases := []struct {
		name  string
		build func() (*Figure, error)
	}{}
	for _, k := range Kinds {
		cases = append(cases, struct {
			name  string
			build func() (*Figure, error)
		}{k.Slug(), build(k)})
	}
	for name, a := range map[string]Analysis{"tornado": tornadoInput("en"), "optimum": optimumInput("en")} {
		cases = append(cases, struct {
			name  string
			build func() (*Figure, error)
		}{name, func() (*Figure, error) { return BuildAnalysis(a, size) }})
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			start, ok := cpuTime()
			for b.Loop() {
				dropKeptTicks()
				fig, err := c.build()
				if err != nil {
					b.Fatal(err)
				}
				fig.Draw(draw.NewCanvas(noCanvas{}, w, h))
			}
			if end, ok2 := cpuTime(); ok && ok2 {
				b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
