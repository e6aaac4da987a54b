package lessons

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strings"

	"clvlab/scenarios"
)

// MaxSteps bounds a lesson's steps: a lesson is a short sequence.
const MaxSteps = 20

// Parse reads a lesson from src; file names it in messages and gives the
// lesson its id (the file's name without ".toml"). The error, if any, is
// a *scenarios.Error listing every problem with its line.
func Parse(file string, src []byte) (*Lesson, error) {
	r, top, err := scenarios.NewReader(file, src, "lesson", "docs/lessons.md")
	if err != nil {
		return nil, err
	}
	_, stage := top["stage"]
	if _, step := top["step"]; stage && !step {
		r.Add(scenarios.At{}, "this is a scenario file ([[stage]] tables), not a lesson; check it with clvlab validate. A lesson has a title, the scenario it starts from and [[step]] tables, see docs/lessons.md")
		return nil, r.Err()
	}
	base := path.Base(file)
	l := &Lesson{ID: strings.TrimSuffix(base, path.Ext(base)), File: file}
	var steps []map[string]any
	stepsAt := scenarios.At{}.Key("step")
	r.Table(scenarios.At{}, top, []scenarios.Key{
		{Name: "title", Set: scenarios.TextValue(&l.Title)},
		{Name: "description", Set: scenarios.TextValue(&l.Description)},
		{Name: "scenario", Set: scenarios.StringValue(&l.Scenario)},
		{Name: "step"},
	}, func(k string, v any, at scenarios.At) {
		steps = r.Tables(at, v)
	})
	if _, given := top["title"]; !given {
		r.Add(scenarios.At{}, `title is missing; give the lesson a title, title = { en = "...", zh = "..." }`)
	}
	bilingual(r, scenarios.At{}, "title", top, l.Title, false)
	bilingual(r, scenarios.At{}, "description", top, l.Description, true)
	start := startScenario(r, top, l.Scenario)
	switch _, given := top["step"]; {
	case !given || steps != nil && len(steps) == 0:
		r.Add(scenarios.At{}, "no [[step]] tables; a lesson has 1 to %d steps, each [[step]] with text and show", MaxSteps)
	case len(steps) > MaxSteps:
		r.Add(stepsAt.Index(MaxSteps, fmt.Sprintf("step %d", MaxSteps+1)), "%d steps, a lesson has at most %d", len(steps), MaxSteps)
		steps = steps[:MaxSteps]
	}
	for i, m := range steps {
		at := stepsAt.Index(i, fmt.Sprintf("step %d", i+1))
		st := readStep(r, at, m)
		if start != nil {
			l.recordBase(start, st)
		}
		if start != nil && !r.Apply(start, settingsOf(st), at) {
			start = nil // later steps would repeat this step's problems
		}
		if i == len(steps)-1 && !st.Question.IsZero() {
			r.Add(at.Key("question"), "the last step asks a question that no step answers; add a step after it, which reveals the answer, or drop the question")
		}
		l.Steps = append(l.Steps, st)
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return l, nil
}

// readStep reads the [[step]] table m at at.
func readStep(r *scenarios.Reader, at scenarios.At, m map[string]any) Step {
	st := Step{Tab: -1}
	var set map[string]any
	r.Table(at, m, []scenarios.Key{
		{Name: "text", Set: scenarios.TextValue(&st.Text)},
		{Name: "show", Set: scenarios.StringValue(&st.Show)},
		{Name: "set"},
		{Name: "question", Set: scenarios.TextValue(&st.Question)},
		{Name: "answer", Set: scenarios.TextValue(&st.Answer)},
	}, func(k string, v any, at scenarios.At) {
		set, _ = r.AsTable(at, v)
	})
	if _, given := m["text"]; !given {
		r.Add(at, `text is missing; give what the step says, text = { en = "...", zh = "..." }`)
	}
	bilingual(r, at, "text", m, st.Text, true)
	show, given := m["show"]
	switch _, isString := show.(string); {
	case !given:
		r.Add(at, `show is missing; give the tab the step shows, e.g. show = "cashflow"; tabs are %s`, tabList())
	case !isString: // the decoder said so
	case tabIndex(st.Show) < 0:
		r.Add(at.Key("show"), "show: no tab %q%s; tabs are %s", st.Show, didYouMean(st.Show, Tabs), tabList())
	default:
		st.Tab = tabIndex(st.Show)
	}
	_, q := m["question"]
	_, a := m["answer"]
	switch {
	case q && !a:
		r.Add(at.Key("question"), `the question has no answer; give answer = { en = "...", zh = "..." }, which the next step reveals`)
	case a && !q:
		r.Add(at.Key("answer"), `an answer without a question; give question = { en = "...", zh = "..." } or drop the answer`)
	}
	bilingual(r, at, "question", m, st.Question, true)
	bilingual(r, at, "answer", m, st.Answer, true)
	for _, s := range scenarios.Settings(set) {
		sat := at.Key("set").Key(s.Path)
		x, ok := number(s.Value)
		if !ok {
			r.Add(sat, "set %q: a lesson sets numbers, as the planner's controls do; got %s", s.Path, describe(s.Value))
			continue
		}
		p, err := scenarios.ParsePath(s.Path)
		if _, number := scenarios.Lookup(p); err == nil && !number {
			r.Add(sat, "set %q: not a value the planner sets; a lesson sets the numbers of docs/scenarios.md's parameter table", s.Path)
			continue
		}
		if err != nil {
			// Apply names the problem, in the scenario's words.
			st.Set = append(st.Set, Setting{Path: scenarios.Path{Key: s.Path}, Value: x})
			continue
		}
		st.Set = append(st.Set, Setting{Path: p, Value: x})
	}
	return st
}

// recordBase records, for each path st sets that no earlier step set, its
// value in s, the scenario as loaded (Lesson.Settings orders by it).
func (l *Lesson) recordBase(s *scenarios.Scenario, st Step) {
	if l.base == nil {
		l.base = map[string]float64{}
	}
	for _, set := range st.Set {
		path := set.Path.String()
		if _, seen := l.base[path]; seen {
			continue
		}
		p, err := s.ParsePath(path)
		e, ok := scenarios.Lookup(p)
		if err == nil && ok {
			l.base[path] = e.Get(s, p)
		}
	}
}

// settingsOf returns a step's values as a set table's settings, for
// scenarios.Reader.Apply.
func settingsOf(st Step) []scenarios.Setting {
	out := make([]scenarios.Setting, len(st.Set))
	for i, s := range st.Set {
		out[i] = scenarios.Setting{Path: s.Path.String(), Value: s.Value}
	}
	return out
}

// bilingual checks the text t of key name of the table m at at, if
// given and read: a class reads a lesson in English or Chinese, so it
// needs both; lines allows line breaks.
func bilingual(r *scenarios.Reader, at scenarios.At, name string, m map[string]any, t scenarios.Text, lines bool) {
	v, given := m[name]
	if !given || !isText(v) {
		return // missing, or not text: said already
	}
	at = at.Key(name)
	switch {
	case t.EN == "" && t.ZH == "":
		r.Add(at, `%s is empty; give it in English and Chinese, %s = { en = "...", zh = "..." }`, name, name)
	case t.EN == "" || t.ZH == "" || t.EN == t.ZH:
		r.Add(at, `%s: give the text in both languages, %s = { en = "...", zh = "..." }`, name, name)
	}
	r.CheckText(at, t, lines)
}

// isText reports whether v reads as text: a string, or a table of en
// and zh strings.
func isText(v any) bool {
	switch v := v.(type) {
	case string:
		return true
	case map[string]any:
		for k, s := range v {
			if _, ok := s.(string); !ok || k != "en" && k != "zh" {
				return false
			}
		}
		return true
	}
	return false
}

// startScenario returns a copy of the shipped scenario id that the steps'
// values are set on, or nil (with a problem recorded) when there is none.
func startScenario(r *scenarios.Reader, top map[string]any, id string) *scenarios.Scenario {
	at := scenarios.At{}.Key("scenario")
	v, given := top["scenario"]
	if _, isString := v.(string); given && !isString {
		return nil // said already
	}
	if id == "" {
		r.Add(scenarios.At{}, "scenario is missing; give the shipped scenario the lesson starts from, e.g. scenario = %q; shipped scenarios are %s",
			scenarios.DefaultPreset, strings.Join(scenarios.Presets(), ", "))
		return nil
	}
	if !slices.Contains(scenarios.Presets(), id) {
		r.Add(at, "scenario: no shipped scenario %q%s; shipped scenarios are %s", id, didYouMean(id, scenarios.Presets()), strings.Join(scenarios.Presets(), ", "))
		return nil
	}
	s, err := scenarios.Preset(id)
	if err != nil {
		r.Add(at, "scenario %q: %v", id, err) // a shipped scenario that does not load: a test fails first
		return nil
	}
	return s
}

// number returns v as a finite number.
func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	return 0, false
}

// describe names a value that is not a number.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", v)
	case float64:
		return fmt.Sprintf("%v; give a finite number", v)
	case bool:
		return fmt.Sprint(v)
	case map[string]any:
		return "a table (a lesson sets values, not distributions)"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("a %T", v)
}

// didYouMean returns ` (did you mean "x"?)` for the candidate closest to
// s, if one is within two edits, else "".
func didYouMean(s string, candidates []string) string {
	if c := scenarios.Closest(s, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// Load reads and parses the lesson file name in fsys.
func Load(fsys fs.FS, name string) (*Lesson, error) {
	src, err := scenarios.ReadFS(fsys, name)
	if err != nil {
		return nil, err
	}
	return Parse(name, src)
}

// ReadFile reads and parses the lesson file at path on the operating
// system's files.
func ReadFile(path string) (*Lesson, error) {
	src, err := scenarios.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}
