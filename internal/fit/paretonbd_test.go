package fit

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"clvlab/internal/records"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/integrate/quad"
)

// TestParetoNBDCDNOW reproduces the estimates on the CDNOW sample
// published by Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value
// curves for customer base analysis", Journal of Marketing Research 42(4):
// r = 0.55, α = 10.58, s = 0.61, β = 11.67, LL = −9595.0, to their
// printed precision. (R's BTYD stops at β = 11.656 and lifetimes' test
// expects 11.669: the likelihood is flat along β, whose SE is 6.2.)
func TestParetoNBDCDNOW(t *testing.T) {
	m, r, err := FitParetoNBD(readCDNOW(t, "cdnow_customers_summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Converged || r.Model != KeyParetoNBD {
		t.Fatalf("not converged: %+v", r)
	}
	for _, c := range []struct {
		name      string
		got, want float64
		decimals  int
	}{
		{"r", m.R, 0.55, 2}, {"alpha", m.Alpha, 10.58, 2}, {"s", m.S, 0.61, 2}, {"beta", m.Beta, 11.67, 2},
		{"LL", r.LogLikelihood, -9595.0, 1},
	} {
		if g := fmt.Sprintf("%.*f", c.decimals, c.got); g != fmt.Sprintf("%.*f", c.decimals, c.want) {
			t.Errorf("%s = %.6f (%s), published %.*f", c.name, c.got, g, c.decimals, c.want)
		}
	}
	for _, p := range r.Params {
		if !(p.SE > 0) {
			t.Errorf("%s: SE %g (%s)", p.Name, p.SE, r.SENote)
		}
	}
	// R's BTYD walkthrough (Dziurzynski, Wadsworth & McCarthy, "BTYD:
	// Implementing Buy 'Til You Die Models", section 2.3), at its estimates
	// of the same data: E[Y(52) | x = 26, t_x = 30.86, T = 31] = 25.46.
	c := records.Customer{Frequency: 26, Recency: 30.86, T: 31}
	if got := m.ConditionalPurchases(c, 52); math.Abs(got-25.46) > 0.005 {
		t.Errorf("E[Y(52) | 26, 30.86, 31] = %.4f, BTYD 25.46", got)
	}
}

// btydPareto are BTYD's estimates on CDNOW (walkthrough, section 2.3).
var btydPareto = ParetoNBD{R: 0.5534, Alpha: 10.5802, S: 0.6061, Beta: 11.6562}

// TestParetoNBDPredictions: P(alive) of the customer above at BTYD's
// estimates is 0.9979 (BTYD walkthrough, p. 8); E[X(t)] by hand
// at t = 1: rβ/(α(s−1))·(1 − (β/(β+1))^(s−1)) = 0.609679/(−0.3939)·
// (1 − 1.032953) = 0.051005; P(alive) with no repeat purchase at T = 0 is 1.
func TestParetoNBDPredictions(t *testing.T) {
	c := records.Customer{Frequency: 26, Recency: 30.86, T: 31}
	if got := btydPareto.PAlive(c); math.Abs(got-0.9979) > 0.00005 {
		t.Errorf("P(alive | 26, 30.86, 31) = %.5f, BTYD 0.9979", got)
	}
	r, a, s, b := btydPareto.R, btydPareto.Alpha, btydPareto.S, btydPareto.Beta
	want := r * b / (a * (s - 1)) * (1 - math.Pow(b/(b+1), s-1))
	if got := btydPareto.ExpectedPurchases(1); math.Abs(got-want) > 1e-14 || math.Abs(got-0.051005) > 5e-7 {
		t.Errorf("E[X(1)] = %.8f, want %.8f", got, want)
	}
	if got := btydPareto.PAlive(records.Customer{}); math.Abs(got-1) > 1e-15 {
		t.Errorf("P(alive) at T = 0: %g", got)
	}
	// At s = 1 the expressions take their limits, continuously.
	at1 := ParetoNBD{R: 0.5, Alpha: 10, S: 1, Beta: 12}
	near1 := ParetoNBD{R: 0.5, Alpha: 10, S: 1 + 1e-9, Beta: 12}
	if g, w := at1.ExpectedPurchases(20), near1.ExpectedPurchases(20); math.Abs(g-w) > 1e-8 {
		t.Errorf("E[X(20)] at s = 1: %.10g, at s = 1+1e-9: %.10g", g, w)
	}
	if g, w := at1.ConditionalPurchases(c, 20), near1.ConditionalPurchases(c, 20); math.Abs(g-w) > 1e-8 {
		t.Errorf("E[Y(20)] at s = 1: %.10g, at s = 1+1e-9: %.10g", g, w)
	}
	// Without underflow: a customer with many purchases long ago (lifetimes'
	// test of the same name gives 6.2060517889632418 and
	// 6.2528722475748113 at r = 0.55, α = 10.58, s = 0.61, β = 11.67).
	m := ParetoNBD{R: 0.55, Alpha: 10.58, S: 0.61, Beta: 11.67}
	for _, k := range []struct{ x, want float64 }{{132, 6.2060517889632418}, {133, 6.2528722475748113}} {
		if got := m.ConditionalPurchases(records.Customer{Frequency: k.x, Recency: 200, T: 200}, 10); math.Abs(got-k.want) > 1e-9 {
			t.Errorf("E[Y(10) | %g, 200, 200] = %.12g, want %.12g", k.x, got, k.want)
		}
	}
	// P(alive) stays a probability where the terms overflow a naive
	// evaluation (lifetimes' overflow test's parameters and customers).
	o := ParetoNBD{R: 10.465, Alpha: 7.98565181e-03, S: 3.0516, Beta: 2.820}
	for _, c := range []records.Customer{{Frequency: 40, Recency: 5, T: 6}, {Frequency: 50, Recency: 1, T: 37}, {Frequency: 50, Recency: 4, T: 37}} {
		if p := o.PAlive(c); !(p >= 0 && p <= 1) {
			t.Errorf("P(alive | %+v) = %g", c, p)
		}
	}
}

// TestParetoNBDBracketByQuadrature checks the likelihood's bracket, as the
// two series terms compute it, against its definition,
// (α+T)^−u (β+T)^−s + ∫_{t_x}^T s (α+τ)^−u (β+τ)^−(s+1) dτ, integrated
// numerically: α above, equal to and below β, far apart, t_x close to T.
func TestParetoNBDBracketByQuadrature(t *testing.T) {
	for _, m := range []ParetoNBD{{0.55, 10.58, 0.61, 11.67}, {0.55, 11.67, 0.61, 10.58}, {2, 5, 1, 5}, {0.3, 200, 2, 0.5}, {0.3, 0.5, 0.2, 300}} {
		for _, c := range []records.Customer{{T: 38}, {Frequency: 3, Recency: 20, T: 38}, {Frequency: 30, Recency: 37.99, T: 38}, {Frequency: 1, Recency: 0.5, T: 1}} {
			u := m.R + c.Frequency
			integrand := func(tau float64) float64 {
				return m.S * math.Exp(-u*math.Log(m.Alpha+tau)-(m.S+1)*math.Log(m.Beta+tau))
			}
			want := math.Exp(-u*math.Log(m.Alpha+c.T)-m.S*math.Log(m.Beta+c.T)) + quad.Fixed(integrand, c.Recency, c.T, 200, nil, 0)
			_, bracket := m.paretoAlive(c)
			if got := math.Exp(bracket); math.Abs(got-want) > 1e-10*want {
				t.Errorf("%+v %+v: bracket %.14g, quadrature %.14g", m, c, got, want)
			}
		}
	}
}

// TestParetoNBDGradient checks the analytic gradient against central
// differences, for α > β and α < β.
func TestParetoNBDGradient(t *testing.T) {
	l := newParetoLikelihood(newPurchaseData(readCDNOW(t, "cdnow_customers_summary.csv")))
	for _, p := range [][]float64{{0.55, 10.58, 0.61, 11.67}, {0.55, 12, 0.61, 8}, {2, 3, 1.5, 20}, {0.3, 40, 0.2, 1}} {
		got := make([]float64, 4)
		l.nllGrad(got, p)
		want := make([]float64, 4)
		fd.Gradient(want, func(q []float64) float64 { return l.nllGrad(nil, q) }, p, &fd.Settings{Formula: fd.Central, Step: 1e-6})
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-5*math.Max(1, math.Abs(want[i])) {
				t.Errorf("at %v: d/d%s = %.8g, numerically %.8g", p, []string{"r", "alpha", "s", "beta"}[i], got[i], want[i])
			}
		}
	}
}

// TestParetoNBDRecovery: customers drawn from known parameters, fitted;
// each estimate within 4 standard errors of the truth.
func TestParetoNBDRecovery(t *testing.T) {
	truth := ParetoNBD{R: 0.6, Alpha: 10, S: 0.8, Beta: 12}
	m, r, err := FitParetoNBD(simulateParetoNBD(truth, 20000, 7))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("truth %+v: fit %+v", truth, m)
	withinSE(t, r, map[string]float64{"r": truth.R, "alpha": truth.Alpha, "s": truth.S, "beta": truth.Beta}, 4)
}

// TestParetoNBDFailures: no repeat purchases, and purchases without
// dropout (the NBD: μ = 0), where s → 0 or β → ∞.
func TestParetoNBDFailures(t *testing.T) {
	nodrop := simulateBGNBD(BGNBD{R: 0.5, Alpha: 5, A: 1e-12, B: 1e12}, 5000, 3, true)
	for _, c := range []struct {
		name string
		cs   []records.Customer
		want string
	}{
		{"no repeat purchases", []records.Customer{{T: 10}, {T: 12}}, "all customers made 0 repeat purchases"},
		{"no dropout", nodrop, "the dropout process is not identified"},
	} {
		_, _, err := FitParetoNBD(c.cs)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one that says %q", c.name, err, c.want)
		}
	}
}
