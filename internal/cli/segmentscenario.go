package cli

import (
	"bytes"
	"fmt"
	"strings"

	"clvlab/internal/report"
	"clvlab/internal/segment"
	"clvlab/scenarios"
)

// writeSegmentScenario writes the -scenario file: -base with the
// observed segments (segment.Scenario), its comments saying where each
// number came from, checked by loading it back, written atomically.
func writeSegmentScenario(seg *report.Segmentation, p *segmentPlan, sf segmentFlags, args []string) error {
	baseArg := *sf.base
	if baseArg == "" {
		baseArg = scenarios.DefaultPreset
		if p.method == segment.CRVP {
			baseArg = "value-segments"
		}
	}
	base, err := load(baseArg)
	if err != nil {
		return fmt.Errorf("-base: %v", err)
	}
	baseName, baseZH := base.Name.In("en"), base.Name.In("zh")
	s, err := segment.Scenario(seg.Result, base)
	if err != nil {
		return err
	}
	method := report.MethodName(p.method, "en")
	s.Name = scenarios.Text{EN: fmt.Sprintf("Segments of %s (%s)", seg.Name, method), ZH: fmt.Sprintf("%s 的客户细分（%s）", seg.Name, report.MethodName(p.method, "zh"))}
	s.Description = scenarios.Text{
		EN: fmt.Sprintf("The segments observed in %s by %s: each segment's share of new customers and its multipliers are the data's; the lifecycle comes from the scenario “%s”.", seg.Name, report.MatrixPhrase(p.method, "en"), baseName),
		ZH: fmt.Sprintf("%s 中按%s划分的细分：各细分的新客户占比与乘数取自数据；生命周期取自情景“%s”。", seg.Name, report.MatrixPhrase(p.method, "zh"), baseZH),
	}
	var buf bytes.Buffer
	in, apart := 0.0, 0.0
	for _, g := range seg.Result.Grid.Apart {
		apart += seg.Result.Groups[g].Customers
	}
	in = seg.Result.Total.Customers - apart
	fmt.Fprintf(&buf, "# %s\n#\n", s.Name.EN)
	fmt.Fprintf(&buf, "# Written by: clvlab segment %s\n", strings.Join(args, " "))
	for _, n := range seg.Notes {
		for _, line := range wrap(n[0], 74) {
			fmt.Fprintf(&buf, "# %s\n", line)
		}
	}
	lines := fmt.Sprintf("Each [[segment]]'s share is its share of the %s customers in the matrix", report.Amount(in))
	if apart > 0 {
		lines += fmt.Sprintf(" (the %s shown apart, whose segment is not known yet, are left out)", report.Amount(apart))
	}
	if p.method == segment.AcquisitionRetention {
		lines += ", its revenue_multiplier its mean value per customer over theirs (1 with no value column), and its acquisition and retention spend multipliers its mean costs over theirs"
	} else {
		lines += ", and its revenue_multiplier its mean spend per period of tenure over theirs (a scenario's revenue is per period)"
	}
	lines += fmt.Sprintf(". Thresholds: %s. Everything else (stages, acquisition, costs, per-segment overrides of segments with the same id) is that of %s (%s).", seg.CutsText(), baseName, baseArg)
	for _, line := range wrap(lines, 74) {
		fmt.Fprintf(&buf, "# %s\n", line)
	}
	buf.WriteString("\n")
	if err := s.Encode(&buf); err != nil {
		return err
	}
	out := *sf.scenario
	if _, err := scenarios.Parse(out, buf.Bytes()); err != nil {
		return fmt.Errorf("the scenario does not load back: %v", err)
	}
	return writeFileAtomic(out, buf.Bytes())
}

// wrap breaks text into lines of at most width bytes at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
