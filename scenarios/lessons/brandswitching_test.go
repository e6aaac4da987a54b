package lessons_test

import (
	"math"

	"clvlab/scenarios"
)

// The brand-switching lesson's figures. Each is the run's and, beside it,
// a calculation of its own from the scenario's numbers: the share vector
// x moved month by month by the switching matrix, x_(t+1) = x_t·P
// (brandMarket), and the steady state as the limit of that iteration
// from equal shares. By hand for the scenario's matrix
// ((0.8, 0.1, 0.1), (0.2, 0.7, 0.1), (0.1, 0.2, 0.7)): π_C = (π_A +
// π_B)/3 from C's column and 2·π_A = 2·π_B + π_C from A's give π =
// (7/16, 5/16, 4/16) = (0.4375, 0.3125, 0.25); with A's row (0.85,
// 0.075, 0.075) the same two columns give π_A = 28/55 = 0.5090909.
// One month from (0.6, 0.3, 0.1): 0.6·0.8 + 0.3·0.2 + 0.1·0.1 = 0.55.
func init() {
	ourShare := func(t int) func(screen) float64 {
		return agree(func(e screen) float64 { return 100 * e.run.Summary.Market.Share[t] },
			func(e screen) float64 { x, _ := brandMarket(e.s, t+1); return 100 * x[t][0] / sum(x[t]) })
	}
	steady := func(i int) func(screen) float64 {
		return agree(func(e screen) float64 { return 100 * e.run.Summary.Market.Steady[i] },
			func(e screen) float64 { return 100 * brandSteady(e.s)[i] })
	}
	equityOf := agree(equity, func(e screen) float64 { _, ce := brandMarket(e.s, e.s.Horizon); return ce })
	startEquity := func(e screen) float64 { return e.start.Summary.CustomerEquity }
	existing := func(id string) func(screen) float64 {
		return stage(id, func(st *scenarios.Stage) float64 { return st.Existing })
	}
	market := func(e screen) float64 {
		return existing("a")(e) + existing("b")(e) + existing("c")(e)
	}
	figures["brand-switching"] = [][]figure{
		{ // a market of 6,000 + 3,000 + 1,000; A keeps 0.8, B sends 0.2 to A
			{"10,000", market, 10000}, {"60", ourShare(0), 60}, {"80", times(to("a", "a"), 100), 80},
			{"20", times(to("b", "a"), 100), 20}, {"55", ourShare(1), 55},
		},
		{ // 1,000 of ours: 1000/(1000 + 3000 + 1000) = 20%; the steady
			// state is the matrix's, (0.4375, 0.3125, 0.25)
			{"1,000", existing("a"), 1000}, {"6,000", atStart(existing("a")), 6000}, {"20", ourShare(0), 20},
			{"43.75", steady(0), 43.75}, {"31.25", steady(1), 31.25}, {"25", steady(2), 25},
		},
		{ // A keeps 0.85: π_A = 28/55; customer equity 20 CNY a month of
			// each of our buyers, discounted at 1.1^(1/12) − 1 a month with
			// cash at the month's end, over 36 months (brandMarket)
			{"6,000", existing("a"), 6000}, {"85", times(to("a", "a"), 100), 85}, {"80", atStart(times(to("a", "a"), 100)), 80},
			{"50.91", steady(0), 50.9090909}, {"2,826,501", agree(startEquity, atStart(func(e screen) float64 { _, ce := brandMarket(e.s, e.s.Horizon); return ce })), 2826501.2207091},
			{"3,243,490", equityOf, 3243490.1377760},
		},
	}
}

// agree is run where run and calc agree to 1e−9, NaN where they do not.
func agree(run, calc func(screen) float64) func(screen) float64 {
	return func(e screen) float64 {
		a, b := run(e), calc(e)
		if math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(b)) {
			return math.NaN()
		}
		return a
	}
}

func sum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}

// brandMatrix returns the scenario's switching matrix over its three
// stages (a, b, c), rows as written (they sum to 1).
func brandMatrix(s *scenarios.Scenario) [3][3]float64 {
	ids := []string{"a", "b", "c"}
	var p [3][3]float64
	for i := range ids {
		for j, to := range ids {
			p[i][j] = s.Stages[i].To[to]
		}
	}
	return p
}

// brandMarket returns the buyers by brand in months 0 … n−1, from the
// stages' existing buyers, and our customer equity over them: brand
// A's margin on its buyers, discounted with cash at the month's end.
func brandMarket(s *scenarios.Scenario, n int) ([][]float64, float64) {
	p := brandMatrix(s)
	x := []float64{s.Stages[0].Existing, s.Stages[1].Existing, s.Stages[2].Existing}
	m := s.Stages[0].Revenue - s.Stages[0].CostToServe
	v := math.Pow(1+s.DiscountRate, -1.0/12)
	out, ce, f := [][]float64{}, 0.0, v
	for range n {
		out = append(out, x)
		ce += x[0] * m * f
		f *= v
		next := make([]float64, 3)
		for i := range 3 {
			for j := range 3 {
				next[j] += x[i] * p[i][j]
			}
		}
		x = next
	}
	return out, ce
}

// brandSteady iterates equal shares through the matrix until they stop
// changing: the steady state as the limit. The scenario's matrix has
// trace 2.2 and determinant 0.36, so its other eigenvalues are 0.6 and
// 0.6; with A's row (0.85, 0.075, 0.075), trace 2.25 and determinant
// 0.3875, they are about 0.681 and 0.569: 200 months leave below 1e−30.
func brandSteady(s *scenarios.Scenario) []float64 {
	p := brandMatrix(s)
	x := []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}
	for range 200 {
		next := make([]float64, 3)
		for i := range 3 {
			for j := range 3 {
				next[j] += x[i] * p[i][j]
			}
		}
		x = next
	}
	return x
}
