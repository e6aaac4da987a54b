package report

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim"
)

// TestSummaryJSONKeysAreCatalogueIDs: in summary.json each run has every
// KPI under the catalogue's id (kpi.KPI.String) with the value the
// catalogue reads (null when undefined), each segment every KPI but
// customer equity and its two parts, and no other number under a key the catalogue does not
// know. annuity has undefined KPIs (payback, lifetime), value-segments
// has segments. A KPI of something the run does not use (referrals) is
// left out, and present in a run that uses it (the referral scenario;
// brand-switching's runs have the market's steady share, 43.75% in the
// base, the scenario's hand calculation).
func TestSummaryJSONKeysAreCatalogueIDs(t *testing.T) {
	notKPIs := []string{"variant", "variant_zh", "description", "clv_by_stage", "survival", "segments", "uncertainty", "share", "market"}
	for _, id := range []string{"annuity", "value-segments", "brand-switching"} {
		s, err := scenarios.Preset(id)
		if err != nil {
			t.Fatal(err)
		}
		runs, err := projection.Runs(s)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, s, runs); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Runs []map[string]any `json:"runs"`
		}
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Runs) != len(runs) {
			t.Fatalf("%s: %d runs in summary.json, want %d", id, len(doc.Runs), len(runs))
		}
		// check compares the object's KPI keys with the summary's values.
		check := func(where string, obj map[string]any, sum *sim.Summary, kpis []kpi.KPI) {
			for _, k := range kpis {
				v, ok := obj[k.String()]
				if !ok && !k.Shown(sum) {
					continue // a KPI of what the run does not use (referrals): left out
				}
				if !ok {
					t.Errorf("%s: no key %q", where, k)
					continue
				}
				want := k.Of(sum)
				if x, isNumber := v.(float64); want.Defined != isNumber || isNumber && x != want.Value {
					t.Errorf("%s: %q = %v, the catalogue reads %v", where, k, v, want)
				}
			}
			for key := range obj {
				if _, err := kpi.Parse(key); err != nil && !slices.Contains(notKPIs, key) {
					t.Errorf("%s: key %q is neither a catalogue id nor a known non-KPI key", where, key)
				}
			}
		}
		_, hasShare := doc.Runs[0][kpi.SteadyShare.String()]
		if hasShare != (id == "brand-switching") {
			t.Errorf("%s: steady_share in summary.json %v, want it only with competitor stages", id, hasShare)
		}
		if x, _ := doc.Runs[0][kpi.SteadyShare.String()].(float64); hasShare && math.Abs(x-0.4375) > 1e-12 {
			t.Errorf("%s: steady_share %v, want 0.4375", id, x)
		}
		for i, r := range runs {
			sum := &r.Result.Summary
			check(id+" "+r.Name, doc.Runs[i], sum, kpi.All)
			segs, _ := doc.Runs[i]["segments"].(map[string]any)
			if len(segs) != len(sum.Segments) {
				t.Fatalf("%s %s: %d segments, want %d", id, r.Name, len(segs), len(sum.Segments))
			}
			for _, seg := range sum.Segments {
				obj, _ := segs[seg.ID].(map[string]any)
				// A segment's summary: its value, without customer equity
				// (nor its existing and new parts).
				segSum := &sim.Summary{Value: seg.Value}
				var kpis []kpi.KPI
				for _, k := range kpi.All {
					if k != kpi.CustomerEquity && k != kpi.CustomerEquityExisting && k != kpi.CustomerEquityNew {
						kpis = append(kpis, k)
					}
				}
				check(id+" "+r.Name+" segment "+seg.ID, obj, segSum, kpis)
			}
		}
	}
}
