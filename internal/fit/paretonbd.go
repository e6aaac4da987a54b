package fit

import (
	"fmt"
	"math"

	"clvlab/internal/records"
)

// ParetoNBD is a fitted Pareto/NBD model (Schmittlein, Morrison & Colombo
// 1987; as in Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value
// curves for customer base analysis", Journal of Marketing Research 42(4),
// and Fader & Hardie 2005, "A note on deriving the Pareto/NBD model and
// related expressions"): while active, a customer buys as a Poisson
// process with rate λ, gamma distributed across customers with shape R and
// rate Alpha; its lifetime is exponential with rate μ, gamma distributed
// with shape S and rate Beta.
type ParetoNBD struct {
	R, Alpha, S, Beta float64
}

// FitParetoNBD fits Pareto/NBD to continuous-time summaries by maximum
// likelihood, with an analytic gradient (the hypergeometric series
// differentiated term by term). Errors as FitBGNBD's; when the estimate
// runs to a boundary the model and Result are returned with the error.
func FitParetoNBD(cs []records.Customer) (ParetoNBD, Result, error) {
	if err := checkPurchases(KeyParetoNBD, cs); err != nil {
		return ParetoNBD{}, Result{}, err
	}
	d := newPurchaseData(cs)
	ll := newParetoLikelihood(d)
	res, err := estimate(problem{
		model:        KeyParetoNBD,
		names:        []string{"r", "alpha", "s", "beta"},
		start:        paretoStart(d),
		nllGrad:      ll.nllGrad,
		atBoundary:   func(p []float64) bool { return paretoBoundary(ParetoNBD{p[0], p[1], p[2], p[3]}) != nil },
		observations: d.customers,
	})
	if err != nil {
		return ParetoNBD{}, Result{}, err
	}
	m := ParetoNBD{R: res.Params[0].Value, Alpha: res.Params[1].Value, S: res.Params[2].Value, Beta: res.Params[3].Value}
	if err := paretoBoundary(m); err != nil {
		res.Converged = false
		res.Status = err.Error()
		return m, res, err
	}
	if !res.Converged {
		return m, res, fmt.Errorf("%s: the fit did not converge (%s): check the summary's unit and values", KeyParetoNBD, res.Status)
	}
	return m, res, nil
}

// paretoStart are the starting values: r = s = 1, α from the mean purchase
// rate (E[λ] = r/α ≈ Σx/ΣT), β = α (mean lifetime of the order of the
// time between purchases' scale).
func paretoStart(d *purchaseData) []float64 {
	s := bgnbdStart(d)
	return []float64{1, s[1], 1, s[1]}
}

func paretoBoundary(m ParetoNBD) error {
	switch {
	case m.S < 1e-4 || m.Beta > 1e9:
		return fmt.Errorf("%s: the dropout process is not identified: the estimate runs to s → 0 or beta → ∞ (s = %.3g, beta = %.3g), no customer seems to drop out in the calibration period; fit the NBD alone, or use a longer calibration period", KeyParetoNBD, m.S, m.Beta)
	case m.R > 1e6 || m.Alpha > 1e9:
		return fmt.Errorf("%s: the spread of purchase rates runs to zero (r = %.3g, alpha = %.3g → ∞): all customers seem to buy at the same rate; the gamma mixing of purchase rates is not identified on this data", KeyParetoNBD, m.R, m.Alpha)
	case m.S > 1e6:
		return fmt.Errorf("%s: s runs to infinity (s = %.3g): the dropout rate does not vary between customers; the gamma mixing of dropout rates is not identified on this data", KeyParetoNBD, m.S)
	case m.R < 1e-6 || m.Alpha < 1e-9 || m.Beta < 1e-9:
		return fmt.Errorf("%s: a parameter runs to zero (r = %.3g, alpha = %.3g, beta = %.3g): check the frequency and recency columns and their unit", KeyParetoNBD, m.R, m.Alpha, m.Beta)
	}
	return nil
}

// paretoLikelihood evaluates Pareto/NBD's negative log-likelihood and
// gradient over grouped rows. Per customer, with u = r+x and c = u+s+1
// (Fader & Hardie 2005, note, rearranged):
//
//	L = Γ(u) α^r β^s / Γ(r) · [ (α+T)^−u (β+T)^−s + ∫_{t_x}^T s (α+τ)^−u (β+τ)^−(s+1) dτ ],
//
// the first term for a customer alive at T, the integral over the death
// time τ. The note writes the integral as the difference of two ₂F₁
// terms, which cancel when t_x is close to T. Here the bracket is split
// instead into two positive terms: the integral from t_x to ∞, and the
// first term less the integral from T to ∞, which integration by parts
// turns into ∫_T^∞ u (α+τ)^−(u+1) (β+τ)^−s dτ. Each is a ₂F₁(1, ·; c; z)
// with 0 ≤ z < 1 (for α ≥ β in z = (α−β)/(α+·), for α < β in
// w = (β−α)/(β+·), by Pfaff's transformation), a series of positive,
// falling terms:
//
//	α ≥ β: e^E1 = (α+t_x)^−u (β+t_x)^−s · s/(c−1) · ₂F₁(1, u; c; (α−β)/(α+t_x))
//	       e^E2 = (α+T)^−u (β+T)^−s · u/(c−1) · (β+T)/(α+T) · ₂F₁(1, u+1; c; (α−β)/(α+T))
//	α < β: e^E1 = (α+t_x)^−u (β+t_x)^−s · s/(c−1) · (α+t_x)/(β+t_x) · ₂F₁(1, s+1; c; (β−α)/(β+t_x))
//	       e^E2 = (α+T)^−u (β+T)^−s · u/(c−1) · ₂F₁(1, s; c; (β−α)/(β+T))
//
// and log L = log Γ(u) − log Γ(r) + r log α + s log β + log(e^E1 + e^E2).
type paretoLikelihood struct {
	d      *purchaseData
	lr, dr []float64 // per distinct x: log Γ(r+x) − log Γ(r) and ψ(r+x) − ψ(r)
	// per distinct T and t_x: log(α+·), log(β+·)
	laT, lbT, laTx, lbTx []float64
}

func newParetoLikelihood(d *purchaseData) *paretoLikelihood {
	return &paretoLikelihood{
		d:  d,
		lr: make([]float64, len(d.xs)), dr: make([]float64, len(d.xs)),
		laT: make([]float64, len(d.ts)), lbT: make([]float64, len(d.ts)),
		laTx: make([]float64, len(d.txs)), lbTx: make([]float64, len(d.txs)),
	}
}

// paretoTerm is one of E1, E2 with its derivatives in r, α, s, β.
type paretoTerm struct{ e, dr, da, ds, db float64 }

// nllGrad is the negative log-likelihood at p = (r, α, s, β); with grad
// not nil, its gradient too.
func (l *paretoLikelihood) nllGrad(grad, p []float64) float64 {
	r, alpha, s, beta := p[0], p[1], p[2], p[3]
	d := l.d
	risingLog(l.lr, l.dr, d.xs, r)
	for i, t := range d.ts {
		l.laT[i], l.lbT[i] = math.Log(alpha+t), math.Log(beta+t)
	}
	for i, t := range d.txs {
		l.laTx[i], l.lbTx[i] = math.Log(alpha+t), math.Log(beta+t)
	}
	logAlpha, logBeta, logS := math.Log(alpha), math.Log(beta), math.Log(s)
	var total [5]float64
	sumTo(total[:], len(d.rows), func(part []float64, lo, hi int) {
		for _, row := range d.rows[lo:hi] {
			x := d.xs[row.x]
			u := r + x
			c := u + s + 1
			tx, T := d.txs[row.tx], d.ts[row.t]
			e1, e2 := paretoTerms(u, c, s, alpha, beta, logS, tx, T, l.laTx[row.tx], l.lbTx[row.tx], l.laT[row.t], l.lbT[row.t])
			var lse, w1 float64
			if e1.e >= e2.e {
				q := math.Exp(e2.e - e1.e)
				lse, w1 = e1.e+math.Log(1+q), 1/(1+q)
			} else {
				q := math.Exp(e1.e - e2.e)
				lse, w1 = e2.e+math.Log(1+q), q/(1+q)
			}
			w2 := 1 - w1
			w := row.w
			part[0] += w * (l.lr[row.x] + r*logAlpha + s*logBeta + lse)
			part[1] += w * (l.dr[row.x] + logAlpha + w1*e1.dr + w2*e2.dr)
			part[2] += w * (r/alpha + w1*e1.da + w2*e2.da)
			part[3] += w * (logBeta + w1*e1.ds + w2*e2.ds)
			part[4] += w * (s/beta + w1*e1.db + w2*e2.db)
		}
	})
	if grad != nil {
		for i := range 4 {
			grad[i] = -total[i+1]
		}
	}
	return -total[0]
}

// paretoTerms are E1 and E2 (paretoLikelihood) and their derivatives for
// one customer, given u = r+x, c = u+s+1 and the logs of α+t_x, β+t_x,
// α+T, β+T.
func paretoTerms(u, c, s, alpha, beta, logS, tx, T, laTx, lbTx, laT, lbT float64) (e1, e2 paretoTerm) {
	c1 := c - 1
	logC1, logU := math.Log(c1), math.Log(u)
	if alpha >= beta {
		z1 := (alpha - beta) / (alpha + tx)
		f, fb, fc, fz := hyp1(u, c, z1)
		e1 = paretoTerm{
			e:  -u*laTx - s*lbTx + logS - logC1 + math.Log(f),
			dr: -laTx - 1/c1 + (fb+fc)/f,
			ds: -lbTx + 1/s - 1/c1 + fc/f,
			da: -u/(alpha+tx) + fz/f*(beta+tx)/((alpha+tx)*(alpha+tx)),
			db: -s/(beta+tx) - fz/f/(alpha+tx),
		}
		z2 := (alpha - beta) / (alpha + T)
		f, fb, fc, fz = hyp1(u+1, c, z2)
		e2 = paretoTerm{
			e:  -u*laT - s*lbT + logU - logC1 + lbT - laT + math.Log(f),
			dr: -laT + 1/u - 1/c1 + (fb+fc)/f,
			ds: -lbT - 1/c1 + fc/f,
			da: -(u+1)/(alpha+T) + fz/f*(beta+T)/((alpha+T)*(alpha+T)),
			db: -(s-1)/(beta+T) - fz/f/(alpha+T),
		}
		return e1, e2
	}
	w1 := (beta - alpha) / (beta + tx)
	f, fb, fc, fz := hyp1(s+1, c, w1)
	e1 = paretoTerm{
		e:  -u*laTx - s*lbTx + logS - logC1 + laTx - lbTx + math.Log(f),
		dr: -laTx - 1/c1 + fc/f,
		ds: -lbTx + 1/s - 1/c1 + (fb+fc)/f,
		da: -(u-1)/(alpha+tx) - fz/f/(beta+tx),
		db: -(s+1)/(beta+tx) + fz/f*(alpha+tx)/((beta+tx)*(beta+tx)),
	}
	w2 := (beta - alpha) / (beta + T)
	f, fb, fc, fz = hyp1(s, c, w2)
	e2 = paretoTerm{
		e:  -u*laT - s*lbT + logU - logC1 + math.Log(f),
		dr: -laT + 1/u - 1/c1 + fc/f,
		ds: -lbT - 1/c1 + (fb+fc)/f,
		da: -u/(alpha+T) - fz/f/(beta+T),
		db: -s/(beta+T) + fz/f*(alpha+T)/((beta+T)*(beta+T)),
	}
	return e1, e2
}

// hyp1 is ₂F₁(1, b; c; z) for 0 ≤ z < 1 and 0 < b < c, with its
// derivatives in b, c and z, by its series Σ tₙ, t₀ = 1,
// tₙ₊₁ = tₙ (b+n)/(c+n) z: positive terms that fall at least as fast as
// zⁿ, so the sum stops when a term no longer changes it, after about
// 37/(1−z) terms. It is cut at 10⁵ terms, so it is exact to rounding for
// z ≤ 1 − 4·10⁻⁴; beyond, where in the likelihood β > 2,500·(α+T) or
// α > 2,500·(β+T) (lifetimes thousands of times the observation period:
// no dropout, or no purchases, to speak of), it is an approximation that
// still shows the estimate running off to that boundary, which
// paretoBoundary reports. The derivatives follow term by term:
// ∂tₙ/∂b = tₙ Σ_{j<n} 1/(b+j), ∂tₙ/∂c = −tₙ Σ_{j<n} 1/(c+j),
// ∂tₙ/∂z = n tₙ/z.
func hyp1(b, c, z float64) (f, fb, fc, fz float64) {
	f = 1
	if z == 0 {
		return 1, 0, 0, b / c
	}
	t, sb, sc := 1.0, 0.0, 0.0
	for n := 0.0; n < 1e5; n++ {
		sb += 1 / (b + n)
		sc += 1 / (c + n)
		t *= (b + n) / (c + n) * z
		f += t
		fb += t * sb
		fc -= t * sc
		fz += (n + 1) * t
		if t <= 1e-17*f {
			break
		}
	}
	return f, fb, fc, fz / z
}

// paretoAlive splits a customer's likelihood bracket: log of the term for
// a customer alive at T, (α+T)^−u (β+T)^−s, and log of the whole bracket.
func (m ParetoNBD) paretoAlive(c records.Customer) (alive, bracket float64) {
	u := m.R + c.Frequency
	cc := u + m.S + 1
	tx := c.Recency
	if c.Frequency == 0 {
		tx = 0
	}
	laTx, lbTx := math.Log(m.Alpha+tx), math.Log(m.Beta+tx)
	laT, lbT := math.Log(m.Alpha+c.T), math.Log(m.Beta+c.T)
	e1, e2 := paretoTerms(u, cc, m.S, m.Alpha, m.Beta, math.Log(m.S), tx, c.T, laTx, lbTx, laT, lbT)
	hi, lo := max(e1.e, e2.e), min(e1.e, e2.e)
	return -u*laT - m.S*lbT, hi + math.Log1p(math.Exp(lo-hi))
}

// PAlive is the probability that a customer with this history is still
// active at T (Fader & Hardie 2005, note): the likelihood's term
// for a customer alive at T over the whole likelihood.
func (m ParetoNBD) PAlive(c records.Customer) float64 {
	alive, bracket := m.paretoAlive(c)
	return math.Min(1, math.Exp(alive-bracket))
}

// ConditionalPurchases is E[Y(t) | x, t_x, T] (Fader & Hardie 2005,
// note): P(alive) · (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)],
// written with expm1 so that it holds at s = 1 too (the limit
// (r+x)(β+T)/(α+T) · log((β+T+t)/(β+T))).
func (m ParetoNBD) ConditionalPurchases(c records.Customer, t float64) float64 {
	if t <= 0 {
		return 0
	}
	b := m.Beta + c.T
	return m.PAlive(c) * (m.R + c.Frequency) * b / (m.Alpha + c.T) * powerRatio(m.S-1, math.Log(b)-math.Log(b+t))
}

// ExpectedPurchases is E[X(t)] (Fader & Hardie 2005, note):
// rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)].
func (m ParetoNBD) ExpectedPurchases(t float64) float64 {
	if t <= 0 {
		return 0
	}
	return m.R * m.Beta / m.Alpha * powerRatio(m.S-1, math.Log(m.Beta)-math.Log(m.Beta+t))
}

// powerRatio is (1 − e^(k·logY))/k, and −logY at k = 0.
func powerRatio(k, logY float64) float64 {
	if k == 0 {
		return -logY
	}
	return -math.Expm1(k*logY) / k
}
