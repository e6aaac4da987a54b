package app

import (
	"image"
	"image/color"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/chart"
	"clvlab/internal/kpi"
	"clvlab/internal/planner"
	"clvlab/internal/ui"
	"clvlab/scenarios"
)

// shownTexts returns every text the app can show, in both languages: its
// own words and notices, the KPI catalogue's labels, explanations and
// formulas (the strip's hover boxes) and the Monte Carlo
// figures', the parameter registry's labels, units and explanations,
// every shipped scenario's names, descriptions, stage, segment and
// variant texts and slider labels, and values as the sliders write them.
func shownTexts(t *testing.T) []string {
	var out []string
	add := func(ss ...string) { out = append(out, ss...) }
	for _, v := range texts {
		add(v[0], v[1])
	}
	add("中文", "English", "…", "|", "−", "+", "—")
	for _, lang := range []string{"en", "zh"} {
		for _, k := range kpi.All {
			add(k.Label(lang), k.Short(lang), goalLabel(k, lang), k.Explanation(lang), k.Formula(lang))
		}
		for _, b := range kpi.Bands {
			add(b.Label(lang))
		}
	}
	for _, p := range scenarios.Params() {
		add(p.Label.EN, p.Label.ZH, p.Short.EN, p.Short.ZH, p.Unit.EN, p.Unit.ZH, p.Explain.EN, p.Explain.ZH)
	}
	for _, id := range scenarios.Presets() {
		s, err := scenarios.Preset(id)
		if err != nil {
			t.Fatal(err)
		}
		add(s.Name.EN, s.Name.ZH, s.Description.EN, s.Description.ZH, s.Currency)
		for _, st := range s.Stages {
			add(st.Name.EN, st.Name.ZH)
		}
		for _, sg := range s.Segments {
			add(sg.Name.EN, sg.Name.ZH)
		}
		for _, v := range s.Variants {
			add(v.Name.EN, v.Name.ZH, v.Description.EN, v.Description.ZH)
		}
		p, err := planner.New(s, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", "zh"} {
			for _, c := range p.Controls() {
				add(c.Label.In(lang), c.Format(p.Value(c.Path), s.Currency, periodName(s), lang))
			}
		}
	}
	return out
}

// TestEveryTextHasGlyphs (issue 12, defect 4): every character of every
// text the app can show is drawn by the app's text path (the font, or the
// look-alike chart.Printable puts for a character the font lacks) as
// something visible: the KPI strip's minus sign and the scenario picker's
// × were blanks. A character with neither a glyph nor a look-alike (drawn
// as "?") fails too.
func TestEveryTextHasGlyphs(t *testing.T) {
	seen := map[rune]bool{}
	var runes []rune
	for _, s := range shownTexts(t) {
		for _, r := range s {
			if !seen[r] && !unicode.IsSpace(r) {
				seen[r] = true
				runes = append(runes, r)
			}
		}
	}
	slices.Sort(runes)
	for _, r := range runes {
		if r != '?' && strings.Contains(chart.Printable(string(r)), "?") {
			t.Errorf("%q (U+%04X): the font has no glyph and no look-alike", r, r)
		}
	}
	// Draw each character in a cell of a grid through the app's own text
	// path and look for ink in every cell.
	a, _ := newApp(t, 320, 240)
	const cell, cols, size = 32, 40, 18
	rows := (len(runes) + cols - 1) / cols
	w, h := cols*cell, rows*cell
	pix := make([]byte, 4*w*h)
	inFrame(func(*ebiten.Image) {
		img := ebiten.NewImage(w, h)
		for i, r := range runes {
			x, y := i%cols*cell, i/cols*cell
			op := ui.Op{Kind: ui.OpText, R: image.Rect(x, y, x+cell, y+cell), Text: string(r), Size: size,
				Color: color.RGBA{0, 0, 0, 0xff}, Align: ui.Center}
			a.drawText(img, &op)
		}
		img.ReadPixels(pix)
	})
	t.Logf("%d distinct characters drawn", len(runes))
	for i, r := range runes {
		x0, y0 := i%cols*cell, i/cols*cell
		ink := false
		for y := y0; y < y0+cell && !ink; y++ {
			for x := x0; x < x0+cell; x++ {
				if pix[4*(y*w+x)+3] > 0x40 {
					ink = true
					break
				}
			}
		}
		if !ink {
			t.Errorf("%q (U+%04X) draws nothing", r, r)
		}
	}
}
