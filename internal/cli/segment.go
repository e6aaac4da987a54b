package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"clvlab/internal/chart/chartfile"
	"clvlab/internal/records"
	"clvlab/internal/report"
	"clvlab/internal/segment"
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
  -by direct-indirect   high-performance, sales, network, low-performance:
                     direct value (spend) x indirect value (the spend of the
                     customers it referred) from a transaction log with a
                     referred_by column (-referred-by), or a scenario's (or
                     shipped scenario's) segments: CLV x referral value

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
		referredBy:  fs.String("referred-by", "", "direct-indirect: the transaction log's referrer `column` (default: referred_by, referrer)"),
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
	if err := checkDataFile(file); err != nil && !(*sf.by == string(segment.DirectIndirect) && isScenarioArg(file)) {
		fmt.Fprintln(stderr, err)
		return ExitUsage
	}
	plan, err := sf.check(file, fs, ff)
	if err != nil {
		fmt.Fprintf(stderr, "clvlab segment: %v\n", err)
		return ExitUsage
	}
	opt, err := ff.options(plan.kind)
	if err != nil {
		fmt.Fprintf(stderr, "clvlab segment: %v\n", err)
		return ExitUsage
	}
	opt.command = "clvlab segment"
	opt.log.Purpose = "a segmentation sorts a customer base"
	opt.summary.Purpose = opt.log.Purpose
	bar := newProgress(stderr)
	defer bar.clear()
	seg, err := plan.classify(file, opt, ff, bar, stderr)
	bar.clear()
	if err != nil {
		return segmentFailed(err, stderr)
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
	return writeSegmentation(seg, plan, *ff.out, bar, stdout, stderr)
}

// segmentFailed prints why classifying failed and returns the exit
// status: a usage error for what the data or flags do not allow.
func segmentFailed(err error, stderr io.Writer) int {
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

// writeSegmentation prints the segments' table and writes the files into
// out.
func writeSegmentation(seg *report.Segmentation, plan *segmentPlan, out string, bar *progress, stdout, stderr io.Writer) int {
	if err := report.WriteSegmentTable(stdout, seg); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitFailure
	}
	dir := filepath.Join(out, seg.Name, "segment", string(plan.method))
	files := report.SegmentFiles(seg)
	bar.show("clvlab segment: writing %d files to %s", len(files), dir)
	err := writeResults(out, dir, files)
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
