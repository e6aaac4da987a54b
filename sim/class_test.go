package sim

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// twoClasses is one stage with revenue 10 and two classes of constant
// retention r1, r2 and shares w1, 1 − w1.
func twoClasses(period Period, horizon int, rate, w1, r1, r2 float64) *Model {
	class := func(id string, share, r float64) Segment {
		return Segment{ID: id, Share: share, Stages: []Economics{{Revenue: 10}}, Transition: [][]float64{{r}}}
	}
	return &Model{
		StageIDs: []string{"active"}, Period: period, Horizon: horizon, DiscountRate: rate,
		NewCustomers: constant(horizon, 100),
		Segments: []Segment{{ID: "all", Share: 1, Classes: []Segment{
			class("loyal", w1, r1), class("fickle", 1-w1, r2),
		}}},
	}
}

// TestTwoClassesMixture: two classes with constant retention 0.9 and 0.5
// and shares 0.4 and 0.6 survive as S(t) = 0.4·0.9ᵗ + 0.6·0.5ᵗ, whose
// retention S(t)/S(t−1) rises with tenure; CLV is Σ 10·S(t)·v^(t+1) over
// 36 months at 10% a year, v = 1.1^(−1/12): 48.23049615093828
// (Python); over an infinite horizon 0.4·10/(1+d−0.9) + 0.6·10/(1+d−0.5)
// = 48.85753221549923; the expected lifetime 0.4/(1−0.9) + 0.6/(1−0.5)
// = 5.2 periods.
func TestTwoClassesMixture(t *testing.T) {
	r := run(t, twoClasses(Month, 36, 0.10, 0.4, 0.9, 0.5))
	prev := 0.0
	for τ, s := range r.Summary.Survival {
		want := 0.4*math.Pow(0.9, float64(τ)) + 0.6*math.Pow(0.5, float64(τ))
		closeTo(t, fmt.Sprintf("S(%d)", τ), s, want, 1e-14)
		if τ > 1 && s/r.Summary.Survival[τ-1] <= prev {
			t.Errorf("retention at %d is %v, not above %v", τ, s/r.Summary.Survival[τ-1], prev)
		}
		if τ > 0 {
			prev = s / r.Summary.Survival[τ-1]
		}
	}
	closeTo(t, "CLV", r.Summary.CLV, 48.23049615093828, 1e-13)
	closeTo(t, "CLV infinite", r.Summary.CLVInfinite.Value, 48.85753221549923, 1e-13)
	closeTo(t, "expected lifetime", r.Summary.ExpectedLifetime.Value, 5.2, 1e-13)
	// Period 1 holds the new cohort (100) and what stays of period 0's:
	// 100·(0.4·0.9 + 0.6·0.5) = 66.
	closeTo(t, "customers in period 1", r.Cell(1, 0, 0).Customers, 166, 1e-13)
	closeTo(t, "churned in period 0", r.Cell(0, 0, 0).Churned, 34, 1e-13)
	closeTo(t, "segment survival", r.SegmentSurvival(0, 2), 0.4*0.81+0.6*0.25, 1e-15)
	// The classes carry the acquisition cost: 0.4·30 + 0.6·50 = 42.
	m := twoClasses(Month, 36, 0.10, 0.4, 0.9, 0.5)
	m.Segments[0].Classes[0].AcquisitionCost, m.Segments[0].Classes[1].AcquisitionCost = 30, 50
	s := run(t, m).Summary
	closeTo(t, "acquisition cost", s.AcquisitionCost, 42, 1e-15)
	closeTo(t, "segment's acquisition cost", s.Segments[0].AcquisitionCost, 42, 1e-15)
	closeTo(t, "CLV net", s.CLVNet, 48.23049615093828-42, 1e-13)
}

// TestClassesWithSegments: classes split each segment; a segment with
// classes beside one without: the totals are the sum of both, and each
// segment's figures are its own.
func TestClassesWithSegments(t *testing.T) {
	m := twoClasses(Month, 12, 0.10, 0.4, 0.9, 0.5)
	m.Segments[0].Share = 0.25
	m.Segments = append(m.Segments, Segment{ID: "plain", Share: 0.75, Stages: []Economics{{Revenue: 10}}, Transition: [][]float64{{0.7}}})
	r := run(t, m)
	alone := run(t, twoClasses(Month, 12, 0.10, 0.4, 0.9, 0.5))
	plain := run(t, oneStage(Month, 12, 0.10, 10, 0.7, CashEnd))
	closeTo(t, "classes' CLV", r.Summary.Segments[0].CLV, alone.Summary.CLV, 1e-14)
	closeTo(t, "plain CLV", r.Summary.Segments[1].CLV, plain.Summary.CLV, 1e-14)
	closeTo(t, "CLV", r.Summary.CLV, 0.25*alone.Summary.CLV+0.75*plain.Summary.CLV, 1e-14)
	for tt := range 12 {
		// plain has 1 new customer a period, the classes 100: scale.
		want := 0.25*alone.Totals[tt].Customers + 0.75*100*plain.Totals[tt].Customers
		closeTo(t, fmt.Sprintf("customers in period %d", tt), r.Totals[tt].Customers, want, 1e-13)
	}
}

// TestOneClassIsNoClasses: a segment whose one class (share 1) is the
// segment gives the same result, bit for bit.
func TestOneClassIsNoClasses(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 24).Draw(t, "horizon"), 0)
		c := classed(m, func(seg Segment) []Segment {
			one := seg
			one.Share = 1
			return []Segment{one}
		})
		a, b := mustRun(t, m), mustRun(t, c)
		if !slices.Equal(a.Cells, b.Cells) || !slices.Equal(a.Totals, b.Totals) {
			t.Fatal("cells differ")
		}
		if fmt.Sprint(a.Summary) != fmt.Sprint(b.Summary) {
			t.Fatalf("summary\n%v\nwant\n%v", b.Summary, a.Summary)
		}
	})
}

// TestSplitClassChangesNothing: splitting every segment into two classes
// identical to it, with shares w and 1 − w, changes no figure (to
// rounding).
func TestSplitClassChangesNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 24).Draw(t, "horizon"), 0)
		w := rapid.Float64Range(0, 1).Draw(t, "w")
		c := classed(m, func(seg Segment) []Segment {
			a, b := seg, seg
			a.ID, a.Share, b.ID, b.Share = "a", w, "b", 1-w
			return []Segment{a, b}
		})
		x, y := mustRun(t, m), mustRun(t, c)
		near := func(what string, got, want float64) {
			if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
				t.Fatalf("%s = %v, want %v", what, got, want)
			}
		}
		for i := range x.Cells {
			near(fmt.Sprintf("cell %d customers", i), y.Cells[i].Customers, x.Cells[i].Customers)
			near(fmt.Sprintf("cell %d discounted", i), y.Cells[i].DiscountedNetCashFlow, x.Cells[i].DiscountedNetCashFlow)
		}
		near("CLV", y.Summary.CLV, x.Summary.CLV)
		near("customer equity", y.Summary.CustomerEquity, x.Summary.CustomerEquity)
		near("acquisition cost", y.Summary.AcquisitionCost, x.Summary.AcquisitionCost)
		for τ := range x.Summary.Survival {
			near("survival", y.Summary.Survival[τ], x.Summary.Survival[τ])
		}
		if x.Summary.CLVInfinite.Defined != y.Summary.CLVInfinite.Defined {
			t.Fatalf("CLV infinite defined %v, want %v", y.Summary.CLVInfinite.Defined, x.Summary.CLVInfinite.Defined)
		}
		if x.Summary.CLVInfinite.Defined {
			near("CLV infinite", y.Summary.CLVInfinite.Value, x.Summary.CLVInfinite.Value)
		}
	})
}

// classed returns a copy of m whose segments have the classes split
// makes of them.
func classed(m *Model, split func(Segment) []Segment) *Model {
	c := *m
	c.Segments = make([]Segment, len(m.Segments))
	for s, seg := range m.Segments {
		c.Segments[s] = Segment{ID: seg.ID, Share: seg.Share, AcquisitionCost: seg.AcquisitionCost, Classes: split(seg)}
	}
	return &c
}

func mustRun(t *rapid.T, m *Model) *Result {
	r, err := Run(m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestClassesValidate: class problems are named.
func TestClassesValidate(t *testing.T) {
	for _, c := range []struct {
		change func(*Model)
		want   string
	}{
		{func(m *Model) { m.Segments[0].Classes[1].Share = 0.5 }, `sim: segment "all": class shares sum to 0.9, must sum to 1`},
		{func(m *Model) { m.Segments[0].Classes[0].Transition[0][0] = 1.5 }, `sim: segment "all", class "loyal": stage "active": probability to "active" is 1.5`},
		{func(m *Model) { m.Segments[0].Stages = []Economics{{}} }, `its own must be nil`},
		{func(m *Model) {
			m.Segments[0].Classes = slices.Repeat(m.Segments[0].Classes[:1], MaxClasses+1)
		}, `501 classes, at most 500 are allowed`},
	} {
		m := twoClasses(Month, 12, 0.1, 0.4, 0.9, 0.5)
		c.change(m)
		if err := m.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

// manyClasses is one active stage with k classes of retention spread
// over [0.5, 0.99], equal shares, and the given horizon.
func manyClasses(k, horizon int) *Model {
	m := twoClasses(Week, horizon, 0.10, 0.5, 0.9, 0.5)
	classes := make([]Segment, k)
	for i := range classes {
		r := 0.5 + 0.49*float64(i)/float64(max(1, k-1))
		classes[i] = Segment{ID: fmt.Sprintf("c%d", i), Share: 1 / float64(k), Stages: []Economics{{Revenue: 10, Purchases: 0.2}}, Transition: [][]float64{{r}}}
	}
	m.Segments[0].Classes = classes
	return m
}

// TestStepWithClassesDoesNotAllocate: the step stays allocation-free with
// hundreds of classes.
func TestStepWithClassesDoesNotAllocate(t *testing.T) {
	e, err := NewEngine(manyClasses(300, MaxHorizon))
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(500, func() { e.Step() }); n != 0 {
		t.Errorf("Step allocates %v times per period, want 0", n)
	}
}

// BenchmarkStepClasses measures one period step of a weekly scenario with
// k latent classes (ns/op is per period).
func BenchmarkStepClasses(b *testing.B) {
	for _, k := range []int{30, 300} {
		b.Run(fmt.Sprintf("classes=%d", k), func(b *testing.B) {
			e, err := NewEngine(manyClasses(k, MaxHorizon))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if !e.Step() {
					b.StopTimer()
					e, _ = NewEngine(e.m)
					b.StartTimer()
				}
			}
		})
	}
}

// BenchmarkRunClasses measures a whole run with its summary: 300 classes
// over 78 weeks, the size of a fitted CDNOW scenario.
func BenchmarkRunClasses(b *testing.B) {
	m := manyClasses(300, 78)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(m); err != nil {
			b.Fatal(err)
		}
	}
}
