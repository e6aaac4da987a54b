package fit

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"

	"clvlab/internal/records"
)

// BGBB is a fitted beta-geometric/beta-Bernoulli model (Fader, Hardie &
// Shang 2010, "Customer-Base Analysis in a Discrete-Time Noncontractual
// Setting", Marketing Science 29(6)) of repeat purchases at discrete
// transaction opportunities (a yearly gala, a weekly visit): while active,
// a customer buys at each opportunity with probability p; at the start of
// each opportunity it becomes inactive, for good, with probability θ. p
// varies across customers as Beta(Alpha, Beta), θ as Beta(Gamma, Delta).
//
// A customer's summary is read in opportunities: Frequency is x, the
// number of opportunities with a purchase after the first purchase;
// Recency is t_x, the opportunity of the last of them (0 when x = 0); T is
// n, the number of opportunities since the first purchase. The times of
// the Purchases methods count opportunities too.
type BGBB struct {
	Alpha, Beta, Gamma, Delta float64
}

var _ Purchases = BGBB{}

// logAlive is the logarithm of the likelihood's first term for a customer
// with x purchases in n opportunities, alive through opportunity n:
// B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ) (Fader, Hardie & Shang 2010,
// eq. 5).
func (m BGBB) logAlive(x, n float64) float64 {
	return mathext.Lbeta(m.Alpha+x, m.Beta+n-x) - mathext.Lbeta(m.Alpha, m.Beta) +
		mathext.Lbeta(m.Gamma, m.Delta+n) - mathext.Lbeta(m.Gamma, m.Delta)
}

// logLikelihood is log L(α, β, γ, δ | x, t_x, n) (Fader, Hardie & Shang
// 2010, eq. 5): alive through opportunity n, or dropped out at the start
// of opportunity t_x+i+1 for i = 0, …, n−t_x−1. Each dead term follows from
// the one before by the recursion B(a, b+1) = B(a, b)·b/(a+b), so a
// customer costs four log-beta functions and n − t_x multiplications.
func (m BGBB) logLikelihood(x, tx, n float64) float64 {
	alive := m.logAlive(x, n)
	k := int(n - tx)
	if k <= 0 {
		return alive
	}
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	dead0 := mathext.Lbeta(a+x, b+tx-x) - mathext.Lbeta(a, b) +
		mathext.Lbeta(g+1, d+tx) - mathext.Lbeta(g, d)
	// Σ_i exp(dead_i − dead0), each term the one before times
	// (β+t_x−x+i)/(α+β+t_x+i) · (δ+t_x+i)/(γ+δ+1+t_x+i).
	sum, term := 1.0, 1.0
	for i := 1; i < k; i++ {
		j := tx + float64(i-1)
		term *= (b + j - x) / (a + b + j) * (d + j) / (g + d + 1 + j)
		sum += term
	}
	top := math.Max(alive, dead0)
	return top + math.Log(math.Exp(alive-top)+sum*math.Exp(dead0-top))
}

// PAlive is the probability that the customer is still active at the next
// opportunity, n+1, given its history (Fader, Hardie & Shang 2010, eq. 11;
// their Table 6 gives it "in 2002" after the 1996–2001 opportunities):
// B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L.
func (m BGBB) PAlive(c records.Customer) float64 {
	x, tx, n := c.Frequency, c.Recency, c.T
	return math.Exp(m.logAlive(x, n) + math.Log((m.Delta+n)/(m.Gamma+m.Delta+n)) - m.logLikelihood(x, tx, n))
}

// aliveSum is Σ_{t=n+1}^{n+k} B(γ, δ+t)/B(γ, δ), the expected number of the
// opportunities n+1, …, n+k at which a customer alive at opportunity n is
// still alive, times P(alive at n) unconditionally. Closed form (Fader,
// Hardie & Shang 2010, eqs. 8 and 13): δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) ·
// [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+k)/Γ(γ+δ+n+k)]; near γ = 1, where that
// form is 0/0, the sum itself (k a whole number of opportunities).
func (m BGBB) aliveSum(n, k float64) float64 {
	g, d := m.Gamma, m.Delta
	if k <= 0 {
		return 0
	}
	if math.Abs(g-1) < 1e-3 {
		// B(γ, δ+t)/B(γ, δ) = Π_{j<t} (δ+j)/(γ+δ+j).
		s := math.Exp(mathext.Lbeta(g, d+n+1) - mathext.Lbeta(g, d))
		total := 0.0
		for t := 1; t <= int(k); t++ {
			total += s
			s *= (d + n + float64(t)) / (g + d + n + float64(t))
		}
		return total
	}
	lg := func(v float64) float64 { l, _ := math.Lgamma(v); return l }
	base := lg(g+d) - lg(1+d)
	u := math.Exp(base + lg(1+d+n) - lg(g+d+n))
	v := math.Exp(base + lg(1+d+n+k) - lg(g+d+n+k))
	return d / (g - 1) * (u - v)
}

// ExpectedPurchases is E[X(n)], the expected number of purchases of a new
// customer in its first n opportunities after the first purchase (Fader,
// Hardie & Shang 2010, eq. 8): α/(α+β) · Σ_{t=1}^{n} P(alive at t).
// Non-positive n gives 0; a fractional n away from γ = 1 interpolates the
// closed form, near γ = 1 counts whole opportunities.
func (m BGBB) ExpectedPurchases(n float64) float64 {
	if !(n > 0) {
		return 0
	}
	return m.Alpha / (m.Alpha + m.Beta) * m.aliveSum(0, n)
}

// ConditionalPurchases is the expected number of purchases in the next k
// opportunities, n+1, …, n+k, given the customer's history (x, t_x, n)
// (Fader, Hardie & Shang 2010, eq. 13):
// B(α+x+1, β+n−x)/B(α,β) · Σ_{t=n+1}^{n+k} B(γ, δ+t)/B(γ,δ) / L.
func (m BGBB) ConditionalPurchases(c records.Customer, k float64) float64 {
	if !(k > 0) {
		return 0
	}
	x, tx, n := c.Frequency, c.Recency, c.T
	l := mathext.Lbeta(m.Alpha+x+1, m.Beta+n-x) - mathext.Lbeta(m.Alpha, m.Beta) - m.logLikelihood(x, tx, n)
	return math.Exp(l) * m.aliveSum(n, k)
}

// PurchaseProbability is P(X(n) = x), the probability that a new customer
// makes x purchases in its first n opportunities (Fader, Hardie & Shang
// 2010, eq. 7); n and x whole numbers, 0 ≤ x ≤ n. n times the customers
// of a cohort is the histogram a fit is checked against.
func (m BGBB) PurchaseProbability(n, x int) float64 {
	if x < 0 || n < 0 || x > n {
		return 0
	}
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	fx, fn := float64(x), float64(n)
	lab, lgd := mathext.Lbeta(a, b), mathext.Lbeta(g, d)
	p := math.Exp(lchoose(fn, fx) + mathext.Lbeta(a+fx, b+fn-fx) - lab + mathext.Lbeta(g, d+fn) - lgd)
	for i := x; i < n; i++ {
		fi := float64(i)
		p += math.Exp(lchoose(fi, fx) + mathext.Lbeta(a+fx, b+fi-fx) - lab + mathext.Lbeta(g+1, d+fi) - lgd)
	}
	return p
}

// lchoose is log C(n, k).
func lchoose(n, k float64) float64 {
	a, _ := math.Lgamma(n + 1)
	b, _ := math.Lgamma(k + 1)
	c, _ := math.Lgamma(n - k + 1)
	return a - b - c
}

// FitBGBB fits the BG/BB to customers summarised in opportunities
// (Frequency x, Recency t_x, T n; a Weight stands for that many customers,
// as in the grouped data the literature prints). Identical rows are
// grouped. Customers the BG/BB cannot use get an error that names the row
// and says what to fix; when the estimate runs to a boundary of the
// parameter space, or the fit does not converge, the BGBB and Result are
// returned with the error, for inspection.
func FitBGBB(cs []records.Customer) (BGBB, Result, error) {
	pr, err := bgbbProblem(cs)
	if err != nil {
		return BGBB{}, Result{}, err
	}
	res, err := estimate(pr)
	if err != nil {
		return BGBB{}, Result{}, err
	}
	m := BGBB{Alpha: res.Value("alpha"), Beta: res.Value("beta"), Gamma: res.Value("gamma"), Delta: res.Value("delta")}
	if err := bgbbBoundary(m); err != nil {
		res.Converged = false
		res.Status = err.Error()
		return m, res, err
	}
	if !res.Converged {
		return m, res, fmt.Errorf("%s: the fit did not converge (%s): check that frequency, recency and periods count transaction opportunities", KeyBGBB, res.Status)
	}
	return m, res, nil
}

// bgbbBoundary says when the estimate runs to a boundary of the parameter
// space, where the BG/BB is not identified; the message says what to do.
func bgbbBoundary(m BGBB) error {
	switch {
	case m.Gamma < 1e-6 || m.Gamma/(m.Gamma+m.Delta) < 1e-6:
		return fmt.Errorf("%s: the dropout process is not identified: the estimate runs to gamma → 0 (gamma = %.3g, delta = %.3g), no customer seems to drop out in these opportunities; use a longer history, in which quiet customers show", KeyBGBB, m.Gamma, m.Delta)
	case m.Alpha+m.Beta > 1e7:
		return fmt.Errorf("%s: the purchase probability does not vary between customers (alpha = %.3g, beta = %.3g → ∞): the beta mixing of purchases is not identified on this data", KeyBGBB, m.Alpha, m.Beta)
	case m.Gamma+m.Delta > 1e7:
		return fmt.Errorf("%s: the dropout probability does not vary between customers (gamma = %.3g, delta = %.3g → ∞): the beta mixing of dropout is not identified on this data", KeyBGBB, m.Gamma, m.Delta)
	case m.Alpha < 1e-6 || m.Beta < 1e-6:
		return fmt.Errorf("%s: alpha or beta runs to zero (alpha = %.3g, beta = %.3g): customers seem either never or always to buy; check the frequency and periods columns", KeyBGBB, m.Alpha, m.Beta)
	}
	return nil
}

// bgbbProblem checks the customers and sets up their likelihood.
func bgbbProblem(cs []records.Customer) (problem, error) {
	if len(cs) == 0 {
		return problem{}, fmt.Errorf("bgbb: there are no customers to fit")
	}
	var total, buyers, everyTime float64
	for i, c := range cs {
		if err := checkOpportunities(c); err != nil {
			return problem{}, fmt.Errorf("bgbb: %s: %v", customerName(c, i), err)
		}
		w := c.Count()
		total += w
		if c.Frequency > 0 {
			buyers += w
		}
		if c.Frequency == c.T {
			everyTime += w
		}
	}
	switch {
	case total < 2:
		return problem{}, fmt.Errorf("bgbb: only one customer: the four parameters describe how customers differ, which takes many customers (Fader, Hardie & Shang fit 11,104)")
	case buyers == 0:
		return problem{}, fmt.Errorf("bgbb: every customer made 0 repeat purchases: frequency carries no information about how often customers buy or when they drop out; the BG/BB needs customers with repeat purchases (a longer calibration period gives them time to buy)")
	case everyTime == total:
		return problem{}, fmt.Errorf("bgbb: every customer bought at every opportunity: the purchase probability is 1 for everyone and no one dropped out, so neither can be estimated")
	}
	l := newBGBBLikelihood(group(cs))
	return problem{
		model:        KeyBGBB,
		names:        []string{"alpha", "beta", "gamma", "delta"},
		start:        []float64{1, 1, 1, 1},
		nll:          func(p []float64) float64 { return l.nllGrad(nil, p) },
		nllGrad:      l.nllGrad,
		atBoundary:   func(p []float64) bool { return bgbbBoundary(BGBB{p[0], p[1], p[2], p[3]}) != nil },
		observations: total,
	}, nil
}

// bgbbLikelihood is the BG/BB likelihood of grouped customers. Because x,
// t_x and n are whole numbers, every beta function in it is a product of
// terms (a+j) times the beta function at the parameters: an evaluation
// first tabulates, for each of a = α, β, α+β, δ, γ+δ and k up to the
// largest n + 1, the sums Σ_{j<k} log(a+j) (= log Γ(a+k) − log Γ(a)) and
// Σ_{j<k} 1/(a+j) (= ψ(a+k) − ψ(a)), and then needs no log-gamma or
// digamma function at all. There are few distinct rows (at most
// (n+1)(n+2)/2 for each n), so they are summed in one goroutine.
type bgbbLikelihood struct {
	rows []records.Customer
	maxN int
	// log[b][k] = Σ_{j<k} log(base_b + j); inv[b][k] = Σ_{j<k} 1/(base_b + j),
	// for the bases α, β, α+β, δ, γ+δ.
	log, inv [5][]float64
}

const (
	baseA = iota
	baseB
	baseAB
	baseD
	baseGD
)

func newBGBBLikelihood(rows []records.Customer) *bgbbLikelihood {
	l := &bgbbLikelihood{rows: rows}
	for _, c := range rows {
		l.maxN = max(l.maxN, int(c.T))
	}
	for b := range l.log {
		l.log[b] = make([]float64, l.maxN+2)
		l.inv[b] = make([]float64, l.maxN+2)
	}
	return l
}

// nllGrad is the negative log-likelihood at p = (α, β, γ, δ) and, when
// grad is not nil, writes its gradient there. Per customer,
// L = A + Σ_{i<n−t_x} D_i (Fader, Hardie & Shang 2010, eq. 5) with
// log A = [x]_α + [n−x]_β − [n]_{α+β} + [n]_δ − [n]_{γ+δ} and
// log D_i = [x]_α + [t_x−x+i]_β − [t_x+i]_{α+β} + log γ + [t_x+i]_δ − [t_x+i+1]_{γ+δ},
// where [k]_a = log Γ(a+k) − log Γ(a); each term's derivatives are the
// matching ψ differences (1/γ for log γ).
func (l *bgbbLikelihood) nllGrad(grad, p []float64) float64 {
	a, b, g, d := p[0], p[1], p[2], p[3]
	bases := [5]float64{a, b, a + b, d, g + d}
	for i, base := range bases {
		lg, iv := l.log[i], l.inv[i]
		for k := 0; k+1 < len(lg); k++ {
			lg[k+1] = lg[k] + math.Log(base+float64(k))
			iv[k+1] = iv[k] + 1/(base+float64(k))
		}
	}
	LA, LB, LAB, LD, LGD := l.log[baseA], l.log[baseB], l.log[baseAB], l.log[baseD], l.log[baseGD]
	IA, IB, IAB, ID, IGD := l.inv[baseA], l.inv[baseB], l.inv[baseAB], l.inv[baseD], l.inv[baseGD]
	logG := math.Log(g)
	var total float64
	var ga, gb, gg, gd float64
	for _, c := range l.rows {
		x, tx, n := int(c.Frequency), int(c.Recency), int(c.T)
		logA := LA[x] + LB[n-x] - LAB[n] + LD[n] - LGD[n]
		// The dead terms, relative to the largest term so that nothing
		// overflows or underflows: the first dead term is the largest of
		// them (each is the one before times two factors below 1).
		top := logA
		if tx < n {
			top = math.Max(top, LA[x]+LB[tx-x]-LAB[tx]+logG+LD[tx]-LGD[tx+1])
		}
		wA := math.Exp(logA - top)
		like := wA
		da := wA * (IA[x] - IAB[n])
		db := wA * (IB[n-x] - IAB[n])
		dg := wA * (-IGD[n])
		dd := wA * (ID[n] - IGD[n])
		for j := tx; j < n; j++ { // j = t_x + i
			w := math.Exp(LA[x] + LB[j-x] - LAB[j] + logG + LD[j] - LGD[j+1] - top)
			like += w
			if grad != nil {
				da += w * (IA[x] - IAB[j])
				db += w * (IB[j-x] - IAB[j])
				dg += w * (1/g - IGD[j+1])
				dd += w * (ID[j] - IGD[j+1])
			}
		}
		total += c.Weight * (top + math.Log(like))
		if grad != nil {
			s := c.Weight / like
			ga += s * da
			gb += s * db
			gg += s * dg
			gd += s * dd
		}
	}
	if grad != nil {
		grad[0], grad[1], grad[2], grad[3] = -ga, -gb, -gg, -gd
	}
	return -total
}

// maxOpportunities bounds n, so that the likelihood's tables stay small.
const maxOpportunities = 100000

// checkOpportunities checks a customer's summary in opportunities: whole
// numbers with 0 ≤ x ≤ t_x ≤ n, t_x = 0 exactly when x = 0, and a weight
// that is not negative.
func checkOpportunities(c records.Customer) error {
	x, tx, n, w := c.Frequency, c.Recency, c.T, c.Weight
	for _, v := range []struct {
		name string
		v    float64
	}{{"frequency", x}, {"recency", tx}, {"periods (T)", n}} {
		if v.v != math.Trunc(v.v) || v.v < 0 || math.IsInf(v.v, 0) {
			return fmt.Errorf("%s is %g; the BG/BB counts transaction opportunities, so it must be a whole number ≥ 0", v.name, v.v)
		}
	}
	switch {
	case n < 1:
		return fmt.Errorf("periods (T) is 0: a customer needs at least one transaction opportunity after its first purchase")
	case n > maxOpportunities:
		return fmt.Errorf("periods (T) is %g: the BG/BB is for a few discrete transaction opportunities (at most %d); for purchases at any time use a continuous model, bgnbd or paretonbd", n, maxOpportunities)
	case tx > n:
		return fmt.Errorf("recency %g is after the last opportunity, periods (T) = %g: recency must be at most T", tx, n)
	case x > tx:
		return fmt.Errorf("frequency %g is more than recency %g: a customer buys at most once per opportunity, so x ≤ t_x", x, tx)
	case x == 0 && tx != 0:
		return fmt.Errorf("recency is %g with frequency 0: a customer with no repeat purchase has recency 0", tx)
	case !(w >= 0) || math.IsInf(w, 0):
		return fmt.Errorf("weight is %g; it counts customers, so it must be a number ≥ 0", w)
	}
	return nil
}
