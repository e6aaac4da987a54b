package planner

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// View is the part of the screen a link keeps besides the values.
type View struct {
	Lang string // "en" or "zh"
	Tab  int    // the chart tab
}

// Fragment limits: a link is at most this long, with at most this many
// changed values.
const (
	MaxFragment  = 8192
	maxOverrides = 200
)

// Fragment returns the URL fragment (without "#") that reproduces the
// screen: the shipped scenario, the changed values, the baseline, the
// language and the chart tab. A loaded file is not part of the link: only
// shipped scenarios can be shared this way.
func (p *Planner) Fragment(v View) string {
	q := url.Values{}
	if p.preset != "" {
		q.Set("s", p.preset)
	}
	for _, path := range sortedPaths(p.overrides) {
		q.Add("v", path+"="+strconv.FormatFloat(p.overrides[path], 'g', -1, 64))
	}
	switch p.baseline.Kind {
	case BaselinePinned:
		q.Set("b", "pinned")
		for _, path := range sortedPaths(p.baseline.Overrides) {
			q.Add("bv", path+"="+strconv.FormatFloat(p.baseline.Overrides[path], 'g', -1, 64))
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
	return q.Encode()
}

// ParseFragment reads a fragment: the preset it names ("" if none) and
// the rest, to apply with Apply once that scenario is loaded. It refuses
// what is too long or malformed with a message a person can act on.
func ParseFragment(frag string) (preset string, l Link, err error) {
	frag = strings.TrimPrefix(frag, "#")
	if len(frag) > MaxFragment {
		return "", Link{}, fmt.Errorf("the link is %d characters long, at most %d are read", len(frag), MaxFragment)
	}
	q, err := url.ParseQuery(frag)
	if err != nil {
		return "", Link{}, fmt.Errorf("the link is not readable (%v); open the planner without it", err)
	}
	l.View.Lang = "en"
	if q.Get("lang") == "zh" {
		l.View.Lang = "zh"
	}
	if t, err := strconv.Atoi(q.Get("tab")); err == nil && t >= 0 && t < 100 {
		l.View.Tab = t
	}
	l.Values, err = pairs(q["v"])
	if err != nil {
		return "", Link{}, err
	}
	switch b := q.Get("b"); b {
	case "":
	case "pinned":
		l.Pinned, err = pairs(q["bv"])
		if err != nil {
			return "", Link{}, err
		}
		if l.Pinned == nil {
			l.Pinned = map[string]float64{}
		}
	default:
		n, err := strconv.Atoi(b)
		if err != nil || n < 1 {
			return "", Link{}, fmt.Errorf("the link's baseline %q is not a variant number", b)
		}
		l.Variant = n
	}
	return q.Get("s"), l, nil
}

// Link is what a fragment asks for besides the scenario.
type Link struct {
	View    View
	Values  map[string]float64
	Pinned  map[string]float64 // non-nil: a pinned baseline
	Variant int                // > 0: variant number as baseline
}

func pairs(list []string) (map[string]float64, error) {
	if len(list) > maxOverrides {
		return nil, fmt.Errorf("the link changes %d values, at most %d are read", len(list), maxOverrides)
	}
	if len(list) == 0 {
		return nil, nil
	}
	out := map[string]float64{}
	for _, kv := range list {
		path, val, ok := strings.Cut(kv, "=")
		x, err := strconv.ParseFloat(val, 64)
		if !ok || err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("the link's value %q is not path=number", kv)
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
	var pinned map[string]float64
	if l.Pinned != nil {
		pinned = set(l.Pinned)
	}
	set(l.Values)
	switch {
	case l.Pinned != nil:
		p.baseline = Baseline{Kind: BaselinePinned, Overrides: pinned}
	case l.Variant > 0 && l.Variant <= len(p.base.Variants):
		p.baseline = Baseline{Kind: BaselineVariant, Variant: l.Variant - 1}
	case l.Variant > 0:
		skipped = append(skipped, fmt.Sprintf("baseline variant %d", l.Variant))
	}
	if err := p.recompute(); err != nil {
		// Values valid one by one may still break a row together: drop them.
		p.overrides, p.baseline = map[string]float64{}, Baseline{}
		p.recompute()
		return fmt.Errorf("the link's values do not fit this scenario (%v); showing it as loaded", err)
	}
	if len(skipped) > 0 {
		return fmt.Errorf("the link names what this scenario does not have, skipped: %s", strings.Join(skipped, ", "))
	}
	return nil
}
