package report

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"clvlab/internal/records"
)

// TestSummaryCSVRoundTrip: summary.csv written from the CDNOW sample's
// summary (weeks, holdout to 1998-06-30) reads back with `clvlab fit
// summary`'s reader as the same customers and holdout length.
func TestSummaryCSVRoundTrip(t *testing.T) {
	cal, _ := time.Parse(time.DateOnly, "1997-09-30")
	ho, _ := time.Parse(time.DateOnly, "1998-06-30")
	s, err := records.ReadLog(filepath.Join("..", "records", "testdata", "CDNOW_sample.txt"),
		records.LogOptions{Customer: "2", Date: "3", Amount: "5", Unit: records.Week, CalibrationEnd: cal, HoldoutEnd: ho})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "summary.csv")
	os.WriteFile(path, []byte(written(t, &Fit{Summary: &s, Unit: records.Week}, "summary.csv")), 0o644)
	got, err := records.ReadSummary(path, records.SummaryOptions{Unit: records.Week})
	if err != nil {
		t.Fatal(err)
	}
	if got.Holdout != s.Holdout || len(got.Customers) != len(s.Customers) {
		t.Fatalf("holdout %g, %d customers; want %g, %d", got.Holdout, len(got.Customers), s.Holdout, len(s.Customers))
	}
	for i, c := range got.Customers {
		want := s.Customers[i]
		want.FirstAmount = 0 // summary.csv, as any summary file, does not give the first purchase's amount
		if c != want {
			t.Fatalf("row %d: %+v, want %+v", i+1, c, want)
		}
	}
}
