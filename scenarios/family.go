package scenarios

import "fmt"

// The scenario format's family: other files written in the scenarios'
// conventions (bilingual text tables, snake_case keys, variant paths) are
// read with the scenarios' own machinery, so that they give the same
// messages at the same places. Package scenarios/lessons reads lessons
// with it.

// Reader reads one file of the scenario format's family: its TOML, checked
// as a scenario's is, and its tables, key by key, collecting every problem
// with its key path. Err turns them into an *Error with lines.
type Reader struct {
	file  string
	text  string
	probs problems
	d     decoder
}

// NewReader checks src as Parse checks a scenario file before decoding it
// (its size, its encoding, the nesting of its values, its TOML syntax,
// told in words) and decodes it. kind names the kind of file in messages
// ("lesson") and doc the document that describes it ("docs/lessons.md").
// It returns the reader and the file's top-level table; the error, if
// any, is an *Error.
func NewReader(file string, src []byte, kind, doc string) (*Reader, map[string]any, error) {
	top, text, err := decodeTOML(file, src, fileKind{kind, doc})
	if err != nil {
		return nil, nil, err
	}
	r := &Reader{file: file, text: text}
	r.d.probs = &r.probs
	return r, top, nil
}

// At is a place in a file of the family: its key path, which gives the
// line, and the label of the nearest table that has one, which messages
// start with (`step 2: `). The zero At is the top level.
type At struct{ p place }

// Key returns the place of key k in the table at a.
func (a At) Key(k string) At { return At{a.p.key(k)} }

// Index returns the place of element i of the array of tables at a,
// labelled label in messages ("step 2").
func (a At) Index(i int, label string) At { return At{a.p.index(i, label)} }

// Path returns a's key path, e.g. "step[1].set".
func (a At) Path() string { return a.p.path }

// Prefix returns a's label and ": ", or "" at the top level.
func (a At) Prefix() string { return a.p.prefix() }

// Key is one key of a table of a file of the family: Set stores its
// value, and returns an error saying what was expected; a nil Set hands
// the key to the nested function of Reader.Table.
type Key struct {
	Name string
	Set  func(v any) error
}

// TextValue stores a Text: a string, for both languages, or a table
// { en = "...", zh = "..." }.
func TextValue(dst *Text) func(any) error { return text(dst) }

// StringValue stores a string.
func StringValue(dst *string) func(any) error { return str(dst) }

// Table decodes the table m at a key by key with keys, as a scenario's
// tables are decoded: an unknown key is a problem that lists the allowed
// ones (and the closest, for a typo), a value of the wrong type one that
// says what was expected. Keys whose Set is nil go to nested.
func (r *Reader) Table(at At, m map[string]any, keys []Key, nested func(k string, v any, at At)) {
	fields := make([]field, len(keys))
	for i, k := range keys {
		fields[i] = field{k.Name, k.Set}
	}
	r.d.table(at.p, m, fields, func(k string, v any, p place) { nested(k, v, At{p}) })
}

// AsTable returns v as a table, or reports that it is not one.
func (r *Reader) AsTable(at At, v any) (map[string]any, bool) { return r.d.asTable(at.p, v) }

// Tables returns v as an array of tables ([[name]]), or reports that it
// is not one.
func (r *Reader) Tables(at At, v any) []map[string]any { return r.d.asTables(at.p, v) }

// Add records a problem at a: its label, then the message.
func (r *Reader) Add(at At, format string, args ...any) {
	r.probs.add(at.p, at.p.prefix()+fmt.Sprintf(format, args...))
}

// CheckText records a problem with the text t at a: too long, or holding
// a control character (a line feed or tab too, unless lines is true).
func (r *Reader) CheckText(at At, t Text, lines bool) {
	v := validator{s: &Scenario{}, probs: &r.probs}
	v.text(at.p, t, lines)
}

// Settings returns the settings of a set table, as a variant's: a path
// may be one quoted key ("stage.a.revenue" = 5) or dotted keys
// (stage.a.revenue = 5). Settings are in the order of their paths.
func Settings(set map[string]any) []Setting {
	var out []Setting
	flatten(set, "", &out)
	return out
}

// Apply sets each of set's values in s (a copy of the scenario read with
// the reader, say), as a variant's set table does, and records the
// problems: a path that does not parse or names nothing in s, a value of
// the wrong type or out of its range, a row that no longer sums to at
// most 1, each at the setting's key under at's set table.
// It reports whether there were none.
func (r *Reader) Apply(s *Scenario, set []Setting, at At) bool {
	probs := s.apply(set, at.p)
	r.probs.list = append(r.probs.list, probs...)
	return len(probs) == 0
}

// Closest returns the candidate within two edits of s, the closest, or
// "": what a message offers as "did you mean".
func Closest(s string, candidates []string) string { return closest(s, candidates) }

// Err returns the problems recorded, with their lines, in file order, as
// an *Error; nil if there are none.
func (r *Reader) Err() error {
	if len(r.probs.list) == 0 {
		return nil
	}
	return &Error{File: r.file, Problems: r.probs.sorted(scanLines(r.text)), More: r.probs.more}
}
