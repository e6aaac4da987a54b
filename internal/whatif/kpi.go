package whatif

import (
	"strings"

	"clvlab/internal/kpi"
	"clvlab/sim"
)

// alwaysDefinedPhrase names the KPIs of kpi.Outcomes that every run has,
// the ones that can be attributed and maximised, as a phrase for
// messages: "clv, clv_net or customer_equity".
func alwaysDefinedPhrase() string {
	var ids []string
	for _, k := range kpi.Outcomes {
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
	Relative sim.Optional // kpi.Relative: (Value − Base)/|Base|; undefined if either is, or Base is 0
}

// Changes returns the change of each of kpi.Outcomes from base to v, in
// that order.
func Changes(base, v Values) []Change {
	out := make([]Change, len(kpi.Outcomes))
	for i, k := range kpi.Outcomes {
		c := Change{KPI: k, Base: base[k], Value: v[k], Relative: kpi.Relative(base[k], v[k])}
		if c.Base.Defined && c.Value.Defined {
			c.Absolute = sim.Some(c.Value.Value - c.Base.Value)
		}
		out[i] = c
	}
	return out
}
