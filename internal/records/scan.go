package records

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// scanner reads a delimited text file line by line and splits each line
// into fields without copying them: a field is valid until the next call
// of next. Fields may be double-quoted ("a ""b"" c"); a quoted field does
// not span lines.
type scanner struct {
	br *bufio.Reader
	// sep separates fields; 0 means runs of spaces and tabs (leading and
	// trailing ones ignored).
	sep byte
	// line is the 1-based number of the line in fields.
	line   int
	fields [][]byte
	// long holds a line longer than br's buffer; scratch the unquoted
	// fields of the current line.
	long, scratch []byte
	// done counts the bytes read, for progress.
	done int64
	err  error
}

// bufferSize is the reader's buffer: large enough for detection to see the
// first lines, and for few system calls.
const bufferSize = 1 << 20

var bom = []byte{0xEF, 0xBB, 0xBF}

func newScanner(r io.Reader) *scanner {
	br := bufio.NewReaderSize(r, bufferSize)
	if b, _ := br.Peek(3); bytes.Equal(b, bom) {
		br.Discard(3)
	}
	return &scanner{br: br}
}

// errQuote is a quoted field without its closing quote.
var errQuote = errors.New("a quoted field has no closing quote (a field cannot span lines): close the quote, or remove it")

// readLine returns the next line without its line ending, or nil at the end
// of the input.
func (s *scanner) readLine() []byte {
	b, err := s.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.long = append(s.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = s.br.ReadSlice('\n')
			s.long = append(s.long, b...)
		}
		b = s.long
	}
	if err != nil && err != io.EOF {
		s.err = err
		return nil
	}
	if len(b) == 0 {
		return nil
	}
	s.done += int64(len(b))
	s.line++
	if b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	return b
}

// next reads the next line that is not blank and splits it; false at the
// end of the input or on a read error (s.err). A line that does not split
// (an unclosed quote) is returned with splitErr set and no fields.
func (s *scanner) next() (ok bool, splitErr error) {
	for {
		b := s.readLine()
		if b == nil {
			return false, nil
		}
		if isBlank(b) {
			continue
		}
		if err := s.split(b); err != nil {
			s.fields = s.fields[:0]
			return true, err
		}
		return true, nil
	}
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// split fills s.fields with the fields of line.
func (s *scanner) split(line []byte) error {
	s.fields = s.fields[:0]
	s.scratch = s.scratch[:0]
	n := len(line)
	i := 0
	if s.sep == 0 {
		for {
			for i < n && (line[i] == ' ' || line[i] == '\t') {
				i++
			}
			if i == n {
				return nil
			}
			if line[i] == '"' {
				f, j, err := s.quoted(line, i)
				if err != nil {
					return err
				}
				s.fields = append(s.fields, f)
				i = j
				continue
			}
			start := i
			for i < n && line[i] != ' ' && line[i] != '\t' {
				i++
			}
			s.fields = append(s.fields, line[start:i])
		}
	}
	for {
		for i < n && line[i] == ' ' && s.sep != ' ' {
			i++
		}
		var f []byte
		if i < n && line[i] == '"' {
			var err error
			f, i, err = s.quoted(line, i)
			if err != nil {
				return err
			}
			for i < n && line[i] == ' ' {
				i++
			}
			if i < n && line[i] != s.sep {
				return errors.New("text follows a quoted field's closing quote: put the whole field in quotes")
			}
		} else {
			j := bytes.IndexByte(line[i:], s.sep)
			end := n
			if j >= 0 {
				end = i + j
			}
			f = line[i:end]
			for len(f) > 0 && f[len(f)-1] == ' ' {
				f = f[:len(f)-1]
			}
			i = end
		}
		s.fields = append(s.fields, f)
		if i >= n {
			return nil
		}
		i++ // the separator
	}
}

// quoted reads the quoted field that starts at line[i] ('"'), and returns
// it unquoted and the index after its closing quote.
func (s *scanner) quoted(line []byte, i int) ([]byte, int, error) {
	start := len(s.scratch)
	j := i + 1
	for {
		k := bytes.IndexByte(line[j:], '"')
		if k < 0 {
			return nil, 0, errQuote
		}
		s.scratch = append(s.scratch, line[j:j+k]...)
		j += k + 1
		if j < len(line) && line[j] == '"' {
			s.scratch = append(s.scratch, '"')
			j++
			continue
		}
		return s.scratch[start:len(s.scratch):len(s.scratch)], j, nil
	}
}

// sampleLines returns up to n of the first non-blank lines of the input
// without consuming them (a partial last line is left out unless the input
// ends there), or the error that stopped the reading.
func sampleLines(br *bufio.Reader, n int) ([][]byte, error) {
	b, err := br.Peek(bufferSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	complete := err == io.EOF // the whole input is in b
	all := b
	var lines [][]byte
	for len(b) > 0 && len(lines) < n {
		k := bytes.IndexByte(b, '\n')
		var l []byte
		if k < 0 {
			if !complete && len(lines) < 2 {
				// The header and a first row are needed to tell the
				// columns apart.
				return nil, &longLineError{bytes.Count(all[:len(all)-len(b)], []byte{'\n'}) + 1}
			}
			if !complete {
				break // a partial line: the next read has it whole
			}
			l, b = b, nil
		} else {
			l, b = b[:k], b[k+1:]
		}
		l = bytes.TrimSuffix(l, []byte{'\r'})
		if !isBlank(l) {
			lines = append(lines, l)
		}
	}
	return lines, nil
}

// longLineError is a line among the first two that does not fit in the
// sample read to detect the columns.
type longLineError struct{ line int }

func (e *longLineError) Error() string { return fmt.Sprintf("line %d %s", e.line, longLine) }

const longLine = "is longer than 1 MiB: the columns are told apart from the first lines; check that the file is delimited text with a line per row (a line break lost, a field holding a whole document?)"

// sampleError is the error of sampleLines for file name.
func sampleError(name string, err error) error {
	var long *longLineError
	if errors.As(err, &long) {
		return fileError(name, long.line, "the line %s", longLine)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// notText refuses a file whose first lines hold NUL bytes: a spreadsheet, an
// archive or another binary file, not delimited text.
func notText(name string, lines [][]byte) error {
	for _, l := range lines {
		if bytes.IndexByte(l, 0) >= 0 {
			return fileError(name, 0, "is not text (it holds NUL bytes: a spreadsheet, an archive?): export the data as CSV (or, for a log, Parquet)")
		}
	}
	return nil
}

// countOutsideQuotes counts c in line outside double-quoted stretches.
func countOutsideQuotes(line []byte, c byte) int {
	n, in := 0, false
	for _, x := range line {
		switch {
		case x == '"':
			in = !in
		case x == c && !in:
			n++
		}
	}
	return n
}

// detectSeparator chooses the separator of lines: a tab, semicolon or comma
// when the first line and most others have it (in that order of
// preference: a semicolon file may write amounts with decimal commas), else
// runs of blanks. Rows may differ in their number of fields (a short row in
// a log, cohorts observed for fewer periods).
func detectSeparator(lines [][]byte) byte {
	for _, c := range []byte{'\t', ';', ','} {
		if countOutsideQuotes(lines[0], c) == 0 {
			continue
		}
		have := 0
		for _, l := range lines {
			if countOutsideQuotes(l, c) > 0 {
				have++
			}
		}
		if 2*have > len(lines) {
			return c
		}
	}
	return 0
}

// separatorName names a separator for messages.
func separatorName(c byte) string {
	switch c {
	case '\t':
		return "tab"
	case ';':
		return "semicolon"
	case ',':
		return "comma"
	}
	return "whitespace"
}
