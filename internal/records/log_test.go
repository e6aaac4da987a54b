package records

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// cdnowOptions read the CDNOW sample as Fader, Hardie & Lee (2005) split
// it: weeks, calibration 1997-01-01 to 1997-09-30 (39 weeks), holdout to
// 1998-06-30 (the end of the data).
var cdnowOptions = LogOptions{Customer: "2", Date: "3", Amount: "5", Unit: Week,
	CalibrationEnd: date("1997-09-30"), HoldoutEnd: date("1998-06-30")}

// TestCDNOWSample: the CDNOW sample read as it is (whitespace separated, no
// header, YYYYMMDD, CRLF) gives the published summary. 2,357 customers,
// all of whom first bought in the first quarter of 1997, and 2,457 repeat
// purchases in calibration: the count of Fader, Hardie & Lee (2005, "Counting
// your customers the easy way", Marketing Science 24(2)), and of Hardie's
// cdnow_customers_summary file (the sum of x). lifetimes with freq="W" merges
// all purchases within a calendar week instead of a day and counts 2,216:
// clvlab merges by day and measures in weeks (days / 7).
func TestCDNOWSample(t *testing.T) {
	s, err := ReadLog("testdata/CDNOW_sample.txt", cdnowOptions)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Customers) != 2357 {
		t.Fatalf("%d customers, want 2357", len(s.Customers))
	}
	var x float64
	for _, c := range s.Customers {
		x += c.Frequency
	}
	if x != 2457 {
		t.Errorf("%g repeat purchases in calibration, want 2457", x)
	}
	if s.Rows != 6919 || s.Excluded != 0 || len(s.Warnings) != 0 {
		t.Errorf("rows %d, excluded %d, warnings %q; want 6919, 0, none", s.Rows, s.Excluded, s.Warnings)
	}
	if !s.Start.Equal(date("1997-01-01")) || !s.CalibrationEnd.Equal(date("1997-09-30")) || !s.HoldoutEnd.Equal(date("1998-06-30")) {
		t.Errorf("start %v, calibration end %v, holdout end %v", s.Start, s.CalibrationEnd, s.HoldoutEnd)
	}
	// The holdout: 1997-10-01 to 1998-06-30 is 273 days, 39 weeks.
	if s.Holdout != 39 {
		t.Errorf("holdout %g weeks, want 39", s.Holdout)
	}
	// Repeat: 1997-01-01 to 1998-06-30 is 545 days from the start, so 78
	// weeks (0..77), and the periods add up to the calibration and holdout
	// repeat purchases.
	if len(s.Repeat) != 78 {
		t.Errorf("%d periods in Repeat, want 78", len(s.Repeat))
	}
	var rep, hold float64
	for _, v := range s.Repeat {
		rep += v
	}
	for _, c := range s.Customers {
		hold += c.HoldoutFrequency
	}
	// 1,882 holdout purchases: the (sample id, date) pairs after 1997-09-30,
	// counted with awk '$3>19970930 && $3<=19980630 {k[$2" "$3]=1} END{print
	// length(k)}' (every customer's first purchase is in 1997's first
	// quarter, so each is a repeat purchase); 6,696 purchase days in all
	// (2,357 first + 2,457 + 1,882).
	if hold != 1882 || s.Purchases != 6696 {
		t.Errorf("%g holdout purchases and %d purchase days, want 1882 and 6696", hold, s.Purchases)
	}
	if rep != x+hold {
		t.Errorf("Repeat sums to %g, want calibration %g + holdout %g", rep, x, hold)
	}
	want := readHardieSummary(t, "testdata/cdnow_customers_summary_with_transactions.csv")
	for i, c := range s.Customers {
		id, err := strconv.Atoi(c.ID)
		if err != nil || id != i+1 {
			t.Fatalf("customer %d has id %q; the sample numbers them 1..2357 in order", i, c.ID)
		}
		w := want[id]
		if c.Frequency != w[0] || !printed(c.Recency, w[1]) || !printed(c.T, w[2]) || !printed(c.Monetary, w[3]) {
			t.Errorf("customer %s: x %g t_x %.4f T %.4f zbar %.4f; Hardie's summary prints %v", c.ID, c.Frequency, c.Recency, c.T, c.Monetary, w)
		}
	}
}

// printed: v rounds to the 2-decimal figure p (a half-cent either way, with
// room for the binary representation of the printed figure).
func printed(v, p float64) bool {
	return math.Abs(v-p) <= 0.005+1e-9
}

// readHardieSummary reads ID,x,t_x,T,zbar by hand (not with ReadSummary,
// which is tested on its own).
func readHardieSummary(t *testing.T, path string) map[int][4]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[int][4]float64{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		p := strings.Split(strings.TrimSpace(sc.Text()), ",")
		id, _ := strconv.Atoi(p[0])
		var r [4]float64
		for i := range r {
			r[i], _ = strconv.ParseFloat(p[i+1], 64)
		}
		out[id] = r
	}
	if len(out) != 2357 {
		t.Fatalf("%s: %d rows", path, len(out))
	}
	return out
}

// TestReferenceDataIntact: the copies in testdata are byte for byte those
// of the README's table.
func TestReferenceDataIntact(t *testing.T) {
	for name, sum := range map[string]string{
		"CDNOW_master.txt": "eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef",
		"CDNOW_sample.txt": "6fae10155c0b0ba363c2c386e30f77990d22328220efd862a5edd1443420d94a",
		"LICENSE.txt":      "eabba5d927630ba270781bd2704815fd9ec942bceb418ffc05b43fec4d4ac2cc",
		"cdnow_customers_summary_with_transactions.csv": "7ddd11b55be3227edfc1d58675154e96971b0de3ad37ddd9280d1dba154b8b2f",
		"donations.csv":            "82c25f26a201ff047e1cd5fe3d7967a45db92a025ecedee72ff8940e50104544",
		"example_transactions.csv": "dd4a7c6ba666137dda53fb861c6bc502acdf37c89bf5bdd1101ecc9c0cfeaa59",
	} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(b)
		if got := hex.EncodeToString(h[:]); got != sum {
			t.Errorf("%s: sha256 %s, want %s (a copy must be byte for byte)", name, got, sum)
		}
	}
}

// TestPurchasesAfterTheEnd: purchases after the holdout end, or after the
// calibration end without a holdout, are not part of the analysis: they are
// counted in a warning and left out, and the per-period counts stop at the
// end (a stray 2199-12-31 would otherwise stretch them over 180 years).
func TestPurchasesAfterTheEnd(t *testing.T) {
	log := "customer,date,amount\na,2020-01-01,1\nb,2020-01-02,1\na,2020-01-20,1\nb,2020-02-10,1\na,2199-12-31,1\nb,2199-12-31,1\n"
	for _, c := range []struct {
		opt     LogOptions
		periods int
		want    string
	}{
		// Calibration to 2020-01-31, 31 days: periods 0..4 in weeks.
		{LogOptions{Name: "late.csv", Unit: Week, CalibrationEnd: date("2020-01-31")}, 5,
			"late.csv: 3 purchases after the calibration end (2020-01-31) are not part of the analysis and are left out"},
		// Holdout to 2020-02-29, 59 days from the start: periods 0..8.
		{LogOptions{Name: "late.csv", Unit: Week, CalibrationEnd: date("2020-01-31"), HoldoutEnd: date("2020-02-29")}, 9,
			"late.csv: 2 purchases after the holdout end (2020-02-29) are not part of the analysis and are left out"},
	} {
		s, err := SummariseLog(strings.NewReader(log), c.opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Warnings) != 1 || s.Warnings[0] != c.want {
			t.Errorf("warnings %q, want %q", s.Warnings, c.want)
		}
		if len(s.Repeat) != c.periods {
			t.Errorf("%d periods, want %d", len(s.Repeat), c.periods)
		}
	}
}

// TestCDNOWDays: in days, 1997-01-01 to 1998-06-30 is 545 days after the
// start, so 545 periods, the last holding the purchases of 1998-06-30
// (there was a 546th holding them alone, with none expected); the
// calibration end, day 272, is the end of period 271 (0-based).
func TestCDNOWDays(t *testing.T) {
	opt := cdnowOptions
	opt.Unit = Day
	s, err := ReadLog("testdata/CDNOW_sample.txt", opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Repeat) != 545 {
		t.Fatalf("%d periods in Repeat, want 545", len(s.Repeat))
	}
	total := 0.0
	for _, v := range s.Repeat {
		total += v
	}
	// 2,457 calibration + 1,882 holdout repeat purchases (TestCDNOWSample).
	if total != 2457+1882 {
		t.Errorf("Repeat sums to %g, want 4339", total)
	}
	cal := 0.0
	for _, v := range s.Repeat[:272] {
		cal += v
	}
	if cal != 2457 {
		t.Errorf("the first 272 days hold %g repeat purchases, want the calibration's 2457", cal)
	}
}

// TestLongLines: a first data row of 2 MiB cannot be sampled to tell the
// columns apart: the message says which line (it said "the file has a
// header but no rows"); a 2 MiB amount later in the log is quoted in its
// message cut to 80 bytes with its length (it was echoed whole).
func TestLongLines(t *testing.T) {
	long := strings.Repeat("1", 2<<20)
	_, err := SummariseLog(strings.NewReader("customer,date,amount\nc,2020-01-01,"+long+"\n"), LogOptions{Name: "long.csv"})
	want := "long.csv:2: the line is longer than 1 MiB: the columns are told apart from the first lines; check that the file is delimited text with a line per row (a line break lost, a field holding a whole document?)"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	_, err = SummariseLog(strings.NewReader("customer,date,amount\na,2020-01-01,1\nb,2020-01-02,2\na,2020-01-03,"+long+"\n"), LogOptions{Name: "longmid.csv"})
	want = `longmid.csv:4: the amount "` + long[:80] + `"… (2097152 bytes) (column 3) is not a number: write it as digits with a decimal point, such as 12.50`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%.300v\nwant\n%s", err, want)
	}
}

// TestCustomerCount: a row stands for Weight customers, an unset weight
// (0) for one: the one rule every model and file uses.
func TestCustomerCount(t *testing.T) {
	for _, c := range []struct{ w, want float64 }{{0, 1}, {1, 1}, {2.5, 2.5}, {500, 500}} {
		if got := (Customer{Weight: c.w}).Count(); got != c.want {
			t.Errorf("weight %g counts %g, want %g", c.w, got, c.want)
		}
	}
}
