package scenarios

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// parameterTable returns the table of docs/scenarios.md that lists the
// registry.
func parameterTable() string {
	var b strings.Builder
	b.WriteString("| path | kind | values | label | meaning |\n|---|---|---|---|---|\n")
	for _, e := range Params() {
		path := "`" + e.Pattern + "`"
		if e.Segmented {
			path += ", `segment.ID." + e.Pattern + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s to %s %s | %s (%s) | %s |\n", path, e.Kind, num(e.Min), num(e.Max), e.Unit.EN, e.Label.EN, e.Label.ZH, e.Explain.EN)
	}
	return b.String()
}

// TestParameterTable: docs/scenarios.md lists the registry as it is.
func TestParameterTable(t *testing.T) {
	const file = "../docs/scenarios.md"
	const begin, end = "rewrites it -->\n", "<!-- end of parameters -->"
	doc, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(doc), begin)
	got, after, ok2 := strings.Cut(rest, end)
	if !ok1 || !ok2 {
		t.Fatalf("%s: no parameter table markers", file)
	}
	if want := parameterTable(); got != want {
		if *update {
			if err := os.WriteFile(file, []byte(before+begin+want+end+after), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s lists other parameters than the registry; run go test ./scenarios -run ParameterTable -update", file)
	}
}
