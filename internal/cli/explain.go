package cli

import (
	"fmt"
	"io"

	"clvlab/internal/projection"
	"clvlab/internal/report"
)

func explainCmd(args []string, stdout, stderr io.Writer) int {
	fs := flags("explain", "FILE|PRESET [-variant NAME] [-lang en|zh]", `Explains a scenario the way a teacher writes it on the board: the concept (the
scenario's description, and the variant's), each KPI's formula, the same
formula with the scenario's numbers put in and the result, and the tenure
table that builds the CLV period by period (the stage mix of one new
customer, its margin, the discount factor, the contribution and the running
sum, whose total is the CLV). One stage nobody leaves gets the annuity
formula, one stage with a constant retention the margin multiple, anything
else the tenure table and the fundamental matrix. Writes no files.`, stderr)
	variant := fs.String("variant", "", "explain this variant, by `name` (English or Chinese) or number; default the base")
	lang := fs.String("lang", "en", "language: en or zh")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if *lang != "en" && *lang != "zh" {
		fmt.Fprintf(stderr, "clvlab explain: -lang %q, use en or zh\n", *lang)
		return ExitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return ExitUsage
	}
	s, err := load(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitUsage
	}
	warn(s, stderr)
	i := 0
	if *variant != "" {
		picked := pickVariants(s, *variant)
		if len(picked) != 1 {
			fmt.Fprintf(stderr, "clvlab explain: %s\n", noVariant(s, *variant, *lang))
			return ExitUsage
		}
		i = picked[0] + 1
	}
	runs, err := projection.Runs(s)
	if err != nil {
		fmt.Fprintf(stderr, "clvlab explain: %v\n", err)
		return ExitUsage
	}
	if err := report.WriteExplanation(stdout, s, runs[i], *lang); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitFailure
	}
	return ExitOK
}
