package cli

import (
	"fmt"
	"io"
	"math"

	"clvlab/internal/report"
	"clvlab/internal/whatif"
)

func seek(args []string, stdout, stderr io.Writer) int {
	fs := flags("seek", "[FILE|PRESET] -param PATH -kpi K -target V [-range lo,hi] [-o DIR] ...", `Goal seek: solves for one parameter so that a KPI meets a target within a
range. -target is a number (the KPI equals it: Brent's method), <=V or >=V
(the boundary of the values that keep the KPI there: bisection, right for
step KPIs such as payback_periods) or max/min (where the KPI is largest or
smallest: golden-section search). The range defaults to the parameter's
[[sensitivity]] range, else [0, largest valid value] for a probability or a
fraction and [0, 2 × value] for an amount. A value meets a number target
when the KPI is within 1e-9 × max(1, |target|) of it, and is the boundary
of <=V or >=V when the goal holds there and not 1e-9 of the value beyond,
however wide the range. When no value in the range meets the goal, it says
which KPI values the range reaches and exits with status 1 (the files are
still written). Writes into DIR/<scenario>/seek/:
seek.json, seek.csv (the scan) and the chart. Examples:
  clvlab seek four-stage -param stage.stability.to.stability -kpi ltv_cac -target 3
  clvlab seek four-stage -param acquisition.cost_per_customer -kpi payback_periods -target '<=12' -range 0,600`, stderr)
	param := fs.String("param", "", "the parameter `path` to solve for, e.g. stage.stability.to.stability")
	kpiName := fs.String("kpi", "", "the `KPI`: "+kpiIDs())
	target := fs.String("target", "", "the `goal`: a number, <=V, >=V, max or min")
	rng := fs.String("range", "", "the `low,high` values searched")
	tol := fs.Float64("tol", 0, "the `tolerance` on the parameter (default 1e-9 × the range); the search goes on past it until the goal is met to 1e-9")
	a := addAnalysisFlags(fs)
	s, st := a.parse(fs, args, stdout, stderr)
	if st >= 0 {
		return st
	}
	if *param == "" || *kpiName == "" || *target == "" {
		fmt.Fprintln(stderr, "clvlab seek: give -param, -kpi and -target (see clvlab seek -h)")
		return ExitUsage
	}
	k, ok := kpiFlag("seek", *kpiName, stderr)
	if !ok {
		return ExitUsage
	}
	goal, v, err := whatif.ParseGoal(*target)
	if err != nil {
		fmt.Fprintf(stderr, "clvlab seek: -target: %v\n", err)
		return ExitUsage
	}
	r, err := pair(*rng)
	if err != nil {
		fmt.Fprintf(stderr, "clvlab seek: -range: %v\n", err)
		return ExitUsage
	}
	if !(*tol >= 0) || math.IsInf(*tol, 0) {
		fmt.Fprintf(stderr, "clvlab seek: -tol %v: give a finite tolerance, 0 or more\n", *tol)
		return ExitUsage
	}
	res, err := whatif.Seek(s, whatif.SeekOptions{Path: *param, KPI: k, Goal: goal, Target: v, Range: r, Tolerance: *tol})
	if err != nil {
		fmt.Fprintf(stderr, "clvlab seek: %v\n", err)
		return ExitUsage
	}
	if err := report.WriteSeekTable(stdout, s, res, *a.lang); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitFailure
	}
	if st := a.write(fs, s, report.SeekFiles(s, res, *a.lang, a.formats), stdout, stderr); st != ExitOK {
		return st
	}
	if !res.Found && !res.Holds {
		fmt.Fprintf(stderr, "clvlab seek: %s\n", res.Message)
		return ExitFailure
	}
	return ExitOK
}
