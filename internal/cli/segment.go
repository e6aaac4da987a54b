package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"clvlab/internal/chart/chartfile"
	"clvlab/internal/records"
	"clvlab/internal/report"
	"clvlab/internal/segment"
	"clvlab/scenarios"
)

const segmentAbout = `Classifies a company's customers on a segmentation matrix, from a transaction
log (read as clvlab fit transactions reads it, with the same flags) or a
per-customer summary (detected by its frequency, recency and T columns, or
-input summary); docs/segment.md says how each is computed.

  -by rfm            recency, frequency and monetary quintile scores 1-5 (equal
                     values share a score) and the segments champions, loyal,
                     potential loyalists, new, need attention, at risk,
                     hibernating, lost (rules on R and F in docs/segment.md)
  -by abc            ABC classes by the share of value held by the customers
                     ranked above (-cuts, default 0.8,0.95) and the Pareto curve
  -by crvp           purchase amount x purchase cycle, 3x3: platinum, gold,
                     silver, development, adjust (thresholds the tertiles, or
                     -cycle and -amount-cuts); one-time buyers apart as "new"
  -by value-loyalty  gold, risk, marginal, low-service: value CLV (fitted as
                     clvlab fit does) or margin (-value), loyalty P(alive) or
                     tenure (-loyalty), split at the medians or -split
  -by acquisition-retention   loyal, easy to keep hard to win, easy to win
                     hard to keep, casual: from a summary with acquisition_cost
                     and retention_cost columns, split at the medians or -split

Writes into DIR/<name>/segment/<method>/ (name: the file's name without its
extension): segments.csv (each customer's segment and scores), summary.csv
(each segment's customers and value), matrix.png (and pareto.png for abc) and
index.html, atomically as run does. -scenario FILE.toml also writes a scenario
whose segments have the observed shares and revenue multipliers, over the
lifecycle of -base. Example (the CDNOW sample):
  clvlab segment internal/records/testdata/CDNOW_sample.txt -customer 1 -date 3 -amount 5 \
    -by crvp -scenario crvp.toml`

func segmentCmd(args []string, stdout, stderr io.Writer) int {
	fs := flags("segment", "FILE -by METHOD [flags]", segmentAbout, stderr)
	ff := newFitFlags(fs)
	sf := segmentFlags{
		by:          fs.String("by", "", "the `matrix`: rfm, abc, crvp, value-loyalty or acquisition-retention"),
		input:       fs.String("input", "", "the file's `kind`: transactions or summary (default: a summary if its header names frequency, recency and T columns)"),
		cuts:        fs.String("cuts", "", "abc: the two `shares` of value that end classes A and B, e.g. 0.8,0.95 (default 0.8,0.95)"),
		cycle:       fs.String("cycle", "", "crvp: the two purchase-cycle `thresholds` (in -period units) that end short and medium (default: the tertiles)"),
		amountCuts:  fs.String("amount-cuts", "", "crvp: the two mean-purchase-amount `thresholds` that end small and medium (default: the tertiles)"),
		value:       fs.String("value", "clv", "value-loyalty: the value `measure`: clv (residual CLV of the fitted model) or margin (spend so far × -margin)"),
		loyalty:     fs.String("loyalty", "palive", "value-loyalty: the loyalty `measure`: palive (P(alive) of the fitted model) or tenure (time since the first purchase)"),
		split:       fs.String("split", "", "value-loyalty, acquisition-retention: the `row,column` thresholds (a value above is high), e.g. 150,0.5; an empty part is the median (default: both medians)"),
		acquisition: fs.String("acquisition-cost", "", "acquisition-retention: the acquisition cost `column` (default: acquisition_cost, cac)"),
		retention:   fs.String("retention-cost", "", "acquisition-retention: the retention cost `column` (default: retention_cost)"),
		valueColumn: fs.String("value-column", "", "acquisition-retention: the customers' value `column` (default: value, clv, margin, revenue; optional)"),
		scenario:    fs.String("scenario", "", "also write a scenario `FILE.toml` whose segments have the observed shares and revenue multipliers"),
		base:        fs.String("base", "", "the scenario `FILE|PRESET` whose lifecycle -scenario takes (default: value-segments for crvp, four-stage otherwise)"),
	}
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if fs.NArg() != 1 {
		if fs.NArg() == 0 {
			fs.Usage()
		} else {
			fmt.Fprintf(stderr, "clvlab segment: give one file, got %d: %s\n", fs.NArg(), strings.Join(fs.Args(), " "))
		}
		return ExitUsage
	}
	file := fs.Arg(0)
	if err := checkDataFile(file); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitUsage
	}
	plan, err := sf.check(file, fs)
	if err != nil {
		fmt.Fprintf(stderr, "clvlab segment: %v\n", err)
		return ExitUsage
	}
	opt, err := ff.options(plan.kind)
	if err != nil {
		fmt.Fprintf(stderr, "clvlab segment: %v\n", err)
		return ExitUsage
	}
	bar := newProgress(stderr)
	defer bar.clear()
	seg, err := plan.classify(file, opt, ff, bar, stderr)
	bar.clear()
	if err != nil {
		var usage *usageError
		if errors.As(err, &usage) {
			fmt.Fprintf(stderr, "clvlab segment: %v\n", err)
			return ExitUsage
		}
		var rec *records.Error
		if errors.As(err, &rec) {
			fmt.Fprintln(stderr, err)
			return ExitUsage
		}
		fmt.Fprintf(stderr, "clvlab segment: %v\n", err)
		return ExitFailure
	}
	seg.File, seg.Name, seg.Lang = file, dataName(file), opt.lang
	for _, f := range opt.formats {
		seg.Formats = append(seg.Formats, chartfile.Format(f))
	}
	if sf.scenarioOut() != "" {
		if err := writeSegmentScenario(seg, plan, sf, args); err != nil {
			fmt.Fprintf(stderr, "clvlab segment: -scenario: %v\n", err)
			return ExitFailure
		}
		seg.Scenario = *sf.scenario
	}
	if err := report.WriteSegmentTable(stdout, seg); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitFailure
	}
	dir := filepath.Join(*ff.out, seg.Name, "segment", string(plan.method))
	files := report.SegmentFiles(seg)
	bar.show("clvlab segment: writing %d files to %s", len(files), dir)
	err = writeResults(*ff.out, dir, files)
	bar.clear()
	if err != nil {
		fmt.Fprintf(stderr, "clvlab segment: %v\n", err)
		return ExitFailure
	}
	if seg.Scenario != "" {
		fmt.Fprintf(stdout, "wrote the scenario %s (clvlab run %s)\n", seg.Scenario, seg.Scenario)
	}
	fmt.Fprintf(stdout, "wrote %d files to %s; open %s\n", len(files), dir, filepath.Join(dir, report.HTMLFile))
	return ExitOK
}

// checkDataFile says what is wrong with a data file's path: missing, or a
// folder.
func checkDataFile(file string) error {
	st, err := os.Stat(file)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s: no such file", file)
	case err != nil:
		return err
	case st.IsDir():
		return fmt.Errorf("%s: is a folder; give a file", file)
	}
	return nil
}

// usageError is a segmentation asked for that the data or flags do not
// allow: a usage error.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// segmentFlags are the flags of `clvlab segment` besides fit's.
type segmentFlags struct {
	by, input, cuts, cycle, amountCuts, value, loyalty, split *string
	acquisition, retention, valueColumn, scenario, base       *string
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
}

// methodFlags are the flags that apply to one method only.
var methodFlags = map[string][]segment.Method{
	"cuts": {segment.ABC}, "cycle": {segment.CRVP}, "amount-cuts": {segment.CRVP},
	"value": {segment.ValueLoyalty}, "loyalty": {segment.ValueLoyalty},
	"split":            {segment.ValueLoyalty, segment.AcquisitionRetention},
	"acquisition-cost": {segment.AcquisitionRetention}, "retention-cost": {segment.AcquisitionRetention}, "value-column": {segment.AcquisitionRetention},
}

// check reads the flags into a plan.
func (sf *segmentFlags) check(file string, fs *flag.FlagSet) (*segmentPlan, error) {
	p := &segmentPlan{method: segment.Method(*sf.by), value: *sf.value, loyalty: *sf.loyalty, split: [2]float64{math.NaN(), math.NaN()},
		acquisition: *sf.acquisition, retention: *sf.retention, valueColumn: *sf.valueColumn}
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
		if records.LooksLikeSummary(file) {
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

// classify reads the file and classifies its customers.
func (p *segmentPlan) classify(file string, opt *fitOptions, ff *fitFlags, bar *progress, stderr io.Writer) (*report.Segmentation, error) {
	if p.method == segment.AcquisitionRetention {
		return p.costs(file, ff)
	}
	in, err := readFitInput(p.kind, file, opt, bar)
	bar.clear()
	if err != nil {
		return nil, err
	}
	s := in.summary
	for _, w := range s.Warnings {
		fmt.Fprintln(stderr, "warning: "+w)
	}
	cs := segment.FromSummary(s)
	seg := &report.Segmentation{IDs: make([]string, len(cs)), Notes: measuresNote(s, p.kind)}
	for i, c := range cs {
		seg.IDs[i] = c.ID
		if c.Weight != 1 && seg.Weights == nil {
			seg.Weights = make([]float64, len(cs))
			for j := range i {
				seg.Weights[j] = 1
			}
		}
		if seg.Weights != nil {
			seg.Weights[i] = c.Weight
		}
	}
	bar.show("clvlab segment: classifying %d customers by %s", len(cs), p.method)
	switch p.method {
	case segment.RFM:
		seg.Result, err = segment.ClassifyRFM(cs)
	case segment.ABC:
		seg.Result, err = segment.ClassifyABC(cs, p.cuts)
	case segment.CRVP:
		seg.Result, err = segment.ClassifyCRVP(cs, p.cycle, p.money)
	case segment.ValueLoyalty:
		err = p.valueLoyalty(seg, in, cs, opt, bar)
	}
	if err != nil && seg.Result == nil {
		var usage *usageError
		if !errors.As(err, &usage) {
			err = &usageError{err.Error()}
		}
	}
	return seg, err
}

// valueLoyalty measures value and loyalty (fitting the models when
// either comes from them) and splits them.
func (p *segmentPlan) valueLoyalty(seg *report.Segmentation, in *fitInput, cs []segment.Customer, opt *fitOptions, bar *progress) error {
	n := len(cs)
	value, loyalty := make([]float64, n), make([]float64, n)
	valueName, loyaltyName := segment.Text{"margin", "利润"}, segment.Text{"tenure", "在网期"}
	if p.value == "clv" || p.loyalty == "palive" {
		res, err := fitAll(in, opt, bar)
		bar.clear()
		if err != nil {
			return &usageError{fmt.Sprintf("fitting the models for %s: %v (or measure without a fit: -value margin -loyalty tenure)", measures(p), err)}
		}
		what := fmt.Sprintf("%s fitted to the data as clvlab fit does (%s)", report.ModelName(res.Chosen), res.Why)
		whatZH := fmt.Sprintf("按 clvlab fit 的方法拟合 %s（%s）", report.ModelName(res.Chosen), res.Why)
		if p.value == "clv" {
			if res.SpendModel == "" {
				return &usageError{"-value clv needs a spend model (Gamma-Gamma), and the data have no amounts: give the log's amount column (-amount), or use -value margin"}
			}
			for i, c := range res.Customers {
				value[i] = c.CLV
			}
			valueName = segment.Text{"CLV", "CLV"}
			seg.Notes = append(seg.Notes, segment.Text{
				fmt.Sprintf("Value is each customer's residual CLV over %d %ss (margin %v, discount rate %v a year), from %s.", res.Horizon, res.Unit, res.Margin, res.DiscountRate, what),
				fmt.Sprintf("价值为每位客户在 %d %s内的剩余 CLV（利润率 %v，年折现率 %v），%s。", res.Horizon, unitZH(res.Unit.String()), res.Margin, res.DiscountRate, whatZH)})
		}
		if p.loyalty == "palive" {
			for i, c := range res.Customers {
				loyalty[i] = c.PAlive
			}
			loyaltyName = segment.Text{"P(alive)", "仍活跃概率"}
			seg.Notes = append(seg.Notes, segment.Text{"Loyalty is each customer's P(alive), from " + what + ".", "忠诚度为每位客户仍活跃的概率，" + whatZH + "。"})
		}
	}
	if p.value == "margin" {
		for i, c := range cs {
			value[i] = c.Spend * opt.margin
		}
		seg.Notes = append(seg.Notes, segment.Text{fmt.Sprintf("Value is each customer's spend so far × the margin %v.", opt.margin), fmt.Sprintf("价值为每位客户迄今的消费 × 利润率 %v。", opt.margin)})
	}
	if p.loyalty == "tenure" {
		for i, c := range cs {
			loyalty[i] = c.Tenure
		}
		seg.Notes = append(seg.Notes, segment.Text{"Loyalty is each customer's tenure: the time since its first purchase.", "忠诚度为在网期：自首次购买起的时间。"})
	}
	q := segment.ValueLoyaltyQuadrants(valueName, loyaltyName)
	r, err := q.Classify(cs, value, loyalty, value, p.split)
	seg.Result = r
	return err
}

func measures(p *segmentPlan) string {
	var m []string
	if p.value == "clv" {
		m = append(m, "-value clv")
	}
	if p.loyalty == "palive" {
		m = append(m, "-loyalty palive")
	}
	return strings.Join(m, " and ")
}

func unitZH(u string) string {
	return map[string]string{"day": "天", "week": "周", "month": "个月", "year": "年"}[u]
}

// costs reads a cost summary and splits it on acquisition cost ×
// retention cost.
func (p *segmentPlan) costs(file string, ff *fitFlags) (*report.Segmentation, error) {
	costs, err := records.ReadCosts(file, records.CostOptions{Customer: *ff.customer, Acquisition: p.acquisition, Retention: p.retention, Value: p.valueColumn})
	if err != nil {
		return nil, err
	}
	n := len(costs)
	cs := make([]segment.Customer, n)
	acq, ret, value := make([]float64, n), make([]float64, n), make([]float64, n)
	seg := &report.Segmentation{IDs: make([]string, n)}
	for i, c := range costs {
		cs[i] = segment.Customer{ID: c.ID, Weight: 1}
		acq[i], ret[i], value[i] = c.Acquisition, c.Retention, c.Value
		seg.IDs[i] = c.ID
	}
	if math.IsNaN(value[0]) {
		value = nil
	}
	seg.Result, err = segment.AcquisitionRetentionQuadrants.Classify(cs, acq, ret, value, p.split)
	if err != nil {
		return nil, &usageError{err.Error()}
	}
	seg.Notes = []segment.Text{{"Each customer's acquisition cost and retention cost are the file's; a cost above the split is high.", "每位客户的获客成本与保留成本取自文件；高于分界值为高。"}}
	return seg, nil
}

// measuresNote says how a summary's measures were taken.
func measuresNote(s *records.Summary, kind string) []segment.Text {
	u := s.Unit.String()
	if kind == "summary" {
		return []segment.Text{{
			fmt.Sprintf("From a per-customer summary, times in %ss: recency is T − t_x (the time from the last purchase to the end of the data), purchases frequency + 1, the purchase cycle t_x / frequency; the file does not give the first purchase's amount, so spend is the repeat purchases' (frequency × monetary value) and the purchase amount their mean.", u),
			fmt.Sprintf("数据为每位客户的汇总，时间单位为%s：最近购买为 T − t_x（末次购买到数据结束的时间），购买次数为 frequency + 1，购买周期为 t_x / frequency；文件没有首次购买的金额，故消费为重复购买的消费（frequency × monetary value），购买金额为其平均值。", unitZH(u))}}
	}
	end := s.CalibrationEnd.Format("2006-01-02")
	return []segment.Text{{
		fmt.Sprintf("From the transaction log, %s to %s, times in %ss (purchases on one day are one purchase): recency is the time from the last purchase to %s, purchases the purchase days, the purchase cycle the mean time between purchases (first to last over the repeat purchases), spend every purchase's amount (the first included) and the purchase amount its mean.", s.Start.Format("2006-01-02"), end, u, end),
		fmt.Sprintf("数据为交易记录，%s 至 %s，时间单位为%s（同一天的购买算一次）：最近购买为末次购买到 %s 的时间，购买次数为购买天数，购买周期为购买间隔的平均值（首次到末次购买的时间除以重复购买次数），消费为全部购买金额（含首次），购买金额为其平均值。", s.Start.Format("2006-01-02"), end, unitZH(u), end)}}
}

// writeSegmentScenario writes the -scenario file: -base with the
// observed segments (segment.Scenario), its comments saying where each
// number came from, checked by loading it back, written atomically.
func writeSegmentScenario(seg *report.Segmentation, p *segmentPlan, sf segmentFlags, args []string) error {
	baseArg := *sf.base
	if baseArg == "" {
		baseArg = scenarios.DefaultPreset
		if p.method == segment.CRVP {
			baseArg = "value-segments"
		}
	}
	base, err := load(baseArg)
	if err != nil {
		return fmt.Errorf("-base: %v", err)
	}
	baseName, baseZH := base.Name.In("en"), base.Name.In("zh")
	s, err := segment.Scenario(seg.Result, base)
	if err != nil {
		return err
	}
	method := report.MethodName(p.method, "en")
	s.Name = scenarios.Text{EN: fmt.Sprintf("Segments of %s (%s)", seg.Name, method), ZH: fmt.Sprintf("%s 的客户细分（%s）", seg.Name, report.MethodName(p.method, "zh"))}
	s.Description = scenarios.Text{
		EN: fmt.Sprintf("The segments of the %s matrix observed in %s: each segment's share of new customers and its revenue multiplier are the data's; the lifecycle is that of %s.", method, seg.Name, baseName),
		ZH: fmt.Sprintf("%s 中观测到的%s细分：各细分的新客户占比与收入乘数取自数据；生命周期取自“%s”。", seg.Name, report.MethodName(p.method, "zh"), baseZH),
	}
	var buf bytes.Buffer
	in, apart := 0.0, 0.0
	for _, g := range seg.Result.Grid.Apart {
		apart += seg.Result.Groups[g].Customers
	}
	in = seg.Result.Total.Customers - apart
	fmt.Fprintf(&buf, "# %s\n#\n", s.Name.EN)
	fmt.Fprintf(&buf, "# Written by: clvlab segment %s\n", strings.Join(args, " "))
	for _, n := range seg.Notes {
		for _, line := range wrap(n[0], 74) {
			fmt.Fprintf(&buf, "# %s\n", line)
		}
	}
	lines := fmt.Sprintf("Each [[segment]]'s share is its share of the %s customers in the matrix", report.Amount(in))
	if apart > 0 {
		lines += fmt.Sprintf(" (the %s shown apart, whose segment is not known yet, are left out)", report.Amount(apart))
	}
	if p.method == segment.AcquisitionRetention {
		lines += ", its revenue_multiplier its mean value per customer over theirs (1 with no value column), and its acquisition and retention spend multipliers its mean costs over theirs"
	} else {
		lines += ", and its revenue_multiplier its mean spend per period of tenure over theirs (a scenario's revenue is per period)"
	}
	lines += fmt.Sprintf(". Thresholds: %s. Everything else (stages, acquisition, costs, per-segment overrides of segments with the same id) is that of %s (%s).", seg.CutsText(), baseName, baseArg)
	for _, line := range wrap(lines, 74) {
		fmt.Fprintf(&buf, "# %s\n", line)
	}
	buf.WriteString("\n")
	if err := s.Encode(&buf); err != nil {
		return err
	}
	out := *sf.scenario
	if _, err := scenarios.Parse(out, buf.Bytes()); err != nil {
		return fmt.Errorf("the scenario does not load back: %v", err)
	}
	return writeFileAtomic(out, buf.Bytes())
}

// wrap breaks text into lines of at most width bytes at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// writeFileAtomic writes data to a temporary file beside path, then
// renames it into place: path holds the old file or the new, never half.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	name := tmp.Name()
	tmp.Close()
	defer os.Remove(name) // a no-op once renamed
	if err := writeFile(name, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	return rename(name, path)
}
