package chart

import (
	"strings"
	"unicode"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Note is a chart of words where a tab has nothing to plot yet: a title
// and paragraphs, wrapped to the width of the figure (the planner's
// Optimum tab says what Optimise spend will do before it runs, and which
// sliders Apply changed after).
type Note struct {
	Header
	Title      string
	Paragraphs []string
}

func (n *Note) plots(st *style) [][]*plot.Plot {
	p := st.newPlot(st.titled(Printable(n.Title)), "", "")
	p.HideAxes()
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	paras := make([]string, len(n.Paragraphs))
	for i, s := range n.Paragraphs {
		paras[i] = Printable(s)
	}
	p.Add(&paragraphs{texts: paras, style: text.Style{Color: text90, Font: st.font(12), Handler: plot.DefaultTextHandler}})
	return [][]*plot.Plot{{p}}
}

// paragraphs draws texts from the top left of the data area, each wrapped
// to its width, with a blank half line between them.
type paragraphs struct {
	texts []string
	style text.Style
}

func (ps *paragraphs) Plot(c draw.Canvas, _ *plot.Plot) {
	face := ps.style.Handler.Cache().Lookup(ps.style.Font, ps.style.Font.Size)
	ext := face.Extents()
	lineH := (ext.Ascent + ext.Descent) * 1.35
	width := (c.Max.X - c.Min.X) * 0.9
	x := c.Min.X + (c.Max.X-c.Min.X)*0.05
	y := c.Max.Y - lineH
	sty := ps.style
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
	for _, para := range ps.texts {
		for _, line := range wrap(para, func(s string) vg.Length { return face.Width(s) }, width) {
			if y < c.Min.Y {
				return
			}
			c.FillText(sty, vg.Point{X: x, Y: y}, line)
			y -= lineH
		}
		y -= lineH / 2
	}
}

// wrap breaks s into lines no wider than width as measured: between
// words, and between any two characters of Chinese, which has no spaces.
func wrap(s string, measure func(string) vg.Length, width vg.Length) []string {
	var lines []string
	for _, hard := range strings.Split(s, "\n") {
		var line strings.Builder
		for _, tok := range tokens(hard) {
			try := line.String() + tok
			if line.Len() > 0 && measure(strings.TrimRight(try, " ")) > width {
				lines = append(lines, strings.TrimRight(line.String(), " "))
				line.Reset()
				tok = strings.TrimLeft(tok, " ")
			}
			line.WriteString(tok)
		}
		lines = append(lines, strings.TrimRight(line.String(), " "))
	}
	return lines
}

// tokens splits s where a line may break: after each space-ended word,
// and around each Han character.
func tokens(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		switch {
		case unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Po) && r > 0x3000:
			if start < i {
				out = append(out, s[start:i])
			}
			out = append(out, string(r))
			start = i + len(string(r))
		case r == ' ':
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
