package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
	"clvlab/internal/projection"
	"clvlab/internal/report"
	"clvlab/scenarios"
)

// Exit statuses.
const (
	ExitOK      = 0
	ExitFailure = 1 // the work failed (e.g. a file could not be written)
	ExitUsage   = 2 // bad usage or an invalid scenario
)

const usage = `clvlab: customer lifetime value simulator and what-if planner

Usage:
  clvlab run [-o DIR] FILE|PRESET...   project scenarios, write results to DIR/<scenario>/
  clvlab validate FILE...              check scenario files only
  clvlab validate-lesson FILE|ID...    check lesson files (docs/lessons.md)
  clvlab list [-lang en|zh]            list the shipped scenarios (presets) and lessons
  clvlab explain FILE|PRESET [-variant NAME] [-lang en|zh]   the formulas with the scenario's numbers
  clvlab show PRESET                   print a shipped scenario's file, comments included
  clvlab compare [FILE|PRESET]         attribute each variant's change to its changes (Shapley)
  clvlab sensitivity [FILE|PRESET]     rank parameters by their effect on a KPI (tornado, grid)
  clvlab seek [FILE|PRESET] -param P -kpi K -target V   solve a parameter for a KPI target
  clvlab optimize [FILE|PRESET]        find the spend that maximises customer equity or CLV
  clvlab serve [-addr 127.0.0.1:8080]  serve the interactive planner to a browser
  clvlab fit transactions|summary|cohorts FILE   fit customer-base models to records, predict, check
  clvlab segment FILE -by rfm|abc|crvp|value-loyalty|acquisition-retention   segment customers

Run "clvlab COMMAND -h" for a command's flags. Scenario files are TOML;
docs/scenarios.md lists every key.
`

// Main runs the command line with args (without the program name) and
// returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "run":
		return run(rest, stdout, stderr)
	case "validate":
		return validate(rest, stdout, stderr)
	case "validate-lesson":
		return validateLesson(rest, stdout, stderr) // lessons.go
	case "list":
		return list(rest, stdout, stderr)
	case "explain":
		return explainCmd(rest, stdout, stderr) // explain.go
	case "show":
		return show(rest, stdout, stderr) // show.go
	case "compare":
		return compare(rest, stdout, stderr) // compare.go
	case "sensitivity":
		return sensitivity(rest, stdout, stderr) // sensitivity.go
	case "seek":
		return seek(rest, stdout, stderr) // seek.go
	case "optimize":
		return optimize(rest, stdout, stderr) // optimize.go
	case "serve":
		return serveCmd(rest, stdout, stderr)
	case "fit":
		return fitCmd(rest, stdout, stderr) // fit.go
	case "segment":
		return segmentCmd(rest, stdout, stderr) // segment.go
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "clvlab: unknown command %q\n\n%s", cmd, usage)
	return ExitUsage
}

// flags returns a flag set that prints its usage to stderr.
func flags(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: clvlab %s %s\n\n%s\n", name, synopsis, about)
		if hasFlags(fs) {
			fmt.Fprintln(stderr, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) (any bool) {
	fs.VisitAll(func(*flag.Flag) { any = true })
	return any
}

// parse parses args, with flags before, between or after the arguments
// (`clvlab run x.toml -o d`; Go's flag package alone stops at the first
// argument); "--" ends the flags. fs.Args() then holds the arguments, in
// order. It returns the status to exit with, or −1 to go on.
func parse(fs *flag.FlagSet, args []string) int {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return ExitOK
			}
			return ExitUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	fs.Parse(append([]string{"--"}, positional...)) // sets fs.Args(); no flag is left to fail
	return -1
}

// noArguments reports, for a command that takes none, any argument it got.
func noArguments(fs *flag.FlagSet, stderr io.Writer) bool {
	if fs.NArg() == 0 {
		return true
	}
	fmt.Fprintf(stderr, "clvlab %s: takes no arguments, got %s\n", fs.Name(), strings.Join(fs.Args(), " "))
	return false
}

// load reads a scenario from a file path, or a shipped preset by id.
func load(arg string) (*scenarios.Scenario, error) {
	st, err := os.Stat(arg)
	switch {
	case err == nil && st.IsDir():
		return nil, fmt.Errorf("%s: is a folder; give a scenario file (.toml) or a preset", arg)
	case err == nil:
		src, err := scenarios.ReadFile(arg) // at most the size limit, from any kind of file
		if err != nil {
			return nil, err
		}
		return scenarios.Parse(arg, src)
	case !errors.Is(err, os.ErrNotExist):
		return nil, err
	}
	if strings.ContainsAny(arg, `/\.`) {
		return nil, fmt.Errorf("%s: no such file", arg)
	}
	s, perr := scenarios.Preset(arg)
	if perr != nil {
		return nil, fmt.Errorf("%s: no such file, and no shipped scenario of that name; shipped scenarios are %s (see clvlab list)",
			arg, strings.Join(scenarios.Presets(), ", "))
	}
	return s, nil
}

func validate(args []string, stdout, stderr io.Writer) int {
	fs := flags("validate", "FILE|PRESET...", "Checks scenario files and reports every problem, with its line.", stderr)
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	status := ExitOK
	for _, arg := range fs.Args() {
		s, err := load(arg)
		if err != nil {
			printLoadError(stderr, err) // lessons.go
			status = ExitUsage
			continue
		}
		warn(s, stderr)
		segs := max(1, len(s.Segments))
		fmt.Fprintf(stdout, "%s: ok (%s, %s, %s)\n", arg, scenarios.Plural(len(s.Stages), "stage"), scenarios.Plural(segs, "segment"), scenarios.Plural(len(s.Variants), "variant"))
	}
	return status
}

// warn prints the scenario's warnings to stderr, "warning: FILE:LINE:
// message": they do not make the file invalid.
func warn(s *scenarios.Scenario, stderr io.Writer) {
	for _, line := range s.WarningLines() {
		fmt.Fprintln(stderr, line)
	}
}

func list(args []string, stdout, stderr io.Writer) int {
	fs := flags("list", "[-lang en|zh]", "Lists the shipped scenarios, then the lessons; run a scenario with: clvlab run ID", stderr)
	lang := fs.String("lang", "en", "language of names and descriptions: en or zh")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if !noArguments(fs, stderr) {
		return ExitUsage
	}
	if *lang != "en" && *lang != "zh" {
		fmt.Fprintf(stderr, "clvlab list: -lang %q, use en or zh\n", *lang)
		return ExitUsage
	}
	for _, id := range scenarios.Presets() {
		s, err := scenarios.Preset(id)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return ExitFailure
		}
		fmt.Fprintf(stdout, "%-26s %s: %s\n", id, s.Name.In(*lang), firstSentence(s.Description.In(*lang)))
	}
	if err := listLessons(stdout, *lang); err != nil { // lessons.go
		fmt.Fprintln(stderr, err)
		return ExitFailure
	}
	return ExitOK
}

// chartFormats parses the -charts list.
func chartFormats(list string) ([]chartfile.Format, error) {
	if list == "none" || list == "" {
		return nil, nil
	}
	var formats []chartfile.Format
	for _, name := range strings.Split(list, ",") {
		f, err := chartfile.ParseFormat(strings.TrimSpace(name))
		if err != nil {
			return nil, err
		}
		if !slices.Contains(formats, f) {
			formats = append(formats, f)
		}
	}
	return formats, nil
}

// resultFiles lists what `run` writes for one scenario.
func resultFiles(s *scenarios.Scenario, runs []projection.Run, lang string, formats []chartfile.Format) []report.File {
	files := []report.File{
		{Name: "summary.json", Write: func(w io.Writer) error { return report.WriteJSON(w, s, runs) }},
		{Name: "periods.csv", Write: func(w io.Writer) error { return report.WriteCSV(w, runs) }},
		{Name: report.HTMLFile, Write: func(w io.Writer) error { return report.WriteHTML(w, s, runs, lang, formats) }},
	}
	files = append(files, report.UncertaintyFiles(runs)...)
	return append(files, report.ChartFiles(chart.NewInput(s, runs, lang), formats)...)
}

// firstSentence returns text up to its first full stop.
func firstSentence(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if i := strings.IndexAny(text, "。"); i >= 0 {
		return text[:i+len("。")]
	}
	if i := strings.Index(text, ". "); i >= 0 {
		return text[:i+1]
	}
	return text
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flags("run", "[-o DIR] [-charts png,svg,pdf] [-lang en|zh] [-trials N] [-seed S] FILE|PRESET...", `Projects each scenario (base and variants), prints a summary table and writes
into DIR/<scenario>/: summary.json, periods.csv, bands.csv (with Monte Carlo
trials), one chart per kind and format (customers, cohorts, cashflow,
survival, clv-breakdown, comparison, kpi-deltas) and index.html, a page with
the table and every chart. Results are written to a temporary folder and
renamed into place, so an interrupted run leaves the previous results, never
half-written ones.`, stderr)
	out := fs.String("o", "out", "output `folder`")
	chartList := fs.String("charts", "png", "chart `formats`, comma-separated: png, svg, pdf; none for no charts")
	lang := fs.String("lang", "en", "language of the summary table, messages, charts and index.html: en or zh")
	mc := monteCarloFlags(fs) // uncertainty.go
	if st := parse(fs, args); st >= 0 {
		return st
	}
	formats, err := chartFormats(*chartList)
	if err != nil {
		fmt.Fprintf(stderr, "clvlab run: -charts: %v\n", err)
		return ExitUsage
	}
	if *lang != "en" && *lang != "zh" {
		fmt.Fprintf(stderr, "clvlab run: -lang %q, use en or zh\n", *lang)
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	resolved, status := resolveAll(fs.Args(), *out, mc, stderr)
	if status != ExitOK {
		return status
	}
	bar := newProgress(stderr)
	defer bar.clear()
	for i, sr := range resolved {
		s := sr[0].Scenario // the base run holds the loaded scenario
		runs, err := projection.RunEach(sr)
		for j := 0; err == nil && j < len(runs); j++ { // one run at a time, to show progress
			trials := runs[j].Scenario.Uncertainty.Trials
			if mc.TrialsSet {
				trials = mc.Trials
			}
			if trials > 0 {
				bar.show(msgTrials.In(*lang), s.File, trials, j+1, len(runs), runs[j].Title.In(*lang))
			}
			withTicks := *mc
			withTicks.Pause = bar.tick // changes no result
			err = projection.Simulate(runs[j:j+1], withTicks)
		}
		bar.clear()
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", s.File, err)
			return ExitFailure
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := report.WriteTable(stdout, s, runs, *lang); err != nil {
			fmt.Fprintln(stderr, err)
			return ExitFailure
		}
		dir := filepath.Join(*out, s.Slug())
		files := resultFiles(s, runs, *lang, formats)
		bar.show(msgWriting.In(*lang), s.File, len(files), dir)
		err = writeResults(*out, dir, files)
		bar.clear()
		if err != nil {
			fmt.Fprintf(stderr, "clvlab run: %v\n", err)
			return ExitFailure
		}
		fmt.Fprintf(stdout, msgWroteOpen.In(*lang)+"\n", len(files), dir, filepath.Join(dir, report.HTMLFile))
	}
	return ExitOK
}

// resolveAll loads every scenario of args and resolves its runs before
// anything is written, so that an invalid scenario writes nothing: it
// reports each problem (a file that does not load, two scenarios writing
// to one folder under out, trials mc cannot run) to stderr and returns
// ExitUsage after the last one; else the runs of each scenario, base
// first.
func resolveAll(args []string, out string, mc *projection.MonteCarlo, stderr io.Writer) ([][]scenarios.Run, int) {
	var resolved [][]scenarios.Run
	status := ExitOK
	folders := map[string]string{}
	for _, arg := range args {
		s, err := load(arg)
		if err != nil {
			printLoadError(stderr, err) // lessons.go
			status = ExitUsage
			continue
		}
		warn(s, stderr)
		if prev, dup := folders[s.Slug()]; dup {
			fmt.Fprintf(stderr, "%s and %s would both write to %s; run them separately or rename one\n",
				prev, arg, filepath.Join(out, s.Slug()))
			status = ExitUsage
			continue
		}
		sr, err := s.Runs()
		if err == nil {
			err = checkMonteCarlo(mc, sr) // uncertainty.go
		}
		if err != nil {
			fmt.Fprintf(stderr, "clvlab run: %v\n", err)
			status = ExitUsage
			continue
		}
		folders[s.Slug()] = arg
		resolved = append(resolved, sr)
	}
	return resolved, status
}
