package vgebiten

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// Canvas is a vg.CanvasSizer that draws onto an ebiten image. The zero
// value draws nothing; Reset points it at an image. A Canvas keeps its
// buffers between Resets, so drawing the next chart allocates little.
type Canvas struct {
	// Fonts returns the text/v2 face source for a gonum/plot font; a text
	// whose font has none is not drawn. It must be set before text is
	// drawn.
	Fonts func(font.Font) *text.GoTextFaceSource

	// EachPath and WholeMask make the canvas draw as it did before it
	// saved drawing calls and pixels: each path with a drawing call of its
	// own (not sharing one with the paths before and after it), and a
	// translucent path's mask cleared and painted over all of its bounding
	// box (not in strips). The image is the same, pixel for pixel: tests
	// compare the two. Default false.
	EachPath, WholeMask bool

	// EachGlyph makes the canvas draw each glyph of a text with a drawing
	// call of its own, from the image text/v2 made for it, as it did
	// before glyphs shared calls from the canvas's glyph texture
	// (glyphtex.go). Tests compare the two. Default false.
	EachGlyph bool

	// Textured makes the canvas colour fills, strokes, the white ground
	// and the mask's clearing as it did before they read no texture
	// (solidShader): through ebiten's own shader, the colour times a white
	// texel. The image is the same, pixel for pixel: tests compare the
	// two. Default false.
	Textured bool

	dst         *ebiten.Image
	w, h        vg.Length // size in points
	ppp         float64   // device pixels per point
	base        ebiten.GeoM
	st          state
	stack       []state
	flat        polylines
	dashed      polylines
	run         []point   // a long closed line, closed by hand; an outline to cut
	corners     []int     // earClip's corners left
	dashPattern []float64 // in device pixels
	tri         triangles
	faces       map[faceKey]*text.GoTextFace
	glyphs      []text.Glyph
	pen         []pen
	sfntBuf     sfnt.Buffer
	glyphOp     ebiten.DrawImageOptions
	textures    []*ebiten.Image // images drawn since Reset, freed at the next
	mask        *ebiten.Image   // for translucent paths and fills too large for one drawing call
	strips      []image.Rectangle
	stripLo     []float64 // per column of the mask: the rows the path's segments reach
	stripHi     []float64
	quad        struct { // the strips' triangles
		vs []ebiten.Vertex
		is []uint16
	}
	counts      Counts
	stencilOnly bool          // fill every outline with the stencil (tests)
	noStrips    bool          // cut strips into ears as other outlines (tests)
	stripFills  int           // outlines filled as strips (tests)
	ground      ground        // what the image holds already
	glyphAt     []ebiten.GeoM // where FillString draws each glyph
	text        glyphTexture  // the glyphs drawn, and the glyph quads waiting
}

// state is what Push saves and Pop restores.
type state struct {
	m      ebiten.GeoM // points to device pixels
	width  vg.Length
	dashes []vg.Length
	offset vg.Length
	colour color.Color
}

// Counts are what a canvas asked of the GPU since its Reset: a
// Supersampled's Canvas holds those of the last Draw.
type Counts struct {
	// Triangles counts the DrawTriangles calls of paths: fills and
	// strokes, into the image or the mask (not the mask's clearing and
	// painting, nor text and images).
	Triangles int
	// MaskPixels counts the mask's pixels cleared for translucent paths
	// (as many are painted onto the image).
	MaskPixels int
	// GroundPixels counts the pixels the ground painted: the image
	// cleared, or filled whole in the figure's background colour, or only
	// in the tiles the last drawing into it drew into (ground.go).
	GroundPixels int
	// Glyphs counts the drawing calls of text: a DrawTriangles call per
	// run of glyphs from the glyph texture, a DrawImage per glyph drawn
	// from its own image (EachGlyph, or a texture with no room left).
	Glyphs int
	// GlyphCopies counts the glyphs copied into the glyph texture (a
	// drawing call each).
	GlyphCopies int
}

// Counts returns what the canvas asked of the GPU since its Reset.
func (c *Canvas) Counts() Counts {
	n := c.counts
	n.Triangles = c.tri.calls
	n.Glyphs += c.text.calls
	n.GlyphCopies = c.text.copies
	return n
}

// Reset makes c draw onto dst a canvas of w×h points at ppp device
// pixels per point (96/72 for 96 pixels an inch; twice that to
// supersample): point (0, 0) is dst's bottom-left corner, as gonum/plot
// has it. It draws what is pending onto the image before (Flush), frees
// the textures of images drawn before, and restores the initial state (1
// point wide solid black lines).
func (c *Canvas) Reset(dst *ebiten.Image, w, h vg.Length, ppp float64) {
	c.Flush()
	c.tri.calls, c.tri.eachPath, c.tri.textured, c.counts = 0, c.EachPath, c.Textured, Counts{}
	c.tri.text = &c.text
	c.text.startOver() // between charts, never within one
	for _, t := range c.textures {
		t.Deallocate()
	}
	clear(c.textures)
	c.textures = c.textures[:0]
	c.dst, c.w, c.h, c.ppp = dst, w, h, ppp
	min := dst.Bounds().Min
	c.base.Reset()
	c.base.Scale(ppp, -ppp)
	c.base.Translate(float64(min.X), float64(min.Y)+float64(h)*ppp)
	c.stack = c.stack[:0]
	c.st = state{m: c.base, width: 1, colour: color.Black}
	c.ground.clear, c.ground.known, c.ground.session = false, false, false // dst as it is: what it holds is not known
	if c.faces == nil {
		c.faces = map[faceKey]*text.GoTextFace{}
	}
}

// Flush draws the paths and glyphs still waiting for their drawing call:
// paths share calls (see triangles), and so do glyphs (glyphTexture), so
// what was drawn last is on the image only after Flush. Supersampled.Draw
// flushes at the end of its drawing, and Reset before it points the
// canvas elsewhere.
func (c *Canvas) Flush() {
	c.tri.flush()
	c.text.flush()
}

// Size returns the canvas size in points.
func (c *Canvas) Size() (w, h vg.Length) { return c.w, c.h }

// SetLineWidth sets the width of stroked paths; lines of width 0 or less
// are not drawn.
func (c *Canvas) SetLineWidth(w vg.Length) { c.st.width = w }

// SetLineDash sets the dash pattern (dash, gap, dash, ...) and how far into
// it lines start; an empty pattern draws solid lines.
func (c *Canvas) SetLineDash(pattern []vg.Length, offset vg.Length) {
	c.st.dashes = append(c.st.dashes[:0:0], pattern...) // a copy: the caller may reuse its slice
	c.st.offset = offset
}

// SetColor sets the colour of strokes, fills and text; nil is black.
func (c *Canvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.st.colour = clr
}

// Rotate turns later drawing by rad radians (counter-clockwise).
func (c *Canvas) Rotate(rad float64) {
	var g ebiten.GeoM
	g.Rotate(rad) // in user space, y up: the transform's flip turns it on screen
	c.prepend(g)
}

// Translate moves later drawing by pt.
func (c *Canvas) Translate(pt vg.Point) {
	var g ebiten.GeoM
	g.Translate(float64(pt.X), float64(pt.Y))
	c.prepend(g)
}

// Scale scales later drawing by x and y.
func (c *Canvas) Scale(x, y float64) {
	var g ebiten.GeoM
	g.Scale(x, y)
	c.prepend(g)
}

// prepend applies g in user space: before the current transform.
func (c *Canvas) prepend(g ebiten.GeoM) {
	g.Concat(c.st.m)
	c.st.m = g
}

// Push saves the line width, dashes, colour and transform.
func (c *Canvas) Push() {
	s := c.st
	s.dashes = append([]vg.Length(nil), c.st.dashes...)
	c.stack = append(c.stack, s)
}

// Pop restores what the matching Push saved.
func (c *Canvas) Pop() {
	if len(c.stack) == 0 {
		return
	}
	c.st = c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
}

// scale returns the transform's length scale: device pixels per unit of
// user space (the square root of the determinant's size).
func (c *Canvas) scale() float64 {
	a, b, cc, d := c.st.m.Element(0, 0), c.st.m.Element(0, 1), c.st.m.Element(1, 0), c.st.m.Element(1, 1)
	return math.Sqrt(math.Abs(a*d - b*cc))
}

// device maps a point in user space to device pixels.
func (c *Canvas) device(p vg.Point) (float64, float64) {
	return c.st.m.Apply(float64(p.X), float64(p.Y))
}
