package vgebiten

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// differShare returns the share of pixels of a and b that differ by more
// than slack of 255 in a channel.
func differShare(a, b image.Image, slack int) float64 {
	r := a.Bounds()
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			for _, d := range [3]int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
				if d > slack || d < -slack {
					n++
					break
				}
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

// inked returns the share of pixels that are not near white.
func inked(img image.Image) float64 {
	r := img.Bounds()
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); r+g+b < 3*0xe000 {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

func pt(x, y float64) vg.Point { return vg.Point{X: vg.Length(x), Y: vg.Length(y)} }

// scene draws a bit of everything a chart asks of a canvas: transformed
// and translucent fills, dashed and curved strokes, arcs, turned text and
// an image.
func scene(c vg.Canvas, face font.Face) {
	vg.Initialize(c)
	c.Push()
	c.Translate(pt(60, 40))
	c.Rotate(0.3)
	c.Scale(1.5, 1)
	c.SetColor(color.RGBA{0x00, 0x72, 0xb2, 0xff})
	c.Fill(vg.Path{{Type: vg.MoveComp, Pos: pt(0, 0)}, {Type: vg.LineComp, Pos: pt(40, 0)}, {Type: vg.LineComp, Pos: pt(40, 30)}, {Type: vg.LineComp, Pos: pt(0, 30)}, {Type: vg.CloseComp}})
	c.SetColor(color.Black)
	c.SetLineWidth(2)
	c.SetLineDash([]vg.Length{6, 3}, 0)
	c.Stroke(vg.Path{{Type: vg.MoveComp, Pos: pt(-10, -10)}, {Type: vg.LineComp, Pos: pt(60, -10)}, {Type: vg.LineComp, Pos: pt(60, 50)}})
	c.Pop()
	// Translucent overlapping fill: painted once where its parts overlap.
	c.SetColor(color.NRGBA{0xd5, 0x5e, 0x00, 0x60})
	c.Fill(vg.Path{{Type: vg.MoveComp, Pos: pt(150, 20)}, {Type: vg.LineComp, Pos: pt(230, 20)}, {Type: vg.LineComp, Pos: pt(200, 90)}, {Type: vg.LineComp, Pos: pt(190, 40)}, {Type: vg.LineComp, Pos: pt(160, 100)}, {Type: vg.CloseComp}})
	// A disc and a ring.
	c.SetColor(color.RGBA{0x00, 0x9e, 0x73, 0xff})
	c.Fill(vg.Path{{Type: vg.MoveComp, Pos: pt(290, 60)}, {Type: vg.ArcComp, Pos: pt(270, 60), Radius: 20, Angle: 2 * math.Pi}, {Type: vg.CloseComp}})
	c.SetColor(color.Black)
	c.SetLineWidth(1.5)
	c.SetLineDash(nil, 0)
	c.Stroke(vg.Path{{Type: vg.MoveComp, Pos: pt(290, 110)}, {Type: vg.ArcComp, Pos: pt(270, 110), Radius: 20, Angle: 2 * math.Pi}, {Type: vg.CloseComp}})
	// A curve.
	c.SetLineWidth(2.5)
	c.Stroke(vg.Path{{Type: vg.MoveComp, Pos: pt(20, 120)}, {Type: vg.CurveComp, Pos: pt(200, 130), Control: []vg.Point{pt(60, 200), pt(150, 60)}}})
	// Text, level and turned.
	c.FillString(face, pt(20, 150), "Level text 12.5%")
	c.Push()
	c.Translate(pt(330, 20))
	c.Rotate(math.Pi / 2)
	c.FillString(face, pt(0, 0), "Turned text")
	c.Pop()
	// An image, scaled up with bilinear sampling.
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := range 16 {
		img.Set(i%4, i/4, color.RGBA{uint8(60 * (i % 4)), 0x80, uint8(60 * (i / 4)), 0xff})
	}
	c.DrawImage(vg.Rectangle{Min: pt(120, 110), Max: pt(180, 170)}, img)
}

// TestSceneDrawsAsPNG: the scene drawn by the GPU canvas, anti-aliased,
// looks as gonum/plot's PNG canvas draws it (at most 2% of the pixels
// differ by more than 40 of 255 in a channel), and it is not blank.
func TestSceneDrawsAsPNG(t *testing.T) {
	otf, fonts := goRegular(t)
	face := font.Face{Font: font.Font{Size: 11}, Face: otf}
	want := pngDraw(480, 240, func(c vg.Canvas) { scene(c, face) })
	got := gpuDraw(480, 240, 2, fonts, func(c *Canvas) { scene(c, face) })
	keep("scene-gpu", got)
	keep("scene-png", want)
	if ink := inked(got); ink < 0.1 {
		t.Fatalf("only %.1f%% of the scene is drawn", 100*ink)
	}
	if share := differShare(got, want, 40); share > 0.02 {
		t.Errorf("%.2f%% of the pixels differ from the PNG canvas's by more than 40", 100*share)
	} else {
		t.Logf("%.2f%% of the pixels differ by more than 40", 100*share)
	}
}

// wavy returns a closed wavy ring of n points (not convex) about (cx, cy).
func wavy(n int, cx, cy float64) vg.Path {
	p := make(vg.Path, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		r := 70 + 15*math.Sin(7*a)
		comp := vg.PathComp{Type: vg.LineComp, Pos: pt(cx+r*math.Cos(a), cy+r*math.Sin(a))}
		if i == 0 {
			comp.Type = vg.MoveComp
		}
		p = append(p, comp)
	}
	return append(p, vg.PathComp{Type: vg.CloseComp})
}

// wave returns an open sine wave of n points across 320 points.
func wave(n int) vg.Path {
	p := make(vg.Path, 0, n)
	for i := range n {
		x := 320 * float64(i) / float64(n-1)
		comp := vg.PathComp{Type: vg.LineComp, Pos: pt(10+x, 90+40*math.Sin(x/25))}
		if i == 0 {
			comp.Type = vg.MoveComp
		}
		p = append(p, comp)
	}
	return p
}

// TestLargePaths: a fill of 90,000 points and a stroke of 20,000, more
// than one drawing call's 65,536 vertices, are drawn (in parts) as the
// same outline and line of few points are (at most 0.5% of the pixels
// differ by more than 40).
func TestLargePaths(t *testing.T) {
	draw := func(fill, stroke vg.Path) func(c *Canvas) {
		return func(c *Canvas) {
			c.SetColor(color.RGBA{0x00, 0x72, 0xb2, 0xff})
			c.Fill(fill)
			c.SetColor(color.Black)
			c.SetLineWidth(2)
			c.Stroke(stroke)
		}
	}
	few := gpuDraw(340, 180, 2, nil, draw(wavy(2000, 100, 90), wave(2000)))
	many := gpuDraw(340, 180, 2, nil, draw(wavy(90000, 100, 90), wave(20000)))
	if ink := inked(many); ink < 0.2 {
		t.Fatalf("only %.1f%% drawn from the large paths", 100*ink)
	}
	if share := differShare(many, few, 40); share > 0.005 {
		t.Errorf("large paths: %.2f%% of the pixels differ from the small ones' by more than 40", 100*share)
	}
}

// TestEarsFillAsTheStencil: stacked layers (the layer cake's outlines,
// empty before their first period) cut into ears on the CPU cover what
// ebiten's stencil covers: at most 0.1% of the pixels differ by more than
// 40 of 255.
func TestEarsFillAsTheStencil(t *testing.T) {
	draw := func(stencil bool) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, 400, 320))
		inFrame(func() {
			var s Supersampled
			s.Canvas.stencilOnly = stencil
			s.Draw(400, 320, 2, func(c *Canvas) {
				for k := range 12 {
					var p vg.Path
					for i, q := range stacked(36, 3*k) {
						comp := vg.PathComp{Type: vg.LineComp, Pos: pt(float64(q.x)*0.75, 240-float64(q.y)*0.75+float64(12*k))}
						if i == 0 {
							comp.Type = vg.MoveComp
						}
						p = append(p, comp)
					}
					p = append(p, vg.PathComp{Type: vg.CloseComp})
					c.SetColor(color.RGBA{uint8(20 * k), uint8(255 - 20*k), 0x80, 0xff})
					c.Fill(p)
				}
			}).ReadPixels(img.Pix)
		})
		return img
	}
	ears, stencil := draw(false), draw(true)
	if ink := inked(ears); ink < 0.1 {
		t.Fatalf("only %.1f%% drawn", 100*ink)
	}
	if share := differShare(ears, stencil, 40); share > 0.001 {
		t.Errorf("%.2f%% of the pixels differ between ears and stencil", 100*share)
	}
}

// goRegular returns the Go Regular font, for the tests' faces, and the
// text/v2 face source the canvas draws its text with.
func goRegular(t testing.TB) (*opentype.Font, func(font.Font) *text.GoTextFaceSource) {
	t.Helper()
	otf, err := opentype.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	src, err := text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF))
	if err != nil {
		t.Fatal(err)
	}
	return otf, func(font.Font) *text.GoTextFaceSource { return src }
}
