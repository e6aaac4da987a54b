package explain

import (
	"math"
	"slices"
	"strings"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim"
)

// shippedRuns returns the projections of every shipped scenario and
// variant.
func shippedRuns(t *testing.T) map[string][]projection.Run {
	t.Helper()
	out := map[string][]projection.Run{}
	for _, id := range scenarios.Presets() {
		s, err := scenarios.Preset(id)
		if err != nil {
			t.Fatal(err)
		}
		runs, err := projection.Runs(s)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		out[id] = runs
	}
	return out
}

// close reports whether got is within rel of want, relative to
// max(|want|, 1).
func close(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1)
}

// TestTableSumsToCLV checks, for every shipped scenario and variant, that
// the tenure table's contributions sum to sim's CLV, mixed and per
// segment, and its referral contributions to sim's referral value; that its active share is sim's survival; that the customer
// equity rebuilt from the table's running sums (each cohort c worth
// N_c·(1+d)^−c·(CLV + referral value over the H−c periods left − CAC))
// and today's customers (Existing: Σ_i X_i·V_i) is sim's; and that
// the fundamental-matrix CLV∞ and lifetime are sim's.
func TestTableSumsToCLV(t *testing.T) {
	const rel = 1e-9 // the sums differ from sim's only in their order of addition
	for id, runs := range shippedRuns(t) {
		for _, r := range runs {
			name := id + "/" + r.Name
			res, m := r.Result, r.Result.Model
			sum := &res.Summary
			var tab Table
			tab.Fill(m, Mixed)
			if !close(tab.CLV, sum.CLV, rel) {
				t.Errorf("%s: table CLV %v, sim %v", name, tab.CLV, sum.CLV)
			}
			if got := tab.Rows[len(tab.Rows)-1].Sum; got != tab.CLV {
				t.Errorf("%s: last running sum %v, CLV %v", name, got, tab.CLV)
			}
			for τ, row := range tab.Rows {
				if !close(row.Active, sum.Survival[τ], rel) {
					t.Errorf("%s: τ=%d active %v, sim survival %v", name, τ, row.Active, sum.Survival[τ])
					break
				}
				mix := res.CohortMix(nil, τ)
				for i, x := range mix {
					if !close(row.Mix[i], x, rel) {
						t.Errorf("%s: τ=%d stage %d share %v, sim %v", name, τ, i, row.Mix[i], x)
					}
				}
			}
			for s := range m.Segments {
				var st Table
				st.Fill(m, s)
				if !close(st.CLV, sum.Segments[s].CLV, rel) {
					t.Errorf("%s: segment %d table CLV %v, sim %v", name, s, st.CLV, sum.Segments[s].CLV)
				}
			}
			ce, f := 0.0, 1.0
			v := 1 / (1 + m.PeriodRate())
			for c := range m.Horizon {
				row := tab.Rows[m.Horizon-c-1]
				ce += m.NewCustomers[c] * f * (row.Sum + row.ReferralSum - sum.AcquisitionCost)
				f *= v
			}
			// The cohorts' equity: that of today's customers (an existing
			// base, brand-switching's market) is not one new customer's.
			// Without a base CustomerEquityNew is CustomerEquity.
			if !close(ce, sum.CustomerEquityNew, rel) {
				t.Errorf("%s: equity from the table %v, sim %v", name, ce, sum.CustomerEquityNew)
			}
			// Today's customers, if any: Σ_i X_i·V_i is sim's existing part,
			// and the formula's two parts add up to sim's customer equity.
			existing := 0.0
			for _, x := range Existing(m) {
				existing += x.Customers * x.Value
			}
			if !close(existing, sum.CustomerEquityExisting, rel) {
				t.Errorf("%s: today's customers' equity Σ X_i·V_i %v, sim %v", name, existing, sum.CustomerEquityExisting)
			}
			if !close(ce+existing, sum.CustomerEquity, rel) {
				t.Errorf("%s: equity from the table %v + existing %v, sim %v", name, ce, existing, sum.CustomerEquity)
			}
			if tab.Referring != sum.Referring || !close(tab.ReferralValue, sum.ReferralValue, rel) {
				t.Errorf("%s: table referral value %v (referring %v), sim %v (%v)", name, tab.ReferralValue, tab.Referring, sum.ReferralValue, sum.Referring)
			}
			fs := Fundamentals(m)
			for s, fu := range fs {
				want := sum.Segments[s]
				if fu.CLV.Defined != want.CLVInfinite.Defined || !close(fu.CLV.Value, want.CLVInfinite.Value, rel) {
					t.Errorf("%s: segment %d CLV∞ %v, sim %v", name, s, fu.CLV, want.CLVInfinite)
				}
				if fu.Lifetime.Defined != want.ExpectedLifetime.Defined || !close(fu.Lifetime.Value, want.ExpectedLifetime.Value, rel) {
					t.Errorf("%s: segment %d lifetime %v, sim %v", name, s, fu.Lifetime, want.ExpectedLifetime)
				}
			}
			// The payback the formula shows comes from the table's margins.
			e := Explain(res, "en")
			focus := Focus
			if sum.Referring {
				focus = append(slices.Clone(Focus), ReferralFocus...)
			}
			if sum.Market != nil {
				focus = append(slices.Clone(focus), MarketFocus...)
			}
			if len(e.Formulas) != len(focus) {
				t.Fatalf("%s: %d formulas for %d KPIs", name, len(e.Formulas), len(focus))
			}
			for i, fo := range e.Formulas {
				if fo.KPI != focus[i] || fo.Result != fo.KPI.Format(fo.KPI.Of(sum)) || fo.Words != fo.KPI.Formula("en") {
					t.Errorf("%s: formula %d: %+v", name, i, fo)
				}
				if fo.Symbols == "" || (fo.Values == "" && fo.Note == "" && fo.Check == "") {
					t.Errorf("%s: %s has neither values nor a note: %+v", name, fo.KPI, fo)
				}
			}
		}
	}
}

// TestForms checks which form each shipped scenario gets.
func TestForms(t *testing.T) {
	want := map[string]Form{"annuity": Annuity, "constant-retention": MarginMultiple}
	for id, runs := range shippedRuns(t) {
		for _, r := range runs {
			if got := FormOf(r.Model); got != want[id] {
				t.Errorf("%s/%s: form %s, want %s", id, r.Name, got, want[id])
			}
		}
	}
}

// formulas returns the formulas of a shipped scenario's run, by KPI.
func formulas(t *testing.T, id, run, lang string) map[kpi.KPI]Formula {
	t.Helper()
	for _, r := range shippedRuns(t)[id] {
		if r.Name == run {
			out := map[kpi.KPI]Formula{}
			for _, f := range Explain(r.Result, lang).Formulas {
				out[f.KPI] = f
			}
			return out
		}
	}
	t.Fatalf("no run %s/%s", id, run)
	return nil
}

// TestAnnuityByHand checks the annuity preset's formulas against the hand
// calculations of its file (scenarios/shipped/annuity.toml):
// CLV = 600·(1 − 1.1^−3)/0.1 = 600/1.1 + 600/1.1² + 600/1.1³ = 1,492.11;
// net of CAC 500: 992.11; LTV:CAC 1,492.11/500 = 2.98; CLV∞ = 600/0.1 =
// 6,000; payback 1 year (−500 + 600 ≥ 0); the lifetime is infinite.
// Customer equity: 100 customers a year, cohort c keeps 3 − c years:
// 100·(1,492.11 − 500) + 100/1.1·(1,041.32 − 500) + 100/1.1²·(545.45 − 500)
// = 99,211.12 + 49,211.12 + 3,756.57 = 152,178.81 (whole units: 152,179),
// with CLV over 2 years 600/1.1 + 600/1.1² = 1,041.32 and over 1 year
// 600/1.1 = 545.45.
func TestAnnuityByHand(t *testing.T) {
	f := formulas(t, "annuity", "base", "en")
	want := map[kpi.KPI]string{
		kpi.CLV:              "CLV = P·(1 − (1+r)^−n)/r = 600 · (1 − 1.1^−3) / 0.1 = 1,492.11",
		kpi.CLVNet:           "CLV net = CLV − CAC = 1,492.11 − 500 = 992.11",
		kpi.LTVCAC:           "LTV:CAC = CLV / CAC = 1,492.11 / 500 = 2.98",
		kpi.CLVInfinite:      "CLV∞ = P/r = 600 / 0.1 = 6,000.00",
		kpi.CustomerEquity:   "CE = Σ_c N_c·(1+r)^−c·(CLV_(H−c) − CAC) = 100 · (1,492.11 − 500) + 100 · 1.1^−1 · (1,041.32 − 500) + 100 · 1.1^−2 · (545.45 − 500) = 152,179",
		kpi.PaybackPeriods:   "payback = min{k : −CAC + Σ_(τ<k) m_τ ≥ 0} = 1 (−500.00 + 600.00 = 100.00 ≥ 0)",
		kpi.ExpectedLifetime: "E[T] = Σ_τ P(active at τ) = —",
	}
	for k, w := range want {
		if got := f[k].String(); got != w {
			t.Errorf("%s:\n got %s\nwant %s", k, got, w)
		}
	}
	// Five loyal years: 600·(1 − 1.1^−5)/0.1 = 2,274.47; an annuity due:
	// 1,492.11·1.1 = 1,641.32; at 15%: 600·(1 − 1.15^−3)/0.15 = 1,369.94.
	for run, w := range map[string]string{
		"Five loyal years":                 "CLV = P·(1 − (1+r)^−n)/r = 600 · (1 − 1.1^−5) / 0.1 = 2,274.47",
		"Profit at the start of each year": "CLV = P·(1 − (1+r)^−n)/r·(1+r) = 600 · (1 − 1.1^−3) / 0.1 · 1.1 = 1,641.32",
		"Cost of capital 15%":              "CLV = P·(1 − (1+r)^−n)/r = 600 · (1 − 1.15^−3) / 0.15 = 1,369.94",
	} {
		if got := formulas(t, "annuity", run, "en")[kpi.CLV].String(); got != w {
			t.Errorf("%s:\n got %s\nwant %s", run, got, w)
		}
	}
}

// TestMarginMultipleByHand checks the constant-retention preset against
// its file's hand calculations (scenarios/shipped/constant-retention.toml):
// m = 100, r = 0.8, i = 0.1: CLV∞ = 100/(1 + 0.1 − 0.8) = 333.33, lifetime
// 1/(1 − 0.8) = 5; over 100 years the finite CLV equals it to the cent;
// with the margin at once 100·1.1/0.3 = 366.67; r = 0.9: 100/0.2 = 500;
// the three-year cap 100/1.1 + 80/1.1² + 64/1.1³ = 205.11.
func TestMarginMultipleByHand(t *testing.T) {
	f := formulas(t, "constant-retention", "base", "en")
	want := map[kpi.KPI]string{
		kpi.CLV:              "CLV = m·(1 − (r/(1+i))^n)/(1 + i − r) = 100 · (1 − (0.8/1.1)^100) / (1 + 0.1 − 0.8) = 333.33",
		kpi.CLVInfinite:      "CLV∞ = m/(1 + i − r) = 100 / (1 + 0.1 − 0.8) = 333.33",
		kpi.ExpectedLifetime: "E[T] = 1/(1 − r) = 1 / (1 − 0.8) = 5.0",
	}
	for k, w := range want {
		if got := f[k].String(); got != w {
			t.Errorf("%s:\n got %s\nwant %s", k, got, w)
		}
	}
	for run, w := range map[string]string{
		"Margin at once": "CLV∞ = m·(1+i)/(1 + i − r) = 100 · 1.1 / (1 + 0.1 − 0.8) = 366.67",
		"Retention 0.9":  "CLV∞ = m/(1 + i − r) = 100 / (1 + 0.1 − 0.9) = 500.00",
		"Three-year cap": "CLV = m·(1 − (r/(1+i))^n)/(1 + i − r) = 100 · (1 − (0.8/1.1)^3) / (1 + 0.1 − 0.8) = 205.11",
	} {
		k := kpi.CLVInfinite
		if run == "Three-year cap" {
			k = kpi.CLV
		}
		if got := formulas(t, "constant-retention", run, "en")[k].String(); got != w {
			t.Errorf("%s:\n got %s\nwant %s", run, got, w)
		}
	}
	// The tenure table beside the multiple: 100/1.1 = 90.91, 80/1.1² =
	// 66.12, 64/1.1³ = 48.08, running 90.91, 157.02, 205.11.
	var tab Table
	for _, r := range shippedRuns(t)["constant-retention"] {
		if r.Name == "Three-year cap" {
			tab.Fill(r.Model, Mixed)
		}
	}
	for τ, w := range []struct{ active, margin, contribution, sum float64 }{
		{1, 100, 100 / 1.1, 100 / 1.1},
		{0.8, 80, 80 / 1.21, 100/1.1 + 80/1.21},
		{0.64, 64, 64 / 1.331, 100/1.1 + 80/1.21 + 64/1.331},
	} {
		r := tab.Rows[τ]
		if !close(r.Active, w.active, 1e-12) || !close(r.Margin, w.margin, 1e-12) || !close(r.Contribution, w.contribution, 1e-12) || !close(r.Sum, w.sum, 1e-12) {
			t.Errorf("τ=%d: %+v, want %+v", τ, r, w)
		}
	}
}

// TestSegmentsMixedByShare checks that the mixed table is the
// share-weighted sum of the segments' tables, row by row (value-segments
// has five segments).
func TestSegmentsMixedByShare(t *testing.T) {
	r := shippedRuns(t)["value-segments"][0]
	m := r.Model
	var mixed Table
	mixed.Fill(m, Mixed)
	segs := make([]Table, len(m.Segments))
	for s := range segs {
		segs[s].Fill(m, s)
	}
	for τ, row := range mixed.Rows {
		margin, stage0 := 0.0, 0.0
		for s, seg := range m.Segments {
			margin += seg.Share * segs[s].Rows[τ].Margin
			stage0 += seg.Share * segs[s].Rows[τ].Mix[0]
		}
		if !close(row.Margin, margin, 1e-12) || !close(row.Mix[0], stage0, 1e-12) {
			t.Fatalf("τ=%d: mixed margin %v, stage 0 %v; share-weighted %v, %v", τ, row.Margin, row.Mix[0], margin, stage0)
		}
	}
	f := Explain(r.Result, "en").Formulas[0]
	if f.Note == "" {
		t.Errorf("a segmented CLV has no per-segment sum: %+v", f)
	}
}

// TestFillDoesNotAllocate checks that refilling a table, as the planner
// does while a slider moves, does not allocate, with win-back and
// segments.
func TestFillDoesNotAllocate(t *testing.T) {
	for id, runs := range shippedRuns(t) {
		m := runs[0].Model
		var tab Table
		tab.Fill(m, Mixed)
		if n := testing.AllocsPerRun(10, func() { tab.Fill(m, Mixed); tab.Fill(m, 0) }); n != 0 {
			t.Errorf("%s: Fill allocates %v times", id, n)
		}
	}
}

// TestFillPanicsOnBadSegment checks the programmer's-error message.
func TestFillPanicsOnBadSegment(t *testing.T) {
	m := shippedRuns(t)["annuity"][0].Model
	defer func() {
		if r := recover(); r == nil || r.(string)[:9] != "explain: " {
			t.Errorf("recovered %v", r)
		}
	}()
	var tab Table
	tab.Fill(m, 1)
}

// TestWeeklyPeriod: a weekly model's rate is (1+r)^(7/365.25) − 1 = 0.00182828
// at r = 10%, with 365.25/7
// = 52.1786 periods a year (sim.Period.Years), and its table still sums
// to sim's CLV.
func TestWeeklyPeriod(t *testing.T) {
	m := shippedRuns(t)["four-stage"][0].Model
	w := *m
	w.Period = sim.Week
	res, err := sim.Run(&w)
	if err != nil {
		t.Fatal(err)
	}
	e := Explain(res, "en")
	if where := e.Formulas[0].Where; !strings.Contains(where, "d = 1.1^(1/52.1786) − 1 = 0.00182828, the discount rate per week (10% a year)") {
		t.Errorf("where: %s", where)
	}
	if !close(e.Table.CLV, res.Summary.CLV, 1e-9) {
		t.Errorf("table CLV %v, sim %v", e.Table.CLV, res.Summary.CLV)
	}
	zh := Explain(res, "zh").Formulas[0].Where
	if !strings.Contains(zh, "（36 周）") || !strings.Contains(zh, "0.00182828，每周折现率（年率 10%）") {
		t.Errorf("where in Chinese: %s", zh)
	}
}
