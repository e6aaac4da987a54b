package cli

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"clvlab/internal/chart/chartfile"
	"clvlab/internal/kpi"
	"clvlab/internal/report"
	"clvlab/scenarios"
)

// analysisFlags are the flags every what-if command (compare,
// sensitivity, seek, optimize) shares.
type analysisFlags struct {
	name, out, charts, lang *string
	formats                 []chartfile.Format
}

func addAnalysisFlags(fs *flag.FlagSet) *analysisFlags {
	return &analysisFlags{
		out:    fs.String("o", "out", "output `folder`: results go to folder/<scenario>/"+fs.Name()+"/"),
		charts: fs.String("charts", "png", "chart `formats`, comma-separated: png, svg, pdf; none for no charts"),
		lang:   fs.String("lang", "en", "language of the tables, messages and charts: en or zh"),
	}
}

// parseAnalysis parses args, with flags before or after the scenario, and
// loads the scenario (the default preset when none is given). It returns
// the scenario, or the status to exit with.
func (a *analysisFlags) parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (*scenarios.Scenario, int) {
	var files []string
	for {
		if st := parse(fs, args); st >= 0 {
			return nil, st
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	cmd := "clvlab " + fs.Name()
	if len(files) > 1 {
		fmt.Fprintf(stderr, "%s: one scenario at a time, got %s\n", cmd, strings.Join(files, " "))
		return nil, ExitUsage
	}
	formats, err := chartFormats(*a.charts)
	if err != nil {
		fmt.Fprintf(stderr, "%s: -charts: %v\n", cmd, err)
		return nil, ExitUsage
	}
	a.formats = formats
	if *a.lang != "en" && *a.lang != "zh" {
		fmt.Fprintf(stderr, "%s: -lang %q, use en or zh\n", cmd, *a.lang)
		return nil, ExitUsage
	}
	arg := scenarios.DefaultPreset
	if len(files) == 1 {
		arg = files[0]
	} else {
		fmt.Fprintf(stdout, msgDefault.In(*a.lang)+"\n", arg)
	}
	s, err := load(arg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil, ExitUsage
	}
	return s, -1
}

// write writes an analysis's files atomically into
// out/<scenario>/<command>/ and says where.
func (a *analysisFlags) write(fs *flag.FlagSet, s *scenarios.Scenario, files []report.File, stdout, stderr io.Writer) int {
	dir := filepath.Join(*a.out, s.Slug(), fs.Name())
	if err := writeResults(*a.out, dir, files); err != nil {
		fmt.Fprintf(stderr, "clvlab %s: %v\n", fs.Name(), err)
		return ExitFailure
	}
	fmt.Fprintf(stdout, msgWrote.In(*a.lang)+"\n", len(files), dir)
	return ExitOK
}

// kpiFlag parses a KPI id, one of the what-if KPIs, for a command's
// error message.
func kpiFlag(cmd, s string, stderr io.Writer) (kpi.KPI, bool) {
	k, err := kpi.Parse(s, kpi.Outcomes...)
	if err != nil {
		fmt.Fprintf(stderr, "clvlab %s: -kpi: %v\n", cmd, err)
		return 0, false
	}
	return k, true
}

// kpiIDs lists the ids of the what-if KPIs: "clv, clv_net, ...".
func kpiIDs() string {
	ids := make([]string, len(kpi.Outcomes))
	for i, k := range kpi.Outcomes {
		ids[i] = k.String()
	}
	return strings.Join(ids, ", ")
}

// pair parses "lo,hi" (or "lo:hi") into two finite numbers.
func pair(s string) (*[2]float64, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ':' })
	if len(parts) != 2 {
		return nil, fmt.Errorf("%q: give two numbers, low,high", s)
	}
	var out [2]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || x != x || x > 1e300 || x < -1e300 {
			return nil, fmt.Errorf("%q: %q is not a number", s, p)
		}
		out[i] = x
	}
	if out[0] > out[1] {
		return nil, fmt.Errorf("%q: low is above high", s)
	}
	return &out, nil
}
