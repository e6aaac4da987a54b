package lessons_test

import (
	"math"

	"clvlab/scenarios"
	"clvlab/sim"
)

// value is the hand calculation of a Markov-chain CLV (docs/domain.md §3,
// "Markov form"), for the lessons whose numbers a pencil does not reach:
// written from the model's definition, not from the engine's code.
type value struct {
	CLV      float64
	ByStage  []float64   // the part earned in each stage, then the win-back spend
	Segments []float64   // the CLV of each segment
	Mix      [][]float64 // Mix[τ][i]: the share of a new customer in stage i in tenure period τ
}

// tenureValue follows one new customer of each segment of m from the entry
// stage: in tenure period τ the customer is in stage i with probability
// x_i(τ), earning that stage's margin (revenue after price discount, less
// cost to serve and retention spend), discounted by (1+d)^−(τ+1) with d
// the period rate (1 + annual rate)^(1/periods a year) − 1 (cash at period
// end). x(τ+1) = x(τ)·P, where what a stage's row leaves out churns. With
// win-back the churned customers enter lost state 0; each period a lost
// customer is won back into the win-back stage with the rate (the spend,
// rate × cost per customer, falls in that period), or becomes one period
// older, and is gone after the window. The segments' CLVs and stage mixes
// are weighted by their shares.
func tenureValue(m *sim.Model) value {
	n := len(m.StageIDs)
	d := math.Pow(1+m.DiscountRate, 1/float64(m.Period.PerYear())) - 1
	w := m.Winback
	lost := 0
	switch {
	case w.Rate == 0:
	case w.Window == 0:
		lost = 1
	default:
		lost = w.Window
	}
	v := value{ByStage: make([]float64, n+1), Mix: make([][]float64, m.Horizon)}
	for τ := range v.Mix {
		v.Mix[τ] = make([]float64, n)
	}
	for _, seg := range m.Segments {
		x := make([]float64, n+lost)
		x[m.Entry] = 1
		clv := 0.0
		for τ := range m.Horizon {
			for i := range n {
				v.Mix[τ][i] += seg.Share * x[i]
			}
			disc := math.Pow(1+d, -float64(τ+1))
			if m.CashTiming == sim.CashStart {
				disc = math.Pow(1+d, -float64(τ))
			}
			next := make([]float64, n+lost)
			for i := range n {
				f := x[i] * seg.Stages[i].Margin() * disc
				clv += f
				v.ByStage[i] += seg.Share * f
				stay := 0.0
				for j, p := range seg.Transition[i] {
					next[j] += x[i] * p
					stay += p
				}
				if lost > 0 {
					next[n] += x[i] * (1 - stay)
				}
			}
			for a := range lost {
				f := -x[n+a] * w.Rate * w.CostPerCustomer * disc
				clv += f
				v.ByStage[n] += seg.Share * f
				next[w.To] += x[n+a] * w.Rate
				switch {
				case w.Window == 0:
					next[n+a] += x[n+a] * (1 - w.Rate)
				case a+1 < lost:
					next[n+a+1] += x[n+a] * (1 - w.Rate)
				}
			}
			x = next
		}
		v.CLV += seg.Share * clv
		v.Segments = append(v.Segments, clv)
	}
	return v
}

// markov is a figure that the run and the tenure sum must agree on (to
// 1e-9, relative): run's value where they do, NaN where they do not.
func markov(run func(screen) float64, calc func(value) float64) func(screen) float64 {
	return func(e screen) float64 {
		m, err := e.s.Model()
		if err != nil {
			panic(err)
		}
		a, b := run(e), calc(tenureValue(m))
		if math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(b)) {
			return math.NaN()
		}
		return a
	}
}

// Figures of the run and of the tenure sum.
func stagePart(i int) (func(screen) float64, func(value) float64) {
	return func(e screen) float64 { return e.run.Summary.CLVByStage[i] }, func(v value) float64 { return v.ByStage[i] }
}
func segmentCLV(s int) (func(screen) float64, func(value) float64) {
	return func(e screen) float64 { return e.run.Summary.Segments[s].CLV }, func(v value) float64 { return v.Segments[s] }
}
func calcCLV(v value) float64 { return v.CLV }
func negate(run func(screen) float64, calc func(value) float64) (func(screen) float64, func(value) float64) {
	return func(e screen) float64 { return -run(e) }, func(v value) float64 { return -calc(v) }
}

// share is segment s's share of new customers, in percent.
func share(s int) func(screen) float64 {
	return func(e screen) float64 { return e.s.Segments[s].Share * 100 }
}

// churn is the share of stage id's customers who leave each period, in
// percent.
func churn(id string) func(screen) float64 {
	return stage(id, func(st *scenarios.Stage) float64 {
		sum := 0.0
		for _, p := range st.To {
			sum += p
		}
		return (1 - sum) * 100
	})
}

// calcLifetime is the expected number of active periods of a new
// customer, won-back periods included: Σ_τ Σ_i x_i(τ), summed over 5,000
// periods (what is left after them is below 1e-12 for the lessons'
// scenarios).
func calcLifetime(v value) float64 {
	sum := 0.0
	for _, x := range v.Mix {
		for _, xi := range x {
			sum += xi
		}
	}
	return sum
}

// lifetimeOf is the run's expected lifetime, NaN unless the tenure sum
// over 5,000 periods agrees with it.
func lifetimeOf(e screen) float64 {
	m, err := e.s.Model()
	if err != nil {
		panic(err)
	}
	m.Horizon = 5000
	a, b := lifetime(e), calcLifetime(tenureValue(m))
	if math.Abs(a-b) > 1e-9*math.Max(1, b) {
		return math.NaN()
	}
	return a
}
