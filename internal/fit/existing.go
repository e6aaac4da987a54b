package fit

import (
	"fmt"
	"math"

	"clvlab/internal/records"
)

// Existing is today's customer base placed in the classes of a purchase
// model's mixture, at the end of calibration: Active[k] is the expected
// number of customers of class k still active, and Spend[k] the
// spend-weighted number Σ_c P(class k, active | c)·spend_c, so that
// Spend[k]/Active[k] is the expected spend per purchase of the class's
// active customers.
type Existing struct {
	Active, Spend []float64
}

// Existing places each customer of cs by its posterior class
// probabilities times P(active | class): the customer's history (x
// repeat purchases, the last at t_x, observed for T) has, for a class
// with parameters (λ, d), the likelihood of being active now
// L_active and of having dropped out L_gone, and it goes to the class with
// probability share·L_active / Σ_classes share·(L_active + L_gone):
//
//	BG/NBD (λ, p):      L_active = (1−p)^x λ^x e^(−λT),
//	                    L_gone = [x>0] p(1−p)^(x−1) λ^x e^(−λ t_x)
//	Pareto/NBD (λ, μ):  L_active = λ^x e^(−(λ+μ)T),
//	                    L_gone = λ^x μ/(λ+μ) (e^(−(λ+μ)t_x) − e^(−(λ+μ)T))
//
// (Fader, Hardie & Lee 2005, eq. 3 and its derivation; Fader & Hardie
// 2005's note, eq. 2). Summed over customers it is the mixture's
// counterpart of the model's P(alive) and conditional expectations, and
// a customer's expected residual purchases are Σ_k P(k, active)·(the class's
// expected purchases from now on). spend gives each customer's expected
// spend per purchase (Gamma-Gamma's conditional expectation); nil counts 1.
// Customers count by their weight. Only for BG/NBD and Pareto/NBD
// mixtures (an error otherwise).
func (c Classes) Existing(cs []records.Customer, spend func(records.Customer) float64) (Existing, error) {
	if c.Model != KeyBGNBD && c.Model != KeyParetoNBD {
		return Existing{}, fmt.Errorf("%s: the existing customers are placed in the classes of a BG/NBD or Pareto/NBD fit only", Name(c.Model))
	}
	n := len(c.Classes)
	e := Existing{Active: make([]float64, n), Spend: make([]float64, n)}
	logShare, logRate, logKeep, logDrop := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for k, cl := range c.Classes {
		logShare[k], logRate[k] = math.Log(cl.Share), math.Log(cl.Rate)
		if c.Model == KeyBGNBD {
			logKeep[k], logDrop[k] = math.Log1p(-cl.Dropout), math.Log(cl.Dropout)
		} else {
			logDrop[k] = math.Log(cl.Dropout / (cl.Rate + cl.Dropout))
		}
	}
	// Customers with the same history have the same class probabilities:
	// each history is placed once, with its customers' count and spend.
	type history struct{ x, tx, T float64 }
	type group struct{ count, spend float64 }
	at := make(map[history]int, len(cs))
	var hs []history
	var gs []group
	for _, cu := range cs {
		h := history{cu.Frequency, cu.Recency, cu.T}
		i, ok := at[h]
		if !ok {
			i = len(hs)
			at[h] = i
			hs, gs = append(hs, h), append(gs, group{})
		}
		w := cu.Count()
		s := 1.0
		if spend != nil {
			s = spend(cu)
		}
		gs[i].count += w
		gs[i].spend += w * s
	}
	// logActive[k] and logGone[k] are log(share·L_active) and
	// log(share·L_gone) of one history.
	logActive, logGone := make([]float64, n), make([]float64, n)
	for i, h := range hs {
		x, tx, T := h.x, h.tx, h.T
		top := math.Inf(-1)
		for k, cl := range c.Classes {
			var a, g float64
			if c.Model == KeyBGNBD {
				a = x*(logKeep[k]+logRate[k]) - cl.Rate*T
				g = math.Inf(-1)
				if x > 0 {
					g = logDrop[k] + (x-1)*logKeep[k] + x*logRate[k] - cl.Rate*tx
				}
			} else {
				r := cl.Rate + cl.Dropout
				a = x*logRate[k] - r*T
				// μ/(λ+μ)·(e^(−r t_x) − e^(−r T)) = μ/r · e^(−r t_x)·(1 − e^(−r(T−t_x)))
				g = math.Inf(-1)
				if T > tx {
					g = x*logRate[k] + logDrop[k] - r*tx + math.Log(-math.Expm1(-r*(T-tx)))
				}
			}
			logActive[k], logGone[k] = logShare[k]+a, logShare[k]+g
			if logActive[k] > top {
				top = logActive[k]
			}
			if logGone[k] > top {
				top = logGone[k]
			}
		}
		z := 0.0
		for k := range logActive {
			logActive[k] = math.Exp(logActive[k] - top)
			z += logActive[k] + math.Exp(logGone[k]-top)
		}
		count, spent := gs[i].count/z, gs[i].spend/z
		for k, p := range logActive {
			e.Active[k] += count * p
			e.Spend[k] += spent * p
		}
	}
	return e, nil
}
