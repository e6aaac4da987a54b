package fit

import (
	"fmt"
	"math"
	"testing"

	"clvlab/internal/records"
)

// TestConditionalCurve: the one-pass curve of each model is its
// ConditionalPurchases at k = 1, …, 157 (three years of weeks) to 1e−12
// relative, for histories from the new customer to the heavy buyer who
// has gone quiet. Parameters: BG/NBD and Pareto/NBD on CDNOW (Fader, Hardie
// & Lee 2005, Marketing Science; JMR), Pareto/NBD also at s = 1 (the
// closed form's limit); BG/BB on the donations (Fader, Hardie & Shang
// 2010, Marketing Science: α = 1.204, β = 0.750, γ = 0.657, δ = 2.783) and
// at γ = 1 (the alive sum by its series).
func TestConditionalCurve(t *testing.T) {
	continuous := []records.Customer{{T: 38.86}, {Frequency: 2, Recency: 30.43, T: 38.86}, {Frequency: 1, Recency: 0.14, T: 27},
		{Frequency: 50, Recency: 10, T: 39}, {Frequency: 8, Recency: 35, T: 35}}
	discrete := []records.Customer{{T: 6}, {Frequency: 3, Recency: 5, T: 6}, {Frequency: 6, Recency: 6, T: 6}, {Frequency: 1, Recency: 1, T: 6}}
	models := []struct {
		name string
		m    Purchases
		cs   []records.Customer
	}{
		{"BG/NBD", BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}, continuous},
		{"Pareto/NBD", ParetoNBD{R: 0.55, Alpha: 10.58, S: 0.61, Beta: 11.67}, continuous},
		{"Pareto/NBD s=1", ParetoNBD{R: 0.55, Alpha: 10.58, S: 1, Beta: 11.67}, continuous},
		{"BG/BB", BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}, discrete},
		{"BG/BB gamma=1", BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 1, Delta: 2.783}, discrete},
	}
	curve := make([]float64, 157)
	for _, tc := range models {
		if _, ok := tc.m.(curver); !ok {
			t.Errorf("%s has no one-pass curve", tc.name)
		}
		for _, c := range tc.cs {
			ConditionalCurve(tc.m, c, curve)
			for k, got := range curve {
				want := tc.m.ConditionalPurchases(c, float64(k+1))
				if !(math.Abs(got-want) <= 1e-12*math.Abs(want)) {
					t.Errorf("%s, %+v, k = %d: curve %.17g, ConditionalPurchases %.17g", tc.name, c, k+1, got, want)
					break
				}
			}
		}
	}
}

// BenchmarkResidualCLV is the residual CLV of one CDNOW customer over 157
// weeks: the one-pass curve against ConditionalPurchases per week.
func BenchmarkResidualCLV(b *testing.B) {
	c := records.Customer{Frequency: 2, Recency: 30.43, T: 38.86}
	opt := CLVOptions{Margin: 1, Rate: PeriodRate(0.1, records.Week), Horizon: 157}
	for _, m := range []Purchases{BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}, ParetoNBD{R: 0.55, Alpha: 10.58, S: 0.61, Beta: 11.67}} {
		name := fmt.Sprintf("%T", m)
		b.Run(name+"/curve", func(b *testing.B) {
			for b.Loop() {
				ResidualCLV(m, c, 1, opt)
			}
		})
		b.Run(name+"/per-period", func(b *testing.B) {
			for b.Loop() {
				v, f, prev, total := 1/(1+opt.Rate), 1.0, 0.0, 0.0
				for k := 1; k <= opt.Horizon; k++ {
					f *= v
					cum := m.ConditionalPurchases(c, float64(k))
					total += (cum - prev) * f
					prev = cum
				}
				_ = total
			}
		})
	}
}
