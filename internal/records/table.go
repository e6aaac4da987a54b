package records

import (
	"fmt"
	"io"
	"iter"
	"math"
	"os"
	"strconv"
)

// table reads a small delimited file with a header row: summaries and
// cohort tables.
type table struct {
	name   string
	sc     *scanner
	header []string
	probs  problems
}

// openTable reads a file's header; what names the file's kind for
// messages ("a summary file has ...").
func openTable(r io.Reader, name, empty string) (*table, error) {
	sc := newScanner(r)
	lines, err := sampleLines(sc.br, 8)
	if err != nil {
		return nil, sampleError(name, err)
	}
	if len(lines) == 0 {
		return nil, fileError(name, 0, "the file is empty: %s", empty)
	}
	if err := notText(name, lines); err != nil {
		return nil, err
	}
	sc.sep = detectSeparator(lines)
	t := &table{name: name, sc: sc, probs: problems{file: name}}
	if ok, err := sc.next(); !ok || err != nil {
		return nil, fileError(name, sc.line, "the header: %v", err)
	}
	for _, f := range sc.fields {
		t.header = append(t.header, string(f))
	}
	return t, nil
}

// readFile opens path and hands it to read.
func readFile[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	return read(f)
}

// number reads a field as a finite number; what names it in messages.
func number(b []byte, what string) (float64, error) {
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		if len(b) == 0 {
			return 0, fmt.Errorf("%s is missing: give a number", what)
		}
		return 0, fmt.Errorf("%s %s is not a number", what, quoted(b))
	}
	return v, nil
}

// rows yields each data row's line and fields that has a field at
// column need (the last column the reader uses); a row the scanner
// cannot read, or a shorter one, is recorded as a problem at its line
// and skipped.
func (t *table) rows(need int) iter.Seq2[int, [][]byte] {
	return func(yield func(int, [][]byte) bool) {
		for {
			ok, serr := t.sc.next()
			if !ok {
				return
			}
			line := t.sc.line
			if serr != nil {
				t.probs.add(line, "%v", serr)
				continue
			}
			f := t.sc.fields
			if len(f) <= need {
				t.probs.add(line, "%s, but the header has %d columns: give the row all its fields", plural(len(f), "field"), len(t.header))
				continue
			}
			if !yield(line, f) {
				return
			}
		}
	}
}
