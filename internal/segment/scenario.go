package segment

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"clvlab/scenarios"
)

// ScenarioID is the id a group has as a scenario's segment: its id in
// lower case ("a" for ABC's A).
func ScenarioID(g Group) string { return strings.ToLower(g.ID) }

// Scenario turns base into a scenario of the observed segments: one
// [[segment]] per group of the matrix that has customers (the groups
// shown apart, CRVP's single-purchase customers, are left out: their
// segment is not known yet), its share the group's share of those
// customers. A scenario's revenue is per period, so its revenue
// multiplier is the group's mean spend per period of tenure
// (Group.Rate) over the mean of all: two customers who spend at the same
// rate over different tenures count alike. With no spend (a cost
// summary) it is the group's mean value over the mean of all, and 1
// when there is no value either. For the acquisition-retention matrix
// the acquisition cost and retention spend multipliers are the group's
// mean acquisition and retention costs over the means of all. A segment
// of base with the same id keeps its other values (the cost multipliers
// not set here, stage overrides); base's other segments go, and so do
// the variants that set them or set a value set here (the data's now,
// their descriptions would be stale). For CRVP, a variant moves the
// development customers' revenue multiplier to silver's. base is
// changed and returned.
func Scenario(r *Result, base *scenarios.Scenario) (*scenarios.Scenario, error) {
	apart := map[int]bool{}
	for _, g := range r.Grid.Apart {
		apart[g] = true
	}
	var customers, value, rate float64
	for i, g := range r.Groups {
		if !apart[i] && g.Customers > 0 {
			customers += g.Customers
			value += g.Value
			rate += g.Rate
		}
	}
	if !(customers > 0) {
		return nil, fmt.Errorf("no customer is in a segment of the %s matrix: there is no segment to put in a scenario", r.Method)
	}
	// per group: its mean over the mean of all (1 when that mean is not
	// above 0)
	ratio := func(sum, all, n float64) float64 {
		if !(all > 0) || math.IsNaN(sum) {
			return 1
		}
		return (sum / n) / (all / customers)
	}
	var acq, ret []float64 // acquisition-retention: each group's costs summed
	var acqAll, retAll float64
	if r.Method == AcquisitionRetention {
		acq, ret = make([]float64, len(r.Groups)), make([]float64, len(r.Groups))
		for i, g := range r.Of {
			if !apart[int(g)] {
				acq[g] += r.Scores[0][i]
				ret[g] += r.Scores[1][i]
				acqAll += r.Scores[0][i]
				retAll += r.Scores[1][i]
			}
		}
	}
	kept := map[string]scenarios.Segment{}
	for _, s := range base.Segments {
		kept[s.ID] = s
	}
	var segs []scenarios.Segment
	multiplier := map[string]float64{}
	for i, g := range r.Groups {
		if apart[i] || g.Customers == 0 {
			continue
		}
		id := ScenarioID(g)
		s, ok := kept[id]
		if !ok {
			s = scenarios.Segment{ID: id, CostToServeMultiplier: 1, RetentionSpendMultiplier: 1, AcquisitionCostMultiplier: 1}
		}
		s.Name = scenarios.Text{EN: g.Name[0], ZH: g.Name[1]}
		s.Share = g.Customers / customers
		if rate > 0 {
			s.RevenueMultiplier = ratio(g.Rate, rate, g.Customers)
		} else {
			s.RevenueMultiplier = ratio(g.Value, value, g.Customers)
		}
		if acq != nil {
			s.AcquisitionCostMultiplier = ratio(acq[i], acqAll, g.Customers)
			s.RetentionSpendMultiplier = ratio(ret[i], retAll, g.Customers)
		}
		for what, m := range map[string]float64{"revenue": s.RevenueMultiplier, "acquisition cost": s.AcquisitionCostMultiplier, "retention spend": s.RetentionSpendMultiplier} {
			if !(m >= 0 && m <= scenarios.MaxMultiplier) {
				return nil, fmt.Errorf("segment %s's %s multiplier would be %v, outside 0 to %d: its mean per customer against the mean of all is not a multiplier a scenario holds", id, what, m, scenarios.MaxMultiplier)
			}
		}
		multiplier[id] = s.RevenueMultiplier
		segs = append(segs, s)
	}
	base.Segments = segs
	base.Variants = slices.DeleteFunc(base.Variants, func(v scenarios.Variant) bool {
		for _, set := range v.Set {
			p, err := scenarios.ParsePath(set.Path)
			if err != nil || p.Segment == "" {
				continue
			}
			key := p.Key
			if p.Stage != "" {
				key = "" // a segment's stage override: kept when the segment is
			}
			if _, ok := multiplier[p.Segment]; !ok || key == "share" || key == "revenue_multiplier" ||
				(r.Method == AcquisitionRetention && (key == "acquisition_cost_multiplier" || key == "retention_spend_multiplier")) {
				return true
			}
		}
		return false
	})
	dev, okDev := multiplier["development"]
	silver, okSilver := multiplier["silver"]
	if r.Method == CRVP && okDev && okSilver {
		base.Variants = append(base.Variants, scenarios.Variant{
			Name: scenarios.Text{EN: "Development spends as silver", ZH: "发展型客户达到白银客户的消费"},
			Description: scenarios.Text{
				EN: fmt.Sprintf("Development customers' revenue multiplier rises from the observed %.3g to silver's %.3g: move it to see what developing them toward silver is worth.", dev, silver),
				ZH: fmt.Sprintf("发展型客户的收入乘数由观测到的 %.3g 提高到白银客户的 %.3g：调整它，看推动发展型客户向白银转化值多少。", dev, silver),
			},
			Set: []scenarios.Setting{{Path: "segment.development.revenue_multiplier", Value: silver}},
		})
	}
	return base, nil
}
