package chart

import (
	"testing"

	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
)

// TestShareKPIInPercent: a tornado or a seek curve of the steady share
// writes its values as percentages (brand-switching's 43.75%, not 0.44),
// one of CLV as amounts.
func TestShareKPIInPercent(t *testing.T) {
	s, err := scenarios.Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []kpi.KPI{kpi.SteadyShare, kpi.CLV} {
		tor, err := whatif.Sensitivity(s, whatif.SensitivityOptions{KPI: k, Paths: []string{"stage.b.to.a"}})
		if err != nil {
			t.Fatal(err)
		}
		c := NewTornado(s, tor, "en")
		r, err := whatif.Seek(s, whatif.SeekOptions{Path: "stage.b.to.a", KPI: k, Goal: whatif.Maximum})
		if err != nil {
			t.Fatal(err)
		}
		if share := k == kpi.SteadyShare; c.Share != share || NewSeekCurve(s, r, "en").Share != share {
			t.Errorf("%s: tornado share %v, seek curve share %v; want %v", k, c.Share, NewSeekCurve(s, r, "en").Share, share)
		}
		st := &style{lang: "en"}
		if got, want := st.kpiText(tor.Base.Value, c.Money, c.Share), map[kpi.KPI]string{kpi.SteadyShare: "43.75%", kpi.CLV: "303.46"}[k]; got != want {
			t.Errorf("%s: base written %q, want %q", k, got, want)
		}
	}
}
