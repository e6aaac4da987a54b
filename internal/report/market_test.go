package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"testing"

	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// TestMarketInTheFiles: brand-switching's summary.json has each run's
// market (the steady state 0.4375 / 0.3125 / 0.25 of the scenario's
// comment, a closed market, a value of a share point for each of the
// three rows that switch to a competitor), and its periods.csv the
// market columns, whose market_share sums to 1 over a period's stages
// (ours and the competitors'), 0.6 over ours at period 0.
func TestMarketInTheFiles(t *testing.T) {
	s, err := scenarios.Preset("brand-switching")
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
		Runs []struct {
			Market *struct {
				SteadyState     string             `json:"steady_state"`
				Steady          map[string]float64 `json:"steady"`
				SharePointValue []struct {
					Row      string   `json:"row"`
					Fraction float64  `json:"fraction"`
					Value    *float64 `json:"value"`
				} `json:"share_point_value"`
			} `json:"market"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	base := doc.Runs[0].Market
	if base == nil || base.SteadyState != "closed" {
		t.Fatalf("base market %+v, want a closed market", base)
	}
	for id, want := range map[string]float64{"a": 0.4375, "b": 0.3125, "c": 0.25} {
		if math.Abs(base.Steady[id]-want) > 1e-12 {
			t.Errorf("steady share of %s %v, want %v", id, base.Steady[id], want)
		}
	}
	if len(base.SharePointValue) != 3 {
		t.Fatalf("share point values %+v, want rows a, b and c", base.SharePointValue)
	}
	for _, sp := range base.SharePointValue {
		if sp.Value == nil || *sp.Value <= 0 || !(sp.Fraction > 0 && sp.Fraction < 1) {
			t.Errorf("row %s: %+v, want a positive value at a fraction in (0, 1)", sp.Row, sp)
		}
	}
	b.Reset()
	if err := WriteCSV(&b, runs); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for j, name := range rows[0] {
		col[name] = j
	}
	sums, ours := map[string]float64{}, 0.0
	for _, row := range rows[1:] {
		if row[col["variant"]] != "base" {
			continue
		}
		x, _ := strconv.ParseFloat(row[col["market_share"]], 64)
		sums[row[col["period"]]] += x
		if row[col["period"]] == "0" && row[col["stage"]] == "a" {
			ours = x
		}
	}
	for period, sum := range sums {
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("period %s: market shares sum to %v", period, sum)
		}
	}
	if ours != 0.6 {
		t.Errorf("our share at period 0 %v, want 0.6", ours)
	}
}
