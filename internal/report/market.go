package report

import (
	"clvlab/internal/projection"
	"clvlab/sim"
)

// marketJSON is a run's brand-switching market in summary.json, for a
// model with competitor stages (docs/scenarios.md, "Competitors").
type marketJSON struct {
	// Share is our share of the market's customers, by period.
	Share []float64 `json:"share"`
	// StageShare is each stage's share of the market, by period.
	StageShare map[string][]float64 `json:"stage_share"`
	// SteadyState is "closed", "with acquisition" or "undefined".
	SteadyState string `json:"steady_state"`
	// Steady is each stage's share in the steady state (absent when
	// undefined), SteadyShare ours (null when undefined).
	Steady      map[string]float64 `json:"steady,omitempty"`
	SteadyShare sim.Optional       `json:"steady_share"`
	// SharePointValue is the value of a point of steady-state share won
	// through each row that moves customers to a competitor.
	SharePointValue []sharePointJSON `json:"share_point_value"`
}

type sharePointJSON struct {
	Row      string       `json:"row"`
	Fraction float64      `json:"fraction"`
	Value    sim.Optional `json:"value"`
}

// marketDoc returns the run's market, or nil without competitor stages.
func marketDoc(r *projection.Run) *marketJSON {
	res := r.Result
	m := res.Model
	mk := res.Summary.Market
	if mk == nil {
		return nil
	}
	doc := &marketJSON{Share: mk.Share, StageShare: map[string][]float64{}, SteadyState: "undefined", SteadyShare: mk.SteadyShare}
	for i, id := range m.StageIDs {
		xs := make([]float64, m.Horizon)
		for t := range xs {
			xs[t] = res.MarketShare(t, i)
		}
		doc.StageShare[id] = xs
	}
	if mk.Steady != nil {
		doc.SteadyState = "with acquisition"
		if mk.Closed {
			doc.SteadyState = "closed"
		}
		doc.Steady = map[string]float64{}
		for i, id := range m.StageIDs {
			doc.Steady[id] = mk.Steady[i]
		}
	}
	doc.SharePointValue = []sharePointJSON{}
	for _, sp := range sim.SharePoints(m, res) {
		doc.SharePointValue = append(doc.SharePointValue, sharePointJSON{Row: m.StageIDs[sp.Row], Fraction: sp.Fraction, Value: sp.Value})
	}
	return doc
}
