package report

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"clvlab/internal/explain"
	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// TestHTMLExplainsEachRun: index.html shows each variant's description
// (the worked formulas the files write there), each run's formulas with
// their values and its tenure table, whose last running sum is the run's
// CLV, in English and Chinese.
func TestHTMLExplainsEachRun(t *testing.T) {
	for _, id := range []string{"annuity", "four-stage"} {
		s, err := scenarios.Preset(id)
		if err != nil {
			t.Fatal(err)
		}
		runs, err := projection.Runs(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", "zh"} {
			var b bytes.Buffer
			if err := WriteHTML(&b, s, runs, lang, nil); err != nil {
				t.Fatal(err)
			}
			page := html.UnescapeString(b.String())
			for _, v := range s.Variants {
				if !strings.Contains(page, "<p>"+v.Description.In(lang)+"</p>") {
					t.Errorf("%s %s: index.html lacks the description of %q", id, lang, v.Name.In(lang))
				}
			}
			if !strings.Contains(page, "<details open><summary>") || strings.Count(page, "<details open>") != 1 {
				t.Errorf("%s %s: the base's tenure table is not the one shown open", id, lang)
			}
			if got := strings.Count(page, `<table class="tenure">`); got != len(runs) {
				t.Errorf("%s %s: %d tenure tables for %d runs", id, lang, got, len(runs))
			}
			for _, r := range runs {
				e := explain.Explain(r.Result, lang)
				last := e.Table.Rows[len(e.Table.Rows)-1]
				row := "<td>" + money(last.Contribution) + "</td><td>" + money(last.Sum) + "</td></tr>"
				if money(last.Sum) != money(r.Result.Summary.CLV) || !strings.Contains(page, row) {
					t.Errorf("%s %s %s: index.html lacks the table's last row ending %q (CLV %s)", id, lang, r.Name, row, money(r.Result.Summary.CLV))
				}
				clv, _ := e.Formula(kpi.CLV)
				if !strings.Contains(page, clv.String()) {
					t.Errorf("%s %s %s: index.html lacks %q", id, lang, r.Name, clv.String())
				}
			}
		}
	}
}

// TestExplanationTotals: the explanation ends with the table's total,
// which is the CLV of the summary table.
func TestExplanationTotals(t *testing.T) {
	s, _ := scenarios.Preset("value-segments")
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		var b bytes.Buffer
		if err := WriteExplanation(&b, s, r, "en"); err != nil {
			t.Fatal(err)
		}
		want := "sum of the contributions = CLV = " + money(r.Result.Summary.CLV) + "\n"
		if !strings.HasSuffix(b.String(), want) || !strings.Contains(b.String(), "the segments mixed by their shares") {
			t.Errorf("%s: the explanation does not end with %q or does not say the table mixes the segments", r.Name, want)
		}
	}
}
