package records

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFirstAmount: the first purchase day's amounts are summed into
// FirstAmount; a log read without amounts has none.
func TestFirstAmount(t *testing.T) {
	log := "customer,date,amount\na,2024-01-01,10\na,2024-01-01,2.5\na,2024-01-08,20\nb,2024-01-02,7\n"
	s, err := SummariseLog(strings.NewReader(log), LogOptions{Unit: Week})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := s.Customers[0], s.Customers[1]; a.FirstAmount != 12.5 || a.Monetary != 20 || b.FirstAmount != 7 {
		t.Errorf("first amounts %v and %v (a's repeat %v), want 12.5 and 7 (20)", a.FirstAmount, b.FirstAmount, a.Monetary)
	}
	s, err = SummariseLog(strings.NewReader(log), LogOptions{Unit: Week, Amount: NoAmount})
	if err != nil {
		t.Fatal(err)
	}
	if s.Customers[0].FirstAmount != 0 {
		t.Errorf("without amounts: first amount %v, want 0", s.Customers[0].FirstAmount)
	}
}

func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadCosts: a cost summary's columns by their names, its optional
// value, and its bad rows at their lines.
func TestReadCosts(t *testing.T) {
	p := writeTemp(t, "costs.csv", "customer_id;CAC;Retention Cost\nx;120;15\ny;80;40.5\n")
	cs, err := ReadCosts(p, CostOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].ID != "x" || cs[1].Acquisition != 80 || cs[1].Retention != 40.5 || !math.IsNaN(cs[0].Value) {
		t.Errorf("costs %+v", cs)
	}
	for _, c := range []struct{ text, want string }{
		{"customer,frequency,recency,T\na,1,2,3\n", `costs.csv:1: no column of the header ("customer", "frequency", "recency", "T") is the acquisition cost column (recognised names: acquisition_cost, cac): the acquisition cost × retention cost matrix needs both costs per customer; rename the column to one of these, or name it (-acquisition-cost NAME)`},
		{"acquisition_cost,retention_cost,value\n1,2,3\n-4,5,6\n7,x,8\n", "costs.csv:3: the acquisition cost \"-4\" is negative: a cost is 0 or more\ncosts.csv:4: the retention cost \"x\" is not a number"},
		{"acquisition_cost,retention_cost\n1,2\n", "costs.csv: 1 customer: a matrix sorts a customer base; give every customer's costs"},
	} {
		p := writeTemp(t, "costs.csv", c.text)
		_, err := ReadCosts(p, CostOptions{})
		if err == nil || strings.ReplaceAll(err.Error(), p, "costs.csv") != c.want {
			t.Errorf("%q:\n got %v\nwant %s", c.text, err, c.want)
		}
	}
}

// TestLooksLikeSummary: a header with frequency, recency and T (or
// lifetimes' x, t_x, T, or the names given) is a summary; a log, or a
// binary file, is not.
func TestLooksLikeSummary(t *testing.T) {
	named := SummaryOptions{Frequency: "repeats", Recency: "last", T: "age"}
	for text, want := range map[string]bool{
		"id,repeats,last,age\na,1,2,3\n":          true,
		"customer,frequency,recency,T\na,1,2,3\n": false, // the names given are not there
	} {
		if got := LooksLikeSummary(writeTemp(t, "f.csv", text), named); got != want {
			t.Errorf("%q with -frequency repeats -recency last -T age: %v, want %v", text, got, want)
		}
	}
	for text, want := range map[string]bool{
		"ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n": true,
		"customer,frequency,recency,T\na,1,2,3\n":  true,
		"customer,date,amount\na,2024-01-01,3\n":   false,
		" 00004 0001 19970101  2   29.33\n":        false,
		"PAR1\x00\x01\x02":                         false,
	} {
		if got := LooksLikeSummary(writeTemp(t, "f.csv", text), SummaryOptions{}); got != want {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
}
