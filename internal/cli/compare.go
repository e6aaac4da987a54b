package cli

import (
	"fmt"
	"io"

	"clvlab/internal/report"
	"clvlab/internal/whatif"
)

func compare(args []string, stdout, stderr io.Writer) int {
	fs := flags("compare", "[FILE|PRESET] [-variant NAME] [-o DIR] [-charts png,svg,pdf] [-lang en|zh]", `Compares each variant of a scenario (or the one named) with the base: every
KPI with its absolute and relative change, and the change in CLV and in
customer equity split over the variant's changed values by Shapley values
(order-independent; exact over every subset for up to 10 changes, estimated
from random orderings with a standard error beyond). Prints the tables and
writes into DIR/<scenario>/compare/: compare.json, kpis.csv,
attribution.csv and one waterfall chart per variant. Without FILE|PRESET the
default scenario is used.`, stderr)
	variant := fs.String("variant", "", "the variant to compare, by `name` (English or Chinese) or number; default every variant")
	orderings := fs.Int("permutations", whatif.DefaultPermutations, "random `orderings` for a sampled attribution (more than 10 changes)")
	seed := fs.Uint64("seed", whatif.DefaultSeed, "`seed` of the sampled orderings")
	a := addAnalysisFlags(fs)
	s, st := a.parse(fs, args, stdout, stderr)
	if st >= 0 {
		return st
	}
	if *orderings < 2 || *orderings > 100000 || *seed == 0 {
		fmt.Fprintln(stderr, "clvlab compare: -permutations must be 2 to 100000 and -seed above 0")
		return ExitUsage
	}
	if len(s.Variants) == 0 {
		fmt.Fprintf(stderr, "clvlab compare: %s has no variants to compare; add [[variant]] tables (docs/scenarios.md)\n", s.File)
		return ExitUsage
	}
	picked := pickVariants(s, *variant) // variants.go
	if len(picked) == 0 {
		fmt.Fprintf(stderr, "clvlab compare: %s\n", noVariant(s, *variant, *a.lang))
		return ExitUsage
	}
	var cs []*whatif.Comparison
	for k, i := range picked {
		c, err := whatif.Compare(s, i, whatif.CompareOptions{Permutations: *orderings, Seed: *seed})
		if err != nil {
			fmt.Fprintf(stderr, "clvlab compare: %v\n", err)
			return ExitFailure
		}
		if k > 0 {
			fmt.Fprintln(stdout)
		}
		if err := report.WriteCompareTable(stdout, s, c, *a.lang); err != nil {
			fmt.Fprintln(stderr, err)
			return ExitFailure
		}
		cs = append(cs, c)
	}
	return a.write(fs, s, report.CompareFiles(s, cs, *a.lang, a.formats), stdout, stderr)
}
