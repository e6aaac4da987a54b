package chart

import (
	"image"
	"image/draw"
	"os"
	"strings"
	"testing"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// readFace parses a font file of font/.
func readFace(t *testing.T, name string) (*sfnt.Font, []byte) {
	t.Helper()
	b, err := os.ReadFile("font/" + name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := opentype.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return f, b
}

// TestLatinFaceIsTheWholeFaceWithoutHanzi: the browser's Latin face maps
// every character the whole face has outside the CJK ideographs
// (U+4E00–U+9FFF), and no hanzi but 中 and 文 (the English screen's
// language button says 中文), so Printable gives an English text the same
// in the browser as natively.
func TestLatinFaceIsTheWholeFaceWithoutHanzi(t *testing.T) {
	whole, _ := readFace(t, "NotoSansSC-gb2312l1.ttf")
	latin, _ := readFace(t, "NotoSansSC-latin.ttf")
	var bw, bl sfnt.Buffer
	n := 0
	for r := rune(0); r < 0x10000; r++ {
		gw, _ := whole.GlyphIndex(&bw, r)
		gl, _ := latin.GlyphIndex(&bl, r)
		han := r >= 0x4e00 && r <= 0x9fff && r != '中' && r != '文'
		switch {
		case han && gl != 0:
			t.Errorf("the Latin face has %q", r)
		case !han && (gw != 0) != (gl != 0):
			t.Errorf("%q: in the whole face %v, in the Latin face %v", r, gw != 0, gl != 0)
		case !han && gl != 0:
			n++
		}
	}
	if n < 95 { // ASCII's printable characters at least
		t.Errorf("the Latin face maps %d characters", n)
	}
}

// TestLatinFaceDrawsLikeTheWholeFace: English text drawn with the Latin
// face is the same, pixel for pixel, as drawn with the whole face (same
// outlines, advances, kerning and vertical metrics), at the sizes the
// charts and the app use.
func TestLatinFaceDrawsLikeTheWholeFace(t *testing.T) {
	whole, _ := readFace(t, "NotoSansSC-gb2312l1.ttf")
	latin, _ := readFace(t, "NotoSansSC-latin.ttf")
	const text = "中文 Customer equity (USD, thousands) 0.35 -> 1,234.5%  AVTWay fi ffl [x] {y} ¥ · — ‘q’ “Q” …"
	for _, size := range []float64{9, 11, 13.5, 16, 24} {
		draw := func(f *sfnt.Font) *image.Gray {
			face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 96, Hinting: xfont.HintingNone})
			if err != nil {
				t.Fatal(err)
			}
			img := image.NewGray(image.Rect(0, 0, 1400, 60))
			d := xfont.Drawer{Dst: img, Src: image.White, Face: face, Dot: fixed.P(4, 40)}
			d.DrawString(text)
			m := face.Metrics()
			// The line metrics go into the image too, as rows of pixels.
			for i, v := range []fixed.Int26_6{m.Ascent, m.Descent, m.Height, d.Dot.X} {
				draw.Draw(img, image.Rect(0, 50+i, v.Round()%1400, 51+i), image.White, image.Point{}, draw.Src)
			}
			return img
		}
		a, b := draw(whole), draw(latin)
		diff, ink := 0, 0
		for i := range a.Pix {
			if a.Pix[i] != b.Pix[i] {
				diff++
			}
			if a.Pix[i] != 0 {
				ink++
			}
		}
		if ink < 500 {
			t.Fatalf("size %v: the text drew %d pixels", size, ink)
		}
		if diff != 0 {
			t.Errorf("size %v: %d pixels differ between the whole face and the Latin face", size, diff)
		}
	}
}

// TestSetChineseFontRefusesWhatIsNotTheWholeFace: data that is not a font,
// or a font without hanzi, is refused with a message that says what to
// do, and the chart font stays as it was.
func TestSetChineseFontRefusesWhatIsNotTheWholeFace(t *testing.T) {
	_, latin := readFace(t, "NotoSansSC-latin.ttf")
	v, ttf := fontVersion(), FontTTF()
	for name, data := range map[string][]byte{"junk": []byte("<html>404</html>"), "latin": latin, "empty": nil} {
		err := SetChineseFont(data)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if want := "make wasm"; !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %q does not say %q", name, err, want)
		}
	}
	if fontVersion() != v || len(FontTTF()) != len(ttf) || !HasChinese() {
		t.Errorf("a refused font changed the chart font")
	}
}

// fontVersion counts the changes of the chart font: 0 at start, 1 once the
// browser has the Chinese face.
func fontVersion() int {
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	return fonts.version
}
