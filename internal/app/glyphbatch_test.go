package app

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"

	"clvlab/internal/chart"
	"clvlab/internal/vgebiten"
)

// TestChartsSameGlyphs: every chart the planner shows (each tab, the
// optimum on a scenario with response curves, the customers chart with
// the bands of 200 trials), in English and Chinese, at the chart size of
// a 1280×800 window, at ×1 and ×2, comes out the same whether the canvas
// draws each glyph with a DrawImage of its own (as it did before,
// Canvas.EachGlyph) or the glyphs of consecutive texts as quads of one
// drawing call from its glyph texture; and each chart takes fewer drawing
// calls of text.
//
// Not byte for byte: a glyph's own image lies in one of ebiten's shared
// textures with a pixel of transparent padding to its right and below
// only, so a glyph that ebiten put at the top or left edge of that
// texture has its first row or column read again (clamped) where a
// linear sample reaches past it, and comes out a little darker there
// (up to 56 of 255 in a row of a glyph at ×1); the glyph texture pads
// every side. And a sample's position, moved by where the glyph lies in
// its texture, rounds differently in a few pixels (by 1 of 255). Where
// each glyph lies in ebiten's texture cannot be known, so the test holds
// both drawings to the rule for the canvas against the PNG (at
// most 2% of the pixels differ by more than 40 of 255) and, tighter: the
// glyph texture's drawing is nowhere darker than the other by more than
// the rounding (1 of 255). A row read twice adds ink (the charts' text is
// dark on light), so only the other drawing is darker there; a glyph
// misplaced or cut would be darker on one side, lighter on the other. The calls are logged (docs/benchmarks.md).
// With CLVLAB_GLYPH_PNG set to a folder, both images of each chart are
// written there, to look at.
func TestChartsSameGlyphs(t *testing.T) {
	dir := os.Getenv("CLVLAB_GLYPH_PNG")
	drawBothWays(t, func(i int, c *vgebiten.Canvas) {
		c.EachGlyph = i == 0 // a call per glyph, the glyph texture
	}, func(name string, old, now *image.RGBA, nOld, nNow vgebiten.Counts) {
		px, far, most := differPixels(old, now, 40)
		all := old.Bounds().Dx() * old.Bounds().Dy()
		t.Logf("%s: %d pixels differ, %d by more than 40 of 255, at most by %d", name, px, far, most)
		if far*50 > all {
			t.Errorf("%s: %d pixels of %d differ by more than 40 of 255 between a call per glyph and the glyph texture, more than 2%% (%d differ, at most by %d)", name, far, all, px, most)
		}
		if n, x, y := darker(now, old, 1); n > 0 {
			t.Errorf("%s: %d pixels are darker drawn from the glyph texture than a glyph at a time, by more than 1 of 255 (the first at %d, %d)", name, n, x, y)
		}
		t.Logf("%s: drawing calls of text %d → %d (%d glyphs copied into the texture)", name, nOld.Glyphs, nNow.Glyphs, nNow.GlyphCopies)
		if nOld.Glyphs > 1 && nNow.Glyphs >= nOld.Glyphs {
			t.Errorf("%s: %d drawing calls of text, not fewer than a call per glyph (%d)", name, nNow.Glyphs, nOld.Glyphs)
		}
		if dir != "" {
			for i, img := range []*image.RGBA{old, now} {
				f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-%s.png", name, []string{"each", "texture"}[i])))
				if err != nil {
					t.Fatal(err)
				}
				if err := png.Encode(f, img); err != nil {
					t.Fatal(err)
				}
				f.Close()
			}
		}
	})
}

// differPixels counts the pixels that differ between a and b, those with
// a channel that differs by more than by, and the largest difference of a
// channel.
func differPixels(a, b *image.RGBA, by int) (n, far, most int) {
	for i := 0; i+4 <= len(a.Pix); i += 4 {
		d := 0
		for j := range 4 {
			d = max(d, abs(int(a.Pix[i+j])-int(b.Pix[i+j])))
		}
		if d > 0 {
			n++
		}
		if d > by {
			far++
		}
		most = max(most, d)
	}
	return n, far, most
}

// darker counts the pixels with a channel darker in a than in b by more
// than by, and returns the first of them.
func darker(a, b *image.RGBA, by int) (n, x, y int) {
	w := a.Bounds().Dx()
	for i := 0; i+4 <= len(a.Pix); i += 4 {
		for j := range 3 {
			if int(b.Pix[i+j])-int(a.Pix[i+j]) > by {
				if n == 0 {
					x, y = i/4%w, i/4/w
				}
				n++
				break
			}
		}
	}
	return n, x, y
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestGlyphTextureFull: a drawing with more distinct glyphs than the glyph
// texture holds (280 Chinese characters at 30 points, ×2: some 80 × 80
// pixels each, about 150 fit in the 1,024 × 1,024 texture) draws the ones
// that do not fit from their own images, and comes out as a call per
// glyph draws it (by TestChartsSameGlyphs's rules); the next drawing
// starts the texture over and does the same.
func TestGlyphTextureFull(t *testing.T) {
	a, err := New("", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	otf, err := opentype.Parse(chart.FontTTF())
	if err != nil {
		t.Fatal(err)
	}
	face := font.Face{Font: font.Font{Size: 30}, Face: otf}
	var buf sfnt.Buffer
	var lines []string
	var line []rune
	for r := rune(0x4e00); len(lines) < 14 && r < 0x9fff; r++ {
		if i, err := otf.GlyphIndex(&buf, r); err != nil || i == 0 {
			continue
		}
		if line = append(line, r); len(line) == 20 {
			lines, line = append(lines, string(line)), nil
		}
	}
	if len(lines) < 14 {
		t.Fatalf("%d lines of 20 Chinese characters in the chart font, want 14", len(lines))
	}
	size := chart.Size{W: 869, H: 567}
	var canvases [2]vgebiten.Supersampled
	for i := range canvases {
		canvases[i].Canvas.Fonts = func(font.Font) *text.GoTextFaceSource { return a.font }
		canvases[i].Canvas.EachGlyph = i == 0
	}
	texts := func(c *vgebiten.Canvas) {
		c.SetColor(color.White)
		w, h := c.Size()
		c.Fill(vg.Path{{Type: vg.MoveComp}, {Type: vg.LineComp, Pos: vg.Point{X: w}}, {Type: vg.LineComp, Pos: vg.Point{X: w, Y: h}}, {Type: vg.LineComp, Pos: vg.Point{Y: h}}, {Type: vg.CloseComp}})
		c.SetColor(color.Black)
		for i, s := range lines {
			c.FillString(face, vg.Point{X: 4, Y: h - vg.Length(i+1)*30}, s)
		}
	}
	var copies int
	for round := range 2 {
		var imgs [2]*image.RGBA
		var n [2]vgebiten.Counts
		for i := range canvases {
			imgs[i] = image.NewRGBA(image.Rect(0, 0, size.W, size.H))
			inFrame(func(*ebiten.Image) {
				canvases[i].Draw(size.W, size.H, 2, texts).ReadPixels(imgs[i].Pix)
				n[i] = canvases[i].Canvas.Counts()
			})
		}
		px, far, most := differPixels(imgs[0], imgs[1], 40)
		t.Logf("round %d: drawing calls of text %d → %d, %d glyphs copied into the texture; %d pixels differ, %d by more than 40 of 255, at most by %d", round, n[0].Glyphs, n[1].Glyphs, n[1].GlyphCopies, px, far, most)
		if far*50 > size.W*size.H {
			t.Errorf("round %d: %d pixels differ by more than 40 of 255, more than 2%%", round, far)
		}
		if d, x, y := darker(imgs[1], imgs[0], 1); d > 0 {
			t.Errorf("round %d: %d pixels darker from the glyph texture, the first at %d, %d", round, d, x, y)
		}
		if n[0].Glyphs != 280 {
			t.Errorf("round %d: %d drawing calls a glyph at a time, want 280 (a call per glyph)", round, n[0].Glyphs)
		}
		// Some glyphs fit (copied once each), the rest are drawn a call each.
		if c := n[1].GlyphCopies; c == 0 || c >= 280 || n[1].Glyphs < 280-c || n[1].Glyphs >= 280 {
			t.Errorf("round %d: %d glyphs copied into the texture and %d drawing calls of text, want some copied and a call for each of the rest", round, c, n[1].Glyphs)
		}
		if round == 1 && n[1].GlyphCopies != copies {
			t.Errorf("the texture did not start over: %d glyphs copied in the second drawing, %d in the first", n[1].GlyphCopies, copies)
		}
		copies = n[1].GlyphCopies
	}
}
