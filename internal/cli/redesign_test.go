package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"clvlab/scenarios"
)

// The files under testdata/before-redesign were written by `clvlab run
// -charts none` at commit b7ffef4, before the redesign of issue 9 (one
// parameter registry, one KPI catalogue, one projection service): for every
// shipped scenario summary.json and periods.csv, and for four-stage and
// value-segments with -trials 1000 -seed 7 also bands.csv. The redesign
// changed the shape of the code, not the numbers; these tests say so.
//
// Scenarios shipped after the redesign have their files from the commit
// that added them (brand-switching: issue 16). A variant added to a
// shipped scenario later appends its run to the scenario's files and
// leaves the earlier runs' bytes as they were (brand-switching's "Yearly
// contracts with add-ons", tenure levers in a market with competitors).
//
// A later change that fixes a wrong number updates these files in the same
// commit and says which numbers moved and why. A scenario shipped later
// has its files written when it was added (referral-value: with the
// referrals of issue 16; subscription: with the tenure levers of issue
// 16), so that its numbers are pinned from then on.

const beforeRedesign = "testdata/before-redesign"

// sameRelative is the tolerance of the deterministic numbers: 1e-12
// relative (an absolute 1e-9 below 1e-3, where a sum of opposite flows
// may cancel).
func sameNumber(a, b float64) bool {
	if a == b || (math.IsNaN(a) && math.IsNaN(b)) {
		return true
	}
	return math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b)) || math.Abs(a-b) <= 1e-9
}

// sameJSON compares two decoded JSON documents, numbers to sameNumber.
func sameJSON(t *testing.T, where string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			t.Errorf("%s: got %v, want %v", where, got, want)
			return
		}
		for k, v := range w {
			sameJSON(t, where+"."+k, v, g[k])
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			t.Errorf("%s: got %d values, want %d", where, len(g), len(w))
			return
		}
		for i := range w {
			sameJSON(t, where+"["+strconv.Itoa(i)+"]", w[i], g[i])
		}
	case float64:
		g, ok := got.(float64)
		if !ok || !sameNumber(w, g) {
			t.Errorf("%s: got %v, want %v", where, got, want)
		}
	default:
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: got %v, want %v", where, got, want)
		}
	}
}

func decodeJSONFile(t *testing.T, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func TestShippedNumbersUnchangedByRedesign(t *testing.T) {
	ids := scenarios.Presets()
	if len(ids) != 12 {
		t.Fatalf("%d shipped scenarios, the files below hold 12: add the new one's files", len(ids))
	}
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			out := t.TempDir()
			if code, _, stderr := runCLI(t, "run", "-charts", "none", "-o", out, id); code != ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			want := filepath.Join(beforeRedesign, id)
			got := filepath.Join(out, id)
			sameJSON(t, "summary.json", decodeJSONFile(t, filepath.Join(want, "summary.json")), decodeJSONFile(t, filepath.Join(got, "summary.json")))

			wantRows, gotRows := readCSVFile(t, filepath.Join(want, "periods.csv")), readCSVFile(t, filepath.Join(got, "periods.csv"))
			if len(wantRows) != len(gotRows) {
				t.Fatalf("periods.csv: %d rows, want %d", len(gotRows), len(wantRows))
			}
			bad := 0
			for i := range wantRows {
				if len(gotRows[i]) != len(wantRows[i]) {
					t.Fatalf("periods.csv row %d: %d columns, want %d", i, len(gotRows[i]), len(wantRows[i]))
				}
				for j := range wantRows[i] {
					w, g := wantRows[i][j], gotRows[i][j]
					if w == g {
						continue
					}
					wx, errW := strconv.ParseFloat(w, 64)
					gx, errG := strconv.ParseFloat(g, 64)
					if errW != nil || errG != nil || !sameNumber(wx, gx) {
						if bad++; bad <= 5 {
							t.Errorf("periods.csv row %d column %s: got %s, want %s", i, wantRows[0][j], g, w)
						}
					}
				}
			}
		})
	}
}

func TestMonteCarloBitIdenticalAfterRedesign(t *testing.T) {
	for _, id := range []string{"four-stage", "value-segments"} {
		t.Run(id, func(t *testing.T) {
			out := t.TempDir()
			if code, _, stderr := runCLI(t, "run", "-charts", "none", "-trials", "1000", "-seed", "7", "-o", out, id); code != ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			want := filepath.Join(beforeRedesign, id+"-trials")
			got := filepath.Join(out, id)
			wb, err := os.ReadFile(filepath.Join(want, "bands.csv"))
			if err != nil {
				t.Fatal(err)
			}
			gb, err := os.ReadFile(filepath.Join(got, "bands.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(wb, gb) {
				t.Errorf("bands.csv differs from the one written before the redesign")
			}
			wantDoc, gotDoc := decodeJSONFile(t, filepath.Join(want, "summary.json")), decodeJSONFile(t, filepath.Join(got, "summary.json"))
			wantRuns, _ := wantDoc["runs"].([]any)
			gotRuns, _ := gotDoc["runs"].([]any)
			if len(wantRuns) == 0 {
				t.Fatalf("the summary.json written before the redesign has no runs array")
			}
			if len(wantRuns) != len(gotRuns) {
				t.Fatalf("%d runs, want %d", len(gotRuns), len(wantRuns))
			}
			for i := range wantRuns {
				wantRun, _ := wantRuns[i].(map[string]any)
				gotRun, _ := gotRuns[i].(map[string]any)
				if wantRun["uncertainty"] == nil {
					t.Fatalf("run %d: the summary.json written before the redesign has no uncertainty object", i)
				}
				w, _ := json.Marshal(wantRun["uncertainty"])
				g, _ := json.Marshal(gotRun["uncertainty"])
				if !bytes.Equal(w, g) {
					t.Errorf("run %d: the uncertainty object differs from the one written before the redesign", i)
				}
			}
		})
	}
}
