package fit

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"

	"clvlab/internal/records"
)

// SBG is a fitted shifted-beta-geometric model of contract duration
// (Fader & Hardie 2007, "How to Project Customer Retention", Journal of
// Interactive Marketing 21(1)): at the end of each period a customer
// cancels with a probability θ of its own, constant over its tenure, and θ
// varies across customers as Beta(Alpha, Beta). Periods are those of the
// cohort table; period 0 is the start, when every customer is active.
type SBG struct {
	Alpha, Beta float64
}

// Churn is P(T = t), the probability that a new customer cancels at the
// end of period t (t ≥ 1): B(α+1, β+t−1) / B(α, β). Zero for t < 1.
func (m SBG) Churn(t int) float64 {
	if t < 1 {
		return 0
	}
	return math.Exp(mathext.Lbeta(m.Alpha+1, m.Beta+float64(t)-1) - mathext.Lbeta(m.Alpha, m.Beta))
}

// Survival is S(t), the probability that a new customer is still active at
// the end of period t: B(α, β+t) / B(α, β); 1 for t ≤ 0. A cohort of N
// customers is expected to keep N·S(t) of them.
func (m SBG) Survival(t int) float64 {
	if t <= 0 {
		return 1
	}
	return math.Exp(mathext.Lbeta(m.Alpha, m.Beta+float64(t)) - mathext.Lbeta(m.Alpha, m.Beta))
}

// Retention is r(t) = S(t)/S(t−1) = (β+t−1)/(α+β+t−1), the share of the
// customers active at the end of period t−1 who renew in period t (t ≥ 1).
// It rises with t although no customer's own churn probability changes:
// the customers likely to cancel leave first (Fader & Hardie 2007, eq. 8).
// For t < 1 it is 1.
func (m SBG) Retention(t int) float64 {
	if t < 1 {
		return 1
	}
	return (m.Beta + float64(t) - 1) / (m.Alpha + m.Beta + float64(t) - 1)
}

// MeanChurn is E[θ] = α/(α+β), the mean churn probability of a new
// customer.
func (m SBG) MeanChurn() float64 { return m.Alpha / (m.Alpha + m.Beta) }

// DEL is the discounted expected lifetime of a new customer, in payments:
// Σ_{t≥0} S(t)/(1+d)^t, with one payment at the start of each period the
// customer is active (the first undiscounted) and d the discount rate per
// period. In closed form, 2F1(1, β; α+β; 1/(1+d)) (Fader & Hardie 2010,
// "Customer-Base Valuation in a Contractual Setting: The Perils of
// Ignoring Heterogeneity", Marketing Science 29(1), eq. 5). Multiplied by
// the payment per period it is the expected CLV. d must be positive (NaN
// otherwise); the work grows as 1/d (hyp2f1One).
func (m SBG) DEL(d float64) float64 {
	if d == 0 {
		// Undiscounted, the expected lifetime E[1/θ] = 2F1(1, β; α+β; 1)
		// = (α+β−1)/(α−1), infinite for α ≤ 1.
		if m.Alpha <= 1 {
			return math.Inf(1)
		}
		return (m.Alpha + m.Beta - 1) / (m.Alpha - 1)
	}
	if !(d > 0) {
		return math.NaN()
	}
	return hyp2f1One(m.Beta, m.Alpha+m.Beta, 1/(1+d))
}

// DERL is the discounted expected residual lifetime, in payments, of a
// customer who has made n renewals (so has been active for n+1 periods),
// seen at the end of its current period, just before its next renewal
// decision: Σ_{t≥n+1} S(t)/S(n)/(1+d)^{t−n−1}, the payment that comes
// with the next renewal undiscounted. In closed form
// (β+n)/(α+β+n) · 2F1(1, β+n+1; α+β+n+1; 1/(1+d)) (Fader & Hardie 2010,
// eq. 6, whose n is our n+1). DEL(d) = 1 + DERL(d, 0)/(1+d). d must be
// 0 or more and n ≥ 0 (NaN otherwise); at d = 0 both are expected
// lifetimes, infinite when alpha ≤ 1.
func (m SBG) DERL(d float64, n int) float64 {
	k := float64(n)
	if d == 0 && n >= 0 {
		// Undiscounted: (β+n)/(α+β+n) · (α+β+n)/(α−1), infinite for α ≤ 1.
		if m.Alpha <= 1 {
			return math.Inf(1)
		}
		return (m.Beta + k) / (m.Alpha - 1)
	}
	if !(d > 0) || n < 0 {
		return math.NaN()
	}
	return (m.Beta + k) / (m.Alpha + m.Beta + k) * hyp2f1One(m.Beta+k+1, m.Alpha+m.Beta+k+1, 1/(1+d))
}

// hyp2f1One is the Gauss hypergeometric function 2F1(1, b; c; z) for
// 0 < b < c and 0 ≤ z < 1, the sBG's discounted lifetimes, summed as its
// series Σ_k (b)_k/(c)_k z^k: every term is positive and each is the one
// before times z(b+k)/(c+k) < z, so the sum has no cancellation and the
// tail after a term t is below t·z/(1−z); it stops when that bound is
// below 1e-17 of the sum, after about (39 + ln(1/(1−z)))/(1−z) terms
// (40/d for z = 1/(1+d)). NaN beyond 10⁸ terms (a discount rate below
// about 4e-7 per period).
//
// Not gonum's mathext.Hypergeo: with these arguments it loses up to 7
// digits (2F1(1, 121; 151; 1/1.1) is off by 6e-8 relative) and, for
// 2F1(1.1, 1; 301.1; 1/1.001), does not return (gonum v0.17.0).
func hyp2f1One(b, c, z float64) float64 {
	if !(z >= 0 && z < 1) || !(b > 0 && c > b) {
		return math.NaN()
	}
	tailFactor := z / (1 - z)
	sum, term := 0.0, 1.0
	for k := 0; k < 1e8; k++ {
		sum += term
		if term*tailFactor < 1e-17*sum {
			return sum
		}
		term *= z * (b + float64(k)) / (c + float64(k))
	}
	return math.NaN()
}

// FitSBG fits the sBG to one or several cohorts jointly (one alpha and
// beta for all): each cohort's likelihood is that of the customers who
// cancelled in each observed period, P(T = t), and of those still active
// at its last observed period, S(last) (Fader & Hardie 2007, appendix B).
// Cohorts may be observed for different numbers of periods; a cohort with
// only its starting size adds nothing. Counts may be numbers of customers
// or percentages of the starting size; the log-likelihood, standard errors
// and BIC treat them as counts of customers. A table the sBG cannot use
// gets an error that says why and what to try; when the estimate runs to a
// boundary of the parameter space, or the fit does not converge, the SBG
// and Result are returned with the error, for inspection.
func FitSBG(c records.Cohorts) (SBG, Result, error) {
	pr, err := sbgProblem(c)
	if err != nil {
		return SBG{}, Result{}, err
	}
	res, err := estimate(pr)
	if err != nil {
		return SBG{}, Result{}, err
	}
	m := SBG{Alpha: res.Value("alpha"), Beta: res.Value("beta")}
	if err := sbgBoundary(m); err != nil {
		res.Converged = false
		res.Status = err.Error()
		return m, res, err
	}
	if !res.Converged {
		return m, res, fmt.Errorf("%s: the fit did not converge (%s): check that each row counts the survivors of one cohort's starting customers", KeySBG, res.Status)
	}
	return m, res, nil
}

// sbgBoundary says when the estimate runs to a boundary of the parameter
// space, where the sBG is not identified; the message says what to do.
func sbgBoundary(m SBG) error {
	switch {
	case m.Alpha+m.Beta > 1e6:
		return fmt.Errorf("%s: the churn probability does not vary between customers (alpha = %.3g, beta = %.3g → ∞): retention is the same in every period, %.4g, and the beta mixing is not identified; a constant retention rate describes this table as well", KeySBG, m.Alpha, m.Beta, 1-m.MeanChurn())
	case m.Alpha < 1e-6 || m.Beta < 1e-6:
		return fmt.Errorf("%s: alpha or beta runs to zero (alpha = %.3g, beta = %.3g): customers split into those who leave at once and those who never leave; check that period 0 holds each cohort's starting size", KeySBG, m.Alpha, m.Beta)
	}
	return nil
}

// sbgProblem checks a cohort table and sets up its likelihood.
func sbgProblem(c records.Cohorts) (problem, error) {
	type obs struct {
		lost     []float64 // lost[t-1]: cancelled at the end of period t
		survived float64   // active at the last observed period
	}
	var data []obs
	var start, lostTotal, survivedTotal, lostFirst float64
	maxT := 0
	for i, co := range c.Cohorts {
		name := cohortName(i, co)
		if len(co.Active) == 0 {
			return problem{}, fmt.Errorf("sbg: %s has no counts: give its starting size, then the customers active at the end of each period", name)
		}
		for t, v := range co.Active {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return problem{}, fmt.Errorf("sbg: %s, period %d: %g is not a count of customers (a number ≥ 0)", name, t, v)
			}
		}
		if co.Active[0] == 0 {
			return problem{}, fmt.Errorf("sbg: %s starts with 0 customers: a cohort needs a starting size above 0 (or leave the cohort out)", name)
		}
		for t := 1; t < len(co.Active); t++ {
			if co.Active[t] > co.Active[t-1] {
				return problem{}, fmt.Errorf("sbg: %s has more customers at the end of period %d (%g) than of period %d (%g): a retention table counts the survivors of the cohort's starting customers, which can only fall; customers acquired later belong to a cohort of their own", name, t, co.Active[t], t-1, co.Active[t-1])
			}
		}
		if len(co.Active) == 1 {
			continue
		}
		o := obs{lost: make([]float64, len(co.Active)-1), survived: co.Active[len(co.Active)-1]}
		for t := 1; t < len(co.Active); t++ {
			o.lost[t-1] = co.Active[t-1] - co.Active[t]
			lostTotal += o.lost[t-1]
		}
		lostFirst += o.lost[0]
		start += co.Active[0]
		survivedTotal += o.survived
		maxT = max(maxT, len(o.lost))
		data = append(data, o)
	}
	switch {
	case len(c.Cohorts) == 0:
		return problem{}, fmt.Errorf("sbg: the cohort table has no cohorts: give one row per cohort, its label, then its starting size and the customers active at the end of each period")
	case len(data) == 0:
		return problem{}, fmt.Errorf("sbg: no cohort is observed beyond its starting size: the sBG needs the customers still active at the end of at least one period")
	case lostTotal == 0:
		return problem{}, fmt.Errorf("sbg: no customer of any cohort cancelled: churn cannot be estimated from a table with no losses (alpha → 0); observe the cohorts for longer")
	case survivedTotal == 0 && lostFirst == lostTotal:
		return problem{}, fmt.Errorf("sbg: every customer cancelled at the end of the first period: the churn probability is 1 for everyone (beta → 0) and there is no heterogeneity to estimate; check that period 0 holds the starting size")
	}
	// P[t] = P(T=t) and S[t] = S(t) by the recursions of Fader & Hardie
	// (2007, eqs. 7 and 8); dPa, dPb their derivatives in alpha and beta.
	P := make([]float64, maxT+1)
	S := make([]float64, maxT+1)
	dPa, dPb := make([]float64, maxT+1), make([]float64, maxT+1)
	dSa, dSb := make([]float64, maxT+1), make([]float64, maxT+1)
	curve := func(a, b float64) {
		S[0] = 1
		for t := 1; t <= maxT; t++ {
			ft := float64(t)
			if t == 1 {
				P[1] = a / (a + b)
				dPa[1] = b / ((a + b) * (a + b))
				dPb[1] = -a / ((a + b) * (a + b))
			} else {
				// P(t) = P(t-1)·(b+t-2)/(a+b+t-1)
				q := (b + ft - 2) / (a + b + ft - 1)
				dqa := -(b + ft - 2) / ((a + b + ft - 1) * (a + b + ft - 1))
				dqb := (a + 1) / ((a + b + ft - 1) * (a + b + ft - 1))
				P[t] = P[t-1] * q
				dPa[t] = dPa[t-1]*q + P[t-1]*dqa
				dPb[t] = dPb[t-1]*q + P[t-1]*dqb
			}
			S[t] = S[t-1] - P[t]
			dSa[t] = dSa[t-1] - dPa[t]
			dSb[t] = dSb[t-1] - dPb[t]
		}
	}
	// nllGrad is −log L and, when grad is not nil, its gradient.
	nllGrad := func(grad, p []float64) float64 {
		curve(p[0], p[1])
		ll, ga, gb := 0.0, 0.0, 0.0
		for _, o := range data {
			for t, n := range o.lost {
				if n > 0 {
					ll += n * math.Log(P[t+1])
					ga += n * dPa[t+1] / P[t+1]
					gb += n * dPb[t+1] / P[t+1]
				}
			}
			if o.survived > 0 {
				T := len(o.lost)
				ll += o.survived * math.Log(S[T])
				ga += o.survived * dSa[T] / S[T]
				gb += o.survived * dSb[T] / S[T]
			}
		}
		if grad != nil {
			grad[0], grad[1] = -ga, -gb
		}
		return -ll
	}
	// Start from a homogeneous-looking beta (alpha = 1) whose mean is the
	// pooled share lost in the first period.
	c1 := lostFirst / start
	c1 = math.Min(math.Max(c1, 0.01), 0.99)
	return problem{
		model:        KeySBG,
		names:        []string{"alpha", "beta"},
		start:        []float64{1, (1 - c1) / c1},
		nll:          func(p []float64) float64 { return nllGrad(nil, p) },
		nllGrad:      nllGrad,
		atBoundary:   func(p []float64) bool { return sbgBoundary(SBG{p[0], p[1]}) != nil },
		observations: start,
	}, nil
}

// cohortName names a cohort in messages: its label, or its row number.
func cohortName(i int, c records.Cohort) string {
	if c.Label != "" {
		return fmt.Sprintf("cohort %q (row %d)", c.Label, i+1)
	}
	return fmt.Sprintf("cohort %d", i+1)
}
