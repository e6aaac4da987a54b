package ui

import (
	"image"
	"strings"
	"testing"
)

// monospace measures every rune as 10 px, a space too.
func monospace(s string, _ float64) float64 { return float64(10 * len([]rune(s))) }

// TestWrap: lines break at spaces and between Chinese characters, never
// wider than the width (a word longer than a line is broken), the
// punctuation after a Chinese character stays with it, and nothing is
// lost.
func TestWrap(t *testing.T) {
	c := &Context{Measure: monospace}
	for _, tc := range []struct {
		text  string
		width int
		want  []string
	}{
		// 10 px a rune: 100 px holds 10 runes.
		{"the quick brown fox jumps", 100, []string{"the quick", "brown fox", "jumps"}},
		{"short", 100, []string{"short"}},
		{"abcdefghijklmno", 100, []string{"abcdefghij", "klmno"}},
		{"默认的四阶段客户生命周期，按月", 60, []string{"默认的四阶段", "客户生命周", "期，按月"}}, // "，" stays with 期
		{"one\ntwo", 100, []string{"one", "two"}},
		{"", 100, []string{""}},
	} {
		got := c.Wrap(tc.text, 10, tc.width)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
	}
}

// TestCutIsRecorded: a label shortened with "…" is listed in Cut for the
// frame, a whole one is not, and Begin starts the list anew.
func TestCutIsRecorded(t *testing.T) {
	c := &Context{Measure: monospace}
	c.Begin(Input{})
	c.Label(image.Rect(0, 0, 100, 20), "fits", 10, c.Theme.Text, Left)
	c.Label(image.Rect(0, 0, 50, 20), "much too long", 10, c.Theme.Text, Left)
	if len(c.Cut) != 1 || c.Cut[0] != "much too long" {
		t.Errorf("Cut = %q, want the long label only", c.Cut)
	}
	c.Begin(Input{})
	if len(c.Cut) != 0 {
		t.Errorf("Cut after Begin = %q", c.Cut)
	}
}

// TestTabGridRects: 9 tabs in rows of at most 6 take two rows, as even as
// they go (4 and 5), sharing the width equally without Measure; the last
// of each row reaches the end.
func TestTabGridRects(t *testing.T) {
	c := &Context{}
	labels := make([]string, 9)
	r := image.Rect(0, 0, 600, 60)
	for _, tc := range []struct {
		i    int
		want image.Rectangle
	}{
		{0, image.Rect(0, 0, 150, 30)}, // 9·0/2..9·1/2: tabs 0-3 in the first row, 600/4 each
		{3, image.Rect(450, 0, 600, 30)},
		{4, image.Rect(0, 30, 120, 60)}, // tabs 4-8 in the second, 600/5 each
		{8, image.Rect(480, 30, 600, 60)},
	} {
		if got := c.TabGridRects(r, labels, 6)[tc.i]; got != tc.want {
			t.Errorf("tab %d at %v, want %v", tc.i, got, tc.want)
		}
	}
	// One row: TabRects' own layout.
	if got, want := c.TabGridRects(r, labels[:3], 3), c.TabRects(r, labels[:3]); got[2] != want[2] {
		t.Errorf("one row: %v, TabRects %v", got[2], want[2])
	}
}
