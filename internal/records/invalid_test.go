package records

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/invalid/*.err from the current messages")

// invalidOptions are the options of the invalid logs that need some; the
// others are read with LogOptions{Unit: Week}.
var invalidOptions = map[string]LogOptions{
	"log-holdout-before-calibration.csv": {CalibrationEnd: date("2020-01-05"), HoldoutEnd: date("2020-01-05")},
	"log-calibration-before-start.csv":   {CalibrationEnd: date("2019-12-31")},
	"log-named-column-missing.csv":       {Customer: "client"},
	"log-calibration-after-end.csv":      {CalibrationEnd: date("2021-06-30")},
	"log-holdout-after-end.csv":          {CalibrationEnd: date("2020-01-10"), HoldoutEnd: date("2052-04-01")},
}

// readInvalid reads an invalid file as its name's prefix says: log-,
// summary- or cohorts-.
func readInvalid(dir, name string) error {
	path := filepath.Join(dir, name)
	var err error
	switch {
	case strings.HasPrefix(name, "log-"):
		opt, ok := invalidOptions[name]
		if !ok {
			opt = LogOptions{Unit: Week}
		}
		opt.Name = name
		_, err = ReadLog(path, opt)
	case strings.HasPrefix(name, "summary-"):
		_, err = readSummaryNamed(path, name, SummaryOptions{})
	case strings.HasPrefix(name, "cohorts-"):
		_, err = readCohortsNamed(path, name, Year)
	default:
		panic("testdata/invalid/" + name + ": name it log-, summary- or cohorts-")
	}
	return err
}

// TestInvalidCorpus: every input in testdata/invalid is refused with exactly
// the message in its .err file.
func TestInvalidCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*")
	n := 0
	for _, f := range files {
		name := filepath.Base(f)
		if strings.HasSuffix(name, ".err") {
			continue
		}
		n++
		err := readInvalid("testdata/invalid", name)
		if err == nil {
			t.Errorf("%s: read without error", name)
			continue
		}
		golden := strings.TrimSuffix(f, filepath.Ext(f)) + ".err"
		if *update {
			if err := os.WriteFile(golden, []byte(err.Error()+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, rerr := os.ReadFile(golden)
		if rerr != nil {
			t.Errorf("%s: %v", name, rerr)
			continue
		}
		if got := err.Error() + "\n"; got != string(want) {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", name, got, want)
		}
	}
	if n < 25 {
		t.Errorf("%d invalid inputs, want at least 25", n)
	}
}
