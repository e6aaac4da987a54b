package fit

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mathext"

	"clvlab/internal/records"
)

// TestGaussRulesMoments: a K-point Gauss rule integrates polynomials of
// degree ≤ 2K−1 exactly, so its moments E[x^n], n ≤ 2K−1, are those of
// the distribution in closed form: Beta(a, b): Π_{i<n} (a+i)/(a+b+i);
// Gamma(shape, rate): Γ(shape+n)/(Γ(shape)·rateⁿ). The tilted gamma rule
// is exact for e^(−c·x)·polynomials, so its moments times e^(−c·x) are
// (rate/(rate+c))^shape · the moments of Gamma(shape, rate+c).
func TestGaussRulesMoments(t *testing.T) {
	moment := func(q Quadrature, n int, f func(float64) float64) float64 {
		s := 0.0
		for i, x := range q.Node {
			s += q.Weight[i] * math.Pow(x, float64(n)) * f(x)
		}
		return s
	}
	one := func(float64) float64 { return 1 }
	for _, ab := range [][2]float64{{0.704, 1.182}, {0.668, 3.806}, {0.793, 2.426}, {1, 1}, {0.5, 0.5}, {3, 0.2}} {
		for _, k := range []int{1, 2, 5, 12, 30} {
			q := GaussJacobi(k, ab[0], ab[1])
			want := 1.0
			for n := 0; n <= 2*k-1; n++ {
				if got := moment(q, n, one); math.Abs(got-want) > 1e-12*math.Max(want, 1e-3) {
					t.Errorf("Beta%v, K = %d: E[p^%d] = %.15g, want %.15g", ab, k, n, got, want)
				}
				want *= (ab[0] + float64(n)) / (ab[0] + ab[1] + float64(n))
			}
			for _, x := range q.Node {
				if !(x > 0 && x < 1) {
					t.Errorf("Beta%v, K = %d: node %g outside (0, 1)", ab, k, x)
				}
			}
		}
	}
	for _, sr := range [][2]float64{{0.2426, 4.4135}, {0.61, 11.67}, {1, 1}, {5, 0.3}} {
		for _, k := range []int{1, 3, 8, 15} {
			q := GaussLaguerre(k, sr[0], sr[1])
			for n := 0; n <= min(2*k-1, 12); n++ {
				want := math.Exp(mathext.Lbeta(1, 1)*0 + lgamma(sr[0]+float64(n)) - lgamma(sr[0]) - float64(n)*math.Log(sr[1]))
				if got := moment(q, n, one); math.Abs(got/want-1) > 1e-10 {
					t.Errorf("Gamma%v, K = %d: E[λ^%d] = %.15g, want %.15g", sr, k, n, got, want)
				}
			}
			c := 2 * sr[1]
			qt := tiltedGamma(k, sr[0], sr[1], c)
			// The tilted rule's weights are normalised to sum to 1; undo
			// that to compare with the exact integral.
			norm := 0.0
			raw := GaussLaguerre(k, sr[0], sr[1]+c)
			for i, x := range raw.Node {
				norm += raw.Weight[i] * math.Pow(sr[1]/(sr[1]+c), sr[0]) * math.Exp(c*x)
			}
			for n := 0; n <= min(2*k-1, 12); n++ {
				want := math.Pow(sr[1]/(sr[1]+c), sr[0]) * math.Exp(lgamma(sr[0]+float64(n))-lgamma(sr[0])-float64(n)*math.Log(sr[1]+c))
				got := norm * moment(qt, n, func(x float64) float64 { return math.Exp(-c * x) })
				if math.Abs(got/want-1) > 1e-10 {
					t.Errorf("tilted Gamma%v, K = %d: E[λ^%d e^(−cλ)] = %.15g, want %.15g", sr, k, n, got, want)
				}
			}
		}
	}
}

func lgamma(x float64) float64 { v, _ := math.Lgamma(x); return v }

// TestSBGClassesFaderHardie2007: the classes of the sBG at the published
// estimates of Fader & Hardie (2007, "How to Project Customer Retention",
// regular α = 0.704, β = 1.182; high end α = 0.668, β = 3.806) reproduce
// S(t) = B(α, β+t)/B(α, β) to 1e-6 over the first 100 periods, and the
// retention rate S(t)/S(t−1) = (β+t−1)/(α+β+t−1) that rises with tenure.
func TestSBGClassesFaderHardie2007(t *testing.T) {
	for name, m := range map[string]SBG{"regular": {0.704, 1.182}, "high end": {0.668, 3.806}} {
		c := SBGClasses(m, 0)
		if len(c.Classes) > 30 {
			t.Errorf("%s: %d classes; 20 reach 1e-8 (%s)", name, len(c.Classes), c.Grid)
		}
		for tt := 0; tt <= 100; tt++ {
			if d := math.Abs(c.Survival(tt) - m.Survival(tt)); d > 1e-6 {
				t.Errorf("%s: S(%d) = %.9f by %d classes, %.9f by the model", name, tt, c.Survival(tt), len(c.Classes), m.Survival(tt))
			}
			if tt > 0 {
				got := c.Survival(tt) / c.Survival(tt-1)
				if d := math.Abs(got - m.Retention(tt)); d > 1e-5 {
					t.Errorf("%s: r(%d) = %.7f by the classes, %.7f by the model", name, tt, got, m.Retention(tt))
				}
			}
		}
		if c.Worst > 1e-7 || c.Periods != 100 {
			t.Errorf("%s: worst %g over %d periods", name, c.Worst, c.Periods)
		}
		t.Logf("%s: %s, worst |ΔS(t)| %.2g", name, c.Grid, c.Worst)
	}
}

// cdnowPurchaseFits are BG/NBD and Pareto/NBD fitted to the CDNOW sample
// (weeks; TestBGNBDCDNOW and TestParetoNBDCDNOW check them against the
// published estimates).
func cdnowPurchaseFits(t testing.TB) ([]records.Customer, BGNBD, ParetoNBD) {
	cs := readCDNOW(t, "cdnow_customers_summary_with_transactions.csv")
	bg, _, err := FitBGNBD(cs)
	if err != nil {
		t.Fatal(err)
	}
	pn, _, err := FitParetoNBD(cs)
	if err != nil {
		t.Fatal(err)
	}
	return cs, bg, pn
}

// TestPurchaseClassesCDNOW: the classes of BG/NBD and Pareto/NBD fitted to
// the CDNOW sample reproduce the model's E[X(t)] (FHL 2005 eq. 7; the
// note's Pareto/NBD E[X(t)]) to 1e-3 relative at every week boundary over
// 78 weeks and over three years (157 weeks, the CLV horizon of `clvlab
// fit`), and the discrete-period CLV of a new customer: E[X] increments per
// week × spend × margin, discounted weekly at 10% a year, cash at the end of
// each week, the first purchase excluded (CurveCLV of the model's curve).
func TestPurchaseClassesCDNOW(t *testing.T) {
	_, bg, pn := cdnowPurchaseFits(t)
	rate := PeriodRate(0.10, records.Week)
	for _, horizon := range []int{78, 157} {
		for _, m := range []Purchases{bg, pn} {
			var c Classes
			switch m := m.(type) {
			case BGNBD:
				c = BGNBDClasses(m, 1, 7, horizon)
			case ParetoNBD:
				c = ParetoNBDClasses(m, 1, 7, horizon)
			}
			if len(c.Classes) > MaxClasses {
				t.Errorf("%s: %d classes", c.Model, len(c.Classes))
			}
			share := 0.0
			for _, k := range c.Classes {
				share += k.Share
			}
			if math.Abs(share-1) > 1e-12 {
				t.Errorf("%s: shares sum to %.15g", c.Model, share)
			}
			got := make([]float64, horizon)
			c.CumulativePurchasesTo(got)
			want := make([]float64, horizon)
			for k := range want {
				want[k] = m.ExpectedPurchases(float64(k + 1))
				if d := math.Abs(got[k]/want[k] - 1); d > 1e-3 {
					t.Errorf("%s: E[X(%d)] = %.6f by the classes, %.6f by the model", c.Model, k+1, got[k], want[k])
				}
			}
			opt := CLVOptions{Margin: 0.3, Rate: rate, Horizon: horizon}
			clvModel := CurveCLV(want, 35, opt)
			clvClasses := classesCLV(c, 35, opt)
			if d := math.Abs(clvClasses/clvModel - 1); d > 1e-3 {
				t.Errorf("%s, %d weeks: CLV %.6f by the classes, %.6f by the model", c.Model, horizon, clvClasses, clvModel)
			}
			t.Logf("%s, %d weeks: %d classes, worst %.2g; CLV %.5f vs %.5f; %s", c.Model, horizon, len(c.Classes), c.Worst, clvClasses, clvModel, c.Grid)
		}
	}
}

// classesCLV is a new customer's CLV as the engine computes it from the
// classes: each class's customers, active at the start of period k with
// probability stay^(k−1), buy Purchases in it, margin × spend each, cash at
// the period's end.
func classesCLV(c Classes, spend float64, opt CLVOptions) float64 {
	v := 1 / (1 + opt.Rate)
	total := 0.0
	for _, k := range c.Classes {
		total += k.Share * classValue(k, v, opt.Horizon)
	}
	return opt.Margin * spend * total
}

// classValue is the discounted expected purchases of one customer of the
// class active now, over horizon periods, cash at each period's end.
func classValue(k Class, v float64, horizon int) float64 {
	alive, f, total := 1.0, 1.0, 0.0
	for range horizon {
		f *= v
		total += alive * k.Purchases * f
		alive *= k.Stay
	}
	return total
}

// TestExistingCDNOW: today's CDNOW customers placed in the classes by
// their posterior class probabilities × P(active | class) have the
// residual CLV the model gives them: Σ over classes of the spend-weighted
// active customers × the class's discounted purchases per active customer
// equals Σ over customers of ResidualCLV with each one's Gamma-Gamma
// conditional spend (the clv column of customers.csv), to 1e-3, over three
// years at 10% a year; and the active customers sum to Σ P(alive).
func TestExistingCDNOW(t *testing.T) {
	cs, bg, pn := cdnowPurchaseFits(t)
	gg, _, err := FitGammaGamma(cs)
	if err != nil {
		t.Fatal(err)
	}
	opt := CLVOptions{Margin: 1, Rate: PeriodRate(0.10, records.Week), Horizon: 157}
	v := 1 / (1 + opt.Rate)
	for _, m := range []Purchases{bg, pn} {
		var c Classes
		switch m := m.(type) {
		case BGNBD:
			c = BGNBDClasses(m, 1, 7, opt.Horizon)
		case ParetoNBD:
			c = ParetoNBDClasses(m, 1, 7, opt.Horizon)
		}
		e, err := c.Existing(cs, gg.ConditionalSpend)
		if err != nil {
			t.Fatal(err)
		}
		want, alive := 0.0, 0.0
		for _, cu := range cs {
			want += cu.Count() * ResidualCLV(m, cu, gg.ConditionalSpend(cu), opt)
			alive += cu.Count() * m.PAlive(cu)
		}
		got, active := 0.0, 0.0
		for k, cl := range c.Classes {
			got += e.Spend[k] * classValue(cl, v, opt.Horizon)
			active += e.Active[k]
		}
		if d := math.Abs(got/want - 1); d > 1e-3 {
			t.Errorf("%s: existing customers' CLV %.4f by the classes, %.4f by the model", c.Model, got, want)
		}
		if d := math.Abs(active/alive - 1); d > 1e-3 {
			t.Errorf("%s: %.4f active by the classes, Σ P(alive) = %.4f", c.Model, active, alive)
		}
		t.Logf("%s: %d classes: existing CLV %.3f vs %.3f (%.1e), active %.3f vs %.3f", c.Model, len(c.Classes), got, want, got/want-1, active, alive)
	}
}
