package app

import (
	"image/color"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// TestFinalScreenIsTheFrame: the copy onto the window's (cleared,
// transparent) screen gives the frame's pixels exactly, at scale 1 with
// an offset and at a whole scale 2, as ebiten's own source-over copy
// does; at 1.5 (ebiten's screen filter) every pixel of a one-colour
// frame keeps its colour.
func TestFinalScreenIsTheFrame(t *testing.T) {
	a, frame := newApp(t, 320, 200)
	want := make([]byte, 4*320*200)
	inFrame(func(*ebiten.Image) { frame.ReadPixels(want) })
	at := func(pix []byte, w, x, y int) [4]byte {
		i := 4 * (y*w + x)
		return [4]byte{pix[i], pix[i+1], pix[i+2], pix[i+3]}
	}
	for _, c := range []struct {
		scale, dx, dy float64
		w, h          int
	}{{1, 0, 0, 320, 200}, {1, 7, 3, 330, 210}, {2, 0, 0, 640, 400}} {
		got := make([]byte, 4*c.w*c.h)
		inFrame(func(*ebiten.Image) {
			screen := ebiten.NewImage(c.w, c.h)
			var g ebiten.GeoM
			g.Scale(c.scale, c.scale)
			g.Translate(c.dx, c.dy)
			a.DrawFinalScreen(screen, frame, g)
			screen.ReadPixels(got)
		})
		for y := range c.h {
			for x := range c.w {
				sx, sy := (float64(x)-c.dx)/c.scale, (float64(y)-c.dy)/c.scale
				var w [4]byte // outside the frame: the cleared screen
				if sx >= 0 && sy >= 0 && sx < 320 && sy < 200 {
					w = at(want, 320, int(sx), int(sy))
				}
				if g := at(got, c.w, x, y); g != w {
					t.Fatalf("scale %v offset %v,%v: pixel %d,%d is %v, the frame's is %v", c.scale, c.dx, c.dy, x, y, g, w)
				}
			}
		}
	}
	// 1.5: the filter blends neighbours of one colour into that colour.
	got := make([]byte, 4*480*300)
	inFrame(func(*ebiten.Image) {
		flat := ebiten.NewImage(320, 200)
		flat.Fill(color.RGBA{40, 90, 200, 255})
		screen := ebiten.NewImage(480, 300)
		var g ebiten.GeoM
		g.Scale(1.5, 1.5)
		a.DrawFinalScreen(screen, flat, g)
		screen.ReadPixels(got)
	})
	if a.finalScreen.err != nil {
		t.Fatalf("the screen filter did not compile: %v", a.finalScreen.err)
	}
	for y := 1; y < 299; y++ {
		for x := 1; x < 479; x++ {
			if g := at(got, 480, x, y); g != [4]byte{40, 90, 200, 255} {
				t.Fatalf("scale 1.5: pixel %d,%d is %v, want the frame's one colour", x, y, g)
			}
		}
	}
}
