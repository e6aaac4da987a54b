package fit

import (
	"fmt"
	"math"
)

// Class is one latent class of a fitted model as a scenario holds it: a
// share of the new customers who all have the same parameter values, so
// that the model's heterogeneity becomes a finite mixture the engine can
// run. A class is one "active" stage: a customer active at the start of a
// period is active at the start of the next with probability Stay, and
// makes Purchases expected purchases in the period.
type Class struct {
	// Share is the quadrature weight: the share of new customers.
	Share float64
	// Stay is the probability that a customer active at the start of a
	// period is still active at the start of the next: 1−θ (sBG),
	// e^(−λpΔ) (BG/NBD), e^(−μΔ) (Pareto/NBD).
	Stay float64
	// Purchases is the expected number of (repeat) purchases in a period
	// that the customer starts active: (1 − e^(−λpΔ))/p (BG/NBD),
	// λ(1 − e^(−μΔ))/μ (Pareto/NBD); 0 for the sBG, a contract with one
	// payment per period.
	Purchases float64
	// Rate is the purchase rate λ per unit of time (0 for the sBG).
	Rate float64
	// Dropout is the churn probability θ per period (sBG), the dropout
	// probability p after each purchase (BG/NBD) or the dropout rate μ per
	// unit of time (Pareto/NBD).
	Dropout float64
}

// Classes is a fitted model as a finite mixture of classes, with the grid
// that made it and how closely it reproduces the model.
type Classes struct {
	// Model is the model's key (KeySBG, KeyBGNBD, KeyParetoNBD).
	Model   string
	Classes []Class
	// Grid says how the classes were made, for the scenario's comments:
	// the rule and its number of points per dimension.
	Grid string
	// Periods is the number of periods over which the mixture was checked
	// against the model, and Worst the largest difference found: absolute
	// in S(t) for the sBG, relative in E[X(t)] for the others.
	Periods int
	Worst   float64
	// Delta is the length of one period in the model's unit of time.
	Delta float64
}

// Survival is the mixture's S(t), the share of new customers still active
// at the start of period t (t ≥ 0): Σ share·stay^t.
func (c Classes) Survival(t int) float64 {
	s := 0.0
	for _, k := range c.Classes {
		s += k.Share * math.Pow(k.Stay, float64(t))
	}
	return s
}

// CumulativePurchasesTo sets dst[t−1] to the mixture's expected purchases
// of a new customer in its first t periods, E[X(tΔ)], t = 1..len(dst).
func (c Classes) CumulativePurchasesTo(dst []float64) {
	clear(dst)
	for _, k := range c.Classes {
		alive, sum := k.Share, 0.0
		for t := range dst {
			sum += alive * k.Purchases
			alive *= k.Stay
			dst[t] += sum
		}
	}
}

// Tolerances of the class grids: the mixture must reproduce the sBG's S(t)
// to sbgTolerance (absolute) and E[X(t)] to purchasesTolerance (relative)
// over the periods checked; both are ten times tighter than the scenario
// promises (S(t) to 1e-6, E[X(t)] and CLV to 1e-3), so that a grid is not
// chosen on the edge.
const (
	sbgTolerance       = 1e-7
	purchasesTolerance = 1e-4
	// MinPeriods is the least number of periods a mixture is checked over:
	// the first 100 periods for the sBG; for the purchase models, 78 weeks'
	// worth at least (the CDNOW holdout, Fader, Hardie & Lee 2005).
	minSBGPeriods = 100
	// MaxClasses is the most classes a mixture has: the engine runs up to
	// a few hundred.
	MaxClasses = 400
)

// SBGClasses turns a fitted sBG into K classes with a constant churn
// probability each: the K-point Gauss–Jacobi rule of Beta(α, β) over θ.
// S(t) = E[(1−θ)^t] is a polynomial of degree t in θ, which a K-point Gauss
// rule integrates exactly for t ≤ 2K−1; beyond that the rule converges
// fast (for the Fader–Hardie 2007 cohorts K = 20 is within 1e-8 over 100
// periods). K is the smallest of 4, 6, … that reproduces S(t) to 1e-7 over
// max(100, periods) periods, at most 64 (then the best found is returned
// and Worst says how close it is).
func SBGClasses(m SBG, periods int) Classes {
	n := max(periods, minSBGPeriods)
	var best Classes
	for k := 4; k <= 64; k += 2 {
		q := GaussJacobi(k, m.Alpha, m.Beta)
		c := Classes{Model: KeySBG, Periods: n, Delta: 1}
		for i, theta := range q.Node {
			c.Classes = append(c.Classes, Class{Share: q.Weight[i], Stay: 1 - theta, Dropout: theta})
		}
		c.Grid = fmt.Sprintf("%d-point Gauss–Jacobi rule of Beta(%.4g, %.4g) over the churn probability", k, m.Alpha, m.Beta)
		for t := 0; t <= n; t++ {
			c.Worst = math.Max(c.Worst, math.Abs(c.Survival(t)-m.Survival(t)))
		}
		if best.Classes == nil || c.Worst < best.Worst {
			best = c
		}
		if c.Worst <= sbgTolerance {
			return c
		}
	}
	return best
}

// purchaseGrids are the grids tried for BG/NBD and Pareto/NBD, smallest
// first: points over the purchase rate λ, points over the dropout, and the
// tilt of the λ rule (see tiltedGamma) in units of its rate. Found by
// trying them on the CDNOW fits (78 and 157 weeks): the untilted
// Gauss–Laguerre rule needs 40 × 15 points for 1e-4 where the tilted one
// needs 12 × 12.
var purchaseGrids = []struct{ rate, dropout int }{
	{6, 6}, {8, 8}, {10, 10}, {12, 12}, {15, 12}, {15, 15}, {20, 15}, {20, 20},
}

// tiltedGamma is a K-point rule for Gamma(shape, rate) exact for
// e^(−c·x)·(polynomials of degree ≤ 2K−1) instead of polynomials: the
// Gauss–Laguerre rule of Gamma(shape, rate+c) with each weight multiplied
// by (rate/(rate+c))^shape·e^(c·x). The functions a class mixture must
// integrate are e^(−x·s) for s from 0 to the horizon, which a plain
// Gauss–Laguerre rule of a shape below 1 (mass piled up near 0) gets
// slowly; tilting by c of the order of the rate spreads the nodes where
// those functions change. The weights are scaled to sum to 1 (they do to
// within 3e-5 for the tilts used).
func tiltedGamma(k int, shape, rate, c float64) Quadrature {
	q := GaussLaguerre(k, shape, rate+c)
	f := math.Pow(rate/(rate+c), shape)
	total := 0.0
	for i, x := range q.Node {
		q.Weight[i] *= f * math.Exp(c*x)
		total += q.Weight[i]
	}
	for i := range q.Weight {
		q.Weight[i] /= total
	}
	return q
}

// tilts are the tilts tried per grid, in units of the rule's rate.
var tilts = []float64{2, 1, 4}

// purchasePeriods is the number of periods of length delta a purchase
// model's mixture is checked over: at least periods, and at least 78
// weeks' worth when unit is the model's unit length in days.
func purchasePeriods(periods int, delta, unitDays float64) int {
	return max(periods, int(math.Ceil(78*7/(delta*unitDays))))
}

// BGNBDClasses turns a fitted BG/NBD into classes over (λ, p), periods of
// length delta in the model's unit of time (unitDays days long): a tilted
// Gauss–Laguerre rule of Gamma(r, α) over λ times a Gauss–Jacobi rule of
// Beta(a, b) over p. A class (λ, p) keeps a customer active from one
// period to the next with probability e^(−λpΔ) and expects (1 − e^(−λpΔ))/p
// purchases in a period it starts active: while active it buys at rate λ
// and drops out after each purchase with probability p, so it drops out at
// rate λp and E[X(t) | λ, p] = (1 − e^(−λpt))/p (Fader, Hardie & Lee 2005,
// eq. 5's integrand), which the class reproduces at every period boundary.
// The grid is the smallest of purchaseGrids whose E[X(t)] is within 1e-4
// (relative) of the model's at every period boundary over
// purchasePeriods; failing that, the closest.
func BGNBDClasses(m BGNBD, delta, unitDays float64, periods int) Classes {
	n := purchasePeriods(periods, delta, unitDays)
	exact := make([]float64, n)
	for t := range exact {
		exact[t] = m.ExpectedPurchases(float64(t+1) * delta)
	}
	return bestGrid(KeyBGNBD, exact, delta, func(kl, kd int, tilt float64) (Classes, string) {
		ql := tiltedGamma(kl, m.R, m.Alpha, tilt*m.Alpha)
		qp := GaussJacobi(kd, m.A, m.B)
		c := Classes{Model: KeyBGNBD, Delta: delta}
		for i, l := range ql.Node {
			for j, p := range qp.Node {
				stay := math.Exp(-l * p * delta)
				c.Classes = append(c.Classes, Class{Share: ql.Weight[i] * qp.Weight[j], Stay: stay,
					Purchases: -math.Expm1(-l*p*delta) / p, Rate: l, Dropout: p})
			}
		}
		return c, fmt.Sprintf("%d × %d classes: a %d-point Gauss–Laguerre rule of Gamma(r = %.4g, α = %.4g) over the purchase rate λ, tilted by %g·α, times a %d-point Gauss–Jacobi rule of Beta(a = %.4g, b = %.4g) over the dropout probability p",
			kl, kd, kl, m.R, m.Alpha, tilt, kd, m.A, m.B)
	})
}

// ParetoNBDClasses turns a fitted Pareto/NBD into classes over (λ, μ),
// as BGNBDClasses: a tilted Gauss–Laguerre rule of Gamma(r, α) over λ times
// one of Gamma(s, β) over μ. A class keeps a customer active from one
// period to the next with probability e^(−μΔ) and expects
// λ(1 − e^(−μΔ))/μ purchases in a period it starts active
// (E[X(t) | λ, μ] = λ(1 − e^(−μt))/μ, Fader & Hardie 2005's note).
func ParetoNBDClasses(m ParetoNBD, delta, unitDays float64, periods int) Classes {
	n := purchasePeriods(periods, delta, unitDays)
	exact := make([]float64, n)
	for t := range exact {
		exact[t] = m.ExpectedPurchases(float64(t+1) * delta)
	}
	return bestGrid(KeyParetoNBD, exact, delta, func(kl, kd int, tilt float64) (Classes, string) {
		ql := tiltedGamma(kl, m.R, m.Alpha, tilt*m.Alpha)
		qm := tiltedGamma(kd, m.S, m.Beta, tilt*m.Beta)
		c := Classes{Model: KeyParetoNBD, Delta: delta}
		for i, l := range ql.Node {
			for j, mu := range qm.Node {
				c.Classes = append(c.Classes, Class{Share: ql.Weight[i] * qm.Weight[j], Stay: math.Exp(-mu * delta),
					Purchases: -l * math.Expm1(-mu*delta) / mu, Rate: l, Dropout: mu})
			}
		}
		return c, fmt.Sprintf("%d × %d classes: a %d-point Gauss–Laguerre rule of Gamma(r = %.4g, α = %.4g) over the purchase rate λ times a %d-point one of Gamma(s = %.4g, β = %.4g) over the dropout rate μ, both tilted by %g times their rate",
			kl, kd, kl, m.R, m.Alpha, kd, m.S, m.Beta, tilt)
	})
}

// bestGrid tries the grids in order, each with every tilt, and returns
// the first mixture within purchasesTolerance of exact (exact[t−1] =
// E[X(tΔ)]), or the closest.
func bestGrid(model string, exact []float64, delta float64, grid func(kl, kd int, tilt float64) (Classes, string)) Classes {
	var best Classes
	got := make([]float64, len(exact))
	for _, g := range purchaseGrids {
		if g.rate*g.dropout > MaxClasses {
			break
		}
		for _, tilt := range tilts {
			c, how := grid(g.rate, g.dropout, tilt)
			c.Grid, c.Periods = how, len(exact)
			c.CumulativePurchasesTo(got)
			for t, e := range exact {
				c.Worst = math.Max(c.Worst, math.Abs(got[t]/e-1))
			}
			if best.Classes == nil || c.Worst < best.Worst {
				best = c
			}
			if c.Worst <= purchasesTolerance {
				return c
			}
		}
	}
	return best
}
