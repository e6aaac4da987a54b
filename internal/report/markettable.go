package report

import (
	"fmt"
	"io"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim"
)

var wSharePointValue = scenarios.Text{EN: "value of a share point, row of %s", ZH: "一个份额点的价值：经 %s 的行"}

// marketRows returns the summary table's rows of a brand-switching market
// (docs/scenarios.md, "Competitors") under the KPIs, whose last is our
// steady-state share (kpi.SteadyShare): the value of a point of it won
// through each row of the base run that moves customers to a competitor,
// each run's value and its change from the base; nil without competitor
// stages.
func marketRows(s *scenarios.Scenario, runs []projection.Run, lang string) [][]string {
	if runs[0].Result.Summary.Market == nil {
		return nil
	}
	var rows [][]string
	points := make([][]sim.SharePoint, len(runs))
	for i, r := range runs {
		points[i] = sim.SharePoints(r.Result.Model, r.Result)
	}
	for _, sp := range points[0] {
		value := func(i int) sim.Optional {
			for _, q := range points[i] {
				if q.Row == sp.Row {
					return q.Value
				}
			}
			return sim.Optional{}
		}
		row := []string{fmt.Sprintf(wSharePointValue.In(lang), stageName(s, sp.Row, lang)), kpi.Money.Format(sp.Value)}
		for i := range runs[1:] {
			v := value(i + 1)
			row = append(row, kpi.Money.Format(v), kpi.Money.Delta(sp.Value, v))
		}
		rows = append(rows, row)
	}
	return rows
}

// writeMarketRows writes marketRows into the summary table tw, labels
// padded to width.
func writeMarketRows(tw io.Writer, rows [][]string, width int) {
	for _, r := range rows {
		r[0] = PadRight(r[0], width)
		fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
	}
}
