package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clvlab/internal/report"
	"clvlab/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden files of clvlab explain under testdata/explain")

// TestExplainGolden compares `clvlab explain` with golden files, in both
// languages: the annuity (its formula as the file's comment writes it,
// 600 · (1 − 1.1^−3) / 0.1 = 1,492.11), a variant of the margin multiple,
// the four-stage Markov chain with win-back, and the segmented scenario.
// The numbers in them are checked against sim and hand calculations by
// package explain's tests; this test keeps the layout. go test
// ./internal/cli -run ExplainGolden -update rewrites them (then read them).
func TestExplainGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"annuity.en", []string{"annuity"}},
		{"annuity.zh", []string{"annuity", "-lang", "zh"}},
		{"constant-retention-0.9.en", []string{"constant-retention", "-variant", "Retention 0.9"}},
		{"constant-retention-0.9.zh", []string{"constant-retention", "-variant", "保留率 0.9", "-lang", "zh"}},
		{"four-stage.en", []string{"four-stage"}},
		{"four-stage.zh", []string{"four-stage", "-lang", "zh"}},
		{"value-segments.zh", []string{"-lang", "zh", "value-segments"}},
		// Bad debt in decline: its margin 60·(1 − 0.25) − 20 − 5 = 20.
		{"decline-decision-bad-debt.en", []string{"decline-decision", "-variant", "Decliners default"}},
		{"decline-decision-bad-debt.zh", []string{"decline-decision", "-variant", "退化期坏账", "-lang", "zh"}},
		// Referrals: the referral formulas and the tenure table's referral columns.
		{"referral-value.en", []string{"referral-value"}},
		{"referral-value.zh", []string{"referral-value", "-lang", "zh"}},
	} {
		status, out, errs := runCLI(t, append([]string{"explain"}, c.args...)...)
		if status != ExitOK {
			t.Fatalf("%s: status %d: %s", c.name, status, errs)
		}
		file := filepath.Join("testdata", "explain", c.name+".txt")
		if *update {
			if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("%s: clvlab explain %s differs from %s:\n%s", c.name, strings.Join(c.args, " "), file, out)
		}
	}
}

// TestExplainShowsTheFormulaAndTable checks the teacher's line of the
// annuity, and that the table's total is the CLV, without the goldens.
func TestExplainShowsTheFormulaAndTable(t *testing.T) {
	_, out, _ := runCLI(t, "explain", "annuity")
	for _, want := range []string{
		"CLV = P·(1 − (1+r)^−n)/r = 600 · (1 − 1.1^−3) / 0.1 = 1,492.11",
		"  2          1.0000  600.00           0.7513        450.79     1,492.11\n",
		"sum of the contributions = CLV = 1,492.11",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("clvlab explain annuity lacks %q:\n%s", want, out)
		}
	}
}

// TestExplainErrors: an unknown variant names the variants, in the
// language asked for; a bad -lang and a missing scenario are usage errors.
func TestExplainErrors(t *testing.T) {
	status, _, errs := runCLI(t, "explain", "annuity", "-variant", "nine years")
	if status != ExitUsage || !strings.Contains(errs, `no variant "nine years" in annuity.toml; variants are "Five loyal years"`) {
		t.Errorf("status %d: %s", status, errs)
	}
	status, _, errs = runCLI(t, "explain", "annuity", "-variant", "九年", "-lang", "zh")
	if status != ExitUsage || !strings.Contains(errs, `annuity.toml 中没有变体 "九年"；变体有 "忠诚五年"`) {
		t.Errorf("status %d: %s", status, errs)
	}
	if status, _, _ := runCLI(t, "explain", "annuity", "-lang", "fr"); status != ExitUsage {
		t.Errorf("-lang fr: status %d", status)
	}
	if status, _, _ := runCLI(t, "explain"); status != ExitUsage {
		t.Errorf("no scenario: status %d", status)
	}
	if status, _, errs := runCLI(t, "explain", "no-such-preset"); status != ExitUsage || !strings.Contains(errs, "shipped scenarios are") {
		t.Errorf("unknown preset: status %d: %s", status, errs)
	}
}

// TestShowPrintsTheShippedFile: clvlab show prints every shipped file
// byte for byte as it is in scenarios/shipped (the files the binary
// embeds), comments included, and what it prints loads as a scenario.
func TestShowPrintsTheShippedFile(t *testing.T) {
	for _, id := range scenarios.Presets() {
		status, out, errs := runCLI(t, "show", id)
		if status != ExitOK {
			t.Fatalf("%s: status %d: %s", id, status, errs)
		}
		want, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "shipped", id+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("clvlab show %s is not the shipped file byte for byte", id)
		}
		if !strings.HasPrefix(out, "# ") {
			t.Errorf("%s: the comments are missing", id)
		}
		if _, err := scenarios.Parse(id+".toml", []byte(out)); err != nil {
			t.Errorf("%s: what show prints does not load: %v", id, err)
		}
	}
	if status, _, errs := runCLI(t, "show", "nope"); status != ExitUsage || !strings.Contains(errs, "shipped scenarios are") {
		t.Errorf("unknown preset: status %d: %s", status, errs)
	}
	if status, _, _ := runCLI(t, "show", "../scenarios/shipped/annuity"); status != ExitUsage {
		t.Errorf("a path is not a preset: status %d", status)
	}
}

// TestLangZhTables: -lang zh puts the summary table and the commands'
// messages in Chinese, aligned by display width: every row of the table
// is as wide as its header in terminal columns (a Chinese character
// takes two).
func TestLangZhTables(t *testing.T) {
	dir := t.TempDir()
	status, out, errs := runCLI(t, "run", "-o", dir, "-charts", "none", "-lang", "zh", "annuity")
	if status != ExitOK {
		t.Fatal(errs)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "三年年金算例（annuity.toml）：3 期（年）") || !strings.Contains(out, "已写入 3 个文件到") {
		t.Errorf("not in Chinese:\n%s", out)
	}
	head := lines[1]
	for _, want := range []string{"基准", "忠诚五年", "每位新客户的 CLV", "获客成本"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q", want)
		}
	}
	for _, l := range lines[2:10] { // the eight KPIs, each cell right-aligned: every row as wide as the header
		if report.DisplayWidth(l) != report.DisplayWidth(head) {
			t.Errorf("row %q is %d columns wide, the header %d:\n%s", l, report.DisplayWidth(l), report.DisplayWidth(head), out)
		}
	}
	status, out, errs = runCLI(t, "compare", "annuity", "-variant", "1", "-charts", "none", "-o", dir, "-lang", "zh")
	if status != ExitOK || !strings.Contains(out, "三年年金算例（annuity.toml）：忠诚五年 与基准对比") || !strings.Contains(out, "合计（变体 − 基准）") {
		t.Errorf("compare -lang zh: status %d %s\n%s", status, errs, out)
	}
}
