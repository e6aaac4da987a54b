package report

import (
	"bytes"
	"strings"
	"testing"

	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// TestSummaryTableMarketRows: brand-switching's terminal summary table
// shows our steady-state share, 43.75% (π_A of the file's hand
// calculation), "Stronger loyalty"'s rise, "Yearly contracts with
// add-ons"' 79.76% (the file's hand calculation too), and the value of a share point
// through each of the three rows (A's own, and the wins from B and C); a
// scenario without competitors shows none of them.
func TestSummaryTableMarketRows(t *testing.T) {
	table := func(id, lang string) string {
		s, err := scenarios.Preset(id)
		if err != nil {
			t.Fatal(err)
		}
		runs, err := projection.Runs(s)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteTable(&buf, s, runs, lang); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	en := table("brand-switching", "en")
	var steady string
	for _, l := range strings.Split(en, "\n") {
		if strings.Contains(l, "steady-state share (ours)") {
			steady = l
		}
	}
	// The fields: the label's three, then base, Stronger loyalty and its
	// change (two fields), Leaky market and its 0, Yearly contracts and
	// its change.
	if f := strings.Fields(steady); len(f) != 12 || f[3] != "43.75%" || !strings.HasPrefix(f[5], "+") || f[8] != "0" || f[9] != "79.76%" {
		t.Errorf("steady share row %q: want 43.75%%, a rise for Stronger loyalty, 0 for Leaky market and 79.76%% with yearly contracts", steady)
	}
	for _, name := range []string{"Brand A (ours)", "Brand B (competitor)", "Brand C (competitor)"} {
		if !strings.Contains(en, "value of a share point, row of "+name) {
			t.Errorf("no share point row of %s in\n%s", name, en)
		}
	}
	if zh := table("brand-switching", "zh"); !strings.Contains(zh, "稳态市场份额（我们）") || !strings.Contains(zh, "一个份额点的价值：经 品牌 B（竞争者） 的行") {
		t.Errorf("zh table without the market rows:\n%s", zh)
	}
	if other := table("four-stage", "en"); strings.Contains(other, "steady-state share") || strings.Contains(other, "share point") {
		t.Errorf("four-stage shows market rows:\n%s", other)
	}
}
