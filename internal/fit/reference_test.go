package fit

import (
	"testing"
	"time"

	"clvlab/internal/records"
)

// TestFitsConvergeOnReferenceLogs: BG/NBD, Pareto/NBD and (where the log
// has amounts) Gamma-Gamma converge, from their own starting values and
// without hand tuning, on the reference logs of ../shared/data/lifetimes
// (copied, with their provenance, into internal/records/testdata, which
// this test reads rather than copying them again): the full CDNOW cohort
// and its 1/10 sample with calibration to 1997-09-30, and lifetimes'
// synthetic example log, each in days and in weeks.
func TestFitsConvergeOnReferenceLogs(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the 1.9 MB CDNOW log")
	}
	cal := time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		path    string
		opt     records.LogOptions
		amounts bool
	}{
		{"CDNOW_master.txt", records.LogOptions{CalibrationEnd: cal}, true},
		{"CDNOW_sample.txt", records.LogOptions{Customer: "2", Date: "3", Amount: "5", CalibrationEnd: cal}, true},
		{"example_transactions.csv", records.LogOptions{}, false},
	} {
		for _, unit := range []records.Unit{records.Day, records.Week} {
			opt := c.opt
			opt.Unit = unit
			s, err := records.ReadLog("../records/testdata/"+c.path, opt)
			if err != nil {
				t.Fatalf("%s: %v", c.path, err)
			}
			name := c.path + " in " + unit.String() + "s"
			if _, r, err := FitBGNBD(s.Customers); err != nil || !r.Converged || r.SENote != "" {
				t.Errorf("%s: BG/NBD: %v %+v", name, err, r)
			}
			if _, r, err := FitParetoNBD(s.Customers); err != nil || !r.Converged || r.SENote != "" {
				t.Errorf("%s: Pareto/NBD: %v %+v", name, err, r)
			}
			if c.amounts {
				if _, r, err := FitGammaGamma(s.Customers); err != nil || !r.Converged || r.SENote != "" {
					t.Errorf("%s: Gamma-Gamma: %v %+v", name, err, r)
				}
			}
		}
	}
}
