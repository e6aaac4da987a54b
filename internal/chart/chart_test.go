package chart

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/vg"

	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// lifecycle returns a four-stage, two-segment model with win-back, scaled
// by retention (the stay probability of stability) and acquisition cost.
func lifecycle(stay, cac, newCustomers float64) *sim.Model {
	econ := []sim.Economics{
		{Revenue: 30, CostToServe: 8, RetentionSpend: 2},
		{Revenue: 60, CostToServe: 12, RetentionSpend: 3},
		{Revenue: 90, CostToServe: 15, RetentionSpend: 4, PriceDiscount: 0.05},
		{Revenue: 40, CostToServe: 10, RetentionSpend: 1},
	}
	p := [][]float64{{0.40, 0.35, 0, 0.05}, {0, 0.50, 0.30, 0.08}, {0, 0, stay, 0.05}, {0, 0.05, 0.05, 0.60}}
	gold := make([]sim.Economics, 4)
	for i, e := range econ {
		e.Revenue *= 1.5
		gold[i] = e
	}
	nc := make([]float64, 36)
	for i := range nc {
		nc[i] = newCustomers
	}
	return &sim.Model{
		StageIDs: []string{"exploration", "formation", "stability", "decline"},
		Period:   sim.Month, Horizon: 36, DiscountRate: 0.10, NewCustomers: nc,
		Winback: sim.Winback{Rate: 0.03, CostPerCustomer: 40, To: 1, Window: 12},
		Segments: []sim.Segment{
			{ID: "gold", Share: 0.2, AcquisitionCost: cac * 1.25, Stages: gold, Transition: p},
			{ID: "standard", Share: 0.8, AcquisitionCost: cac, Stages: econ, Transition: p},
		},
	}
}

func run(t testing.TB, m *sim.Model) *sim.Result {
	t.Helper()
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// input is the test scenario with a base and two variants, in lang.
func input(t testing.TB, lang string) *Input {
	names := map[string][]string{
		"en": {"Four-stage lifecycle", "Exploration", "Formation", "Stability", "Decline", "Gold", "Standard", "Base", "Loyalty programme", "Cheaper acquisition"},
		"zh": {"四阶段客户生命周期", "考察期", "形成期", "稳定期", "退化期", "黄金客户", "普通客户", "基准", "忠诚计划", "降低获客成本"},
	}[lang]
	return &Input{
		Lang: lang, Scenario: names[0], Currency: "CNY",
		Stages: names[1:5], Segments: names[5:7],
		Runs: []Run{
			{Name: names[7], Result: run(t, lifecycle(0.88, 120, 1000))},
			{Name: names[8], Result: run(t, lifecycle(0.92, 120, 1000))},
			{Name: names[9], Result: run(t, lifecycle(0.88, 90, 1000))},
		},
	}
}

func renderPNG(t testing.TB, k Kind, in *Input) []byte {
	t.Helper()
	fig, err := Build(k, in, DefaultSize)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := fig.WritePNG(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// goldenDelta is the normalised pixel difference cmpimg allows: small
// enough that a moved line or a changed label fails.
const goldenDelta = 0.02

// check compares got with testdata/name_golden.png, or writes it with
// -regen (cmpimg's flag).
func check(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name+"_golden.png")
	if *cmpimg.GenerateTestData {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/chart -regen to create it)", err)
	}
	ok, err := cmpimg.EqualApprox("png", got, want, goldenDelta)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		failed := filepath.Join("testdata", name+"_failed.png")
		os.WriteFile(failed, got, 0o644)
		t.Errorf("%s differs from %s (wrote %s)", name, golden, failed)
	}
}

// TestGolden: every chart kind in both languages matches its golden image.
func TestGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		in := input(t, lang)
		for _, k := range Kinds {
			check(t, fmt.Sprintf("%s_%s", k.Slug(), lang), renderPNG(t, k, in))
		}
	}
}

// TestPlaceholders: a scenario without variants or customers gives a
// message, never an empty frame or NaN.
func TestPlaceholders(t *testing.T) {
	in := input(t, "en")
	in.Runs = in.Runs[:1]
	check(t, "comparison_no-variants_en", renderPNG(t, Comparison, in))
	empty := input(t, "zh")
	empty.Runs = []Run{{Name: "基准", Result: run(t, lifecycle(0.88, 120, 0))}}
	check(t, "customers_no-customers_zh", renderPNG(t, Customers, empty))
	for _, k := range Kinds {
		renderPNG(t, k, empty) // must not fail
	}
}

// TestMessagesPrintable: every message, in both languages, uses only
// characters the chart font has.
func TestMessagesPrintable(t *testing.T) {
	for key, m := range messages {
		for _, s := range m {
			if Printable(s) != s {
				t.Errorf("message %d %q has characters the font lacks: %q", key, s, Printable(s))
			}
		}
	}
	// "·" is in the font (GB2312 punctuation), "×", "–", "τ" and "⁻¹" too
	// (font/cut.py's extra characters); "½" and "é" are not, nor a
	// level-2 hanzi ("阈").
	if s := "Value segments (cycle × amount) · 2–3, τ ≥ 0, (1+d)⁻¹"; Printable(s) != s {
		t.Errorf("printable = %q", Printable(s))
	}
	if got := Printable("½ café 阈"); got != "? caf? ?" {
		t.Errorf("printable = %q, want %q", got, "? caf? ?")
	}
}

func TestHuman(t *testing.T) {
	for _, c := range []struct {
		v          float64
		lang, want string
	}{
		{0, "en", "0"}, {950, "en", "950"}, {8000, "en", "8,000"}, {12000, "en", "12k"},
		{2.5e6, "en", "2.5M"}, {-1.25e9, "en", "-1.25B"}, {15000, "zh", "1.5万"}, {2.5e8, "zh", "2.5亿"},
	} {
		if got := Human(c.v, c.lang); got != c.want {
			t.Errorf("Human(%v, %s) = %q, want %q", c.v, c.lang, got, c.want)
		}
	}
}

// drawn draws fig as the PNG file is drawn (what PeriodAt and the legends
// read is set by drawing).
func drawn(t testing.TB, fig *Figure) {
	t.Helper()
	if err := fig.WritePNG(io.Discard); err != nil {
		t.Fatal(err)
	}
}

// TestPeriodAt: after drawing, a pixel in the data area maps to the period
// under it, at both ends of the axis, and non-time charts have none.
func TestPeriodAt(t *testing.T) {
	in := input(t, "en")
	fig, _ := Build(CashFlow, in, DefaultSize)
	drawn(t, fig)
	first, x0, top, bottom, ok := fig.PeriodAt(fig.data[0].pixelX(0), DefaultSize.H/3)
	if !ok || first != 0 || top >= bottom {
		t.Fatalf("left edge: period %d ok %v, rows %d..%d", first, ok, top, bottom)
	}
	last, x1, _, _, ok := fig.PeriodAt(fig.data[0].pixelX(35), DefaultSize.H/3)
	if !ok || last != 35 || x1 <= x0 {
		t.Errorf("right edge: period %d (x %d after %d), ok %v", last, x1, x0, ok)
	}
	if _, _, _, _, ok := fig.PeriodAt(2, 2); ok {
		t.Error("a corner outside the data area has a period")
	}
	fig, _ = Build(Breakdown, in, DefaultSize)
	drawn(t, fig)
	if _, _, _, _, ok := fig.PeriodAt(400, 250); ok {
		t.Error("the breakdown chart has periods")
	}
	lines := Values(Customers, in, 5)
	if len(lines) != 1+4+1 {
		t.Errorf("customer values: %q", lines)
	}
}

// TestOverlay: the app's baseline is drawn dashed over the current run.
func TestOverlay(t *testing.T) {
	in := input(t, "zh")
	in.Runs = in.Runs[:2]
	in.Current, in.Overlay = 1, true
	check(t, "customers_overlay_zh", renderPNG(t, Customers, in))
	check(t, "cashflow_overlay_zh", renderPNG(t, CashFlow, in))
}

// TestFans: Monte Carlo bands show as fans on the customers and cash-flow
// charts, in both languages.
func TestFans(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		in := input(t, lang)
		m := lifecycle(0.88, 120, 300) // a small cohort: visible noise
		in.Runs = []Run{{Name: in.Runs[0].Name, Result: run(t, m)}}
		b, err := uncertainty.Run(m, uncertainty.Config{Trials: 400, Seed: 7, ProcessNoise: true, PoissonAcquisition: true})
		if err != nil {
			t.Fatal(err)
		}
		in.Runs[0].Bands = b
		check(t, "customers_fan_"+lang, renderPNG(t, Customers, in))
		check(t, "cashflow_fan_"+lang, renderPNG(t, CashFlow, in))
	}
}

// pixelX returns the pixel column of data x in the area (for tests).
func (d dataArea) pixelX(x float64) int {
	r := d.rect
	xv := r.Min.X + vg.Length((x-d.xMin)/(d.xMax-d.xMin))*(r.Max.X-r.Min.X)
	return int(xv * 96 / vg.Inch)
}

// presetRuns returns the shipped scenario id and its runs (the base and
// each variant), projected.
func presetRuns(tb testing.TB, id string) (*scenarios.Scenario, []projection.Run) {
	tb.Helper()
	s, err := scenarios.Preset(id)
	if err != nil {
		tb.Fatal(err)
	}
	runs, err := projection.Runs(s)
	if err != nil {
		tb.Fatal(err)
	}
	return s, runs
}
