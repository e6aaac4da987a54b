package fit

import (
	"fmt"
	"testing"
)

// BenchmarkFitBGNBD fits BG/NBD to the CDNOW sample (2,357 customers) and
// to 100,000 and 1,000,000 customers simulated from the published
// parameters on whole days (so that, as in a log's summary, identical rows
// group). docs/benchmarks.md has the figures.
func BenchmarkFitBGNBD(b *testing.B) {
	b.Run("cdnow", func(b *testing.B) {
		cs := readCDNOW(b, "cdnow_customers_summary.csv")
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := FitBGNBD(cs); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("simulated-%d", n), func(b *testing.B) {
			cs := simulateBGNBD(fhlBGNBD, n, 1, true)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := FitBGNBD(cs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
