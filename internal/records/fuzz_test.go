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

// FuzzReadTables: no input makes the summary or cohort readers panic, and
// what they accept holds their promises: possible histories (0 <= recency
// <= T, whole frequencies, positive weights) and counts that never rise.
func FuzzReadTables(f *testing.F) {
	for _, s := range []string{
		"ID,x,t_x,T,zbar\r\n1,2,30.43,38.86,22.35\r\n2,1,1.71,38.86,11.77\r\n",
		"frequency,recency,periods,weights\n0,0,6,3464\n1,1,6,1091\n",
		"cohort;0;1;2\n2001;1000;631;468\n2002;1000;600;\n",
		"c\t0\t1\na\t5\t\"4\"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if s, err := readSummary(strings.NewReader(text), "input", SummaryOptions{}); err == nil {
			var w float64
			for _, c := range s.Customers {
				if checkCustomer(c) != "" {
					t.Fatalf("accepted %+v", c)
				}
				w += c.Weight
			}
			if !(w >= 2) {
				t.Fatalf("accepted %g customers", w)
			}
		}
		if c, err := readCohorts(strings.NewReader(text), "input", Year); err == nil {
			if len(c.Cohorts) == 0 {
				t.Fatal("accepted no cohorts")
			}
			for _, co := range c.Cohorts {
				for i, v := range co.Active {
					if !(v >= 0) || (i == 0 && v == 0) || (i > 0 && v > co.Active[i-1]) {
						t.Fatalf("accepted %+v", co)
					}
				}
			}
		}
	})
}
