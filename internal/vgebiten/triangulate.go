package vgebiten

// maxEarPoints is the most points an outline is cut into triangles on
// the CPU (ear clipping costs up to n² steps); a longer one is filled
// with ebiten's stencil.
const maxEarPoints = 1024

// earClip appends to dst the indices (into pts) of triangles that cover
// the simple polygon pts exactly once, and reports whether it could: an
// outline that crosses itself has, at some point, no ear left to cut, and
// is left to the stencil. Ear clipping: a corner that turns the polygon's
// way and holds no other corner is cut off as a triangle, until three
// corners are left.
//
// The stencil's fan from the first point covers a stacked area's long
// thin outline many times over (each of its triangles spans the chart);
// the ears cover it once, which a software rasteriser (SwiftShader,
// llvmpipe) pays for by the pixel.
func earClip(dst []uint16, pts []point, work []int) ([]uint16, []int, bool) {
	n := len(pts)
	if n < 3 || n > maxEarPoints {
		return dst, work, false
	}
	// Corners in the order of positive (shoelace) area: convex corners
	// then turn positive.
	area := 0.0
	for i := range n {
		a, b := pts[i], pts[(i+1)%n]
		area += float64(a.x)*float64(b.y) - float64(b.x)*float64(a.y)
	}
	if area == 0 || crosses(pts) {
		return dst, work, false // a bow tie, a figure of eight: the stencil's
	}
	work = work[:0]
	for i := range n {
		if area > 0 {
			work = append(work, i)
		} else {
			work = append(work, n-1-i)
		}
	}
	start := len(dst)
	for i, misses := 0, 0; len(work) > 3; {
		m := len(work)
		ip, ic, in := work[(i+m-1)%m], work[i%m], work[(i+1)%m]
		p, c, q := pts[ip], pts[ic], pts[in]
		turn := cross(p, c, q)
		ear := turn >= 0 // collinear corners go as empty triangles
		if ear && turn > 0 {
			for _, j := range work {
				if inside(pts[j], p, c, q) {
					ear = false
					break
				}
			}
		}
		if ear {
			if turn > 0 {
				dst = append(dst, uint16(ip), uint16(ic), uint16(in))
			}
			work = append(work[:i%m], work[i%m+1:]...)
			misses = 0
			continue
		}
		i = (i + 1) % m
		misses++
		if misses > m { // no ear: the outline crosses itself
			return dst[:start], work, false
		}
	}
	if p, c, q := pts[work[0]], pts[work[1]], pts[work[2]]; cross(p, c, q) > 0 {
		dst = append(dst, uint16(work[0]), uint16(work[1]), uint16(work[2]))
	}
	return dst, work, true
}

// stripTriangles appends to dst the indices (into pts) of triangles that
// cover the closed outline pts exactly once if it is a strip between two
// curves over the same abscissas, as a stacked layer or a band of trials
// is drawn: its first half runs one way along x, strictly, and its second
// half comes back over the same x values, and the two halves never cross
// (one is on or above the other at every abscissa, so also between them,
// both being straight there). Between two neighbouring abscissas the strip
// is a trapezoid with upright sides, convex, cut by a diagonal into two
// triangles: O(n), where ear clipping is O(n²), and each triangle as
// narrow as a period, not spanning the chart. It reports false for any
// other outline.
func stripTriangles(dst []uint16, pts []point) ([]uint16, bool) {
	n := len(pts)
	if n >= 5 && n%2 == 1 && pts[n-1] == pts[0] {
		n-- // closed by repeating the first point
	}
	if n < 4 || n%2 == 1 || n > maxVertices {
		return dst, false
	}
	m := n / 2
	// Upper point i is pts[i], lower point i is pts[n-1-i].
	rising := pts[1].x > pts[0].x
	sign := 0
	for i := range m {
		u, l := pts[i], pts[n-1-i]
		if u.x != l.x || i > 0 && (u.x == pts[i-1].x || (u.x > pts[i-1].x) != rising) {
			return dst, false
		}
		switch {
		case u.y < l.y:
			if sign > 0 {
				return dst, false
			}
			sign = -1
		case u.y > l.y:
			if sign < 0 {
				return dst, false
			}
			sign = 1
		}
	}
	for i := range m - 1 {
		u0, u1 := uint16(i), uint16(i+1)
		l0, l1 := uint16(n-1-i), uint16(n-2-i)
		dst = append(dst, u0, u1, l1, u0, l1, l0)
	}
	return dst, true
}

// cross is positive where p, c, q turn the way of a polygon of positive
// shoelace area.
func cross(p, c, q point) float64 {
	return float64(c.x-p.x)*float64(q.y-c.y) - float64(c.y-p.y)*float64(q.x-c.x)
}

// inside reports whether r lies in triangle p, c, q, of positive turn,
// edges included (a point on an ear's edge stops the cut: an outline that
// touches itself there is left to the stencil), unless r is one of its
// corners.
func inside(r, p, c, q point) bool {
	if r == p || r == c || r == q {
		return false
	}
	return cross(p, c, r) >= 0 && cross(c, q, r) >= 0 && cross(q, p, r) >= 0
}

// unspike appends to dst the closed outline pts without repeated points
// and without spikes of no width (a, b, a: out to b and back the same
// way), which a stacked area has where a layer is empty, and returns it.
func unspike(dst, pts []point) []point {
	for _, q := range pts {
		n := len(dst)
		switch {
		case n > 0 && q == dst[n-1]:
		case n > 1 && q == dst[n-2]: // a, b, a: b is a spike's tip
			dst = dst[:n-1]
		default:
			dst = append(dst, q)
		}
	}
	// The same across the seam, where the outline closes.
	for len(dst) >= 3 {
		n := len(dst)
		switch {
		case dst[0] == dst[n-1]:
			dst = dst[:n-1]
		case dst[n-1] == dst[1]: // ..., a | b, a, ...: b is a tip
			dst = append(dst[:0], dst[2:]...)
		case dst[n-2] == dst[0]: // ..., a, b | a, ...
			dst = dst[:n-2]
		default:
			return dst
		}
	}
	return dst
}

// crosses reports whether two sides of the closed outline pts cross (each
// passes from one side of the other to the other): ears of such an outline
// could cover what the non-zero rule leaves out. Sides that only touch do
// not count; inside keeps ears off them.
func crosses(pts []point) bool {
	n := len(pts)
	for i := range n {
		a, b := pts[i], pts[(i+1)%n]
		for j := i + 2; j < n; j++ {
			if i == 0 && j == n-1 {
				continue // the sides meet at pts[0]
			}
			c, d := pts[j], pts[(j+1)%n]
			if max(c.x, d.x) < min(a.x, b.x) || min(c.x, d.x) > max(a.x, b.x) ||
				max(c.y, d.y) < min(a.y, b.y) || min(c.y, d.y) > max(a.y, b.y) {
				continue
			}
			if side(a, b, c)*side(a, b, d) < 0 && side(c, d, a)*side(c, d, b) < 0 {
				return true
			}
		}
	}
	return false
}

// side is −1, 0 or 1 as r lies right of, on or left of the line p→q.
func side(p, q, r point) int {
	switch c := float64(q.x-p.x)*float64(r.y-p.y) - float64(q.y-p.y)*float64(r.x-p.x); {
	case c > 0:
		return 1
	case c < 0:
		return -1
	}
	return 0
}
