//go:build !js

package app

import (
	"encoding/csv"
	"image"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/planner"
	"clvlab/internal/ui"
	"clvlab/scenarios"
	"clvlab/sim"
)

// The app's tests keep no plans between sessions unless a test gives
// the app a store of its own.
func init() { os.Setenv("CLVLAB_PLANS", "off") }

// typeInto clicks field id and types text, then Enter.
func typeInto(t *testing.T, a *App, id, text string) {
	t.Helper()
	click(t, a, id)
	inFrame(func(*ebiten.Image) {
		a.frame(ui.Input{Chars: []rune(text)})
		a.frame(ui.Input{Keys: []ui.Key{ui.KeyEnter}})
	})
}

// drag moves slider path to its right end, as a hand does.
func dragRight(t *testing.T, a *App, path string) {
	t.Helper()
	r, ok := a.Widgets()[path]
	if !ok {
		t.Fatalf("no slider %s", path)
	}
	at := image.Pt(r.Max.X-3, r.Min.Y+r.Dy()*3/4)
	inFrame(func(*ebiten.Image) {
		a.frame(ui.Input{Mouse: at, Pressed: true, Down: true})
		a.frame(ui.Input{Mouse: at, Released: true})
		a.frame(ui.Input{})
	})
}

// TestPlansSideBySide: in real frames, save two plans (Save plan, and
// the Plans tab's field with a name), see them in the Plans tab with
// their KPIs, draw one on the charts, pick the other as the baseline,
// export the KPIs as CSV (its rows are the table on screen) and find the
// plans again in a new session from the store.
func TestPlansSideBySide(t *testing.T) {
	dir := t.TempDir()
	a, _ := newApp(t, 1280, 800)
	a.plans.store = &fileStore{path: filepath.Join(dir, "clvlab", "plans.json")}
	a.SetExportDir(dir)
	dragRight(t, a, "stage.formation.to.stability")
	click(t, a, "button:save") // Plan 1: more formation → stability
	click(t, a, "tab:9")
	if a.Tab() != tabPlans {
		t.Fatalf("tab %d, want the Plans tab", a.Tab())
	}
	click(t, a, "button:reset")
	typeInto(t, a, "field:plan-name", "As is")
	plans := a.p.Plans()
	nv := len(a.p.Base().Variants)
	if len(plans) != 3+nv || plans[1+nv].Name.EN != "Plan 1" || plans[2+nv].Name.EN != "As is" {
		t.Fatalf("plans %v, want the file's, Plan 1, As is", plans)
	}
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{}) })
	// Every plan's row shows its KPIs (the catalogue's format).
	drawn := drawnTexts(a)
	for _, row := range a.p.PlanRows("en") {
		if _, ok := drawn[row.Name]; !ok && row.Plan <= nv {
			t.Errorf("row %q not drawn", row.Name)
		}
		for j, k := range planner.StripKPIs() {
			if _, ok := drawn[k.Format(row.KPIs[j].Value)]; !ok {
				t.Errorf("row %q: %s %q not drawn", row.Name, k, k.Format(row.KPIs[j].Value))
			}
		}
	}
	// Plan 1 on the charts: the Compare chart's runs are the baseline,
	// Plan 1 and the current values.
	p1 := 1 + nv
	click(t, a, "charts:plan:"+itoa(p1))
	if !a.p.IsCompared(p1) {
		t.Fatal("Charts did not put Plan 1 on the charts")
	}
	if runs := a.chartInput().Runs; len(runs) != 3 || runs[1].Name != "Plan 1" {
		t.Errorf("chart runs %d, want baseline, Plan 1, current", len(runs))
	}
	// Plan 1 as the baseline: the current values (as loaded) are bad
	// news against it, in the KPI strip and in the table.
	click(t, a, "baseline:plan:"+itoa(p1))
	if a.p.BaselineName("en") != "Plan 1" || !strings.Contains(a.Fragment(), "bn=Plan+1") {
		t.Fatalf("baseline %q, link %q", a.p.BaselineName("en"), a.Fragment())
	}
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{}) })
	clv := a.p.PlanRows("en")[0].KPIs[0]
	if clv.Better() >= 0 {
		t.Errorf("current CLV %v against Plan 1's %v: not bad news", clv.Value, clv.Baseline)
	}
	cellOf := func(row, key string) (string, bool) {
		r := a.Widgets()["cell:plan:"+row+":"+key]
		for _, op := range a.ui.Ops() {
			if op.Kind == ui.OpText && op.R == r {
				return op.Text, op.Color == a.ui.Theme.Bad
			}
		}
		return "", false
	}
	if _, bad := cellOf("-1", "clv"); !bad {
		t.Error("the current values' CLV is not coloured as bad news against the baseline")
	}
	// Export the KPIs: the menu's entry writes the file; its rows are the
	// table's, cell by cell as the screen formats them.
	click(t, a, "button:export")
	click(t, a, "button:csv-kpis")
	f, err := os.Open(filepath.Join(dir, a.fileStem()+"-plans.csv"))
	if err != nil {
		t.Fatalf("%v (%s)", err, a.noticeText())
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	screen := a.p.PlanRows("en")
	if len(rows) != 1+len(screen) {
		t.Fatalf("%d CSV rows, want a header and %d plans", len(rows), len(screen))
	}
	for i, row := range screen {
		line := rows[i+1]
		if line[0] != row.Name || (line[1] == "yes") != row.Baseline {
			t.Errorf("CSV row %d: %q, want %q (baseline %v)", i+1, line[:2], row.Name, row.Baseline)
		}
		for j, k := range planner.StripKPIs() {
			shown, _ := cellOf(itoa(row.Plan), k.String())
			v, ok := parseCell(line[2+j])
			if got := k.Format(v); got != shown && ok {
				t.Errorf("plan %q %s: CSV %s shows as %q, the screen %q", row.Name, k, line[2+j], got, shown)
			}
		}
	}
	// A new session on the scenario finds both plans in the store.
	b, _ := New("", nil, "")
	b.plans.store = a.plans.store
	s, _ := scenarios.Preset(scenarios.DefaultPreset)
	b.load(s, scenarios.DefaultPreset)
	got := b.p.SavedPlans()
	if len(got) != 2 || got[0].Name != "Plan 1" || got[1].Name != "As is" {
		t.Errorf("a new session has the plans %v", got)
	}
}

// TestCorruptStoreSetAside: a store that is not one of plans is moved
// aside and reported on the status line; the app starts without plans,
// and the next save writes a good store.
func TestCorruptStoreSetAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plans.json")
	os.WriteFile(path, []byte(`{"format":"clvlab plans","version":1,"scenarios":{"four-stage":[{`), 0o644)
	a, _ := newApp(t, 1280, 800)
	a.plans.store = &fileStore{path: path}
	s, _ := scenarios.Preset("four-stage")
	a.load(s, "four-stage")
	if !a.note.bad || !strings.Contains(a.noticeText(), "set aside") || len(a.p.SavedPlans()) != 0 {
		t.Fatalf("status %q, %d plans", a.noticeText(), len(a.p.SavedPlans()))
	}
	aside, _ := filepath.Glob(path + ".unreadable-*")
	if len(aside) != 1 {
		t.Errorf("set aside as %v, want one file", aside)
	}
	a.savePlan()
	data, _ := os.ReadFile(path)
	if st, err := planner.ReadStore(data); err != nil || len(st.Scenarios["four-stage"]) != 1 {
		t.Errorf("the store after a save: %v (%s)", err, data)
	}
}

// parseCell reads a CSV number; false for an empty cell (no value).
func parseCell(s string) (sim.Optional, bool) {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return sim.Optional{}, false
	}
	return sim.Some(x), true
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestPlansTableFits: at 1024×640, 1280×800 and 1920×1080, in English
// and Chinese, with and without large text, the Plans table's cells lie
// within the window, do not overlap within a row, and the KPIs are drawn
// whole (never shortened with "…").
func TestPlansTableFits(t *testing.T) {
	for _, size := range []image.Point{{1024, 640}, {1280, 800}, {1920, 1080}} {
		for _, lang := range []string{"en", "zh"} {
			for _, big := range []bool{false, true} {
				a, _ := newApp(t, size.X, size.Y)
				a.lang, a.big, a.tab = lang, big, tabPlans
				a.p.Set(stabilityStay, 0.94)
				a.p.SavePlan("Cheaper leads, longer view with a long name", "")
				a.p.Set("acquisition.cost_per_customer", 1234.5)
				a.p.SavePlan("保留优先", "")
				inFrame(func(*ebiten.Image) { a.frame(ui.Input{}) })
				rows := map[int][]image.Rectangle{}
				for id, r := range a.Widgets() {
					for _, p := range []string{"cell:", "baseline:", "charts:", "delete:", "name:"} {
						if strings.HasPrefix(id, p) {
							if r.Min.X < 0 || r.Max.X > a.w || r.Max.Y > a.h {
								t.Errorf("%v %s big %v: %s at %v is outside the window", size, lang, big, id, r)
							}
							rows[r.Min.Y] = append(rows[r.Min.Y], r)
						}
					}
				}
				for y, rs := range rows {
					for i := range rs {
						for j := range i {
							if rs[i].Overlaps(rs[j]) {
								t.Errorf("%v %s big %v: cells %v and %v of the row at %d overlap", size, lang, big, rs[i], rs[j], y)
							}
						}
					}
				}
				for _, op := range a.ui.Ops() {
					if op.Kind == ui.OpText && strings.HasSuffix(op.Text, "…") && !strings.Contains(op.Text, "Cheaper") {
						for id, r := range a.Widgets() {
							if strings.HasPrefix(id, "cell:") && op.R == r {
								t.Errorf("%v %s big %v: KPI %q cut", size, lang, big, op.Text)
							}
						}
					}
				}
			}
		}
	}
}
