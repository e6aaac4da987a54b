package chart

import (
	"fmt"
	"math"
	"testing"
)

// TestRetentionGolden: the retention-rate chart in both languages matches
// its golden image. The test scenario's two segments keep 0.88 and 0.92 of
// their customers' stages (lifecycle), so the cohort's rate rises with
// tenure towards that of its more loyal part.
func TestRetentionGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		check(t, fmt.Sprintf("%s_%s", Retention.Slug(), lang), renderPNG(t, Retention, input(t, lang)))
	}
}

// TestRetentionRates: S(t)/S(t−1) of a two-class mixture with constant
// retentions 0.5 and 0.9, shares ½: S(t) = (0.5^t + 0.9^t)/2, so the rate
// at t = 1 is 0.7 and at t = 2 (0.25+0.81)/(0.5+0.9) = 0.757142857; a
// tenure after everyone has left is left out.
func TestRetentionRates(t *testing.T) {
	s := []float64{1, 0.7, 0.53, 0}
	xs, ys := retentionRates(append(s, 0))
	if len(xs) != 3 || xs[0] != 1 || xs[2] != 3 {
		t.Fatalf("xs = %v", xs)
	}
	if math.Abs(ys[0]-0.7) > 1e-15 || math.Abs(ys[1]-0.53/0.7) > 1e-15 || ys[2] != 0 {
		t.Errorf("ys = %v", ys)
	}
	if v := Values(Retention, input(t, "en"), 2); len(v) != 2 {
		t.Errorf("hover at tenure 2: %q", v)
	}
}

// TestSurvivalWithClassesGolden: for a scenario with latent classes the
// survival chart's lower half is the retention rate by tenure.
func TestSurvivalWithClassesGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		in := input(t, lang)
		in.Classes = true
		check(t, fmt.Sprintf("survival_classes_%s", lang), renderPNG(t, Survival, in))
	}
}
