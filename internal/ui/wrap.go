package ui

import (
	"strings"
	"unicode"
)

// Wrap breaks text into lines no wider than width pixels at size, at
// spaces and between Chinese characters (a word wider than the line is
// broken between letters). Each word is measured once: a line's width is
// the sum of its words', so a long paragraph costs a measure a word, not a
// measure a letter. Newlines in text start a new line.
func (c *Context) Wrap(text string, size float64, width int) []string {
	if c.Measure == nil || width <= 0 {
		return []string{text}
	}
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = c.wrapParagraph(lines, para, size, float64(width))
	}
	return lines
}

func (c *Context) wrapParagraph(lines []string, para string, size, width float64) []string {
	space := c.Measure(" ", size)
	var line strings.Builder
	w := 0.0
	gap := false // a space goes before the next word
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		w, gap = 0, false
	}
	add := func(word string, ww float64, spaced bool) {
		sep := 0.0
		if spaced && line.Len() > 0 {
			sep = space
		}
		if line.Len() > 0 && w+sep+ww > width {
			flush()
			sep = 0
		}
		if sep > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(word)
		w += sep + ww
	}
	for _, word := range breakable(para) {
		if word == " " {
			gap = true
			continue
		}
		ww := c.Measure(word, size)
		if ww > width { // longer than a line: letter by letter
			for _, r := range word {
				add(string(r), c.Measure(string(r), size), gap)
				gap = false
			}
			continue
		}
		add(word, ww, gap)
		gap = false
	}
	if line.Len() > 0 || len(lines) == 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// breakable splits s into words, single spaces (for runs of spaces) and
// Chinese characters each on their own, the punctuation after one kept
// with it (a line never starts with "，").
func breakable(s string) []string {
	var out []string
	start := -1
	end := func(i int) {
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	rs := []rune(s)
	pos := 0
	for i, r := range rs {
		n := len(string(r))
		switch {
		case unicode.IsSpace(r):
			end(pos)
			if len(out) == 0 || out[len(out)-1] != " " {
				out = append(out, " ")
			}
		case unicode.Is(unicode.Han, r) || isCJKPunct(r):
			if isCJKPunct(r) && start < 0 && len(out) > 0 && out[len(out)-1] != " " {
				out[len(out)-1] += string(r) // stays with what it follows
			} else {
				end(pos)
				out = append(out, string(r))
			}
			_ = i
		default:
			if start < 0 {
				start = pos
			}
		}
		pos += n
	}
	end(pos)
	return out
}

func isCJKPunct(r rune) bool {
	return strings.ContainsRune("，。、；：？！）》」』”’", r)
}
