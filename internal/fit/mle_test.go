package fit

import (
	"math"
	"testing"

	"clvlab/internal/records"
)

// TestEstimateNormal fits a normal distribution's mean and standard
// deviation, whose maximum-likelihood estimates and observed-information
// standard errors are closed forms: μ̂ = x̄, σ̂² = Σ(x−x̄)²/n,
// SE(μ̂) = σ̂/√n, SE(σ̂) = σ̂/√(2n).
func TestEstimateNormal(t *testing.T) {
	xs := []float64{3.1, 4.7, 2.2, 5.9, 4.4, 3.8, 5.1, 2.9}
	n := float64(len(xs))
	mean := 0.0
	for _, x := range xs {
		mean += x
	}
	mean /= n // 32.1/8 = 4.0125
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / n)
	r, err := estimate(problem{
		model: "normal",
		names: []string{"mu", "sigma"},
		start: []float64{1, 1},
		nll: func(p []float64) float64 {
			v := n * math.Log(p[1])
			for _, x := range xs {
				v += (x - p[0]) * (x - p[0]) / (2 * p[1] * p[1])
			}
			return v
		},
		observations: n,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Converged {
		t.Fatalf("did not converge: %s", r.Status)
	}
	check := func(what string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol*math.Abs(want) {
			t.Errorf("%s = %.10g, want %.10g", what, got, want)
		}
	}
	check("mu", r.Value("mu"), mean, 1e-7)
	check("sigma", r.Value("sigma"), sd, 1e-7)
	check("SE(mu)", r.Params[0].SE, sd/math.Sqrt(n), 1e-4)
	check("SE(sigma)", r.Params[1].SE, sd/math.Sqrt(2*n), 1e-4)
	// log L at the estimate: −n·log σ̂ − n/2 (the 2π term left out, as in nll).
	check("log-likelihood", r.LogLikelihood, -n*math.Log(sd)-n/2, 1e-10)
	check("AIC", r.AIC, 4-2*r.LogLikelihood, 1e-12)
	check("BIC", r.BIC, 2*math.Log(n)-2*r.LogLikelihood, 1e-12)
}

// TestEstimateSingular: a likelihood that depends on a·b only has a flat
// direction, so its observed information is singular and no standard
// errors are given.
func TestEstimateSingular(t *testing.T) {
	r, err := estimate(problem{
		model: "product",
		names: []string{"a", "b"},
		start: []float64{1, 1},
		nll: func(p []float64) float64 {
			d := p[0]*p[1] - 6
			return d * d
		},
		observations: 10,
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.SENote == "" || !math.IsNaN(r.Params[0].SE) {
		t.Fatalf("standard errors given for a singular information: %+v", r)
	}
}

func TestSumAndGroup(t *testing.T) {
	n := 3*chunk + 17
	got := make([]float64, 2)
	sumTo(got, n, func(part []float64, lo, hi int) {
		for i := lo; i < hi; i++ {
			part[0] += float64(i)
			part[1]++
		}
	})
	if want := float64(n) * float64(n-1) / 2; got[0] != want || got[1] != float64(n) {
		t.Fatalf("sumTo = %v, want [%g %d]", got, want, n)
	}
	cs := []records.Customer{
		{Frequency: 1, Recency: 2, T: 5},
		{Frequency: 0, Recency: 0, T: 5, Weight: 3},
		{Frequency: 1, Recency: 2, T: 5},
	}
	g := group(cs)
	if len(g) != 2 || g[0].Weight != 2 || g[1].Weight != 3 {
		t.Fatalf("group = %+v", g)
	}
}
