package cli

import (
	"fmt"
	"io"
	"math"
	"strings"

	"clvlab/internal/report"
	"clvlab/internal/whatif"
)

func sensitivity(args []string, stdout, stderr io.Writer) int {
	fs := flags("sensitivity", "[FILE|PRESET] [-kpi K] [-pct 10] [-params P1,P2,...] [-grid PATH1,PATH2] [-o DIR] ...", `Moves each parameter of a scenario alone to its [[sensitivity]] range, or by
±pct percent, and ranks the parameters by the swing of a KPI (a tornado).
Moves are clamped to keep the scenario valid (a probability whose row would
sum over 1, a fraction over 1), and the output says so. With -grid, also
evaluates the KPI over a grid of two parameters and draws the heat map with
the contour where the KPI equals -level (break-even at 0). Prints the
ranking and writes into DIR/<scenario>/sensitivity/: tornado.json,
tornado.csv, the tornado chart, and with -grid grid.json, grid.csv and the
heat map. Without FILE|PRESET the default scenario is used.`, stderr)
	kpiName := fs.String("kpi", "customer_equity", "the `KPI` to rank by: "+kpiIDs())
	pct := fs.Float64("pct", whatif.DefaultPercent, "the one-at-a-time move, ± `percent` (above 0, at most 100)")
	params := fs.String("params", "", "the `paths` to move, comma-separated; default every stage's economics and transitions, acquisition, win-back and the discount rate")
	grid := fs.String("grid", "", "two parameter `paths`, comma-separated, for a grid of the KPI")
	size := fs.Int("size", whatif.DefaultGridSize, "grid `values` per axis")
	xr := fs.String("xrange", "", "the first grid parameter's `low,high` (default its range, or ±pct)")
	yr := fs.String("yrange", "", "the second grid parameter's `low,high`")
	level := fs.Float64("level", 0, "the KPI `value` of the grid's contour (break-even)")
	a := addAnalysisFlags(fs)
	s, st := a.parse(fs, args, stdout, stderr)
	if st >= 0 {
		return st
	}
	k, ok := kpiFlag("sensitivity", *kpiName, stderr)
	if !ok {
		return ExitUsage
	}
	// whatif reads a Percent of 0 as its default, so -pct 0 is refused
	// here rather than quietly becoming ±10%.
	switch {
	case *pct == 0:
		fmt.Fprintln(stderr, "clvlab sensitivity: -pct 0: a move of ±0% moves nothing, so the tornado would be empty; give a percentage above 0, at most 100")
		return ExitUsage
	case !(*pct > 0 && *pct <= 100):
		fmt.Fprintf(stderr, "clvlab sensitivity: -pct %v: give a percentage above 0, at most 100\n", *pct)
		return ExitUsage
	}
	opt := whatif.SensitivityOptions{KPI: k, Percent: *pct}
	if *params != "" {
		opt.Paths = splitList(*params)
	}
	var gopt *whatif.GridOptions
	if *grid != "" {
		paths := splitList(*grid)
		if len(paths) != 2 {
			fmt.Fprintf(stderr, "clvlab sensitivity: -grid %q: give two parameter paths, comma-separated\n", *grid)
			return ExitUsage
		}
		x, errx := pair(*xr)
		y, erry := pair(*yr)
		if errx != nil || erry != nil {
			fmt.Fprintf(stderr, "clvlab sensitivity: -xrange/-yrange: %v\n", firstErr(errx, erry))
			return ExitUsage
		}
		if math.IsNaN(*level) || math.IsInf(*level, 0) {
			fmt.Fprintf(stderr, "clvlab sensitivity: -level %v: give a finite number\n", *level)
			return ExitUsage
		}
		gopt = &whatif.GridOptions{KPI: k, X: paths[0], Y: paths[1], XRange: x, YRange: y, Percent: *pct, Size: *size, Level: *level}
	} else if *xr != "" || *yr != "" {
		fmt.Fprintln(stderr, "clvlab sensitivity: -xrange and -yrange need -grid")
		return ExitUsage
	}
	t, err := whatif.Sensitivity(s, opt)
	if err != nil {
		fmt.Fprintf(stderr, "clvlab sensitivity: %v\n", err)
		return ExitUsage
	}
	if err := report.WriteTornadoTable(stdout, s, t, *a.lang); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitFailure
	}
	var g *whatif.Grid
	if gopt != nil {
		if g, err = whatif.GridOf(s, *gopt); err != nil {
			fmt.Fprintf(stderr, "clvlab sensitivity: -grid: %v\n", err)
			return ExitUsage
		}
		if err := report.WriteGridSummary(stdout, g, *a.lang); err != nil {
			fmt.Fprintln(stderr, err)
			return ExitFailure
		}
	}
	return a.write(fs, s, report.SensitivityFiles(s, t, g, *a.lang, a.formats), stdout, stderr)
}

// splitList splits a comma-separated list, trimming spaces.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
