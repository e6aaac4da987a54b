package architecture

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// aptPackages returns the packages of the first "apt-get install" command
// in text (continued over lines ending in a backslash), without options.
func aptPackages(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "apt-get install")
	if i < 0 {
		t.Fatalf("%s has no apt-get install line", path)
	}
	var cmd strings.Builder
	for _, line := range strings.Split(text[i+len("apt-get install"):], "\n") {
		line = strings.TrimSpace(line)
		cont := strings.HasSuffix(line, `\`)
		cmd.WriteString(" " + strings.TrimSuffix(line, `\`))
		if !cont {
			break
		}
	}
	var pkgs []string
	for _, f := range strings.Fields(cmd.String()) {
		if strings.HasPrefix(f, "-") || strings.ContainsAny(f, "<>/") {
			continue
		}
		pkgs = append(pkgs, f)
	}
	slices.Sort(pkgs)
	return pkgs
}

// TestREADMESetupMatchesCI checks that the README's setup line, which says
// "CI installs exactly these", names the packages .ci/run installs.
func TestREADMESetupMatchesCI(t *testing.T) {
	readme := aptPackages(t, "../../README.md")
	ci := aptPackages(t, "../../.ci/run")
	if !slices.Equal(readme, ci) {
		t.Errorf("README installs %v, .ci/run installs %v", readme, ci)
	}
}

// TestWasmWithoutZstd checks that `make wasm` calls zstd only when it is
// installed: a developer without it still builds the page (serve sends gzip).
func TestWasmWithoutZstd(t *testing.T) {
	b, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	// One shell command per recipe line, continuations joined.
	commands := strings.Split(strings.ReplaceAll(string(b), "\\\n", " "), "\n")
	called := false
	for _, c := range commands {
		if !regexp.MustCompile(`\bzstd -`).MatchString(c) {
			continue
		}
		called = true
		if !strings.Contains(c, "command -v zstd") {
			t.Errorf("Makefile calls zstd without checking it is installed: %q", c)
		}
	}
	if !called {
		t.Error("Makefile no longer writes the .zst copies; update this test")
	}
}
