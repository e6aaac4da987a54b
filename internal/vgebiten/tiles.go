package vgebiten

import (
	"image"
	"math"
)

// tileSize is the side, in device pixels, of the tiles in which the
// ground records what was drawn (tileSet). Planner charts at 1280×800
// repaint 16–60% of their ground with 8-pixel tiles, 19–66% with 16 and
// 22–82% with 32 (docs/benchmarks.md); a tile costs a byte, and a
// rectangle of them two triangles.
const tileSize = 8

// tileSet records which tiles of an image something was drawn into: a
// tile is marked when a drawing may have changed one of its pixels, so
// every pixel of an unmarked tile holds what it held before. It is coarse
// on purpose (a byte per 8 × 8 pixels), so that marking and filling stay
// cheap, but a path marks only the tiles near its segments (mark a line),
// not its whole bounding box: a line across a plot marks a band of tiles.
type tileSet struct {
	bounds     image.Rectangle // the image's
	cols, rows int
	on         []bool // row by row
	lo, hi     []float64
}

// reset makes t an empty set over bounds.
func (t *tileSet) reset(bounds image.Rectangle) {
	t.bounds = bounds
	t.cols = (bounds.Dx() + tileSize - 1) / tileSize
	t.rows = (bounds.Dy() + tileSize - 1) / tileSize
	n := t.cols * t.rows
	if cap(t.on) < n {
		t.on = make([]bool, n)
	}
	t.on = t.on[:n]
	clear(t.on)
}

// empty reports whether no tile is marked.
func (t *tileSet) empty() bool {
	for _, on := range t.on {
		if on {
			return false
		}
	}
	return true
}

// span returns the tiles [first, last] along an axis of n tiles from
// origin that hold the pixels from a to b (floats, clamped as floats: a
// point far off the image must not overflow an int; a NaN end reaches the
// edge, as what it draws is not known); first > last if none.
func span(a, b, origin float64, w, n int) (first, last int) {
	fa, fb := math.Floor((a-origin)/float64(w)), math.Floor((b-origin)/float64(w))
	if math.IsNaN(fa) {
		fa = 0
	}
	if math.IsNaN(fb) {
		fb = float64(n - 1)
	}
	first = int(min(float64(n), max(0, fa)))
	last = int(max(-1, min(float64(n-1), fb)))
	return first, last
}

// markRect marks the tiles r's pixels lie in.
func (t *tileSet) markRect(r image.Rectangle) {
	r = r.Intersect(t.bounds)
	if r.Empty() {
		return
	}
	x0, x1 := (r.Min.X-t.bounds.Min.X)/tileSize, (r.Max.X-1-t.bounds.Min.X)/tileSize
	y0, y1 := (r.Min.Y-t.bounds.Min.Y)/tileSize, (r.Max.Y-1-t.bounds.Min.Y)/tileSize
	for y := y0; y <= y1; y++ {
		row := t.on[y*t.cols:]
		for x := x0; x <= x1; x++ {
			row[x] = true
		}
	}
}

// overlaps reports whether a tile r's pixels lie in is marked.
func (t *tileSet) overlaps(r image.Rectangle) bool {
	r = r.Intersect(t.bounds)
	if r.Empty() {
		return false
	}
	x0, x1 := (r.Min.X-t.bounds.Min.X)/tileSize, (r.Max.X-1-t.bounds.Min.X)/tileSize
	y0, y1 := (r.Min.Y-t.bounds.Min.Y)/tileSize, (r.Max.Y-1-t.bounds.Min.Y)/tileSize
	for y := y0; y <= y1; y++ {
		row := t.on[y*t.cols:]
		for x := x0; x <= x1; x++ {
			if row[x] {
				return true
			}
		}
	}
	return false
}

// markLines marks the tiles of every pixel whose middle lies within reach
// pixels of a segment of lines (a stroke: half its width and a pixel) or,
// for a fill, inside its outlines (closed; reach 1), as maskStrips does
// for the mask's strips, by tile columns: a stroke marks, per segment and
// column, the rows from reach above to reach below where the segment lies
// between reach left of the column and reach right of it; a fill marks
// each column's rows between the highest and lowest of its outlines there
// (inside a fill, the outline runs above and below each pixel through its
// column).
func (t *tileSet) markLines(lines *polylines, reach float64, fill bool) {
	if t.cols == 0 || t.rows == 0 {
		return
	}
	ox, oy := float64(t.bounds.Min.X), float64(t.bounds.Min.Y)
	if fill {
		t.lo, t.hi = t.lo[:0], t.hi[:0]
		for range t.cols {
			t.lo, t.hi = append(t.lo, math.Inf(1)), append(t.hi, math.Inf(-1))
		}
	}
	columnSpans(lines, fill, ox, tileSize, t.cols, reach, func(i int, ylo, yhi float64) {
		if fill {
			t.lo[i], t.hi[i] = min(t.lo[i], ylo), max(t.hi[i], yhi)
			return
		}
		t.markColumn(i, ylo-reach, yhi+reach, oy)
	})
	if fill {
		for i := range t.cols {
			if t.lo[i] <= t.hi[i] {
				t.markColumn(i, t.lo[i]-reach, t.hi[i]+reach, oy)
			}
		}
	}
}

// markColumn marks the tiles of column i that hold the rows from y0 to
// y1 (device pixels, oy the image's top).
func (t *tileSet) markColumn(i int, y0, y1, oy float64) {
	first, last := span(y0, y1, oy, tileSize, t.rows)
	for y := first; y <= last; y++ {
		t.on[y*t.cols+i] = true
	}
}

// rects appends to rs disjoint rectangles, within t's bounds, that cover
// the marked tiles exactly: each row's runs of marked tiles, a run joined
// to the one right above it when they span the same columns.
func (t *tileSet) rects(rs []image.Rectangle) []image.Rectangle {
	start := len(rs)
	prevFrom, prevTo := start, start // the rectangles ending on the row above
	for y := range t.rows {
		from := len(rs)
		k := prevFrom
		row := t.on[y*t.cols : (y+1)*t.cols]
		for x := 0; x < t.cols; {
			if !row[x] {
				x++
				continue
			}
			x1 := x
			for x1 < t.cols && row[x1] {
				x1++
			}
			r := image.Rect(x*tileSize, y*tileSize, x1*tileSize, (y+1)*tileSize).Add(t.bounds.Min).Intersect(t.bounds)
			for k < prevTo && rs[k].Min.X < r.Min.X {
				k++
			}
			if k < prevTo && rs[k].Min.X == r.Min.X && rs[k].Max.X == r.Max.X {
				rs[k].Max.Y = r.Max.Y // the same columns as the run above: one rectangle
				rs = append(rs, image.Rectangle{})
				rs[len(rs)-1], rs[k] = rs[k], image.Rectangle{} // moved to this row's
			} else {
				rs = append(rs, r)
			}
			x = x1
		}
		prevFrom, prevTo = from, len(rs)
	}
	// Drop the emptied places of rectangles moved down.
	out := rs[:start]
	for _, r := range rs[start:] {
		if !r.Empty() {
			out = append(out, r)
		}
	}
	return out
}
