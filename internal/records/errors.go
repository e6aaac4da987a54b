package records

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error lists the problems found in one input file, each at its line.
type Error struct {
	File     string
	Problems []Problem
	// More counts further problems that were found but not kept.
	More int
}

// Problem is one thing to fix in an input file.
type Problem struct {
	Line int // 1-based; 0 when the problem has no place in the file
	Msg  string
}

// maxProblems caps the problems an Error keeps; the rest are counted.
const maxProblems = 20

// Error returns one line per problem, "FILE:LINE: message".
func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if p.Line > 0 {
			fmt.Fprintf(&b, "%s:%d: %s", e.File, p.Line, p.Msg)
		} else {
			fmt.Fprintf(&b, "%s: %s", e.File, p.Msg)
		}
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n%s: ... and %d more problems like these", e.File, e.More)
	}
	return b.String()
}

// problems collects the problems of one file as it is read.
type problems struct {
	file string
	list []Problem
	more int
}

func (p *problems) add(line int, format string, args ...any) {
	if len(p.list) >= maxProblems {
		p.more++
		return
	}
	p.list = append(p.list, Problem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *problems) any() bool { return len(p.list) > 0 }

// err is the collected problems as an *Error, or nil when there are none.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &Error{File: p.file, Problems: p.list, More: p.more}
}

// fileError is an *Error with one problem.
func fileError(file string, line int, format string, args ...any) error {
	return &Error{File: file, Problems: []Problem{{Line: line, Msg: fmt.Sprintf(format, args...)}}}
}

// quoted is a field as messages quote it: whole up to 80 bytes, else its
// first 80 bytes (whole characters), an ellipsis and its length, so that a
// field of megabytes does not fill the terminal.
func quoted[T string | []byte](b T) string {
	const most = 80
	if len(b) <= most {
		return strconv.Quote(string(b))
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(b[cut]) {
		cut--
	}
	return strconv.Quote(string(b[:cut])) + fmt.Sprintf("… (%d bytes)", len(b))
}
