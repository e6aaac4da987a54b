package scenarios

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

var (
	reEndOfItem  = regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got '(.*)' instead`)
	reDefined    = regexp.MustCompile(`^Key '(.*)' has already been defined\.?$`)
	reRange      = regexp.MustCompile(`^(\S+) is out of range for int64`)
	reListEnd    = regexp.MustCompile(`^expected a comma \(','\) or array terminator \(']'\)`)
	reHeaderEnd  = regexp.MustCompile(`^expected '\.' or '\]+' to end (table|array) name`)
	reValue      = regexp.MustCompile(`^expected value but found (.*) instead`)
	reNewline    = regexp.MustCompile(`^strings cannot contain newlines`)
	reInlineTail = regexp.MustCompile(`^expected a comma or an inline table terminator '\}'`)
)

// syntaxProblem turns the TOML decoder's message into one a person can act
// on, with the line where the fix goes.
func syntaxProblem(pe toml.ParseError, src string) (int, string) {
	line, msg := pe.Position.Line, pe.Message
	switch {
	case reEndOfItem.MatchString(msg):
		got := reEndOfItem.FindStringSubmatch(msg)[1]
		return line, fmt.Sprintf("unexpected %q after the value; write one key = value per line, numbers plain (0.10, not 10%%) and text in quotes (\"month\")", got)
	case reDefined.MatchString(msg):
		return line, fmt.Sprintf("%s is set twice in the same table; keep one", reDefined.FindStringSubmatch(msg)[1])
	case reRange.MatchString(msg):
		return line, fmt.Sprintf("the number %s is far too large", reRange.FindStringSubmatch(msg)[1])
	case reListEnd.MatchString(msg):
		return openedAt(src, line, '['), "a list [ ... ] is not closed; end it with ]"
	case reInlineTail.MatchString(msg):
		return openedAt(src, line, '{'), "a table { ... } is not closed; end it with }"
	case reHeaderEnd.MatchString(msg):
		return headerBefore(src, line), "a table header is not closed; write [name] or [[name]]"
	case reValue.MatchString(msg):
		return line, fmt.Sprintf("%s is not a value; put text in quotes, numbers plain, e.g. entry = \"exploration\"", reValue.FindStringSubmatch(msg)[1])
	case reNewline.MatchString(msg):
		return line, "text is not closed: end it with a quote \" on the same line"
	}
	return line, "TOML syntax: " + msg
}

// openedAt returns the line, at or before line, where the last value still
// open there (a list or an inline table starting with open) began.
func openedAt(src string, line int, open byte) int {
	lines := strings.Split(src, "\n")
	depth, start := 0, line
	for i := 0; i < line && i < len(lines); i++ {
		s := strings.TrimSpace(lines[i])
		if depth == 0 && strings.HasPrefix(s, "[") {
			continue // a table header
		}
		before := depth
		depth += nesting(s, open)
		if before == 0 && depth > 0 {
			start = i + 1
		}
	}
	return start
}

// nesting returns the change in depth of open and its closer over s,
// outside strings and comments.
func nesting(s string, open byte) int {
	closer := byte(']')
	if open == '{' {
		closer = '}'
	}
	d := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '#':
			return d
		case '"', '\'':
			end := closingQuote(s[i+1:], c)
			if end < 0 {
				return d
			}
			i += end + 1
		case open:
			d++
		case closer:
			d--
		}
	}
	return d
}

// headerBefore returns the nearest line at or before line that starts a
// table header.
func headerBefore(src string, line int) int {
	lines := strings.Split(src, "\n")
	for i := min(line, len(lines)) - 1; i >= 0; i-- {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "[") {
			return i + 1
		}
	}
	return line
}

// closingQuote returns the index in s of the quote q that ends a string,
// skipping backslash escapes in basic ("...") strings, or −1.
func closingQuote(s string, q byte) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && q == '"':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}
