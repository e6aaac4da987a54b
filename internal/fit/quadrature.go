package fit

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Quadrature is a K-point Gauss rule for a probability distribution: the
// expectation of f is approximated by Σ Weight[i]·f(Node[i]), exactly when
// f is a polynomial of degree ≤ 2K−1. The weights are positive and sum
// to 1.
type Quadrature struct {
	Node, Weight []float64
}

// GaussJacobi is the K-point Gauss rule of Beta(a, b) on [0, 1]: the
// Gauss–Jacobi rule of the weight (1−x)^(b−1)(1+x)^(a−1) on [−1, 1],
// mapped by p = (1+x)/2. The nodes and weights are the eigenvalues and
// the squared first components of the eigenvectors of the Jacobi matrix
// of the three-term recurrence of the monic Jacobi polynomials (Golub &
// Welsch 1969, "Calculation of Gauss quadrature rules", Mathematics of
// Computation 23(106)). It panics unless k ≥ 1 and a, b > 0.
func GaussJacobi(k int, a, b float64) Quadrature {
	if k < 1 || !(a > 0) || !(b > 0) || math.IsInf(a, 0) || math.IsInf(b, 0) {
		panic(fmt.Sprintf("fit: GaussJacobi(%d, %g, %g): need k ≥ 1 and finite a, b > 0", k, a, b))
	}
	// Jacobi parameters: A on (1−x), B on (1+x).
	A, B := b-1, a-1
	diag := make([]float64, k)
	off := make([]float64, k) // off[n] couples n−1 and n, n ≥ 1
	for n := range k {
		fn := float64(n)
		s := 2*fn + A + B
		if n == 0 {
			diag[0] = (B - A) / (A + B + 2)
		} else {
			diag[n] = (B*B - A*A) / (s * (s + 2))
		}
		switch {
		case n == 1:
			off[1] = math.Sqrt(4 * (1 + A) * (1 + B) / ((2 + A + B) * (2 + A + B) * (3 + A + B)))
		case n > 1:
			off[n] = math.Sqrt(4 * fn * (fn + A) * (fn + B) * (fn + A + B) / (s * s * (s + 1) * (s - 1)))
		}
	}
	q := golubWelsch(diag, off)
	for i, x := range q.Node {
		q.Node[i] = (1 + x) / 2
	}
	return q
}

// GaussLaguerre is the K-point Gauss rule of Gamma(shape, rate): the
// generalized Gauss–Laguerre rule of the weight x^(shape−1)·e^(−x),
// scaled by λ = x/rate (Golub & Welsch 1969; the monic generalized
// Laguerre recurrence has diagonal 2n+shape and off-diagonal
// √(n(n+shape−1))). It panics unless k ≥ 1 and shape, rate > 0.
func GaussLaguerre(k int, shape, rate float64) Quadrature {
	if k < 1 || !(shape > 0) || !(rate > 0) || math.IsInf(shape, 0) || math.IsInf(rate, 0) {
		panic(fmt.Sprintf("fit: GaussLaguerre(%d, %g, %g): need k ≥ 1 and finite shape, rate > 0", k, shape, rate))
	}
	diag := make([]float64, k)
	off := make([]float64, k)
	for n := range k {
		fn := float64(n)
		diag[n] = 2*fn + shape
		if n > 0 {
			off[n] = math.Sqrt(fn * (fn + shape - 1))
		}
	}
	q := golubWelsch(diag, off)
	for i := range q.Node {
		q.Node[i] /= rate
	}
	return q
}

// golubWelsch is the Gauss rule of the symmetric tridiagonal Jacobi matrix
// with diagonal diag and off-diagonal off[1:], for a weight of total mass
// 1: nodes ascending, weights the squared first eigenvector components.
func golubWelsch(diag, off []float64) Quadrature {
	k := len(diag)
	j := mat.NewSymDense(k, nil)
	for n := range k {
		j.SetSym(n, n, diag[n])
		if n > 0 {
			j.SetSym(n-1, n, off[n])
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(j, true) {
		panic("fit: the Jacobi matrix's eigendecomposition failed")
	}
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	q := Quadrature{Node: eig.Values(nil), Weight: make([]float64, k)}
	total := 0.0
	for i := range k {
		v := vecs.At(0, i)
		q.Weight[i] = v * v
		total += q.Weight[i]
	}
	// The first components of orthonormal eigenvectors have squares summing
	// to 1; dividing by the sum removes the rounding.
	for i := range q.Weight {
		q.Weight[i] /= total
	}
	return q
}
