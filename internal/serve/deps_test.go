//go:build !js

package serve_test

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"clvlab/internal/serve"
)

// browserDeps lists the packages the browser build links, built with tags.
func browserDeps(t *testing.T, tags string) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-tags", tags, "-deps", "clvlab/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	return strings.Fields(string(out))
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
	deps := browserDeps(t, serve.BuildTags)
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
	untagged := browserDeps(t, "")
	for _, p := range fileCanvases {
		if !slices.Contains(untagged, p) {
			t.Errorf("without -tags %s the browser build lacks %s too: the list is out of date", serve.BuildTags, p)
		}
	}
}

// TestMakefileUsesBuildTags: the Makefile builds and vets the browser app
// with the tags the tests use.
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
		}
	}
	if n < 2 {
		t.Errorf("Makefile: %d wasm commands, want the build and the vet", n)
	}
}
