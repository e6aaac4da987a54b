//go:build !js

package serve_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"clvlab/internal/serve"
)

// browserDeps lists the packages the browser build links, built with tags
// (and the go.mod modfile, if not empty).
func browserDeps(t *testing.T, tags, modfile string) []string {
	t.Helper()
	return strings.Fields(goListBrowser(t, tags, modfile, "{{.ImportPath}}"))
}

// goListBrowser runs go list -deps on the browser app with format.
func goListBrowser(t *testing.T, tags, modfile, format string) string {
	t.Helper()
	args := []string{"list", "-tags", tags, "-deps", "-f", format}
	if modfile != "" {
		args = append(args, "-modfile", modfile)
	}
	cmd := exec.Command("go", append(args, "clvlab/wasm")...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	return string(out)
}

// browserMod writes the browser build's go.mod (make browser-mod) into a
// fresh folder and returns its path.
func browserMod(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("make", "-s", "-C", filepath.Join("..", ".."), "browser-mod", "WEB="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make browser-mod: %v\n%s", err, out)
	}
	return filepath.Join(dir, "browser.mod")
}

// fileCanvases are gonum/plot's file backends and the libraries they
// write with: the browser never writes a chart file.
var fileCanvases = []string{
	"gonum.org/v1/plot/vg/vgpdf", "gonum.org/v1/plot/vg/vgsvg", "gonum.org/v1/plot/vg/vgeps", "gonum.org/v1/plot/vg/vgtex",
	"codeberg.org/go-pdf/fpdf", "github.com/ajstarks/svgo",
}

// TestBrowserBuildLinksNoFileCanvas: built with BuildTags, the browser app
// links none of the file canvases, and still has what it uses: the image
// canvas of the charts, PNG export and the projection service. Without the
// tags gonum/plot links them all (its vgall.go), which shows the list is
// what the tags remove.
func TestBrowserBuildLinksNoFileCanvas(t *testing.T) {
	deps := browserDeps(t, serve.BuildTags, browserMod(t))
	for _, p := range fileCanvases {
		if slices.Contains(deps, p) {
			t.Errorf("the browser build links %s", p)
		}
	}
	for _, p := range []string{"gonum.org/v1/plot/vg/vgimg", "image/png", "clvlab/internal/projection", "clvlab/internal/chart"} {
		if !slices.Contains(deps, p) {
			t.Errorf("the browser build lacks %s", p)
		}
	}
	untagged := browserDeps(t, "", "")
	for _, p := range fileCanvases {
		if !slices.Contains(untagged, p) {
			t.Errorf("without -tags %s the browser build lacks %s too: the list is out of date", serve.BuildTags, p)
		}
	}
}

// TestBrowserBuildLinksNoLiberationFont: built with browser.mod (make
// browser-mod), the browser app takes gonum/plot's Liberation font packages
// from the stand-in in wasm/liberation, whose fonts are one small ASCII
// face, and still links gonum/plot's package of them (plot's init uses
// it). Built with go.mod it would link the real fonts, 2.4 MB of gzip.
func TestBrowserBuildLinksNoLiberationFont(t *testing.T) {
	stand, err := filepath.Abs(filepath.Join("..", "..", "wasm", "liberation"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(goListBrowser(t, serve.BuildTags, browserMod(t), "{{.ImportPath}} {{.Dir}}"), "\n") {
		pkg, dir, _ := strings.Cut(line, " ")
		if !strings.HasPrefix(pkg, "codeberg.org/go-fonts/liberation/") {
			continue
		}
		n++
		if !strings.HasPrefix(dir, stand+string(filepath.Separator)) {
			t.Errorf("the browser build takes %s from %s, not from the stand-in %s", pkg, dir, stand)
		}
	}
	if n != 13 { // the twelve fonts and the stand-in's one face
		t.Errorf("the browser build links %d packages of codeberg.org/go-fonts/liberation, want 13", n)
	}
}

// TestMakefileUsesBuildTags: the Makefile builds and vets the browser app
// with the tags the tests use, and builds it with browser.mod.
func TestMakefileUsesBuildTags(t *testing.T) {
	b, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^WASM_TAGS\s*:=\s*(\S+)\s*$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("Makefile does not set WASM_TAGS")
	}
	if string(m[1]) != serve.BuildTags {
		t.Fatalf("Makefile: WASM_TAGS := %s, want %s", m[1], serve.BuildTags)
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if strings.Contains(line, "GOARCH=wasm") {
			n++
			if !strings.Contains(line, "-tags $(WASM_TAGS)") {
				t.Errorf("Makefile builds for wasm without -tags $(WASM_TAGS): %s", strings.TrimSpace(line))
			}
			if strings.Contains(line, " build ") && !strings.Contains(line, "-modfile $(WEB)/browser.mod") {
				t.Errorf("Makefile builds for wasm without -modfile $(WEB)/browser.mod: %s", strings.TrimSpace(line))
			}
		}
	}
	if n < 2 {
		t.Errorf("Makefile: %d wasm commands, want the build and the vet", n)
	}
}
