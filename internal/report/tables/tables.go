package tables

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"

	"clvlab/internal/projection"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
	"clvlab/sim"
)

// PeriodsHeader names the columns of periods.csv of runs without
// referrals; ReferralColumns come after winback_spend in runs with them.
var PeriodsHeader = []string{
	"variant", "period", "segment", "stage",
	"customers", "new", "churned", "won_back", "purchases",
	"revenue", "discount", "bad_debt", "cost_to_serve", "retention_spend",
	"acquisition_spend", "winback_spend", "net_cash_flow", "discounted_net_cash_flow",
	"cumulative_net_cash_flow", "cumulative_discounted_net_cash_flow",
	"existing_customers", "existing_net_cash_flow", "existing_discounted_net_cash_flow",
}

// ReferralColumns are the columns periods.csv has after winback_spend
// when a run refers (sim.Model.Refers): the customers arriving by
// referral and the reward paid for them.
var ReferralColumns = []string{"referred", "referral_reward"}

// periodsHeader returns the header of periods.csv for runs: PeriodsHeader,
// with ReferralColumns when referring is set.
func periodsHeader(referring bool) []string {
	if !referring {
		return PeriodsHeader
	}
	at := slices.Index(PeriodsHeader, "winback_spend") + 1
	return append(append(append([]string{}, PeriodsHeader[:at]...), ReferralColumns...), PeriodsHeader[at:]...)
}

// WritePeriods writes periods.csv: one row per run × period × segment ×
// stage (stage "lost" holds the lost customers and the win-back spend).
// The cumulative columns run over periods within a run, segment and
// stage, so summing any column over segments and stages gives the
// period's total. The existing columns are the part of the row's
// customers, net cash flow and discounted net cash flow that today's
// customer base makes (0 without one; in the lost row, today's customers
// lost so far and the win-back spend on them; in a competitor's stage,
// its part of competitor_customers).
func WritePeriods(w io.Writer, runs []projection.Run) error {
	cw := csv.NewWriter(w)
	referring := false
	for _, r := range runs {
		referring = referring || r.Result.Model.Refers()
	}
	header, market := periodsHeader(referring), hasMarket(runs)
	if market {
		header = append(slices.Clip(header), MarketColumns...) // market.go
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	for _, r := range runs {
		res, m := r.Result, r.Model
		if m == nil { // the planner's runs: the model is the result's
			m = res.Model
		}
		cum := make([]float64, 2*len(m.Segments)*res.Rows)
		for t := range m.Horizon {
			for s, seg := range m.Segments {
				for i := range res.Rows {
					c := res.Cell(t, s, i)
					stage := "lost"
					if i < len(m.StageIDs) {
						stage = m.StageIDs[i]
					}
					k := 2 * (s*res.Rows + i)
					cum[k] += c.NetCashFlow
					cum[k+1] += c.DiscountedNetCashFlow
					var ex sim.Flows // today's customers' part of the row
					if e := res.ExistingCell(t, s, i); e != nil {
						ex = *e
					}
					row = append(row[:0], r.Name, strconv.Itoa(t), seg.ID, stage)
					customers, churned := residues(res, t, i, c) // residue.go
					for _, x := range []float64{customers, c.New, churned, c.WonBack, c.Purchases,
						c.Revenue, c.Discount, c.BadDebt, c.CostToServe, c.RetentionSpend,
						c.AcquisitionSpend, c.WinbackSpend} {
						row = append(row, Float(x))
					}
					if referring {
						row = append(row, Float(c.Referred), Float(c.ReferralReward))
					}
					for _, x := range []float64{c.NetCashFlow, c.DiscountedNetCashFlow,
						cum[k], cum[k+1], ex.Customers + ex.Rivals, ex.NetCashFlow, ex.DiscountedNetCashFlow} {
						row = append(row, Float(x))
					}
					if market {
						row = appendMarket(row, res, t, c, i)
					}
					if err := cw.Write(row); err != nil {
						return err
					}
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteTornado writes tornado.csv: one row per lever, largest swing
// first.
func WriteTornado(w io.Writer, s *scenarios.Scenario, t *whatif.Tornado) error {
	rows := [][]string{{"rank", "path", "label", "kind", "value", "low", "high", "from_range", "clamped", "kpi", "kpi_low", "kpi_high", "swing"}}
	for i, b := range t.Bars {
		rows = append(rows, []string{strconv.Itoa(i + 1), b.Path, s.Label(b.Path, "en"), b.Kind.String(),
			Number(sim.Some(b.Value)), Number(sim.Some(b.Low)), Number(sim.Some(b.High)), strconv.FormatBool(b.FromRange), b.Clamped,
			t.KPI.String(), Number(b.KPILow), Number(b.KPIHigh), Number(b.Swing)})
	}
	return WriteRows(w, rows)
}

// WriteRows writes rows as CSV.
func WriteRows(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// Float formats a number for the CSV files: 10 significant digits, and
// 0 for a negative zero (a flow of −1 × 0), which "-0" would show as if
// it were below zero.
func Float(x float64) string {
	if x == 0 {
		return "0"
	}
	return strconv.FormatFloat(x, 'g', 10, 64)
}

// Number formats a number for CSV, or "" when undefined.
func Number(o sim.Optional) string {
	if !o.Defined {
		return ""
	}
	return Float(o.Value)
}
