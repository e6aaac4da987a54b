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
// customers and its revenue multiplier the group's mean value per
// customer over theirs (1 when the input has no value). A segment of base
// with the same id keeps its other values (cost multipliers, stage
// overrides); base's other segments go, and so do the variants that set
// them or set a share or a revenue multiplier (the data's now, their
// descriptions would be stale). For CRVP, a variant moves the development customers' revenue
// multiplier to silver's. base is changed and returned.
func Scenario(r *Result, base *scenarios.Scenario) (*scenarios.Scenario, error) {
	apart := map[int]bool{}
	for _, g := range r.Grid.Apart {
		apart[g] = true
	}
	customers, value := 0.0, 0.0
	for i, g := range r.Groups {
		if !apart[i] && g.Customers > 0 {
			customers += g.Customers
			value += g.Value
		}
	}
	if !(customers > 0) {
		return nil, fmt.Errorf("no customer is in a segment of the %s matrix: there is no segment to put in a scenario", r.Method)
	}
	mean := value / customers
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
		s.RevenueMultiplier = 1
		if mean > 0 && !math.IsNaN(g.Value) {
			s.RevenueMultiplier = (g.Value / g.Customers) / mean
		}
		if m := s.RevenueMultiplier; !(m >= 0 && m <= scenarios.MaxMultiplier) {
			return nil, fmt.Errorf("segment %s's revenue multiplier would be %v, outside 0 to %d: its value per customer against the mean is not a multiplier a scenario holds", id, m, scenarios.MaxMultiplier)
		}
		multiplier[id] = s.RevenueMultiplier
		segs = append(segs, s)
	}
	base.Segments = segs
	base.Variants = slices.DeleteFunc(base.Variants, func(v scenarios.Variant) bool {
		for _, set := range v.Set {
			if rest, ok := strings.CutPrefix(set.Path, "segment."); ok {
				id, key, _ := strings.Cut(rest, ".")
				if _, ok := multiplier[id]; !ok || key == "share" || key == "revenue_multiplier" {
					return true
				}
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
