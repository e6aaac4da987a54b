package chart

import (
	"fmt"
	"image"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestShortFigures: drawn short and wide with large text, as the app's
// chart is at large text, every kind but the CLV breakdown keeps its data areas on the figure
// and at least 60 px high (the stacked plots go side by side), and every
// legend lies in a data area or in the column right of them all, never
// over an axis.
func TestShortFigures(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		in := input(t, lang)
		in.Current, in.Overlay = 1, true
		for _, size := range []Size{{W: 917, H: 300, Text: 1.8}, {W: 732, H: 290, Text: 1.6}, {W: 872, H: 383, Text: 1.7}} {
			for _, k := range Kinds {
				name := fmt.Sprintf("%s %s %dx%d", k.Slug(), lang, size.W, size.H)
				fig, err := Build(k, in, size)
				if err != nil {
					t.Fatal(err)
				}
				w, h := size.Points()
				fig.Draw(draw.New(vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(96))))
				box := image.Rect(0, 0, size.W+1, size.H+1)
				right := 0
				for _, d := range fig.DataAreas() {
					right = max(right, d.Max.X)
					if !d.In(box) || d.Dy() < 60 {
						t.Errorf("%s: data area %v (figure %v)", name, d, box)
					}
				}
				for _, l := range fig.Legends() {
					inside := false
					for _, d := range fig.DataAreas() {
						inside = inside || l.In(d.Inset(-3))
					}
					if !inside && (l.Min.X < right || !l.In(box)) {
						t.Errorf("%s: legend %v over the axes (data areas %v)", name, l, fig.DataAreas())
					}
				}
			}
		}
	}
}
