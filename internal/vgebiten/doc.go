// Package vgebiten is a gonum/plot canvas (vg.Canvas) that draws with
// ebiten on the GPU: paths through ebiten's vector package, text through
// text/v2 (its shaping and glyph images) and the canvas's glyph texture,
// images as textures. The planner draws its
// charts with it, so a chart reaches the screen with no CPU raster and no
// pixel upload; the PNG, SVG and PDF files keep their own canvases
// (package chart and chartfile), from the same chart code.
//
// What ebiten v2.8.8's vector package lacks, the canvas adds:
//   - dashes: a stroked path is cut into its dashes before it is stroked;
//   - transforms: Push, Pop, Translate, Scale and Rotate keep a matrix, and
//     paths are flattened (arcs and curves into lines) in device pixels;
//   - uint16 vertex indices: a path whose triangles would pass 65,535
//     vertices is drawn in parts (a stroke in runs of points, a fill as a
//     mask, see fill.go);
//   - clipping: the canvas draws only into its image (a sub-image clips),
//     and gonum/plot clips data to the plot area itself;
//   - anti-aliasing: ebiten's own (DrawTrianglesOptions.AntiAlias) keeps a
//     2× offscreen per drawing call and throws it away whenever the next
//     path covers another region, so the canvas draws without it and
//     Supersampled draws a whole chart at 2× once and halves it.
//
// A software GPU (SwiftShader, llvmpipe) pays for every pixel a drawing
// call covers: the canvas does not paint what the image holds already
// (ground.go: a chart's image is not cleared under its white background,
// a plot's white background over untouched white is left out, and the
// next chart drawn into the same image, a slider step, fills its white
// background only in the 8-pixel tiles the last chart drew into, kept
// with the image, paths marking the tiles near their segments, not their
// bounding boxes; anything uncertain fills the whole image), and a
// translucent path drawn through the mask clears and paints the mask only
// in strips that hold the path, not over its whole bounding box (mask.go).
// It also pays for each texel a pixel reads: fills, strokes, the white
// ground and the mask's clearing are coloured by a shader that reads no
// texture (solidShader: about 4.5 ms a million pixels under SwiftShader,
// against 10 for ebiten's own, which multiplies the colour by a white
// texel), and a strip between two curves (a stacked layer, a band of
// trials) is cut into two triangles a period (stripTriangles), each as
// narrow as a period, where ear clipping (any other simple outline) cuts
// long slivers across the chart in O(n²) steps.
// Each drawing call costs ebiten's queue work on the CPU (in wasm, 3–5×
// slower): paths drawn one after another share a call, each path's colour
// on its vertices, until text, an image or a mask must be drawn between
// them (stroke.go, triangles; 3–14 calls a planner chart instead of
// 30–157). Neither changes a pixel: tests draw both ways and compare.
//
// Glyphs share calls too (glyphtex.go): text/v2 shapes each text and makes
// an image per glyph (per face, size, glyph and sub-pixel position); the
// canvas copies each such image once into a texture of its own, with a
// transparent pixel on every side, and draws the glyphs of consecutive
// texts as quads of one drawing call from it, each quad where DrawImage
// would put the glyph's own image (rotated for the y-axis titles),
// sampled linearly as before (by a shader that interpolates the glyph's
// own coordinates, so that where it lies in the texture rounds nothing). Paths and glyphs each draw what the
// other left pending first, so the order of drawing is the chart's (1–10
// calls of text a chart instead of 64–615). The texture starts over
// between charts when it is full or half full; a glyph that finds no room
// mid-chart is drawn from its own image. The image is the same but for the
// rows of glyphs ebiten's shared texture held at its edge (it pads an
// image only right and below, and the edge row is read twice there:
// TestChartsSameGlyphs in internal/app).
//
// Line caps are butt and joins round, as gonum/plot's PNG canvas (vgimg)
// draws them, so the planner's chart and the PNG file look alike.
//
// Package vgebiten imports ebiten: the command line must not link it,
// only the app (internal/app) does.
package vgebiten
