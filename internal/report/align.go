package report

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/text/width"
)

// DisplayWidth returns the columns s takes in a terminal: two for a wide
// or fullwidth character (Chinese), none for a combining mark or a
// control character, one for the rest (an ambiguous character such as
// "—" or "Δ" too, as terminals outside East Asian locales draw it).
func DisplayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f || r == 0x200b || (r >= 0x300 && r <= 0x36f):
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
	}
	return n
}

// PadRight returns s followed by spaces to n display columns.
func PadRight(s string, n int) string {
	if w := DisplayWidth(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// longest returns the display width of the widest of labels, the width
// PadRight pads a column of labels to.
func longest(labels []string) int {
	n := 0
	for _, l := range labels {
		n = max(n, DisplayWidth(l))
	}
	return n
}

// Table aligns tab-separated cells as text/tabwriter does with
// AlignRight and a padding of 2 (each tab-terminated cell right-aligned
// in its column block, the text after a line's last tab as it is), but
// measures cells by DisplayWidth, so that a column of Chinese labels
// lines up. Write lines to it, then Flush.
type Table struct {
	w   io.Writer
	buf bytes.Buffer
}

// NewTable returns a Table writing to w.
func NewTable(w io.Writer) *Table { return &Table{w: w} }

// Write buffers p until Flush.
func (t *Table) Write(p []byte) (int, error) { return t.buf.Write(p) }

// tablePadding is the space added to each column's widest cell.
const tablePadding = 2

// Flush writes the buffered lines aligned and empties the buffer.
func (t *Table) Flush() error {
	text := t.buf.String()
	t.buf.Reset()
	var lines [][]string
	if text != "" {
		for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
			lines = append(lines, strings.Split(l, "\t"))
		}
	}
	var out strings.Builder
	format(&out, lines, nil, 0, len(lines))
	_, err := io.WriteString(t.w, out.String())
	return err
}

// format writes lines[line0:line1] with the column widths known so far,
// finding the blocks of the next column as tabwriter's format does: a
// block is a run of lines with a terminated cell in that column.
func format(out *strings.Builder, lines [][]string, widths []int, line0, line1 int) {
	column := len(widths)
	for this := line0; this < line1; this++ {
		if column >= len(lines[this])-1 {
			continue
		}
		writeLines(out, lines[line0:this], widths)
		line0 = this
		w := 0
		for ; this < line1 && column < len(lines[this])-1; this++ {
			w = max(w, DisplayWidth(lines[this][column])+tablePadding)
		}
		format(out, lines, append(widths, w), line0, this)
		line0 = this
	}
	writeLines(out, lines[line0:line1], widths)
}

func writeLines(out *strings.Builder, lines [][]string, widths []int) {
	for _, cells := range lines {
		for j, c := range cells {
			if j < len(widths) {
				out.WriteString(strings.Repeat(" ", max(0, widths[j]-DisplayWidth(c))))
			}
			out.WriteString(c)
		}
		out.WriteByte('\n')
	}
}
