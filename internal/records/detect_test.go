package records

import (
	"bytes"
	"compress/gzip"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDetectReferenceLogs: CDNOW_master.txt (a header, whitespace, CRLF,
// YYYYMMDD) and example_transactions.csv (date,id with a time part, no
// amounts) read with no options. The counts were taken with awk:
// CDNOW_master: 69,659 rows, 23,570 customers, 67,591 (customer, date)
// pairs; example_transactions: 15,273 rows, 5,000 ids, 14,270 (id, day)
// pairs.
func TestDetectReferenceLogs(t *testing.T) {
	for _, c := range []struct {
		path                       string
		rows, customers, purchases int
		start, end                 string
	}{
		{"testdata/CDNOW_master.txt", 69659, 23570, 67591, "1997-01-01", "1998-06-30"},
		{"testdata/example_transactions.csv", 15273, 5000, 14270, "2014-01-01", "2014-12-31"},
	} {
		s, err := ReadLog(c.path, LogOptions{Unit: Week})
		if err != nil {
			t.Fatal(err)
		}
		if s.Rows != c.rows || len(s.Customers) != c.customers || s.Purchases != c.purchases {
			t.Errorf("%s: %d rows, %d customers, %d purchase days; want %d, %d, %d", c.path, s.Rows, len(s.Customers), s.Purchases, c.rows, c.customers, c.purchases)
		}
		if got := s.Start.Format("2006-01-02"); got != c.start {
			t.Errorf("%s: start %s, want %s", c.path, got, c.start)
		}
		if got := s.CalibrationEnd.Format("2006-01-02"); got != c.end {
			t.Errorf("%s: calibration end %s, want the last date %s", c.path, got, c.end)
		}
	}
	// Customer 2 of example_transactions bought on 2014-03-14, 04-09,
	// 05-21, 06-08, 06-30, 07-31 and 08-03: 6 repeat purchases, recency
	// 142 days, T 292 days to 2014-12-31.
	s, _ := ReadLog("testdata/example_transactions.csv", LogOptions{Unit: Day})
	c := s.Customers[2]
	if c.ID != "2" || c.Frequency != 6 || c.Recency != 142 || c.T != 292 || c.Monetary != 0 {
		t.Errorf("customer 2: %+v", c)
	}
}

// summarise reads a log given as text, failing the test on an error.
func summarise(t *testing.T, text string, opt LogOptions) Summary {
	t.Helper()
	s, err := SummariseLog(strings.NewReader(text), opt)
	if err != nil {
		t.Fatalf("%v\ninput:\n%s", err, text)
	}
	return s
}

// TestSeparatorsAndForms: the same log written with each separator, with
// and without a header, quoted, in each date form, gives the same summary.
// Customer a: purchases on 2020-01-01 (10 + 5, one day), 2020-01-08 (20)
// and 2020-01-22 (30): frequency 2, recency 21 days = 3 weeks, T to
// 2020-01-29 = 4 weeks, monetary (20 + 30) / 2 = 25. Customer b: one
// purchase on 2020-01-15: frequency 0, T 2 weeks.
func TestSeparatorsAndForms(t *testing.T) {
	logs := map[string]string{
		"comma header":      "customer,date,amount\na,2020-01-01,10\na,2020-01-01,5\na,2020-01-08,20\nb,2020-01-15,7\na,2020-01-22,30\nb,2020-01-29,0\n",
		"semicolon":         "id;order_date;revenue\r\na;2020-01-01;10,00\r\na;2020-01-01;5\r\na;2020-01-08;20,0\r\nb;2020-01-15;7\r\na;2020-01-22;30\r\nb;2020-01-29;0\r\n",
		"tab no header":     "a\t20200101\t10\na\t20200101\t5\na\t20200108\t20\nb\t20200115\t7\na\t20200122\t30\nb\t20200129\t0\n",
		"whitespace":        "  a  2020-01-01T09:00:00Z  10\n a 2020-01-01T18:30:00Z 5\n\na 2020-01-08 20\nb 2020-01-15 7\na 2020-01-22 30.0\nb 2020-01-29 0\n",
		"quoted, reordered": "\uFEFF\"Amount\",\"Customer ID\",\"Date\"\n\"10\",\"a\",\"2020-01-01\"\n5,a,2020-01-01\n20,\"a\",2020-01-08\n7,b,2020-01-15\n30 , a , 2020-01-22\n0,\"b\",2020-01-29\n",
	}
	for name, text := range logs {
		s := summarise(t, text, LogOptions{Unit: Week})
		if len(s.Customers) != 2 {
			t.Fatalf("%s: %d customers", name, len(s.Customers))
		}
		a, b := s.Customers[0], s.Customers[1]
		if a.ID != "a" || a.Frequency != 2 || a.Recency != 3 || a.T != 4 || a.Monetary != 25 {
			t.Errorf("%s: a = %+v", name, a)
		}
		if b.ID != "b" || b.Frequency != 1 || b.Recency != 2 || b.T != 2 || b.Monetary != 0 {
			t.Errorf("%s: b = %+v", name, b)
		}
		if s.Rows != 6 || s.Purchases != 5 {
			t.Errorf("%s: %d rows, %d purchase days; want 6, 5", name, s.Rows, s.Purchases)
		}
	}
	// A layout given: day/month/year.
	s := summarise(t, "a,01/01/2020\na,22/01/2020\nb,29/01/2020\n", LogOptions{Unit: Day, DateFormat: "02/01/2006"})
	if a := s.Customers[0]; a.Frequency != 1 || a.Recency != 21 || a.T != 28 {
		t.Errorf("day/month/year: a = %+v", a)
	}
	// Dates only: frequency, recency and T without amounts.
	s = summarise(t, "date,user\n2020-01-01,u1\n2020-01-03,u1\n2020-01-02,u2\n", LogOptions{})
	if a := s.Customers[0]; a.Frequency != 1 || a.Recency != 2 || a.T != 2 || a.Monetary != 0 {
		t.Errorf("dates only: %+v", a)
	}
}

// TestHoldoutAndRepeat: the holdout counts purchase days after the
// calibration end up to the holdout end; Repeat bins the repeat purchase
// days by period since the start. Days: a buys on 1, 2, 2, 9, 16, 30; b on
// 3, 10; c on 20 (after the calibration end, day 14: left out); in weeks
// from day 1 (2020-01-01), calibration end day 14, holdout end day 28.
func TestHoldoutAndRepeat(t *testing.T) {
	text := "c,d,v\na,2020-01-01,1\na,2020-01-02,2\na,2020-01-02,3\nb,2020-01-03,4\na,2020-01-09,5\nb,2020-01-10,6\na,2020-01-16,7\nc,2020-01-20,8\na,2020-01-30,9\n"
	s := summarise(t, text, LogOptions{Customer: "c", Date: "d", Amount: "v", Unit: Week, CalibrationEnd: date("2020-01-14"), HoldoutEnd: date("2020-01-28")})
	if len(s.Customers) != 2 || s.Excluded != 1 || len(s.Warnings) != 2 {
		t.Fatalf("%d customers, %d excluded, warnings %q", len(s.Customers), s.Excluded, s.Warnings)
	}
	want := "input: 1 customer first bought after the calibration end (2020-01-14) and is left out: they have no calibration history (a later calibration end includes them)"
	if s.Warnings[0] != want {
		t.Errorf("warning %q, want %q", s.Warnings[0], want)
	}
	// a's purchase on day 30 is after the holdout end.
	if want := "input: 1 purchase after the holdout end (2020-01-28) is not part of the analysis and is left out"; s.Warnings[1] != want {
		t.Errorf("warning %q, want %q", s.Warnings[1], want)
	}
	a, b := s.Customers[0], s.Customers[1]
	// a: calibration days 1, 2, 9 (repeat 2 and 9: amounts 5 and 5),
	// holdout day 16 (7); day 30 is after the holdout end.
	if a.Frequency != 2 || a.Recency != 8.0/7 || a.T != 13.0/7 || a.Monetary != 5 || a.HoldoutFrequency != 1 || a.HoldoutMonetary != 7 {
		t.Errorf("a = %+v", a)
	}
	if b.Frequency != 1 || b.Recency != 1 || b.Monetary != 6 || b.HoldoutFrequency != 0 {
		t.Errorf("b = %+v", b)
	}
	if s.Holdout != 2 {
		t.Errorf("holdout %g weeks, want 2", s.Holdout)
	}
	// Repeat days 2, 9, 10, 16 → weeks 0, 1, 1, 2; days 1..28 span weeks
	// 0..3.
	if got := s.Repeat; len(got) != 4 || got[0] != 1 || got[1] != 2 || got[2] != 1 || got[3] != 0 {
		t.Errorf("Repeat %v, want [1 2 1 0]", got)
	}
	if s.Rows != 9 || s.Purchases != 8 {
		t.Errorf("%d rows, %d purchase days; want 9, 8", s.Rows, s.Purchases)
	}
}

// TestMonthUnit: a month is 365.25/12 days.
func TestMonthUnit(t *testing.T) {
	s := summarise(t, "a,2020-01-01\na,2020-03-01\nb,2020-02-01\n", LogOptions{Unit: Month})
	if a := s.Customers[0]; math.Abs(a.Recency-60/(365.25/12)) > 1e-12 || a.Recency != a.T {
		t.Errorf("a = %+v", a)
	}
}

// TestOutOfOrder: rows not in date order give the same summary as sorted
// ones: from a file or a seeker (read twice, with a warning), and an error
// from a plain stream.
func TestOutOfOrder(t *testing.T) {
	sorted := "a,2020-01-01,1\nb,2020-01-02,2\na,2020-01-05,3\na,2020-01-05,4\nb,2020-01-09,5\na,2020-01-10,6\n"
	shuffled := "a,2020-01-10,6\nb,2020-01-09,5\na,2020-01-05,3\na,2020-01-01,1\nb,2020-01-02,2\na,2020-01-05,4\n"
	want := summarise(t, sorted, LogOptions{})
	got := summarise(t, shuffled, LogOptions{})
	if len(got.Customers) != 2 || got.Customers[0] != want.Customers[0] || got.Customers[1] != want.Customers[1] || got.Purchases != want.Purchases {
		t.Errorf("shuffled %+v, sorted %+v", got.Customers, want.Customers)
	}
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "the rows of 2 customers are not in date order (the first at line 3") {
		t.Errorf("warnings %q", got.Warnings)
	}
	_, err := SummariseLog(struct{ io.Reader }{strings.NewReader(shuffled)}, LogOptions{})
	if err == nil || err.Error() != `input:3: customer "a"'s purchase on 2020-01-05 comes after one on 2020-01-10: the rows of each customer must be in date order when the log is read from a stream: sort the log by date (or by customer and date), or read it from a file` {
		t.Errorf("stream: %v", err)
	}
}

// TestProgress: Progress ends with the whole file read.
func TestProgress(t *testing.T) {
	var done, total int64
	opt := cdnowOptions
	opt.Progress = func(d, n int64) { done, total = d, n }
	if _, err := ReadLog("testdata/CDNOW_sample.txt", opt); err != nil {
		t.Fatal(err)
	}
	if done != 228327 || total != 228327 {
		t.Errorf("progress %d of %d, want 228327 of 228327", done, total)
	}
}

// TestGzipLog: a gzip-compressed log (told by its magic bytes, whatever
// its name) reads as the plain one, rows out of order included (the second
// pass decompresses again).
func TestGzipLog(t *testing.T) {
	plain, err := os.ReadFile("testdata/CDNOW_sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, err := ReadLog("testdata/CDNOW_sample.txt", cdnowOptions)
	if err != nil {
		t.Fatal(err)
	}
	// The first row moved to the end: customer 1's rows are out of order.
	k := bytes.IndexByte(plain, '\n') + 1
	shuffled := append(append([]byte{}, plain[k:]...), plain[:k]...)
	for i, text := range [][]byte{plain, shuffled} {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(text)
		zw.Close()
		path := filepath.Join(t.TempDir(), "log.txt")
		if err := os.WriteFile(path, z.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadLog(path, cdnowOptions)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Customers) != len(want.Customers) || got.Purchases != want.Purchases || len(got.Warnings) != i {
			t.Fatalf("gzip %d: %d customers, %d purchase days, warnings %q", i, len(got.Customers), got.Purchases, got.Warnings)
		}
		for j, c := range got.Customers {
			if c != want.Customers[j] {
				t.Errorf("gzip %d: %+v, want %+v", i, c, want.Customers[j])
			}
		}
	}
}
