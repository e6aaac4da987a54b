package whatif

import (
	"math"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
)

// TestBadDebtSensitivityAndSeek: bad debt is a lever the analyses move.
// On decline-decision with the decline stage's bad debt at 0.25, CLV is
// 553.5559 and falls linearly with it: each unit of bad debt costs
// decline's present value of revenue, 60 × (decline's part of CLV 35.7212
// / its margin 35) = 61.2363 (decline-decision.toml's comments). So ±10%
// (0.225, 0.275) gives CLV 553.5559 ± 0.025·61.2363 = 555.0868 and
// 552.0250, and CLV reaches 560 at 0.25 − (560 − 553.5559)/61.2363 =
// 0.144767.
func TestBadDebtSensitivityAndSeek(t *testing.T) {
	s, err := scenarios.Preset("decline-decision")
	if err != nil {
		t.Fatal(err)
	}
	s = s.Clone()
	s.Variants = nil
	const path = "stage.decline.bad_debt"
	if err := s.Set(path, 0.25); err != nil {
		t.Fatal(err)
	}
	perUnit := 60 * 35.7212305 / 35
	base := 568.8650113 - 0.25*perUnit
	tor, err := Sensitivity(s, SensitivityOptions{KPI: kpi.CLV, Paths: []string{path}})
	if err != nil {
		t.Fatal(err)
	}
	if len(tor.Bars) != 1 {
		t.Fatalf("%d bars, want bad debt's", len(tor.Bars))
	}
	b := tor.Bars[0]
	if b.Low != 0.225 || math.Abs(b.High-0.275) > 1e-15 {
		t.Errorf("moved to %v, %v; want 0.225, 0.275", b.Low, b.High)
	}
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"CLV at 0.225", b.KPILow.Value, base + 0.025*perUnit},
		{"CLV at 0.275", b.KPIHigh.Value, base - 0.025*perUnit},
		{"swing", b.Swing.Value, 0.05 * perUnit},
	} {
		if math.Abs(c.got-c.want) > 1e-6 {
			t.Errorf("%s = %.7f, want %.7f", c.what, c.got, c.want)
		}
	}
	r, err := Seek(s, SeekOptions{Path: path, KPI: kpi.CLV, Goal: Equal, Target: 560})
	if err != nil {
		t.Fatal(err)
	}
	if want := 0.25 - (560-base)/perUnit; !r.Found || math.Abs(r.Value-want) > 1e-6 {
		t.Errorf("seek: found %v at %v, want %v", r.Found, r.Value, want)
	}
	if r.Low != 0 || r.High != 1 {
		t.Errorf("searched [%v, %v], want a fraction's [0, 1]", r.Low, r.High)
	}
}
