package fitted

import (
	"os"
	"testing"

	"clvlab/internal/fit"
	"clvlab/internal/records"
)

// BenchmarkScenarioCDNOW is fit-to-scenario on the CDNOW summary (2,357
// customers, weeks): from the fitted BG/NBD and Gamma-Gamma to the
// scenario's text, choosing the class grid (checked against E[X(t)] over
// 157 weeks), placing today's 2,357 customers in them, and writing 144
// classes and as many of today's. Target ≤ 50 ms (issue 15).
func BenchmarkScenarioCDNOW(b *testing.B) {
	src, err := os.ReadFile("../records/testdata/cdnow_customers_summary_with_transactions.csv")
	if err != nil {
		b.Fatal(err)
	}
	d, err := FitData("cdnow.csv", src, Terms{DiscountRate: 0.10, NewCustomers: -1})
	if err != nil {
		b.Fatal(err)
	}
	r := d.Purchases
	m := fit.BGNBD{R: r.Value("r"), Alpha: r.Value("alpha"), A: r.Value("a"), B: r.Value("b")}
	s := d.Spend
	gg := fit.GammaGamma{P: s.Value("p"), Q: s.Value("q"), Gamma: s.Value("gamma")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Purchases(Source{Data: "cdnow.csv", Kind: "summary", Unit: records.Week}, m, r, gg, s, d.Summary.Customers, Terms{DiscountRate: 0.10, NewCustomers: -1, Existing: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFitDataCDNOW is the whole of a dropped CDNOW summary: reading
// it, fitting BG/NBD, Pareto/NBD and Gamma-Gamma, choosing, and the
// scenario.
func BenchmarkFitDataCDNOW(b *testing.B) {
	src, err := os.ReadFile("../records/testdata/cdnow_customers_summary_with_transactions.csv")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FitData("cdnow.csv", src, Terms{DiscountRate: 0.10, NewCustomers: -1}); err != nil {
			b.Fatal(err)
		}
	}
}
