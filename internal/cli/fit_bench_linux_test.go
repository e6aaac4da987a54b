package cli

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// The end-to-end benchmarks of `clvlab fit`: reading, fitting, predicting
// and writing, as a user runs it, on data simulated from Pareto/NBD with
// CDNOW's published parameters in days (Fader, Hardie & Lee 2005, JMR:
// r = 0.55, α = 10.58, s = 0.61, β = 11.67 in weeks): first purchases over
// the first 12 weeks, purchases on whole days over two years, amounts
// gamma distributed. docs/benchmarks.md has the figures and the command:
//
//	go test -run '^$' -bench FitCommand -benchmem -benchtime 1x -count 3 ./internal/cli
func BenchmarkFitCommandLog1M(b *testing.B) {
	benchmarkFitCommand(b, func(dir string) []string {
		return []string{"transactions", writeSimulatedLog(b, dir, 1_000_000), "-calibration-end", "2021-06-30", "-holdout-end", "2021-12-31"}
	})
}

func BenchmarkFitCommandSummary1M(b *testing.B) {
	benchmarkFitCommand(b, func(dir string) []string {
		return []string{"summary", writeSimulatedSummary(b, dir, 1_000_000)}
	})
}

func benchmarkFitCommand(b *testing.B, input func(dir string) []string) {
	dir := b.TempDir()
	args := input(dir)
	for _, charts := range []string{"none", "png"} {
		b.Run("charts="+charts, func(b *testing.B) {
			cmd := append(append([]string{"fit"}, args...), "-charts", charts, "-o", filepath.Join(dir, "out"))
			cpu := benchCPU()
			for b.Loop() {
				var stderr bytes.Buffer
				if status := Main(cmd, io.Discard, &stderr); status != ExitOK {
					b.Fatalf("%v: status %d: %s", cmd, status, stderr.String())
				}
			}
			b.ReportMetric(float64(benchCPU()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// benchCPU is the CPU time (user and system, all threads) the process has
// used: on a shared machine, the figure that does not depend on the load.
func benchCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// simCustomer is one simulated customer: its first purchase day, its
// purchase days after it (ascending) and its mean amount.
type simCustomer struct {
	first int
	days  []int
	mean  float64
}

// simulate draws a Pareto/NBD customer over horizon days (seeded by rng).
func simulate(rng *rand.Rand, horizon int) simCustomer {
	const r, alpha, s, beta = 0.55, 10.58 * 7, 0.61, 11.67 * 7
	lambda, mu := gammaDraw(rng, r)/alpha, gammaDraw(rng, s)/beta
	c := simCustomer{first: rng.IntN(84), mean: 10 + 40*gammaDraw(rng, 2)/2}
	end := math.Min(float64(horizon), float64(c.first)+rng.ExpFloat64()/mu)
	last := c.first
	for t := float64(c.first) + rng.ExpFloat64()/lambda; t < end; t += rng.ExpFloat64() / lambda {
		if d := int(t); d > last {
			c.days = append(c.days, d)
			last = d
		}
	}
	return c
}

// gammaDraw is a Gamma(shape, 1) draw (Marsaglia & Tsang 2000; shape < 1
// by Gamma(shape+1)·U^(1/shape)).
func gammaDraw(rng *rand.Rand, shape float64) float64 {
	if shape < 1 {
		return gammaDraw(rng, shape+1) * math.Pow(rng.Float64(), 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := rng.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := rng.Float64()
		if math.Log(u) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return d * v
		}
	}
}

// writeSimulatedLog writes a log of about rows purchases
// ("customer,date,amount", sorted by date over 2020 and 2021) and returns
// its path.
func writeSimulatedLog(b *testing.B, dir string, rows int) string {
	b.Helper()
	type row struct{ day, customer int }
	rng := rand.New(rand.NewPCG(14, 1))
	var all []row
	var means []float64
	for id := 0; len(all) < rows; id++ {
		c := simulate(rng, 731)
		means = append(means, c.mean)
		all = append(all, row{c.first, id})
		for _, d := range c.days {
			all = append(all, row{d, id})
		}
	}
	slices.SortStableFunc(all, func(a, b row) int { return a.day - b.day })
	path := filepath.Join(dir, "log.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("customer,date,amount\n")
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var line []byte
	for _, r := range all {
		line = append(line[:0], 'C')
		line = strconv.AppendInt(line, int64(r.customer), 10)
		line = append(line, ',')
		line = start.AddDate(0, 0, r.day).AppendFormat(line, time.DateOnly)
		line = append(line, ',')
		line = strconv.AppendFloat(line, math.Round(means[r.customer]*(0.5+rng.Float64())*100)/100, 'f', 2, 64)
		line = append(line, '\n')
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// writeSimulatedSummary writes the summary of customers customers, in
// weeks, calibration to day 273 (39 weeks), and returns its path.
func writeSimulatedSummary(b *testing.B, dir string, customers int) string {
	b.Helper()
	rng := rand.New(rand.NewPCG(14, 2))
	path := filepath.Join(dir, "summary.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("customer,frequency,recency,T,monetary_value\n")
	var line []byte
	for id := range customers {
		c := simulate(rng, 273)
		x, tx := len(c.days), 0.0
		if x > 0 {
			tx = float64(c.days[x-1]-c.first) / 7
		}
		m := 0.0
		if x > 0 {
			m = math.Round(c.mean*(0.8+0.4*rng.Float64())*100) / 100
		}
		line = strconv.AppendInt(line[:0], int64(id+1), 10)
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(x), 10)
		line = append(line, ',')
		line = strconv.AppendFloat(line, tx, 'g', -1, 64)
		line = append(line, ',')
		line = strconv.AppendFloat(line, float64(273-c.first)/7, 'g', -1, 64)
		line = append(line, ',')
		line = strconv.AppendFloat(line, m, 'f', 2, 64)
		line = append(line, '\n')
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}
