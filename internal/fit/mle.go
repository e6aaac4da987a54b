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
	// nllGrad, if not nil, replaces nll and grad: it returns the negative
	// log-likelihood at p and, when grad is not nil, writes its gradient
	// there, in one pass over the customers (most of the work, the
	// log-gamma and power terms, is shared). The optimiser asks for the
	// value and the gradient at the same point; the second is served from
	// a cache.
	nllGrad func(grad, p []float64) float64
	// atBoundary, if not nil, says whether the positive parameters p have
	// run to a boundary of the parameter space where the model is not
	// identified (a → 0, say). The optimiser stops there, after the step
	// that reached it, instead of following the estimate towards 0 or ∞,
	// and the Result says so (Converged false); the model's fit then says
	// why in its own words.
	atBoundary func(p []float64) bool
	// observations is the (weighted) number of customers, BIC's n.
	observations float64
}

// estimate minimises the problem's negative log-likelihood over the
// logarithms of its parameters (so every estimate stays positive) with BFGS,
// on the mean over customers (so that steps and thresholds do not depend on
// their number), then polishes with Nelder-Mead when BFGS stops short, and
// computes the standard errors from the observed information.
func estimate(pr problem) (Result, error) {
	k := len(pr.start)
	x0 := make([]float64, k)
	for i, v := range pr.start {
		if !(v > 0) || math.IsInf(v, 0) {
			return Result{}, fmt.Errorf("%s: starting value of %s is %g, not a positive number", pr.model, pr.names[i], v)
		}
		x0[i] = math.Log(v)
	}
	f, g := logObjective(pr)
	if v := f(x0); math.IsInf(v, 0) {
		return Result{}, fmt.Errorf("%s: the likelihood is not defined at the starting values", pr.model)
	}
	// The optimiser works on the mean over customers, not the total: its
	// gradient and curvature are then of order one whatever the number of
	// customers, so BFGS's first step is of the right size (on the total
	// of 10⁶ customers the line search needed 3.6 evaluations a step
	// instead of 1.2) and the thresholds mean the same on every data set.
	scale := math.Max(1, pr.observations)
	p := optimize.Problem{
		Func: func(x []float64) float64 { return f(x) / scale },
		Grad: func(dst, x []float64) {
			g(dst, x)
			for i := range dst {
				dst[i] /= scale
			}
		},
	}
	var conv optimize.Converger = &optimize.FunctionConverge{Absolute: 1e-15, Relative: 1e-14, Iterations: 4}
	if pr.atBoundary != nil {
		conv = boundaryConverge{inner: conv, atBoundary: pr.atBoundary, theta: make([]float64, k)}
	}
	settings := &optimize.Settings{
		// 1e−8 on the mean moves the log parameters by about 1e−8 divided
		// by the curvature of the mean (of order 0.1–1): far below a
		// standard error, and above the rounding of a mean over 10⁶
		// customers, where a line search stalls.
		GradientThreshold: 1e-8,
		Converger:         conv,
		MajorIterations:   2000,
	}
	res, err := optimize.Minimize(p, x0, settings, &optimize.BFGS{})
	iterations := 0
	if res != nil {
		iterations = res.Stats.MajorIterations
	}
	if err != nil && res != nil && atRoundingLevel(res.Gradient) {
		// The line search can go no further, with the gradient of the mean
		// at the rounding level of the sum: the minimum, not a failure.
		err = nil
		res.Status = optimize.GradientThreshold
	}
	if res != nil && res.Status == boundaryStatus {
		err = nil
	} else if err != nil || res == nil || !converged(res.Status) {
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
	var se []float64
	var note string
	if pr.grad != nil || pr.nllGrad != nil {
		se, note = standardErrorsFromGradient(g, res.X)
	} else {
		se, note = standardErrors(f, res.X)
	}
	out.SENote = note
	if se != nil {
		for i := range out.Params {
			out.Params[i].SE = se[i]
		}
	}
	return out, nil
}

// logObjective is the problem's negative log-likelihood f and its gradient
// g as functions of the log parameters x = log θ (NaN becomes +Inf, so the
// line search backs off). With nllGrad, f computes the gradient too and
// keeps it for g at the same point.
func logObjective(pr problem) (f func(x []float64) float64, g func(dst, x []float64)) {
	k := len(pr.start)
	theta := make([]float64, k)
	toTheta := func(x []float64) {
		for i, v := range x {
			theta[i] = math.Exp(v)
		}
	}
	// chain rule: d/dx = d/dθ · θ
	toLog := func(dst, gt []float64) {
		for i := range dst {
			dst[i] = gt[i] * theta[i]
		}
	}
	finite := func(v float64) float64 {
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	switch {
	case pr.nllGrad != nil:
		gt := make([]float64, k)
		cacheX := make([]float64, k)
		cacheG := make([]float64, k)
		cacheV := 0.0
		cached := false
		f = func(x []float64) float64 {
			if cached && floatsEqual(x, cacheX) {
				return cacheV
			}
			toTheta(x)
			cacheV = finite(pr.nllGrad(gt, theta))
			toLog(cacheG, gt)
			copy(cacheX, x)
			cached = true
			return cacheV
		}
		g = func(dst, x []float64) {
			if !cached || !floatsEqual(x, cacheX) {
				f(x)
			}
			copy(dst, cacheG)
		}
	default:
		f = func(x []float64) float64 {
			toTheta(x)
			return finite(pr.nll(theta))
		}
		if pr.grad != nil {
			gt := make([]float64, k)
			g = func(dst, x []float64) {
				toTheta(x)
				pr.grad(gt, theta)
				toLog(dst, gt)
			}
		} else {
			g = func(dst, x []float64) {
				fd.Gradient(dst, f, x, &fd.Settings{Formula: fd.Central})
			}
		}
	}
	return f, g
}

// atRoundingLevel says whether a gradient of the mean negative
// log-likelihood in the log parameters is as small as rounding lets it be.
func atRoundingLevel(g []float64) bool {
	if len(g) == 0 {
		return false
	}
	for _, v := range g {
		if !(math.Abs(v) <= 1e-6) {
			return false
		}
	}
	return true
}

func floatsEqual(a, b []float64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// boundaryStatus ends an optimisation whose estimate has run to a
// boundary of the parameter space (problem.atBoundary).
var boundaryStatus = optimize.NewStatus("the estimate runs to a boundary of the parameter space", true, nil)

// boundaryConverge stops at a boundary, and otherwise asks inner.
type boundaryConverge struct {
	inner      optimize.Converger
	atBoundary func(p []float64) bool
	theta      []float64
}

func (b boundaryConverge) Init(dim int) { b.inner.Init(dim) }

func (b boundaryConverge) Converged(loc *optimize.Location) optimize.Status {
	for i, v := range loc.X {
		b.theta[i] = math.Exp(v)
	}
	if b.atBoundary(b.theta) {
		return boundaryStatus
	}
	return b.inner.Converged(loc)
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
	var h mat.SymDense
	fd.Hessian(&h, f, x, &fd.Settings{Formula: fd.Central, Step: 1e-4})
	return seFromHessian(&h, x)
}

// seFromHessian turns the Hessian h of the negative log-likelihood in the
// log parameters x into the standard errors of θ = exp(x), as
// standardErrors describes.
func seFromHessian(h *mat.SymDense, x []float64) ([]float64, string) {
	k := len(x)
	var chol mat.Cholesky
	if ok := chol.Factorize(h); !ok {
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

// standardErrorsFromGradient is standardErrors for a problem with an
// analytic gradient: the Hessian in the log parameters is the central
// difference of the gradient (2k gradient evaluations instead of the
// 2k²+1 function evaluations of a Hessian from values alone, and more
// accurate), made symmetric.
func standardErrorsFromGradient(g func(dst, x []float64), x []float64) ([]float64, string) {
	k := len(x)
	const step = 1e-5
	h := mat.NewSymDense(k, nil)
	xs := make([]float64, k)
	up := make([]float64, k)
	down := make([]float64, k)
	cols := make([][]float64, k)
	for j := range k {
		copy(xs, x)
		xs[j] = x[j] + step
		g(up, xs)
		xs[j] = x[j] - step
		g(down, xs)
		cols[j] = make([]float64, k)
		for i := range k {
			cols[j][i] = (up[i] - down[i]) / (2 * step)
		}
	}
	for i := range k {
		for j := i; j < k; j++ {
			h.SetSym(i, j, (cols[j][i]+cols[i][j])/2)
		}
	}
	return seFromHessian(h, x)
}
