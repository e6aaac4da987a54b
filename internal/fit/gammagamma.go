package fit

import (
	"fmt"
	"math"

	"clvlab/internal/records"

	"gonum.org/v1/gonum/mathext"
)

// GammaGamma is a fitted Gamma-Gamma spend model (Fader, Hardie & Lee
// 2005, "RFM and CLV: using iso-value curves for customer base analysis",
// Journal of Marketing Research 42(4); Fader & Hardie 2013, "The
// Gamma-Gamma model of monetary value"): the value of each of a
// customer's purchases is gamma distributed with shape P and rate ν, and
// ν is gamma distributed across customers with shape Q and rate Gamma. It
// assumes that spend and purchase frequency are independent.
type GammaGamma struct {
	P, Q, Gamma float64
}

// FitGammaGamma fits Gamma-Gamma to the repeat buyers of cs (Frequency ≥ 1,
// Monetary the mean value of their repeat purchases; customers without a
// repeat purchase, and repeat buyers whose average spend is 0, are left
// out, the latter counted in Result.Status) by maximum likelihood with an
// analytic gradient. Result.Status also reports the check of the model's
// assumption that spend and frequency are independent: their correlation
// over the repeat buyers (SpendFrequencyCorrelation), as Fader & Hardie's
// note advises. When the estimate runs to a boundary the model and Result
// are returned with the error.
func FitGammaGamma(cs []records.Customer) (GammaGamma, Result, error) {
	buyers, zero, err := repeatBuyers(cs)
	if err != nil {
		return GammaGamma{}, Result{}, err
	}
	ll := newSpendLikelihood(buyers)
	res, err := estimate(problem{
		model:        KeyGammaGamma,
		names:        []string{"p", "q", "gamma"},
		start:        ll.start(),
		nllGrad:      ll.nllGrad,
		atBoundary:   func(p []float64) bool { return spendBoundary(GammaGamma{p[0], p[1], p[2]}) != nil },
		observations: ll.customers,
	})
	if err != nil {
		return GammaGamma{}, Result{}, err
	}
	m := GammaGamma{P: res.Params[0].Value, Q: res.Params[1].Value, Gamma: res.Params[2].Value}
	if err := spendBoundary(m); err != nil {
		res.Converged = false
		res.Status = err.Error()
		return m, res, err
	}
	if !res.Converged {
		return m, res, fmt.Errorf("%s: the fit did not converge (%s): check the monetary_value column", KeyGammaGamma, res.Status)
	}
	res.Status += "; " + independenceNote(SpendFrequencyCorrelation(buyers))
	if zero > 0 {
		res.Status += fmt.Sprintf("; left out %g repeat buyer(s) whose repeat purchases were all free (average spend 0): the model's amounts are positive", zero)
	}
	return m, res, nil
}

// independenceNote says how far the data bear out the model's assumption
// that spend and frequency are independent.
func independenceNote(rho float64) string {
	verdict := "weak, as the model assumes"
	if math.Abs(rho) >= 0.3 {
		verdict = "not weak: the model assumes independence, so its expected spend will be biased for frequent buyers; treat it with care"
	}
	return fmt.Sprintf("frequency and average spend of the repeat buyers correlate at %.2f (Pearson), %s", rho, verdict)
}

// SpendFrequencyCorrelation is the (weighted) Pearson correlation of
// frequency and average spend over the repeat buyers of cs: the check of
// Gamma-Gamma's independence assumption (Fader & Hardie 2013 find 0.11 on
// the CDNOW sample). NaN with fewer than two repeat buyers or no spread.
func SpendFrequencyCorrelation(cs []records.Customer) float64 {
	var n, sx, sz float64
	for _, c := range cs {
		if c.Frequency > 0 {
			w := c.Count()
			n += w
			sx += w * c.Frequency
			sz += w * c.Monetary
		}
	}
	if n < 2 {
		return math.NaN()
	}
	mx, mz := sx/n, sz/n
	var cxz, cxx, czz float64
	for _, c := range cs {
		if c.Frequency > 0 {
			w := c.Count()
			dx, dz := c.Frequency-mx, c.Monetary-mz
			cxz += w * dx * dz
			cxx += w * dx * dx
			czz += w * dz * dz
		}
	}
	return cxz / math.Sqrt(cxx*czz)
}

// repeatBuyers checks cs for Gamma-Gamma and returns its repeat buyers
// with a positive average spend, and the number (weighted) left out for an
// average spend of 0 (all their repeat purchases free: the model's gamma
// amounts are positive).
func repeatBuyers(cs []records.Customer) ([]records.Customer, float64, error) {
	var out []records.Customer
	n, zero := 0.0, 0.0
	for i, c := range cs {
		if !finite(c.Frequency) || !finite(c.Monetary) || !finite(c.Weight) || c.Weight < 0 {
			return nil, 0, fmt.Errorf("%s: %s: frequency, monetary value and weight must be numbers, the weight ≥ 0 (got %g, %g, %g)", KeyGammaGamma, customerName(c, i), c.Frequency, c.Monetary, c.Weight)
		}
		if c.Frequency <= 0 {
			continue
		}
		switch {
		case c.Monetary < 0:
			return nil, 0, fmt.Errorf("%s: %s: monetary value %g: a repeat buyer's average spend cannot be negative (returns netted against purchases?); Gamma-Gamma models positive amounts", KeyGammaGamma, customerName(c, i), c.Monetary)
		case c.Monetary == 0:
			zero += c.Count()
			continue
		}
		out = append(out, c)
		n += c.Count()
	}
	switch {
	case n == 0 && zero > 0:
		return nil, 0, fmt.Errorf("%s: every repeat buyer's average spend is 0: the spend model needs amounts; check the amount column (-amount)", KeyGammaGamma)
	case n == 0:
		return nil, 0, fmt.Errorf("%s: no repeat buyers: the spend model learns from the average value of repeat purchases, and no customer made one; use a longer calibration period or check the frequency column", KeyGammaGamma)
	case n < 2:
		return nil, 0, fmt.Errorf("%s: only one repeat buyer: the spend model needs many (hundreds at least) to tell the spread of spend between customers from that within them", KeyGammaGamma)
	}
	return out, zero, nil
}

func spendBoundary(m GammaGamma) error {
	switch {
	case m.Q > 1e6 || m.Gamma > 1e12:
		return fmt.Errorf("%s: q and gamma run to infinity (q = %.3g, gamma = %.3g): average spend does not vary between customers more than purchase-to-purchase noise explains; the spread between customers is not identified, use the mean spend instead", KeyGammaGamma, m.Q, m.Gamma)
	case m.P > 1e6:
		return fmt.Errorf("%s: p runs to infinity (p = %.3g): each customer's purchases seem to have the same value every time; the model is not identified on this data", KeyGammaGamma, m.P)
	case m.P < 1e-6 || m.Q < 1e-6 || m.Gamma < 1e-12:
		return fmt.Errorf("%s: a parameter runs to zero (p = %.3g, q = %.3g, gamma = %.3g): check the monetary_value column", KeyGammaGamma, m.P, m.Q, m.Gamma)
	}
	return nil
}

// spendLikelihood is Gamma-Gamma's negative log-likelihood over the repeat
// buyers. Per buyer with x repeat purchases of average z̄ (Fader & Hardie
// 2013):
//
//	log L = log Γ(px+q) − log Γ(px) − log Γ(q) + q log γ + (px−1) log z̄
//	      + px log x − (px+q) log(γ + x z̄)
//
// The log-gamma and digamma terms depend on x only and are computed once
// per distinct x; a row costs one log.
type spendLikelihood struct {
	xs                 []float64 // distinct frequencies
	rows               []spendRow
	customers          float64
	lg, dg, dgq, logxs []float64 // per distinct x
}

type spendRow struct {
	x          int32
	z, logZ, w float64
}

func newSpendLikelihood(buyers []records.Customer) *spendLikelihood {
	l := &spendLikelihood{}
	at := map[float64]int32{}
	for _, c := range buyers {
		i, ok := at[c.Frequency]
		if !ok {
			i = int32(len(l.xs))
			at[c.Frequency] = i
			l.xs = append(l.xs, c.Frequency)
		}
		w := c.Count()
		l.rows = append(l.rows, spendRow{x: i, z: c.Monetary, logZ: math.Log(c.Monetary), w: w})
		l.customers += w
	}
	n := len(l.xs)
	l.lg, l.dg, l.dgq, l.logxs = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i, x := range l.xs {
		l.logxs[i] = math.Log(x)
	}
	return l
}

// start: by the method of moments on the mean (E[z̄] = pγ/(q−1)) with
// p = 1 and q = 3, γ = 2·mean spend; a shape of 1 for single purchases
// and a finite variance between customers.
func (l *spendLikelihood) start() []float64 {
	mean := 0.0
	for _, r := range l.rows {
		mean += r.w * r.z
	}
	mean /= l.customers
	return []float64{1, 3, 2 * mean}
}

func (l *spendLikelihood) nllGrad(grad, p []float64) float64 {
	pp, q, gamma := p[0], p[1], p[2]
	lq, _ := math.Lgamma(q)
	psiQ := mathext.Digamma(q)
	for i, x := range l.xs {
		a, _ := math.Lgamma(pp*x + q)
		b, _ := math.Lgamma(pp * x)
		l.lg[i] = a - b - lq
		psiPQ := mathext.Digamma(pp*x + q)
		l.dg[i] = x * (psiPQ - mathext.Digamma(pp*x)) // ∂/∂p
		l.dgq[i] = psiPQ - psiQ                       // ∂/∂q
	}
	logGamma := math.Log(gamma)
	var v, gp, gq, gg float64
	for _, r := range l.rows {
		x := l.xs[r.x]
		px := pp * x
		d := gamma + x*r.z
		ld := math.Log(d)
		v += r.w * (l.lg[r.x] + q*logGamma + (px-1)*r.logZ + px*l.logxs[r.x] - (px+q)*ld)
		gp += r.w * (l.dg[r.x] + x*(r.logZ+l.logxs[r.x]-ld))
		gq += r.w * (l.dgq[r.x] + logGamma - ld)
		gg += r.w * (q/gamma - (px+q)/d)
	}
	if grad != nil {
		grad[0], grad[1], grad[2] = -gp, -gq, -gg
	}
	return -v
}

// ConditionalSpend is E[Z | z̄, x], the expected average value of a
// customer's future purchases given x repeat purchases of average z̄
// (Fader & Hardie 2013): (γ + x z̄) p / (px + q − 1), a weighted
// mean of the population mean pγ/(q−1) and the customer's own z̄. For a
// customer without repeat purchases it is the population mean.
func (m GammaGamma) ConditionalSpend(c records.Customer) float64 {
	x := c.Frequency
	if x <= 0 {
		return m.MeanSpend()
	}
	return (m.Gamma + x*c.Monetary) * m.P / (m.P*x + m.Q - 1)
}

// MeanSpend is the population mean of the average spend per purchase,
// pγ/(q−1); +Inf when q ≤ 1 (the mixing distribution has no mean).
func (m GammaGamma) MeanSpend() float64 {
	if m.Q <= 1 {
		return math.Inf(1)
	}
	return m.P * m.Gamma / (m.Q - 1)
}
