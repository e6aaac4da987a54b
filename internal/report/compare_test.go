package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"clvlab/internal/whatif"
	"clvlab/scenarios"
)

// TestCompareTableAligned: in both tables of `compare`, every label starts
// at the same column and every row ends at the same column (numbers are
// aligned on the right), however long the labels. The first variant of
// value-segments changes three values, one with a path of 48 characters,
// longer than the 34 the attribution's labels used to be padded to, which
// pushed the shorter ones to the right (issue 10, item 12).
func TestCompareTableAligned(t *testing.T) {
	s, err := scenarios.Preset("value-segments")
	if err != nil {
		t.Fatal(err)
	}
	c, err := whatif.Compare(s, 0, whatif.CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	long := false
	for _, p := range c.Players {
		long = long || utf8.RuneCountInString(p.Name) > 34
	}
	if !long {
		t.Fatalf("no change has a label over 34 characters: %v", c.Players)
	}
	var b bytes.Buffer
	if err := WriteCompareTable(&b, s, c, "en"); err != nil {
		t.Fatal(err)
	}
	kpis, attribution, ok := strings.Cut(b.String(), "\nAttribution of the change")
	if !ok {
		t.Fatalf("no attribution:\n%s", b.String())
	}
	for name, block := range map[string]string{"KPIs": kpis, "attribution": attribution} {
		lines := strings.Split(strings.TrimRight(block, "\n"), "\n")
		rows := lines[2:] // the title line, then the column heads
		width := utf8.RuneCountInString(lines[1])
		for _, row := range rows {
			if !strings.HasPrefix(row, "  ") || strings.HasPrefix(row, "   ") || utf8.RuneCountInString(row) != width {
				t.Errorf("%s: row %q does not start its label at column 3 or is not %d wide:\n%s", name, row, width, block)
			}
		}
	}
}
