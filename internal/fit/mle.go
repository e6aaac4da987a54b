package fit

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// problem is a maximum-likelihood problem on positive parameters.
type problem struct {
	model string
	names []string
	// start holds the starting values (positive).
	start []float64
	// nll is the negative log-likelihood, the total over customers, at the
	// positive parameters p; +Inf or NaN where it is not defined.
	nll func(p []float64) float64
	// grad, if not nil, writes the gradient of nll at p into dst; without it
	// the gradient is taken by central differences.
	grad func(dst, p []float64)
	// observations is the (weighted) number of customers, BIC's n.
	observations float64
}

// estimate minimises the problem's negative log-likelihood over the
// logarithms of its parameters (so every estimate stays positive) with BFGS,
// then polishes with Nelder-Mead when BFGS stops short, and computes the
// standard errors from the observed information.
func estimate(pr problem) (Result, error) {
	k := len(pr.start)
	x0 := make([]float64, k)
	for i, v := range pr.start {
		if !(v > 0) || math.IsInf(v, 0) {
			return Result{}, fmt.Errorf("%s: starting value of %s is %g, not a positive number", pr.model, pr.names[i], v)
		}
		x0[i] = math.Log(v)
	}
	theta := make([]float64, k)
	f := func(x []float64) float64 {
		for i, v := range x {
			theta[i] = math.Exp(v)
		}
		v := pr.nll(theta)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	if v := f(x0); math.IsInf(v, 0) {
		return Result{}, fmt.Errorf("%s: the likelihood is not defined at the starting values", pr.model)
	}
	var g func(dst, x []float64)
	if pr.grad != nil {
		gt := make([]float64, k)
		g = func(dst, x []float64) {
			for i, v := range x {
				theta[i] = math.Exp(v)
			}
			pr.grad(gt, theta)
			for i := range dst {
				dst[i] = gt[i] * theta[i] // chain rule: d/dx = d/dθ · θ
			}
		}
	} else {
		g = func(dst, x []float64) {
			fd.Gradient(dst, f, x, &fd.Settings{Formula: fd.Central})
		}
	}
	p := optimize.Problem{Func: f, Grad: g}
	settings := &optimize.Settings{
		GradientThreshold: 1e-9,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-11, Relative: 1e-13, Iterations: 30},
		MajorIterations:   2000,
	}
	res, err := optimize.Minimize(p, x0, settings, &optimize.BFGS{})
	iterations := 0
	if res != nil {
		iterations = res.Stats.MajorIterations
	}
	if err != nil || res == nil || !converged(res.Status) {
		start := x0
		if res != nil && !math.IsInf(res.F, 0) && !math.IsNaN(res.F) {
			start = res.X
		}
		nm, nmErr := optimize.Minimize(optimize.Problem{Func: f}, start, &optimize.Settings{
			Converger:       &optimize.FunctionConverge{Absolute: 1e-11, Relative: 1e-13, Iterations: 200},
			MajorIterations: 20000,
		}, &optimize.NelderMead{})
		if nmErr != nil && nm == nil {
			return Result{}, fmt.Errorf("%s: the optimiser failed: %v", pr.model, nmErr)
		}
		res = nm
		iterations += nm.Stats.MajorIterations
		err = nmErr
	}
	out := Result{
		Model:        pr.model,
		Params:       make([]Param, k),
		Observations: pr.observations,
		Iterations:   iterations,
		Converged:    err == nil && converged(res.Status),
		Status:       res.Status.String(),
	}
	if err != nil {
		out.Status = err.Error()
	}
	ll := -f(res.X)
	if math.IsInf(ll, 0) || math.IsNaN(ll) {
		return Result{}, fmt.Errorf("%s: the optimiser ended where the likelihood is not defined", pr.model)
	}
	out.LogLikelihood = ll
	out.AIC = 2*float64(k) - 2*ll
	out.BIC = float64(k)*math.Log(pr.observations) - 2*ll
	for i := range out.Params {
		out.Params[i] = Param{Name: pr.names[i], Value: math.Exp(res.X[i]), SE: math.NaN()}
	}
	se, note := standardErrors(f, res.X)
	out.SENote = note
	if se != nil {
		for i := range out.Params {
			out.Params[i].SE = se[i]
		}
	}
	return out, nil
}

func converged(s optimize.Status) bool {
	switch s {
	case optimize.GradientThreshold, optimize.FunctionConvergence, optimize.StepConvergence, optimize.Success, optimize.FunctionThreshold:
		return true
	}
	return false
}

// standardErrors are the square roots of the diagonal of the inverse
// observed information. The Hessian H_x of the negative log-likelihood is
// taken by central differences in the log parameters x = log θ; at the
// estimate the gradient is zero, so the Hessian in θ is D⁻¹·H_x·D⁻¹ with
// D = diag(θ), and the covariance of θ is D·H_x⁻¹·D: SE(θ_i) =
// θ_i·sqrt((H_x⁻¹)_ii). When H_x is not positive definite (a flat or
// saddle direction) the standard errors are not given, and the note says
// why.
func standardErrors(f func([]float64) float64, x []float64) ([]float64, string) {
	k := len(x)
	var h mat.SymDense
	fd.Hessian(&h, f, x, &fd.Settings{Formula: fd.Central, Step: 1e-4})
	var chol mat.Cholesky
	if ok := chol.Factorize(&h); !ok {
		return nil, "the observed information is singular (not positive definite) at the estimate: standard errors are not given"
	}
	var cov mat.SymDense
	if err := chol.InverseTo(&cov); err != nil {
		return nil, "the observed information cannot be inverted: standard errors are not given"
	}
	se := make([]float64, k)
	for i := range k {
		v := cov.At(i, i)
		if !(v >= 0) {
			return nil, "the observed information is singular at the estimate: standard errors are not given"
		}
		se[i] = math.Exp(x[i]) * math.Sqrt(v)
	}
	return se, ""
}
