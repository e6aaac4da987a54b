package app

import (
	"image"
	"image/color"
	"slices"
	"testing"
	"unicode"

	"github.com/hajimehoshi/ebiten/v2"

	"golang.org/x/image/font/sfnt"

	"clvlab/internal/chart"
	"clvlab/internal/explain"
	"clvlab/internal/kpi"
	"clvlab/internal/planner"
	"clvlab/internal/projection"
	"clvlab/internal/ui"
	"clvlab/scenarios"
	"clvlab/scenarios/lessons"
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
		add(explained(t, s)...)
		for i := range s.Variants {
			v, probs := s.WithVariant(i)
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			add(explained(t, v)...)
		}
	}
	for _, l := range []scenarios.Text{explain.LabelTenure, explain.LabelLost, explain.LabelMargin, explain.LabelDiscount, explain.LabelContribution, explain.LabelSum} {
		add(l.EN, l.ZH)
	}
	all, err := lessons.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		add(l.Title.EN, l.Title.ZH, l.Description.EN, l.Description.ZH)
		for i, st := range l.Steps {
			add(st.Text.EN, st.Text.ZH, st.Question.EN, st.Question.ZH, st.Answer.EN, st.Answer.ZH)
			s, err := l.At(i)
			if err != nil {
				t.Fatal(err)
			}
			add(explained(t, s)...)
		}
	}
	return out
}

// explained returns the formula panel's texts for s, in both languages:
// each KPI's formula in symbols, with its values, its result, check,
// note and where.
func explained(t *testing.T, s *scenarios.Scenario) []string {
	t.Helper()
	res, err := projection.Project(s)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, lang := range []string{"en", "zh"} {
		for _, f := range explain.Explain(res, lang).Formulas {
			out = append(out, f.Words, f.Symbols, f.Values, f.Result, f.Check, f.Note, f.Where)
		}
	}
	return out
}

// TestEveryTextHasGlyphs (issue 12, defect 4; issue 13's follow-up):
// every character of every text the app can show, in English and
// Chinese, has a glyph of its own in the font the app and the charts
// draw with (chart.FontTTF: the whole face, which the browser also
// fetches for Chinese; its Latin face has the same glyphs but the hanzi,
// TestLatinFaceIsTheWholeFaceWithoutHanzi): the formula panel's τ, Σ, ∞,
// ⁻¹ and −, the lessons' 1.1⁵, the charts' ×. The subset once lacked
// them, and the panel showed "t", "Sum_t" and "inf" in their place. And
// each is drawn, through the app's own text path, as something visible:
// the KPI strip's minus sign and the scenario picker's × were blanks.
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
	face, err := sfnt.Parse(chart.FontTTF())
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, r := range runes {
		if g, err := face.GlyphIndex(&buf, r); err != nil || g == 0 {
			t.Errorf("%q (U+%04X): the font has no glyph (chart.Printable draws %q)", r, r, chart.Printable(string(r)))
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
