package sqlcheck

import (
	"bufio"
	"database/sql"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"clvlab/internal/records"
)

// docQuery is the first ```sql block after the heading "#### DuckDB" of
// docs/data.md: the document is what is tested.
func docQuery(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../../docs/data.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i := strings.Index(doc, "\n#### DuckDB\n")
	if i < 0 {
		t.Fatal("docs/data.md has no heading \"#### DuckDB\"")
	}
	rest := doc[i:]
	j := strings.Index(rest, "\n```sql\n")
	if j < 0 {
		t.Fatal("docs/data.md: no ```sql block after \"#### DuckDB\"")
	}
	rest = rest[j+len("\n```sql\n"):]
	k := strings.Index(rest, "\n```")
	if k < 0 {
		t.Fatal("docs/data.md: the DuckDB query's block is not closed")
	}
	return rest[:k]
}

// TestDuckDBQueryMatchesRecords: the documented query, on the CDNOW sample
// loaded into DuckDB (parsed here with strings.Fields, not by records),
// gives every customer the summary records.ReadLog gives it, with the
// query's parameters (weeks, calibration end 1997-09-30, holdout end
// 1998-06-30).
func TestDuckDBQueryMatchesRecords(t *testing.T) {
	query := docQuery(t)
	for _, p := range []string{"DATE '1997-09-30' AS calibration_end", "DATE '1998-06-30' AS holdout_end", "7.0 AS unit_days"} {
		if !strings.Contains(query, p) {
			t.Fatalf("the documented query no longer sets %q: this test's records options must follow it", p)
		}
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE transactions (customer VARCHAR, date DATE, amount DOUBLE)`); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../testdata/CDNOW_sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	ins, err := tx.Prepare(`INSERT INTO transactions VALUES (?, ?, ?)`)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		p := strings.Fields(sc.Text())
		d, err := time.Parse("20060102", p[2])
		if err != nil {
			t.Fatal(err)
		}
		a, err := strconv.ParseFloat(p[4], 64)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ins.Exec(p[1], d, a); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n != 6919 {
		t.Fatalf("%d rows loaded, want 6919", n)
	}

	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("the documented query: %v", err)
	}
	defer rows.Close()
	type row struct {
		freq, rec, T, m, hf, hm, dur float64
	}
	got := map[string]row{}
	for rows.Next() {
		var id string
		var r row
		if err := rows.Scan(&id, &r.freq, &r.rec, &r.T, &r.m, &r.hf, &r.hm, &r.dur); err != nil {
			t.Fatal(err)
		}
		got[id] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}

	want, err := records.ReadLog("../testdata/CDNOW_sample.txt", records.LogOptions{Customer: "2", Date: "3", Amount: "5", Unit: records.Week,
		CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC), HoldoutEnd: time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want.Customers) || len(got) != 2357 {
		t.Fatalf("the query gives %d customers, records %d (want 2357)", len(got), len(want.Customers))
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	for _, c := range want.Customers {
		r, ok := got[c.ID]
		if !ok {
			t.Errorf("customer %s: not in the query's result", c.ID)
			continue
		}
		if r.freq != c.Frequency || !near(r.rec, c.Recency) || !near(r.T, c.T) || !near(r.m, c.Monetary) ||
			r.hf != c.HoldoutFrequency || !near(r.hm, c.HoldoutMonetary) || !near(r.dur, want.Holdout) {
			t.Errorf("customer %s: the query gives %+v, records %+v (holdout %g)", c.ID, r, c, want.Holdout)
		}
	}
}
