package whatif

import (
	"math"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/sim"
)

// KPIs lists the KPIs the analyses compare, seek and rank, in the order
// they show them: every KPI of the catalogue but the acquisition cost, an
// input that variants set rather than an outcome.
var KPIs = []kpi.KPI{kpi.CLV, kpi.CLVNet, kpi.LTVCAC, kpi.CustomerEquity, kpi.PaybackPeriods, kpi.ExpectedLifetime, kpi.CLVInfinite}

// alwaysDefined lists the KPIs of KPIs that every run has, the ones that
// can be attributed and maximised: "clv, clv_net or customer_equity".
func alwaysDefined() string {
	var ids []string
	for _, k := range KPIs {
		if k.AlwaysDefined() {
			ids = append(ids, k.String())
		}
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " or " + ids[len(ids)-1]
}

// Values holds every KPI of one run, indexed by kpi.KPI.
type Values [kpi.Count]sim.Optional

// ValuesOf returns every KPI of a summary.
func ValuesOf(s *sim.Summary) Values {
	var v Values
	for _, k := range kpi.All {
		v[k] = k.Of(s)
	}
	return v
}

// Change is the change of one KPI from a base to another run.
type Change struct {
	KPI      kpi.KPI
	Base     sim.Optional
	Value    sim.Optional
	Absolute sim.Optional // Value − Base; undefined if either is
	Relative sim.Optional // (Value − Base)/|Base|; undefined if either is, or Base is 0
}

// Changes returns the change of each of KPIs from base to v.
func Changes(base, v Values) []Change {
	out := make([]Change, len(KPIs))
	for i, k := range KPIs {
		c := Change{KPI: k, Base: base[k], Value: v[k]}
		if c.Base.Defined && c.Value.Defined {
			c.Absolute = sim.Some(c.Value.Value - c.Base.Value)
			if c.Base.Value != 0 {
				c.Relative = sim.Some(c.Absolute.Value / math.Abs(c.Base.Value))
			}
		}
		out[i] = c
	}
	return out
}
