package whatif

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// maxPolish caps the Newton steps that polish an optimum.
const maxPolish = 8

// polish refines x, a maximum of value with f = value(x), by Newton steps
// on the first-order condition ∇f = 0 over the levers idx (inside their
// bounds): gradient and Hessian by central differences in the levers'
// own units. Line searches on f cannot place a smooth maximum closer than
// about √ε of the bounds' width, because f is flat there to within
// rounding; the gradient still points the way. A step is kept only if it
// stays within the bounds, the Hessian is negative definite and the
// gradient shrinks. It returns the point, its value and the steps taken.
func polish(value func([]float64) float64, x []float64, f float64, idx []int, levers []LeverResult) ([]float64, float64, int) {
	if len(idx) == 0 {
		return x, f, 0
	}
	nt := newNewton(value, idx, levers)
	g, ok := nt.gradient(x)
	steps := 0
	for ; ok && steps < maxPolish && nt.norm(g) > 0; steps++ {
		if !nt.inBounds(x, nt.hh) {
			break
		}
		d, ok := nt.direction(x, g)
		if !ok {
			break // not a maximum in these levers: keep the point
		}
		next := nt.shifted(x, d)
		g2, ok2 := nt.gradient(next)
		if !ok2 || nt.norm(g2) >= nt.norm(g) {
			break
		}
		fNext := value(next)
		if math.IsInf(fNext, 0) || fNext < f-1e-12*math.Max(1, math.Abs(f)) {
			break
		}
		x, f, g = next, fNext, g2
	}
	return x, f, steps
}

// newton holds the central differences of polish: the levers polished
// (idx) and, per lever, the steps of the gradient (hg, 1e-5 of its
// width) and of the Hessian (hh, 1e-3 of its width).
type newton struct {
	value  func([]float64) float64
	idx    []int
	levers []LeverResult
	hg, hh []float64
}

func newNewton(value func([]float64) float64, idx []int, levers []LeverResult) *newton {
	nt := &newton{value: value, idx: idx, levers: levers, hg: make([]float64, len(idx)), hh: make([]float64, len(idx))}
	for k, i := range idx {
		w := levers[i].High - levers[i].Low
		nt.hg[k], nt.hh[k] = 1e-5*w, 1e-3*w
	}
	return nt
}

// shifted returns x moved by d[k] along lever idx[k].
func (nt *newton) shifted(x, d []float64) []float64 {
	y := append([]float64(nil), x...)
	for k, i := range nt.idx {
		y[i] += d[k]
	}
	return y
}

// along returns the move of h along the k-th lever polished.
func (nt *newton) along(k int, h float64) []float64 {
	d := make([]float64, len(nt.idx))
	d[k] = h
	return d
}

// inBounds reports whether x keeps margin[k] from both bounds of each
// lever polished.
func (nt *newton) inBounds(x, margin []float64) bool {
	for k, i := range nt.idx {
		if x[i]-margin[k] < nt.levers[i].Low || x[i]+margin[k] > nt.levers[i].High {
			return false
		}
	}
	return true
}

// gradient returns the gradient at x by central differences; false when
// the differences would leave the bounds.
func (nt *newton) gradient(x []float64) ([]float64, bool) {
	if !nt.inBounds(x, nt.hg) {
		return nil, false
	}
	g := make([]float64, len(nt.idx))
	for k := range g {
		g[k] = (nt.value(nt.shifted(x, nt.along(k, nt.hg[k]))) - nt.value(nt.shifted(x, nt.along(k, -nt.hg[k])))) / (2 * nt.hg[k])
	}
	return g, true
}

// norm returns the length of g scaled by each lever's width.
func (nt *newton) norm(g []float64) float64 {
	s := 0.0
	for k, v := range g {
		s += v * v * nt.hg[k] * nt.hg[k]
	}
	return math.Sqrt(s)
}

// negHessian returns −H at x by central differences.
func (nt *newton) negHessian(x []float64) *mat.SymDense {
	n, hh := len(nt.idx), nt.hh
	negH := mat.NewSymDense(n, nil)
	for a := range n {
		for b := a; b < n; b++ {
			var h float64
			if a == b {
				h = (nt.value(nt.shifted(x, nt.along(a, hh[a]))) - 2*nt.value(x) + nt.value(nt.shifted(x, nt.along(a, -hh[a])))) / (hh[a] * hh[a])
			} else {
				d := func(sa, sb float64) float64 {
					dd := make([]float64, n)
					dd[a], dd[b] = sa*hh[a], sb*hh[b]
					return nt.value(nt.shifted(x, dd))
				}
				h = (d(1, 1) - d(1, -1) - d(-1, 1) + d(-1, -1)) / (4 * hh[a] * hh[b])
			}
			negH.SetSym(a, b, -h)
		}
	}
	return negH
}

// direction returns the Newton step d = −H⁻¹g at x; false when −H is not
// positive definite (x is no maximum in these levers) or the solve fails.
func (nt *newton) direction(x, g []float64) ([]float64, bool) {
	var chol mat.Cholesky
	if !chol.Factorize(nt.negHessian(x)) {
		return nil, false
	}
	var step mat.VecDense
	if err := chol.SolveVecTo(&step, mat.NewVecDense(len(g), g)); err != nil {
		return nil, false
	}
	d := make([]float64, len(g))
	for k := range d {
		d[k] = step.AtVec(k) // −H·d = g
	}
	return d, true
}
