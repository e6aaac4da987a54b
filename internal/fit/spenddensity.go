package fit

import (
	"math"

	"clvlab/internal/records"
)

// MeanSpendDensity is the density, at z, of a repeat buyer's average spend
// per purchase under Gamma-Gamma with parameters p, q and gamma, averaged
// over the repeat buyers of cs (weighted). For a customer with x repeat
// purchases, z̄ | ν ~ Gamma(px, νx) and ν ~ Gamma(q, γ), so
//
//	f(z̄ | x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · x^(px) · z̄^(px−1) / (γ + x z̄)^(px+q)
//
// (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves for
// Customer Base Analysis", Journal of Marketing Research 42(4), and Fader
// & Hardie's note on the Gamma-Gamma model). 0 when cs has no repeat
// buyer or z ≤ 0.
func MeanSpendDensity(p, q, gamma float64, cs []records.Customer, z float64) float64 {
	if !(z > 0) {
		return 0
	}
	total, weight := 0.0, 0.0
	for _, c := range cs {
		if c.Frequency <= 0 {
			continue
		}
		w := c.Count()
		x := c.Frequency
		px := p * x
		a, _ := math.Lgamma(px + q)
		b, _ := math.Lgamma(px)
		g, _ := math.Lgamma(q)
		total += w * math.Exp(a-b-g+q*math.Log(gamma)+px*math.Log(x)+(px-1)*math.Log(z)-(px+q)*math.Log(gamma+x*z))
		weight += w
	}
	if weight == 0 {
		return 0
	}
	return total / weight
}
