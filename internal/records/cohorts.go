package records

import (
	"fmt"
	"io"
	"math"
)

// ReadCohorts reads a cohort retention table (delimited text, the separator
// detected): a header row, then one row per cohort: its label, then the
// customers active at the end of periods 0, 1, 2, ... (period 0 is the
// cohort's starting size) in unit periods. Rows may be of unequal length
// (cohorts observed for fewer periods: leave the cells empty or out). The
// counts are whole numbers that never rise along a row; at least one cohort
// is observed beyond period 0.
func ReadCohorts(path string, unit Unit) (Cohorts, error) {
	return readCohortsNamed(path, path, unit)
}

func readCohortsNamed(path, name string, unit Unit) (Cohorts, error) {
	return readFile(path, func(r io.Reader) (Cohorts, error) { return readCohorts(r, name, unit) })
}

const cohortsWhat = "a cohort table has a header row, then one row per cohort: its label, then the customers active at the end of periods 0, 1, 2, ..."

func readCohorts(r io.Reader, name string, unit Unit) (Cohorts, error) {
	if unit < Day || unit > Year {
		return Cohorts{}, fmt.Errorf("%s: unknown unit %d", name, unit)
	}
	t, err := openTable(r, name, cohortsWhat)
	if err != nil {
		return Cohorts{}, err
	}
	out := Cohorts{Unit: unit}
	labels := map[string]int{}
	longest := 0
	for {
		ok, serr := t.sc.next()
		if !ok {
			break
		}
		line := t.sc.line
		if serr != nil {
			t.probs.add(line, "%v", serr)
			continue
		}
		f := t.sc.fields
		for len(f) > 1 && len(f[len(f)-1]) == 0 {
			f = f[:len(f)-1] // a shorter cohort: trailing cells empty
		}
		label := string(f[0])
		ql := quoted(label)
		if prev, dup := labels[label]; dup {
			t.probs.add(line, "cohort %s is also on line %d: give each cohort one row", ql, prev)
			continue
		}
		labels[label] = line
		if len(f) < 2 {
			t.probs.add(line, "cohort %s has no counts: give the customers active at the end of period 0 (its size), 1, 2, ...", ql)
			continue
		}
		c := Cohort{Label: label, Active: make([]float64, 0, len(f)-1)}
		for i, b := range f[1:] {
			v, err := number(b, fmt.Sprintf("the count of period %d", i))
			switch {
			case err != nil:
				t.probs.add(line, "cohort %s: %v (a cohort observed for fewer periods ends its row early)", ql, err)
			case v < 0 || v != math.Trunc(v):
				t.probs.add(line, "cohort %s: %g active at the end of period %d is not a whole number of customers", ql, v, i)
			case i == 0 && v == 0:
				t.probs.add(line, "cohort %s starts with 0 customers: period 0's count is the cohort's size", ql)
			case i > 0 && v > c.Active[i-1]:
				t.probs.add(line, "cohort %s: %g active at the end of period %d is more than %g at the end of period %d: a cohort's count can only fall (customers who return are not the same cohort; check the row's order and the cells)", ql, v, i, c.Active[i-1], i-1)
			default:
				c.Active = append(c.Active, v)
				continue
			}
			break
		}
		if len(c.Active) == len(f)-1 {
			out.Cohorts = append(out.Cohorts, c)
			longest = max(longest, len(c.Active))
		}
	}
	if t.sc.err != nil {
		return Cohorts{}, fmt.Errorf("%s: %w", name, t.sc.err)
	}
	if err := t.probs.err(); err != nil {
		return Cohorts{}, err
	}
	if len(out.Cohorts) == 0 {
		return Cohorts{}, fileError(name, 0, "the file has a header but no cohorts: %s", cohortsWhat)
	}
	if longest < 2 {
		return Cohorts{}, fileError(name, 0, "no cohort is observed beyond period 0: retention needs counts at the end of period 1 at least")
	}
	return out, nil
}
