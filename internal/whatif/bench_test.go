package whatif

import (
	"os"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
)

// The benchmarks docs/benchmarks.md reports: a 20-parameter tornado, a
// 50×50 grid, a goal seek and an optimisation on the default scenario
// (four-stage.toml; for the optimisation with two [[response]] curves
// added, since the file has none), plus the shipped retention-spend
// optimisation and a comparison. Analyses run on GOMAXPROCS workers.

func BenchmarkTornado20(b *testing.B) {
	s := preset(b, scenarios.DefaultPreset)
	var paths []string
	for _, p := range s.Parameters() {
		if p.Value != 0 && len(paths) < 20 {
			paths = append(paths, p.Path)
		}
	}
	if len(paths) != 20 {
		b.Fatalf("%d parameters", len(paths))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sensitivity(s, SensitivityOptions{KPI: kpi.CustomerEquity, Paths: paths}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGrid50(b *testing.B) {
	s := preset(b, scenarios.DefaultPreset)
	opt := GridOptions{KPI: kpi.CustomerEquity, X: "acquisition.cost_per_customer", Y: "stage.stability.to.stability",
		XRange: &[2]float64{0, 1200}, YRange: &[2]float64{0.6, 0.94}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := GridOf(s, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSeek(b *testing.B) {
	s := preset(b, scenarios.DefaultPreset)
	b.ReportAllocs()
	for b.Loop() {
		r, err := Seek(s, SeekOptions{Path: "stage.stability.to.stability", KPI: kpi.LTVCAC, Goal: Equal, Target: 3})
		if err != nil || !r.Found {
			b.Fatal(err)
		}
	}
}

// defaultWithCurves is four-stage.toml with curves for the stability and
// decline retention spend that give the file's own probabilities near its
// current spend (stay 0.90 at 3 CNY: 0.86 + 0.07·(1 − e^−0.84) ≈ 0.90;
// recovery 0.05 at 0 CNY).
func defaultWithCurves(b *testing.B) *scenarios.Scenario {
	src, err := os.ReadFile("../../scenarios/shipped/four-stage.toml")
	if err != nil {
		b.Fatal(err)
	}
	src = append(src, []byte(`
[[response]]
lever = "stage.stability.retention_spend"
target = "stage.stability.to.stability"
p0 = 0.86
pmax = 0.93
k = 0.28

[[response]]
lever = "stage.decline.retention_spend"
target = "stage.decline.to.stability"
p0 = 0.05
pmax = 0.14
k = 0.12
`)...)
	return parse(b, string(src))
}

func BenchmarkOptimize(b *testing.B) {
	for _, c := range []struct {
		name string
		s    *scenarios.Scenario
	}{{"default-with-curves", defaultWithCurves(b)}, {"retention-spend", preset(b, "retention-spend")}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Optimize(c.s, OptimizeOptions{KPI: kpi.CustomerEquity}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCompare(b *testing.B) {
	s := preset(b, scenarios.DefaultPreset)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(s, 0, CompareOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
