package explain

import (
	"testing"

	"clvlab/scenarios"
)

// BenchmarkFill measures refilling the tenure table, what the planner
// does while a slider moves: go test ./internal/explain -bench Fill -benchmem.
func BenchmarkFill(b *testing.B) {
	for _, id := range []string{"annuity", "four-stage", "value-segments"} {
		s, err := scenarios.Preset(id)
		if err != nil {
			b.Fatal(err)
		}
		m, err := s.Model()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(id, func(b *testing.B) {
			var t Table
			t.Fill(m, Mixed)
			b.ReportAllocs()
			for b.Loop() {
				t.Fill(m, Mixed)
			}
		})
	}
}
