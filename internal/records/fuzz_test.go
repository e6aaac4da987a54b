package records

import (
	"math"
	"strings"
	"testing"
)

// FuzzSummariseLog: no input makes the log reader panic, and whatever it
// accepts is a consistent summary: at least two customers, 0 <= recency <=
// T, frequencies whole and not negative, amounts finite and not negative,
// and Repeat holding every repeat purchase day.
func FuzzSummariseLog(f *testing.F) {
	for _, s := range []string{
		"customer,date,amount\na,2020-01-01,10\nb,2020-01-02,5\na,2020-01-09,3\n",
		" 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n 00021 0002 19970101  3   63.34\r\n",
		"date,id\n2014-03-08 00:00:00,0\n2014-05-21 00:00:00,1\n2014-03-14 00:00:00,2\n",
		"id;date;value\n\"x;y\";20200101;1,5\nz;20200102;2\n",
		"a\t2020-01-01\nb\t2020-01-01\na\t2019-12-31\n",
	} {
		f.Add(s, "", "", "", int8(1), int16(0), int16(0))
	}
	f.Add("a,2020-01-01,1\nb,2020-01-05,2\na,2020-01-07,3\n", "1", "2", "3", int8(0), int16(4), int16(10))
	f.Fuzz(func(t *testing.T, text, customer, dateCol, amount string, unit int8, cal, hold int16) {
		opt := LogOptions{Customer: customer, Date: dateCol, Amount: amount, Unit: Unit(unit)}
		if cal != 0 {
			opt.CalibrationEnd = date("2020-01-01").AddDate(0, 0, int(cal))
		}
		if hold != 0 {
			opt.HoldoutEnd = date("2020-01-01").AddDate(0, 0, int(hold))
		}
		s, err := SummariseLog(strings.NewReader(text), opt)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty message")
			}
			return
		}
		if len(s.Customers) < 2 {
			t.Fatalf("%d customers accepted", len(s.Customers))
		}
		var repeat, want float64
		for _, v := range s.Repeat {
			repeat += v
		}
		for _, c := range s.Customers {
			if !(c.Frequency >= 0) || c.Frequency != math.Trunc(c.Frequency) || !(c.Recency >= 0) || !(c.Recency <= c.T) ||
				!(c.Monetary >= 0) || math.IsInf(c.Monetary, 0) || !(c.HoldoutFrequency >= 0) || !(c.HoldoutMonetary >= 0) ||
				(c.Frequency == 0 && c.Recency != 0) {
				t.Fatalf("inconsistent customer %+v", c)
			}
			want += c.Frequency + c.HoldoutFrequency
		}
		if repeat != want {
			t.Fatalf("Repeat holds %g purchases, the customers %g", repeat, want)
		}
	})
}
