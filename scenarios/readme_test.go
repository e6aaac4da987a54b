package scenarios

import (
	"math"
	"os"
	"strings"
	"testing"

	"clvlab/sim"
)

// TestREADMEWorkedExample runs the README's worked example and checks the
// numbers the README derives by hand.
func TestREADMEWorkedExample(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i := strings.Index(readme, "### Worked example")
	if i < 0 {
		t.Fatal("README has no worked example")
	}
	block := readme[i:]
	start := strings.Index(block, "```toml\n") + len("```toml\n")
	end := strings.Index(block[start:], "```")
	s, err := Parse("README.md", []byte(block[start:start+end]))
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	sum := r.Summary
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"clv", sum.CLV, 100/1.1 + 80/1.21 + 64/1.331},
		{"clv_net", sum.CLVNet, 100/1.1 + 80/1.21 + 64/1.331 - 200},
		{"clv_infinite", sum.CLVInfinite.Value, 100 / (1 + 0.1 - 0.8)},
		{"payback_periods", sum.PaybackPeriods.Value, 3},
		{"expected_lifetime", sum.ExpectedLifetime.Value, 5},
		{"customer_equity", sum.CustomerEquity, 100e3/1.1 + 180e3/1.21 + 244e3/1.331 - 200e3 - 200e3/1.1 - 200e3/1.21},
	} {
		if math.Abs(c.got-c.want) > 1e-9*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	// The rounded figures printed in the README.
	for _, shown := range []string{"205.11", "5.11", "333.33", "422,990", "547,107", "−124,117"} {
		if !strings.Contains(block, shown) {
			t.Errorf("README worked example lacks %s", shown)
		}
	}
	if got := math.Round(sum.CustomerEquity); got != -124117 {
		t.Errorf("customer equity rounds to %v, README says −124,117", got)
	}
}

// TestDocsListEveryKey: every key the decoder accepts is documented in the
// scenario reference and in the README's table.
func TestDocsListEveryKey(t *testing.T) {
	var keys []string
	s := New()
	seg := newSegment()
	for _, fields := range [][]field{
		topFields(s), acquisitionFields(s), stageFields(&Stage{}), winbackFields(s),
		segmentFields(&seg), overrideFields(&StageOverride{}), variantFields(&Variant{}),
		uncertaintyFields(&s.Uncertainty),
		responseFields(&Response{}), rangeFields(&Range{}),
	} {
		for _, f := range fields {
			keys = append(keys, f.name)
		}
	}
	for _, doc := range []string{"../docs/scenarios.md", "../README.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if !strings.Contains(string(b), "`"+k+"`") && !strings.Contains(string(b), "["+k) && !strings.Contains(string(b), "."+k+"]") {
				t.Errorf("%s does not document key %q", doc, k)
			}
		}
	}
}
