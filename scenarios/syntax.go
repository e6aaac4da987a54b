package scenarios

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/BurntSushi/toml"
)

// syntaxRule rewrites one kind of TOML syntax error into words a person can
// act on, with the line where the fix goes. The library gives no error
// kind, only a message: message recognises the kind, and TestSyntaxRules
// triggers every rule through the library, so an upgrade that rewords a
// message fails there rather than passing the raw message through.
type syntaxRule struct {
	message *regexp.Regexp
	// rewrite returns the line and the message; m holds message's
	// submatches.
	rewrite func(pe toml.ParseError, src string, m []string) (int, string)
}

// syntaxRules are every TOML error that gets its own words, compiled when
// a scenario first fails to parse (not at start: compiling them cost the
// browser's start about 10 ms).
var syntaxRules = sync.OnceValue(func() []syntaxRule {
	return []syntaxRule{
		{regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got '(.*)' instead`),
			func(pe toml.ParseError, _ string, m []string) (int, string) {
				return pe.Position.Line, fmt.Sprintf("unexpected %q after the value; write one key = value per line, numbers plain (0.10, not 10%%) and text in quotes (\"month\")", m[1])
			}},
		{regexp.MustCompile(`^Key '.*' has already been defined\.?$`),
			func(pe toml.ParseError, _ string, _ []string) (int, string) {
				return pe.Position.Line, fmt.Sprintf("%s is set twice in the same table; keep one", pe.LastKey)
			}},
		{regexp.MustCompile(`^\S+ is out of range for int64`),
			func(pe toml.ParseError, src string, _ []string) (int, string) {
				return pe.Position.Line, "the number " + wholeTooLarge(pe.LastKey, token(pe, src))
			}},
		{regexp.MustCompile(`^expected a comma \(','\) or array terminator \(']'\)`),
			func(pe toml.ParseError, src string, _ []string) (int, string) {
				return openedAt(src, pe.Position.Line, '['), "a list [ ... ] is not closed; end it with ]"
			}},
		{regexp.MustCompile(`^expected a comma or an inline table terminator '\}'`),
			func(pe toml.ParseError, src string, _ []string) (int, string) {
				return openedAt(src, pe.Position.Line, '{'), "a table { ... } is not closed; end it with }"
			}},
		{regexp.MustCompile(`^expected '\.' or '\]+' to end (table|array) name`),
			func(pe toml.ParseError, src string, _ []string) (int, string) {
				return headerBefore(src, pe.Position.Line), "a table header is not closed; write [name] or [[name]]"
			}},
		{regexp.MustCompile(`^expected value but found .* instead`),
			func(pe toml.ParseError, src string, _ []string) (int, string) {
				return pe.Position.Line, notAValue(pe.LastKey, token(pe, src))
			}},
		{regexp.MustCompile(`^unexpected EOF; expected value`),
			func(pe toml.ParseError, _ string, _ []string) (int, string) {
				return pe.Position.Line, notAValue(pe.LastKey, "")
			}},
		{regexp.MustCompile(`^strings cannot contain newlines`),
			func(pe toml.ParseError, _ string, _ []string) (int, string) {
				return pe.Position.Line, "text is not closed: end it with a quote \" on the same line"
			}},
	}
})

// syntaxProblem turns the TOML decoder's error into one a person can act
// on, with the line where the fix goes.
func syntaxProblem(pe toml.ParseError, src string) (int, string) {
	for _, r := range syntaxRules() {
		if m := r.message.FindStringSubmatch(pe.Message); m != nil {
			return r.rewrite(pe, src, m)
		}
	}
	return pe.Position.Line, "TOML syntax: " + pe.Message
}

// notAValue says what to write for the key at lastKey (a TOML key path,
// "stage.revenue") where the value tok is not one, or tok is blank: no
// value at all. A number of the registry is shown with an example of its
// kind; other keys get tok in quotes when it is a word.
func notAValue(lastKey, tok string) string {
	key, e := tomlKey(lastKey)
	example := ""
	switch {
	case e != nil:
		example = fmt.Sprintf(", e.g. %s = %s", key, e.Kind.example())
	case isWord(tok):
		example = fmt.Sprintf(", e.g. %s = %q", key, tok)
	}
	switch {
	case strings.TrimSpace(tok) == "" && e != nil:
		return fmt.Sprintf("%s has no value; give a number%s", key, example)
	case strings.TrimSpace(tok) == "":
		return fmt.Sprintf("%s has no value; give one after the =, text in quotes, numbers plain", key)
	case e != nil:
		return fmt.Sprintf("%q is not a value; give a number%s", tok, example)
	}
	return fmt.Sprintf("%q is not a value; put text in quotes, numbers plain%s", tok, example)
}

// tomlKey returns the key at a TOML key path as a message shows it (the
// last key; a variant's path in quotes) and its registry entry, nil for a
// key that is not a number of the registry. A key path into [[stage]] or
// [[segment]] has no index; the entry is the same for every one.
func tomlKey(lastKey string) (string, *Param) {
	key := lastKey[strings.LastIndexByte(lastKey, '.')+1:]
	if key == "" {
		key = "entry"
	}
	path, variant := strings.CutPrefix(lastKey, "variant.set.")
	if variant {
		key = strconv.Quote(path)
	} else if table, rest, ok := strings.Cut(lastKey, "."); ok && (table == "stage" || table == "segment") {
		path = table + "[0]." + rest
	}
	if e, ok := Lookup(keyPath(path)); ok {
		return key, e
	}
	return key, nil
}

// isWord reports whether s is a bare word: letters, digits, _ and -.
func isWord(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-'
	}) < 0
}

// token returns the text of src where the error is.
func token(pe toml.ParseError, src string) string {
	start, end := pe.Position.Start, pe.Position.Start+pe.Position.Len
	if start < 0 || end > len(src) || start > end {
		return ""
	}
	return src[start:end]
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
