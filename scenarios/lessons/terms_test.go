package lessons

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// terms are the known Chinese variants of the concepts the planner names,
// each with the one term the lessons use: the KPI catalogue's label
// (internal/kpi: CLV 客户终生价值), the parameter registry's
// (scenarios/registry.go: retention spend 保留投入, acquisition cost
// 获客成本; "retention" is 保留 there, so the retention rate is 保留率),
// and the tenure table's (internal/explain: tenure 在网期).
var terms = []struct{ variant, term string }{
	{"客户生命周期价值", "客户终生价值"},
	{"保持投入", "保留投入"},
	{"保持成本", "保留成本"},
	{"保持率", "保留率"},
	{"留存率", "保留率"},
	{"客户年龄", "在网期"},
	{"获取成本", "获客成本"},
}

// TestLessonTerms: the shipped lessons, and the shipped scenarios they
// start from, use one Chinese term per concept, the planner's.
func TestLessonTerms(t *testing.T) {
	files := map[string][]byte{}
	err := fs.WalkDir(shipped, "shipped", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[path], err = fs.ReadFile(shipped, path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range Shipped() {
		l, err := Lookup(id)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("..", "shipped", l.Scenario+".toml")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("lesson %s: %v", id, err)
		}
		files[path] = b
	}
	for path, b := range files {
		for n, line := range strings.Split(string(b), "\n") {
			for _, v := range terms {
				if strings.Contains(line, v.variant) && !allowed(path, v.variant) {
					t.Errorf("%s:%d: %s: the planner says %s", path, n+1, v.variant, v.term)
				}
			}
		}
	}
}

// allowed: a scenario's stage "stay" (the registry's 留存) may be a
// 留存率; a lesson's retention rate may not.
func allowed(path, variant string) bool {
	return variant == "留存率" && strings.HasPrefix(path, "..")
}
