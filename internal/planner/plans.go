package planner

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"clvlab/scenarios"
	"clvlab/sim"
)

// Saved is a plan the user saved: a name, a description and the values
// that differ from the scenario as loaded, by registry path. The store
// (Store) keeps them between sessions.
type Saved struct {
	Name        string             `json:"name"`
	Description string             `json:"description,omitempty"`
	Values      map[string]float64 `json:"values"`
}

// PlanKind says where a plan comes from.
type PlanKind int

const (
	PlanLoaded  PlanKind = iota // the scenario as loaded
	PlanVariant                 // one of the scenario's [[variant]]s
	PlanSaved                   // a state the user saved
)

// Plan is one of the plans the Plans view lists side by side: the
// scenario as loaded, each variant, then each saved plan, in that order
// (Plans).
type Plan struct {
	Kind  PlanKind
	Index int // the variant's or the saved plan's index
	Name  scenarios.Text
	// Description is the variant's or the saved plan's.
	Description scenarios.Text
}

// Plan limits: a name's length, and how many plans a scenario keeps (a
// scenario file holds at most scenarios.MaxVariants variants, and Export
// TOML writes every plan and the current values as one).
const (
	maxPlanName = 80
	maxPlanDesc = 1000
)

// MaxSaved returns how many plans can be saved on this scenario: what
// the variants and the current values leave of scenarios.MaxVariants.
func (p *Planner) MaxSaved() int { return max(0, scenarios.MaxVariants-len(p.base.Variants)-1) }

// Plans lists the plans: the scenario as loaded, its variants, the saved
// plans.
func (p *Planner) Plans() []Plan {
	out := []Plan{{Kind: PlanLoaded, Name: scenarios.Text{EN: "As loaded", ZH: "原始情景"}}}
	for i, v := range p.base.Variants {
		out = append(out, Plan{Kind: PlanVariant, Index: i, Name: v.Name, Description: v.Description})
	}
	for i, s := range p.saved {
		out = append(out, Plan{Kind: PlanSaved, Index: i, Name: scenarios.Text{EN: s.Name, ZH: s.Name},
			Description: scenarios.Text{EN: s.Description, ZH: s.Description}})
	}
	return out
}

// PlansVersion changes whenever the list of plans, a plan's name or which
// plans are compared changes.
func (p *Planner) PlansVersion() int { return p.plansGen }

// savedAt returns the index into Plans of saved plan i.
func (p *Planner) savedAt(i int) int { return 1 + len(p.base.Variants) + i }

// savedIndex returns the saved plan's index of plan i, or an error when
// plan i is not a saved plan.
func (p *Planner) savedIndex(i int) (int, error) {
	j := i - p.savedAt(0)
	switch {
	case i < 0 || j >= len(p.saved):
		return 0, problem("there is no plan %d", "没有第 %d 个方案", i+1)
	case j < 0:
		return 0, problem("the scenario as loaded and its variants come from the file and cannot be renamed or deleted; save the values as a plan of your own", "原始情景及其变体来自情景文件，不能重命名或删除；请将取值另存为自己的方案")
	}
	return j, nil
}

// checkName cleans a plan's name and refuses one that is empty, too
// long, or taken by another plan (names become variant names, which a
// scenario file keeps unique); except is the saved plan being renamed,
// or −1.
func (p *Planner) checkName(name string, except int) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case name == "":
		return "", problem("give the plan a name", "请为方案命名")
	case utf8.RuneCountInString(name) > maxPlanName:
		return "", problem("the plan's name has %d characters, at most %d are kept", "方案名称有 %d 个字符，最多 %d 个", utf8.RuneCountInString(name), maxPlanName)
	}
	for _, pl := range p.Plans() {
		if pl.Kind == PlanSaved && pl.Index == except {
			continue
		}
		if strings.EqualFold(pl.Name.EN, name) || strings.EqualFold(pl.Name.ZH, name) {
			return "", problem("a plan named %q exists already; give another name", "已有名为“%s”的方案；请换一个名称", name)
		}
	}
	return name, nil
}

// NextPlanName proposes a name for the next saved plan: "Plan N" (方案 N),
// the first one not taken.
func (p *Planner) NextPlanName(lang string) string {
	prefix := map[string]string{"en": "Plan ", "zh": "方案 "}[lang]
	for n := len(p.saved) + 1; ; n++ {
		name := prefix + strconv.Itoa(n)
		if _, err := p.checkName(name, -1); err == nil {
			return name
		}
	}
}

// SavePlan keeps the current values as a plan named name, and returns
// its index in Plans.
func (p *Planner) SavePlan(name, description string) (int, error) {
	name, err := p.checkName(name, -1)
	if err != nil {
		return 0, err
	}
	if len(p.saved) >= p.MaxSaved() {
		return 0, problem("%d plans are saved, at most %d fit one scenario file; delete one first", "已保存 %d 个方案，一个情景文件最多容纳 %d 个；请先删除一个", len(p.saved), p.MaxSaved())
	}
	p.saved = append(p.saved, Saved{Name: name, Description: clip(description, maxPlanDesc), Values: maps.Clone(p.overrides)})
	p.planRes = append(p.planRes, nil)
	p.plansGen++
	return p.savedAt(len(p.saved) - 1), nil
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// RenamePlan renames saved plan i (an index into Plans).
func (p *Planner) RenamePlan(i int, name string) error {
	j, err := p.savedIndex(i)
	if err != nil {
		return err
	}
	if name, err = p.checkName(name, j); err != nil {
		return err
	}
	p.saved[j].Name = name
	p.plansGen++
	if p.baseline.Kind == BaselineSaved && p.baseline.Saved == j {
		p.version++ // the charts name the baseline
	}
	return nil
}

// DeletePlan deletes saved plan i (an index into Plans). When it was the
// baseline, the scenario as loaded becomes the baseline.
func (p *Planner) DeletePlan(i int) error {
	j, err := p.savedIndex(i)
	if err != nil {
		return err
	}
	p.saved = slices.Delete(p.saved, j, j+1)
	p.planRes = slices.Delete(p.planRes, j, j+1)
	p.compared = slices.DeleteFunc(p.compared, func(k int) bool { return k == i })
	for n, k := range p.compared {
		if k > i {
			p.compared[n] = k - 1
		}
	}
	p.plansGen++
	switch {
	case p.baseline.Kind != BaselineSaved:
		return nil
	case p.baseline.Saved == j:
		p.baseline = Baseline{}
	case p.baseline.Saved > j:
		p.baseline.Saved--
	}
	return p.recompute()
}

// SetBaselinePlan makes plan i (an index into Plans) the baseline.
func (p *Planner) SetBaselinePlan(i int) error {
	list := p.Baselines()
	if i < 0 || i >= len(list) {
		return problem("there is no plan %d", "没有第 %d 个方案", i+1)
	}
	b := list[i]
	p.baseline = b
	return p.recompute()
}

// BaselinePlan returns the index in Plans of the baseline.
func (p *Planner) BaselinePlan() int {
	switch p.baseline.Kind {
	case BaselineVariant:
		return 1 + p.baseline.Variant
	case BaselineSaved:
		return p.savedAt(p.baseline.Saved)
	}
	return 0
}

// Compared returns the plans drawn on the charts beside the baseline and
// the current values, as indexes into Plans, in the order they were
// chosen.
func (p *Planner) Compared() []int { return slices.Clone(p.compared) }

// IsCompared reports whether plan i is drawn on the charts.
func (p *Planner) IsCompared(i int) bool { return slices.Contains(p.compared, i) }

// maxCompared bounds the plans drawn together, so the charts' legends
// stay readable.
const maxCompared = 5

// SetCompared draws plan i on the charts (on) or stops drawing it.
func (p *Planner) SetCompared(i int, on bool) error {
	if i < 0 || i >= len(p.Plans()) {
		return problem("there is no plan %d", "没有第 %d 个方案", i+1)
	}
	if on == p.IsCompared(i) {
		return nil
	}
	if on && len(p.compared) >= maxCompared {
		return problem("%d plans are drawn on the charts already, at most %d; take one off first", "图表上已有 %d 个方案，最多 %d 个；请先移除一个", len(p.compared), maxCompared)
	}
	if on {
		p.compared = append(p.compared, i)
	} else {
		p.compared = slices.DeleteFunc(p.compared, func(k int) bool { return k == i })
	}
	p.plansGen++
	return nil
}

// PlanValues returns the values plan i sets, by path: none for the
// scenario as loaded, a variant's settings, a saved plan's values.
func (p *Planner) PlanValues(i int) map[string]float64 {
	pl := p.Plans()[i]
	switch pl.Kind {
	case PlanVariant:
		// The values the variant's scenario has at the paths it sets: a
		// distribution ({ beta = [46, 4] }) gives the value the engine runs.
		out := map[string]float64{}
		vs, probs := p.base.WithVariant(pl.Index)
		if len(probs) > 0 {
			return out
		}
		for _, st := range p.base.Variants[pl.Index].Set {
			if c, ok := p.Control(st.Path); ok {
				out[st.Path] = c.get(vs)
			}
		}
		return out
	case PlanSaved:
		return maps.Clone(p.saved[pl.Index].Values)
	}
	return map[string]float64{}
}

// PlanScenario returns the scenario of plan i: the scenario as loaded
// with the plan's values.
func (p *Planner) PlanScenario(i int) (*scenarios.Scenario, error) {
	pl := p.Plans()[i]
	switch pl.Kind {
	case PlanVariant:
		s, probs := p.base.WithVariant(pl.Index)
		if len(probs) > 0 {
			return nil, problem("%s", "%s", probs[0].Msg)
		}
		return s, nil
	case PlanSaved:
		s, err := p.withOverrides(p.saved[pl.Index].Values)
		if err == nil {
			s.Name = pl.Name
			s.Description = pl.Description
		}
		return s, err
	}
	return p.withOverrides(nil)
}

// PlanResult returns the projection of plan i, computed once per plan.
func (p *Planner) PlanResult(i int) (*sim.Result, error) {
	if i == p.BaselinePlan() {
		return p.baseRes, nil
	}
	pl := p.Plans()[i]
	if pl.Kind == PlanSaved && p.planRes[pl.Index] != nil {
		return p.planRes[pl.Index], nil
	}
	if pl.Kind != PlanSaved {
		if r := p.fixedRes[i]; r != nil {
			return r, nil
		}
	}
	s, err := p.PlanScenario(i)
	if err != nil {
		return nil, err
	}
	res, err := projectScenario(s)
	if err != nil {
		return nil, err
	}
	if pl.Kind == PlanSaved {
		p.planRes[pl.Index] = res
	} else {
		p.fixedRes[i] = res
	}
	return res, nil
}

// PlanRow is one plan's line of the Plans view: its name, whether it is
// the baseline, and its KPIs against the baseline (the strip's figures).
type PlanRow struct {
	Plan     int // index into Plans; −1 for the current values
	Name     string
	Baseline bool
	KPIs     []KPI
	Err      string // the plan could not be projected: why
}

// PlanRows returns the Plans view's table in lang: the current values
// first, then every plan, each with the strip's KPIs against the
// baseline.
func (p *Planner) PlanRows(lang string) []PlanRow {
	base := &p.baseRes.Summary
	row := func(res *sim.Result) []KPI {
		out := make([]KPI, len(stripKPIs))
		for i, k := range stripKPIs {
			out[i] = kpiOf(k, &res.Summary, base)
		}
		return out
	}
	rows := []PlanRow{{Plan: -1, Name: map[string]string{"en": "Current values", "zh": "当前取值"}[lang], KPIs: row(p.result)}}
	bp := p.BaselinePlan()
	for i, pl := range p.Plans() {
		r := PlanRow{Plan: i, Name: pl.Name.In(lang), Baseline: i == bp}
		if res, err := p.PlanResult(i); err != nil {
			r.Err = err.Error()
		} else {
			r.KPIs = row(res)
		}
		rows = append(rows, r)
	}
	return rows
}
