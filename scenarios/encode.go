package scenarios

import (
	"io"
	"maps"

	"github.com/BurntSushi/toml"
)

// Encode writes s as a scenario file that Parse reads back to the same
// scenario: every value explicit, keys in alphabetical order within a
// table. Comments of the original file are not kept.
func (s *Scenario) Encode(w io.Writer) error {
	doc := map[string]any{
		"name":          textValue(s.Name),
		"period":        s.Period,
		"discount_rate": s.DiscountRate,
		"cash_timing":   s.CashTiming,
		"currency":      s.Currency,
		"acquisition":   s.acquisitionTable(),
	}
	if !s.Description.IsZero() {
		doc["description"] = textValue(s.Description)
	}
	if s.Horizon != 0 {
		doc["horizon"] = s.Horizon
	}
	stages := make([]map[string]any, len(s.Stages))
	for i, st := range s.Stages {
		stages[i] = map[string]any{
			"id": st.ID, "revenue": st.Revenue, "cost_to_serve": st.CostToServe,
			"retention_spend": st.RetentionSpend, "price_discount": st.PriceDiscount,
			"to": maps.Clone(st.To),
		}
		if !st.Name.IsZero() {
			stages[i]["name"] = textValue(st.Name)
		}
	}
	doc["stage"] = stages
	if s.Winback != (Winback{}) {
		w := map[string]any{"rate": s.Winback.Rate, "cost_per_customer": s.Winback.CostPerCustomer, "window": s.Winback.Window}
		if s.Winback.To != "" {
			w["to"] = s.Winback.To
		}
		doc["winback"] = w
	}
	if len(s.Segments) > 0 {
		segs := make([]map[string]any, len(s.Segments))
		for i, seg := range s.Segments {
			m := map[string]any{
				"id": seg.ID, "share": seg.Share,
				"revenue_multiplier":          seg.RevenueMultiplier,
				"cost_to_serve_multiplier":    seg.CostToServeMultiplier,
				"retention_spend_multiplier":  seg.RetentionSpendMultiplier,
				"acquisition_cost_multiplier": seg.AcquisitionCostMultiplier,
			}
			if !seg.Name.IsZero() {
				m["name"] = textValue(seg.Name)
			}
			if len(seg.Stage) > 0 {
				overrides := map[string]any{}
				for id, o := range seg.Stage {
					ov := map[string]any{}
					for k, v := range map[string]*float64{"revenue": o.Revenue, "cost_to_serve": o.CostToServe,
						"retention_spend": o.RetentionSpend, "price_discount": o.PriceDiscount} {
						if v != nil {
							ov[k] = *v
						}
					}
					if len(o.To) > 0 {
						ov["to"] = maps.Clone(o.To)
					}
					overrides[id] = ov
				}
				m["stage"] = overrides
			}
			segs[i] = m
		}
		doc["segment"] = segs
	}
	if len(s.Variants) > 0 {
		vars := make([]map[string]any, len(s.Variants))
		for i, v := range s.Variants {
			set := map[string]any{}
			for _, st := range v.Set {
				set[st.Path] = st.Value
			}
			vars[i] = map[string]any{"name": textValue(v.Name), "set": set}
			if !v.Description.IsZero() {
				vars[i]["description"] = textValue(v.Description)
			}
		}
		doc["variant"] = vars
	}
	s.encodeAnalysis(doc) // response.go
	s.encodeUncertainty(doc)
	return toml.NewEncoder(w).Encode(doc)
}

func (s *Scenario) acquisitionTable() map[string]any {
	a := map[string]any{"cost_per_customer": s.Acquisition.CostPerCustomer}
	if nc := s.Acquisition.NewCustomers; len(nc) == 1 {
		a["new_customers"] = nc[0]
	} else {
		a["new_customers"] = nc
	}
	if s.Acquisition.Entry != "" {
		a["entry"] = s.Acquisition.Entry
	}
	if s.Acquisition.Budget != 0 {
		a["budget"] = s.Acquisition.Budget
	}
	return a
}

// textValue returns t as a plain string when both languages agree, else as
// a table { en, zh }.
func textValue(t Text) any {
	if t.EN == t.ZH {
		return t.EN
	}
	m := map[string]string{}
	if t.EN != "" {
		m["en"] = t.EN
	}
	if t.ZH != "" {
		m["zh"] = t.ZH
	}
	return m
}
