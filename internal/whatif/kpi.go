package whatif

import (
	"fmt"
	"strings"

	"clvlab/sim"
)

// KPI is a figure of a run that the analyses compare, rank, seek or
// maximise; see sim.Summary for the definitions.
type KPI int

const (
	CLV              KPI = iota // CLV per new customer over the horizon
	CLVNet                      // CLV net of acquisition cost
	LTVCAC                      // CLV / acquisition cost; undefined without acquisition cost
	CustomerEquity              // present value of every cohort within the horizon
	PaybackPeriods              // whole periods to pay back acquisition; undefined beyond the horizon
	ExpectedLifetime            // expected active periods; undefined when infinite
	CLVInfinite                 // CLV over an infinite horizon; undefined when it diverges
)

// KPIs lists every KPI in display order.
var KPIs = []KPI{CLV, CLVNet, LTVCAC, CustomerEquity, PaybackPeriods, ExpectedLifetime, CLVInfinite}

var kpiNames = [...]string{"clv", "clv_net", "ltv_cac", "customer_equity", "payback_periods", "expected_lifetime", "clv_infinite"}

var kpiLabels = [...][2]string{
	{"CLV per new customer", "每位新客户的 CLV"},
	{"CLV net of acquisition", "扣除获客成本的 CLV"},
	{"LTV:CAC", "LTV:CAC"},
	{"customer equity", "客户资产"},
	{"payback (periods)", "回收期（期）"},
	{"expected lifetime (periods)", "预期生命周期（期）"},
	{"CLV, infinite horizon", "无限期 CLV"},
}

// String returns the KPI's name as in summary.json, e.g. "customer_equity".
func (k KPI) String() string {
	if k < 0 || int(k) >= len(kpiNames) {
		return fmt.Sprintf("KPI(%d)", int(k))
	}
	return kpiNames[k]
}

// Label returns the KPI's display name in lang ("en" or "zh").
func (k KPI) Label(lang string) string {
	if k < 0 || int(k) >= len(kpiLabels) {
		return k.String()
	}
	if lang == "zh" {
		return kpiLabels[k][1]
	}
	return kpiLabels[k][0]
}

// ParseKPI returns the KPI named s ("clv", "ltv_cac", ...).
func ParseKPI(s string) (KPI, error) {
	for i, n := range kpiNames {
		if n == s {
			return KPI(i), nil
		}
	}
	return 0, fmt.Errorf("unknown KPI %q; KPIs are %s", s, strings.Join(kpiNames[:], ", "))
}

// Of returns the KPI's value in a summary.
func (k KPI) Of(s *sim.Summary) sim.Optional {
	switch k {
	case CLV:
		return sim.Some(s.CLV)
	case CLVNet:
		return sim.Some(s.CLVNet)
	case LTVCAC:
		return s.LTVCAC
	case CustomerEquity:
		return sim.Some(s.CustomerEquity)
	case PaybackPeriods:
		return s.PaybackPeriods
	case ExpectedLifetime:
		return s.ExpectedLifetime
	case CLVInfinite:
		return s.CLVInfinite
	}
	return sim.Optional{}
}

// Money reports whether the KPI is an amount of money.
func (k KPI) Money() bool { return k == CLV || k == CLVNet || k == CustomerEquity || k == CLVInfinite }

// Step reports whether the KPI moves in whole steps (payback), so that
// goal seek looks for a boundary rather than a root.
func (k KPI) Step() bool { return k == PaybackPeriods }

// AlwaysDefined reports whether every run has the KPI: the ones that can
// be attributed and maximised.
func (k KPI) AlwaysDefined() bool { return k == CLV || k == CLVNet || k == CustomerEquity }

// Values holds every KPI of one run, indexed by KPI.
type Values [len(kpiNames)]sim.Optional

// ValuesOf returns every KPI of a summary.
func ValuesOf(s *sim.Summary) Values {
	var v Values
	for _, k := range KPIs {
		v[k] = k.Of(s)
	}
	return v
}

// Change is the change of one KPI from a base to another run.
type Change struct {
	KPI      KPI
	Base     sim.Optional
	Value    sim.Optional
	Absolute sim.Optional // Value − Base; undefined if either is
	Relative sim.Optional // (Value − Base)/|Base|; undefined if either is, or Base is 0
}

// Changes returns the change of every KPI from base to v.
func Changes(base, v Values) []Change {
	out := make([]Change, len(KPIs))
	for i, k := range KPIs {
		c := Change{KPI: k, Base: base[k], Value: v[k]}
		if c.Base.Defined && c.Value.Defined {
			c.Absolute = sim.Some(c.Value.Value - c.Base.Value)
			if c.Base.Value != 0 {
				c.Relative = sim.Some(c.Absolute.Value / abs(c.Base.Value))
			}
		}
		out[i] = c
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
