package report

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim/uncertainty"
)

func simulated(t *testing.T, id string, mc projection.MonteCarlo) []projection.Run {
	t.Helper()
	s, err := scenarios.Preset(id)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := projection.Simulate(runs, mc); err != nil {
		t.Fatal(err)
	}
	return runs
}

// TestBandsCSVHoldsTheBands: every row of bands.csv is the Stats of its
// run, period and series, to the 10 digits written.
func TestBandsCSVHoldsTheBands(t *testing.T) {
	runs := simulated(t, "annuity", projection.MonteCarlo{Trials: 100, TrialsSet: true, Seed: 2, SeedSet: true})
	var b bytes.Buffer
	if err := WriteBandsCSV(&b, runs); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	i := 1
	for _, r := range runs {
		bands := r.Uncertainty.Bands
		for p := range r.Model.Horizon {
			want := [][]string{
				{r.Name, strconv.Itoa(p), "customers", "loyal"},
				{r.Name, strconv.Itoa(p), "active_customers", ""},
				{r.Name, strconv.Itoa(p), "net_cash_flow", ""},
				{r.Name, strconv.Itoa(p), "cumulative_discounted_net_cash_flow", ""},
			}
			stats := []float64{bands.Customers[0][p].P95, bands.ActiveCustomers[p].P5, bands.NetCashFlow[p].Mean, bands.CumulativeDiscountedNetCashFlow[p].P50}
			columns := []int{9, 5, 4, 7} // p95, p5, mean, p50
			for k, w := range want {
				row := rows[i]
				i++
				if strings.Join(row[:4], ",") != strings.Join(w, ",") {
					t.Fatalf("row %d %v, want it to start %v", i-1, row, w)
				}
				if got := row[columns[k]]; got != strconv.FormatFloat(stats[k], 'g', 10, 64) {
					t.Errorf("row %v: column %s = %s, want %v", w, BandsHeader[columns[k]], got, stats[k])
				}
			}
		}
	}
	if i != len(rows) {
		t.Errorf("%d rows, want %d", len(rows), i)
	}
}

// TestBandsCSVHoldsMarketShares: for brand-switching (our stage a, the
// competitors b and c) each period's rows end with our market share
// (stage empty) and each competitor's, the Stats of the share bands, and
// summary.json's bands hold them as market_share and competitor_share.
func TestBandsCSVHoldsMarketShares(t *testing.T) {
	runs := simulated(t, "brand-switching", projection.MonteCarlo{Trials: 50, TrialsSet: true, Seed: 3, SeedSet: true})
	var b bytes.Buffer
	if err := WriteBandsCSV(&b, runs); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	r := runs[0]
	bands := r.Uncertainty.Bands
	per := len(r.Model.StageIDs) + 3 + 3 // customers by stage, 3 totals, 3 shares
	if want := 1 + len(runs)*r.Model.Horizon*per; len(rows) != want {
		t.Fatalf("%d rows, want %d", len(rows), want)
	}
	for p := range r.Model.Horizon {
		shares := rows[1+p*per+per-3 : 1+(p+1)*per]
		for k, c := range []struct {
			stage string
			want  float64
		}{{"", bands.MarketShare[p].P50}, {"b", bands.CompetitorShare[1][p].P50}, {"c", bands.CompetitorShare[2][p].P50}} {
			w := []string{r.Name, strconv.Itoa(p), "market_share", c.stage, strconv.FormatFloat(c.want, 'g', 10, 64)}
			if got := append(shares[k][:4:4], shares[k][7]); strings.Join(got, ",") != strings.Join(w, ",") {
				t.Errorf("period %d: row %v, want %v (p50 last)", p, shares[k], w)
			}
		}
	}
	doc := uncertaintyDoc(&runs[0])
	if len(doc.Bands.MarketShare) != r.Model.Horizon || len(doc.Bands.CompetitorShare) != 2 || len(doc.Bands.CompetitorShare["c"]) != r.Model.Horizon {
		t.Errorf("summary.json's share bands: %d of ours, competitors %d", len(doc.Bands.MarketShare), len(doc.Bands.CompetitorShare))
	}
	if plain := uncertaintyDoc(&simulated(t, "annuity", projection.MonteCarlo{Trials: 5, TrialsSet: true})[0]); plain.Bands.MarketShare != nil || plain.Bands.CompetitorShare != nil {
		t.Error("share bands in summary.json for a scenario without competitors")
	}
}

// TestShareBandsOfEveryBrandSwitchingRun: without randomness the median
// share bands of every run of brand-switching, its variant with contracts
// and add-ons (tenure states) included, are the engine's shares, ours and
// each competitor's, bit for bit.
func TestShareBandsOfEveryBrandSwitchingRun(t *testing.T) {
	runs := simulated(t, "brand-switching", projection.MonteCarlo{})
	for _, r := range runs {
		b, err := uncertainty.Run(r.Model, uncertainty.Config{Trials: 3})
		if err != nil {
			t.Fatal(err)
		}
		res := r.Result
		for p := range r.Model.Horizon {
			if got, want := b.MarketShare[p].P50, res.Summary.Market.Share[p]; got != want {
				t.Errorf("%s, period %d: our share's median %v, engine %v", r.Name, p, got, want)
			}
			for i, id := range r.Model.StageIDs {
				if b.CompetitorShare[i] == nil {
					continue
				}
				if got, want := b.CompetitorShare[i][p].P50, res.MarketShare(p, i); got != want {
					t.Errorf("%s, period %d: %s's share median %v, engine %v", r.Name, p, id, got, want)
				}
			}
		}
	}
}

// TestTableShowsProbabilities: with Monte Carlo the table adds the bands
// of CLV and customer equity and the two probabilities, with the change in
// percentage points; without it, none of them.
func TestTableShowsProbabilities(t *testing.T) {
	s, _ := scenarios.Preset("acquisition-vs-retention")
	for _, trials := range []int{0, 200} {
		runs := simulated(t, "acquisition-vs-retention", projection.MonteCarlo{Trials: trials, TrialsSet: true})
		var b bytes.Buffer
		if err := WriteTable(&b, s, runs, "en"); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, want := range []string{"CLV 5–95%", "customer equity 5–95%", "P(customer equity < 0)", "P(payback within horizon)", "Monte Carlo: 200 trials per run, seed 1; process noise, Poisson acquisition, 1 uncertain value in the base (rows: scale)"} {
			if strings.Contains(out, want) != (trials > 0) {
				t.Errorf("%d trials: table has %q: %v\n%s", trials, want, !(trials > 0), out)
			}
		}
	}
}

// TestTableCLVBandWithoutAcquisition: brand-switching's base acquires no
// one (its customers are an existing base), so no trial has a first
// cohort and the CLV range is "—", as an undefined share is, not
// "0.00 – 0.00"; its variants that acquire customers keep their ranges.
func TestTableCLVBandWithoutAcquisition(t *testing.T) {
	s, _ := scenarios.Preset("brand-switching")
	runs := simulated(t, "brand-switching", projection.MonteCarlo{Trials: 200, TrialsSet: true})
	var b bytes.Buffer
	if err := WriteTable(&b, s, runs, "en"); err != nil {
		t.Fatal(err)
	}
	var row string
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "CLV 5–95%") {
			row = l
		}
	}
	cells := strings.Fields(strings.TrimPrefix(strings.TrimSpace(row), "CLV 5–95%"))
	if len(cells) == 0 || cells[0] != "—" || strings.Contains(row, "0.00 – 0.00") {
		t.Errorf("CLV row %q: want — for the base (%d trials with a first cohort)", row, runs[0].Uncertainty.Bands.CLVTrials)
	}
	ranged := 0
	for _, r := range runs {
		if r.Uncertainty.Bands.CLVTrials > 0 {
			ranged++
		}
	}
	if ranged == 0 || strings.Count(row, " – ") != ranged {
		t.Errorf("CLV row %q: want a range for each of the %d runs with acquisition", row, ranged)
	}
}
