package fit

import (
	"math"

	"clvlab/internal/records"
)

// PeriodRate converts an annual discount rate to the rate per unit of time:
// (1+annual)^(days/365.25) − 1, with days the unit's length (a week:
// (1.10)^(7/365.25) − 1 ≈ 0.001828 for 10% a year).
func PeriodRate(annual float64, u records.Unit) float64 {
	return math.Pow(1+annual, u.Days()/365.25) - 1
}

// ThreeYears is the number of units in three years (3 × 365.25 days),
// rounded: 1096 days, 157 weeks, 36 months, 3 years. It is the default of
// the prediction period and of the CLV horizon.
func ThreeYears(u records.Unit) int {
	return int(math.Round(3 * 365.25 / u.Days()))
}

// CLVOptions are the terms of a residual CLV.
type CLVOptions struct {
	// Margin is the share of spend kept (1: all of it).
	Margin float64
	// Rate is the discount rate per period (PeriodRate of the annual one).
	Rate float64
	// Horizon is the number of periods counted.
	Horizon int
}

// ResidualCLV is the discounted value of a customer's future purchases
// over opt.Horizon periods: margin × spend × the expected purchases in
// period k, discounted to the end of calibration with cash at the end of
// each period, as the engine discounts:
//
//	Σ_{k=1..H} margin · spend · (E[X(k) | history] − E[X(k−1) | history]) / (1+d)^k
//
// spend is the customer's expected average spend (Gamma-Gamma's
// conditional expectation).
func ResidualCLV(m Purchases, c records.Customer, spend float64, opt CLVOptions) float64 {
	curve := make([]float64, opt.Horizon)
	ConditionalCurve(m, c, curve)
	return CurveCLV(curve, spend, opt)
}

// CurveCLV is ResidualCLV from a customer's curve of cumulative expected
// purchases, curve[k−1] = E[Y(k) | history] for k = 1, …, opt.Horizon
// (ConditionalCurve).
func CurveCLV(curve []float64, spend float64, opt CLVOptions) float64 {
	v := 1 / (1 + opt.Rate)
	f, prev, total := 1.0, 0.0, 0.0
	for _, cum := range curve[:opt.Horizon] {
		f *= v
		total += (cum - prev) * f
		prev = cum
	}
	return opt.Margin * spend * total
}
