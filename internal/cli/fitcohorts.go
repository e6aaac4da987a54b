package cli

import (
	"fmt"
	"slices"
	"strings"

	"clvlab/internal/records"
)

// cohortLabels is -cohort: labels of a cohort table's rows to fit, the
// flag repeated or a comma-separated list.
type cohortLabels []string

func (c *cohortLabels) String() string { return strings.Join(*c, ",") }

func (c *cohortLabels) Set(v string) error {
	*c = append(*c, splitList(v)...)
	return nil
}

// chooseCohorts keeps the cohorts named by labels (all when none), in the
// table's order; a label the table lacks is a usage error that lists the
// table's labels.
func chooseCohorts(c records.Cohorts, labels []string) (records.Cohorts, error) {
	if len(labels) == 0 {
		return c, nil
	}
	var have []string
	for _, co := range c.Cohorts {
		have = append(have, co.Label)
	}
	for _, l := range labels {
		if !slices.Contains(have, l) {
			return records.Cohorts{}, &unsuitedError{fmt.Sprintf("-cohort %s: the table has no such cohort (it has %s)", l, strings.Join(have, ", "))}
		}
	}
	out := records.Cohorts{Unit: c.Unit}
	for _, co := range c.Cohorts {
		if slices.Contains(labels, co.Label) {
			out.Cohorts = append(out.Cohorts, co)
		}
	}
	return out, nil
}

// pooled says how sBG treats the table's cohorts: one cohort alone, or
// several pooled into one fit.
func pooled(c records.Cohorts) string {
	if len(c.Cohorts) == 1 {
		return fmt.Sprintf("cohort %s alone", c.Cohorts[0].Label)
	}
	var labels []string
	for _, co := range c.Cohorts {
		labels = append(labels, co.Label)
	}
	return fmt.Sprintf("the %d cohorts (%s) pooled into one fit, one alpha and beta for all: fit one alone with -cohort LABEL", len(c.Cohorts), strings.Join(labels, ", "))
}
