package records

import (
	"fmt"
	"time"
)

// A day is a calendar date as the number of days since 1970-01-01. Logs are
// summarised in days: a purchase's time of day is not used.
type day int32

// dayOf is the calendar date of t (its year, month and day as written in
// t's location).
func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return civil(y, int(m), d)
}

// civil is the day number of a valid date (Howard Hinnant's
// days_from_civil, exact for the proleptic Gregorian calendar).
func civil(y, m, d int) day {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

// time is the day as a UTC midnight.
func (d day) time() time.Time {
	return time.Unix(int64(d)*86400, 0).UTC()
}

func (d day) String() string { return d.time().Format(time.DateOnly) }

// daysIn is the number of days of month m in year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// digits reads n ASCII digits of b from i as a number; ok is false when one
// is not a digit.
func digits(b []byte, i, n int) (v int, ok bool) {
	for _, c := range b[i : i+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// ymd checks a date's month and day, and returns its day number.
func ymd(y, m, d int) (day, bool) {
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return civil(y, m, d), true
}

// parseISO reads 2006-01-02, optionally followed by a time part after 'T'
// or a space (2006-01-02 15:04:05, 2006-01-02T15:04:05Z, ...): the calendar
// day as written; the time part is not used.
func parseISO(b []byte) (day, bool) {
	if len(b) < 10 || b[4] != '-' || b[7] != '-' {
		return 0, false
	}
	if len(b) > 10 {
		if (b[10] != 'T' && b[10] != ' ') || len(b) < 12 || b[11] < '0' || b[11] > '9' {
			return 0, false
		}
	}
	y, ok1 := digits(b, 0, 4)
	m, ok2 := digits(b, 5, 2)
	d, ok3 := digits(b, 8, 2)
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	return ymd(y, m, d)
}

// parseCompact reads YYYYMMDD.
func parseCompact(b []byte) (day, bool) {
	if len(b) != 8 {
		return 0, false
	}
	y, ok1 := digits(b, 0, 4)
	m, ok2 := digits(b, 4, 2)
	d, ok3 := digits(b, 6, 2)
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	return ymd(y, m, d)
}

// dateParser reads a log's dates: ISO and YYYYMMDD by hand, any other Go
// layout with time.Parse (remembering the last string, as logs repeat a date
// on many rows in a row).
type dateParser struct {
	layout string // Go layout; "" for ISO or YYYYMMDD by hand
	fast   func([]byte) (day, bool)
	last   []byte
	lastD  day
}

// Layouts that the reader detects and parses by hand.
const (
	layoutISO     = "2006-01-02"
	layoutCompact = "20060102"
)

// newDateParser is the parser for a Go layout: ISO (2006-01-02, with or
// without a time part) and 20060102 are read by hand.
func newDateParser(layout string) *dateParser {
	switch layout {
	case layoutISO, "2006-01-02 15:04:05", time.RFC3339, "2006-01-02T15:04:05":
		return &dateParser{layout: layoutISO, fast: parseISO}
	case layoutCompact:
		return &dateParser{layout: layoutCompact, fast: parseCompact}
	}
	return &dateParser{layout: layout}
}

// detectLayout is the layout of a date as written, among those read by
// hand; "" when it is neither.
func detectLayout(b []byte) string {
	if _, ok := parseISO(b); ok {
		return layoutISO
	}
	if _, ok := parseCompact(b); ok {
		return layoutCompact
	}
	return ""
}

func (p *dateParser) parse(b []byte) (day, bool) {
	if p.fast != nil {
		return p.fast(b)
	}
	if p.last != nil && string(b) == string(p.last) {
		return p.lastD, true
	}
	t, err := time.Parse(p.layout, string(b))
	if err != nil {
		return 0, false
	}
	p.last = append(p.last[:0], b...)
	p.lastD = dayOf(t)
	return p.lastD, true
}

// describe says which form the parser expects, for messages.
func (p *dateParser) describe() string {
	switch p.layout {
	case layoutISO:
		return "YYYY-MM-DD (an ISO date, a time part allowed)"
	case layoutCompact:
		return "YYYYMMDD"
	}
	return fmt.Sprintf("the layout %q", p.layout)
}

// The years a purchase date may fall in: a date before 1900 or after 2200
// is a typing or conversion error (9999-12-31 and 0001-01-01 often stand
// for "no date"), and would stretch the analysis over millennia.
var firstDay, lastDay = civil(1900, 1, 1), civil(2200, 12, 31)

// plausible reports whether d is a purchase date clvlab accepts.
func plausible(d day) bool { return d >= firstDay && d <= lastDay }

// implausible says why a date outside 1900–2200 is refused.
const implausible = "outside the years 1900 to 2200: correct the row, or leave it out (9999-12-31 and 0001-01-01 often stand for \"no date\")"
