package planner

import (
	"fmt"
	"maps"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// View is the part of the screen a link keeps besides the values.
type View struct {
	Lang string // "en" or "zh"
	Tab  int    // the chart tab
	Seek Seek   // the seek bar's goal
	// Big is large text (for a classroom): every text and chart drawn
	// larger.
	Big bool
	// Projector is projector mode: the chart and the formula panel over
	// the whole screen, in high contrast, no text under 24 px at
	// 1920×1080.
	Projector bool
	// Lesson is the id of the lesson open ("" for none) and Step its step,
	// from 1 (0 with no lesson).
	Lesson string
	Step   int
}

// Seek is the goal of the seek bar: the KPI (its catalogue id, e.g.
// "ltv_cac"), the target as typed and the path of the lever solved for.
// An empty field means the app's default.
type Seek struct {
	KPI, Target, Lever string
}

// Fragment limits: a link is at most this long, with at most this many
// changed values.
const (
	MaxFragment  = 8192
	maxOverrides = 200
)

// Fragment returns the URL fragment (without "#") that reproduces the
// screen: the shipped scenario, the changed values, the baseline (a
// saved plan's name and values as bn and bv, with b=pinned, as links
// wrote a pinned baseline before plans), the language, the chart tab,
// the seek bar's goal and large text. A loaded file is not part of the
// link: only shipped scenarios can be shared this way.
func (p *Planner) Fragment(v View) string {
	q := url.Values{}
	if p.preset != "" {
		q.Set("s", p.preset)
	}
	for _, path := range sortedPaths(p.overrides) {
		q.Add("v", path+"="+strconv.FormatFloat(p.overrides[path], 'g', -1, 64))
	}
	switch p.baseline.Kind {
	case BaselineSaved:
		// A saved plan as the baseline: its name and values (the plans
		// themselves stay in the store of the machine that saved them).
		sv := p.saved[p.baseline.Saved]
		q.Set("b", "pinned")
		q.Set("bn", sv.Name)
		for _, path := range sortedPaths(sv.Values) {
			q.Add("bv", path+"="+strconv.FormatFloat(sv.Values[path], 'g', -1, 64))
		}
	case BaselineVariant:
		q.Set("b", strconv.Itoa(p.baseline.Variant+1))
	}
	if v.Lang == "zh" {
		q.Set("lang", "zh")
	}
	if v.Tab > 0 {
		q.Set("tab", strconv.Itoa(v.Tab))
	}
	if v.Big {
		q.Set("text", "large")
	}
	if v.Projector {
		q.Set("projector", "1")
	}
	if v.Lesson != "" {
		q.Set("lesson", v.Lesson)
		q.Set("step", strconv.Itoa(max(1, v.Step)))
	}
	for key, val := range map[string]string{"goal": v.Seek.KPI, "target": v.Seek.Target, "lever": v.Seek.Lever} {
		if val != "" {
			q.Set(key, val)
		}
	}
	return q.Encode()
}

// ParseFragment reads a fragment: the preset it names ("" if none) and
// the rest, to apply with Apply once that scenario is loaded. It refuses
// what is too long or malformed with a message a person can act on.
func ParseFragment(frag string) (preset string, l Link, err error) {
	frag = strings.TrimPrefix(frag, "#")
	if len(frag) > MaxFragment {
		return "", Link{}, problem("the link is %d characters long, at most %d are read", "链接长 %d 个字符，最多读取 %d 个", len(frag), MaxFragment)
	}
	q, err := url.ParseQuery(frag)
	if err != nil {
		return "", Link{}, problem("the link is not readable (%v); open the planner without it", "链接无法读取（%v）；请不带链接打开规划器", err)
	}
	l.View.Lang = "en"
	if q.Get("lang") == "zh" {
		l.View.Lang = "zh"
	}
	l.View.Big = q.Get("text") == "large"
	if t, err := strconv.Atoi(q.Get("tab")); err == nil && t >= 0 && t < 100 {
		l.View.Tab = t
	}
	l.View.Projector, l.View.Lesson, l.View.Step, l.Ignored = teaching(q)
	l.View.Seek = Seek{KPI: q.Get("goal"), Target: q.Get("target"), Lever: q.Get("lever")}
	if len(l.View.Seek.KPI) > 40 || len(l.View.Seek.Target) > 40 || len(l.View.Seek.Lever) > 200 {
		l.View.Seek = Seek{} // not a goal this planner wrote: the defaults
	}
	l.Values, err = pairs(q["v"])
	if err != nil {
		return "", Link{}, err
	}
	l.Pinned, err = pairs(q["bv"])
	if err != nil {
		return "", Link{}, err
	}
	if l.Pinned == nil && (q.Get("pin") == "1" || q.Get("b") == "pinned") {
		l.Pinned = map[string]float64{}
	}
	if l.Pinned != nil {
		l.PinnedName = q.Get("bn")
	}
	switch b := q.Get("b"); b {
	case "":
	case "pinned":
		l.Baseline = BaselineSaved
	default:
		n, err := strconv.Atoi(b)
		if err != nil || n < 1 {
			return "", Link{}, problem("the link's baseline %q is not a variant number", "链接中的基准 %q 不是变体编号", b)
		}
		l.Baseline, l.Variant = BaselineVariant, n
	}
	return q.Get("s"), l, nil
}

// Link is what a fragment asks for besides the scenario.
type Link struct {
	View   View
	Values map[string]float64
	Pinned map[string]float64 // non-nil: a saved plan's values (older links: the pin)
	// PinnedName is the saved plan's name; "" in older links.
	PinnedName string
	Baseline   BaselineKind // the baseline: as loaded, the saved plan or a variant
	Variant    int          // with BaselineVariant: the variant's number, from 1
	// Ignored, when not nil, says which of the link's teaching keys
	// (projector, lesson, step) were not read and why; the rest of the
	// link is read as usual.
	Ignored *Problem
}

func pairs(list []string) (map[string]float64, error) {
	if len(list) > maxOverrides {
		return nil, problem("the link changes %d values, at most %d are read", "链接修改了 %d 个取值，最多读取 %d 个", len(list), maxOverrides)
	}
	if len(list) == 0 {
		return nil, nil
	}
	out := map[string]float64{}
	for _, kv := range list {
		path, val, ok := strings.Cut(kv, "=")
		x, err := strconv.ParseFloat(val, 64)
		if !ok || err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, problem("the link's value %q is not path=number", "链接中的取值 %q 不是“路径=数字”", kv)
		}
		out[path] = x
	}
	return out, nil
}

// Apply sets what a link asks for. Values the scenario has no control for,
// or that are out of range, are skipped (clamped to range) and reported;
// the rest is applied.
func (p *Planner) Apply(l Link) error {
	var skipped []string
	// set takes the values one by one, each clamped to the range the ones
	// before it leave, so rows stay valid.
	set := func(src map[string]float64) map[string]float64 {
		p.overrides = map[string]float64{}
		for _, path := range sortedPaths(src) {
			c, ok := p.Control(path)
			if !ok {
				skipped = append(skipped, path)
				continue
			}
			lo, hi := p.Range(path)
			v := math.Max(lo, math.Min(hi, src[path]))
			if c.Integer() {
				v = math.Round(v)
			}
			p.overrides[path] = v
		}
		return p.overrides
	}
	p.pushUndo()
	saved := -1
	if l.Pinned != nil {
		saved = p.linkPlan(l.PinnedName, set(l.Pinned))
	}
	set(l.Values)
	p.baseline = Baseline{}
	switch {
	case l.Baseline == BaselineSaved && saved >= 0:
		p.baseline = Baseline{Kind: BaselineSaved, Saved: saved, Overrides: p.saved[saved].Values}
	case l.Baseline == BaselineVariant && l.Variant > 0 && l.Variant <= len(p.base.Variants):
		p.baseline = Baseline{Kind: BaselineVariant, Variant: l.Variant - 1}
	case l.Baseline == BaselineVariant:
		skipped = append(skipped, fmt.Sprintf("baseline variant %d", l.Variant))
	}
	if err := p.recompute(); err != nil {
		// Values valid one by one may still break a row together: drop them.
		p.overrides, p.baseline = map[string]float64{}, Baseline{}
		p.recompute()
		return problem("the link's values do not fit this scenario (%v); showing it as loaded", "链接中的取值不适用于该情景（%v）；显示原始情景", err)
	}
	if len(skipped) > 0 {
		return problem("the link names what this scenario does not have, skipped: %s", "链接提到了该情景没有的内容，已跳过：%s", strings.Join(skipped, ", "))
	}
	return nil
}

// Open starts the session from a link: Apply, with nothing to undo
// afterwards, since the values the link sets are where the session starts.
func (p *Planner) Open(l Link) error {
	err := p.Apply(l)
	p.undo, p.redo, p.editing = nil, nil, ""
	return err
}

// linkPlan returns the saved plan a link's baseline values are: the
// saved plan with these values (and the name, when the link gives one),
// or a new one named after the link ("Pinned" for older links), or −1
// when no more plans fit.
func (p *Planner) linkPlan(name string, values map[string]float64) int {
	values = maps.Clone(values)
	for i, s := range p.saved {
		if maps.Equal(s.Values, values) && (name == "" || s.Name == name) {
			return i
		}
	}
	name = clip(strings.Join(strings.Fields(name), " "), maxPlanName-6) // room for " (99)"
	if name == "" {
		name = "Pinned"
	}
	if _, err := p.checkName(name, -1); err != nil {
		for n := 2; ; n++ {
			if _, err := p.checkName(fmt.Sprintf("%s (%d)", name, n), -1); err == nil {
				name = fmt.Sprintf("%s (%d)", name, n)
				break
			}
		}
	}
	if len(p.saved) >= p.MaxSaved() {
		return -1
	}
	p.saved = append(p.saved, Saved{Name: name, Values: values})
	p.planRes = append(p.planRes, nil)
	p.plansGen++
	return len(p.saved) - 1
}
