package chart

import (
	"fmt"
	"math"
	"testing"
)

// The segment charts are drawn from numbers made by hand in the shape of
// the CDNOW sample's CRVP matrix (2,357 customers, about half of them
// one-time buyers) and its Pareto curve, so that the golden images change
// only when the drawing does.

func crvpInput(lang string) *SegmentMatrix {
	name := func(en, zh string) string {
		if lang == "zh" {
			return zh
		}
		return en
	}
	total, value := 2357.0, 240000.0
	c := func(seg string, colour int, n, v float64) MatrixCell {
		return MatrixCell{Segment: seg, Colour: colour, Customers: n, Value: v, CustomerShare: n / total, ValueShare: v / value}
	}
	pl, go_, si, de, ad := name("Platinum", "白金客户"), name("Gold", "黄金客户"), name("Silver", "白银客户"), name("Development", "发展型客户"), name("Adjust", "调整型客户")
	return &SegmentMatrix{Header: Header{Lang: lang, Scenario: "CDNOW_sample.txt"},
		Title:    name("CRVP: purchase amount × purchase cycle", "CRVP：购买金额 × 购买周期"),
		RowTitle: name("Purchase amount", "购买金额"), ColTitle: name("Purchase cycle", "购买周期"),
		Rows: []string{name("large", "大"), name("medium", "中"), name("small", "小")},
		Cols: []string{name("short", "短"), name("medium", "中"), name("long", "长")},
		Cells: [][]MatrixCell{
			{c(pl, 0, 118, 31000), c(go_, 1, 130, 24000), c(si, 2, 144, 18500)},
			{c(go_, 1, 132, 15000), c(si, 2, 125, 11800), c(de, 3, 135, 9100)},
			{c(si, 2, 142, 7800), c(de, 3, 137, 6200), c(ad, 4, 123, 4100)},
		},
		Apart:      []MatrixCell{c(name("New (one purchase)", "新客户（仅一次购买）"), 5, 1171, 112500)},
		ApartTitle: name("no cycle", "无周期"),
	}
}

func paretoInput(lang string) *ParetoCurve {
	pc := &ParetoCurve{Header: Header{Lang: lang, Scenario: "CDNOW_sample.txt"}}
	// A Lorenz-like curve 1 − (1 − x)^4.
	for i := range 101 {
		x := float64(i) / 100
		pc.Customers = append(pc.Customers, x)
		pc.Value = append(pc.Value, 1-math.Pow(1-x, 4))
	}
	x80 := 1 - math.Pow(0.2, 0.25)
	x95 := 1 - math.Pow(0.05, 0.25)
	pc.Cuts = []ParetoCut{{"A", x80, 0.8}, {"B", x95, 0.95}}
	return pc
}

// TestSegmentGolden: the matrix and the Pareto curve in both languages
// match their golden images (go test ./internal/chart -regen).
func TestSegmentGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		check(t, fmt.Sprintf("segment-crvp_%s", lang), renderAnalysis(t, crvpInput(lang)))
		check(t, fmt.Sprintf("segment-pareto_%s", lang), renderAnalysis(t, paretoInput(lang)))
	}
}

// TestSegmentDegenerate: an empty or ragged matrix and a short curve
// draw a placeholder.
func TestSegmentDegenerate(t *testing.T) {
	for _, a := range []Analysis{&SegmentMatrix{}, &SegmentMatrix{Rows: []string{"a"}, Cols: []string{"b"}, Cells: [][]MatrixCell{{}}},
		&ParetoCurve{}, &ParetoCurve{Customers: []float64{0}, Value: []float64{0}}} {
		renderAnalysis(t, a)
	}
}
