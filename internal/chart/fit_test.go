package chart

import (
	"fmt"
	"math"
	"testing"
)

// The fit charts are drawn from numbers made by hand in the shape of the
// CDNOW sample's fits (78 weeks, calibration to week 39) and of Fader &
// Hardie's (2007) "regular" cohorts, so that the golden images change
// only when the drawing does.

func fitHeader(lang string) Header { return Header{Lang: lang, Scenario: "CDNOW_sample.txt"} }

func trackingInput(lang string) *Tracking {
	tr := &Tracking{Header: fitHeader(lang), Unit: "week", Calibration: 38.86}
	bg := FitSeries{Name: "BG/NBD"}
	pn := FitSeries{Name: "Pareto/NBD"}
	for k := range 78 {
		t := float64(k + 1)
		// Customers arrive over the first 12 weeks, then buy less and
		// less: a ramp, then a slow decay, with a wobble for the counts.
		base := 70 * math.Min(t, 12) / 12 * math.Exp(-math.Max(0, t-12)/90)
		tr.Actual = append(tr.Actual, base*(1+0.12*math.Sin(t*1.7)))
		bg.Values = append(bg.Values, base*0.98)
		pn.Values = append(pn.Values, base*1.01)
	}
	tr.Models = []FitSeries{bg, pn}
	return tr
}

func binsInput(lang string) *FrequencyBins {
	return &FrequencyBins{Header: fitHeader(lang), Unit: "week", Holdout: 39,
		Labels: []string{"0", "1", "2", "3", "4", "5", "6", "7+"},
		Actual: []float64{0.24, 0.70, 1.39, 1.56, 2.53, 2.95, 3.86, 6.36},
		Models: []FitSeries{
			{Name: "BG/NBD", Values: []float64{0.23, 0.85, 1.31, 1.77, 2.53, 2.92, 3.48, 6.08}},
			{Name: "Pareto/NBD", Values: []float64{0.16, 0.63, 1.19, 1.73, 2.48, 2.98, 3.53, 6.13}},
		}}
}

func pAliveInput(lang string) *HeatMap {
	var rec, freq []float64
	for i := range 40 {
		rec = append(rec, 38.86*float64(i)/39)
	}
	for j := range 15 {
		freq = append(freq, float64(j))
	}
	p := make([][]float64, len(freq))
	for j, x := range freq {
		p[j] = make([]float64, len(rec))
		for i, tx := range rec {
			// BG/NBD's P(alive) with the published CDNOW parameters
			// (r=0.243, α=4.414, a=0.793, b=2.426) at T = 38.86.
			r, alpha, a, b, T := 0.243, 4.414, 0.793, 2.426, 38.86
			if x == 0 {
				p[j][i] = 1
				continue
			}
			p[j][i] = 1 / (1 + a/(b+x-1)*math.Pow((alpha+T)/(alpha+tx), r+x))
		}
	}
	return NewPAliveMap(fitHeader(lang), "BG/NBD", "week", 38.86, rec, freq, p)
}

// sbgSurvival is the sBG survival S(t) = B(α, β+t)/B(α, β).
func sbgSurvival(alpha, beta float64, t int) float64 {
	s := 1.0
	for i := 1; i <= t; i++ {
		s *= (beta + float64(i) - 1) / (alpha + beta + float64(i) - 1)
	}
	return s
}

func survivalInput(lang string) *SurvivalFit {
	alpha, beta := 0.704, 1.182
	sf := &SurvivalFit{Header: Header{Lang: lang, Scenario: "regular.csv"}, Unit: "year", Observed: 7}
	for t := range 13 {
		sf.Fitted = append(sf.Fitted, sbgSurvival(alpha, beta, t))
		r := math.NaN()
		if t > 0 {
			r = sf.Fitted[t] / sf.Fitted[t-1]
		}
		sf.Retention = append(sf.Retention, r)
		obs := math.NaN()
		if t > 0 && t <= 7 {
			obs = r * (1 + 0.02*math.Sin(float64(t)*2.1))
		}
		sf.ObservedRetention = append(sf.ObservedRetention, obs)
	}
	for c := range 3 {
		s := FitSeries{Name: fmt.Sprintf("%d", 2000+c)}
		for t := 0; t <= 7-c; t++ {
			s.Values = append(s.Values, sf.Fitted[t]*(1+0.03*float64(c-1)*float64(t)/7))
		}
		sf.Cohorts = append(sf.Cohorts, s)
	}
	return sf
}

func spendInput(lang string) *SpendFit {
	sf := &SpendFit{Header: fitHeader(lang)}
	// 946 repeat buyers, spread as a gamma-like mixture around 35.
	for i := range 946 {
		u := (float64(i) + 0.5) / 946
		sf.Spend = append(sf.Spend, 35*math.Pow(-math.Log(1-u), 1.3)+3)
	}
	// The Gamma-Gamma density of Fader, Hardie & Lee's CDNOW fit (p=6.25,
	// q=3.74, γ=15.44) for a customer with 2 repeat purchases.
	p, q, g, x := 6.25, 3.74, 15.44, 2.0
	for i := range 200 {
		z := 0.5 + float64(i)
		lg1, _ := math.Lgamma(p*x + q)
		lg2, _ := math.Lgamma(p * x)
		lg3, _ := math.Lgamma(q)
		d := lg1 - lg2 - lg3 + q*math.Log(g) + p*x*math.Log(x) + (p*x-1)*math.Log(z) - (p*x+q)*math.Log(g+x*z)
		sf.X, sf.Density = append(sf.X, z), append(sf.Density, math.Exp(d))
	}
	return sf
}

// TestFitGolden: the five fit charts in both languages match their golden
// images (go test ./internal/chart -regen to rewrite them).
func TestFitGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		for name, a := range map[string]Analysis{
			"fit-tracking": trackingInput(lang),
			"fit-bins":     binsInput(lang),
			"fit-palive":   pAliveInput(lang),
			"fit-survival": survivalInput(lang),
			"fit-spend":    spendInput(lang),
		} {
			check(t, fmt.Sprintf("%s_%s", name, lang), renderAnalysis(t, a))
		}
	}
	check(t, "fit-palive-discrete_en", renderAnalysis(t, pAliveDiscrete()))
}

// pAliveDiscrete is BG/BB's P(alive) over 6 opportunities with Fader,
// Hardie & Shang's (2010) donations estimates (α = 1.204, β = 0.750,
// γ = 0.657, δ = 2.783), by their eq. (11) summed term by term; a recency
// below the frequency cannot happen and is NaN.
func pAliveDiscrete() *HeatMap {
	a, b, g, d, n := 1.204, 0.750, 0.657, 2.783, 6
	lb := func(x, y float64) float64 {
		u, _ := math.Lgamma(x)
		v, _ := math.Lgamma(y)
		w, _ := math.Lgamma(x + y)
		return u + v - w
	}
	var rec, freq []float64
	for i := 0; i <= n; i++ {
		rec, freq = append(rec, float64(i)), append(freq, float64(i))
	}
	p := make([][]float64, n+1)
	for x := 0; x <= n; x++ {
		p[x] = make([]float64, n+1)
		for tx := 0; tx <= n; tx++ {
			if tx < x || (x == 0 && tx > 0) {
				p[x][tx] = math.NaN()
				continue
			}
			fx, ftx := float64(x), float64(tx)
			alive := math.Exp(lb(a+fx, b+float64(n)-fx) - lb(a, b) + lb(g, d+float64(n)) - lb(g, d))
			total := alive
			for i := 0; i <= n-tx-1; i++ {
				fi := float64(i)
				total += math.Exp(lb(a+fx, b+ftx-fx+fi) - lb(a, b) + lb(g+1, d+ftx+fi) - lb(g, d))
			}
			p[x][tx] = alive / total
		}
	}
	return NewPAliveMap(Header{Lang: "en", Scenario: "donations.csv"}, "BG/BB", "year", 6, rec, freq, p)
}

// TestFitDegenerate: empty or short data gives a placeholder, never a
// failure or a panic.
func TestFitDegenerate(t *testing.T) {
	for _, a := range []Analysis{
		&Tracking{}, &Tracking{Actual: []float64{1, 2}, Models: []FitSeries{{Name: "short", Values: []float64{1}}}},
		&FrequencyBins{}, &FrequencyBins{Labels: []string{"0"}, Actual: []float64{math.NaN()}},
		&SurvivalFit{}, &SurvivalFit{Fitted: []float64{1, 0.5}},
		&SpendFit{}, &SpendFit{Spend: []float64{0, 0}},
		NewPAliveMap(Header{}, "BG/NBD", "week", 1, nil, nil, nil),
	} {
		renderAnalysis(t, a)
	}
}
