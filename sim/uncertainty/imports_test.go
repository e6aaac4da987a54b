package uncertainty

import (
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// mayImport lists every package sim/uncertainty may import: the standard
// library's computation, random-number and concurrency packages, gonum's
// floats and statistics, and the engine. A new import is a decision: add
// it here.
var mayImport = []string{
	"cmp", "errors", "fmt", "iter", "maps", "math", "math/bits", "math/rand/v2", "runtime", "slices", "sort",
	"strconv", "strings", "sync", "sync/atomic",
	"gonum.org/v1/gonum/floats", "gonum.org/v1/gonum/mat", "gonum.org/v1/gonum/stat", "gonum.org/v1/gonum/stat/distuv",
	"clvlab/sim",
}

// TestImportsStayPure: the package imports only packages of mayImport (go
// list .Imports), and everything it depends on is the standard library,
// gonum or package sim (go list -deps).
func TestImportsStayPure(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no go command under js/wasm")
	}
	for _, imp := range goList(t, "-f", `{{join .Imports "\n"}}`, ".") {
		if !slices.Contains(mayImport, imp) {
			t.Errorf("sim/uncertainty imports %s, which is not in mayImport", imp)
		}
	}
	for _, dep := range goList(t, "-deps", "-f", `{{if not .Standard}}{{.ImportPath}}{{end}}`, ".") {
		if dep != "clvlab/sim" && dep != "clvlab/sim/uncertainty" && !strings.HasPrefix(dep, "gonum.org/v1/gonum/") {
			t.Errorf("sim/uncertainty depends on %s, neither the standard library, gonum nor sim", dep)
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
