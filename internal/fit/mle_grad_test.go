package fit

import (
	"math"
	"testing"
)

// TestEstimateNormalWithGradient is TestEstimateNormal through nllGrad:
// the value and gradient in one pass, the standard errors from differences
// of the analytic gradient. Closed forms: μ̂ = x̄, σ̂² = Σ(x−x̄)²/n,
// SE(μ̂) = σ̂/√n, SE(σ̂) = σ̂/√(2n).
func TestEstimateNormalWithGradient(t *testing.T) {
	xs := []float64{3.1, 4.7, 2.2, 5.9, 4.4, 3.8, 5.1, 2.9}
	n := float64(len(xs))
	mean, ss := 0.0, 0.0
	for _, x := range xs {
		mean += x / n
	}
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / n)
	evaluations := 0
	r, err := estimate(problem{
		model: "normal",
		names: []string{"mu", "sigma"},
		start: []float64{1, 1},
		nllGrad: func(grad, p []float64) float64 {
			evaluations++
			mu, s := p[0], p[1]
			v, dmu, ds := n*math.Log(s), 0.0, n/s
			for _, x := range xs {
				v += (x - mu) * (x - mu) / (2 * s * s)
				dmu -= (x - mu) / (s * s)
				ds -= (x - mu) * (x - mu) / (s * s * s)
			}
			if grad != nil {
				grad[0], grad[1] = dmu, ds
			}
			return v
		},
		observations: n,
	})
	if err != nil || !r.Converged {
		t.Fatalf("%v %+v", err, r)
	}
	for _, c := range []struct {
		what      string
		got, want float64
		tol       float64
	}{
		{"mu", r.Value("mu"), mean, 1e-8},
		{"sigma", r.Value("sigma"), sd, 1e-8},
		{"SE(mu)", r.Params[0].SE, sd / math.Sqrt(n), 1e-6},
		{"SE(sigma)", r.Params[1].SE, sd / math.Sqrt(2*n), 1e-6},
	} {
		if math.Abs(c.got-c.want) > c.tol*c.want {
			t.Errorf("%s = %.10g, want %.10g", c.what, c.got, c.want)
		}
	}
	// One evaluation per step and four for the Hessian, not one per
	// function and one per gradient call.
	if evaluations > r.Iterations*3+4+2 {
		t.Errorf("%d evaluations for %d iterations", evaluations, r.Iterations)
	}
}

// TestSumTo: the componentwise chunked sum equals the plain sum, over
// several chunks.
func TestSumTo(t *testing.T) {
	n := 3*chunk + 5
	var got [2]float64
	sumTo(got[:], n, func(part []float64, lo, hi int) {
		for i := lo; i < hi; i++ {
			part[0] += float64(i)
			part[1] += 1
		}
	})
	if want := float64(n) * float64(n-1) / 2; got[0] != want || got[1] != float64(n) {
		t.Fatalf("sumTo = %v, want [%g %d]", got, want, n)
	}
}
