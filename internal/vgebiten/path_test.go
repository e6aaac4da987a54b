package vgebiten

import (
	"math"
	"testing"
)

// line returns polylines of one open subpath through pts.
func line(closed bool, pts ...point) *polylines {
	var p polylines
	for i, q := range pts {
		if i == 0 {
			p.start(q)
		} else {
			p.add(q)
		}
	}
	if closed {
		p.close()
	}
	return &p
}

// dashes returns each dash of d as its first and last point.
func dashes(d *polylines) [][2]point {
	var out [][2]point
	for i := range d.count() {
		pts, _ := d.subpath(i)
		out = append(out, [2]point{pts[0], pts[len(pts)-1]})
	}
	return out
}

// TestDash: a 10 pixel line with dashes of 3 and gaps of 2 has dashes at
// 0–3 and 5–8; started 1 into the pattern, at 0–2, 4–7 and 9–10; a dash
// that runs round a corner keeps the corner; a closed outline is dashed
// along its closing side too; an odd pattern repeats as in SVG.
func TestDash(t *testing.T) {
	cases := []struct {
		name    string
		src     *polylines
		pattern []float64
		offset  float64
		want    [][2]point
	}{
		{"straight", line(false, point{0, 0}, point{10, 0}), []float64{3, 2}, 0,
			[][2]point{{{0, 0}, {3, 0}}, {{5, 0}, {8, 0}}}},
		{"offset", line(false, point{0, 0}, point{10, 0}), []float64{3, 2}, 1,
			[][2]point{{{0, 0}, {2, 0}}, {{4, 0}, {7, 0}}, {{9, 0}, {10, 0}}}},
		{"corner", line(false, point{0, 0}, point{2, 0}, point{2, 6}), []float64{4, 1}, 0,
			[][2]point{{{0, 0}, {2, 2}}, {{2, 3}, {2, 6}}}},
		{"closed", line(true, point{0, 0}, point{4, 0}, point{4, 4}, point{0, 4}), []float64{6, 2}, 0,
			[][2]point{{{0, 0}, {4, 2}}, {{4, 4}, {0, 2}}}},
		// 1 2 1 | 2 1 2: dash 1, gap 2, dash 1, gap 2, ...
		{"odd", line(false, point{0, 0}, point{7, 0}), []float64{1, 2}, 0,
			[][2]point{{{0, 0}, {1, 0}}, {{3, 0}, {4, 0}}, {{6, 0}, {7, 0}}}},
	}
	for _, c := range cases {
		var dst polylines
		dash(&dst, c.src, c.pattern, c.offset)
		got := dashes(&dst)
		if len(got) != len(c.want) {
			t.Errorf("%s: dashes %v, want %v", c.name, got, c.want)
			continue
		}
		for i := range got {
			for j := range 2 {
				if math.Hypot(float64(got[i][j].x-c.want[i][j].x), float64(got[i][j].y-c.want[i][j].y)) > 1e-4 {
					t.Errorf("%s: dashes %v, want %v", c.name, got, c.want)
				}
			}
		}
	}
	// The corner stays in the dash that runs round it.
	var dst polylines
	dash(&dst, line(false, point{0, 0}, point{2, 0}, point{2, 6}), []float64{4, 1}, 0)
	if pts, _ := dst.subpath(0); len(pts) != 3 || pts[1] != (point{2, 0}) {
		t.Errorf("the first dash is %v, want it through the corner (2, 0)", pts)
	}
}

// TestConvex: fans from the first point fill convex outlines only.
func TestConvex(t *testing.T) {
	star := make([]point, 5)
	for i := range star { // a pentagram: turns one way, goes round twice
		a := float64(i) * 4 * math.Pi / 5
		star[i] = point{float32(math.Cos(a)), float32(math.Sin(a))}
	}
	cases := []struct {
		name string
		pts  []point
		want bool
	}{
		{"square", []point{{0, 0}, {1, 0}, {1, 1}, {0, 1}}, true},
		{"square, corner repeated", []point{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, true},
		{"triangle the other way round", []point{{0, 0}, {0, 1}, {1, 0}}, true},
		{"L", []point{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}}, false},
		{"pentagram", star, false},
	}
	for _, c := range cases {
		if got := convex(c.pts); got != c.want {
			t.Errorf("%s: convex %v, want %v", c.name, got, c.want)
		}
	}
}

// area returns the shoelace area of the closed outline pts.
func area(pts []point) float64 {
	a := 0.0
	for i := range pts {
		p, q := pts[i], pts[(i+1)%len(pts)]
		a += float64(p.x)*float64(q.y) - float64(q.x)*float64(p.y)
	}
	return math.Abs(a) / 2
}

// stacked returns the outline of layer k of a stacked area over n
// periods: empty before period k, as a cohort is before it is acquired.
func stacked(n, k int) []point {
	var upper, lower []point
	for i := range n {
		x := float32(10 * i)
		base := float32(300 - 40*math.Sqrt(float64(i)))
		h := float32(0)
		if i >= k {
			h = float32(5 + 20*math.Exp(-float64(i-k)/8))
		}
		lower = append(lower, point{x, base})
		upper = append(upper, point{x, base - h})
	}
	pts := upper
	for i := n - 1; i >= 0; i-- {
		pts = append(pts, lower[i])
	}
	return pts
}

// TestEarClip: an outline is cut into triangles that turn one way and
// whose areas add up to its own, also a stacked layer that is empty for
// its first periods (a spike of no width, taken off first); an outline
// that crosses itself is refused.
func TestEarClip(t *testing.T) {
	l := []point{{0, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 20}, {0, 20}}
	collinear := []point{{0, 0}, {5, 0}, {10, 0}, {10, 10}, {5, 10}, {0, 10}}
	cases := []struct {
		name string
		pts  []point
	}{
		{"L", l},
		{"collinear corners", collinear},
		{"layer from period 0", stacked(36, 0)},
		{"layer from period 9", stacked(36, 9)},
		{"layer of the last period only", stacked(36, 35)},
	}
	for _, c := range cases {
		pts := unspike(nil, c.pts)
		is, _, ok := earClip(nil, pts, nil)
		if !ok {
			t.Errorf("%s: not cut", c.name)
			continue
		}
		sum := 0.0
		for i := 0; i < len(is); i += 3 {
			p, q, r := pts[is[i]], pts[is[i+1]], pts[is[i+2]]
			if cross(p, q, r) <= 0 {
				t.Errorf("%s: triangle %v %v %v turns the wrong way", c.name, p, q, r)
			}
			sum += cross(p, q, r) / 2
		}
		if want := area(c.pts); math.Abs(sum-want) > 1e-3*math.Max(1, want) {
			t.Errorf("%s: triangles cover %v, the outline %v", c.name, sum, want)
		}
	}
	bowtie := []point{{0, 0}, {10, 10}, {10, 0}, {0, 10}}
	if _, _, ok := earClip(nil, bowtie, nil); ok {
		t.Error("a bow tie was cut into triangles; it crosses itself")
	}
}
