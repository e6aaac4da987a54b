package report

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"clvlab/internal/segment"
)

// crvpSegmentation is four hand-made customers on the CRVP matrix with
// thresholds given: a platinum, a silver, an adjust and a one-time buyer.
func crvpSegmentation(t *testing.T, lang string) *Segmentation {
	t.Helper()
	cs := []segment.Customer{
		{ID: "p", Cycle: 1, Amount: 30, Spend: 60, Purchases: 2},
		{ID: "s", Cycle: 3, Amount: 15, Spend: 30, Purchases: 2},
		{ID: "a", Cycle: 9, Amount: 1, Spend: 2, Purchases: 2},
		{ID: "n", Cycle: math.NaN(), Amount: 8, Spend: 8, Purchases: 1},
	}
	r, err := segment.ClassifyCRVP(cs, []float64{2, 4}, []float64{10, 20})
	if err != nil {
		t.Fatal(err)
	}
	return &Segmentation{File: "log.csv", Name: "log", Result: r, IDs: []string{"p", "s", "a", "n"}, Lang: lang}
}

func segmentFile(t *testing.T, s *Segmentation, name string) string {
	t.Helper()
	for _, f := range SegmentFiles(s) {
		if f.Name == name {
			var b bytes.Buffer
			if err := f.Write(&b); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
	}
	t.Fatalf("%s is not written", name)
	return ""
}

// TestSegmentFiles: segments.csv has each customer's segment and scores
// (a one-time buyer's cycle and levels empty), summary.csv each segment
// and the total, and the page names the segments and the thresholds in
// its language.
func TestSegmentFiles(t *testing.T) {
	s := crvpSegmentation(t, "en")
	want := "customer,segment,cycle,amount,cycle_level,amount_level\np,platinum,1,30,1,3\ns,silver,3,15,2,2\na,adjust,9,1,3,1\nn,new,,8,,\n"
	if got := segmentFile(t, s, "segments.csv"); got != want {
		t.Errorf("segments.csv:\n%s\nwant\n%s", got, want)
	}
	sum := segmentFile(t, s, "summary.csv")
	for _, line := range []string{"platinum,Platinum,白金客户,1,0.25,60,0.6,60", "gold,Gold,黄金客户,0,0,0,0,", "total,Total,合计,4,1,100,1,25"} {
		if !strings.Contains(sum, line+"\n") {
			t.Errorf("summary.csv has no line %q:\n%s", line, sum)
		}
	}
	page := segmentFile(t, s, HTMLFile)
	for _, want := range []string{"<h1>Segments: log</h1>", "<td>Platinum</td><td>1</td><td>25.0%</td>", "Thresholds: cycle 2, 4 (given); amount 10, 20 (given)."} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html has no %q", want)
		}
	}
	zh := segmentFile(t, crvpSegmentation(t, "zh"), HTMLFile)
	for _, want := range []string{`<html lang="zh">`, "<td>白金客户</td>", "阈值：购买周期 2, 4（给定）；购买金额 10, 20（给定）。"} {
		if !strings.Contains(zh, want) {
			t.Errorf("the Chinese index.html has no %q", want)
		}
	}
}
