package chart

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
	"clvlab/sim"
)

// The analysis charts are drawn from fixed numbers shaped like the
// shipped scenarios' results, so that the golden images change only when
// the drawing does.

func header(lang string) Header {
	name := map[string]string{"en": "Four-stage lifecycle", "zh": "四阶段客户生命周期"}[lang]
	return Header{Lang: lang, Scenario: name, Currency: "CNY"}
}

func waterfallInput(lang string, exact bool) *Waterfall {
	n := map[string][]string{
		"en": {"Base", "Loyalty programme", "CLV per new customer", "customer equity", "Stability: retention spend", "Stability: stay", "Stability -> Decline"},
		"zh": {"基准", "忠诚度计划", "每位新客户的 CLV", "客户资产", "稳定期：保留投入", "稳定期：留存", "稳定期 -> 退化期"},
	}[lang]
	se := 0.0
	if !exact {
		se = 1.5
	}
	return &Waterfall{
		Header: header(lang), Base: n[0], Variant: n[1], Exact: exact, Subsets: 8, Orderings: 256,
		Panels: []WaterfallPanel{
			{KPI: n[2], Money: true, Base: 819.76, Variant: 901.81, Steps: []Step{
				{n[5], 71.2, se}, {n[6], 25.4, se}, {n[4], -14.55, se}}},
			{KPI: n[3], Money: true, Base: 9.146e6, Variant: 1.0231e7, Steps: []Step{
				{n[5], 0.94e6, 1000 * se}, {n[6], 0.33e6, 1000 * se}, {n[4], -0.185e6, 1000 * se}}},
		},
	}
}

func tornadoInput(lang string) *Tornado {
	names := map[string][]string{
		"en": {"customer equity", "Stability: revenue", "Stability: stay", "acquisition cost per customer", "Stability: cost to serve", "new customers per period", "Formation: revenue", "Formation -> Stability", "discount rate", "Decline: revenue", "win-back rate"},
		"zh": {"客户资产", "稳定期：收入", "稳定期：留存", "单客获客成本", "稳定期：服务成本", "每期新客户数", "形成期：收入", "形成期 -> 稳定期", "折现率", "退化期：收入", "赢回率"},
	}[lang]
	base := 9.146e6
	t := &Tornado{Header: header(lang), KPI: names[0], Money: true, Percent: 10, Base: sim.Some(base)}
	swings := []float64{2.1e6, 1.6e6, 1.3e6, 0.9e6, 0.8e6, 0.6e6, 0.45e6, 0.2e6, 0.12e6, 0.05e6}
	for i, s := range swings {
		b := TornadoBar{Name: names[i+1], Low: 0.9 * float64(100+10*i), High: 1.1 * float64(100+10*i),
			KPILow: sim.Some(base - s*0.55), KPIHigh: sim.Some(base + s*0.45)}
		switch i {
		case 1: // a stay probability, clamped by its row
			b.Low, b.High, b.Percent, b.Clamped = 0.81, 0.94, true, true
		case 2, 3: // costs: a higher value lowers equity
			b.KPILow, b.KPIHigh = b.KPIHigh, b.KPILow
		case 7:
			b.Low, b.High, b.Percent = 0.09, 0.11, true
		}
		t.Bars = append(t.Bars, b)
	}
	return t
}

// heatInput is customer equity over the stability stay probability and
// the acquisition cost, shaped as equity = a·(stay − 0.8) − b·cost + c,
// so that the break-even line is straight.
func heatInput(lang string, invalid bool) *HeatMap {
	names := map[string][]string{
		"en": {"customer equity", "acquisition cost per customer", "Stability: stay"},
		"zh": {"客户资产", "单客获客成本", "稳定期：留存"},
	}[lang]
	h := &HeatMap{Header: header(lang), KPI: names[0], Money: true, XName: names[1], YName: names[2], YPercent: true, Current: &[2]float64{120, 0.9}}
	for i := range 50 {
		h.XValues = append(h.XValues, 60+float64(i)*180/49)
		h.YValues = append(h.YValues, 0.8+float64(i)*0.14/49)
	}
	h.Z = make([][]sim.Optional, 50)
	for j, stay := range h.YValues {
		h.Z[j] = make([]sim.Optional, 50)
		for i, cost := range h.XValues {
			if invalid && stay+cost/2000 > 1.03 { // a corner where the pair is invalid
				continue
			}
			h.Z[j][i] = sim.Some(1.2e8*(stay-0.8) - 8e4*cost + 9e6)
		}
	}
	return h
}

func seekInput(lang string, found bool) *SeekCurve {
	names := map[string][]string{"en": {"LTV:CAC", "Stability: stay"}, "zh": {"LTV:CAC", "稳定期：留存"}}[lang]
	s := &SeekCurve{Header: header(lang), KPI: names[0], Param: names[1], Percent: true, Goal: "=", Target: 3, Current: 0.9}
	for i := range 65 {
		x := 0.5 + 0.44*float64(i)/64
		s.Curve = append(s.Curve, CurvePoint{x, sim.Some(2.1 + 1.5*math.Pow((x-0.5)/0.44, 3))})
	}
	if found {
		s.Found, s.Value = true, 0.5+0.44*math.Cbrt(0.6)
	} else {
		s.Target = 5
	}
	return s
}

func optimumInput(lang string) *OptimumSlices {
	names := map[string][]string{
		"en": {"CLV per new customer", "Decline: retention spend", "Stability: retention spend"},
		"zh": {"每位新客户的 CLV", "退化期：保留投入", "稳定期：保留投入"},
	}[lang]
	o := &OptimumSlices{Header: header(lang), KPI: names[0], Money: true}
	for k, peak := range []float64{25.5, 12.1} {
		l := OptimumLever{Name: names[1+k], Current: []float64{5, 3}[k], Optimum: peak}
		hi := []float64{60, 20}[k]
		for i := range 41 {
			x := hi * float64(i) / 40
			l.Slice = append(l.Slice, CurvePoint{x, sim.Some(760 - 0.12*(x-peak)*(x-peak)*60/hi)})
		}
		o.Levers = append(o.Levers, l)
	}
	return o
}

func renderAnalysis(t testing.TB, a Analysis) []byte {
	t.Helper()
	fig, err := BuildAnalysis(a, DefaultSize)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := fig.WritePNG(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestAnalysisGolden: every analysis chart in both languages matches its
// golden image (go test ./internal/chart -regen to rewrite them).
func TestAnalysisGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		for name, a := range map[string]Analysis{
			"waterfall": waterfallInput(lang, true),
			"tornado":   tornadoInput(lang),
			"heatmap":   heatInput(lang, false),
			"seek":      seekInput(lang, true),
			"optimum":   optimumInput(lang),
		} {
			check(t, fmt.Sprintf("%s_%s", name, lang), renderAnalysis(t, a))
		}
	}
	check(t, "waterfall_sampled_en", renderAnalysis(t, waterfallInput("en", false)))
	check(t, "heatmap_invalid_en", renderAnalysis(t, heatInput("en", true)))
	check(t, "seek_no-answer_en", renderAnalysis(t, seekInput("en", false)))
}

// TestAnalysisDegenerate: empty or undefined data gives a placeholder,
// never a failure or a panic.
func TestAnalysisDegenerate(t *testing.T) {
	allUndefined := heatInput("en", false)
	for j := range allUndefined.Z {
		for i := range allUndefined.Z[j] {
			allUndefined.Z[j][i] = sim.Optional{}
		}
	}
	flat := heatInput("en", false)
	for j := range flat.Z {
		for i := range flat.Z[j] {
			flat.Z[j][i] = sim.Some(5)
		}
	}
	for _, a := range []Analysis{
		&Waterfall{}, &Tornado{}, &HeatMap{}, &SeekCurve{}, &OptimumSlices{},
		&Tornado{Base: sim.Some(1), Bars: []TornadoBar{{Name: "x", KPILow: sim.Some(1), KPIHigh: sim.Some(1)}}},
		&Tornado{Base: sim.Some(1), Bars: []TornadoBar{{Name: "undefined"}}},
		allUndefined, flat,
		&SeekCurve{Curve: []CurvePoint{{0, sim.Optional{}}, {1, sim.Optional{}}}},
		&OptimumSlices{Levers: []OptimumLever{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}}},
	} {
		renderAnalysis(t, a)
	}
	if _, err := BuildAnalysis(nil, DefaultSize); err == nil {
		t.Error("nil analysis accepted")
	}
}

// BenchmarkAnalysisRender measures building and writing each analysis
// chart as PNG.
func BenchmarkAnalysisRender(b *testing.B) {
	for name, a := range map[string]Analysis{
		"waterfall": waterfallInput("en", true), "tornado": tornadoInput("en"), "heatmap": heatInput("en", false),
		"seek": seekInput("en", true), "optimum": optimumInput("en"),
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				renderAnalysis(b, a)
			}
		})
	}
}

// TestTornadoLegendOffTheBars: the What matters legend covers no bar at
// the planner's and the projector's sizes with large text, in both
// languages (projected and at large text, a fixed share of rows left as
// its room sat it over the longest bar): Figure.makeRoom sizes the room
// above the bars from the legend's height. Nor do the rows' names overlap
// (twenty rows in the height of six at large text: the figure shows the
// rows that fit, the rest counted in the note). The sizes are the app's chart
// at 1024×640, 1280×800 and 1920×1080, large text and projected.
func TestTornadoLegendOffTheBars(t *testing.T) {
	s, err := scenarios.Preset("four-stage")
	if err != nil {
		t.Fatal(err)
	}
	tor, err := whatif.Sensitivity(s, whatif.SensitivityOptions{KPI: kpi.CustomerEquity, Percent: 10})
	if err != nil {
		t.Fatal(err)
	}
	sizes := []Size{DefaultSize, {W: 800, H: 500, Text: 1.3},
		{W: 732, H: 338, Text: 1.695, ShortTitle: true}, {W: 732, H: 402, Text: 1.425, ShortTitle: true},
		{W: 917, H: 522, Text: 1.373, ShortTitle: true}, {W: 1376, H: 683, Text: 1.464, ShortTitle: true},
		{W: 664, H: 477, Text: 1.285, ShortTitle: true}, {W: 833, H: 610, Text: 1.281, ShortTitle: true},
		{W: 1248, H: 785, Text: 1.282, ShortTitle: true}}
	for _, lang := range []string{"en", "zh"} {
		for _, size := range sizes {
			where := fmt.Sprintf("%s %dx%d×%.2f", lang, size.W, size.H, size.Text)
			fig, err := BuildAnalysis(NewTornado(s, tor, lang), size)
			if err != nil {
				t.Fatal(err)
			}
			drawn(t, fig)
			bars, legends := fig.Bars(), fig.Legends()
			if len(bars) == 0 || len(legends) != 1 {
				t.Fatalf("%s: %d bars, %d legends", where, len(bars), len(legends))
			}
			for _, b := range bars {
				if l := legends[0]; l.Inset(1).Overlaps(b.Inset(1)) {
					t.Errorf("%s: legend %v over a bar %v", where, l, b)
					break
				}
			}
			// Rows at least as far apart as their names are high.
			p := fig.rows[0][0]
			row := float64(fig.DataAreas()[0].Dy()) / (p.Y.Max - p.Y.Min)
			if name := float64(p.Y.Tick.Label.Height("Ag")) * 96 / 72; row < name {
				t.Errorf("%s: rows %.1f px apart, names %.1f px high: they overlap", where, row, name)
			}
		}
	}
}
