package chart

import (
	"math"
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// keptWidths is gonum/plot's plain text handler (text.Plain) with the
// width of each text it measured kept: building a chart measures the same
// tick labels, legends and titles many times (padding, glyph boxes, the
// legend's columns, drawing), and a width costs a glyph lookup and a kern
// lookup per character (in a profile of the planner's redraw about half of
// gonum/plot's CPU time). The widths are the same numbers text.Plain
// computes, so every chart and file draws as before.
type keptWidths struct{ text.Plain }

var _ text.Handler = keptWidths{}

func init() {
	plot.DefaultTextHandler = keptWidths{text.Plain{Fonts: font.DefaultCache}}
}

// widthKey names a text's width: the parsed face (a new font, after a
// language change, is another key), its size and the text.
type widthKey struct {
	face *sfnt.Font
	size vg.Length
	s    string
}

// widths are the widths measured so far, shared by the goroutines that
// build charts.
var widths struct {
	mu  sync.Mutex
	m   map[widthKey]vg.Length
	ext map[widthKey]font.Extents
}

// maxWidths bounds the kept widths: the texts of values gone by are
// dropped all at once past it.
const maxWidths = 8192

// width returns f.Width(s), measured once.
func width(f font.Face, s string) vg.Length {
	k := widthKey{f.Face, f.Font.Size, s}
	widths.mu.Lock()
	w, ok := widths.m[k]
	widths.mu.Unlock()
	if ok {
		return w
	}
	w = f.Width(s)
	widths.mu.Lock()
	if widths.m == nil || len(widths.m) >= maxWidths {
		widths.m = make(map[widthKey]vg.Length, 512)
	}
	widths.m[k] = w
	widths.mu.Unlock()
	return w
}

// extents returns f.Extents(), found once per face and size.
func extents(f font.Face) font.Extents {
	k := widthKey{face: f.Face, size: f.Font.Size}
	widths.mu.Lock()
	e, ok := widths.ext[k]
	widths.mu.Unlock()
	if ok {
		return e
	}
	e = f.Extents()
	widths.mu.Lock()
	if widths.ext == nil || len(widths.ext) >= 64 {
		widths.ext = make(map[widthKey]font.Extents, 16)
	}
	widths.ext[k] = e
	widths.mu.Unlock()
	return e
}

// Extents is text.Plain's Extents, found once per face and size.
func (h keptWidths) Extents(fnt font.Font) font.Extents {
	return extents(h.Fonts.Lookup(fnt, fnt.Size))
}

// Box is text.Plain's Box with the width kept.
func (h keptWidths) Box(txt string, fnt font.Font) (w, ht, depth vg.Length) {
	face := h.Fonts.Lookup(fnt, fnt.Size)
	ext := extents(face)
	return width(face, txt), ext.Ascent, ext.Descent
}

// Draw is text.Plain's Draw (gonum/plot v0.17.0, text/plain.go; BSD
// licence) with the widths kept.
func (h keptWidths) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if len(txt) == 0 {
		return
	}
	fnt := h.Fonts.Lookup(sty.Font, sty.Font.Size)
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
	}
	sin64, cos64 := math.Sincos(sty.Rotation)
	cos := vg.Length(cos64)
	sin := vg.Length(sin64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin
	lines := h.Lines(txt)
	ht := sty.Height(txt)
	pt.Y += ht*vg.Length(sty.YAlign) - extents(fnt).Ascent
	for i, line := range lines {
		xoffs := vg.Length(sty.XAlign) * width(fnt, line)
		n := vg.Length(len(lines) - i)
		c.FillString(fnt, pt.Add(vg.Point{X: xoffs, Y: n * sty.Font.Size}), line)
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}
