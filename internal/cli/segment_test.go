package cli

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"clvlab/internal/records"
	"clvlab/internal/report"
	"clvlab/scenarios"
)

// cdnowLog are the flags that read the CDNOW sample's columns.
var cdnowLog = []string{"-customer", "1", "-date", "3", "-amount", "5"}

// TestSegmentCDNOW: every matrix of the CDNOW sample writes its files;
// segments.csv has a row per customer whose segments add up to
// summary.csv's counts, and the shares of summary.csv sum to 1.
func TestSegmentCDNOW(t *testing.T) {
	dir := t.TempDir()
	for _, by := range []string{"rfm", "abc", "crvp", "value-loyalty"} {
		status, stdout, stderr := runCLI(t, append([]string{"segment", cdnow, "-by", by, "-o", dir, "-charts", "png"}, cdnowLog...)...)
		if status != ExitOK {
			t.Fatalf("-by %s: status %d: %s", by, status, stderr)
		}
		if !strings.Contains(stdout, "2,357 customers") {
			t.Errorf("-by %s: the table does not count 2,357 customers:\n%s", by, stdout)
		}
		out := filepath.Join(dir, "CDNOW_sample", "segment", by)
		for _, f := range []string{"segments.csv", "summary.csv", "matrix.png", "index.html"} {
			if _, err := os.Stat(filepath.Join(out, f)); err != nil {
				t.Errorf("-by %s: %v", by, err)
			}
		}
		if _, err := os.Stat(filepath.Join(out, "pareto.png")); (err == nil) != (by == "abc") {
			t.Errorf("-by %s: pareto.png: %v", by, err)
		}
		segs := readCSV(t, filepath.Join(out, "segments.csv"))
		if len(segs) != 2358 || segs[0][0] != "customer" || segs[0][1] != "segment" {
			t.Fatalf("-by %s: segments.csv has %d rows, head %v", by, len(segs), segs[0])
		}
		n := map[string]int{}
		for _, r := range segs[1:] {
			n[r[1]]++
		}
		share := 0.0
		for _, r := range readCSV(t, filepath.Join(out, "summary.csv"))[1:] {
			if r[0] == "total" {
				continue
			}
			c, _ := strconv.ParseFloat(r[3], 64)
			if int(c) != n[r[0]] {
				t.Errorf("-by %s: %s: summary.csv %v customers, segments.csv %d", by, r[0], c, n[r[0]])
			}
			s, _ := strconv.ParseFloat(r[4], 64)
			share += s
		}
		if math.Abs(share-1) > 1e-9 { // CSV numbers have 10 significant digits
			t.Errorf("-by %s: shares sum to %v", by, share)
		}
	}
}

// TestSegmentScenario: -scenario writes a scenario that loads,
// validates and runs, with the observed shares; with the default base of
// crvp (value-segments) it keeps that scenario's per-segment costs and
// adds the variant that develops development customers toward silver.
func TestSegmentScenario(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "crvp.toml")
	status, _, stderr := runCLI(t, append([]string{"segment", cdnow, "-by", "crvp", "-o", dir, "-charts", "none", "-scenario", file}, cdnowLog...)...)
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(src), "# Segments of CDNOW_sample") || !strings.Contains(string(src), "# Written by: clvlab segment") {
		t.Errorf("the file does not say where it came from:\n%.400s", src)
	}
	if want := "The segments observed in CDNOW_sample by the CRVP matrix (purchase amount × purchase cycle): "; !strings.HasPrefix(s.Description.EN, want) {
		t.Errorf("description %q, want it to start %q", s.Description.EN, want)
	}
	if want := "CDNOW_sample 中按 CRVP 矩阵（购买金额 × 购买周期）划分的细分："; !strings.HasPrefix(s.Description.ZH, want) {
		t.Errorf("description %q, want it to start %q", s.Description.ZH, want)
	}
	// The thresholds say their unit: the purchase cycle is in weeks.
	if !regexp.MustCompile(`cycle [0-9.]+, [0-9.]+ weeks`).Match(src) {
		t.Errorf("the thresholds do not say the cycle's unit:\n%s", src)
	}
	// The summary's shares of the customers in the matrix (the new
	// customers apart) are the scenario's.
	rows := readCSV(t, filepath.Join(dir, "CDNOW_sample", "segment", "crvp", "summary.csv"))
	count := map[string]float64{}
	inMatrix := 0.0
	for _, r := range rows[1:] {
		c, _ := strconv.ParseFloat(r[3], 64)
		if r[0] != "new" && r[0] != "total" {
			count[r[0]] = c
			inMatrix += c
		}
	}
	for _, seg := range s.Segments {
		if want := count[seg.ID] / inMatrix; math.Abs(seg.Share-want) > 1e-12 {
			t.Errorf("%s: share %v, want %v", seg.ID, seg.Share, want)
		}
		if seg.ID == "platinum" && seg.CostToServeMultiplier != 1.5 {
			t.Errorf("platinum's cost-to-serve multiplier %v, want value-segments' 1.5", seg.CostToServeMultiplier)
		}
	}
	found := false
	for _, v := range s.Variants {
		found = found || v.Name.EN == "Development spends as silver"
	}
	if !found || len(s.Segments) != 5 {
		t.Errorf("%d segments, variants %v", len(s.Segments), s.Variants)
	}
	status, stdout, stderr := runCLI(t, "run", "-o", filepath.Join(dir, "run"), "-charts", "none", file)
	if status != ExitOK || !strings.Contains(stdout, "Development spends as silver") {
		t.Errorf("run: status %d: %s%s", status, stdout, stderr)
	}
}

// TestSegmentCosts: acquisition cost × retention cost from a hand-made
// cost summary, split at given values.
func TestSegmentCosts(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "costs.csv")
	os.WriteFile(file, []byte("customer,acquisition_cost,retention_cost,value\na,100,50,900\nb,100,5,300\nc,10,50,200\nd,10,5,100\ne,60,20,50\n"), 0o644)
	status, _, stderr := runCLI(t, "segment", file, "-by", "acquisition-retention", "-split", "50,10", "-o", dir, "-charts", "none")
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	got := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(dir, "costs", "segment", "acquisition-retention", "segments.csv"))[1:] {
		got[r[0]] = r[1]
	}
	// above the split is high: a, e (60 > 50, 20 > 10) both high
	want := map[string]string{"a": "loyal", "b": "easy-to-keep-hard-to-win", "c": "easy-to-win-hard-to-keep", "d": "casual", "e": "loyal"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: %s, want %s", id, got[id], w)
		}
	}
}

// TestSegmentBadInput: each mistake gets a message that says what to
// fix, and the usage status.
func TestSegmentBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("customer,date,amount\na,2024-01-01,3\nb,2024-13-01,4\n"), 0o644)
	one := filepath.Join(dir, "one.csv")
	os.WriteFile(one, []byte("customer,date,amount\na,2024-01-01,3\na,2024-02-01,4\n"), 0o644)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no file", []string{"segment", "-by", "rfm"}, "Usage: clvlab segment FILE -by METHOD"},
		{"two files", []string{"segment", cdnow, cdnow, "-by", "rfm"}, "clvlab segment: give one file, got 2"},
		{"no -by", []string{"segment", cdnow}, "clvlab segment: give the matrix: -by rfm, abc, crvp, value-loyalty, acquisition-retention or direct-indirect"},
		{"unknown -by", []string{"segment", cdnow, "-by", "rfn"}, `clvlab segment: -by "rfn": the matrices are rfm, abc, crvp, value-loyalty, acquisition-retention or direct-indirect`},
		{"flag of another matrix", []string{"segment", cdnow, "-by", "rfm", "-cycle", "1,2"}, "clvlab segment: -cycle applies to -by crvp"},
		{"bad cuts", []string{"segment", cdnow, "-by", "abc", "-cuts", "0.8"}, `clvlab segment: -cuts "0.8": give 2 numbers separated by a comma`},
		{"cuts out of range", append([]string{"segment", cdnow, "-by", "abc", "-cuts", "0.8,1.2"}, cdnowLog...), "clvlab segment: -cuts 0.8,1.2: give two shares of the value between 0 and 1, such as 0.8,0.95"},
		{"decreasing cycle", append([]string{"segment", cdnow, "-by", "crvp", "-cycle", "9,3"}, cdnowLog...), "clvlab segment: -cycle: thresholds 9, 3 must increase"},
		{"bad split", []string{"segment", cdnow, "-by", "value-loyalty", "-split", "1,x"}, `clvlab segment: -split "1,x": "x" is not a number`},
		{"bad value", []string{"segment", cdnow, "-by", "value-loyalty", "-value", "revenue"}, `clvlab segment: -value "revenue": use clv or margin`},
		{"costs from a log", []string{"segment", cdnow, "-by", "acquisition-retention", "-input", "transactions"}, "needs each customer's acquisition and retention costs, which a transaction log does not have"},
		{"costs missing", []string{"segment", cdnow, "-by", "acquisition-retention"}, "is the acquisition cost column (recognised names: acquisition_cost, cac)"},
		{"scenario not toml", []string{"segment", cdnow, "-by", "rfm", "-scenario", "out.txt"}, `clvlab segment: -scenario "out.txt": name a .toml file`},
		{"base alone", []string{"segment", cdnow, "-by", "rfm", "-base", "four-stage"}, "clvlab segment: -base gives the lifecycle of the -scenario file: give -scenario FILE.toml too"},
		{"bad date in the log", []string{"segment", bad, "-by", "rfm"}, bad + ":3:"},
		{"no amounts", []string{"segment", cdnow, "-by", "crvp", "-customer", "1", "-date", "3", "-amount", "none"}, "no customer has an amount: CRVP sorts customers by their purchase amount"},
		{"no such file", []string{"segment", filepath.Join(dir, "missing.csv"), "-by", "rfm"}, "missing.csv: no such file"},
		// the message says what segmenting needs, not what fit's models do
		{"one customer", []string{"segment", one, "-by", "rfm"}, "only one customer (\"a\") has a purchase up to the calibration end (2024-02-01): a segmentation sorts a customer base; give the log of all customers"},
	} {
		status, _, stderr := runCLI(t, append(c.args, "-o", filepath.Join(dir, "out"))...)
		if status != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: status %d, stderr:\n%s\nwant %q", c.name, status, stderr, c.want)
		}
	}
}

// TestSegmentGroupedSummary: a summary of grouped rows (weights) is
// detected by its columns; counts are weighted and segments.csv has a
// weight column. Spend from a summary is frequency × monetary value: 0,
// 2×10 = 20 and 5×40 = 200 a customer for the rows below, 0 + 2×20 +
// 3×200 = 640 in all, each row its own ABC block. The last row's 3
// customers have nothing above them: A; the second row's 2 have 600 of
// 640 (94%) above: B; the 10 one-time buyers have 640 (100%) above: C.
func TestSegmentGroupedSummary(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "grouped.csv")
	os.WriteFile(file, []byte("frequency,recency,T,monetary_value,weight\n0,0,10,0,10\n2,5,10,10,2\n5,8,10,40,3\n"), 0o644)
	status, _, stderr := runCLI(t, "segment", file, "-by", "abc", "-o", dir, "-charts", "none")
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	rows := readCSV(t, filepath.Join(dir, "grouped", "segment", "abc", "segments.csv"))
	if got := rows[0][len(rows[0])-1]; got != "weight" {
		t.Errorf("segments.csv's last column %q, want weight", got)
	}
	want := map[string]string{"1": "C", "2": "B", "3": "A"}
	for _, r := range rows[1:] {
		if want[r[0]] != r[1] {
			t.Errorf("row %s: %s, want %s", r[0], r[1], want[r[0]])
		}
	}
	sum := readCSV(t, filepath.Join(dir, "grouped", "segment", "abc", "summary.csv"))
	if sum[1][3] != "3" || sum[2][3] != "2" || sum[3][3] != "10" || sum[4][3] != "15" {
		t.Errorf("summary.csv customers: %v", sum)
	}
}

// TestMeasuresNoteMonth: the Chinese note names the month unit 月 (时间单位为月,
// not 个月) and a horizon of 12 months 12 个月.
func TestMeasuresNoteMonth(t *testing.T) {
	n := measuresNote(&records.Summary{Unit: records.Month}, "summary")
	if zh := n[0][1]; !strings.Contains(zh, "时间单位为月：") {
		t.Errorf("%q: want 时间单位为月", zh)
	}
	if got := report.SpanZH(12, "month"); got != "12 个月" {
		t.Errorf("SpanZH(12, month) = %q, want 12 个月", got)
	}
}

// TestSegmentTableZH: -lang zh prints the segments' table in Chinese,
// aligned by display width: every line of the table, right-aligned to
// its last column, is as wide as the header.
func TestSegmentTableZH(t *testing.T) {
	dir := t.TempDir()
	status, stdout, stderr := runCLI(t, append([]string{"segment", cdnow, "-by", "rfm", "-o", dir, "-charts", "none", "-lang", "zh"}, cdnowLog...)...)
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	lines := strings.Split(stdout, "\n")
	if len(lines) < 11 || !strings.Contains(lines[1], "细分") || !strings.Contains(lines[2], "冠军客户") {
		t.Fatalf("not a Chinese table:\n%s", stdout)
	}
	width := report.DisplayWidth(lines[1])
	for _, l := range lines[2:11] {
		if w := report.DisplayWidth(l); w != width {
			t.Errorf("%q is %d columns wide, the header %d", l, w, width)
		}
	}
}
