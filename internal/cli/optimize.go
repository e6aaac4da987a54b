package cli

import (
	"fmt"
	"io"
	"strings"

	"clvlab/internal/report"
	"clvlab/internal/whatif"
)

func optimize(args []string, stdout, stderr io.Writer) int {
	fs := flags("optimize", "[FILE|PRESET] [-kpi customer_equity|clv|clv_net] [-levers PATH=lo:hi,...] [-o DIR] ...", `Finds the spend levels that maximise customer equity (or CLV) within bounds,
using the scenario's [[response]] curves (retention spend per stage,
acquisition budget, price discounts): gonum/optimize (Nelder-Mead, then
L-BFGS with numeric gradients, bounds kept by a transformation), then
Newton steps on the first-order condition. Prints the optimum, the KPI
there, and each lever's marginal return (the KPI gained by one more unit:
about 0 at an interior optimum, where extra spending stops paying). The
levers default to every [[response]] lever within its [[sensitivity]]
range, else [0, the lever's saturation]. Writes into
DIR/<scenario>/optimize/: optimize.json, levers.csv and the chart.`, stderr)
	kpiName := fs.String("kpi", "customer_equity", "the `KPI` to maximise: customer_equity, clv or clv_net")
	leverList := fs.String("levers", "", "the levers and bounds, `PATH=lo:hi,...`; default the [[response]] levers")
	maxIter := fs.Int("maxiter", whatif.DefaultOptimizeIterations, "the iteration `cap` of each local search")
	a := addAnalysisFlags(fs)
	s, st := a.parse(fs, args, stdout, stderr)
	if st >= 0 {
		return st
	}
	k, ok := kpiFlag("optimize", *kpiName, stderr)
	if !ok {
		return ExitUsage
	}
	if *maxIter < 1 || *maxIter > 100000 {
		fmt.Fprintf(stderr, "clvlab optimize: -maxiter %d, give 1 to 100000\n", *maxIter)
		return ExitUsage
	}
	var levers []whatif.Lever
	for _, item := range splitList(*leverList) {
		path, bounds, found := strings.Cut(item, "=")
		b, err := pair(bounds)
		if !found || err != nil || b == nil {
			fmt.Fprintf(stderr, "clvlab optimize: -levers %q: give PATH=low:high, e.g. stage.decline.retention_spend=0:40\n", item)
			return ExitUsage
		}
		levers = append(levers, whatif.Lever{Path: strings.TrimSpace(path), Low: b[0], High: b[1]})
	}
	o, err := whatif.Optimize(s, whatif.OptimizeOptions{KPI: k, Levers: levers, MaxIterations: *maxIter})
	if err != nil {
		fmt.Fprintf(stderr, "clvlab optimize: %v\n", err)
		return ExitUsage
	}
	if err := report.WriteOptimumTable(stdout, s, o, *a.lang); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitFailure
	}
	return a.write(fs, s, report.OptimizeFiles(s, o, *a.lang, a.formats), stdout, stderr)
}
