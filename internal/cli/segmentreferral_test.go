package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// segmentsOf returns segments.csv's segment of each customer.
func segmentsOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(dir, "segments.csv"))[1:] {
		out[r[0]] = r[1]
	}
	return out
}

// TestSegmentDirectIndirectLog: the hand-made log of
// internal/records/testdata/referrals.csv on the direct × indirect matrix.
// Spend (direct): g 5, e 10, f 15, c 30, b 40, a 100, d 200; the median
// cut is the value whose share at or below is nearest one half: 15 (3/7)
// and 30 (4/7) are equally near, and the lower is taken, so c, b, a and d
// are high. Referred spend (indirect): a 70, e 20, the others 0 (5/7 at or
// below 0, the cut), so a and e are high. a is high-performance, b, c and
// d sales, e network, f and g low-performance.
func TestSegmentDirectIndirectLog(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join("..", "records", "testdata", "referrals.csv")
	status, stdout, stderr := runCLI(t, "segment", log, "-by", "direct-indirect", "-o", dir, "-charts", "png")
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if !strings.Contains(stdout, "7 customers") || !strings.Contains(stdout, "direct 15 ") && !strings.Contains(stdout, "direct 15.0") {
		t.Errorf("the table does not count 7 customers:\n%s", stdout)
	}
	got := segmentsOf(t, filepath.Join(dir, "referrals", "segment", "direct-indirect"))
	want := map[string]string{"a": "high-performance", "b": "sales", "c": "sales", "d": "sales", "e": "network", "f": "low-performance", "g": "low-performance"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("customer %s: %q, want %q", id, got[id], w)
		}
	}
}

// TestSegmentDirectIndirectScenario: the shipped referral-value
// scenario's segments land one in each cell: advocates (CLV 981.33,
// referral value 406.45) high-performance, big buyers (981.33, 28.45)
// sales, connectors (275.33, 105.45) network, occasional (275.33, 7.54)
// low-performance; the cuts are the share-weighted medians, CLV 275.33
// and referral value 28.45 (the values at which half the new customers
// are at or below). A scenario without referrals is refused.
func TestSegmentDirectIndirectScenario(t *testing.T) {
	dir := t.TempDir()
	status, stdout, stderr := runCLI(t, "segment", "referral-value", "-by", "direct-indirect", "-o", dir, "-charts", "png")
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if !strings.Contains(stdout, "1,000 customers") || !strings.Contains(stdout, "direct 275.3") || !strings.Contains(stdout, "indirect 28.45") {
		t.Errorf("the table:\n%s", stdout)
	}
	got := segmentsOf(t, filepath.Join(dir, "referral-value", "segment", "direct-indirect"))
	want := map[string]string{"advocates": "high-performance", "big-buyers": "sales", "connectors": "network", "occasional": "low-performance"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("segment %s: %q, want %q", id, got[id], w)
		}
	}
	status, _, stderr = runCLI(t, "segment", "value-segments", "-by", "direct-indirect", "-o", dir)
	if status != ExitUsage || !strings.Contains(stderr, "no stage refers") {
		t.Errorf("value-segments: status %d, %s; want a usage error saying no stage refers", status, stderr)
	}
}
