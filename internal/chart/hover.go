package chart

import (
	"fmt"
	"math"
	"strconv"

	"clvlab/internal/kpi"
)

// Values returns the figures a crosshair at period shows for a chart kind:
// a heading line, then one "name: value" line per series, in in.Lang.
func Values(k Kind, in *Input, period int) []string {
	st := newStyle(in, DefaultSize)
	r := st.current()
	if period < 0 || period >= r.Model.Horizon {
		return nil
	}
	head := st.t(msgPeriod, st.periodName()) + " " + strconv.Itoa(period)
	if k == Survival || k == Retention {
		head = st.t(msgTenure, st.periodName()) + " " + strconv.Itoa(period)
	}
	lines := []string{head}
	add := func(name string, v float64) { lines = append(lines, name+": "+Human(v, st.lang)) }
	// Customers are counted whole: 757, never 757.23.
	count := func(name string, v float64) {
		lines = append(lines, name+": "+kpi.Group(strconv.FormatFloat(math.Round(v), 'f', 0, 64)))
	}
	m := r.Model
	switch k {
	case Customers:
		total := 0.0
		for i := len(m.StageIDs) - 1; i >= 0; i-- {
			n := 0.0
			for s := range m.Segments {
				c := r.Cell(period, s, i)
				n += c.Customers + c.Rivals // a competitor's stage holds its customers, not ours
			}
			if !m.IsCompetitor(i) {
				total += n
			}
			count(st.in.Stages[i], n)
		}
		count(st.t(msgCustomers), total)
		if mk := r.Summary.Market; mk != nil {
			// Our share, and its Monte Carlo band once trials ran, as the
			// market-share plot's fan draws it.
			share := share1(mk.Share[period])
			if b := st.bands(); b != nil && period < len(b.MarketShare) {
				band := b.MarketShare[period]
				share = st.t(msgShareBand, share, share1(band.P5), share1(band.P95))
			}
			lines = append(lines, st.t(msgOurShare)+": "+share)
		}
	case Cohorts:
		f := &r.Totals[period]
		add(fmt.Sprintf(st.t(msgNetRevenue), st.in.Currency), f.Revenue-f.Discount)
		add(st.t(msgCohortOf, st.periodName(), strconv.Itoa(period)), r.Cohort(period, period).NetRevenue)
	case CashFlow:
		f := &r.Totals[period]
		add(st.t(msgOperatingMargin), f.Revenue-f.Discount-f.BadDebt-f.CostToServe-f.RetentionSpend)
		if f.BadDebt != 0 {
			add(st.t(msgBadDebt), -f.BadDebt)
		}
		add(st.t(msgAcquisitionSpend), -(f.AcquisitionSpend + f.WinbackSpend))
		add(st.t(msgNetCashFlow), f.NetCashFlow)
		add(fmt.Sprintf(st.t(msgCumulative), st.in.Currency), r.CumulativeDiscountedNetCashFlow[period])
	case Survival:
		lines = append(lines, st.t(msgShareActive)+": "+strconv.FormatFloat(100*r.Summary.Survival[period], 'f', 1, 64)+"%")
	case Retention:
		if period == 0 || !(r.Summary.Survival[period-1] > 0) {
			return lines
		}
		lines = append(lines, st.t(msgRetentionRate)+": "+strconv.FormatFloat(100*r.Summary.Survival[period]/r.Summary.Survival[period-1], 'f', 2, 64)+"%")
	case Comparison:
		for _, run := range st.in.Runs {
			if period < run.Result.Model.Horizon {
				add(run.Name, run.Result.CumulativeDiscountedNetCashFlow[period])
			}
		}
	default:
		return nil
	}
	return lines
}

// share1 formats a share with one decimal: "44.0%".
func share1(v float64) string { return strconv.FormatFloat(100*v, 'f', 1, 64) + "%" }
