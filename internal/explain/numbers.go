package explain

import (
	"math"
	"strconv"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/sim"
)

// num formats an input as written: whole numbers grouped (1,000),
// others with up to six significant digits (0.1, 1.1, 0.00797414).
func num(x float64) string {
	switch {
	case x == math.Trunc(x) && math.Abs(x) < kpi.MaxDigits:
		return minus(kpi.Group(strconv.FormatFloat(x, 'f', 0, 64)))
	case math.Abs(x) >= 1e4 && math.Abs(x) < kpi.MaxDigits:
		return minus(kpi.Group(strings.TrimRight(strings.TrimRight(strconv.FormatFloat(x, 'f', 2, 64), "0"), ".")))
	}
	return minus(strconv.FormatFloat(x, 'g', 6, 64))
}

// money formats an amount as the tables do: 1,492.11.
func money(x float64) string { return minus(kpi.Money.Format(sim.Some(x))) }

// minus writes a leading minus sign as the formulas' −.
func minus(s string) string {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return "−" + rest
	}
	return s
}

// sum writes terms as a sum, "a + b − c", keeping the first and last
// few when there are more than keep: "a + b + … + z".
func sum(terms []float64, format func(float64) string, keep int) string {
	var b strings.Builder
	write := func(i int) {
		x := terms[i]
		switch {
		case i == 0:
			b.WriteString(format(x))
		case x < 0:
			b.WriteString(" − " + format(-x))
		default:
			b.WriteString(" + " + format(x))
		}
	}
	if len(terms) <= keep+1 {
		for i := range terms {
			write(i)
		}
		return b.String()
	}
	for i := range keep - 1 {
		write(i)
	}
	b.WriteString(" + …")
	write(len(terms) - 1)
	return b.String()
}

// power writes base^exp with a minus sign for negative exponents: 1.1^−3.
func power(base string, exp int) string {
	return base + "^" + minus(strconv.Itoa(exp))
}

// paren wraps s in parentheses when it is an expression, not a number.
func paren(s string) string {
	if strings.ContainsAny(s, " +") {
		return "(" + s + ")"
	}
	return s
}
