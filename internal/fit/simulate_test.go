package fit

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"clvlab/internal/records"

	"gonum.org/v1/gonum/stat/distuv"
)

// readCDNOW reads a CDNOW summary of testdata/cdnow (README.md there gives
// its provenance): columns ID, x, t_x, T and, in the file with
// transactions, zbar.
func readCDNOW(tb testing.TB, name string) []records.Customer {
	tb.Helper()
	f, err := os.Open("testdata/cdnow/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	cs := make([]records.Customer, 0, len(rows)-1)
	for _, row := range rows[1:] {
		num := func(i int) float64 {
			v, err := strconv.ParseFloat(row[i], 64)
			if err != nil {
				tb.Fatalf("%s: %v", name, err)
			}
			return v
		}
		c := records.Customer{ID: row[0], Frequency: num(1), Recency: num(2), T: num(3)}
		if len(row) > 4 {
			c.Monetary = num(4)
		}
		cs = append(cs, c)
	}
	return cs
}

// cohort draws the customers' ages T at the calibration end: first
// purchases spread evenly over the first `weeks` weeks of a calibration
// period `end` weeks long, on whole days (as a transaction log's summary
// has them).
func cohortT(rng *rand.Rand, weeks, end float64) float64 {
	day := math.Floor(rng.Float64() * weeks * 7)
	return end - day/7
}

// simulateBGNBD draws n customers from BG/NBD with parameters m: λ ~
// Gamma(r, rate α), p ~ Beta(a, b); purchases at rate λ; after each repeat
// purchase the customer drops out with probability p. With days set,
// purchase times are rounded down to whole days, as in a log's summary, so
// that many customers share a summary row.
func simulateBGNBD(m BGNBD, n int, seed uint64, days bool) []records.Customer {
	rng := rand.New(rand.NewPCG(seed, 1))
	lambda := distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: rng}
	drop := distuv.Beta{Alpha: m.A, Beta: m.B, Src: rng}
	cs := make([]records.Customer, n)
	for i := range cs {
		T := cohortT(rng, 12, 39)
		l, p := lambda.Rand(), drop.Rand()
		x, tx, t := 0.0, 0.0, 0.0
		for {
			t += rng.ExpFloat64() / l
			if t > T {
				break
			}
			x, tx = x+1, t
			if rng.Float64() < p {
				break
			}
		}
		if days {
			tx = math.Floor(tx*7) / 7
		}
		cs[i] = records.Customer{Frequency: x, Recency: tx, T: T}
	}
	return cs
}

// withinSE checks that each estimate lies within k standard errors of the
// truth (the SEs from the observed information).
func withinSE(t *testing.T, r Result, truth map[string]float64, k float64) {
	t.Helper()
	for _, p := range r.Params {
		want := truth[p.Name]
		if math.IsNaN(p.SE) {
			t.Errorf("%s: no standard error (%s)", p.Name, r.SENote)
			continue
		}
		if math.Abs(p.Value-want) > k*p.SE {
			t.Errorf("%s = %.4g ± %.2g, truth %.4g: %.1f SE away", p.Name, p.Value, p.SE, want, math.Abs(p.Value-want)/p.SE)
		}
	}
}

// simulateParetoNBD draws n customers from Pareto/NBD with parameters m:
// λ ~ Gamma(r, rate α), μ ~ Gamma(s, rate β), lifetime τ ~ Exp(μ);
// purchases at rate λ while alive, up to T.
func simulateParetoNBD(m ParetoNBD, n int, seed uint64) []records.Customer {
	rng := rand.New(rand.NewPCG(seed, 2))
	lambda := distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: rng}
	mu := distuv.Gamma{Alpha: m.S, Beta: m.Beta, Src: rng}
	cs := make([]records.Customer, n)
	for i := range cs {
		T := cohortT(rng, 12, 39)
		l := lambda.Rand()
		end := math.Min(T, rng.ExpFloat64()/mu.Rand())
		x, tx, t := 0.0, 0.0, 0.0
		for {
			t += rng.ExpFloat64() / l
			if t > end {
				break
			}
			x, tx = x+1, t
		}
		cs[i] = records.Customer{Frequency: x, Recency: tx, T: T}
	}
	return cs
}

// simulateGammaGamma draws n repeat buyers from Gamma-Gamma with
// parameters m: ν ~ Gamma(q, rate γ), x ~ 1 + Poisson(2) purchases each
// of value ~ Gamma(p, rate ν), Monetary their mean.
func simulateGammaGamma(m GammaGamma, n int, seed uint64) []records.Customer {
	rng := rand.New(rand.NewPCG(seed, 3))
	nu := distuv.Gamma{Alpha: m.Q, Beta: m.Gamma, Src: rng}
	count := distuv.Poisson{Lambda: 2, Src: rng}
	cs := make([]records.Customer, n)
	for i := range cs {
		v := distuv.Gamma{Alpha: m.P, Beta: nu.Rand(), Src: rng}
		x := 1 + count.Rand()
		sum := 0.0
		for range int(x) {
			sum += v.Rand()
		}
		cs[i] = records.Customer{Frequency: x, Recency: 1, T: 2, Monetary: sum / x}
	}
	return cs
}

// TestWriteSimulated writes the simulated customers of the BG/NBD
// benchmarks (100,000 and 1,000,000, the same seed) as CSV files
// (frequency,recency,T) into the directory CLVLAB_WRITE_SIMULATED names,
// for fitting the same data with another tool (docs/bench/lifetimes.py);
// skipped without it.
func TestWriteSimulated(t *testing.T) {
	dir := os.Getenv("CLVLAB_WRITE_SIMULATED")
	if dir == "" {
		t.Skip("CLVLAB_WRITE_SIMULATED not set")
	}
	for _, n := range []int{100_000, 1_000_000} {
		var b strings.Builder
		b.WriteString("frequency,recency,T\n")
		for _, c := range simulateBGNBD(fhlBGNBD, n, 1, true) {
			fmt.Fprintf(&b, "%g,%.17g,%.17g\n", c.Frequency, c.Recency, c.T)
		}
		if err := os.WriteFile(fmt.Sprintf("%s/simulated-%d.csv", dir, n), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
