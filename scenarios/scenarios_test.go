package scenarios

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/invalid/*.err from the current messages, and the parameter table of docs/scenarios.md")

// TestShippedScenariosLoad: every shipped scenario parses, validates and
// runs, base and variants, with text in both languages.
func TestShippedScenariosLoad(t *testing.T) {
	ids := Presets()
	if len(ids) < 8 || ids[0] != DefaultPreset {
		t.Fatalf("presets %v: want the default first and at least 8", ids)
	}
	for _, id := range ids {
		s, err := Preset(id)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		if s.Name.EN == "" || s.Name.ZH == "" || s.Description.EN == "" || s.Description.ZH == "" {
			t.Errorf("%s: name and description need en and zh", id)
		}
		for _, st := range s.Stages {
			if st.Name.EN == "" || st.Name.ZH == "" {
				t.Errorf("%s: stage %q needs en and zh names", id, st.ID)
			}
		}
		runs, err := s.Runs()
		if err != nil {
			t.Errorf("%s: %v", id, err)
		}
		for _, r := range runs {
			if r.Title.EN == "" || r.Title.ZH == "" {
				t.Errorf("%s: run %q needs en and zh names", id, r.Name)
			}
		}
	}
}

// TestValidCorpus: every file in testdata/valid loads and resolves.
func TestValidCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.toml")
	if len(files) == 0 {
		t.Fatal("no valid corpus")
	}
	for _, f := range files {
		s, err := Load(os.DirFS("testdata/valid"), filepath.Base(f))
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if _, err := s.Runs(); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestInvalidCorpus: every file in testdata/invalid is refused with exactly
// the message in its .err file.
func TestInvalidCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.toml")
	if len(files) < 30 {
		t.Fatalf("%d invalid cases, want at least 30", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		_, err := Load(os.DirFS("testdata/invalid"), name)
		if err == nil {
			t.Errorf("%s: loaded without error", name)
			continue
		}
		golden := strings.TrimSuffix(f, ".toml") + ".err"
		if *update {
			if err := os.WriteFile(golden, []byte(err.Error()+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, rerr := os.ReadFile(golden)
		if rerr != nil {
			t.Errorf("%s: %v", name, rerr)
			continue
		}
		if got := err.Error() + "\n"; got != string(want) {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", name, got, want)
		}
	}
}
