package scenarios

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// keyLines maps key paths, with array-of-table elements by index
// ("stage[1].to.stability"), to the line that defines them. The TOML decoder
// does not report positions, so scanLines reads them from the source of a
// file that has already parsed.
type keyLines map[string]int

// find returns the line of path, or of its nearest ancestor that has one,
// or 0.
func (l keyLines) find(path string) int {
	for path != "" {
		if n, ok := l[path]; ok {
			return n
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

// scanLines records the line of every table header and key in src. It
// understands headers, dotted and quoted keys, one-line inline tables and
// skips multi-line strings and arrays; values are not parsed.
func scanLines(src string) keyLines {
	lines := keyLines{}
	arrays := map[string]int{} // array-of-tables path → elements seen
	table := ""
	inString := "" // the closing delimiter of an open multi-line string
	depth := 0     // open brackets of a multi-line array
	for n, line := range strings.Split(src, "\n") {
		n++
		if inString != "" {
			if strings.Contains(line, inString) {
				inString = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDepth(line)
			continue
		}
		s := strings.TrimSpace(line)
		switch {
		case s == "" || s[0] == '#':
			continue
		case strings.HasPrefix(s, "[["):
			parts, _ := keyParts(s[2:])
			if len(parts) == 0 {
				continue // not a header: a nested array the scan misread
			}
			base := indexed(arrays, parts[:len(parts)-1])
			p := join(base, parts[len(parts)-1])
			table = fmt.Sprintf("%s[%d]", p, arrays[p])
			arrays[p]++
			lines.header(table, n)
			continue
		case s[0] == '[':
			parts, _ := keyParts(s[1:])
			if len(parts) == 0 {
				continue
			}
			table = join(indexed(arrays, parts[:len(parts)-1]), parts[len(parts)-1])
			lines.header(table, n)
			continue
		}
		parts, rest := keyParts(s)
		if len(parts) == 0 || !strings.HasPrefix(rest, "=") {
			continue
		}
		key := join(table, strings.Join(parts, "."))
		lines[key] = n
		for i := 1; i < len(parts); i++ { // dotted keys define their prefixes
			if p := join(table, strings.Join(parts[:i], ".")); lines[p] == 0 {
				lines[p] = n
			}
		}
		value := strings.TrimSpace(rest[1:])
		switch {
		case strings.HasPrefix(value, `"""`) || strings.HasPrefix(value, "'''"):
			if !strings.Contains(value[3:], value[:3]) {
				inString = value[:3]
			}
		case strings.HasPrefix(value, "{"):
			inlineKeys(lines, key, value, n)
		case strings.HasPrefix(value, "["):
			depth = bracketDepth(value)
		}
	}
	return lines
}

// header records the line of a table header, and of each of its parent
// tables not seen before.
func (l keyLines) header(path string, n int) {
	for path != "" {
		if _, seen := l[path]; !seen {
			l[path] = n
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return
		}
		path = path[:i]
	}
}

// indexed returns the path of parts with each array of tables among its
// prefixes pointing at the array's last element.
func indexed(arrays map[string]int, parts []string) string {
	p := ""
	for _, k := range parts {
		p = join(p, k)
		if c := arrays[p]; c > 0 {
			p = fmt.Sprintf("%s[%d]", p, c-1)
		}
	}
	return p
}

// keyParts reads a dotted key (bare or quoted parts) from the start of s and
// returns its parts and what follows it, trimmed.
func keyParts(s string) (parts []string, rest string) {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return parts, ""
		}
		var part string
		switch s[0] {
		case '"', '\'':
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				return parts, ""
			}
			basic := s[0] == '"'
			part, s = s[1:1+end], s[2+end:]
			if basic && strings.Contains(part, `\`) {
				if u, err := strconv.Unquote(`"` + part + `"`); err == nil {
					part = u // a basic string's escapes, as the decoder reads them
				}
			}
		default:
			end := strings.IndexFunc(s, func(r rune) bool {
				return !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
			})
			if end == 0 {
				return parts, s
			}
			if end < 0 {
				end = len(s)
			}
			part, s = s[:end], s[end:]
		}
		parts = append(parts, part)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return parts, s
		}
		s = s[1:]
	}
}

// inlineKeys records the keys of a one-line inline table value at line n.
func inlineKeys(lines keyLines, key, value string, n int) {
	depth := 0
	expectKey := false
	for i := 0; i < len(value); i++ {
		switch c := value[i]; {
		case c == '"' || c == '\'':
			if expectKey && depth == 1 {
				parts, rest := keyParts(value[i:])
				if len(parts) > 0 && strings.HasPrefix(rest, "=") {
					lines[join(key, strings.Join(parts, "."))] = n
				}
				expectKey = false
			}
			end := strings.IndexByte(value[i+1:], c)
			if end < 0 {
				return
			}
			i += end + 1
		case c == '{':
			depth++
			expectKey = true
		case c == '}':
			depth--
		case c == ',' && depth == 1:
			expectKey = true
		case c == ' ' || c == '\t':
		default:
			if expectKey && depth == 1 {
				parts, rest := keyParts(value[i:])
				if len(parts) > 0 && strings.HasPrefix(rest, "=") {
					lines[join(key, strings.Join(parts, "."))] = n
				}
			}
			expectKey = false
		}
	}
}

// bracketDepth returns the change in square-bracket depth over s, outside
// strings and comments.
func bracketDepth(s string) int { return nesting(s, '[') }

// Shape limits, checked before the TOML decoder sees a file: its time grows
// with the square of the nesting depth, so a hostile file could stall it.
const (
	maxNesting = 32 // levels of [ ] and { } in a value
	maxDots    = 16 // dots in the keys of one line, or of one value spread over lines
)

// checkShape returns the line and a message if src, a file of the kind
// named kind ("scenario"), nests values or keys deeper than such a file
// ever needs; "" if it does not.
func checkShape(src []byte, kind string) (line int, msg string) {
	line = 1
	depth, dots := 0, 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
			if depth == 0 {
				dots = 0
			}
		case c == '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			delim := string(src[i : i+1])
			if i+2 < len(src) && src[i+1] == c && src[i+2] == c {
				delim = string(src[i : i+3])
			}
			j := i + len(delim)
			for ; j < len(src); j++ {
				if c == '"' && src[j] == '\\' {
					j++
					continue
				}
				if strings.HasPrefix(string(src[j:min(len(src), j+len(delim))]), delim) {
					break
				}
				if src[j] == '\n' {
					line++
				}
			}
			i = j + len(delim) - 1
		case c == '[' || c == '{':
			if depth++; depth > maxNesting {
				return line, fmt.Sprintf("values nested more than %d levels deep; a %s needs at most a few levels of [ ] and { }", maxNesting, kind)
			}
		case c == ']' || c == '}':
			depth--
		case c == '.':
			digits := i > 0 && isDigit(src[i-1]) && i+1 < len(src) && isDigit(src[i+1])
			if !digits {
				if dots++; dots > maxDots {
					return line, fmt.Sprintf("keys with more than %d dotted parts; %s keys have at most a few", maxDots, kind)
				}
			}
		}
	}
	return 0, ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// loneCRs turns each carriage return not followed by a line feed into a
// line feed: a file saved with the CR line endings of the old Mac OS
// reads as the same lines with LF (which the TOML decoder refuses as a
// control character). CRLF line endings stay as they are.
func loneCRs(src []byte) []byte {
	if !bytes.Contains(src, []byte("\r")) {
		return src
	}
	out := slices.Clone(src)
	for i, c := range out {
		if c == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}
