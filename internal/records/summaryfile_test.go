package records

import (
	"strings"
	"testing"
)

// TestReadHardieSummary: Hardie's CDNOW summary (ID,x,t_x,T,zbar; CRLF)
// reads with lifetimes' names recognised, and agrees with the summary of
// the log it was made from (to its 2 printed decimals).
func TestReadHardieSummary(t *testing.T) {
	s, err := ReadSummary("testdata/cdnow_customers_summary_with_transactions.csv", SummaryOptions{Unit: Week})
	if err != nil {
		t.Fatal(err)
	}
	log, err := ReadLog("testdata/CDNOW_sample.txt", cdnowOptions)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Customers) != 2357 || s.Rows != 2357 || s.Unit != Week {
		t.Fatalf("%d customers, %d rows, unit %v", len(s.Customers), s.Rows, s.Unit)
	}
	for i, c := range s.Customers {
		l := log.Customers[i]
		if c.ID != strings.TrimLeft(l.ID, "0") || c.Weight != 1 || c.Frequency != l.Frequency || !printed(l.Recency, c.Recency) || !printed(l.T, c.T) || !printed(l.Monetary, c.Monetary) {
			t.Errorf("row %d: %+v; the log gives %+v", i+1, c, l)
		}
	}
}

// TestReadDonations: the grouped donations data of Fader, Hardie & Shang
// (2010) reads as it is: 22 groups of frequency, recency and periods (the
// discrete T: 6 opportunities, 1996-2001) with weights adding up to the
// 11,104 donors of the paper.
func TestReadDonations(t *testing.T) {
	s, err := ReadSummary("testdata/donations.csv", SummaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var n float64
	for _, c := range s.Customers {
		n += c.Weight
		if c.T != 6 {
			t.Errorf("%+v: T is the 6 opportunities", c)
		}
	}
	if len(s.Customers) != 22 || n != 11104 {
		t.Errorf("%d rows weighing %g, want 22 and 11104", len(s.Customers), n)
	}
	if c := s.Customers[0]; c.Frequency != 0 || c.Recency != 0 || c.Weight != 3464 {
		t.Errorf("first row %+v, want 0,0,6,3464", c)
	}
}

// TestSummaryColumnsByName: any other names, given in the options; the
// holdout columns and their length; a semicolon file.
func TestSummaryColumnsByName(t *testing.T) {
	text := "client;n_repeat;last;age;spend;n_later;spend_later;duration_holdout\nx;2;5.5;10;20;1;7;39\ny;0;0;3;0;0;0;39\n"
	s, err := readSummary(strings.NewReader(text), "input", SummaryOptions{Unit: Week, Customer: "client", Frequency: "n_repeat", Recency: "last", T: "age",
		Monetary: "spend", HoldoutFrequency: "n_later", HoldoutMonetary: "spend_later"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Customer{
		{ID: "x", Frequency: 2, Recency: 5.5, T: 10, Monetary: 20, Weight: 1, HoldoutFrequency: 1, HoldoutMonetary: 7},
		{ID: "y", T: 3, Weight: 1},
	}
	if len(s.Customers) != 2 || s.Customers[0] != want[0] || s.Customers[1] != want[1] || s.Holdout != 39 {
		t.Errorf("%+v, holdout %g; want %+v, 39", s.Customers, s.Holdout, want)
	}
	// Without names, the standard ones; no customer column: rows numbered.
	s, err = readSummary(strings.NewReader("frequency,recency,T,frequency_holdout\n1,1,2,3\n0,0,2,0\n"), "input", SummaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Customers[1].ID != "2" || s.Customers[0].HoldoutFrequency != 3 || len(s.Warnings) != 1 {
		t.Errorf("%+v, warnings %q", s.Customers, s.Warnings)
	}
}

// TestReadCohorts: unequal rows (cohorts observed for fewer periods),
// empty trailing cells, a semicolon file.
func TestReadCohorts(t *testing.T) {
	text := "cohort;year 0;year 1;year 2;year 3\n2001;1000;631;468;382\n2002;1000;600;400;\n2003;500;300\n"
	c, err := readCohorts(strings.NewReader(text), "input", Year)
	if err != nil {
		t.Fatal(err)
	}
	if c.Unit != Year || len(c.Cohorts) != 3 {
		t.Fatalf("%+v", c)
	}
	want := [][]float64{{1000, 631, 468, 382}, {1000, 600, 400}, {500, 300}}
	for i, co := range c.Cohorts {
		if len(co.Active) != len(want[i]) {
			t.Errorf("cohort %s: %v, want %v", co.Label, co.Active, want[i])
			continue
		}
		for j := range want[i] {
			if co.Active[j] != want[i][j] {
				t.Errorf("cohort %s: %v, want %v", co.Label, co.Active, want[i])
			}
		}
	}
	if c.Cohorts[2].Label != "2003" {
		t.Errorf("label %q", c.Cohorts[2].Label)
	}
}
