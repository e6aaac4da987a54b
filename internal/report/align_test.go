package report

import (
	"bytes"
	"strings"
	"testing"
	"text/tabwriter"
)

// TestDisplayWidth: a Chinese (wide) or fullwidth character takes two
// columns, Latin letters, digits and the ambiguous "—", "Δ", "·" one, a
// combining mark none.
func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{
		"":           0,
		"CLV":        3,
		"每位新客户的 CLV": 6*2 + 1 + 3,
		"忠诚五年":       8,
		"—Δ·":        3,
		"ＡＢ":         4, // fullwidth Latin
		"e\u0301":    1, // e and a combining acute accent
		"（期）":        6, // fullwidth parentheses
	} {
		if got := DisplayWidth(s); got != want {
			t.Errorf("DisplayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestTableAlignsMixedText: in a table of Chinese and Latin cells, each
// column's right edge falls on the same terminal column in every row,
// and a label padded by PadRight starts every row at the left.
func TestTableAlignsMixedText(t *testing.T) {
	rows := [][]string{
		{"", "基准", "Five years", "变化"},
		{"每位新客户的 CLV", "1,492.11", "2,274.47", "+782.36"},
		{"LTV:CAC", "2.98", "忠诚五年", "—"},
		{"回收期（期）", "1", "1", "0"},
	}
	width := longest([]string{rows[1][0], rows[2][0], rows[3][0]})
	var b bytes.Buffer
	tw := NewTable(&b)
	for _, r := range rows {
		r[0] = PadRight(r[0], width)
		tw.Write([]byte(strings.Join(r, "\t") + "\t\n"))
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(rows) {
		t.Fatalf("%d lines:\n%s", len(lines), b.String())
	}
	edges := make([]int, len(rows[0])) // the right edge of each column, by display width
	for i, l := range lines {
		pos := 0
		for c, cell := range rows[i] {
			if strings.TrimSpace(cell) == "" {
				continue
			}
			at := strings.Index(l[pos:], cell)
			if at < 0 {
				t.Fatalf("line %d lacks %q after byte %d: %q", i, cell, pos, l)
			}
			pos += at + len(cell)
			e := columns(l[:pos])
			if edges[c] != 0 && e != edges[c] {
				t.Errorf("column %d ends at column %d in line %d, at %d above:\n%s", c, e, i, edges[c], b.String())
			}
			edges[c] = e
		}
	}
	for i, l := range lines[1:] {
		if !strings.HasPrefix(strings.TrimLeft(l, " "), strings.TrimSpace(rows[i+1][0])) || DisplayWidth(l)-DisplayWidth(strings.TrimLeft(l, " ")) != 2 {
			t.Errorf("label of line %d not at the left: %q", i+1, l)
		}
	}
}

// columns counts the terminal columns of s independently of
// DisplayWidth, for the cells of TestTableAlignsMixedText: the CJK
// ideographs and punctuation and the fullwidth forms take two.
func columns(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x3000 && r <= 0x9fff || r >= 0xff00 && r <= 0xff60 {
			n++
		}
	}
	return n
}

// TestTableIsTabwriterOnASCII: on text whose characters are one column
// each, Table writes what text/tabwriter writes with AlignRight and a
// padding of 2, column blocks, short lines, empty cells and text after
// the last tab included, so English tables are unchanged.
func TestTableIsTabwriterOnASCII(t *testing.T) {
	text := "a\tbb\tccc\t\n" +
		"dddd\te\t\tlast\n" +
		"\n" +
		"x\ty\t\n" +
		"long cell here\t1\t22\t333\t\n" +
		"no tabs at all\n" +
		"p\tq\t\n"
	var want, got bytes.Buffer
	tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', tabwriter.AlignRight)
	tw.Write([]byte(text))
	tw.Flush()
	ta := NewTable(&got)
	ta.Write([]byte(text))
	ta.Flush()
	if got.String() != want.String() {
		t.Errorf("Table:\n%s\ntabwriter:\n%s", got.String(), want.String())
	}
}
