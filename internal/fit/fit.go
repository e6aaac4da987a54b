package fit

import (
	"math"

	"clvlab/internal/records"
)

// Param is one fitted parameter, by the name the literature gives it
// (alpha, beta, r, a, b, s, gamma, delta, p, q).
type Param struct {
	Name  string
	Value float64
	// SE is the standard error from the observed information; NaN when the
	// Hessian at the estimate is singular (Result.SENote says so).
	SE float64
}

// Result is a model's fit: its estimates and how the estimation went.
type Result struct {
	// Model is the model's key: sbg, bgbb, bgnbd, paretonbd, gammagamma.
	Model  string
	Params []Param
	// LogLikelihood is the total over customers (not a mean).
	LogLikelihood float64
	// Observations is the number of customers (weighted) the fit used; BIC's n.
	Observations float64
	AIC, BIC     float64
	Iterations   int
	Converged    bool
	// Status says how the optimiser ended, in words.
	Status string
	// SENote says why standard errors are not given, when they are not.
	SENote string
}

// Value is the estimate of the named parameter; NaN when the model has no
// parameter of that name.
func (r Result) Value(name string) float64 {
	for _, p := range r.Params {
		if p.Name == name {
			return p.Value
		}
	}
	return math.NaN()
}

// Model keys, as fit.json and -models spell them. (The models' own types
// carry the plain names: SBG, BGBB, BGNBD, ParetoNBD, GammaGamma.)
const (
	KeySBG        = "sbg"
	KeyBGBB       = "bgbb"
	KeyBGNBD      = "bgnbd"
	KeyParetoNBD  = "paretonbd"
	KeyGammaGamma = "gammagamma"
)

// Name is a model's name as the literature writes it, for people: BG/NBD,
// Pareto/NBD, BG/BB, sBG, Gamma-Gamma (the key itself for any other).
func Name(key string) string {
	switch key {
	case KeyBGNBD:
		return "BG/NBD"
	case KeyParetoNBD:
		return "Pareto/NBD"
	case KeyBGBB:
		return "BG/BB"
	case KeySBG:
		return "sBG"
	case KeyGammaGamma:
		return "Gamma-Gamma"
	}
	return key
}

// Purchases is a fitted non-contractual purchase model (BG/NBD, Pareto/NBD,
// BG/BB): what the command line and the charts ask of each. Times are in the
// summary's unit; for BG/BB, t counts transaction opportunities.
type Purchases interface {
	// PAlive is the probability that the customer is still active at the
	// end of calibration, given its history.
	PAlive(c records.Customer) float64
	// ConditionalPurchases is the expected number of purchases in the next t
	// periods, given the customer's history.
	ConditionalPurchases(c records.Customer, t float64) float64
	// ExpectedPurchases is E[X(t)], the expected number of repeat purchases
	// of a new customer in its first t periods.
	ExpectedPurchases(t float64) float64
}
