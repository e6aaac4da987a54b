package records

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// custState is what the summariser keeps of one customer while a log is
// read: a fixed size, whatever the number of its rows.
type custState struct {
	// first is the first purchase day, last the latest day seen, lastCal
	// the latest purchase day up to the calibration end.
	first, last, lastCal day
	// calDays and hoDays count purchase days in calibration (the first
	// included) and in the holdout.
	calDays, hoDays int32
	// firstAmt is the amount of the first purchase day, repSum that of the
	// repeat purchase days in calibration, hoSum that of the holdout days.
	firstAmt, repSum, hoSum float64
	seen                    bool
	// excluded: the first purchase is after the calibration end.
	excluded bool
	// disordered: a row of this customer came before an earlier-dated one.
	disordered bool
	// spilled: this customer's rows are held and sorted (second pass).
	spilled bool
}

// spillRow is a held row of a customer whose rows are not in date order.
type spillRow struct {
	c   int32
	d   day
	amt float64
}

// noEnd stands for an open end (no calibration end given: the last date).
const noEnd = day(math.MaxInt32)

// summariser turns a stream of rows (customer, day, amount) into a
// Summary. Each customer's rows must come in date order (a log sorted by
// date, or by customer and date); a customer whose rows do not is marked
// disordered, and the log is read again with that customer's rows held
// and sorted (spill).
type summariser struct {
	purpose       string // LogOptions.Purpose
	unit          Unit
	calEnd, hoEnd day
	hasCal, hasHo bool
	amounts       bool

	ids *idTable
	cs  []custState
	// repeat counts repeat purchase days by day, for Summary.Repeat.
	repeat dayCounts

	any            bool
	minDay, maxDay day
	rows, purchase int
	// overflow is the first line (−1: a held row) at which a customer's
	// amounts sum to more than a float64 holds, overflowID its customer.
	overflow   int
	overflowID string
	// late counts the purchase days after the end of the analysis (the
	// holdout end, or the calibration end without a holdout): left out.
	late int

	disordered     int
	disorderLine   int
	disorderDetail string
	// spill names the customers whose rows are held (second pass).
	spill     map[string]bool
	spillRows []spillRow
}

func newSummariser(opt LogOptions, amounts bool) *summariser {
	s := &summariser{purpose: purpose(opt.Purpose), unit: opt.Unit, amounts: amounts, ids: newIDTable(), calEnd: noEnd, hoEnd: noEnd}
	if !opt.CalibrationEnd.IsZero() {
		s.hasCal, s.calEnd = true, dayOf(opt.CalibrationEnd)
		s.hoEnd = s.calEnd
	}
	if !opt.HoldoutEnd.IsZero() {
		s.hasHo, s.hoEnd = true, dayOf(opt.HoldoutEnd)
	}
	return s
}

// add takes one row. id is only read (it is copied when the customer is
// new).
func (s *summariser) add(id []byte, d day, amt float64, line int) {
	s.rows++
	if !s.any {
		s.any, s.minDay, s.maxDay = true, d, d
	} else if d < s.minDay {
		s.minDay = d
	} else if d > s.maxDay {
		s.maxDay = d
	}
	c, added := s.ids.index(id)
	if added {
		s.cs = append(s.cs, custState{spilled: s.spill != nil && s.spill[string(id)]})
	}
	st := &s.cs[c]
	if st.spilled {
		s.spillRows = append(s.spillRows, spillRow{c, d, amt})
		return
	}
	s.step(st, d, amt, line, c)
}

// addBatch takes a batch of rows, in two passes: the customers' indices
// first, then their states, so that the processor can overlap the cache
// misses of consecutive rows (a log's rows come in no order of customer).
// idx is scratch space.
func (s *summariser) addBatch(b *rowBatch, idx []int32) []int32 {
	idx = idx[:0]
	start := 0
	for _, end := range b.ends {
		id := b.ids[start:end]
		start = int(end)
		c, added := s.ids.index(id)
		if added {
			s.cs = append(s.cs, custState{spilled: s.spill != nil && s.spill[string(id)]})
		}
		idx = append(idx, c)
	}
	for i, c := range idx {
		d := b.days[i]
		s.rows++
		if !s.any {
			s.any, s.minDay, s.maxDay = true, d, d
		} else if d < s.minDay {
			s.minDay = d
		} else if d > s.maxDay {
			s.maxDay = d
		}
		st := &s.cs[c]
		if st.spilled {
			s.spillRows = append(s.spillRows, spillRow{c, d, b.amounts[i]})
			continue
		}
		s.step(st, d, b.amounts[i], int(b.lines[i]), c)
	}
	return idx
}

// step adds a row to a customer whose rows so far were in date order, and
// notes the first line whose amount makes a sum overflow.
func (s *summariser) step(st *custState, d day, amt float64, line int, c int32) {
	s.addRow(st, d, amt, line, c)
	if s.overflow == 0 && (math.IsInf(st.firstAmt, 0) || math.IsInf(st.repSum, 0) || math.IsInf(st.hoSum, 0)) {
		s.overflow, s.overflowID = max(line, 1), s.ids.name(int(c))
		if line == 0 {
			s.overflow = -1 // a held row: its line is not kept
		}
	}
}

func (s *summariser) addRow(st *custState, d day, amt float64, line int, c int32) {
	if !st.seen {
		s.purchase++
		st.seen, st.first, st.last = true, d, d
		if s.hasCal && d > s.calEnd {
			st.excluded = true
			return
		}
		st.calDays, st.lastCal, st.firstAmt = 1, d, amt
		return
	}
	if st.disordered {
		return
	}
	if d < st.last {
		st.disordered = true
		s.disordered++
		if s.disordered == 1 {
			s.disorderLine = line
			s.disorderDetail = fmt.Sprintf("customer %q's purchase on %s comes after one on %s", s.ids.name(int(c)), d, st.last)
		}
		return
	}
	if d == st.last {
		// The same calendar day: one purchase, amounts summed.
		switch {
		case st.excluded:
		case d == st.first:
			st.firstAmt += amt
		case d <= s.calEnd:
			st.repSum += amt
		case d <= s.hoEnd:
			st.hoSum += amt
		}
		return
	}
	s.purchase++
	st.last = d
	switch {
	case st.excluded:
	case d <= s.calEnd:
		st.calDays++
		st.repSum += amt
		st.lastCal = d
		s.repeat.add(d)
	case d <= s.hoEnd:
		st.hoDays++
		st.hoSum += amt
		s.repeat.add(d)
	default:
		s.late++
	}
}

// finish feeds the held rows in date order and builds the summary; name is
// the file for messages.
func (s *summariser) finish(name string) (Summary, error) {
	slices.SortStableFunc(s.spillRows, func(a, b spillRow) int {
		return cmp.Or(cmp.Compare(a.c, b.c), cmp.Compare(a.d, b.d))
	})
	for _, r := range s.spillRows {
		s.step(&s.cs[r.c], r.d, r.amt, 0, r.c)
	}
	if s.rows == 0 {
		return Summary{}, fileError(name, 0, "no transactions: the log has no rows (a transaction log has one row per purchase: customer, date, amount)")
	}
	if s.overflow != 0 {
		line := s.overflow
		if line < 0 {
			line = 0
		}
		return Summary{}, fileError(name, line, "customer %q's amounts add up to more than 1.8e308, the largest number clvlab holds: no real amount is this large; check the amount column (-amount)", s.overflowID)
	}
	calEnd := s.calEnd
	if !s.hasCal {
		calEnd = s.maxDay
	}
	if calEnd < s.minDay {
		return Summary{}, fileError(name, 0, "the calibration end %s is before the log's first purchase (%s): set the calibration end (-calibration-end) between %s and %s", calEnd, s.minDay, s.minDay, s.maxDay)
	}
	// An end after the last date in the log would count the days no log
	// covers as days without purchases.
	if s.hasCal && s.calEnd > s.maxDay {
		return Summary{}, fileError(name, 0, "the calibration end %s is after the last date in the log (%s): the log cannot tell whether customers bought after it; set the calibration end (-calibration-end) to %s or earlier", s.calEnd, s.maxDay, s.maxDay)
	}
	if s.hasHo && s.hoEnd > s.maxDay {
		return Summary{}, fileError(name, 0, "the holdout end %s is after the last date in the log (%s): the log cannot tell whether customers bought after it; set the holdout end (-holdout-end) to %s or earlier", s.hoEnd, s.maxDay, s.maxDay)
	}
	u := s.unit.Days()
	sum := Summary{
		Unit:           s.unit,
		Start:          s.minDay.time(),
		CalibrationEnd: calEnd.time(),
		Rows:           s.rows,
		Purchases:      s.purchase,
	}
	end := calEnd
	if s.hasHo {
		end = s.hoEnd
		sum.HoldoutEnd = s.hoEnd.time()
		sum.Holdout = float64(s.hoEnd-calEnd) / u
	}
	s.ids.slots = nil // the lookups are done: let the table go before the output is made
	sum.Customers = make([]Customer, 0, len(s.cs))
	for c, st := range s.cs {
		if st.excluded {
			sum.Excluded++
			continue
		}
		cu := Customer{
			ID:        s.ids.name(c),
			Frequency: float64(st.calDays - 1),
			Recency:   float64(st.lastCal-st.first) / u,
			T:         float64(calEnd-st.first) / u,
			Weight:    1,
		}
		if s.amounts {
			cu.FirstAmount = st.firstAmt
		}
		if st.calDays > 1 && s.amounts {
			cu.Monetary = st.repSum / float64(st.calDays-1)
		}
		if s.hasHo {
			cu.HoldoutFrequency = float64(st.hoDays)
			if st.hoDays > 0 && s.amounts {
				cu.HoldoutMonetary = st.hoSum / float64(st.hoDays)
			}
		}
		sum.Customers = append(sum.Customers, cu)
	}
	if len(sum.Customers) == 1 {
		return Summary{}, fileError(name, 0, "only one customer (%q) has a purchase up to the calibration end (%s): %s; give the log of all customers", sum.Customers[0].ID, calEnd, s.purpose)
	}
	sum.Repeat = s.repeat.periods(s.minDay, end, u)
	if sum.Excluded > 0 {
		sum.Warnings = append(sum.Warnings, fmt.Sprintf("%s: %s first bought after the calibration end (%s) and %s left out: they have no calibration history (a later calibration end includes them)",
			name, plural(sum.Excluded, "customer"), calEnd, isAre(sum.Excluded)))
	}
	if s.late > 0 {
		what := "calibration end"
		if s.hasHo {
			what = "holdout end"
		}
		sum.Warnings = append(sum.Warnings, fmt.Sprintf("%s: %s after the %s (%s) %s not part of the analysis and %s left out", name,
			plural(s.late, "purchase"), what, end, isAre(s.late), isAre(s.late)))
	}
	return sum, nil
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// dayCounts counts events by day over a range that grows as days come.
type dayCounts struct {
	base day
	n    []float64
}

func (h *dayCounts) add(d day) {
	if len(h.n) == 0 {
		h.base, h.n = d, append(h.n, 1)
		return
	}
	i := int(d) - int(h.base)
	if i < 0 {
		grown := make([]float64, len(h.n)-i)
		copy(grown[-i:], h.n)
		h.n, h.base, i = grown, d, 0
	} else if i >= len(h.n) {
		h.n = append(h.n, make([]float64, i-len(h.n)+1)...)
	}
	h.n[i]++
}

// periods sums the counts by period of u days since start, up to end. Both
// ends are ends of days, as T is: a purchase on day d is at time
// (d − start)/u, and period k holds the times in (k, k+1], so a span of a
// whole number of periods has that many (the end's day in the last), and
// there are ⌈(end − start)/u⌉ periods (at least one).
func (h *dayCounts) periods(start, end day, u float64) []float64 {
	k := max(1, int(math.Ceil(float64(end-start)/u)))
	out := make([]float64, k)
	for i, v := range h.n {
		if v == 0 {
			continue
		}
		p := max(0, int(math.Ceil(float64(h.base+day(i)-start)/u))-1)
		if p < k {
			out[p] += v
		}
	}
	return out
}
