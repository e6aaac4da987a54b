package app

import (
	"errors"

	"clvlab/internal/planner"
)

// plansState is the app's part of the plans (the planner keeps the plans
// themselves): the Plans tab's fields, the export menu and the store the
// saved plans live in between sessions.
type plansState struct {
	name    string         // the Plans tab's name field for the next Save plan
	renames map[int]string // a saved plan's name field while it is edited, by plan index
	scroll  int            // the first row of the table shown
	menu    bool           // the Export menu is open
	store   planStore
	gen     int // the planner's PlansVersion last written to the store
}

// planStore is where saved plans live between sessions: localStorage in
// the browser, plans.json in the user's config folder natively
// (plans_js.go, plans_native.go).
type planStore interface {
	read() ([]byte, error)
	write(data []byte) error
	// setAside moves a store that cannot be read out of the way, keeping
	// it for a person to look at, and says where.
	setAside() (string, error)
}

// restorePlans adds the plans saved for the scenario to the planner. A
// store that is not readable is set aside and reported; the planner then
// starts with none.
func (a *App) restorePlans() {
	st := a.readStore()
	if st == nil {
		return
	}
	if err := a.p.Restore(st.Scenarios[a.p.StoreKey()]); err != nil {
		a.fail(err)
	}
	a.plans.gen = a.p.PlansVersion()
}

// readStore reads the store of plans; nil when there is none to use.
func (a *App) readStore() *planner.Store {
	if a.plans.store == nil {
		return nil
	}
	data, err := a.plans.store.read()
	if err == nil {
		var st *planner.Store
		if st, err = planner.ReadStore(data); err == nil {
			return st
		}
	}
	where, aside := a.plans.store.setAside()
	if aside != nil {
		err = errors.Join(err, aside)
	}
	a.warn("store set aside", err, where)
	return planner.NewStore()
}

// persistPlans writes the saved plans of the scenario into the store when
// they changed, keeping the other scenarios' entries.
func (a *App) persistPlans() {
	if a.plans.store == nil || a.p.PlansVersion() == a.plans.gen {
		return
	}
	a.plans.gen = a.p.PlansVersion()
	st := a.readStore()
	if st == nil {
		return
	}
	if list := a.p.SavedPlans(); len(list) > 0 {
		st.Scenarios[a.p.StoreKey()] = list
	} else {
		delete(st.Scenarios, a.p.StoreKey())
	}
	data, err := st.Encode()
	if err == nil {
		err = a.plans.store.write(data)
	}
	if err != nil {
		a.warn("store not written", err)
	}
}

// savePlan keeps the current values as a plan named by the Plans tab's
// field, or the next free "Plan N".
func (a *App) savePlan() {
	name := a.plans.name
	if name == "" {
		name = a.p.NextPlanName(a.lang)
	}
	i, err := a.p.SavePlan(name, "")
	if err != nil {
		a.fail(err)
		return
	}
	a.plans.name = ""
	a.say("plan saved", a.p.Plans()[i].Name.EN, inLang(func(lang string) string { return textIn("tab:plans", lang) }))
	a.persistPlans()
}

func init() {
	for k, v := range planTexts {
		texts[k] = v
	}
}

// planTexts are the words of the plans and the exports.
var planTexts = map[string][2]string{
	"save plan":         {"Save plan", "保存方案"},
	"plan saved":        {"Saved the current values as plan “%s”: compare plans and pick the baseline in the %s tab.", "已将当前取值保存为方案“%s”：在“%s”标签中对比方案并选择基准。"},
	"tab:plans":         {"Plans", "方案"},
	"store set aside":   {"The saved plans could not be read (%v); they were set aside as %s and the planner starts with none.", "无法读取已保存的方案（%v）；已将其另存为 %s，规划器不载入任何已保存方案。"},
	"store not written": {"The plans could not be saved for later (%v).", "方案未能保存以备后用（%v）。"},
	"plans title":       {"Plans side by side: the KPIs of each plan; the baseline's row is marked, changes against it coloured.", "方案对比：各方案的指标；基准所在行已标出，相对基准的变化以颜色表示。"},
	"plan":              {"Plan", "方案"},
	"current values":    {"Current values", "当前取值"},
	"as baseline":       {"Baseline", "基准"},
	"on charts":         {"Charts", "图表"},
	"use as baseline":   {"Use", "设为"},
	"is baseline":       {"Baseline", "基准"},
	"show on charts":    {"Show", "显示"},
	"shown on charts":   {"Shown", "已显示"},
	"delete":            {"Delete", "删除"},
	"name field":        {"Name of the next plan", "下一个方案的名称"},
	"plan renamed":      {"Renamed the plan “%s”.", "方案已重命名为“%s”。"},
	"plan deleted":      {"Deleted the plan “%s”.", "已删除方案“%s”。"},
	"plans more":        {"…%d more plans: scroll the table", "……另有 %d 个方案：滚动表格查看"},
	"export":            {"Export…", "导出…"},
	"export TOML all":   {"Scenario file with every plan (.toml)", "含全部方案的情景文件（.toml）"},
	"export PNG chart":  {"Visible chart as an image (.png)", "当前图表图片（.png）"},
	"export KPIs CSV":   {"Every plan's KPIs (.csv)", "各方案指标（.csv）"},
	"export chart CSV":  {"Visible chart's data (.csv)", "当前图表数据（.csv）"},
	"export report":     {"Printable report (.html, print to PDF)", "可打印报告（.html，可打印为 PDF）"},
	"no chart data":     {"The %s tab has no chart data of its own: its numbers are in the plans' KPIs (.csv).", "“%s”标签没有自己的图表数据：其数字见各方案指标（.csv）。"},
	"unit money":        {"%s", "%s"},
	"unit ratio":        {"ratio", "比值"},
}
