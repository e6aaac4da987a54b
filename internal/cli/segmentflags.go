package cli

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"clvlab/internal/records"
	"clvlab/internal/segment"
)

// segmentFlags are the flags of `clvlab segment` besides fit's.
type segmentFlags struct {
	by, input, cuts, cycle, amountCuts, value, loyalty, split *string
	acquisition, retention, valueColumn, scenario, base       *string
	referredBy                                                *string
}

func (sf *segmentFlags) scenarioOut() string { return *sf.scenario }

// segmentPlan is the checked flags: the method, the input's kind and the
// thresholds.
type segmentPlan struct {
	method             segment.Method
	kind               string // transactions, summary or costs
	cuts, cycle, money []float64
	split              [2]float64
	value, loyalty     string
	// a cost summary's columns
	acquisition, retention, valueColumn string
	// a transaction log's referrer column (segmentreferral.go)
	referredBy string
}

// methodFlags are the flags that apply to one method only.
var methodFlags = map[string][]segment.Method{
	"cuts": {segment.ABC}, "cycle": {segment.CRVP}, "amount-cuts": {segment.CRVP},
	"value": {segment.ValueLoyalty}, "loyalty": {segment.ValueLoyalty},
	"split":            {segment.ValueLoyalty, segment.AcquisitionRetention, segment.DirectIndirect},
	"referred-by":      {segment.DirectIndirect},
	"acquisition-cost": {segment.AcquisitionRetention}, "retention-cost": {segment.AcquisitionRetention}, "value-column": {segment.AcquisitionRetention},
}

// check reads the flags into a plan.
func (sf *segmentFlags) check(file string, fs *flag.FlagSet, ff *fitFlags) (*segmentPlan, error) {
	p := &segmentPlan{method: segment.Method(*sf.by), value: *sf.value, loyalty: *sf.loyalty, split: [2]float64{math.NaN(), math.NaN()},
		acquisition: *sf.acquisition, retention: *sf.retention, valueColumn: *sf.valueColumn, referredBy: *sf.referredBy}
	if *sf.by == "" {
		return nil, fmt.Errorf("give the matrix: -by %s", methodList())
	}
	if !slices.Contains(segment.Methods, p.method) {
		return nil, fmt.Errorf("-by %q: the matrices are %s", *sf.by, methodList())
	}
	var wrong []string
	fs.Visit(func(f *flag.Flag) {
		if ms, ok := methodFlags[f.Name]; ok && !slices.Contains(ms, p.method) {
			wrong = append(wrong, fmt.Sprintf("-%s applies to -by %s", f.Name, methodNames(ms)))
		}
	})
	if len(wrong) > 0 {
		return nil, errors.New(strings.Join(wrong, "; "))
	}
	var err error
	if p.cuts, err = numbers("-cuts", *sf.cuts, 2); err != nil {
		return nil, err
	}
	if p.cycle, err = numbers("-cycle", *sf.cycle, 2); err != nil {
		return nil, err
	}
	if p.money, err = numbers("-amount-cuts", *sf.amountCuts, 2); err != nil {
		return nil, err
	}
	if *sf.split != "" {
		parts := strings.Split(*sf.split, ",")
		if len(parts) != 2 {
			return nil, fmt.Errorf("-split %q: give row,column thresholds, e.g. 150,0.5 (an empty part is the median)", *sf.split)
		}
		for i, s := range parts {
			if s = strings.TrimSpace(s); s == "" || s == "median" {
				continue
			}
			x, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("-split %q: %q is not a number", *sf.split, s)
			}
			p.split[i] = x
		}
	}
	if p.value != "clv" && p.value != "margin" {
		return nil, fmt.Errorf("-value %q: use clv or margin", p.value)
	}
	if p.loyalty != "palive" && p.loyalty != "tenure" {
		return nil, fmt.Errorf("-loyalty %q: use palive or tenure", p.loyalty)
	}
	switch *sf.input {
	case "":
		p.kind = "transactions"
		if records.LooksLikeSummary(file, records.SummaryOptions{Frequency: *ff.frequency, Recency: *ff.recency, T: *ff.age}) {
			p.kind = "summary"
		}
	case "transactions", "summary":
		p.kind = *sf.input
	default:
		return nil, fmt.Errorf("-input %q: use transactions or summary", *sf.input)
	}
	if p.method == segment.AcquisitionRetention {
		if *sf.input == "transactions" {
			return nil, errors.New("-by acquisition-retention needs each customer's acquisition and retention costs, which a transaction log does not have: give a summary with acquisition_cost and retention_cost columns")
		}
		p.kind = "summary"
	}
	if p.method == segment.DirectIndirect {
		if *sf.scenario != "" {
			return nil, errors.New("-scenario writes segments into a scenario; -by direct-indirect reads them from one (or from a log): leave -scenario out")
		}
		p.kind = "referrals"
		if isScenarioArg(file) {
			p.kind = "scenario"
		}
	}
	if *sf.base != "" && *sf.scenario == "" {
		return nil, errors.New("-base gives the lifecycle of the -scenario file: give -scenario FILE.toml too")
	}
	if s := *sf.scenario; s != "" && !strings.HasSuffix(s, ".toml") {
		return nil, fmt.Errorf("-scenario %q: name a .toml file", s)
	}
	return p, nil
}

// numbers reads n comma-separated numbers; nil for "".
func numbers(flag, s string, n int) ([]float64, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, fmt.Errorf("%s %q: give %d numbers separated by a comma", flag, s, n)
	}
	out := make([]float64, n)
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%s %q: %q is not a number", flag, s, strings.TrimSpace(p))
		}
		out[i] = x
	}
	return out, nil
}

func methodList() string { return methodNames(segment.Methods) }

func methodNames(ms []segment.Method) string {
	var s []string
	for _, m := range ms {
		s = append(s, string(m))
	}
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
