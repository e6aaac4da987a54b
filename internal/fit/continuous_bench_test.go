package fit

import (
	"fmt"
	"testing"
)

// benchFit runs fit b.N times and reports, besides the wall time, the CPU
// time per fit (cpu-ms/op: both cores' work, unaffected by other load).
func benchFit(b *testing.B, fit func() error) {
	b.ReportAllocs()
	c0 := processCPU()
	for b.Loop() {
		if err := fit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((processCPU()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkFitBGNBD fits BG/NBD to the CDNOW sample (2,357 customers) and
// to 100,000 and 1,000,000 customers simulated from the published
// parameters on whole days (so that, as in a log's summary, identical rows
// group). docs/benchmarks.md has the figures.
func BenchmarkFitBGNBD(b *testing.B) {
	b.Run("cdnow", func(b *testing.B) {
		cs := readCDNOW(b, "cdnow_customers_summary.csv")
		benchFit(b, func() error { _, _, err := FitBGNBD(cs); return err })
	})
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("simulated-%d", n), func(b *testing.B) {
			cs := simulateBGNBD(fhlBGNBD, n, 1, true)
			benchFit(b, func() error { _, _, err := FitBGNBD(cs); return err })
		})
	}
}

// BenchmarkFitParetoNBD fits Pareto/NBD to the CDNOW sample.
func BenchmarkFitParetoNBD(b *testing.B) {
	cs := readCDNOW(b, "cdnow_customers_summary.csv")
	benchFit(b, func() error { _, _, err := FitParetoNBD(cs); return err })
}

// BenchmarkFitGammaGamma fits Gamma-Gamma to the CDNOW sample's repeat
// buyers.
func BenchmarkFitGammaGamma(b *testing.B) {
	cs := readCDNOW(b, "cdnow_customers_summary_with_transactions.csv")
	benchFit(b, func() error { _, _, err := FitGammaGamma(cs); return err })
}
