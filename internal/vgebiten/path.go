package vgebiten

import (
	"image"
	"math"

	"gonum.org/v1/plot/vg"
)

// point is a point in device pixels.
type point struct{ x, y float32 }

// polylines are paths flattened into lines, in device pixels: subpath i
// is pts[start(i):ends[i]], closed if closed[i].
type polylines struct {
	pts    []point
	ends   []int
	closed []bool
	open   bool // the last subpath takes more points
}

func (p *polylines) reset() {
	p.pts, p.ends, p.closed, p.open = p.pts[:0], p.ends[:0], p.closed[:0], false
}

func (p *polylines) start(q point) {
	p.pts = append(p.pts, q)
	p.ends = append(p.ends, len(p.pts))
	p.closed = append(p.closed, false)
	p.open = true
}

func (p *polylines) add(q point) {
	if !p.open {
		p.start(q)
		return
	}
	p.pts = append(p.pts, q)
	p.ends[len(p.ends)-1] = len(p.pts)
}

func (p *polylines) close() {
	if p.open {
		p.closed[len(p.closed)-1] = true
		p.open = false
	}
}

// subpath returns subpath i's points and whether it is closed.
func (p *polylines) subpath(i int) ([]point, bool) {
	from := 0
	if i > 0 {
		from = p.ends[i-1]
	}
	return p.pts[from:p.ends[i]], p.closed[i]
}

func (p *polylines) count() int { return len(p.ends) }

// bounds returns the pixels the points lie in, grown by margin pixels.
func (p *polylines) bounds(margin float64) image.Rectangle {
	if len(p.pts) == 0 {
		return image.Rectangle{}
	}
	x0, y0, x1, y1 := p.pts[0].x, p.pts[0].y, p.pts[0].x, p.pts[0].y
	for _, q := range p.pts {
		x0, y0, x1, y1 = min(x0, q.x), min(y0, q.y), max(x1, q.x), max(y1, q.y)
	}
	m := float32(margin)
	return image.Rect(int(math.Floor(float64(x0-m))), int(math.Floor(float64(y0-m))), int(math.Ceil(float64(x1+m))), int(math.Ceil(float64(y1+m))))
}

// tolerance is how far, in device pixels, a flattened arc or curve may
// stray from the true one.
const tolerance = 0.2

// flatten turns path into polylines in device pixels, through the current
// transform.
func (c *Canvas) flatten(dst *polylines, path vg.Path) {
	dst.reset()
	dev := func(p vg.Point) point {
		x, y := c.device(p)
		return point{float32(x), float32(y)}
	}
	var cur, first vg.Point // in user space
	for _, comp := range path {
		switch comp.Type {
		case vg.MoveComp:
			dst.start(dev(comp.Pos))
			cur, first = comp.Pos, comp.Pos
		case vg.LineComp:
			if !dst.open {
				dst.start(dev(cur))
				first = cur
			}
			dst.add(dev(comp.Pos))
			cur = comp.Pos
		case vg.ArcComp:
			if !dst.open { // the arc starts a subpath
				s, co := math.Sincos(comp.Start)
				first = vg.Point{X: comp.Pos.X + comp.Radius*vg.Length(co), Y: comp.Pos.Y + comp.Radius*vg.Length(s)}
			}
			cur = c.flattenArc(dst, comp)
		case vg.CurveComp:
			if !dst.open {
				dst.start(dev(cur))
			}
			c.flattenCurve(dst, cur, comp)
			cur = comp.Pos
		case vg.CloseComp:
			dst.close()
			cur = first
		}
	}
}

// flattenArc adds an arc: a line from the current point to its start,
// then the arc; it returns the arc's end, in user space.
func (c *Canvas) flattenArc(dst *polylines, comp vg.PathComp) vg.Point {
	r := float64(comp.Radius)
	at := func(a float64) vg.Point {
		s, co := math.Sincos(a)
		return vg.Point{X: comp.Pos.X + vg.Length(r*co), Y: comp.Pos.Y + vg.Length(r*s)}
	}
	// Segments so that the chord strays at most tolerance from the arc.
	rd := r * c.scale()
	n := 1
	if rd > tolerance {
		step := 2 * math.Acos(1-tolerance/rd)
		n = int(math.Ceil(math.Abs(comp.Angle) / step))
	}
	n = max(1, min(n, 1024))
	for i := 0; i <= n; i++ {
		x, y := c.device(at(comp.Start + comp.Angle*float64(i)/float64(n)))
		dst.add(point{float32(x), float32(y)})
	}
	return at(comp.Start + comp.Angle)
}

// flattenCurve adds a quadratic or cubic Bézier curve from p0.
func (c *Canvas) flattenCurve(dst *polylines, p0 vg.Point, comp vg.PathComp) {
	ctl := comp.Control
	pts := [4]vg.Point{p0}
	n := 1 + len(ctl)
	copy(pts[1:], ctl)
	pts[n] = comp.Pos
	// Segments from the control polygon's length in pixels.
	length := 0.0
	for i := range n {
		length += math.Hypot(float64(pts[i+1].X-pts[i].X), float64(pts[i+1].Y-pts[i].Y))
	}
	segs := max(1, min(int(math.Ceil(math.Sqrt(length*c.scale()/tolerance))), 256))
	for i := 1; i <= segs; i++ {
		t := vg.Length(float64(i) / float64(segs))
		u := 1 - t
		var q vg.Point
		if n == 2 { // quadratic
			q = pts[0].Scale(u * u).Add(pts[1].Scale(2 * u * t)).Add(pts[2].Scale(t * t))
		} else {
			q = pts[0].Scale(u * u * u).Add(pts[1].Scale(3 * u * u * t)).Add(pts[2].Scale(3 * u * t * t)).Add(pts[3].Scale(t * t * t))
		}
		x, y := c.device(q)
		dst.add(point{float32(x), float32(y)})
	}
}

// dash cuts src's subpaths into dashes of the pattern (device pixels,
// dash, gap, dash, ...), starting offset into it, as open subpaths of
// dst. Each subpath starts the pattern afresh, as SVG and PDF do.
func dash(dst, src *polylines, pattern []float64, offset float64) {
	dst.reset()
	total := 0.0
	for _, d := range pattern {
		total += d
	}
	if total <= 0 {
		return
	}
	n := len(pattern)
	if n%2 == 1 {
		n *= 2 // an odd pattern repeats once more to pair dashes and gaps
		total *= 2
	}
	for s := range src.count() {
		pts, closed := src.subpath(s)
		if len(pts) < 2 {
			continue
		}
		// Skip the offset into the pattern.
		i, left := 0, math.Mod(offset, total)
		if left < 0 {
			left += total
		}
		for left >= pattern[i%len(pattern)] {
			left -= pattern[i%len(pattern)]
			i = (i + 1) % n
		}
		rem := pattern[i%len(pattern)] - left
		on := i%2 == 0
		if on {
			dst.start(pts[0])
		}
		segs := len(pts) - 1
		if closed {
			segs++
		}
		for k := range segs {
			a, b := pts[k], pts[(k+1)%len(pts)]
			dx, dy := float64(b.x-a.x), float64(b.y-a.y)
			l := math.Hypot(dx, dy)
			pos := 0.0
			for l-pos > rem {
				pos += rem
				f := pos / l
				q := point{a.x + float32(f*dx), a.y + float32(f*dy)}
				if on {
					dst.add(q)
					dst.open = false
				} else {
					dst.start(q)
				}
				i = (i + 1) % n
				rem = pattern[i%len(pattern)]
				on = !on
			}
			rem -= l - pos
			if on {
				dst.add(b)
			}
		}
		dst.open = false
	}
}
