package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// uncertaintyJSON is a run's "uncertainty" object in summary.json.
type uncertaintyJSON struct {
	Trials             int      `json:"trials"`
	Seed               uint64   `json:"seed"`
	ProcessNoise       bool     `json:"process_noise"`
	PoissonAcquisition bool     `json:"poisson_acquisition"`
	Rows               string   `json:"rows"`
	Parameters         []string `json:"parameters"`
	// PNegativeEquity is P(customer equity < 0); PPayback P(the first
	// cohort pays back within the horizon), null without a first cohort.
	PNegativeEquity float64           `json:"p_customer_equity_negative"`
	PPayback        sim.Optional      `json:"p_payback_within_horizon"`
	CLV             uncertainty.Stats `json:"clv"`
	CLVTrials       int               `json:"clv_trials"`
	CustomerEquity  uncertainty.Stats `json:"customer_equity"`
	Bands           bandsJSON         `json:"bands"`
}

// bandsJSON holds the per-period bands, one Stats per period; in a
// market with competitor stages also our share of the market and each
// competitor's, by stage id.
type bandsJSON struct {
	Customers                       map[string][]uncertainty.Stats `json:"customers"`
	ActiveCustomers                 []uncertainty.Stats            `json:"active_customers"`
	NetCashFlow                     []uncertainty.Stats            `json:"net_cash_flow"`
	CumulativeDiscountedNetCashFlow []uncertainty.Stats            `json:"cumulative_discounted_net_cash_flow"`
	MarketShare                     []uncertainty.Stats            `json:"market_share,omitempty"`
	CompetitorShare                 map[string][]uncertainty.Stats `json:"competitor_share,omitempty"`
}

// uncertaintyDoc returns r's "uncertainty" object, nil without one.
func uncertaintyDoc(r *projection.Run) *uncertaintyJSON {
	u := r.Uncertainty
	if u == nil {
		return nil
	}
	b, c := u.Bands, u.Config
	doc := &uncertaintyJSON{
		Trials: b.Trials, Seed: b.Seed, ProcessNoise: c.ProcessNoise, PoissonAcquisition: c.PoissonAcquisition,
		Rows: c.Rows.String(), Parameters: []string{},
		PNegativeEquity: b.NegativeEquity, PPayback: b.Payback,
		CLV: b.CLV, CLVTrials: b.CLVTrials, CustomerEquity: b.CustomerEquity,
		Bands: bandsJSON{
			Customers:                       map[string][]uncertainty.Stats{},
			ActiveCustomers:                 b.ActiveCustomers,
			NetCashFlow:                     b.NetCashFlow,
			CumulativeDiscountedNetCashFlow: b.CumulativeDiscountedNetCashFlow,
			MarketShare:                     b.MarketShare,
		},
	}
	for _, p := range c.Parameters {
		doc.Parameters = append(doc.Parameters, p.Name)
	}
	for i, id := range r.Model.StageIDs {
		doc.Bands.Customers[id] = b.Customers[i]
		if b.CompetitorShare != nil && b.CompetitorShare[i] != nil {
			if doc.Bands.CompetitorShare == nil {
				doc.Bands.CompetitorShare = map[string][]uncertainty.Stats{}
			}
			doc.Bands.CompetitorShare[id] = b.CompetitorShare[i]
		}
	}
	return doc
}

// BandsHeader names the columns of bands.csv.
var BandsHeader = []string{"variant", "period", "series", "stage", "mean", "p5", "p25", "p50", "p75", "p95"}

// WriteBandsCSV writes bands.csv: one row per run with Monte Carlo ×
// period × series, the series being customers (one row per stage),
// active_customers, net_cash_flow and cumulative_discounted_net_cash_flow
// (stage empty), and in a market with competitor stages market_share
// (ours with the stage empty, then one row per competitor stage), each
// with the mean and the 5/25/50/75/95 percentiles over the trials.
func WriteBandsCSV(w io.Writer, runs []projection.Run) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(BandsHeader); err != nil {
		return err
	}
	row := make([]string, 0, len(BandsHeader))
	write := func(variant string, t int, series, stage string, s uncertainty.Stats) error {
		row = append(row[:0], variant, strconv.Itoa(t), series, stage)
		for _, x := range []float64{s.Mean, s.P5, s.P25, s.P50, s.P75, s.P95} {
			row = append(row, csvFloat(x))
		}
		return cw.Write(row)
	}
	for _, r := range runs {
		if r.Uncertainty == nil {
			continue
		}
		b := r.Uncertainty.Bands
		for t := range r.Model.Horizon {
			for i, id := range r.Model.StageIDs {
				if err := write(r.Name, t, "customers", id, b.Customers[i][t]); err != nil {
					return err
				}
			}
			for _, s := range []struct {
				name  string
				stats []uncertainty.Stats
			}{
				{"active_customers", b.ActiveCustomers},
				{"net_cash_flow", b.NetCashFlow},
				{"cumulative_discounted_net_cash_flow", b.CumulativeDiscountedNetCashFlow},
			} {
				if err := write(r.Name, t, s.name, "", s.stats[t]); err != nil {
					return err
				}
			}
			if b.MarketShare == nil {
				continue
			}
			if err := write(r.Name, t, "market_share", "", b.MarketShare[t]); err != nil {
				return err
			}
			for i, id := range r.Model.StageIDs {
				if b.CompetitorShare[i] == nil {
					continue
				}
				if err := write(r.Name, t, "market_share", id, b.CompetitorShare[i][t]); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// UncertaintyFiles returns bands.csv when a run has Monte Carlo results,
// else nothing.
func UncertaintyFiles(runs []projection.Run) []File {
	for _, r := range runs {
		if r.Uncertainty != nil {
			return []File{{Name: "bands.csv", Write: func(w io.Writer) error { return WriteBandsCSV(w, runs) }}}
		}
	}
	return nil
}

// writeBandRows adds the Monte Carlo rows to the summary table, labelled
// by the catalogue (kpi.Bands): the range of the middle 90% of trials (5th
// to 95th percentile) of CLV and customer equity, and the two
// probabilities (their Δ in percentage points).
func writeBandRows(tw io.Writer, runs []projection.Run, width int, lang string) {
	if runs[0].Uncertainty == nil {
		return
	}
	share := func(o sim.Optional) string {
		if !o.Defined {
			return "—"
		}
		return strconv.FormatFloat(100*o.Value, 'f', 1, 64) + "%"
	}
	points := func(base, v sim.Optional) string {
		switch {
		case !base.Defined || !v.Defined:
			return ""
		case v.Value == base.Value:
			return "0"
		}
		return fmt.Sprintf("%+.1f %s", 100*(v.Value-base.Value), wPoints.In(lang))
	}
	for _, f := range kpi.Bands {
		cell := func(r projection.Run) string {
			span, p := bandFigure(f, r.Uncertainty)
			switch {
			case r.Uncertainty == nil:
				return "—"
			case f.Share():
				return share(p)
			}
			return span
		}
		cols := []string{PadRight(f.Label(lang), width), cell(runs[0])}
		for _, r := range runs[1:] {
			delta := ""
			if f.Share() && r.Uncertainty != nil {
				_, base := bandFigure(f, runs[0].Uncertainty)
				_, p := bandFigure(f, r.Uncertainty)
				delta = points(base, p)
			}
			cols = append(cols, cell(r), delta)
		}
		fmt.Fprintln(tw, strings.Join(cols, "\t")+"\t")
	}
}

// bandFigure returns Monte Carlo figure f of u: the text of a range
// ("604.41 – 1,144.24"; "—" for CLV when no trial had a first cohort, as
// without acquisition) or a share of the trials (Band.Share); nothing
// when u is nil.
func bandFigure(f kpi.Band, u *projection.Uncertainty) (span string, share sim.Optional) {
	if u == nil {
		return "", sim.Optional{}
	}
	band := func(s uncertainty.Stats) string {
		return kpi.Money.Format(sim.Some(s.P5)) + " – " + kpi.Money.Format(sim.Some(s.P95))
	}
	b := u.Bands
	switch f {
	case kpi.CLVRange:
		if b.CLVTrials == 0 { // no trial had a first cohort (no acquisition): no new customer's CLV
			return "—", sim.Optional{}
		}
		return band(b.CLV), sim.Optional{}
	case kpi.CustomerEquityRange:
		return band(b.CustomerEquity), sim.Optional{}
	case kpi.NegativeEquity:
		return "", sim.Some(b.NegativeEquity)
	case kpi.PaybackWithinHorizon:
		return "", b.Payback
	}
	panic(fmt.Sprintf("report: no Monte Carlo figure %d", f))
}

// writeBandNote says, below the table, how the Monte Carlo rows were made.
func writeBandNote(w io.Writer, runs []projection.Run, lang string) error {
	u := runs[0].Uncertainty
	if u == nil {
		return nil
	}
	c := u.Config
	var sources []string
	if c.ProcessNoise {
		sources = append(sources, wProcessNoise.In(lang))
	}
	if c.PoissonAcquisition {
		sources = append(sources, wPoisson.In(lang))
	}
	if n := len(c.Parameters); n > 0 {
		text := wUncertainMany
		if n == 1 {
			text = wUncertainOne
		}
		sources = append(sources, fmt.Sprintf(text.In(lang), n, c.Rows))
	}
	if len(sources) == 0 {
		sources = append(sources, wNoRandomness.In(lang))
	}
	sep := ", "
	if lang == "zh" {
		sep = "、"
	}
	_, err := fmt.Fprintf(w, wBandNote.In(lang)+"\n", u.Bands.Trials, u.Bands.Seed, strings.Join(sources, sep))
	return err
}
