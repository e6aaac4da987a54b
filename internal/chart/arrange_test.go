package chart

import (
	"fmt"
	"image"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestShortFigures: drawn short and wide with large text, as the app's
// chart is at large text, every kind but the CLV breakdown keeps its data areas on the figure
// and at least 60 px high (the stacked plots go side by side), and every
// legend lies in a data area, above one (under its title, within its
// width) or in the column right of them all, never over an axis.
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
						// In a data area, or above one, under its title
						// (legendsAbove).
						above := l.Max.Y <= d.Min.Y+1 && l.Min.X >= d.Min.X && l.Max.X <= d.Max.X+8 && l.Min.Y >= 0
						inside = inside || l.In(d.Inset(-3)) || above
					}
					if !inside && (l.Min.X < right || !l.In(box)) {
						t.Errorf("%s: legend %v over the axes (data areas %v)", name, l, fig.DataAreas())
					}
				}
			}
		}
	}
}

// TestSideBySideTitlesFit: every line of every plot's title fits its
// plot's width, side by side too, in both languages: the app's chart at
// 1024×640 with large text put brand-switching's market share beside our
// customers and clipped its Chinese title, which has no space to break
// at ("…占市场的比例" ran off the figure). The sizes are the app's
// customers chart at 1024×640 and 1280×800, large text.
func TestSideBySideTitlesFit(t *testing.T) {
	s, runs := presetRuns(t, "brand-switching")
	sizes := []Size{{W: 732, H: 402, Text: 1.425, ShortTitle: true}, {W: 732, H: 317, Text: 1.807, ShortTitle: true},
		{W: 917, H: 463, Text: 1.548, ShortTitle: true}, {W: 917, H: 300, Text: 1.8}}
	for _, lang := range []string{"en", "zh"} {
		inputs := map[string]*Input{"brand-switching": NewInput(s, runs, lang), "four-stage": input(t, lang)}
		for name, in := range inputs {
			for _, size := range sizes {
				for _, k := range Kinds {
					where := fmt.Sprintf("%s %s %s %dx%d", name, k.Slug(), lang, size.W, size.H)
					fig, err := Build(k, in, size)
					if err != nil {
						t.Fatal(err)
					}
					drawn(t, fig)
					w, h := size.Points()
					l, _ := fig.arrange(draw.New(vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(96))))
					grid, canvases := l.grid, l.canvases
					if name == "brand-switching" && k == Customers && size.H < 450 && len(grid[0]) != 2 {
						t.Errorf("%s: %d plots in the first row, want the market's shares beside our customers", where, len(grid[0]))
					}
					for i, row := range grid {
						for j, p := range row {
							for _, line := range strings.Split(p.Title.Text, "\n") {
								if got, room := p.Title.TextStyle.Width(line), canvases[i][j].Size().X; got > room {
									t.Errorf("%s: title line %q is %.0f pt wide in a plot %.0f pt wide", where, line, got, room)
								}
							}
						}
					}
				}
			}
		}
	}
}
