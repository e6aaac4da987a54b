package chart

import (
	_ "embed"
	"strings"
	"sync"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
)

// notoSansSC is a subset of Noto Sans CJK SC Regular (TrueType outlines,
// see font/README.md): ASCII, CJK
// punctuation and the 3,755 GB2312 level-1 hanzi (font/OFL.txt).
//
//go:embed font/NotoSansSC-gb2312l1.ttf
var notoSansSC []byte

// chartFont names the embedded font in gonum/plot's font cache.
var chartFont = font.Font{Typeface: "NotoSansSC"}

var registerFont = sync.OnceValue(func() error {
	f, err := opentype.Parse(notoSansSC)
	if err != nil {
		return err
	}
	font.DefaultCache.Add(font.Collection{{Font: chartFont, Face: f}})
	return nil
})

// substitutes stand in for characters the font lacks.
var substitutes = map[rune]string{
	'×': "x", '·': "-", '–': "-", '—': "-", '−': "-", '≥': ">=", '≤': "<=", '→': "->",
	'…': "...", '“': "\"", '”': "\"", '‘': "'", '’': "'", '²': "^2", '³': "^3", '⁻': "^-", '¹': "^1",
}

var glyphFont = sync.OnceValue(func() *sfnt.Font {
	f, err := sfnt.Parse(notoSansSC)
	if err != nil {
		return nil
	}
	return f
})

// Printable returns s with every character the chart font (FontTTF)
// cannot draw replaced by a look-alike ("–" by "-", "×" by "x"), or by
// "?"; s itself when the font draws all of it. The app passes its
// composed lines through it too, since it draws with the same font.
func Printable(s string) string {
	f := glyphFont()
	if f == nil {
		return s
	}
	var buf sfnt.Buffer
	var b strings.Builder
	changed := false
	for _, r := range s {
		if r == '\n' {
			b.WriteRune(r)
			continue
		}
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			b.WriteRune(r)
			continue
		}
		changed = true
		if sub, ok := substitutes[r]; ok {
			b.WriteString(sub)
		} else {
			b.WriteByte('?')
		}
	}
	if !changed {
		return s
	}
	return b.String()
}

// FontTTF returns the embedded chart font (TrueType), for the app's own
// text so that one copy of the font serves both.
func FontTTF() []byte { return notoSansSC }
