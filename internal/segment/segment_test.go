package segment

import (
	"math"
	"slices"
	"strings"
	"testing"

	"clvlab/internal/records"
	"clvlab/scenarios"
)

// TestCuts: the cut points by hand. Ten values 1…10 in fifths: the share
// at or below 2, 4, 6, 8 is exactly 0.2, 0.4, 0.6, 0.8. With six 1s (60%
// tie) every cut up to 0.6 is 1, and 0.8 is nearest at 3 (8 of 10 at or
// below it; 2 has 7). Weighted: 1 (weight 3) and 2 (weight 1): the median
// cut is 1 (3/4 at or below it is as near 1/2 as 0 below... the lower
// value wins only on a tie: 0.75 − 0.5 = 0.25 against 0 − 0.5: only 1 is
// a value, so 1).
func TestCuts(t *testing.T) {
	for _, c := range []struct {
		values, weights []float64
		k               int
		want            []float64
	}{
		{[]float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, nil, 5, []float64{2, 4, 6, 8}},
		{[]float64{1, 1, 1, 1, 1, 1, 2, 3, 4, 5}, nil, 5, []float64{1, 1, 1, 3}},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, nil, 3, []float64{3, 6}},
		// 4 values: the median target 2 is reached exactly at 2
		{[]float64{4, 3, 2, 1}, nil, 2, []float64{2}},
		// P(alive)-like: 40% below 1, 60% at 1: the median cut is the
		// largest value below 1 (0.4 of the share is nearer 0.5 than 1.0)
		{[]float64{0.2, 0.3, 0.5, 0.7, 1, 1, 1, 1, 1, 1}, nil, 2, []float64{0.7}},
		// zeros 60%: the median cut is 0 (share 0.6), so the zeros are low
		{[]float64{0, 0, 0, 0, 0, 0, 1, 2, 3, 4}, nil, 2, []float64{0}},
		// weights: 1 stands for 3 customers, 2 for 1 → cut at 1 (0.75)
		{[]float64{2, 1}, []float64{1, 3}, 2, []float64{1}},
		// weights: the same as 1,1,1,2,3 (cuts of thirds: 5/3 → 1 (3),
		// 10/3 → 1 (3, |3−3.33|=0.33) or 2 (4, 0.67): 1
		{[]float64{1, 2, 3}, []float64{3, 1, 1}, 3, []float64{1, 1}},
	} {
		if got := newSample(c.values, c.weights).cuts(c.k); !slices.Equal(got, c.want) {
			t.Errorf("cuts(%v, %v, %d) = %v, want %v", c.values, c.weights, c.k, got, c.want)
		}
	}
}

func ids(r *Result) []string {
	out := make([]string, len(r.Of))
	for i := range r.Of {
		out[i] = r.Group(i).ID
	}
	return out
}

// TestRFMHand: ten customers whose scores are worked out by hand.
// Recency (time since the last purchase) 1…10: quintile cuts 2, 4, 6, 8,
// so R = 5 for 1–2, 4 for 3–4, ..., 1 for 9–10. Purchases: six one-time
// buyers (ties) then 2, 3, 4, 5: quintile cuts 1, 1, 1, 3 (TestCuts)
// coincide, so F is scored on counts: F = purchases. Spend = 10 ×
// purchases: its quintile cuts are 10, 10, 10, 30, so M = 1 for 10, 4
// for 20 and 30, 5 for 40 and 50.
func TestRFMHand(t *testing.T) {
	rec := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	pur := []float64{5, 1, 4, 1, 3, 1, 1, 2, 1, 1}
	var cs []Customer
	for i := range rec {
		cs = append(cs, Customer{ID: string(rune('a' + i)), Weight: 1, Recency: rec[i], Purchases: pur[i], Spend: 10 * pur[i]})
	}
	r, err := ClassifyRFM(cs)
	if err != nil {
		t.Fatal(err)
	}
	wantR := []float64{5, 5, 4, 4, 3, 3, 2, 2, 1, 1}
	wantF := pur
	wantM := []float64{5, 1, 5, 1, 4, 1, 1, 4, 1, 1}
	if !slices.Equal(r.Scores[3], wantR) || !slices.Equal(r.Scores[4], wantF) || !slices.Equal(r.Scores[5], wantM) {
		t.Errorf("R %v F %v M %v, want R %v, F %v, M %v", r.Scores[3], r.Scores[4], r.Scores[5], wantR, wantF, wantM)
	}
	if c := r.Cuts[1]; !c.Counts || !slices.Equal(c.Values, []float64{1, 2, 3, 4}) {
		t.Errorf("frequency cuts %+v, want the counts 1, 2, 3, 4", c)
	}
	// By the rules: (5,5) champions, (5,1) new, (4,4) champions, (4,1)
	// new, (3,3) and (3,1) need attention, (2,1) and (2,2) hibernating,
	// (1,1) lost, (1,1) lost.
	want := []string{"champions", "new", "champions", "new", "need-attention", "need-attention", "hibernating", "hibernating", "lost", "lost"}
	if got := ids(r); !slices.Equal(got, want) {
		t.Errorf("segments %v, want %v", got, want)
	}
	if g := r.Groups[0]; g.Customers != 2 || g.Value != 90 {
		t.Errorf("champions: %v customers, value %v; want 2 and 50 + 40", g.Customers, g.Value)
	}
	if r.Grid.Customers[0][4] != 1 || r.Grid.Customers[4][0] != 2 || r.Total.Customers != 10 || r.Total.Value != 200 {
		t.Errorf("grid R5×F5 %v, R1×F1 %v, total %v %v; want 1, 2, 10, 200", r.Grid.Customers[0][4], r.Grid.Customers[4][0], r.Total.Customers, r.Total.Value)
	}
}

// TestRFMRulesPartition: every cell of the 5×5 grid has exactly the
// segment its rule text names.
func TestRFMRulesPartition(t *testing.T) {
	holds := []func(r, f int) bool{
		func(r, f int) bool { return r >= 4 && f >= 4 },
		func(r, f int) bool { return r == 3 && f >= 4 },
		func(r, f int) bool { return r >= 4 && f >= 2 && f <= 3 },
		func(r, f int) bool { return r >= 4 && f == 1 },
		func(r, f int) bool { return r == 3 && f <= 3 },
		func(r, f int) bool { return r <= 2 && f >= 3 },
		func(r, f int) bool { return r == 2 && f <= 2 },
		func(r, f int) bool { return r == 1 && f <= 2 },
	}
	for r := 1; r <= 5; r++ {
		for f := 1; f <= 5; f++ {
			n := 0
			for g, h := range holds {
				if h(r, f) {
					n++
					if rfmSegment(r, f) != g {
						t.Errorf("R %d F %d: segment %d, its rule says %d", r, f, rfmSegment(r, f), g)
					}
				}
			}
			if n != 1 {
				t.Errorf("R %d F %d: %d rules hold, want 1", r, f, n)
			}
		}
	}
}

// TestABCHand: values 50, 30, 10, 5, 5 (total 100). Defaults 0.8, 0.95:
// 50 (0% above) and 30 (50% above) are A, 10 (80% above) B, and the two
// 5s, one block with 90% above, B. Cuts 0.5, 0.85: 50 A, 30 (50%) and 10
// (80%) B, the 5s (90%) C.
func TestABCHand(t *testing.T) {
	var cs []Customer
	for i, v := range []float64{5, 50, 10, 30, 5} {
		cs = append(cs, Customer{ID: string(rune('a' + i)), Weight: 1, Spend: v})
	}
	r, err := ClassifyABC(cs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(r), []string{"B", "A", "B", "A", "B"}; !slices.Equal(got, want) {
		t.Errorf("default cuts: %v, want %v", got, want)
	}
	if got, want := r.Scores[1], []float64{1, 0.5, 0.9, 0.8, 1}; !slices.Equal(got, want) {
		t.Errorf("cumulative shares %v, want %v", got, want)
	}
	r, err = ClassifyABC(cs, []float64{0.5, 0.85})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(r), []string{"C", "A", "B", "B", "C"}; !slices.Equal(got, want) {
		t.Errorf("cuts 0.5, 0.85: %v, want %v", got, want)
	}
	if g := r.Groups; g[0].Value != 50 || g[1].Customers != 2 || g[1].Value != 40 || g[2].Value != 10 {
		t.Errorf("groups %+v", g)
	}
	// The curve: (0,0), then per block from the top (1/5, .5), (2/5, .8),
	// (3/5, .9), (1, 1).
	want := []Point{{0, 0}, {0.2, 0.5}, {0.4, 0.8}, {0.6, 0.9}, {1, 1}}
	if !slices.Equal(r.Pareto, want) {
		t.Errorf("Pareto curve %v, want %v", r.Pareto, want)
	}
}

// TestCRVPThresholds: cycle thresholds 2, 4 and amount thresholds 10, 20
// given; a value at a threshold is in the lower group.
func TestCRVPThresholds(t *testing.T) {
	nan := math.NaN()
	cs := []Customer{
		{ID: "p", Cycle: 1, Amount: 30, Spend: 60, Purchases: 2},     // short, large: platinum
		{ID: "g", Cycle: 2, Amount: 20.5, Spend: 41, Purchases: 2},   // short (at 2), large: platinum
		{ID: "g2", Cycle: 3, Amount: 25, Spend: 50, Purchases: 2},    // medium, large: gold
		{ID: "s", Cycle: 5, Amount: 25, Spend: 50, Purchases: 2},     // long, large: silver
		{ID: "s2", Cycle: 1, Amount: 10, Spend: 20, Purchases: 2},    // short, small (at 10): silver
		{ID: "d", Cycle: 4, Amount: 10, Spend: 20, Purchases: 2},     // medium (at 4), small: development
		{ID: "d2", Cycle: 9, Amount: 15, Spend: 30, Purchases: 2},    // long, medium: development
		{ID: "a", Cycle: 9, Amount: 1, Spend: 2, Purchases: 2},       // long, small: adjust
		{ID: "n", Cycle: nan, Amount: 100, Spend: 100, Purchases: 1}, // one purchase: new
		{ID: "m", Cycle: 3, Amount: 15, Spend: 30, Purchases: 2},     // medium, medium: silver
	}
	r, err := ClassifyCRVP(cs, []float64{2, 4}, []float64{10, 20})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"platinum", "platinum", "gold", "silver", "silver", "development", "development", "adjust", "new", "silver"}
	if got := ids(r); !slices.Equal(got, want) {
		t.Errorf("segments %v, want %v", got, want)
	}
	if r.Groups[crvpNew].Customers != 1 || !math.IsNaN(r.Scores[2][8]) {
		t.Errorf("new: %v customers, cycle level %v; want 1 and NaN", r.Groups[crvpNew].Customers, r.Scores[2][8])
	}
	// silver on the diagonal: large-long, medium-medium, small-short
	if g := r.Grid.Customers; g[0][2] != 1 || g[1][1] != 1 || g[2][0] != 1 {
		t.Errorf("silver cells %v %v %v, want 1 each", g[0][2], g[1][1], g[2][0])
	}
	for _, bad := range []struct {
		cycle, amount []float64
		msg           string
	}{
		{[]float64{4, 2}, nil, "-cycle: thresholds 4, 2 must increase"},
		{[]float64{1}, nil, "-cycle: give 2 thresholds, got 1"},
		{nil, []float64{1, nan}, "-amount-cuts: threshold NaN is not a number"},
	} {
		if _, err := ClassifyCRVP(cs, bad.cycle, bad.amount); err == nil || err.Error() != bad.msg {
			t.Errorf("%v %v: error %v, want %q", bad.cycle, bad.amount, err, bad.msg)
		}
	}
}

// TestCRVPTertiles: nine repeat buyers with cycles 1…9 and amounts 9…1
// (cuts 3, 6 and 3, 6): the first three are short and large (platinum),
// the middle three medium and medium (silver), the last three long and
// small (adjust). One-time buyers do not move the tertiles.
func TestCRVPTertiles(t *testing.T) {
	var cs []Customer
	for i := 1; i <= 9; i++ {
		cs = append(cs, Customer{Cycle: float64(i), Amount: float64(10 - i), Purchases: 2, Spend: 2 * float64(10-i)})
	}
	for range 20 {
		cs = append(cs, Customer{Cycle: math.NaN(), Amount: 1000, Purchases: 1, Spend: 1000})
	}
	r, err := ClassifyCRVP(cs, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Cuts[0].Values, []float64{3, 6}) || !slices.Equal(r.Cuts[1].Values, []float64{3, 6}) || r.Cuts[0].Given {
		t.Errorf("cuts %+v, want tertiles 3, 6 and 3, 6", r.Cuts)
	}
	want := []float64{3, 0, 3, 0, 3, 20} // platinum, gold, silver, development, adjust, new
	for g, n := range want {
		if r.Groups[g].Customers != n {
			t.Errorf("%s: %v customers, want %v", r.Groups[g].ID, r.Groups[g].Customers, n)
		}
	}
	if _, err := ClassifyCRVP(cs[9:], nil, nil); err == nil || !strings.Contains(err.Error(), "no customer bought twice or more") {
		t.Errorf("one-time buyers only: %v", err)
	}
}

// TestQuadrants: value × loyalty split at the medians (value 1…4: median
// 2; loyalty P(alive) with ties at 1) and at given splits.
func TestQuadrants(t *testing.T) {
	cs := make([]Customer, 4)
	value := []float64{1, 2, 3, 4}
	alive := []float64{1, 0.5, 1, 0.2}
	q := ValueLoyaltyQuadrants(Text{"CLV", "CLV"}, Text{"P(alive)", "P(alive)"})
	r, err := q.Classify(cs, value, alive, value, [2]float64{math.NaN(), math.NaN()})
	if err != nil {
		t.Fatal(err)
	}
	// medians: value 2 (half at or below), P(alive) 0.5 (two of four)
	if got, want := ids(r), []string{"marginal", "low-service", "gold", "risk"}; !slices.Equal(got, want) {
		t.Errorf("median splits: %v, want %v", got, want)
	}
	r, err = q.Classify(cs, value, alive, nil, [2]float64{0.5, 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(r), []string{"gold", "risk", "gold", "risk"}; !slices.Equal(got, want) || !math.IsNaN(r.Groups[0].Value) {
		t.Errorf("splits 0.5, 0.9: %v (value %v), want %v and NaN value", got, r.Groups[0].Value, want)
	}
	if _, err := q.Classify(cs, []float64{1, math.NaN(), 1, 1}, alive, nil, [2]float64{math.NaN(), math.NaN()}); err == nil || err.Error() != `customer "" has no value (NaN)` {
		t.Errorf("NaN value: %v", err)
	}
}

// TestFromLog: a hand-made log (weeks). Customer a buys 10 on day 0, 20
// and 5 on day 7 (one purchase of 25), 30 on day 21; the log ends on day
// 27 (the calibration end, 2024-01-28; b's purchase after it is left
// out). Purchases 3, recency (day 21 to 27) 6/7 week (T − t_x, to rounding), spend 65, cycle
// (21 days / 2 repeats) 1.5 weeks, amount 65/3. b buys once on day 14:
// no cycle.
func TestFromLog(t *testing.T) {
	log := "customer,date,amount\na,2024-01-01,10\na,2024-01-08,20\na,2024-01-08,5\nb,2024-01-15,7\na,2024-01-22,30\nb,2024-01-29,0\n"
	s, err := records.SummariseLog(strings.NewReader(log), records.LogOptions{Unit: records.Week, CalibrationEnd: day("2024-01-28")})
	if err != nil {
		t.Fatal(err)
	}
	cs := FromSummary(&s)
	a, b := cs[0], cs[1]
	if a.Purchases != 3 || math.Abs(a.Recency-6.0/7) > 1e-15 || a.Spend != 65 || a.Cycle != 1.5 || a.Amount != 65.0/3 || a.Tenure != 27.0/7 {
		t.Errorf("a: %+v", a)
	}
	if b.Purchases != 1 || !math.IsNaN(b.Cycle) || b.Spend != 7 || math.Abs(b.Recency-13.0/7) > 1e-15 {
		t.Errorf("b: %+v", b)
	}
}

// TestScenario: CRVP segments over the shipped value-segments scenario
// keep its per-segment values, take the observed shares and multipliers,
// and validate.
func TestScenario(t *testing.T) {
	var cs []Customer
	for i := 1; i <= 9; i++ {
		cs = append(cs, Customer{Cycle: float64(i), Amount: float64(10 - i), Purchases: 2, Spend: 2 * float64(10-i)})
	}
	cs = append(cs, Customer{Cycle: math.NaN(), Purchases: 1, Spend: 5})
	r, err := ClassifyCRVP(cs, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	base, err := scenarios.Preset("value-segments")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Scenario(r, base)
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Validate(); len(p) > 0 {
		t.Fatalf("invalid: %v", p)
	}
	// Platinum spends 2·(9+8+7) = 48 over 3 of 9 customers, against a
	// mean of 2·(9+…+1)/9 = 10 per customer: share 1/3, multiplier
	// (48/3)/10 = 1.6. Its cost
	// multiplier 1.5 is value-segments'.
	got := map[string]scenarios.Segment{}
	for _, seg := range s.Segments {
		got[seg.ID] = seg
	}
	if p := got["platinum"]; math.Abs(p.Share-1.0/3) > 1e-15 || math.Abs(p.RevenueMultiplier-1.6) > 1e-12 || p.CostToServeMultiplier != 1.5 {
		t.Errorf("platinum %+v", p)
	}
	if _, ok := got["gold"]; ok || len(s.Segments) != 3 {
		t.Errorf("segments %v: want platinum, silver, adjust (gold has no customers, new is apart)", s.Segments)
	}
	// value-segments' first variant sets development's values (gone with
	// it), its second adjust's costs (kept)
	if len(s.Variants) != 1 || s.Variants[0].Set[0].Path != "segment.adjust.cost_to_serve_multiplier" {
		t.Errorf("variants %+v", s.Variants)
	}
}

// TestSummaryRecencyTies: recency T − t_x from a summary file is rounded,
// so that 10 − 9.7 and 1.3 − 1 (0.3000000000000007 and
// 0.30000000000000004 in floating point) are one recency and share a
// score.
func TestSummaryRecencyTies(t *testing.T) {
	s := &records.Summary{Unit: records.Week, Customers: []records.Customer{
		{ID: "a", Frequency: 1, Recency: 9.7, T: 10},
		{ID: "b", Frequency: 1, Recency: 1, T: 1.3},
	}}
	cs := FromSummary(s)
	if cs[0].Recency != cs[1].Recency || cs[0].Recency != 0.3 {
		t.Errorf("recencies %v and %v, want both 0.3", cs[0].Recency, cs[1].Recency)
	}
}

// TestScenarioRate: a scenario's revenue is per period, so the revenue
// multiplier is spend per period of tenure. Two customers spend 10 a
// week, one over 2 weeks (spend 20), one over 8 (spend 80): CRVP puts
// them apart (silver: cycle 1, amount 10; development: cycle 4, amount
// 20), yet their multipliers are equal. A third spends 20 a week over 4 weeks (80): multiplier
// 20 / ((10+10+20)/3) = 1.5, the others 10 / (40/3) = 0.75.
func TestScenarioRate(t *testing.T) {
	cs := []Customer{
		{ID: "a", Weight: 1, Purchases: 2, Tenure: 2, Spend: 20, Cycle: 1, Amount: 10},
		{ID: "b", Weight: 1, Purchases: 4, Tenure: 8, Spend: 80, Cycle: 4, Amount: 20},
		{ID: "c", Weight: 1, Purchases: 2, Tenure: 4, Spend: 80, Cycle: 2, Amount: 40},
	}
	r, err := ClassifyCRVP(cs, []float64{1.5, 3}, []float64{15, 30})
	if err != nil {
		t.Fatal(err)
	}
	if ids(r)[0] == ids(r)[1] {
		t.Fatalf("a and b share %s: the test wants them apart", ids(r)[0])
	}
	base, err := scenarios.Preset("value-segments")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Scenario(r, base)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{ScenarioID(*r.Group(0)): 0.75, ScenarioID(*r.Group(1)): 0.75, ScenarioID(*r.Group(2)): 1.5}
	for _, seg := range s.Segments {
		if math.Abs(seg.RevenueMultiplier-want[seg.ID]) > 1e-12 {
			t.Errorf("%s: revenue multiplier %v, want %v", seg.ID, seg.RevenueMultiplier, want[seg.ID])
		}
	}
}

// TestScenarioCosts: the acquisition-retention matrix sets each segment's
// acquisition cost and retention spend multipliers to its mean costs
// over the means of all. Costs (acquisition, retention): (10, 1),
// (10, 3), (30, 1), (30, 3): means 20 and 2, so loyal (30, 3) gets 1.5
// and 1.5, casual (10, 1) 0.5 and 0.5.
func TestScenarioCosts(t *testing.T) {
	cs := make([]Customer, 4)
	for i := range cs {
		cs[i] = Customer{ID: string(rune('a' + i)), Weight: 1}
	}
	r, err := AcquisitionRetentionQuadrants.Classify(cs, []float64{10, 10, 30, 30}, []float64{1, 3, 1, 3}, nil, [2]float64{20, 2})
	if err != nil {
		t.Fatal(err)
	}
	base, err := scenarios.Preset(scenarios.DefaultPreset)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Scenario(r, base)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{"loyal": {1.5, 1.5}, "easy-to-keep-hard-to-win": {1.5, 0.5}, "easy-to-win-hard-to-keep": {0.5, 1.5}, "casual": {0.5, 0.5}}
	for _, seg := range s.Segments {
		w := want[seg.ID]
		if seg.AcquisitionCostMultiplier != w[0] || seg.RetentionSpendMultiplier != w[1] || seg.RevenueMultiplier != 1 {
			t.Errorf("%s: acquisition %v, retention %v, revenue %v; want %v, 1", seg.ID, seg.AcquisitionCostMultiplier, seg.RetentionSpendMultiplier, seg.RevenueMultiplier, w)
		}
	}
	if len(s.Segments) != 4 {
		t.Errorf("%d segments, want 4", len(s.Segments))
	}
	if p := s.Validate(); len(p) > 0 {
		t.Errorf("invalid: %v", p)
	}
}
