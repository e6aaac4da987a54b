package records

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

// cdnowRow is a row of the CDNOW sample, read by hand (strings.Fields).
type cdnowRow struct {
	id     int
	day    time.Time
	amount float64
}

func cdnowRows(t *testing.T) []cdnowRow {
	t.Helper()
	f, err := os.Open("testdata/CDNOW_sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []cdnowRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Fields(sc.Text())
		id, _ := strconv.Atoi(p[1])
		d, err := time.Parse("20060102", p[2])
		if err != nil {
			t.Fatal(err)
		}
		a, _ := strconv.ParseFloat(p[4], 64)
		rows = append(rows, cdnowRow{id, d, a})
	}
	return rows
}

// writeParquet writes rows as a Parquet file in dir.
func writeParquet[T any](t *testing.T, dir, name string, rows []T) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[T](f, parquet.MaxRowsPerRowGroup(2000))
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestParquetCDNOW: the CDNOW sample written as Parquet in three schemas
// (DATE and DOUBLE; TIMESTAMP, integer ids and an optional DECIMAL amount;
// YYYYMMDD integers and text dates) summarises exactly as the text file.
// Row groups of 2,000 rows make the reader cross row groups and pages.
func TestParquetCDNOW(t *testing.T) {
	want, err := ReadLog("testdata/CDNOW_sample.txt", cdnowOptions)
	if err != nil {
		t.Fatal(err)
	}
	rows := cdnowRows(t)
	dir := t.TempDir()
	type dated struct {
		Customer string  `parquet:"customer_id"`
		Date     int32   `parquet:"date,date"`
		Amount   float64 `parquet:"dollar_value"`
	}
	type stamped struct {
		Cents    *int64 `parquet:"revenue,optional,decimal(2:18)"`
		ID       int64  `parquet:"id"`
		OrderTS  int64  `parquet:"order_ts,timestamp(microsecond)"`
		Quantity int32  `parquet:"quantity"`
	}
	type compact struct {
		Customer string  `parquet:"customer"`
		Day      int32   `parquet:"day"`
		Text     string  `parquet:"text_date"`
		Amount   float32 `parquet:"amount"`
	}
	var a []dated
	var b []stamped
	var c []compact
	for _, r := range rows {
		days := int32(r.day.Unix() / 86400)
		cents := int64(r.amount*100 + 0.5)
		a = append(a, dated{strconv.Itoa(r.id), days, r.amount})
		b = append(b, stamped{&cents, int64(r.id), r.day.Add(13 * time.Hour).UnixMicro(), 1})
		ymd, _ := strconv.Atoi(r.day.Format("20060102"))
		c = append(c, compact{strconv.Itoa(r.id), int32(ymd), r.day.Format("2006-01-02"), float32(r.amount)})
	}
	paths := []string{writeParquet(t, dir, "dated.parquet", a), writeParquet(t, dir, "stamped.parquet", b), writeParquet(t, dir, "compact.parquet", c)}
	opts := []LogOptions{{}, {Customer: "id", Date: "order_ts", Amount: "revenue"}, {Date: "day"}}
	for i, path := range paths {
		opt := opts[i]
		opt.Unit, opt.CalibrationEnd, opt.HoldoutEnd = Week, cdnowOptions.CalibrationEnd, cdnowOptions.HoldoutEnd
		got, err := ReadLog(path, opt)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(got.Customers) != len(want.Customers) || got.Rows != want.Rows || got.Purchases != want.Purchases || len(got.Repeat) != len(want.Repeat) {
			t.Fatalf("%s: %d customers, %d rows; want %d, %d", path, len(got.Customers), got.Rows, len(want.Customers), want.Rows)
		}
		for k, g := range got.Customers {
			w := want.Customers[k]
			w.ID = strings.TrimLeft(w.ID, "0")
			if i == 2 { // float32 amounts
				if !printed(g.Monetary, w.Monetary) || !printed(g.HoldoutMonetary, w.HoldoutMonetary) {
					t.Errorf("%s: %+v, want %+v", path, g, w)
				}
				g.Monetary, g.HoldoutMonetary = w.Monetary, w.HoldoutMonetary
			}
			if g.ID != w.ID || g.Frequency != w.Frequency || g.Recency != w.Recency || g.T != w.T || !printed(g.Monetary, w.Monetary) || g.HoldoutFrequency != w.HoldoutFrequency {
				t.Errorf("%s: %+v, want %+v", path, g, w)
			}
		}
	}
	// The text dates of the third file, read by name.
	opt := cdnowOptions
	opt.Customer, opt.Date, opt.Amount = "customer", "text_date", NoAmount
	got, err := ReadLog(paths[2], opt)
	if err != nil || len(got.Customers) != 2357 || got.Customers[0].Frequency != want.Customers[0].Frequency || got.Customers[0].Monetary != 0 {
		t.Errorf("text dates: %v", err)
	}
}

// TestParquetProblems: a null amount and an unknown column get messages at
// their row; rows out of date order are read twice, as in a text file.
func TestParquetProblems(t *testing.T) {
	type row struct {
		Customer string   `parquet:"customer"`
		Date     string   `parquet:"date"`
		Amount   *float64 `parquet:"amount,optional"`
	}
	one, neg := 1.0, -2.0
	dir := t.TempDir()
	path := writeParquet(t, dir, "bad.parquet", []row{{"a", "2020-01-02", &one}, {"b", "2020-01-01", nil}, {"a", "2020-01-32", &one}, {"b", "2020-01-03", &neg}})
	_, err := ReadLog(path, LogOptions{Name: "bad.parquet"})
	want := `bad.parquet:2: the amount null (column "amount") is missing: give every purchase its amount, or read the log without amounts (-amount none)
bad.parquet:3: "2020-01-32" (column "date") is not a date in the form YYYY-MM-DD (an ISO date, a time part allowed): correct it, or set the date format (-date-format) to the column's Go layout
bad.parquet:4: the amount -2 (column "amount") is negative: a purchase's amount is 0 or more (leave returns out of the log, or net them against their purchase)`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	_, err = ReadLog(path, LogOptions{Name: "bad.parquet", Amount: "price"})
	if want := `bad.parquet: the amount is named "price" (-amount), but the Parquet schema has no such column (it has "customer", "date", "amount"): name one of these, or give a number`; err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	path = writeParquet(t, dir, "shuffled.parquet", []row{{"a", "2020-01-09", &one}, {"b", "2020-01-02", &one}, {"a", "2020-01-01", &one}})
	s, err := ReadLog(path, LogOptions{Unit: Day})
	if err != nil || len(s.Warnings) != 1 || s.Customers[0].Frequency != 1 || s.Customers[0].Recency != 8 {
		t.Errorf("shuffled: %v %+v", err, s)
	}
}

// TestParquetWildDate: a DATE of 2,000,000,000 days (a conversion error)
// is refused with its row instead of stretching the per-day counts over
// millions of years (10.5 GB before the check).
func TestParquetWildDate(t *testing.T) {
	type dated struct {
		Customer string  `parquet:"customer"`
		Date     int32   `parquet:"date,date"`
		Amount   float64 `parquet:"amount"`
	}
	day0 := int32(civil(2020, 1, 1))
	path := writeParquet(t, t.TempDir(), "wild.parquet", []dated{{"a", day0, 1}, {"b", day0 + 3, 1}, {"a", day0 + 9, 1}, {"b", 2_000_000_000, 1}})
	_, err := ReadLog(path, LogOptions{Name: "wild.parquet", Unit: Week})
	want := `wild.parquet:4: the date ` + day(2_000_000_000).String() + ` (column "date") is ` + implausible
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}
