package chart

import (
	"errors"
	"strings"
	"sync"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
)

// The chart font is Noto Sans CJK SC Regular cut to the project's subsets
// (TrueType outlines, see font/README.md; licence font/OFL.txt): the whole
// face has ASCII, punctuation, the formulas' signs, superscripts and Greek
// and the 3,755 GB2312 level-1 hanzi (2.1 MB), the Latin face the same
// glyphs without the hanzi (42 KB). Native builds
// embed the whole face (font_whole.go); the browser build embeds the Latin
// face (font_latin.go) and gets the whole one from the page, fetched as its
// own file (ChineseFontFile) only when Chinese is shown, through
// SetChineseFont. The Latin glyphs of both are the same, so English text
// looks the same whichever face draws it.

// ChineseFontFile is the name under which the page serves the whole face
// (`make wasm` copies it there) for SetChineseFont.
const ChineseFontFile = "font-zh.ttf"

// chartFont names the chart font in gonum/plot's font cache.
var chartFont = font.Font{Typeface: "NotoSansSC"}

// fonts is the chart font now: its data, whether it has the hanzi, how
// many times it changed, and the data parsed (lazily, once per change).
var fonts = struct {
	mu         sync.Mutex
	ttf        []byte
	chinese    bool
	version    int
	parsed     *sfnt.Font
	registered int // the version in gonum/plot's cache, or −1
}{ttf: startFont, chinese: startChinese, registered: -1}

// FontTTF returns the chart font's TrueType data, for text the app draws
// itself (ebiten's text/v2) and the file canvases' outlines: the whole face
// in native builds; in the browser the Latin face until SetChineseFont gives
// the whole one. What is made from it is made again when the font
// changes (SetChineseFont).
func FontTTF() []byte {
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	return fonts.ttf
}

// HasChinese reports whether the chart font draws Chinese (the hanzi of
// GB2312 level 1).
func HasChinese() bool {
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	return fonts.chinese
}

// SetChineseFont makes ttf, the whole face (ChineseFontFile) that the page
// fetched, the chart font. It refuses data that is not a font with the
// hanzi, and keeps the font it has.
func SetChineseFont(ttf []byte) error {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return errors.New("the Chinese font file is not a font (" + err.Error() + "); rebuild the page with `make wasm`")
	}
	var buf sfnt.Buffer
	if g, err := f.GlyphIndex(&buf, '价'); err != nil || g == 0 {
		return errors.New("the Chinese font file has no Chinese; rebuild the page with `make wasm`")
	}
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	fonts.ttf, fonts.chinese, fonts.parsed = ttf, true, f
	fonts.version++
	return nil
}

// parsedFont returns the chart font parsed, parsing it on first use.
func parsedFont() (*sfnt.Font, int, error) {
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	if fonts.parsed == nil {
		f, err := opentype.Parse(fonts.ttf)
		if err != nil {
			return nil, 0, err
		}
		fonts.parsed = f
	}
	return fonts.parsed, fonts.version, nil
}

// registerFont puts the chart font into gonum/plot's font cache (again
// when it changed) before a chart is built.
func registerFont() error {
	f, version, err := parsedFont()
	if err != nil {
		return err
	}
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	if fonts.registered != version {
		font.DefaultCache.Add(font.Collection{{Font: chartFont, Face: f}})
		forgetFaces() // the texts' faces (textwidth.go) were the font before
		fonts.registered = version
	}
	return nil
}

// Printable returns s with every character the chart font (FontTTF)
// cannot draw replaced by "?"; s itself when the font draws all of it.
// The font has every character of the app's and the charts' own texts,
// the formulas' τ, Σ, ∞, − and ⁻¹ among them (TestEveryTextHasGlyphs in
// internal/app): what it lacks comes from a user's file (a scenario's
// name). The app passes its composed lines through it too, since it
// draws with the same font.
func Printable(s string) string {
	f, _, err := parsedFont()
	if err != nil {
		return s
	}
	glyphs.mu.Lock()
	defer glyphs.mu.Unlock()
	first := -1
	for i, r := range s {
		if r != '\n' && !glyphs.has(f, r) {
			first = i
			break
		}
	}
	if first < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:first])
	for _, r := range s[first:] {
		if r == '\n' || glyphs.has(f, r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}

// glyphs is Printable's scratch buffer for the font's glyph lookups, kept
// so that a frame's texts, all printable, cost no allocation.
var glyphs glyphLookup

type glyphLookup struct {
	mu  sync.Mutex
	buf sfnt.Buffer
}

// has reports whether f has a glyph for r; hold g.mu.
func (g *glyphLookup) has(f *sfnt.Font, r rune) bool {
	i, err := f.GlyphIndex(&g.buf, r)
	return err == nil && i != 0
}
