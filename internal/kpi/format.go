package kpi

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"clvlab/scenarios"
	"clvlab/sim"
)

// Unit says what a KPI's number is, and so how it is formatted.
type Unit int

const (
	Money        Unit = iota // 1,234.56; whole units from 100,000
	Ratio                    // 6.83
	Periods                  // 13.9
	WholePeriods             // 4
	Purchases                // 2.35: a number of purchases
	Share                    // 43.75%: a share (0.4375), its changes in percentage points
)

// Points names percentage points, the unit of a share's change: "+2.50 pts".
var Points = scenarios.Text{EN: "pts", ZH: "个百分点"}

// MaxDigits is where Format turns to 4 significant digits and an
// exponent (7.194e+29): a float64 holds 15 to 17 significant digits, so
// whole units of a larger amount would print rounding noise as digits.
const MaxDigits = 1e15

// Format formats a figure for people; "—" when it is undefined, and with
// 4 significant digits and an exponent from MaxDigits on.
func (u Unit) Format(o sim.Optional) string {
	if !o.Defined {
		return "—"
	}
	switch v := o.Value; {
	case math.Abs(v) >= MaxDigits:
		// Beyond the digits a float64 holds: the rest would be noise.
		return strconv.FormatFloat(v, 'e', 3, 64)
	case u == Share:
		return strconv.FormatFloat(100*v, 'f', 2, 64) + "%"
	case u == Ratio || u == Purchases:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case u == Periods:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case u == WholePeriods:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case math.Abs(v) >= 1e5:
		return Group(strconv.FormatFloat(v, 'f', 0, 64))
	default:
		return Group(strconv.FormatFloat(v, 'f', 2, 64))
	}
}

// Delta formats the change from base to v, absolute and relative:
// "+1,234.56 (+4.2%)"; "0" for no change, "n/a" when one of the two is
// undefined and "" when both are. A share's change is in percentage
// points, in English: "+2.50 pts" (DeltaIn).
func (u Unit) Delta(base, v sim.Optional) string { return u.DeltaIn(base, v, "en") }

// DeltaIn is Delta in lang ("en" or "zh"), which names a share's
// percentage points: "+2.50 pts", "+2.50 个百分点"; "0" when the change
// rounds to 0.00 points, which would read as a move.
func (u Unit) DeltaIn(base, v sim.Optional, lang string) string {
	switch {
	case !base.Defined && !v.Defined:
		return ""
	case !base.Defined || !v.Defined:
		return "n/a"
	}
	d := v.Value - base.Value
	if u == Share {
		if math.Abs(d) < 0.00005 {
			return "0"
		}
		return fmt.Sprintf("%+.2f %s", 100*d, Points.In(lang))
	}
	if d == 0 {
		return "0"
	}
	s := u.Format(sim.Some(d))
	if d > 0 {
		s = "+" + s
	}
	if r := Relative(base, v); r.Defined {
		s += fmt.Sprintf(" (%+.1f%%)", 100*r.Value)
	}
	return s
}

// Relative returns the relative change from base to v, (v − base)/|base|:
// 0.1 for a rise of 10%, also from a negative base. It is undefined when
// either figure is, or when base is 0.
func Relative(base, v sim.Optional) sim.Optional {
	if !base.Defined || !v.Defined || base.Value == 0 {
		return sim.Optional{}
	}
	return sim.Some((v.Value - base.Value) / math.Abs(base.Value))
}

// Group inserts thousands separators into a formatted number:
// "-1234567.50" becomes "-1,234,567.50". It is the grouping of the tables
// and the planner (Unit.Format); chart.Human is the charts' other
// formatter, which abbreviates for axis ticks and tooltips (15k, 1.5万).
func Group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	frac := ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String() + frac
	}
	return b.String() + frac
}
