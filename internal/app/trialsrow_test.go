package app

import (
	"fmt"
	"strings"
	"testing"

	"clvlab/internal/chart"
	"clvlab/internal/kpi"
	"clvlab/internal/projection"
)

// TestTrialsRowWithoutAcquisition: in brand-switching every customer is
// an existing base and none is acquired, so no trial has a first cohort
// and a new customer's CLV has no band (CLVTrials is 0). The trials' row
// leaves the CLV range out, as it does the payback share when no trial
// has it, and starts with customer equity's range; it never shows
// "CLV 5–95% 0 to 0".
func TestTrialsRowWithoutAcquisition(t *testing.T) {
	a, err := New("brand-switching", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	s, mc := a.p.MonteCarlo(200)
	u, err := projection.Trials(s, mc)
	if err != nil || u == nil {
		t.Fatalf("trials: %v, %v", u, err)
	}
	b := u.Bands
	if b.CLVTrials != 0 || b.Trials != 200 {
		t.Fatalf("%d trials, %d with a first cohort; want 200 and 0 (no acquisition)", b.Trials, b.CLVTrials)
	}
	for _, lang := range []string{"en", "zh"} {
		a.lang = lang
		parts := a.bandsParts(b)
		line := a.bandsLine(b)
		if l := chart.Printable(kpi.CLVRange.Label(lang)); strings.Contains(line, l) {
			t.Errorf("%s: %q shows %q, which no trial has", lang, line, l)
		}
		first := chart.Printable(fmt.Sprintf(a.t("trials run"), 200) + kpi.CustomerEquityRange.Label(lang))
		if !strings.HasPrefix(parts[0], first) {
			t.Errorf("%s: row starts %q, want %q…", lang, parts[0], first)
		}
		if !strings.Contains(line, chart.Printable(kpi.NegativeEquity.Label(lang))) {
			t.Errorf("%s: %q lacks the share of negative equity", lang, line)
		}
	}
	// With acquisition (four-stage) the row still starts with CLV's range.
	a, err = New("", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	s, mc = a.p.MonteCarlo(200)
	if u, err = projection.Trials(s, mc); err != nil || u.Bands.CLVTrials == 0 {
		t.Fatalf("four-stage trials: %v, %v", u, err)
	}
	if first := chart.Printable("200 trials: " + kpi.CLVRange.Label("en")); !strings.HasPrefix(a.bandsParts(u.Bands)[0], first) {
		t.Errorf("four-stage: row starts %q, want %q…", a.bandsParts(u.Bands)[0], first)
	}
}
