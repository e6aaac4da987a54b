package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/internal/report/tables"
	"clvlab/scenarios"
	"clvlab/sim"
)

// scenarioJSON describes the scenario in summary.json.
type scenarioJSON struct {
	NameEN       string   `json:"name"`
	NameZH       string   `json:"name_zh"`
	File         string   `json:"file"`
	Period       string   `json:"period"`
	Horizon      int      `json:"horizon"`
	DiscountRate float64  `json:"discount_rate"`
	CashTiming   string   `json:"cash_timing"`
	Currency     string   `json:"currency"`
	Stages       []string `json:"stages"`
	Segments     []string `json:"segments"`
}

type stageValue struct {
	Stage string  `json:"stage"`
	CLV   float64 `json:"clv"`
}

type valueJSON struct {
	CLV              float64      `json:"clv"`
	AcquisitionCost  float64      `json:"acquisition_cost"`
	CLVNet           float64      `json:"clv_net"`
	LTVCAC           sim.Optional `json:"ltv_cac"`
	CLVInfinite      sim.Optional `json:"clv_infinite"`
	PaybackPeriods   sim.Optional `json:"payback_periods"`
	ExpectedLifetime sim.Optional `json:"expected_lifetime"`
	// ExpectedPurchases is over the horizon, per new customer.
	ExpectedPurchases float64 `json:"expected_purchases"`
	// CLVByStage lists where the value comes from; the last entry, "lost",
	// is the win-back spend.
	CLVByStage []stageValue `json:"clv_by_stage"`
	// The referral figures, only in a run that refers.
	*referralJSON
}

// referralJSON holds a value's referral figures (sim.Referral).
type referralJSON struct {
	ReferralsDirect       sim.Optional `json:"referrals_direct"`
	ReferralsTotal        sim.Optional `json:"referrals_total"`
	ReferralValue         float64      `json:"referral_value"`
	ReferralValueInfinite sim.Optional `json:"referral_value_infinite"`
}

type segmentJSON struct {
	Share float64 `json:"share"`
	valueJSON
}

type runJSON struct {
	Variant     string `json:"variant"`
	VariantZH   string `json:"variant_zh"`
	Description string `json:"description,omitempty"`
	valueJSON
	CustomerEquity         float64                `json:"customer_equity"`
	CustomerEquityExisting float64                `json:"customer_equity_existing"`
	CustomerEquityNew      float64                `json:"customer_equity_new"`
	Survival               []float64              `json:"survival"`
	Segments               map[string]segmentJSON `json:"segments"`
	Uncertainty            *uncertaintyJSON       `json:"uncertainty,omitempty"`
	// SteadyShare is kpi.SteadyShare, only in a run with competitor
	// stages (null when its steady state is undefined).
	SteadyShare *sim.Optional `json:"steady_share,omitempty"`
	Market      *marketJSON   `json:"market,omitempty"` // market.go
}

func value(v sim.Value, stages []string) valueJSON {
	by := make([]stageValue, len(v.CLVByStage))
	for i, x := range v.CLVByStage {
		id := "lost"
		if i < len(stages) {
			id = stages[i]
		}
		by[i] = stageValue{Stage: id, CLV: x}
	}
	out := valueJSON{
		CLV: v.CLV, AcquisitionCost: v.AcquisitionCost, CLVNet: v.CLVNet, LTVCAC: v.LTVCAC,
		CLVInfinite: v.CLVInfinite, PaybackPeriods: v.PaybackPeriods, ExpectedLifetime: v.ExpectedLifetime,
		ExpectedPurchases: v.ExpectedPurchases, CLVByStage: by,
	}
	if r := v.Referral; r.Referring {
		out.referralJSON = &referralJSON{r.ReferralsDirect, r.ReferralsTotal, r.ReferralValue, r.ReferralValueInfinite}
	}
	return out
}

// WriteJSON writes summary.json: the scenario and one entry per run, the
// base first.
func WriteJSON(w io.Writer, s *scenarios.Scenario, runs []projection.Run) error {
	base := runs[0].Model
	doc := struct {
		Scenario scenarioJSON `json:"scenario"`
		Runs     []runJSON    `json:"runs"`
	}{Scenario: scenarioJSON{
		NameEN: s.Name.In("en"), NameZH: s.Name.In("zh"), File: s.File,
		Period: base.Period.String(), Horizon: base.Horizon, DiscountRate: base.DiscountRate,
		CashTiming: base.CashTiming.String(), Currency: s.Currency, Stages: base.StageIDs,
	}}
	for _, seg := range base.Segments {
		doc.Scenario.Segments = append(doc.Scenario.Segments, seg.ID)
	}
	for _, r := range runs {
		sum := &r.Result.Summary
		rj := runJSON{
			Variant: r.Name, VariantZH: r.Title.In("zh"),
			valueJSON:              value(sum.Value, r.Model.StageIDs),
			CustomerEquity:         sum.CustomerEquity,
			CustomerEquityExisting: sum.CustomerEquityExisting,
			CustomerEquityNew:      sum.CustomerEquityNew,
			Survival:               sum.Survival,
			Segments:               map[string]segmentJSON{},
		}
		if r.Name != "base" {
			rj.Description = r.Scenario.Description.In("en")
		}
		rj.Uncertainty = uncertaintyDoc(&r)
		rj.Market = marketDoc(&r)
		if kpi.SteadyShare.Shown(sum) {
			v := kpi.SteadyShare.Of(sum)
			rj.SteadyShare = &v
		}
		for _, seg := range sum.Segments {
			rj.Segments[seg.ID] = segmentJSON{Share: seg.Share, valueJSON: value(seg.Value, r.Model.StageIDs)}
		}
		doc.Runs = append(doc.Runs, rj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// CSVHeader names the columns of periods.csv.
var CSVHeader = tables.PeriodsHeader

// WriteCSV writes periods.csv (tables.WritePeriods): one row per run ×
// period × segment × stage.
func WriteCSV(w io.Writer, runs []projection.Run) error { return tables.WritePeriods(w, runs) }

// csvFloat formats a number for the CSV files (tables.Float).
func csvFloat(x float64) string { return tables.Float(x) }

// WriteTable writes the summary as a table aligned by display width, in
// lang: the base, then each variant with its change against the base.
func WriteTable(w io.Writer, s *scenarios.Scenario, runs []projection.Run, lang string) error {
	m := runs[0].Model
	timing := m.CashTiming.String()
	if lang == "zh" {
		timing = map[sim.CashTiming]scenarios.Text{sim.CashEnd: wCashEnd, sim.CashStart: wCashStart}[m.CashTiming].In(lang)
	}
	fmt.Fprintf(w, wTableHead.In(lang)+"\n",
		s.Name.In(lang), s.File, m.Horizon, periodName(m.Period, lang), percent(m.DiscountRate, -1), timing, s.Currency)
	tw := NewTable(w)
	head := []string{"", wBase.In(lang)}
	for _, r := range runs[1:] {
		name := r.Name
		if lang != "en" {
			name = r.Title.In(lang)
		}
		head = append(head, name, "Δ")
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	width := 28 // the labels' column, as wide as its widest label
	for _, k := range kpi.All {
		if k.Shown(summaries(runs)...) {
			width = max(width, DisplayWidth(k.Label(lang)))
		}
	}
	if runs[0].Uncertainty != nil {
		for _, f := range kpi.Bands {
			width = max(width, DisplayWidth(f.Label(lang)))
		}
	}
	market := marketRows(s, runs, lang) // markettable.go
	for _, r := range market {
		width = max(width, DisplayWidth(r[0]))
	}
	for _, k := range kpi.All {
		if !k.Shown(summaries(runs)...) {
			continue
		}
		base := k.Of(&runs[0].Result.Summary)
		cols := []string{PadRight(k.Label(lang), width), k.Format(base)}
		for _, r := range runs[1:] {
			v := k.Of(&r.Result.Summary)
			cols = append(cols, k.Format(v), k.DeltaIn(base, v, lang))
		}
		fmt.Fprintln(tw, strings.Join(cols, "\t")+"\t")
	}
	writeMarketRows(tw, market, width)
	writeBandRows(tw, runs, width, lang)
	if err := tw.Flush(); err != nil {
		return err
	}
	return writeBandNote(w, runs, lang)
}

// summaries returns the runs' summaries, for kpi.KPI.Shown.
func summaries(runs []projection.Run) []*sim.Summary {
	out := make([]*sim.Summary, len(runs))
	for i := range runs {
		out[i] = &runs[i].Result.Summary
	}
	return out
}

// percent formats a share as a percentage: with decimals ≥ 0 that many
// decimals (21.6%: a table's column), with decimals < 0 the shortest
// form of the percentage rounded to 1e-3 (7%, not 7.000000000000001%;
// 12.345%); "—" when NaN.
func percent(x float64, decimals int) string {
	if math.IsNaN(x) {
		return "—"
	}
	if decimals < 0 {
		return strconv.FormatFloat(math.Round(x*1e5)/1e3, 'f', -1, 64) + "%"
	}
	return strconv.FormatFloat(100*x, 'f', decimals, 64) + "%"
}
