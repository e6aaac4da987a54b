package vgebiten

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"testing"

	"gonum.org/v1/plot/font"
)

// groundScenes are drawings on a white ground, as charts are: the mixed
// scene (transforms, dashes, a curve, text, an image), the translucent
// paths through the mask, a sparse one (a diagonal across the image and a
// word), a dense one (bars all over, then a white box over them) and a
// white ground only.
func groundScenes(face font.Face) []func(c *Canvas) {
	ground := func(c *Canvas) {
		w, h := c.Size()
		c.SetColor(color.White)
		c.Fill(box(0, 0, float64(w), float64(h)))
	}
	return []func(c *Canvas){
		func(c *Canvas) { ground(c); scene(c, face) },
		func(c *Canvas) { ground(c); translucentPaths(c) },
		func(c *Canvas) {
			ground(c)
			c.SetColor(color.RGBA{0xcc, 0x79, 0xa7, 0xff})
			c.SetLineWidth(2)
			c.Stroke(polyline(5, 5, 470, 295))
			c.SetColor(color.Black)
			c.FillString(face, pt(300, 40), "Sparse")
		},
		func(c *Canvas) {
			ground(c)
			for i := range 12 {
				c.SetColor(color.RGBA{uint8(20 * i), 0x60, 0xa0, 0xff})
				c.Fill(box(float64(40*i), 0, float64(40*i+35), 60+20*float64(i)))
			}
			c.SetColor(color.White)
			c.Fill(box(100, 100, 300, 200))
		},
		ground,
	}
}

// TestGroundKeepsLastDrawing: a drawing after another into the same
// image, filling its white ground only in the tiles the one before drew
// into, comes out byte for byte as the same drawing into a fresh image,
// for every ordered pair of the scenes (each after itself too), at ×1 and
// ×2; and it painted fewer ground pixels than a whole fill, less than a
// quarter after the sparse scene, none after the white ground alone.
func TestGroundKeepsLastDrawing(t *testing.T) {
	otf, fonts := goRegular(t)
	face := font.Face{Font: font.Font{Size: 11}, Face: otf}
	scenes := groundScenes(face)
	const w, h = 640, 400
	for _, factor := range []int{1, 2} {
		fresh := make([]*image.RGBA, len(scenes))
		for i, f := range scenes {
			fresh[i], _ = drawCounted(w, h, factor, func(c *Canvas) { c.Fonts = fonts }, f)
		}
		whole := factor * factor * w * h
		var s Supersampled
		s.Canvas.Fonts = fonts
		for i, before := range scenes {
			for j, f := range scenes {
				img := image.NewRGBA(image.Rect(0, 0, w, h))
				var n Counts
				inFrame(func() {
					s.Draw(w, h, factor, before)
					s.Draw(w, h, factor, f).ReadPixels(img.Pix)
					n = s.Canvas.Counts()
				})
				name := fmt.Sprintf("x%d: scene %d after scene %d", factor, j, i)
				samePixels(t, name, img, fresh[j])
				switch {
				case i == len(scenes)-1 && n.GroundPixels != 0:
					t.Errorf("%s: %d ground pixels painted over an image all white", name, n.GroundPixels)
				case i == 2 && n.GroundPixels >= whole/4:
					t.Errorf("%s: %d ground pixels painted after a diagonal and a word, not less than a quarter of the whole image's %d", name, n.GroundPixels, whole)
				case n.GroundPixels >= whole:
					t.Errorf("%s: %d ground pixels painted, not fewer than the whole image's %d", name, n.GroundPixels, whole)
				}
				if j == 0 {
					t.Logf("%s: %d ground pixels of %d", name, n.GroundPixels, whole)
				}
			}
		}
		inFrame(func() { s.Image().Deallocate() })
	}
}

// TestGroundFillsWholeWhenUnsure: the image is filled whole, and comes out
// as a fresh drawing, when the image was drawn into between the drawings
// (Supersampled.Clear; a Reset onto it drawn without clearFirst), its size
// changed, the factor changed, or the ground's colour is another.
func TestGroundFillsWholeWhenUnsure(t *testing.T) {
	const w, h = 320, 160
	bars := func(c *Canvas) {
		c.SetColor(color.White)
		c.Fill(box(0, 0, 240, 120))
		c.SetColor(color.RGBA{0x00, 0x72, 0xb2, 0xff})
		c.Fill(box(20, 20, 60, 100))
	}
	yellow := func(c *Canvas) {
		c.SetColor(color.RGBA{0xf0, 0xe4, 0x42, 0xff})
		c.Fill(box(0, 0, 240, 120))
	}
	for _, tc := range []struct {
		name    string
		between func(s *Supersampled)
		w       int
		factor  int
		first   func(c *Canvas)
	}{
		{"cleared", func(s *Supersampled) { s.Clear() }, w, 1, bars}, // at ×2 the canvas draws into its offscreen, not the kept image
		{"drawn into after a Reset", func(s *Supersampled) {
			c, dst, ppp := &s.Canvas, s.img, 96.0/72
			if s.hi != nil {
				dst, ppp = s.hi, 2*ppp
			}
			c.Reset(dst, 240, 120, ppp)
			c.SetColor(color.Black)
			c.Fill(box(150, 60, 200, 100))
			c.Flush()
		}, w, 1, bars},
		{"another size", func(*Supersampled) {}, w + 16, 1, bars},
		{"another factor", func(*Supersampled) {}, w, 2, bars},
		{"another colour", func(*Supersampled) {}, w, 1, yellow},
	} {
		for _, factor := range []int{1, 2} {
			if tc.factor == 2 && factor == 2 {
				continue
			}
			f := factor
			if tc.factor == 2 {
				f = 2
			}
			want, _ := drawCounted(tc.w, h, f, func(*Canvas) {}, bars)
			img := image.NewRGBA(image.Rect(0, 0, tc.w, h))
			var n Counts
			inFrame(func() {
				var s Supersampled
				s.Draw(w, h, factor, tc.first)
				tc.between(&s)
				s.Draw(tc.w, h, f, bars).ReadPixels(img.Pix)
				n = s.Canvas.Counts()
			})
			name := fmt.Sprintf("%s, x%d", tc.name, factor)
			samePixels(t, name, img, want)
			if whole := f * f * tc.w * h; n.GroundPixels != whole && (tc.name != "cleared" || f == 1) {
				t.Errorf("%s: %d ground pixels, want the whole image's %d", name, n.GroundPixels, whole)
			}
		}
	}
}

// TestTilesHoldWhatWasDrawn: after each scene, every pixel of the image
// that is not the white ground lies in a tile the record marked (a record
// that misses a drawn tile fails here), at ×1 and ×2; and a diagonal
// across the image marks a band of tiles, not its bounding box.
func TestTilesHoldWhatWasDrawn(t *testing.T) {
	otf, fonts := goRegular(t)
	face := font.Face{Font: font.Font{Size: 11}, Face: otf}
	const w, h = 640, 400
	for _, factor := range []int{1, 2} {
		for k, f := range groundScenes(face) {
			var s Supersampled
			s.Canvas.Fonts = fonts
			var img *image.RGBA
			var rec tileSet
			inFrame(func() {
				s.Draw(w, h, factor, f)
				dst := s.img
				if factor == 2 {
					dst = s.hi
				}
				b := dst.Bounds()
				img = image.NewRGBA(b)
				dst.ReadPixels(img.Pix)
				rec = s.Canvas.ground.last.drawn
				rec.on = append([]bool(nil), rec.on...)
				if !s.Canvas.ground.last.ok || s.Canvas.ground.last.img != dst {
					t.Errorf("x%d scene %d: no record kept of the image", factor, k)
				}
			})
			missed, marked := 0, 0
			for _, on := range rec.on {
				if on {
					marked++
				}
			}
			b := img.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					if img.RGBAAt(x, y) == (color.RGBA{0xff, 0xff, 0xff, 0xff}) {
						continue
					}
					if !rec.on[(y/tileSize)*rec.cols+x/tileSize] {
						if missed < 4 {
							t.Errorf("x%d scene %d: pixel (%d, %d) is %v, in tile (%d, %d) the record does not mark", factor, k, x, y, img.RGBAAt(x, y), x/tileSize, y/tileSize)
						}
						missed++
					}
				}
			}
			if k == 2 { // the diagonal: a band
				if share := float64(marked) / float64(len(rec.on)); share > 0.25 {
					t.Errorf("x%d: a diagonal and a word mark %.0f%% of the tiles, want a band (at most 25%%)", factor, 100*share)
				}
			}
			t.Logf("x%d scene %d: %d of %d tiles marked", factor, k, marked, len(rec.on))
		}
	}
}

// TestTileRects: the rectangles of a tile set are disjoint, cover exactly
// the marked tiles within the bounds, and join runs of the same columns
// on rows one under another.
func TestTileRects(t *testing.T) {
	var ts tileSet
	ts.reset(image.Rect(10, 20, 10+5*tileSize+3, 20+4*tileSize)) // a partial last column
	for _, r := range []image.Rectangle{
		image.Rect(10, 20, 11, 21),                                       // tile (0, 0)
		image.Rect(10+tileSize, 20, 10+3*tileSize, 20+3*tileSize),        // tiles (1–2, 0–2)
		image.Rect(10+5*tileSize, 20+2*tileSize, 10+5*tileSize+1, 20+70), // tiles (5, 2–4)
	} {
		ts.markRect(r)
	}
	rs := ts.rects(nil)
	want := []image.Rectangle{
		image.Rect(10, 20, 10+3*tileSize, 20+tileSize), // row 0: tiles 0–2 one run
		image.Rect(10+tileSize, 20+tileSize, 10+3*tileSize, 20+3*tileSize),
		image.Rect(10+5*tileSize, 20+2*tileSize, 10+5*tileSize+3, 20+4*tileSize),
	}
	if fmt.Sprint(rs) != fmt.Sprint(want) {
		t.Errorf("rects %v, want %v", rs, want)
	}
	for y := 20; y < 20+4*tileSize; y++ {
		for x := 10; x < 10+5*tileSize+3; x++ {
			in := 0
			for _, r := range rs {
				if image.Pt(x, y).In(r) {
					in++
				}
			}
			marked := ts.on[((y-20)/tileSize)*ts.cols+(x-10)/tileSize]
			if marked && in != 1 || !marked && in != 0 {
				t.Fatalf("pixel (%d, %d): in %d rectangles, its tile marked %v", x, y, in, marked)
			}
		}
	}
}

// TestMarkLinesFarOff: a line from far off the image marks only the tiles
// it crosses on the image, without overflowing.
func TestMarkLinesFarOff(t *testing.T) {
	var ts tileSet
	ts.reset(image.Rect(0, 0, 160, 160))
	ts.markLines(line(false, point{-1e30, 80}, point{1e30, 80}), 2, false)
	for i, on := range ts.on {
		if want := i/ts.cols == 80/tileSize || i/ts.cols == 80/tileSize-1; on != want {
			t.Errorf("tile %d: marked %v, want %v", i, on, want)
		}
	}
	ts.reset(image.Rect(0, 0, 160, 160))
	ts.markLines(line(false, point{float32(math.Inf(-1)), 5}, point{3, 5}), 2, false)
	for i, on := range ts.on {
		if want := i%ts.cols == 0; on != want { // not known where: the whole of the columns it reaches
			t.Errorf("a line from infinitely far: tile %d marked %v, want %v", i, on, want)
		}
	}
}
