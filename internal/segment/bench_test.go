package segment

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// bigBase is n customers drawn (seeded) in the shape of a retail log:
// purchases geometric (half buy once), recency and cycle uniform in weeks,
// amounts log-normal.
func bigBase(n int) []Customer {
	rng := rand.New(rand.NewPCG(1, 2))
	cs := make([]Customer, n)
	for i := range cs {
		p := 1 + math.Floor(-math.Log(rng.Float64())/math.Ln2)
		c := Customer{ID: strconv.Itoa(i), Weight: 1, Purchases: p, Tenure: 78 * rng.Float64(), Cycle: math.NaN()}
		c.Recency = c.Tenure * rng.Float64()
		c.Amount = math.Exp(3 + rng.NormFloat64())
		c.Spend = c.Amount * p
		if p > 1 {
			c.Cycle = (c.Tenure - c.Recency) / (p - 1)
		}
		cs[i] = c
	}
	return cs
}

// BenchmarkSegment classifies 1,000,000 customers by each matrix (the
// target: at most a second each).
func BenchmarkSegment(b *testing.B) {
	cs := bigBase(1_000_000)
	value, loyalty := make([]float64, len(cs)), make([]float64, len(cs))
	for i, c := range cs {
		value[i], loyalty[i] = c.Spend, c.Tenure
	}
	nan := [2]float64{math.NaN(), math.NaN()}
	q := ValueLoyaltyQuadrants(Text{"margin", ""}, Text{"tenure", ""})
	for _, m := range []struct {
		name string
		run  func() error
	}{
		{"rfm", func() error { _, err := ClassifyRFM(cs); return err }},
		{"abc", func() error { _, err := ClassifyABC(cs, nil); return err }},
		{"crvp", func() error { _, err := ClassifyCRVP(cs, nil, nil); return err }},
		{"value-loyalty", func() error { _, err := q.Classify(cs, value, loyalty, value, nan); return err }},
	} {
		b.Run(m.name+"/1e6", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := m.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
