package segment

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"clvlab/internal/records"
)

// cdnowFile is the CDNOW sample (2,357 customers, 1997-01-01 to
// 1998-06-30): customer id, id, date YYYYMMDD, CDs, dollars.
var cdnowFile = filepath.Join("..", "records", "testdata", "CDNOW_sample.txt")

// plain is one customer as the test computes it straight from the file,
// without package records: its purchase days and their amounts.
type plain struct {
	days   map[string]float64 // YYYYMMDD → amount that day
	first  time.Time
	last   time.Time
	amount float64
}

// readPlain reads the CDNOW sample line by line: a second, simple
// computation of what records and FromSummary compute.
func readPlain(t *testing.T) (map[string]*plain, time.Time) {
	t.Helper()
	f, err := os.Open(cdnowFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cs := map[string]*plain{}
	var end time.Time
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		d, err := time.Parse("20060102", fields[2])
		if err != nil {
			t.Fatal(err)
		}
		amt, err := strconv.ParseFloat(fields[4], 64)
		if err != nil {
			t.Fatal(err)
		}
		c := cs[fields[0]]
		if c == nil {
			c = &plain{days: map[string]float64{}, first: d, last: d}
			cs[fields[0]] = c
		}
		c.days[fields[2]] += amt
		c.amount += amt
		if d.Before(c.first) {
			c.first = d
		}
		if d.After(c.last) {
			c.last = d
		}
		if d.After(end) {
			end = d
		}
	}
	return cs, end
}

// nearestCuts is the cut rule written out by brute force: for each j,
// among the distinct values, the one whose share at or below is nearest
// j/k, the lower on a tie.
func nearestCuts(values []float64, k int) []float64 {
	distinct := map[float64]bool{}
	for _, v := range values {
		distinct[v] = true
	}
	var out []float64
	for j := 1; j < k; j++ {
		target := float64(j) / float64(k)
		best, bestD := math.Inf(1), math.Inf(1)
		for v := range distinct {
			n := 0
			for _, x := range values {
				if x <= v {
					n++
				}
			}
			d := math.Abs(float64(n)/float64(len(values)) - target)
			if d < bestD || (d == bestD && v < best) {
				best, bestD = v, d
			}
		}
		out = append(out, best)
	}
	return out
}

func above(v float64, cuts []float64) int {
	n := 0
	for _, c := range cuts {
		if v > c {
			n++
		}
	}
	return n
}

func cdnowCustomers(t *testing.T) []Customer {
	t.Helper()
	s, err := records.ReadLog(cdnowFile, records.LogOptions{Customer: "1", Date: "3", Amount: "5", Unit: records.Week})
	if err != nil {
		t.Fatal(err)
	}
	return FromSummary(&s)
}

func counts(r *Result) map[string]float64 {
	out := map[string]float64{}
	for _, g := range r.Groups {
		out[g.ID] = g.Customers
	}
	return out
}

// TestCDNOWRFM: the RFM segments of the CDNOW sample match counts
// computed from the file line by line, with the cut rule by brute force
// and the segments from a table of the 25 cells written out by hand.
func TestCDNOWRFM(t *testing.T) {
	cs, end := readPlain(t)
	var rec, freq, spend []float64
	var ids []string
	for id, c := range cs {
		ids = append(ids, id)
		rec = append(rec, end.Sub(c.last).Hours()/24/7)
		freq = append(freq, float64(len(c.days)))
		spend = append(spend, c.amount)
	}
	rc, fc, mc := nearestCuts(rec, 5), nearestCuts(freq, 5), nearestCuts(spend, 5)
	// Over half the customers bought once: the frequency quintiles tie
	// (cuts 1, 1, 1, …), so F is scored on counts 1, 2, 3, 4, 5+.
	if fc[0] != 1 || fc[1] != 1 {
		t.Fatalf("frequency quintiles %v: the test expects them to tie at 1", fc)
	}
	fc = []float64{1, 2, 3, 4}
	// rows R 5…1, columns F 1…5 (the rules of RFMRule, cell by cell)
	table := [5][5]string{
		{"new", "potential-loyalists", "potential-loyalists", "champions", "champions"},
		{"new", "potential-loyalists", "potential-loyalists", "champions", "champions"},
		{"need-attention", "need-attention", "need-attention", "loyal", "loyal"},
		{"hibernating", "hibernating", "at-risk", "at-risk", "at-risk"},
		{"lost", "lost", "at-risk", "at-risk", "at-risk"},
	}
	want := map[string]float64{}
	mScore := map[int]int{}
	for i := range ids {
		r := 5 - above(rec[i], rc)
		f := 1 + above(freq[i], fc)
		want[table[5-r][f-1]]++
		mScore[1+above(spend[i], mc)]++
	}
	res, err := ClassifyRFM(cdnowCustomers(t))
	if err != nil {
		t.Fatal(err)
	}
	got := counts(res)
	for _, g := range res.Groups {
		if got[g.ID] != want[g.ID] {
			t.Errorf("%s: %v customers, the file line by line gives %v", g.ID, got[g.ID], want[g.ID])
		}
	}
	gotM, gotF := map[int]int{}, map[int]int{}
	for i, m := range res.Scores[5] {
		gotM[int(m)]++
		gotF[int(res.Scores[4][i])]++
	}
	for f := 1; f <= 5; f++ {
		if gotF[f] == 0 {
			t.Errorf("no customer has F = %d: every frequency score must be used (F counts %v)", f, gotF)
		}
	}
	for m := 1; m <= 5; m++ {
		if gotM[m] != mScore[m] {
			t.Errorf("M = %d: %d customers, want %d", m, gotM[m], mScore[m])
		}
	}
	if res.Total.Customers != 2357 {
		t.Errorf("%v customers, want 2,357", res.Total.Customers)
	}
}

// TestCDNOWCRVP: the CRVP cells of the CDNOW sample against the file read
// line by line: cycle = (last − first purchase day) / repeat purchases,
// amount = spend / purchase days, tertiles by brute force.
func TestCDNOWCRVP(t *testing.T) {
	cs, _ := readPlain(t)
	type rc struct{ cycle, amount float64 }
	var rows []rc
	newOnes := 0.0
	for _, c := range cs {
		n := float64(len(c.days))
		if n == 1 {
			newOnes++
			continue
		}
		rows = append(rows, rc{c.last.Sub(c.first).Hours() / 24 / 7 / (n - 1), c.amount / n})
	}
	var cyc, amt []float64
	for _, r := range rows {
		cyc, amt = append(cyc, r.cycle), append(amt, r.amount)
	}
	cc, ac := nearestCuts(cyc, 3), nearestCuts(amt, 3)
	// amount large, medium, small × cycle short, medium, long
	table := [3][3]string{{"platinum", "gold", "silver"}, {"gold", "silver", "development"}, {"silver", "development", "adjust"}}
	want := map[string]float64{"new": newOnes}
	for _, r := range rows {
		want[table[2-above(r.amount, ac)][above(r.cycle, cc)]]++
	}
	res, err := ClassifyCRVP(cdnowCustomers(t), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := counts(res)
	for _, g := range res.Groups {
		if math.Abs(got[g.ID]-want[g.ID]) > 0 {
			t.Errorf("%s: %v customers, the file line by line gives %v", g.ID, got[g.ID], want[g.ID])
		}
	}
	for k, c := range [][]float64{cc, ac} {
		for j := range c {
			if math.Abs(res.Cuts[k].Values[j]-c[j]) > 1e-12*math.Abs(c[j]) {
				t.Errorf("%s cut %d: %v, want %v", res.Cuts[k].Name, j, res.Cuts[k].Values[j], c[j])
			}
		}
	}
}

// TestCDNOWABC: the ABC classes of the CDNOW sample against a quadratic
// count: a customer's class is by the spend of the customers who spent
// strictly more.
func TestCDNOWABC(t *testing.T) {
	cs, _ := readPlain(t)
	var spend []float64
	total := 0.0
	for _, c := range cs {
		spend = append(spend, c.amount)
		total += c.amount
	}
	want := map[string]float64{}
	for _, v := range spend {
		more := 0.0
		for _, w := range spend {
			if w > v {
				more += w
			}
		}
		switch {
		case more/total < 0.8:
			want["A"]++
		case more/total < 0.95:
			want["B"]++
		default:
			want["C"]++
		}
	}
	res, err := ClassifyABC(cdnowCustomers(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := counts(res)
	for _, id := range []string{"A", "B", "C"} {
		if got[id] != want[id] {
			t.Errorf("%s: %v customers, the file line by line gives %v", id, got[id], want[id])
		}
	}
}
