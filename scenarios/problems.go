package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error lists every problem found in a scenario file.
type Error struct {
	File     string
	Problems []Problem
	// More counts further problems that were found but not kept.
	More int
}

// Problem is one thing to fix in a scenario file.
type Problem struct {
	Line int    // 1-based; 0 when the problem has no place in the file
	Path string // key path, e.g. "stage[1].to.stability" (stages by index)
	Msg  string // what is wrong and what is allowed
}

// maxListed caps the problems an Error prints.
const maxListed = 40

// Error returns one line per problem, "FILE:LINE: message".
func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i == maxListed {
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		if p.Line > 0 {
			fmt.Fprintf(&b, "%s:%d: %s", e.File, p.Line, p.Msg)
		} else {
			fmt.Fprintf(&b, "%s: %s", e.File, p.Msg)
		}
	}
	if more := max(0, len(e.Problems)-maxListed) + e.More; more > 0 {
		fmt.Fprintf(&b, "\n%s: ... and %s", e.File, Plural(more, "more problem"))
	}
	return b.String()
}

// problems collects problems as a file is read, keeping the first
// maxKept.
type problems struct {
	list []Problem
	more int
}

const maxKept = 100

func (p *problems) add(at place, msg string) {
	if len(p.list) >= maxKept {
		p.more++
		return
	}
	p.list = append(p.list, Problem{Path: at.path, Msg: msg})
}

// sorted returns the problems with their lines, in file order.
func (p *problems) sorted(lines keyLines) []Problem {
	for i := range p.list {
		if p.list[i].Line == 0 {
			p.list[i].Line = lines.find(p.list[i].Path)
		}
	}
	slices.SortStableFunc(p.list, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	return p.list
}

// place locates a value in a file: its key path, for the line, and a label
// for messages.
type place struct {
	path  string // "stage[1].to.stability"
	where string // label of the nearest table with one: `stage "formation"`
	rel   string // key path from that table: "to.stability"
}

// key returns the place of key k in the table at p.
func (p place) key(k string) place {
	return place{path: join(p.path, k), where: p.where, rel: join(p.rel, k)}
}

// index returns the place of element i of the array of tables at p.
func (p place) index(i int, label string) place {
	return place{path: fmt.Sprintf("%s[%d]", p.path, i), where: label}
}

// prefix returns the label followed by ": ", or "" at top level.
func (p place) prefix() string {
	if p.where == "" {
		return ""
	}
	return p.where + ": "
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}
