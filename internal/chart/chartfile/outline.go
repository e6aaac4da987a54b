package chartfile

import (
	"io"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	plotfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"

	"clvlab/internal/chart"
)

// glyphFont is the chart font (chart.FontTTF) parsed for its outlines;
// nil if it cannot be parsed.
var glyphFont = sync.OnceValue(func() *sfnt.Font {
	f, err := sfnt.Parse(chart.FontTTF())
	if err != nil {
		return nil
	}
	return f
})

// fileCanvas is a vector canvas that writes a file.
type fileCanvas interface {
	vg.Canvas
	vg.CanvasSizer
	io.WriterTo
}

// outlined wraps a vector canvas (PDF, SVG) to draw text as filled glyph
// outlines. gonum/plot's PDF backend embeds fonts only with an 8-bit code
// page, which has no Chinese, and SVG text would need the font on the
// reader's machine; outlines draw any glyph the chart font has, anywhere,
// and keep the files small because no font is embedded.
type outlined struct {
	fileCanvas
	buf sfnt.Buffer
}

// FillString draws s with its baseline starting at pt, as vg.Canvas asks.
func (c *outlined) FillString(f plotfont.Face, pt vg.Point, s string) {
	sf := glyphFont()
	if sf == nil {
		return
	}
	ppem := fixed.Int26_6(float64(f.Font.Size) * 64) // sizes in points, as the canvas
	x := pt.X
	prev, hasPrev := sfnt.GlyphIndex(0), false
	for _, r := range s {
		g, err := sf.GlyphIndex(&c.buf, r)
		if err != nil || g == 0 {
			continue
		}
		if hasPrev {
			if k, err := sf.Kern(&c.buf, prev, g, ppem, font.HintingNone); err == nil {
				x += vg.Length(k) / 64
			}
		}
		segs, err := sf.LoadGlyph(&c.buf, g, ppem, nil)
		if err != nil {
			continue
		}
		if len(segs) > 0 {
			c.Fill(glyphPath(segs, x, pt.Y))
		}
		if adv, err := sf.GlyphAdvance(&c.buf, g, ppem, font.HintingNone); err == nil {
			x += vg.Length(adv) / 64
		}
		prev, hasPrev = g, true
	}
}

// glyphPath turns glyph segments (26.6 units, y pointing down) into a path
// with its origin at (x, y), y pointing up.
func glyphPath(segs sfnt.Segments, x, y vg.Length) vg.Path {
	pt := func(p fixed.Point26_6) vg.Point {
		return vg.Point{X: x + vg.Length(p.X)/64, Y: y - vg.Length(p.Y)/64}
	}
	var path vg.Path
	open := false
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if open {
				path.Close()
			}
			path.Move(pt(s.Args[0]))
			open = true
		case sfnt.SegmentOpLineTo:
			path.Line(pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			path.QuadTo(pt(s.Args[0]), pt(s.Args[1]))
		case sfnt.SegmentOpCubeTo:
			path.CubeTo(pt(s.Args[0]), pt(s.Args[1]), pt(s.Args[2]))
		}
	}
	if open {
		path.Close()
	}
	return path
}
