package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"

	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// monteCarloFlags adds -trials and -seed to fs and returns the settings
// they fill in; flags not given leave the scenario file's own.
func monteCarloFlags(fs *flag.FlagSet) *projection.MonteCarlo {
	mc := &projection.MonteCarlo{}
	fs.Func("trials", "Monte Carlo `trials` per run, written to bands.csv and summary.json (0: none;\ndefault: the scenario's [uncertainty] table, else none)", func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil {
			return errors.New("give a whole number of trials")
		}
		mc.Trials, mc.TrialsSet = n, true
		return nil
	})
	fs.Func("seed", "`seed` of the Monte Carlo trials (default: the scenario's seed, else 1)", func(s string) error {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil || n > 1<<53 {
			return errors.New("give a whole number from 0 to 9007199254740992 (2^53, as in a scenario file)")
		}
		mc.Seed, mc.SeedSet = n, true
		return nil
	})
	return mc
}

// checkMonteCarlo checks mc against a scenario's runs
// (projection.MonteCarlo.Check), naming the -trials flag when the trial
// count is out of range.
func checkMonteCarlo(mc *projection.MonteCarlo, runs []scenarios.Run) error {
	err := mc.Check(runs)
	if count, ok := errors.AsType[*projection.TrialCountError](err); ok {
		return fmt.Errorf("-trials %d, give 0 (no Monte Carlo) to %d", count.Trials, count.Max)
	}
	return err
}
