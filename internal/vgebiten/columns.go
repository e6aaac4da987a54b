package vgebiten

import "math"

// columnSpans walks the segments of lines (for a fill, or a closed
// subpath, the closing one too; a fill's subpaths of fewer than 3 points
// are left out) and calls each, for every one of n columns w pixels wide
// from x0 that a segment reaches into within reach pixels, with the rows
// ylo to yhi the segment spans between reach left of the column and reach
// right of it (an infinite end spans the whole column). The mask's strips
// (maskStrips) and the ground's tiles (markLines) are both columns of
// what a path covers.
func columnSpans(lines *polylines, fill bool, x0 float64, w, n int, reach float64, each func(i int, ylo, yhi float64)) {
	seg := func(a, b point) {
		ax, ay, bx, by := float64(a.x), float64(a.y), float64(b.x), float64(b.y)
		// Clamped as floats: a point far off the canvas must not overflow
		// an int.
		first, last := span(min(ax, bx)-reach, max(ax, bx)+reach, x0, w, n)
		for i := first; i <= last; i++ {
			// The segment between reach left and right of column i.
			cl, cr := x0+float64(i*w)-reach, x0+float64((i+1)*w)+reach
			ylo, yhi := min(ay, by), max(ay, by)
			if ax != bx {
				t0, t1 := (cl-ax)/(bx-ax), (cr-ax)/(bx-ax)
				t0, t1 = max(0, min(t0, t1)), min(1, max(t0, t1))
				if t0 > t1 {
					continue
				}
				y0, y1 := ay+t0*(by-ay), ay+t1*(by-ay)
				ylo, yhi = min(y0, y1), max(y0, y1)
			}
			if math.IsNaN(ylo) || math.IsNaN(yhi) { // an infinite end: the whole column
				ylo, yhi = math.Inf(-1), math.Inf(1)
			}
			each(i, ylo, yhi)
		}
	}
	for s := range lines.count() {
		pts, closed := lines.subpath(s)
		if fill {
			if len(pts) < 3 {
				continue
			}
			closed = true
		}
		if len(pts) == 1 {
			seg(pts[0], pts[0])
		}
		for k := 1; k < len(pts); k++ {
			seg(pts[k-1], pts[k])
		}
		if closed && len(pts) > 2 {
			seg(pts[len(pts)-1], pts[0])
		}
	}
}
