package fit

import (
	"fmt"
	"math"

	"clvlab/internal/records"
)

// BGNBD is a fitted BG/NBD model (Fader, Hardie & Lee 2005, "'Counting
// your customers' the easy way: an alternative to the Pareto/NBD model",
// Marketing Science 24(2)): while active, a customer buys as a Poisson
// process with rate λ, gamma distributed across customers with shape R and
// rate Alpha; after each purchase it drops out with probability p, beta
// distributed across customers with parameters A and B.
type BGNBD struct {
	R, Alpha, A, B float64
}

// FitBGNBD fits BG/NBD to continuous-time summaries (frequency, recency, T,
// and weights for grouped rows) by maximum likelihood, with the analytic
// gradient of the paper's log-likelihood. A fit that cannot be
// made returns an error that says why and what to try; when the estimate
// runs to a boundary of the parameter space (a → 0: no dropout in the
// data), the BGNBD and Result are returned with the error, for inspection.
func FitBGNBD(cs []records.Customer) (BGNBD, Result, error) {
	if err := checkPurchases(KeyBGNBD, cs); err != nil {
		return BGNBD{}, Result{}, err
	}
	d := newPurchaseData(cs)
	ll := newBGNBDLikelihood(d)
	res, err := estimate(problem{
		model:        KeyBGNBD,
		names:        []string{"r", "alpha", "a", "b"},
		start:        bgnbdStart(d),
		nllGrad:      ll.nllGrad,
		atBoundary:   func(p []float64) bool { return bgnbdBoundary(BGNBD{p[0], p[1], p[2], p[3]}) != nil },
		observations: d.customers,
	})
	if err != nil {
		return BGNBD{}, Result{}, err
	}
	m := BGNBD{R: res.Params[0].Value, Alpha: res.Params[1].Value, A: res.Params[2].Value, B: res.Params[3].Value}
	if err := bgnbdBoundary(m); err != nil {
		res.Converged = false
		res.Status = err.Error()
		return m, res, err
	}
	if !res.Converged {
		return m, res, fmt.Errorf("%s: the fit did not converge (%s): check the summary's unit and values (a frequency per time unit far from the others' suggests a unit mix-up)", KeyBGNBD, res.Status)
	}
	return m, res, nil
}

// bgnbdStart are the starting values: r = 1 with α from the mean purchase
// rate (E[λ] = r/α ≈ Σx/ΣT), and a = b = 1 (a uniform dropout
// probability). The log parameterisation makes the unit of time a shift of
// log α, so no hand scaling is needed.
func bgnbdStart(d *purchaseData) []float64 {
	sumT := 0.0
	for _, row := range d.rows {
		sumT += row.w * d.ts[row.t]
	}
	alpha := sumT / d.repeat
	if !(alpha > 0) || math.IsInf(alpha, 0) {
		alpha = 1
	}
	return []float64{1, alpha, 1, 1}
}

// bgnbdBoundary says when the estimate lies on a boundary of the parameter
// space, where the model is not identified.
func bgnbdBoundary(m BGNBD) error {
	switch {
	case m.A < 1e-4 || m.A/(m.A+m.B) < 1e-6:
		return fmt.Errorf("%s: the dropout process is not identified: the estimate runs to a → 0 (a = %.3g, b = %.3g), no customer seems to drop out in the calibration period; fit Pareto/NBD, or the NBD alone, or use a longer calibration period", KeyBGNBD, m.A, m.B)
	case m.B < 1e-4 || m.B/(m.A+m.B) < 1e-6 || m.A > 1e7:
		return fmt.Errorf("%s: the dropout process is not identified: the estimate runs to b → 0 or a → ∞ (a = %.3g, b = %.3g), as if every customer dropped out right after a repeat purchase (dropout probability a/(a+b) → 1); there are too few repeat purchases to tell; use a longer calibration period or more customers, or fit Pareto/NBD", KeyBGNBD, m.A, m.B)
	case m.R > 1e6 || m.Alpha > 1e9:
		return fmt.Errorf("%s: the spread of purchase rates runs to zero (r = %.3g, alpha = %.3g → ∞): all customers seem to buy at the same rate; the model's gamma mixing is not identified on this data", KeyBGNBD, m.R, m.Alpha)
	case m.B > 1e7:
		return fmt.Errorf("%s: b runs to infinity (b = %.3g): the dropout probability does not vary between customers; the beta mixing is not identified on this data", KeyBGNBD, m.B)
	case m.R < 1e-6 || m.Alpha < 1e-9:
		return fmt.Errorf("%s: r or alpha runs to zero (r = %.3g, alpha = %.3g): check the frequency and recency columns and their unit", KeyBGNBD, m.R, m.Alpha)
	}
	return nil
}

// bgnbdLikelihood evaluates BG/NBD's negative log-likelihood and gradient
// over grouped rows. Per customer (FHL 2005, in logs):
//
//	log L = log Γ(r+x) − log Γ(r) + r log α
//	      + log Γ(a+b) + log Γ(b+x) − log Γ(b) − log Γ(a+b+x)
//	      + log( (α+T)^−(r+x) + [x>0] a/(b+x−1) (α+t_x)^−(r+x) )
//
// The log-gamma ratios and log(b+x−1) depend on x only and are tabled per
// distinct x; log(α+T) and log(α+t_x) per distinct T and t_x. A row then
// costs one exp and two logs (log(1+q), not log1p: the sum is large, so an
// absolute error of 1e−16 is what matters, and log is the faster).
type bgnbdLikelihood struct {
	d *purchaseData
	// per distinct x
	lr, dr, lb, db, lab, dab []float64
	// per distinct T and t_x: log(α+·) and 1/(α+·)
	logT, invT, logTx, invTx []float64
}

func newBGNBDLikelihood(d *purchaseData) *bgnbdLikelihood {
	n := len(d.xs)
	return &bgnbdLikelihood{
		d:  d,
		lr: make([]float64, n), dr: make([]float64, n),
		lb: make([]float64, n), db: make([]float64, n),
		lab: make([]float64, n), dab: make([]float64, n),
		logT: make([]float64, len(d.ts)), invT: make([]float64, len(d.ts)),
		logTx: make([]float64, len(d.txs)), invTx: make([]float64, len(d.txs)),
	}
}

// nllGrad is the negative log-likelihood at p = (r, α, a, b); with grad
// not nil, its gradient too.
func (l *bgnbdLikelihood) nllGrad(grad, p []float64) float64 {
	r, alpha, a, b := p[0], p[1], p[2], p[3]
	d := l.d
	risingLog(l.lr, l.dr, d.xs, r)
	risingLog(l.lb, l.db, d.xs, b)
	risingLog(l.lab, l.dab, d.xs, a+b)
	for i, t := range d.ts {
		l.logT[i], l.invT[i] = math.Log(alpha+t), 1/(alpha+t)
	}
	for i, t := range d.txs {
		l.logTx[i], l.invTx[i] = math.Log(alpha+t), 1/(alpha+t)
	}
	logAlpha, logA := math.Log(alpha), math.Log(a)
	var total [5]float64
	sumTo(total[:], len(d.rows), func(part []float64, lo, hi int) {
		var v, gr, gal, ga, gb float64
		for _, row := range d.rows[lo:hi] {
			x := d.xs[row.x]
			rx := r + x
			base := l.lr[row.x] + l.lb[row.x] - l.lab[row.x]
			e3 := -rx * l.logT[row.t]
			if x == 0 {
				// log L = r log α − r log(α+T)
				w := row.w
				v += w * (r*logAlpha + e3)
				gr += w * (logAlpha - l.logT[row.t])
				gal += w * (r/alpha - rx*l.invT[row.t])
				continue
			}
			bx1 := b + x - 1
			e4 := logA - math.Log(bx1) - rx*l.logTx[row.tx]
			// log(e^e3 + e^e4) and the shares w3, w4 of the two terms
			var lse, w3, w4 float64
			if e3 >= e4 {
				q := math.Exp(e4 - e3)
				lse, w3 = e3+math.Log(1+q), 1/(1+q)
				w4 = 1 - w3
			} else {
				q := math.Exp(e3 - e4)
				lse, w4 = e4+math.Log(1+q), 1/(1+q)
				w3 = 1 - w4
			}
			w := row.w
			v += w * (base + r*logAlpha + lse)
			gr += w * (l.dr[row.x] + logAlpha - w3*l.logT[row.t] - w4*l.logTx[row.tx])
			gal += w * (r/alpha - rx*(w3*l.invT[row.t]+w4*l.invTx[row.tx]))
			ga += w * (-l.dab[row.x] + w4/a)
			gb += w * (l.db[row.x] - l.dab[row.x] - w4/bx1)
		}
		part[0] += v
		part[1] += gr
		part[2] += gal
		part[3] += ga
		part[4] += gb
	})
	if grad != nil {
		for i := range 4 {
			grad[i] = -total[i+1]
		}
	}
	return -total[0]
}

// PAlive is the probability that a customer with this history is still
// active at T (FHL 2005; the share of the likelihood's first term):
// 1 / (1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x)); 1 when x = 0.
func (m BGNBD) PAlive(c records.Customer) float64 {
	x := c.Frequency
	if x == 0 {
		return 1
	}
	e := math.Log(m.A) - math.Log(m.B+x-1) + (m.R+x)*(math.Log(m.Alpha+c.T)-math.Log(m.Alpha+c.Recency))
	return 1 / (1 + math.Exp(e))
}

// ConditionalPurchases is E[Y(t) | x, t_x, T], the expected number of
// purchases in the next t periods of a customer with this history (FHL
// 2005, eq. 10):
//
//	(a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
//	/ (1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x))
//
// evaluated without its cancellations by dropoutRatio.
func (m BGNBD) ConditionalPurchases(c records.Customer, t float64) float64 {
	if t <= 0 {
		return 0
	}
	x := c.Frequency
	return m.PAlive(c) * posteriorPurchases(m.A, m.B+x, m.R+x, m.Alpha+c.T, t)
}

// ExpectedPurchases is E[X(t)], the expected number of repeat purchases of
// a new customer in its first t periods (FHL 2005, eq. 7):
// (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
func (m BGNBD) ExpectedPurchases(t float64) float64 {
	if t <= 0 {
		return 0
	}
	return posteriorPurchases(m.A, m.B, m.R, m.Alpha, t)
}

// posteriorPurchases is E[(1 − (1 + p t/h)^−u) / p] over p ~ Beta(a, bb):
// the expected purchases in the next t periods of a customer alive now
// whose purchase rate is Gamma(u, h) and dropout probability Beta(a, bb)
// (for eq. 10, bb = b+x, u = r+x, h = α+T; for eq. 7, bb = b, u = r,
// h = α). It is (a+bb−1)·dropoutRatio, which needs a+bb > 1; below, the
// expectation is split by p + (1−p) = 1 into a/(a+bb) of the same under
// Beta(a+1, bb) and bb/(a+bb) under Beta(a, bb+1), each with a+bb one
// larger.
func posteriorPurchases(a, bb, u, h, t float64) float64 {
	if c := a + bb - 1; c > 0 {
		return c * dropoutRatio(c-u, a-1, c, h, t)
	}
	return (a*posteriorPurchases(a+1, bb, u, h, t) + bb*posteriorPurchases(a, bb+1, u, h, t)) / (a + bb)
}

// dropoutRatio is (1 − (h/(h+t))^(r+x) ₂F₁(r+x, b+x; c; z)) / ε with
// z = t/(h+t), c = a+b+x−1 > 0 and ε = a−1, the bracket of FHL's eqs. 7
// and 10 divided by a−1, for a' = c−r−x = a+b−1−r.
//
// Euler's transformation ₂F₁(A,B;C;z) = (1−z)^(C−A−B) ₂F₁(C−A,C−B;C;z)
// turns (1−z)^(r+x)·₂F₁(r+x, b+x; c; z) into y^ε ₂F₁(a', ε; c; z) with
// y = 1−z = h/(h+t), so nothing overflows however large x is (the original
// series' terms grow like n^(r+x−a)); and writing ₂F₁(a', ε; c; z) = 1 + ε S
// with S = Σ_{n≥1} (a')_n (1+ε)_{n−1} / ((c)_n n!) zⁿ gives
//
//	(1 − y^ε(1 + εS))/ε = −expm1(ε log y)/ε − y^ε S,
//
// which has no cancellation as a → 1 (the formula's (a+b+x−1)/(a−1) pole)
// and equals −log y − S at a = 1. The series converges for z < 1 (its terms
// fall like zⁿ); it takes about 37·(1 + t/h) terms. mathext.Hypergeo is not
// used here: on this function it loses digits where c−a−b is close to an
// integer and z > 0.9 (1.5e−4 relative at z = 0.999), and it does not
// return for large integer c−a−b (x around 200).
func dropoutRatio(aa, eps, c, h, t float64) float64 {
	z := t / (h + t)
	logY := math.Log(h) - math.Log(h+t)
	// S, from its first term a'·z/c (the (ε)_1/ε = 1 of the first term)
	term := aa * z / c
	s := term
	const maxTerms = 10_000_000
	for n := 1.0; n < maxTerms; n++ {
		term *= (aa + n) * (eps + n) / ((c + n) * (n + 1)) * z
		s += term
		if math.Abs(term) <= 1e-17*math.Abs(s) && (aa+n)*(eps+n)*z < (c+n)*(n+1) {
			break
		}
	}
	first := -logY
	if eps != 0 {
		first = -math.Expm1(eps*logY) / eps
	}
	return first - math.Exp(eps*logY)*s
}
