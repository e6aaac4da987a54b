package sim

import (
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// mayImport lists every package sim may import (style.md §1): the standard
// library's pure computation and formatting packages, and gonum's linear
// algebra, floats and statistics. A new import is a decision: add it here.
var mayImport = []string{
	"cmp", "errors", "fmt", "iter", "maps", "math", "math/bits", "slices", "sort", "strconv", "strings",
	"gonum.org/v1/gonum/floats", "gonum.org/v1/gonum/mat", "gonum.org/v1/gonum/stat",
}

// TestImportsStayPure: sim imports only packages of mayImport (go list
// .Imports), and everything it depends on is the standard library or gonum
// (go list -deps): no rendering, no file formats, no browser.
func TestImportsStayPure(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no go command under js/wasm")
	}
	for _, imp := range goList(t, "-f", `{{join .Imports "\n"}}`, ".") {
		if !slices.Contains(mayImport, imp) {
			t.Errorf("sim imports %s, which is not in mayImport", imp)
		}
	}
	for _, dep := range goList(t, "-deps", "-f", `{{if not .Standard}}{{.ImportPath}}{{end}}`, ".") {
		if dep != "clvlab/sim" && !strings.HasPrefix(dep, "gonum.org/v1/gonum/") {
			t.Errorf("sim depends on %s, neither the standard library nor gonum", dep)
		}
	}
}

// goList returns the lines go list prints for args.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
	if err != nil {
		t.Fatalf("go list %s: %v", strings.Join(args, " "), err)
	}
	return strings.Fields(string(out))
}
