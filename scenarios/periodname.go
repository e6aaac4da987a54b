package scenarios

import "clvlab/sim"

// PeriodName is a planning period's name in English and Chinese: One is
// the singular ("month", "月"), Many the word that follows a count
// ("months", "个月"; Chinese counts 个月 and 个季度 but 年, 周 and 天).
type PeriodName struct {
	One, Many Text
}

// periodNames is the one source of the periods' names.
var periodNames = map[sim.Period]PeriodName{
	sim.Month:   {One: Text{EN: "month", ZH: "月"}, Many: Text{EN: "months", ZH: "个月"}},
	sim.Quarter: {One: Text{EN: "quarter", ZH: "季度"}, Many: Text{EN: "quarters", ZH: "个季度"}},
	sim.Year:    {One: Text{EN: "year", ZH: "年"}, Many: Text{EN: "years", ZH: "年"}},
	sim.Week:    {One: Text{EN: "week", ZH: "周"}, Many: Text{EN: "weeks", ZH: "周"}},
	sim.Day:     {One: Text{EN: "day", ZH: "天"}, Many: Text{EN: "days", ZH: "天"}},
}

// NameOf returns p's name; a period sim does not know is named as its
// String form names it.
func NameOf(p sim.Period) PeriodName {
	if n, ok := periodNames[p]; ok {
		return n
	}
	n, _ := PeriodNamed(p.String())
	return n
}

// PeriodNamed returns the name of the period whose String form is s
// ("day", "week", "month", "quarter", "year"); false for any other s.
func PeriodNamed(s string) (PeriodName, bool) {
	p, ok := sim.ParsePeriod(s)
	if !ok {
		return PeriodName{}, false
	}
	return periodNames[p], true
}

// Count returns count periods in lang, count written as a number:
// "1 month", "12 months", "12 个月".
func (n PeriodName) Count(count, lang string) string {
	if lang != "zh" && count == "1" {
		return count + " " + n.One.In(lang)
	}
	return count + " " + n.Many.In(lang)
}
