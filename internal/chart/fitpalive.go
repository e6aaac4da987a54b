package chart

import "clvlab/sim"

// NewPAliveMap returns P(alive) over recency and frequency as a heat map
// with its 0.5 contour: p[j][i] is the probability that a customer with
// frequency[j] repeat purchases, the last recency[i] units after the
// first, first seen t units ago, is still active, under the named model.
// The header's Scenario names the data; the model and t are added to it.
func NewPAliveMap(h Header, model, unit string, t float64, recency, frequency []float64, p [][]float64) *HeatMap {
	st := &style{lang: h.Lang}
	if st.lang != "zh" {
		st.lang = "en"
	}
	unitName := st.unitName(unit)
	hm := &HeatMap{Header: h, KPI: st.ft(fitPAlive), XName: st.ft(fitRecency, unitName), YName: st.ft(fitFrequency),
		XValues: recency, YValues: frequency, Level: 0.5, Undefined: st.ft(fitImpossible)}
	sub := st.ft(fitPAliveTitle, model, st.units(t, unit))
	if hm.Scenario != "" {
		sub = hm.Scenario + " - " + sub
	}
	hm.Scenario = sub
	hm.Z = make([][]sim.Optional, len(p))
	for j, row := range p {
		hm.Z[j] = make([]sim.Optional, len(row))
		for i, v := range row {
			if v == v { // NaN: undefined
				hm.Z[j][i] = sim.Some(v)
			}
		}
	}
	return hm
}
