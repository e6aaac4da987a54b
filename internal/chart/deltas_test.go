package chart

import (
	"testing"

	"clvlab/internal/kpi"
)

// TestDeltasNews (issue 12, defect 12): each bar of the Changes chart is
// coloured by what its change means for its KPI, as the KPI strip does: a
// longer payback is bad news, a higher CLV good news, a lower CLV bad.
func TestDeltasNews(t *testing.T) {
	for _, c := range []struct {
		k    kpi.KPI
		d    float64
		want News
	}{
		{kpi.PaybackPeriods, 25, BadNews},
		{kpi.PaybackPeriods, -20, GoodNews},
		{kpi.CLV, 24.9, GoodNews},
		{kpi.CLV, -3, BadNews},
		{kpi.LTVCAC, 0, NoNews},
	} {
		if got := NewsOf(c.k, c.d); got != c.want {
			t.Errorf("%s %+v%%: news %d, want %d", c.k, c.d, got, c.want)
		}
	}
	if newsColours[GoodNews] == newsColours[BadNews] {
		t.Error("good and bad news share a colour")
	}
}

// TestDeltasAxisFitsTheData (issue 12, defect 12): changes of ±0.2% get an
// axis of about ±0.3%, not ±8%; the ticks have the decimals to tell
// them apart.
func TestDeltasAxisFitsTheData(t *testing.T) {
	in := input(t, "en")
	in.Runs = in.Runs[:2]
	in.Runs[1].Result = run(t, lifecycle(0.8805, 120, 1000)) // stay 0.88 → 0.8805
	st := newStyle(in, DefaultSize)
	p := st.deltas()
	base, cur := &in.Runs[0].Result.Summary, &in.Runs[1].Result.Summary
	hi := 0.0
	for _, k := range deltaKPIs {
		if r := kpi.Relative(k.Of(base), k.Of(cur)); r.Defined {
			hi = max(hi, 100*r.Value)
		}
	}
	if hi <= 0 || hi > 1 {
		t.Fatalf("largest change %v%%, the test wants a small one", hi)
	}
	// The range is the data and a quarter of its span on each side.
	if p.X.Max > 1.5*hi+1e-9 || p.X.Max < hi {
		t.Errorf("x axis up to %v%% for changes up to %v%%", p.X.Max, hi)
	}
	seen := map[string]bool{}
	for _, tk := range (percentPointTicks{}).Ticks(p.X.Min, p.X.Max) {
		if tk.Label != "" && seen[tk.Label] {
			t.Errorf("tick label %q twice", tk.Label)
		}
		seen[tk.Label] = true
	}
}
