package fit

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"

	"clvlab/internal/records"
)

// readDonations reads testdata/donations.csv (frequency, recency, periods,
// weights: 22 groups of 11,104 donors).
func readDonations(t testing.TB) []records.Customer {
	t.Helper()
	s, err := records.ReadSummary("testdata/donations.csv", records.SummaryOptions{Unit: records.Year})
	if err != nil {
		t.Fatal(err)
	}
	return s.Customers
}

// TestBGBBDonations reproduces Fader, Hardie & Shang (2010, "Customer-Base
// Analysis in a Discrete-Time Noncontractual Setting", Marketing Science
// 29(6)) on the donations data (testdata/donations.csv): alpha = 1.204,
// beta = 0.750, gamma = 0.657, delta = 2.783, LL = −33,225.6; their
// Table 6, P(alive in 2002) = 0.11 for a donor with (x, t_x, n) =
// (0, 0, 6), 0.59 for (2, 4, 6) and 0.93 for (6, 6, 6); and the
// spreadsheet of Hardie's note 010 that implements the paper
// (brucehardie.com/notes/010, BGBB_2011-01-20.xlsx, as quoted by
// lifetimes' and pymc-marketing's tests): 12,884.2 repeat donations
// expected from the 11,104 donors in 2002–2006 (sheet "Conditional
// Expectations (II)"), 3,454.9 donors expected with no repeat donation in
// 1996–2001 and 1,253.1 with six ("In-Sample Fit", C18 and C24), and
// E[X(n)] of a new donor for n = 1, …, 11 ("Tracking Plot", B7:B17).
func TestBGBBDonations(t *testing.T) {
	cs := readDonations(t)
	m, res, err := FitBGBB(cs)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Converged || res.Model != "bgbb" || res.Observations != 11104 {
		t.Errorf("%+v", res)
	}
	for i, want := range []struct {
		name  string
		value float64
	}{{"alpha", 1.204}, {"beta", 0.750}, {"gamma", 0.657}, {"delta", 2.783}} {
		p := res.Params[i]
		if p.Name != want.name || roundTo(p.Value, 3) != want.value || !(p.SE > 0) {
			t.Errorf("param %d: %+v, want %s = %.3f", i, p, want.name, want.value)
		}
	}
	if got := roundTo(res.LogLikelihood, 1); got != -33225.6 {
		t.Errorf("log-likelihood %.3f, want −33,225.6", res.LogLikelihood)
	}
	for _, c := range []struct{ x, tx, p float64 }{{0, 0, 0.11}, {2, 4, 0.59}, {6, 6, 0.93}} {
		if got := m.PAlive(records.Customer{Frequency: c.x, Recency: c.tx, T: 6}); roundTo(got, 2) != c.p {
			t.Errorf("P(alive in 2002 | %g, %g, 6) = %.4f, want %.2f", c.x, c.tx, got, c.p)
		}
	}
	total := 0.0
	for _, c := range cs {
		total += c.Weight * m.ConditionalPurchases(c, 5)
	}
	if roundTo(total, 1) != 12884.2 {
		t.Errorf("expected repeat donations in 2002–2006: %.2f, want 12,884.2", total)
	}
	if got := 11104 * m.PurchaseProbability(6, 0); roundTo(got, 1) != 3454.9 {
		t.Errorf("donors expected with 0 repeat donations: %.2f, want 3,454.9", got)
	}
	if got := 11104 * m.PurchaseProbability(6, 6); roundTo(got, 1) != 1253.1 {
		t.Errorf("donors expected with 6 repeat donations: %.2f, want 1,253.1", got)
	}
	for n, want := range []float64{0.4985, 0.9233, 1.2969, 1.6323, 1.9381, 2.2202, 2.4826, 2.7285, 2.9603, 3.1798, 3.3887} {
		if got := m.ExpectedPurchases(float64(n + 1)); roundTo(got, 4) != want {
			t.Errorf("E[X(%d)] = %.5f, want %.4f", n+1, got, want)
		}
	}
}

// TestBGBBFormulas checks the closed forms against the sums they stand
// for, written out here: the likelihood (Fader, Hardie & Shang 2010, eq.
// 5) against its beta functions term by term; E[X(n)] against
// α/(α+β)·Σ_{t=1}^{n} B(γ, δ+t)/B(γ, δ); the conditional expectation
// against the same sum from n+1 to n+k times B(α+x+1, β+n−x)/B(α,β)/L;
// the distribution of X(n) against its sum to 1 and its mean E[X(n)];
// and the γ = 1 branch against the closed form just beside it.
func TestBGBBFormulas(t *testing.T) {
	models := []BGBB{{1.204, 0.750, 0.657, 2.783}, {0.3, 2, 4, 0.5}, {2, 2, 1, 3}, {5, 1, 1.0004, 9}}
	for _, m := range models {
		lab, lgd := mathext.Lbeta(m.Alpha, m.Beta), mathext.Lbeta(m.Gamma, m.Delta)
		for _, c := range []struct{ x, tx, n float64 }{{0, 0, 6}, {2, 4, 6}, {6, 6, 6}, {3, 5, 20}, {1, 1, 40}} {
			want := math.Exp(mathext.Lbeta(m.Alpha+c.x, m.Beta+c.n-c.x) - lab + mathext.Lbeta(m.Gamma, m.Delta+c.n) - lgd)
			for i := 0.0; i <= c.n-c.tx-1; i++ {
				want += math.Exp(mathext.Lbeta(m.Alpha+c.x, m.Beta+c.tx-c.x+i) - lab + mathext.Lbeta(m.Gamma+1, m.Delta+c.tx+i) - lgd)
			}
			if got := math.Exp(m.logLikelihood(c.x, c.tx, c.n)); math.Abs(got-want) > 1e-12*want {
				t.Errorf("%+v: L(%v) = %.15g, want %.15g", m, c, got, want)
			}
			cust := records.Customer{Frequency: c.x, Recency: c.tx, T: c.n}
			for _, k := range []float64{1, 5, 30} {
				s := 0.0
				for tt := c.n + 1; tt <= c.n+k; tt++ {
					s += math.Exp(mathext.Lbeta(m.Gamma, m.Delta+tt) - lgd)
				}
				want := math.Exp(mathext.Lbeta(m.Alpha+c.x+1, m.Beta+c.n-c.x)-lab) * s / math.Exp(m.logLikelihood(c.x, c.tx, c.n))
				if got := m.ConditionalPurchases(cust, k); math.Abs(got-want) > 1e-9*want {
					t.Errorf("%+v: E[X(%g, %g+%g) | %v] = %.15g, sum %.15g", m, c.n, c.n, k, c, got, want)
				}
			}
			if p := m.PAlive(cust); !(p > 0 && p <= 1) {
				t.Errorf("%+v: P(alive | %v) = %g", m, c, p)
			}
		}
		for _, n := range []int{1, 6, 25} {
			s := 0.0
			for tt := 1; tt <= n; tt++ {
				s += math.Exp(mathext.Lbeta(m.Gamma, m.Delta+float64(tt)) - lgd)
			}
			want := m.Alpha / (m.Alpha + m.Beta) * s
			if got := m.ExpectedPurchases(float64(n)); math.Abs(got-want) > 1e-9*want {
				t.Errorf("%+v: E[X(%d)] = %.15g, sum %.15g", m, n, got, want)
			}
			total, mean := 0.0, 0.0
			for x := 0; x <= n; x++ {
				p := m.PurchaseProbability(n, x)
				total += p
				mean += float64(x) * p
			}
			if math.Abs(total-1) > 1e-12 || math.Abs(mean-want) > 1e-9*want {
				t.Errorf("%+v: P(X(%d) = x) adds to %.15g with mean %.15g, want 1 and %.15g", m, n, total, mean, want)
			}
		}
	}
	// The fit's tabulated likelihood agrees with the per-customer one, and
	// its gradient with central differences.
	rows := []records.Customer{{T: 6, Weight: 30}, {Frequency: 2, Recency: 4, T: 6, Weight: 7}, {Frequency: 6, Recency: 6, T: 6, Weight: 3},
		{Frequency: 3, Recency: 5, T: 20, Weight: 1}, {Frequency: 1, Recency: 1, T: 40, Weight: 2}}
	l := newBGBBLikelihood(rows)
	for _, m := range models {
		p := []float64{m.Alpha, m.Beta, m.Gamma, m.Delta}
		want := 0.0
		for _, c := range rows {
			want -= c.Weight * m.logLikelihood(c.Frequency, c.Recency, c.T)
		}
		g := make([]float64, 4)
		if got := l.nllGrad(g, p); math.Abs(got-want) > 1e-12*math.Abs(want) {
			t.Errorf("%+v: tabulated −LL %.15g, per customer %.15g", m, got, want)
		}
		for i := range p {
			h := 1e-6 * p[i]
			up := append([]float64(nil), p...)
			dn := append([]float64(nil), p...)
			up[i] += h
			dn[i] -= h
			fd := (l.nllGrad(nil, up) - l.nllGrad(nil, dn)) / (2 * h)
			if math.Abs(fd-g[i]) > 1e-6*math.Max(1, math.Abs(fd)) {
				t.Errorf("%+v: gradient %d = %.10g, differences %.10g", m, i, g[i], fd)
			}
		}
	}
	// Either side of γ = 1 the sum and the closed form meet.
	near, far := BGBB{1, 1, 1 + 0.999e-3, 2}, BGBB{1, 1, 1 + 1.001e-3, 2}
	if a, b := near.ExpectedPurchases(10), far.ExpectedPurchases(10); math.Abs(a-b) > 1e-5*a {
		t.Errorf("E[X(10)] across the γ = 1 branch: %.12g and %.12g", a, b)
	}
	if m := (BGBB{1, 1, 1, 1}); m.ExpectedPurchases(0) != 0 || m.ConditionalPurchases(records.Customer{T: 3}, 0) != 0 || m.PurchaseProbability(3, 4) != 0 {
		t.Error("zero horizons or impossible counts give non-zero expectations")
	}
}

// simulateBGBB draws customers from a BG/BB: p from Beta(alpha, beta), θ
// from Beta(gamma, delta); at each opportunity 1..n a customer still alive
// drops out with probability θ, else buys with probability p. The
// customers' n cycle through ns (cohorts of different ages).
func simulateBGBB(rng *rand.Rand, m BGBB, customers int, ns []int) []records.Customer {
	pd := distuv.Beta{Alpha: m.Alpha, Beta: m.Beta, Src: rng}
	td := distuv.Beta{Alpha: m.Gamma, Beta: m.Delta, Src: rng}
	cs := make([]records.Customer, customers)
	for i := range cs {
		p, theta, n := pd.Rand(), td.Rand(), ns[i%len(ns)]
		x, tx := 0, 0
		for t := 1; t <= n; t++ {
			if rng.Float64() < theta {
				break
			}
			if rng.Float64() < p {
				x, tx = x+1, t
			}
		}
		cs[i] = records.Customer{ID: strconv.Itoa(i), Frequency: float64(x), Recency: float64(tx), T: float64(n)}
	}
	return cs
}

// TestBGBBRecovers fits 30,000 customers simulated from known parameters
// (with 4 to 10 opportunities each): each estimate lies within 4 standard
// errors of the truth. Seeded, so it cannot flake.
func TestBGBBRecovers(t *testing.T) {
	truth := BGBB{Alpha: 1.2, Beta: 0.75, Gamma: 0.66, Delta: 2.8}
	cs := simulateBGBB(rand.New(rand.NewPCG(3, 4)), truth, 30000, []int{4, 6, 8, 10})
	_, res, err := FitBGBB(cs)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Converged || res.Observations != 30000 {
		t.Errorf("%+v", res)
	}
	for i, want := range []float64{truth.Alpha, truth.Beta, truth.Gamma, truth.Delta} {
		p := res.Params[i]
		if math.Abs(p.Value-want) > 4*p.SE {
			t.Errorf("%s = %.4f ± %.4f, truth %g", p.Name, p.Value, p.SE, want)
		}
	}
}

// TestBGBBBadInput: customers the BG/BB cannot use get a message that names
// the row and says what to fix.
func TestBGBBBadInput(t *testing.T) {
	ok := records.Customer{Frequency: 2, Recency: 3, T: 6}
	cases := []struct {
		name string
		cs   []records.Customer
		want string
	}{
		{"none", nil, "no customers"},
		{"one", []records.Customer{ok}, "only one customer"},
		{"no repeat purchases", []records.Customer{{T: 6, Weight: 500}, {T: 4}}, "every customer made 0 repeat purchases: frequency carries no information"},
		{"buys every time", []records.Customer{{Frequency: 6, Recency: 6, T: 6, Weight: 20}}, "every customer bought at every opportunity"},
		{"fractional", []records.Customer{ok, {ID: "c7", Frequency: 1, Recency: 2.5, T: 6}}, `customer "c7" (row 2): recency is 2.5; the BG/BB counts transaction opportunities`},
		{"recency > T", []records.Customer{ok, {Frequency: 1, Recency: 7, T: 6}}, "row 2: recency 7 is after the last opportunity"},
		{"x > t_x", []records.Customer{{Frequency: 4, Recency: 3, T: 6}, ok}, "row 1: frequency 4 is more than recency 3"},
		{"no opportunities", []records.Customer{ok, {T: 0}}, "row 2: periods (T) is 0"},
		{"days, not opportunities", []records.Customer{ok, {Frequency: 3, Recency: 20, T: 2e6}}, "row 2: periods (T) is 2e+06: the BG/BB is for a few discrete transaction opportunities"},
		{"recency without purchases", []records.Customer{ok, {Recency: 2, T: 6}}, "row 2: recency is 2 with frequency 0"},
		{"negative weight", []records.Customer{ok, {Frequency: 1, Recency: 1, T: 6, Weight: -2}}, "row 2: weight is -2"},
		{"NaN", []records.Customer{ok, {Frequency: math.NaN(), T: 6}}, "row 2: frequency is NaN"},
	}
	for _, c := range cases {
		_, _, err := FitBGBB(c.cs)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to say %q", c.name, err, c.want)
		}
	}
}

// TestBGBBBoundary: customers who all bought at the last opportunity show
// no dropout, so gamma runs to 0; the fit says so and what to try, and
// returns the model with the error.
func TestBGBBBoundary(t *testing.T) {
	cs := []records.Customer{{Frequency: 3, Recency: 6, T: 6, Weight: 50}, {Frequency: 2, Recency: 6, T: 6, Weight: 50}, {Frequency: 6, Recency: 6, T: 6, Weight: 50}}
	m, res, err := FitBGBB(cs)
	if err == nil || !strings.Contains(err.Error(), "no customer seems to drop out") || !strings.Contains(err.Error(), "use a longer history") {
		t.Fatalf("error %v", err)
	}
	// The mean dropout probability, γ/(γ+δ), is next to 0.
	if res.Converged || m.Gamma/(m.Gamma+m.Delta) > 1e-6 {
		t.Errorf("%+v, %+v", m, res)
	}
}

// BenchmarkFitBGBB fits the donations data (22 grouped rows, 11,104
// donors); lifetimes takes about 200 ms for the same fit (docs/benchmarks.md).
func BenchmarkFitBGBB(b *testing.B) {
	cs := readDonations(b)
	benchFit(b, func() error { _, _, err := FitBGBB(cs); return err })
}

// BenchmarkFitBGBBSimulated fits 100,000 simulated customers with 4 to 10
// opportunities (some 200 distinct rows after grouping).
func BenchmarkFitBGBBSimulated(b *testing.B) {
	cs := simulateBGBB(rand.New(rand.NewPCG(5, 6)), BGBB{1.2, 0.75, 0.66, 2.8}, 100000, []int{4, 6, 8, 10})
	benchFit(b, func() error { _, _, err := FitBGBB(cs); return err })
}
