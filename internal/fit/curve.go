package fit

import (
	"math"

	"gonum.org/v1/gonum/mathext"

	"clvlab/internal/records"
)

// curver is a purchase model that gives a customer's whole curve of
// conditional expected purchases in one pass: the factor that depends on
// the history alone (P(alive), the likelihood) is computed once instead of
// once per period, as ConditionalPurchases does.
type curver interface {
	// conditionalCurve fills dst[k−1] with ConditionalPurchases(c, k) for
	// k = 1, …, len(dst).
	conditionalCurve(c records.Customer, dst []float64)
}

// ConditionalCurve fills dst[k−1] with E[Y(k) | history], the purchases
// expected in the next k periods, for k = 1, …, len(dst): in one pass where
// the model allows (BG/NBD, Pareto/NBD and BG/BB all do), else by
// ConditionalPurchases per period.
func ConditionalCurve(m Purchases, c records.Customer, dst []float64) {
	if cm, ok := m.(curver); ok {
		cm.conditionalCurve(c, dst)
		return
	}
	for k := range dst {
		dst[k] = m.ConditionalPurchases(c, float64(k+1))
	}
}

// conditionalCurve: P(alive) once, times the purchases of a customer alive
// now (FHL 2005, eq. 10), as ConditionalPurchases factors it, with the
// series of dropoutRatio summed from coefficients computed once.
func (m BGNBD) conditionalCurve(c records.Customer, dst []float64) {
	x := c.Frequency
	posteriorCurve(m.A, m.B+x, m.R+x, m.Alpha+c.T, m.PAlive(c), dst)
}

// posteriorCurve fills dst[k−1] with scale · posteriorPurchases(a, bb, u,
// h, k) for k = 1, …, len(dst). The series S of dropoutRatio has the
// coefficients (a')_n (1+ε)_{n−1} / ((c)_n n!), the same at every k: their
// ratios are computed once, for the longest series needed, and each k sums
// its powers of z = k/(h+k) with the same terms and stopping rule, so the
// values are dropoutRatio's, without its divisions.
func posteriorCurve(a, bb, u, h, scale float64, dst []float64) {
	c := a + bb - 1
	if !(c > 0) {
		for k := range dst {
			dst[k] = scale * posteriorPurchases(a, bb, u, h, float64(k+1))
		}
		return
	}
	aa, eps := c-u, a-1
	var ratio []float64 // ratio[n−1] = tₙ₊₁/tₙ over z
	logH := math.Log(h)
	for k := range dst {
		t := float64(k + 1)
		z := t / (h + t)
		logY := logH - math.Log(h+t)
		term := aa * z / c
		s := term
		const maxTerms = 10_000_000
		for n := 1; n < maxTerms; n++ {
			if n > len(ratio) {
				fn := float64(n)
				ratio = append(ratio, (aa+fn)*(eps+fn)/((c+fn)*(fn+1)))
			}
			q := ratio[n-1] * z
			term *= q
			s += term
			if math.Abs(term) <= 1e-17*math.Abs(s) && q < 1 {
				break
			}
		}
		first := -logY
		if eps != 0 {
			first = -math.Expm1(eps*logY) / eps
		}
		dst[k] = scale * (c * (first - math.Exp(eps*logY)*s))
	}
}

// conditionalCurve: P(alive), whose hypergeometric series is most of the
// cost, once; then the closed form of the purchases of a customer alive now
// (Fader & Hardie 2005, note), as ConditionalPurchases factors it.
func (m ParetoNBD) conditionalCurve(c records.Customer, dst []float64) {
	b := m.Beta + c.T
	f := m.PAlive(c) * (m.R + c.Frequency) * b / (m.Alpha + c.T)
	lb := math.Log(b)
	for k := range dst {
		dst[k] = f * powerRatio(m.S-1, lb-math.Log(b+float64(k+1)))
	}
}

// conditionalCurve: the history's factor of eq. 13 (Fader, Hardie & Shang
// 2010), B(α+x+1, β+n−x)/B(α,β) / L, once; then the expected opportunities
// alive, as ConditionalPurchases factors it.
func (m BGBB) conditionalCurve(c records.Customer, dst []float64) {
	x, tx, n := c.Frequency, c.Recency, c.T
	f := math.Exp(mathext.Lbeta(m.Alpha+x+1, m.Beta+n-x) - mathext.Lbeta(m.Alpha, m.Beta) - m.logLikelihood(x, tx, n))
	for k := range dst {
		dst[k] = f * m.aliveSum(n, float64(k+1))
	}
}
