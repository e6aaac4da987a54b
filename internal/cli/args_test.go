package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsAfterArguments (issue 10, item 12): every command takes its
// flags before, between or after its arguments (`run x.toml -o d` used to
// read -o as a file name); "--" ends the flags; commands that take no
// arguments (list, serve) refuse them instead of ignoring them.
func TestFlagsAfterArguments(t *testing.T) {
	out := t.TempDir()
	for _, tc := range []struct {
		args   []string
		status int
		wrote  string // a file the command writes under out
		stderr string // the whole of stderr
	}{
		{args: []string{"run", "four-stage", "-o", out, "-charts", "none"}, wrote: "four-stage/summary.json"},
		{args: []string{"run", "-charts", "none", "annuity", "-o", out + "/between", "four-stage"}, wrote: "between/annuity/summary.json"},
		{args: []string{"validate", "four-stage", "-h"}, status: ExitOK},
		{args: []string{"validate", "four-stage", "--", "-o.toml"}, status: ExitUsage, stderr: "-o.toml: no such file\n"},
		{args: []string{"list", "-lang", "zh"}, status: ExitOK},
		{args: []string{"list", "extra"}, status: ExitUsage, stderr: "clvlab list: takes no arguments, got extra\n"},
		{args: []string{"list", "extra", "-lang", "zh"}, status: ExitUsage, stderr: "clvlab list: takes no arguments, got extra\n"},
		{args: []string{"serve", "web", "-addr", "127.0.0.1:0"}, status: ExitUsage, stderr: "clvlab serve: takes no arguments, got web\n"},
		{args: []string{"compare", "four-stage", "-o", out, "-charts", "none"}, wrote: "four-stage/compare/compare.json"},
		{args: []string{"sensitivity", "annuity", "-o", out, "-charts", "none"}, wrote: "annuity/sensitivity/tornado.json"},
		{args: []string{"seek", "four-stage", "-o", out, "-charts", "none", "-param", "stage.stability.to.stability", "-kpi", "ltv_cac", "-target", "3"}, wrote: "four-stage/seek/seek.json"},
		{args: []string{"optimize", "retention-spend", "-o", out, "-charts", "none"}, wrote: "retention-spend/optimize/optimize.json"},
	} {
		status, _, errs := runCLI(t, tc.args...)
		if status != tc.status {
			t.Errorf("%s: status %d, want %d; stderr %s", strings.Join(tc.args, " "), status, tc.status, errs)
			continue
		}
		if tc.status != ExitOK && errs != tc.stderr {
			t.Errorf("%s: stderr %q, want %q", strings.Join(tc.args, " "), errs, tc.stderr)
		}
		if tc.wrote != "" {
			if _, err := os.Stat(filepath.Join(out, tc.wrote)); err != nil {
				t.Errorf("%s: %v", strings.Join(tc.args, " "), err)
			}
		}
	}
}
