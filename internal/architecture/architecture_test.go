package architecture

import (
	"bufio"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

const module = "clvlab"

// outside names the libraries whose use the table restricts, by the name
// the table gives them.
var outside = map[string]string{
	"ebiten":   "github.com/hajimehoshi/ebiten/v2",
	"plot":     "gonum.org/v1/plot",
	"toml":     "github.com/BurntSushi/toml",
	"chromedp": "github.com/chromedp/",
	"gonum":    "gonum.org/v1/gonum",
	"errgroup": "golang.org/x/sync",
	"parquet":  "github.com/parquet-go/",
}

// layer is one row of the table: a package, the clvlab packages it may
// import and the outside libraries it may use.
type layer struct {
	pkg     string
	imports []string
	libs    []string
}

var ticked = regexp.MustCompile("`([^`]+)`")

// readLayers reads the table under "## Layers" in docs/architecture.md.
func readLayers(t *testing.T) map[string]layer {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "docs", "architecture.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	layers := map[string]layer{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			in = line == "## Layers"
			continue
		}
		if !in || !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 6 {
			t.Fatalf("docs/architecture.md: a row of the layers table needs four cells: %s", line)
		}
		names := func(cell string) []string {
			var out []string
			for _, m := range ticked.FindAllStringSubmatch(cell, -1) {
				out = append(out, m[1])
			}
			return out
		}
		pkg := names(cells[1])
		if len(pkg) != 1 {
			t.Fatalf("docs/architecture.md: the first cell names one package: %s", line)
		}
		l := layer{pkg: pkg[0], imports: names(cells[3]), libs: names(cells[4])}
		for _, lib := range l.libs {
			if _, ok := outside[lib]; !ok {
				t.Fatalf("docs/architecture.md: %s: unknown library %q; the test knows %v", l.pkg, lib, slices.Sorted(maps.Keys(outside)))
			}
		}
		layers[l.pkg] = l
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(layers) == 0 {
		t.Fatal("docs/architecture.md has no layers table")
	}
	return layers
}

// imports lists each package of the module with its direct imports, for
// the build that env and flags select.
func imports(t *testing.T, env []string, flags ...string) map[string][]string {
	t.Helper()
	args := append([]string{"list"}, flags...)
	args = append(args, "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), args...)
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s: %v", strings.Join(args, " "), err)
	}
	pkgs := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		rel := strings.TrimPrefix(strings.TrimPrefix(f[0], module), "/")
		if rel == "" {
			rel = "."
		}
		pkgs[rel] = f[1:]
	}
	return pkgs
}

// TestImportsFollowTheLayers checks every package's imports against the
// table in docs/architecture.md: clvlab packages only those its row
// allows, and ebiten, plot, toml, chromedp, gonum, errgroup and parquet only where
// its row names them. Every package has a row, and every row a package.
func TestImportsFollowTheLayers(t *testing.T) {
	layers := readLayers(t)
	builds := []struct {
		name  string
		env   []string
		flags []string
	}{
		{"native", nil, nil},
		{"browser", []string{"GOOS=js", "GOARCH=wasm"}, []string{"-tags", "minimal"}},
	}
	seen := map[string]bool{}
	for _, b := range builds {
		for pkg, imps := range imports(t, b.env, b.flags...) {
			seen[pkg] = true
			l, ok := layers[pkg]
			if !ok {
				t.Errorf("package %s has no row in docs/architecture.md's layers table", pkg)
				continue
			}
			for _, imp := range imps {
				if rel, ok := strings.CutPrefix(imp, module+"/"); ok {
					if !slices.Contains(l.imports, rel) {
						t.Errorf("%s build: %s imports %s, which docs/architecture.md does not allow it", b.name, pkg, rel)
					}
					continue
				}
				for name, prefix := range outside {
					if strings.HasPrefix(imp, prefix) && !slices.Contains(l.libs, name) {
						t.Errorf("%s build: %s imports %s (%s), which docs/architecture.md does not allow it", b.name, pkg, imp, name)
					}
				}
			}
		}
	}
	for pkg := range layers {
		if !seen[pkg] {
			t.Errorf("docs/architecture.md names %s, which is not a package of the module", pkg)
		}
	}
}
