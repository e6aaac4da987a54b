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
	mu sync.Mutex
	m  map[widthKey]vg.Length
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

// keptFace is a font at a size looked up in a cache: its face and its
// extents.
type keptFace struct {
	cache *font.Cache
	fnt   font.Font // with its size
	face  font.Face
	ext   font.Extents
}

// faces are the fonts looked up so far: a figure uses a handful (the
// title's, the axes', the ticks' and the legend's sizes), and every text
// measured looked its font up in gonum/plot's cache (a map keyed by the
// font's names) and its extents up in another, two or three times a
// text (in a profile of the planner's charts a tenth of their CPU time).
// registerFont forgets them when the chart font changes.
var faces struct {
	mu   sync.Mutex
	list []*keptFace // each never changed once kept
	gen  int         // forgetFaces's count: a face looked up before it is not kept
}

// maxFaces bounds the kept faces: dropped all at once past it.
const maxFaces = 32

// face returns fnt at its size, looked up in h.Fonts once.
func (h keptWidths) face(fnt font.Font) *keptFace {
	faces.mu.Lock()
	for _, f := range faces.list {
		if f.fnt.Size == fnt.Size && f.cache == h.Fonts && f.fnt == fnt {
			faces.mu.Unlock()
			return f
		}
	}
	gen := faces.gen
	faces.mu.Unlock()
	face := h.Fonts.Lookup(fnt, fnt.Size)
	f := &keptFace{cache: h.Fonts, fnt: fnt, face: face, ext: face.Extents()}
	faces.mu.Lock()
	if gen == faces.gen {
		if len(faces.list) >= maxFaces {
			faces.list = faces.list[:0]
		}
		faces.list = append(faces.list, f)
	}
	faces.mu.Unlock()
	return f
}

// forgetFaces drops the kept faces: the fonts of the cache changed.
func forgetFaces() {
	faces.mu.Lock()
	faces.list = nil
	faces.gen++
	faces.mu.Unlock()
}

// Extents is text.Plain's Extents, found once per font and size.
func (h keptWidths) Extents(fnt font.Font) font.Extents {
	return h.face(fnt).ext
}

// Box is text.Plain's Box with the width kept.
func (h keptWidths) Box(txt string, fnt font.Font) (w, ht, depth vg.Length) {
	f := h.face(fnt)
	return width(f.face, txt), f.ext.Ascent, f.ext.Descent
}

// Lines is text.Plain's Lines with a text of one line kept: gonum/plot
// splits every text it measures into lines, and most are one line (a
// third of a figure's allocations were these). The lines are shared:
// gonum/plot and Draw only read them.
func (h keptWidths) Lines(txt string) []string {
	txt = strings.TrimRight(txt, "\n")
	if strings.Contains(txt, "\n") {
		return strings.Split(txt, "\n")
	}
	oneLines.mu.Lock()
	l, ok := oneLines.m[txt]
	if !ok {
		if oneLines.m == nil || len(oneLines.m) >= maxWidths {
			oneLines.m = make(map[string][]string, 512)
		}
		l = []string{txt}
		oneLines.m[txt] = l
	}
	oneLines.mu.Unlock()
	return l
}

// oneLines are the texts of one line split so far (Lines).
var oneLines struct {
	mu sync.Mutex
	m  map[string][]string
}

// Draw is text.Plain's Draw (gonum/plot v0.17.0, text/plain.go; BSD
// licence) with the widths kept.
func (h keptWidths) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if len(txt) == 0 {
		return
	}
	kf := h.face(sty.Font)
	fnt := kf.face
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
	pt.Y += ht*vg.Length(sty.YAlign) - kf.ext.Ascent
	for i, line := range lines {
		xoffs := vg.Length(sty.XAlign) * width(fnt, line)
		n := vg.Length(len(lines) - i)
		c.FillString(fnt, pt.Add(vg.Point{X: xoffs, Y: n * sty.Font.Size}), line)
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}
