package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"clvlab/internal/fit"
	"clvlab/internal/records"
	"clvlab/internal/report"
)

// fitKinds are the inputs `clvlab fit` reads, by subcommand.
var fitKinds = []string{"transactions", "summary", "cohorts"}

const fitAbout = `Fits the standard customer-base models to a company's own records, predicts
per customer and checks the predictions against a holdout.

  clvlab fit transactions LOG    a transaction log: one row per purchase (customer,
                                 date, amount), CSV or Parquet
  clvlab fit summary FILE        a per-customer summary: frequency, recency, T,
                                 monetary_value (lifetimes' names too; -frequency,
                                 -recency, -T, -monetary, -weight, -holdout-frequency,
                                 -holdout-monetary and -customer name any other); one
                                 in whole periods with the same T for everyone (BG/BB's)
                                 is in periods unless -period says how long one is
  clvlab fit cohorts FILE        a cohort retention table: a label, then the customers
                                 active at the end of periods 0, 1, 2, ...

Models (-models; default every model that suits the input): bgnbd and paretonbd
(continuous time) and gammagamma (spend) for a log or a summary; bgbb for a
summary of whole periods with the same T for everyone (discrete); sbg for a
cohort table. With a holdout, the purchase model whose cumulative holdout
purchases are nearest the actual ones is chosen; without, the one with the
lowest BIC; -model overrides. customers.csv holds its predictions: P(alive),
expected purchases over -predict periods, expected spend (Gamma-Gamma) and
residual CLV = margin × expected spend × expected purchases in each period,
discounted per period (the annual -discount-rate converted to the unit,
cash at the end of each period) over -horizon periods.

Writes into DIR/<name>/fit/ (name: the file's name without its extension):
fit.json, summary.csv, customers.csv, holdout.csv and tracking.csv (with a
holdout), cohorts.csv (a cohort table), the charts and index.html, atomically
as run does. Every output says the unit.

-scenario FILE.toml also writes the fit as a scenario: the chosen BG/NBD or
Pareto/NBD (with Gamma-Gamma's mean spend) or the sBG of a cohort table as
latent classes, each an active stage with its own retention and purchases,
that reproduce the model's expected purchases (or survival) and CLV over the
-horizon at the -discount-rate and -margin; its comments say where each
number came from. Example (the CDNOW sample):
  clvlab fit transactions internal/records/testdata/CDNOW_sample.txt -customer 1 -date 3 -amount 5 \
    -period week -calibration-end 1997-09-30 -holdout-end 1998-06-30`

// fitFlags are the flags of `clvlab fit`.
type fitFlags struct {
	customer, date, amount, dateFormat *string
	// a summary file's columns
	frequency, recency, age, monetary, weight, holdoutFrequency, holdoutMonetary *string
	period, calibrationEnd, holdoutEnd                                           *string
	models, model                                                                *string
	predict, horizon                                                             *int
	discountRate, margin                                                         *float64
	out, charts, lang                                                            *string
	// scenario is -scenario FILE.toml; newCustomers -new-customers;
	// monthly -monthly.
	scenario     *string
	newCustomers *float64
	monthly      *bool
}

func fitCmd(args []string, stdout, stderr io.Writer) int {
	fs := flags("fit", "transactions|summary|cohorts FILE [flags]", fitAbout, stderr)
	ff := newFitFlags(fs)
	ff.scenario = fs.String("scenario", "", "also write the fitted model as a scenario `FILE.toml` (latent classes that reproduce it), ready for run, the what-if commands and the planner")
	ff.newCustomers = fs.Float64("new-customers", -1, "the scenario's new customers per `period` (default: the data's rate)")
	ff.monthly = fs.Bool("monthly", false, "with -scenario and a cohort table in years: a monthly scenario with yearly renewals (renewal_every = 12), one payment a month")
	var cohorts cohortLabels
	fs.Var(&cohorts, "cohort", "a cohort table's `label` to fit alone (repeat it or give a comma-separated list; default: every cohort, pooled into one fit)")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	kind := fs.Arg(0)
	if !isFitKind(kind) {
		fmt.Fprintf(stderr, "clvlab fit: %q is not an input kind; use clvlab fit transactions|summary|cohorts FILE\n", kind)
		return ExitUsage
	}
	if fs.NArg() != 2 {
		fmt.Fprintf(stderr, "clvlab fit %s: give one file, got %d\n", kind, fs.NArg()-1)
		return ExitUsage
	}
	file := fs.Arg(1)
	opt, err := ff.options(kind)
	if err == nil && len(cohorts) > 0 && kind != "cohorts" {
		err = fmt.Errorf("-cohort picks rows of a cohort table (clvlab fit cohorts); a %s has no cohorts", kindName(kind))
	}
	if err != nil {
		fmt.Fprintf(stderr, "clvlab fit %s: %v\n", kind, err)
		return ExitUsage
	}
	opt.cohorts = cohorts
	if name := *ff.scenario; name != "" && !strings.HasSuffix(strings.ToLower(name), ".toml") {
		fmt.Fprintf(stderr, "clvlab fit %s: -scenario %s: a scenario file's name ends in .toml\n", kind, name)
		return ExitUsage
	}
	if st, err := os.Stat(file); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(stderr, "%s: no such file\n", file)
		} else {
			fmt.Fprintln(stderr, err)
		}
		return ExitUsage
	} else if st.IsDir() {
		fmt.Fprintf(stderr, "%s: is a folder; give a file\n", file)
		return ExitUsage
	}
	bar := newProgress(stderr)
	defer bar.clear()
	in, err := readFitInput(kind, file, opt, bar)
	bar.clear()
	if bad := (*unsuitedError)(nil); errors.As(err, &bad) {
		fmt.Fprintf(stderr, "clvlab fit %s: %v\n", kind, err)
		return ExitUsage
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stderr, wrongKindHint(kind, file))
		return ExitUsage
	}
	if in.summary != nil {
		for _, w := range in.summary.Warnings {
			fmt.Fprintln(stderr, "warning: "+w)
		}
	}
	res, err := fitAll(in, opt, bar)
	bar.clear()
	if err != nil {
		fmt.Fprintf(stderr, "clvlab fit %s: %v\n", kind, err)
		var bad *unsuitedError
		if errors.As(err, &bad) {
			return ExitUsage
		}
		return ExitFailure
	}
	res.File, res.Name = file, dataName(file)
	if err := res.Check(); err != nil {
		fmt.Fprintf(stderr, "clvlab fit %s: %v\n", kind, err)
		return ExitFailure
	}
	if err := report.WriteFitTable(stdout, res); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitFailure
	}
	dir := filepath.Join(*ff.out, res.Name, "fit")
	files := report.FitFiles(res)
	bar.show("clvlab fit: writing %d files to %s", len(files), dir)
	err = writeResults(*ff.out, dir, files)
	bar.clear()
	if err != nil {
		fmt.Fprintf(stderr, "clvlab fit: %v\n", err)
		return ExitFailure
	}
	fmt.Fprintf(stdout, "wrote %d files to %s; open %s\n", len(files), dir, filepath.Join(dir, report.HTMLFile))
	if *ff.scenario != "" {
		sc, err := fittedScenario(res, *ff.newCustomers, *ff.monthly)
		if err == nil {
			err = writeScenarioFile(*ff.scenario, sc.TOML)
		}
		if err != nil {
			fmt.Fprintf(stderr, "clvlab fit: -scenario: %v\n", err)
			return ExitFailure
		}
		fmt.Fprintf(stdout, "wrote the fitted scenario (%d latent classes) to %s; try clvlab run %s\n", len(sc.Classes.Classes), *ff.scenario, *ff.scenario)
	}
	return ExitOK
}

// newFitFlags registers the flags that read the data and fit them, shared
// by `clvlab fit` and `clvlab segment`.
func newFitFlags(fs *flag.FlagSet) *fitFlags {
	return &fitFlags{
		customer:         fs.String("customer", "", "the customer `column`: for a log a header name or a 1-based number, for a summary a header name (default: detected)"),
		frequency:        fs.String("frequency", "", "a summary's frequency `column`, by header name (default: frequency, x, frequency_cal)"),
		recency:          fs.String("recency", "", "a summary's recency `column`, by header name (default: recency, t_x, recency_cal)"),
		age:              fs.String("T", "", "a summary's T `column` (time from the first purchase to the calibration end, or the number of periods), by header name (default: T, periods, T_cal)"),
		monetary:         fs.String("monetary", "", "a summary's monetary value `column`, by header name (default: monetary_value, zbar, monetary_value_cal, monetary)"),
		weight:           fs.String("weight", "", "a summary's weight `column` (customers a row stands for), by header name (default: weight, weights)"),
		holdoutFrequency: fs.String("holdout-frequency", "", "a summary's holdout frequency `column`, by header name (default: frequency_holdout)"),
		holdoutMonetary:  fs.String("holdout-monetary", "", "a summary's holdout monetary value `column`, by header name (default: monetary_value_holdout)"),
		date:             fs.String("date", "", "the log's date `column`: a header name or a 1-based number (default: detected)"),
		amount:           fs.String("amount", "", "the log's amount `column`: a header name or a 1-based number; none for a log without amounts (default: detected)"),
		dateFormat:       fs.String("date-format", "", "the dates' Go `layout`, e.g. 02/01/2006 (default: ISO 2006-01-02 or YYYYMMDD, detected)"),
		period:           fs.String("period", "", "the time `unit`: day, week or month (year too for a summary or a cohort table); default week, year for cohorts, and for a summary in whole periods (same T for all, as BG/BB's) \"period\""),
		calibrationEnd:   fs.String("calibration-end", "", "the last `date` of calibration, YYYY-MM-DD (default: the log's last date)"),
		holdoutEnd:       fs.String("holdout-end", "", "the last `date` of the holdout, YYYY-MM-DD (default: no holdout)"),
		models:           fs.String("models", "", "the `models` to fit, comma-separated: bgnbd, paretonbd, bgbb, gammagamma, sbg (default: every model that suits the input)"),
		model:            fs.String("model", "", "the purchase `model` whose predictions customers.csv holds (default: chosen by the holdout, else by BIC)"),
		predict:          fs.Int("predict", 0, "expected purchases over the next `N` periods (default: three years' worth)"),
		horizon:          fs.Int("horizon", 0, "the CLV horizon in `periods` (default: three years' worth)"),
		discountRate:     fs.Float64("discount-rate", 0.10, "the annual discount `rate`"),
		margin:           fs.Float64("margin", 1, "the `share` of spend kept, 0 to 1"),
		out:              fs.String("o", "out", "output `folder`: results go to folder/<name>/fit/"),
		charts:           fs.String("charts", "png", "chart `formats`, comma-separated: png, svg, pdf; none for no charts"),
		lang:             fs.String("lang", "en", "language of the charts and index.html: en or zh"),
	}
}

func isFitKind(s string) bool {
	for _, k := range fitKinds {
		if s == k {
			return true
		}
	}
	return false
}

// fitOptions are the checked flags of one fit.
type fitOptions struct {
	// command names the command in progress lines: clvlab fit, or
	// clvlab segment when it fits the models
	command string
	kind    string
	log     records.LogOptions
	summary records.SummaryOptions
	unit    records.Unit
	// period is -period as given ("" when not)
	period  string
	models  []string // as given; nil: every model that suits the input
	model   string
	predict int
	horizon int
	rate    float64 // annual
	margin  float64
	lang    string
	formats []string
	cohorts []string // -cohort: the cohort table's rows to fit (nil: all)
}

// options checks the flags for an input of the given kind.
func (ff *fitFlags) options(kind string) (*fitOptions, error) {
	opt := &fitOptions{command: "clvlab fit", kind: kind, model: strings.TrimSpace(*ff.model), rate: *ff.discountRate, margin: *ff.margin, lang: *ff.lang, period: *ff.period}
	period := *ff.period
	if period == "" {
		period = "week"
		if kind == "cohorts" {
			period = "year"
		}
	}
	u, err := records.ParseUnit(period)
	if err != nil {
		return nil, fmt.Errorf("-period: %v", err)
	}
	if u == records.Year && kind == "transactions" {
		return nil, errors.New("-period year is for a cohort table or a summary in years; summarise a log in day, week or month")
	}
	opt.unit = u
	if kind != "transactions" {
		for name, v := range map[string]string{"-date": *ff.date, "-amount": *ff.amount, "-date-format": *ff.dateFormat,
			"-calibration-end": *ff.calibrationEnd, "-holdout-end": *ff.holdoutEnd} {
			if v != "" {
				return nil, fmt.Errorf("%s applies to a transaction log (clvlab fit transactions); a %s file has no such column or dates", name, kind)
			}
		}
	}
	summaryColumns := map[string]string{"-frequency": *ff.frequency, "-recency": *ff.recency, "-T": *ff.age, "-monetary": *ff.monetary,
		"-weight": *ff.weight, "-holdout-frequency": *ff.holdoutFrequency, "-holdout-monetary": *ff.holdoutMonetary}
	if kind == "cohorts" {
		summaryColumns["-customer"] = *ff.customer
	}
	if kind != "summary" {
		for _, name := range slices.Sorted(maps.Keys(summaryColumns)) {
			if summaryColumns[name] != "" {
				return nil, fmt.Errorf("%s names a column of a per-customer summary (clvlab fit summary); a %s has no such column", name, kindName(kind))
			}
		}
	}
	opt.summary = records.SummaryOptions{Unit: u, Frequency: *ff.frequency, Recency: *ff.recency, T: *ff.age, Monetary: *ff.monetary,
		Weight: *ff.weight, HoldoutFrequency: *ff.holdoutFrequency, HoldoutMonetary: *ff.holdoutMonetary, Customer: *ff.customer}
	opt.log = records.LogOptions{Customer: *ff.customer, Date: *ff.date, Amount: *ff.amount, DateFormat: *ff.dateFormat, Unit: u}
	for _, d := range []struct {
		flag, value string
		dst         *time.Time
	}{{"-calibration-end", *ff.calibrationEnd, &opt.log.CalibrationEnd}, {"-holdout-end", *ff.holdoutEnd, &opt.log.HoldoutEnd}} {
		if d.value == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.value)
		if err != nil {
			return nil, fmt.Errorf("%s %q: give a date as YYYY-MM-DD", d.flag, d.value)
		}
		*d.dst = t
	}
	if *ff.models != "" {
		for _, m := range splitList(*ff.models) {
			if !knownModel(m) {
				return nil, fmt.Errorf("-models: unknown model %q; the models are %s", m, strings.Join(modelKeys, ", "))
			}
			opt.models = append(opt.models, m)
		}
	}
	if opt.model != "" && !isPurchaseModel(opt.model) {
		return nil, fmt.Errorf("-model %q: give a purchase model: bgnbd, paretonbd or bgbb", opt.model)
	}
	for _, n := range []struct {
		flag  string
		value int
		dst   *int
	}{{"-predict", *ff.predict, &opt.predict}, {"-horizon", *ff.horizon, &opt.horizon}} {
		switch {
		case n.value == 0 && kind == "summary" && *ff.period == "":
			// set once the summary is read: three years' worth of weeks,
			// or of a summary in whole periods as many periods as observed
		case n.value == 0:
			*n.dst = fit.ThreeYears(u)
		case n.value < 0 || n.value > 100000:
			return nil, fmt.Errorf("%s %d: give a number of periods from 1 to 100,000", n.flag, n.value)
		default:
			*n.dst = n.value
		}
	}
	if !(opt.rate >= 0 && opt.rate <= 10) {
		return nil, fmt.Errorf("-discount-rate %v: give an annual rate from 0 to 10 (0.10 is 10%%)", opt.rate)
	}
	if !(opt.margin >= 0 && opt.margin <= 1) {
		return nil, fmt.Errorf("-margin %v: give the share of spend kept, from 0 to 1", opt.margin)
	}
	if opt.lang != "en" && opt.lang != "zh" {
		return nil, fmt.Errorf("-lang %q, use en or zh", opt.lang)
	}
	formats, err := chartFormats(*ff.charts)
	if err != nil {
		return nil, fmt.Errorf("-charts: %v", err)
	}
	for _, f := range formats {
		opt.formats = append(opt.formats, string(f))
	}
	return opt, nil
}

// wrongKindHint suggests the other subcommands when a file does not read
// as the kind asked for.
func wrongKindHint(kind, file string) string {
	var others []string
	for _, k := range fitKinds {
		if k != kind {
			others = append(others, "clvlab fit "+k+" "+file)
		}
	}
	what := map[string]string{"transactions": "a transaction log (one row per purchase)", "summary": "a per-customer summary (frequency, recency, T)", "cohorts": "a cohort retention table"}[kind]
	return fmt.Sprintf("(clvlab fit %s reads %s; if %s is another kind of file, try %s)", kind, what, file, strings.Join(others, " or "))
}

// dataName is the folder name of a data file's results: its base name
// without the extension.
func dataName(file string) string {
	base := filepath.Base(file)
	if ext := filepath.Ext(base); ext != "" && ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "" || base == "." || base == ".." || strings.HasPrefix(base, ".") {
		base = "data" + base
	}
	return base
}

// progressOf returns a callback that shows how much of a file clvlab fit
// has read.
func progressOf(bar *progress, file string) func(done, total int64) {
	return progressAs(bar, "clvlab fit", file)
}

// progressAs returns a callback that shows how much of a file command
// has read.
func progressAs(bar *progress, command, file string) func(done, total int64) {
	return func(done, total int64) {
		if total > 0 {
			bar.show("%s: reading %s: %.0f%% of %s", command, file, 100*float64(done)/float64(total), megabytes(total))
			return
		}
		bar.show("%s: reading %s: %s", command, file, megabytes(done))
	}
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", math.Max(0.1, float64(n)/1e6))
}
