package cli

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"

	"clvlab/internal/fit"
	"clvlab/internal/records"
	"clvlab/internal/report"
)

// fitFailed says which fit failed and why, and what to try when the
// message does not say.
func fitFailed(key string, err error) error {
	return fmt.Errorf("%s could not be fitted: %s", report.ModelName(key), failure(key, err))
}

// failure is model key's error message, with what to try when it suggests
// nothing itself: for sBG, the only model of a cohort table, about the
// table; for the others, another unit or the other models.
func failure(key string, err error) string {
	msg := err.Error()
	for _, advice := range []string{"try", "use ", "check", "fit ", "observe"} {
		if strings.Contains(msg, advice) {
			return msg
		}
	}
	if key == "sbg" {
		return msg + "; check that each row is one cohort, its starting size first, then the customers still active at the end of each period, or try another -period"
	}
	return msg + "; try another -period, or fit the other models only (-models)"
}

// failed records why model key could not be fitted.
func failed(m map[string]string, key string, err error) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	m[key] = failure(key, err)
	return m
}

// predict fills res.Customers and res.Population from the chosen purchase
// model m and the spend model (nil: none), and the P(alive) heat map.
func predict(res *report.Fit, m fit.Purchases, spend spendModel) {
	s := res.Summary
	opt := fit.CLVOptions{Margin: res.Margin, Rate: res.PeriodRate, Horizon: res.Horizon}
	// Customers with the same history have the same predictions but for
	// their spend, which multiplies the CLV: each distinct history is
	// predicted once, the histories shared out among the cores.
	type history struct{ x, tx, t float64 }
	type value struct{ alive, purchases, clvPerSpend float64 }
	at := make(map[history]int32)
	index := make([]int32, len(s.Customers))
	var distinct []records.Customer
	for i, c := range s.Customers {
		h := history{c.Frequency, c.Recency, c.T}
		k, ok := at[h]
		if !ok {
			k = int32(len(distinct))
			at[h] = k
			distinct = append(distinct, records.Customer{Frequency: c.Frequency, Recency: c.Recency, T: c.T})
		}
		index[i] = k
	}
	values := make([]value, len(distinct))
	parallel(len(distinct), func(lo, hi int) {
		var curve []float64
		if spend != nil {
			curve = make([]float64, res.Horizon)
		}
		for k := lo; k < hi; k++ {
			c := distinct[k]
			v := value{alive: m.PAlive(c), clvPerSpend: math.NaN()}
			if spend != nil {
				// One curve of E[Y(k) | history], k = 1…horizon, gives the
				// CLV and, within the horizon, the expected purchases.
				fit.ConditionalCurve(m, c, curve)
				v.clvPerSpend = fit.CurveCLV(curve, 1, opt)
			}
			if spend != nil && res.Predict <= res.Horizon {
				v.purchases = curve[res.Predict-1]
			} else {
				v.purchases = m.ConditionalPurchases(c, float64(res.Predict))
			}
			values[k] = v
		}
	})
	res.Customers = make([]report.Prediction, len(s.Customers))
	for i, c := range s.Customers {
		v := values[index[i]]
		p := report.Prediction{PAlive: v.alive, ExpectedPurchases: v.purchases, ExpectedSpend: math.NaN(), CLV: math.NaN()}
		if spend != nil {
			p.ExpectedSpend = spend.ConditionalSpend(c)
			p.CLV = p.ExpectedSpend * v.clvPerSpend
		}
		res.Customers[i] = p
	}
	res.Population = make([]float64, res.Predict)
	for t := range res.Population {
		res.Population[t] = m.ExpectedPurchases(float64(t + 1))
	}
	res.PAlive = pAliveGrid(res.Chosen, m, s.Customers)
}

// parallel calls work on parts of [0, n) on every core (GOMAXPROCS), one
// part each, and waits for them; a small n is one part.
func parallel(n int, work func(lo, hi int)) {
	parts := min(runtime.GOMAXPROCS(0), max(1, n/64))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := n*p/parts, n*(p+1)/parts
		wg.Go(func() { work(lo, hi) })
	}
	wg.Wait()
}

// pAliveGrid is P(alive) over recency and frequency for customers first
// seen as long ago as the longest-observed customer: 40 recencies from 0
// to T, frequencies from 0 to the 99th percentile (at least 3). In
// whole periods (BG/BB), recencies are the periods 0..T, and histories
// that cannot happen (a recency below the frequency, or above 0 without
// a repeat purchase) are left undefined (NaN).
func pAliveGrid(key string, m fit.Purchases, cs []records.Customer) *report.PAliveGrid {
	T := 0.0
	type fw struct{ x, w float64 }
	freq := make([]fw, 0, len(cs))
	total := 0.0
	for _, c := range cs {
		T = math.Max(T, c.T)
		w := c.Count()
		freq = append(freq, fw{c.Frequency, w})
		total += w
	}
	if !(T > 0) {
		return nil
	}
	sort.Slice(freq, func(i, j int) bool { return freq[i].x < freq[j].x })
	top, acc := 0.0, 0.0
	for _, f := range freq {
		acc += f.w
		top = f.x
		if acc >= 0.99*total {
			break
		}
	}
	top = math.Min(math.Max(3, math.Ceil(top)), 60)
	g := &report.PAliveGrid{Model: key, T: T}
	whole := key == "bgbb"
	if whole {
		top = math.Min(top, T)
		for r := 0.0; r <= T; r++ {
			g.Recency = append(g.Recency, r)
		}
	} else {
		for i := range 40 {
			g.Recency = append(g.Recency, T*float64(i)/39)
		}
	}
	for x := 0.0; x <= top; x++ {
		g.Frequency = append(g.Frequency, x)
	}
	for _, x := range g.Frequency {
		row := make([]float64, len(g.Recency))
		for i, r := range g.Recency {
			c := records.Customer{Frequency: x, Recency: r, T: T}
			switch {
			case whole && (r < x || (x == 0 && r > 0)):
				row[i] = math.NaN() // a history that cannot happen
				continue
			case x == 0:
				c.Recency = 0 // no repeat purchase: no recency
			}
			row[i] = m.PAlive(c)
		}
		g.P = append(g.P, row)
	}
	return g
}

// spendCurve is the spend density the Gamma-Gamma fit implies for the
// repeat buyers, at 200 points up to their largest mean spend.
func spendCurve(r fit.Result, cs []records.Customer) *report.SpendCurve {
	p, q, gamma := r.Value("p"), r.Value("q"), r.Value("gamma")
	top := 0.0
	for _, c := range cs {
		if c.Frequency > 0 {
			top = math.Max(top, c.Monetary)
		}
	}
	if !(top > 0) || math.IsNaN(p+q+gamma) {
		return nil
	}
	// The density depends on a customer's frequency only: one row per
	// frequency, weighted, stands for all.
	byX := map[float64]int{}
	var rows []records.Customer
	for _, c := range cs {
		if c.Frequency <= 0 {
			continue
		}
		w := c.Count()
		i, ok := byX[c.Frequency]
		if !ok {
			i = len(rows)
			byX[c.Frequency] = i
			rows = append(rows, records.Customer{Frequency: c.Frequency})
		}
		rows[i].Weight += w
	}
	sc := &report.SpendCurve{}
	for i := range 200 {
		z := top * float64(i+1) / 200
		sc.X = append(sc.X, z)
		sc.Density = append(sc.Density, fit.MeanSpendDensity(p, q, gamma, rows, z))
	}
	return sc
}

// fitCohorts fits sBG to a cohort table and computes its curves, DEL and
// DERL.
func fitCohorts(res *report.Fit, c *records.Cohorts, bar *progress) error {
	bar.show("clvlab fit: fitting sBG to %d cohorts", len(c.Cohorts))
	m, r, err := cohortFitter(*c)
	if err != nil {
		return fitFailed("sbg", err)
	}
	res.Models = []report.FitModel{{Result: r}}
	res.Chosen, res.Why = "sbg", "sBG is the model for a cohort retention table (contractual, discrete); fitted to "+pooled(*c)
	observed := 0
	for _, co := range c.Cohorts {
		observed = max(observed, len(co.Active)-1)
	}
	cf := &report.CohortFit{Observed: observed}
	n := observed + max(observed, 5)
	for t := 0; t <= n; t++ {
		cf.Survival = append(cf.Survival, m.Survival(t))
		cf.Retention = append(cf.Retention, m.Retention(t))
	}
	d := res.PeriodRate
	cf.DEL = m.DEL(d)
	for k := 0; k <= observed; k++ {
		cf.DERL = append(cf.DERL, m.DERL(d, k))
	}
	if math.IsInf(cf.DEL, 1) {
		cf.Note = fmt.Sprintf("undiscounted (-discount-rate 0), DEL and DERL are expected lifetimes, and with alpha = %.3g ≤ 1 they are infinite: E[1/churn probability] diverges; give a discount rate above 0 for finite values", r.Value("alpha"))
	}
	active := make([]float64, len(cf.Survival))
	before := make([]float64, len(cf.Survival))
	for _, co := range c.Cohorts {
		for t := 1; t < len(co.Active) && t < len(active); t++ {
			active[t] += co.Active[t]
			before[t] += co.Active[t-1]
		}
	}
	cf.ObservedRetention = make([]float64, len(cf.Survival))
	for t := range cf.ObservedRetention {
		cf.ObservedRetention[t] = math.NaN()
		if t > 0 && before[t] > 0 {
			cf.ObservedRetention[t] = active[t] / before[t]
		}
	}
	res.Cohort = cf
	return nil
}
