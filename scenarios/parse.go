package scenarios

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"clvlab/sim"
)

// Parse reads a scenario from src; file names it in messages and gives the
// scenario its default name. The error, if any, is an *Error listing every
// problem with its line.
func Parse(file string, src []byte) (*Scenario, error) {
	doc, text, err := decodeTOML(file, src, scenarioFile)
	if err != nil {
		return nil, err
	}
	s := New()
	s.File = file
	probs := &problems{}
	(&decoder{probs: probs}).decode(s, doc)
	if s.Name.IsZero() {
		base := path.Base(file)
		s.Name = Text{EN: strings.TrimSuffix(base, path.Ext(base))}
	}
	decoded := slices.Clone(probs.list)
	for _, p := range s.Validate() {
		if !related(decoded, p.Path) { // a value that did not decode is reported once
			probs.list = append(probs.list, p)
		}
	}
	if len(probs.list) == 0 {
		for i := range s.Variants {
			_, vp := s.WithVariant(i)
			probs.list = append(probs.list, vp...)
		}
	}
	if len(probs.list) > 0 {
		return nil, &Error{File: file, Problems: probs.sorted(scanLines(text)), More: probs.more}
	}
	warns := &problems{list: s.warnings()}
	s.Warnings = warns.sorted(scanLines(text))
	return s, nil
}

// fileKind names a kind of file of the scenario format's family in
// messages: "scenario", and the document that describes it.
type fileKind struct{ name, doc string }

var scenarioFile = fileKind{"scenario", "docs/scenarios.md"}

// decodeTOML checks src as a file of kind k (its size, its encoding, the
// nesting of its values) and decodes it; its TOML syntax errors are told
// in words, with their line. It returns the document and the text it
// decoded (without a byte order mark, with old Mac line endings made
// line feeds), which scanLines reads for the lines of keys.
func decodeTOML(file string, src []byte, k fileKind) (map[string]any, string, error) {
	fail := func(line int, format string, args ...any) error {
		return &Error{File: file, Problems: []Problem{{Line: line, Msg: fmt.Sprintf(format, args...)}}}
	}
	switch {
	case len(src) > MaxFileSize:
		return nil, "", fail(0, "the file has %d bytes, a %s file may have at most %d (1 MiB)", len(src), k.name, MaxFileSize)
	case isUTF16(src):
		return nil, "", fail(0, "this file is UTF-16: save it as UTF-8 (a %s is a TOML text file, see %s)", k.name, k.doc)
	case !utf8.Valid(src) || strings.ContainsRune(string(src), 0):
		return nil, "", fail(0, "this is not a text file; a %s is a TOML text file (UTF-8), see %s", k.name, k.doc)
	}
	src = loneCRs(bytes.TrimPrefix(src, []byte("\ufeff")))
	if line, msg := checkShape(src, k.name); msg != "" {
		return nil, "", fail(line, "%s", msg)
	}
	var doc map[string]any
	if _, err := toml.Decode(string(src), &doc); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, msg := syntaxProblem(pe, string(src))
			return nil, "", fail(line, "%s", msg)
		}
		return nil, "", fail(0, "TOML syntax: %v", err)
	}
	return doc, string(src), nil
}

// isUTF16 reports whether src looks like UTF-16 text: it starts with a
// UTF-16 byte order mark, or its first two characters are ASCII with a
// zero byte beside each.
func isUTF16(src []byte) bool {
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		return true
	}
	ascii := func(b byte) bool { return b != 0 && b < 0x80 }
	return len(src) >= 4 &&
		(ascii(src[0]) && src[1] == 0 && ascii(src[2]) && src[3] == 0 ||
			src[0] == 0 && ascii(src[1]) && src[2] == 0 && ascii(src[3]))
}

// related reports whether a problem at path concerns the same value as one
// of probs: the same key, or one inside the other.
func related(probs []Problem, path string) bool {
	for _, p := range probs {
		if p.Path == path || strings.HasPrefix(p.Path, path+".") || strings.HasPrefix(p.Path, path+"[") ||
			strings.HasPrefix(path, p.Path+".") || strings.HasPrefix(path, p.Path+"[") {
			return true
		}
	}
	return false
}

// Load reads and parses the scenario file at name in fsys.
func Load(fsys fs.FS, name string) (*Scenario, error) {
	src, err := ReadFS(fsys, name)
	if err != nil {
		return nil, err
	}
	return Parse(name, src)
}

//go:embed shipped/*.toml
var shipped embed.FS

// DefaultPreset is the id of the scenario that opens by default.
const DefaultPreset = "four-stage"

// Presets returns the ids of the shipped scenarios, default first.
func Presets() []string {
	entries, _ := fs.ReadDir(shipped, "shipped")
	ids := []string{DefaultPreset}
	for _, e := range entries {
		if id := strings.TrimSuffix(e.Name(), ".toml"); id != DefaultPreset {
			ids = append(ids, id)
		}
	}
	return ids
}

// Preset loads the shipped scenario with the given id.
func Preset(id string) (*Scenario, error) {
	if !fs.ValidPath(id) || strings.Contains(id, "/") {
		return nil, fmt.Errorf("no shipped scenario %q; shipped scenarios are %s", id, strings.Join(Presets(), ", "))
	}
	s, err := Load(shipped, "shipped/"+id+".toml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no shipped scenario %q; shipped scenarios are %s", id, strings.Join(Presets(), ", "))
	}
	if s != nil {
		s.File = id + ".toml"
	}
	return s, err
}

// Run is one projection a scenario asks for: the base or a variant.
type Run struct {
	Name     string // "base", or the variant's English name
	Title    Text   // display name: "Base" / "基准", or the variant's name
	Scenario *Scenario
	Model    *sim.Model
}

// Runs resolves the base scenario and each variant into engine models,
// base first.
func (s *Scenario) Runs() ([]Run, error) {
	m, err := s.Model()
	if err != nil {
		return nil, err
	}
	runs := []Run{{Name: "base", Title: Text{EN: "Base", ZH: "基准"}, Scenario: s, Model: m}}
	for i, vr := range s.Variants {
		c, probs := s.WithVariant(i)
		if len(probs) > 0 {
			return nil, &Error{File: s.File, Problems: probs}
		}
		vm, err := c.Model()
		if err != nil {
			return nil, err
		}
		runs = append(runs, Run{Name: vr.Name.In("en"), Title: vr.Name, Scenario: c, Model: vm})
	}
	return runs, nil
}

// Slug returns a file-system-safe name for the scenario's output folder:
// the file's base name, or the English name, in lower case.
func (s *Scenario) Slug() string {
	base := strings.TrimSuffix(path.Base(s.File), path.Ext(s.File))
	if s.File == "" {
		base = s.Name.In("en")
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(base) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "scenario"
	}
	return slug
}
