package sim

import (
	"math"
	"strings"
	"testing"
)

// oneStage returns a single-stage, single-segment model: margin m per
// period, stay probability stay, no acquisition cost.
func oneStage(period Period, horizon int, rate, m, stay float64, timing CashTiming) *Model {
	return &Model{
		StageIDs:     []string{"loyal"},
		Period:       period,
		Horizon:      horizon,
		DiscountRate: rate,
		CashTiming:   timing,
		NewCustomers: constant(horizon, 1),
		Segments: []Segment{{
			ID: "all", Share: 1,
			Stages:     []Economics{{Revenue: m}},
			Transition: [][]float64{{stay}},
		}},
	}
}

func constant(n int, v float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func run(t *testing.T, m *Model) *Result {
	t.Helper()
	r, err := Run(m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func closeTo(t *testing.T, what string, got, want, rel float64) {
	t.Helper()
	if math.Abs(got-want) > rel*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.15g, want %.15g (relative tolerance %g)", what, got, want, rel)
	}
}

// TestAnnuity: constant profit Pr a year for n loyal years, discounted at r
// with cash at year end, is worth Pr·(1−(1+r)^−n)/r (domain.md §3).
func TestAnnuity(t *testing.T) {
	for _, c := range []struct {
		pr, r float64
		n     int
		want  float64 // hand value
	}{
		{600, 0.10, 3, 1492.1111945905334}, // 600·(1−1.1⁻³)/0.1 = 1986/1.331
		{100, 0.05, 10, 772.1734929184818}, // 100·(1−1.05⁻¹⁰)/0.05
		{1, 0.20, 1, 1 / 1.2},
	} {
		m := oneStage(Year, c.n, c.r, c.pr, 1, CashEnd)
		m.Segments[0].Stages[0] = Economics{Revenue: c.pr + 400, CostToServe: 400}
		got := run(t, m).Summary.CLV
		formula := c.pr * (1 - math.Pow(1+c.r, -float64(c.n))) / c.r
		closeTo(t, "annuity formula vs hand value", formula, c.want, 1e-14)
		closeTo(t, "CLV", got, formula, 1e-12)
	}
}

// TestConstantRetention: margin m, retention r, discount i, infinite
// horizon: m/(1+i−r) with the margin at period end, m(1+i)/(1+i−r) at the
// start (domain.md §3; Gupta & Lehmann's margin multiple).
func TestConstantRetention(t *testing.T) {
	const m, r, i = 100.0, 0.8, 0.10
	for _, c := range []struct {
		timing CashTiming
		want   float64
	}{
		{CashEnd, m / (1 + i - r)},             // 333.33…
		{CashStart, m * (1 + i) / (1 + i - r)}, // 366.66…
	} {
		res := run(t, oneStage(Year, 400, i, m, r, c.timing))
		closeTo(t, c.timing.String()+" closed form", res.Summary.CLVInfinite.Value, c.want, 1e-12)
		closeTo(t, c.timing.String()+" simulated over 400 years", res.Summary.CLV, c.want, 1e-9)
		// 1/(1−r) = 5 expected periods.
		closeTo(t, "expected lifetime", res.Summary.ExpectedLifetime.Value, 1/(1-r), 1e-12)
		for τ, s := range res.Summary.Survival[:10] {
			closeTo(t, "survival", s, math.Pow(r, float64(τ)), 1e-12)
		}
	}
}

// recencyModel is a catalogue mailer's recency chain (Pfeifer & Carraway
// 2000): r1 = bought this year (revenue 50, mailing 5), r2 and r3 = one and
// two years since the last purchase (mailed, −5). From r1, r2, r3 a
// customer buys (back to r1) with probability 0.5, 0.25, 0.1; otherwise
// moves one state on; after r3 mailing stops and the customer is lost.
func recencyModel(timing CashTiming) *Model {
	return &Model{
		StageIDs: []string{"r1", "r2", "r3"}, Period: Year, Horizon: 600,
		DiscountRate: 0.25, CashTiming: timing, NewCustomers: constant(600, 10),
		Segments: []Segment{{
			ID: "all", Share: 1,
			Stages: []Economics{{Revenue: 50, RetentionSpend: 5}, {RetentionSpend: 5}, {RetentionSpend: 5}},
			Transition: [][]float64{
				{0.5, 0.5, 0},
				{0.25, 0, 0.75},
				{0.1, 0, 0},
			},
		}},
	}
}

// TestRecencyChainByHand solves the recency chain by hand. With β =
// 1/1.25 = 0.8 and values at the period start:
//
//	V3 = −5 + 0.8·0.1·V1                    = −5 + 0.08·V1
//	V2 = −5 + 0.8·(0.25·V1 + 0.75·V3)       = −8 + 0.248·V1
//	V1 = 45 + 0.8·(0.5·V1 + 0.5·V2)         = 41.8 + 0.4992·V1
//
// so V1 = 41.8/0.5008; at the period end it is V1/1.25. Undiscounted
// active periods: L3 = 1 + 0.1·L1, L2 = 1.75 + 0.325·L1, L1 = 1.875 +
// 0.6625·L1, so L1 = 1.875/0.3375 = 50/9.
func TestRecencyChainByHand(t *testing.T) {
	v1 := 41.8 / 0.5008
	for _, c := range []struct {
		timing CashTiming
		want   float64
	}{{CashStart, v1}, {CashEnd, v1 / 1.25}} {
		res := run(t, recencyModel(c.timing))
		closeTo(t, "closed form", res.Summary.CLVInfinite.Value, c.want, 1e-12)
		closeTo(t, "simulated", res.Summary.CLV, c.want, 1e-9)
		closeTo(t, "expected lifetime", res.Summary.ExpectedLifetime.Value, 50.0/9, 1e-12)
	}
}

// TestPeriodRate: an annual 10% is (1.1)^(1/12)−1 a month, so twelve
// months of a margin paid at the start of each month are worth
// Σ m·v^t, v = 1.1^(−1/12).
func TestPeriodRate(t *testing.T) {
	m := oneStage(Month, 12, 0.10, 10, 1, CashStart)
	closeTo(t, "period rate", m.PeriodRate(), math.Pow(1.1, 1.0/12)-1, 1e-15)
	want := 0.0
	for k := range 12 {
		want += 10 * math.Pow(1.1, -float64(k)/12)
	}
	closeTo(t, "CLV", run(t, m).Summary.CLV, want, 1e-12)
}

// TestPayback: margin 100, stay 0.5, acquisition cost 150: the cumulative
// flow is −150+100 = −50 after one period and −50+50 = 0 after two, so the
// payback is 2 periods. With cost 0 it is 0; with cost 1000 the flows (a
// geometric sum to 200) never pay back.
func TestPayback(t *testing.T) {
	for _, c := range []struct {
		cost float64
		want Optional
	}{{150, Some(2)}, {0, Some(0)}, {1000, Optional{}}} {
		m := oneStage(Month, 36, 0, 100, 0.5, CashEnd)
		m.Segments[0].AcquisitionCost = c.cost
		s := run(t, m).Summary
		if s.PaybackPeriods != c.want {
			t.Errorf("cost %v: payback %v, want %v", c.cost, s.PaybackPeriods, c.want)
		}
		if c.cost == 0 && s.LTVCAC.Defined {
			t.Errorf("LTV:CAC defined (%v) without an acquisition cost", s.LTVCAC)
		}
		if c.cost > 0 {
			closeTo(t, "ltv_cac", s.LTVCAC.Value, s.CLV/c.cost, 1e-15)
			closeTo(t, "clv_net", s.CLVNet, s.CLV-c.cost, 1e-15)
		}
	}
}

// TestUndefinedFigures: a customer who never leaves has no finite lifetime,
// and without discounting no finite infinite-horizon value; win-back of
// every lost customer for ever also makes the lifetime infinite, but a
// window makes it finite again.
func TestUndefinedFigures(t *testing.T) {
	s := run(t, oneStage(Year, 5, 0, 10, 1, CashEnd)).Summary
	if s.ExpectedLifetime.Defined || s.CLVInfinite.Defined {
		t.Errorf("no churn, no discounting: lifetime %v, clv_infinite %v, want both undefined", s.ExpectedLifetime, s.CLVInfinite)
	}
	s = run(t, oneStage(Year, 5, 0.1, 10, 1, CashEnd)).Summary
	closeTo(t, "no churn at 10%: perpetuity 10/0.1", s.CLVInfinite.Value, 100, 1e-12)

	m := oneStage(Month, 36, 0.1, 10, 0.9, CashEnd)
	m.Winback = Winback{Rate: 0.1, CostPerCustomer: 5}
	if s := run(t, m).Summary; s.ExpectedLifetime.Defined {
		t.Errorf("endless win-back: lifetime %v, want undefined", s.ExpectedLifetime)
	}
	// Window 1: a churned customer (prob. 0.1 a period) is won back with
	// prob. 0.1 once. Active periods per relationship: 1/(1−0.9) = 10;
	// relationships: geometric with return probability 0.1, so 1/(1−0.1).
	m.Winback.Window = 1
	s = run(t, m).Summary
	closeTo(t, "lifetime with a one-period window", s.ExpectedLifetime.Value, 10/(1-0.1), 1e-12)
}

// TestUnreachableStagesDoNotMatter: a stage new customers can never reach
// (here one that never churns) changes neither the lifetime nor the value
// of a new customer: stay 0.8 in the entry stage gives 1/(1−0.8) = 5
// periods and, undiscounted, 10·5 = 50.
func TestUnreachableStagesDoNotMatter(t *testing.T) {
	m := oneStage(Year, 5, 0, 10, 0.8, CashStart)
	m.StageIDs = []string{"a", "vip"}
	m.Segments[0].Stages = []Economics{{Revenue: 10}, {Revenue: 99}}
	m.Segments[0].Transition = [][]float64{{0.8, 0}, {0, 1}}
	s := run(t, m).Summary
	if !s.ExpectedLifetime.Defined || !s.CLVInfinite.Defined {
		t.Fatalf("lifetime %v, clv_infinite %v: want both defined", s.ExpectedLifetime, s.CLVInfinite)
	}
	closeTo(t, "expected lifetime", s.ExpectedLifetime.Value, 5, 1e-12)
	closeTo(t, "clv_infinite", s.CLVInfinite.Value, 50, 1e-12)
}

// TestTimingShift: with margins at the period start every value is (1+d)
// times its period-end value.
func TestTimingShift(t *testing.T) {
	end, start := fourStage(), fourStage()
	start.CashTiming = CashStart
	e, s := run(t, end).Summary, run(t, start).Summary
	f := 1 + end.PeriodRate()
	closeTo(t, "clv", s.CLV, e.CLV*f, 1e-12)
	closeTo(t, "clv_infinite", s.CLVInfinite.Value, e.CLVInfinite.Value*f, 1e-12)
}

// TestCLVByStage: the stage contributions add up to CLV.
func TestCLVByStage(t *testing.T) {
	s := run(t, fourStage()).Summary
	sum := 0.0
	for _, x := range s.CLVByStage {
		sum += x
	}
	closeTo(t, "Σ clv_by_stage", sum, s.CLV, 1e-12)
	if s.CLVByStage[4] >= 0 {
		t.Errorf("win-back contribution %v, want negative (it is spend)", s.CLVByStage[4])
	}
}

// TestCohortsAddUp: the layer cake (cohort by cohort) sums to the totals,
// and customer equity is the discounted sum of the cohorts' flows.
func TestCohortsAddUp(t *testing.T) {
	m := fourStage()
	r := run(t, m)
	v := 1 / (1 + m.PeriodRate())
	equity := 0.0
	for tt := range m.Horizon {
		customers, net := 0.0, 0.0
		revenue := 0.0
		for c := 0; c <= tt; c++ {
			f := r.Cohort(c, tt)
			customers += f.Customers
			net += f.NetCashFlow
			revenue += f.NetRevenue
		}
		want := r.Totals[tt].Revenue - r.Totals[tt].Discount
		closeTo(t, "cohort net revenue", revenue, want, 1e-12)
		mix, sum := r.CohortMix(nil, tt), 0.0
		for _, x := range mix {
			sum += x
		}
		closeTo(t, "stage mix of a cohort", sum, r.Summary.Survival[tt], 1e-12)
		active := r.Totals[tt].Customers - lostCustomers(r, tt)
		closeTo(t, "cohort customers", customers, active, 1e-12)
		closeTo(t, "cohort net cash flow", net, r.Totals[tt].NetCashFlow, 1e-12)
		// Acquisition at the period start, everything else at its end.
		equity += (net+r.Totals[tt].AcquisitionSpend)*math.Pow(v, float64(tt+1)) - r.Totals[tt].AcquisitionSpend*math.Pow(v, float64(tt))
	}
	closeTo(t, "customer equity", r.Summary.CustomerEquity, equity, 1e-12)
}

func lostCustomers(r *Result, t int) float64 {
	lost := 0.0
	for s := range r.Model.Segments {
		lost += r.Cell(t, s, r.Rows-1).Customers
	}
	return lost
}

// fourStage is a four-stage model with two segments and win-back.
func fourStage() *Model {
	econ := []Economics{
		{Revenue: 30, CostToServe: 8, RetentionSpend: 2},
		{Revenue: 60, CostToServe: 12, RetentionSpend: 3},
		{Revenue: 90, CostToServe: 15, RetentionSpend: 4, PriceDiscount: 0.05},
		{Revenue: 40, CostToServe: 10, RetentionSpend: 1},
	}
	p := [][]float64{
		{0.40, 0.35, 0, 0.05},
		{0, 0.50, 0.30, 0.08},
		{0, 0, 0.88, 0.07},
		{0, 0.05, 0.05, 0.60},
	}
	gold := make([]Economics, 4)
	for i, e := range econ {
		e.Revenue *= 1.5
		gold[i] = e
	}
	nc := constant(36, 1000)
	nc[5] = 1500
	return &Model{
		StageIDs: []string{"exploration", "formation", "stability", "decline"},
		Period:   Month, Horizon: 36, DiscountRate: 0.10,
		NewCustomers: nc,
		Winback:      Winback{Rate: 0.03, CostPerCustomer: 40, To: 1, Window: 12},
		Segments: []Segment{
			{ID: "gold", Share: 0.2, AcquisitionCost: 150, Stages: gold, Transition: p},
			{ID: "standard", Share: 0.8, AcquisitionCost: 120, Stages: econ, Transition: p},
		},
	}
}

// TestStepDoesNotAllocate: the per-period step allocates nothing.
func TestStepDoesNotAllocate(t *testing.T) {
	m := bigModel(12, 4, 1200)
	e, err := NewEngine(m)
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(500, func() { e.Step() }); n != 0 {
		t.Errorf("Step allocates %v times per period, want 0", n)
	}
}

// TestValidateNamesTheProblem: invalid models are refused with the stage or
// segment named.
func TestValidateNamesTheProblem(t *testing.T) {
	for _, c := range []struct {
		change func(*Model)
		want   string
	}{
		{func(m *Model) { m.Segments[1].Transition[1][2] = 0.5 }, `segment "standard": stage "formation": transition row sums to 1.08 > 1`},
		{func(m *Model) { m.Segments[0].Transition[3][0] = -0.1 }, `segment "gold": stage "decline": probability to "exploration" is -0.1`},
		{func(m *Model) { m.Segments[0].Share = 0.3 }, "segment shares sum to 1.1"},
		{func(m *Model) { m.Horizon = 5000 }, "horizon 5000 periods, must be in [1, 1200]"},
		{func(m *Model) { m.DiscountRate = math.NaN() }, "discount rate NaN"},
		{func(m *Model) { m.NewCustomers = m.NewCustomers[:3] }, "3 new-customer counts for a horizon of 36 periods"},
		{func(m *Model) { m.Segments[0].Stages[2].PriceDiscount = 2 }, `stage "stability": price discount 2`},
		{func(m *Model) { m.Winback.To = 9 }, "win-back stage 9 out of range"},
	} {
		m := fourStage()
		c.change(m)
		_, err := NewEngine(m)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want it to contain %q", err, c.want)
		}
	}
}
