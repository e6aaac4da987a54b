package fitted

import (
	"errors"
	"fmt"
	"math"

	"clvlab/internal/fit"
	"clvlab/internal/records"
)

// Cohorts is the scenario of an sBG fitted to a cohort table (m with its
// fit res): one "active" stage and K classes, each with a constant
// retention 1−θ (fit.SBGClasses), whose survival reproduces the model's
// S(t) to 1e-6 over at least 100 periods. A contract pays one payment per
// period at its start (cash_timing = "start"), so a new customer's CLV is
// payment × the model's discounted expected lifetime over the horizon;
// the payment is 1 until the file's user sets the price. New customers
// per period: the table's mean starting size, unless terms say.
func Cohorts(src Source, m fit.SBG, res fit.Result, table records.Cohorts, terms Terms) (*Scenario, error) {
	if err := terms.check(); err != nil {
		return nil, err
	}
	period, err := periodName(src.Unit)
	if err != nil {
		return nil, err
	}
	if terms.Monthly && src.Unit != records.Year {
		return nil, fmt.Errorf("a monthly scenario with yearly renewals is made from a cohort table in years; this one is in %ss", src.Unit)
	}
	if len(table.Cohorts) == 0 {
		return nil, errors.New("the cohort table has no cohorts")
	}
	h := terms.horizon(src.Unit)
	c := fit.SBGClasses(m, h)
	newCustomers := terms.NewCustomers
	why := "as asked (-new-customers)."
	if newCustomers < 0 {
		newCustomers = 0
		for _, co := range table.Cohorts {
			newCustomers += co.Active[0]
		}
		newCustomers /= float64(len(table.Cohorts))
		why = "the cohorts' mean starting size; set your plan."
	}
	var existing []float64
	if terms.Existing {
		existing = survivorsByClass(c, table)
	}
	if terms.Monthly {
		return monthlyCohorts(src, m, res, c, newCustomers, why, existing, terms), nil
	}
	var w writer
	name := dataName(src.Data)
	how := fmt.Sprintf("Classes: the %s (K = %d).\nTheir survival is within %.1e of the model's S(t) = B(α, β+t)/B(α, β) over the first %d %ss\n(a K-point Gauss rule is exact for t ≤ 2K−1). Its retention rate S(t)/S(t−1) = (β+t−1)/(α+β+t−1)\nrises with tenure although no class's does (Fader & Hardie 2007).\nOne payment a %s at its start: set stage.active.revenue to the price; CLV is then price × the discounted\nexpected lifetime over the horizon.",
		c.Grid, len(c.Classes), c.Worst, c.Periods, src.Unit, src.Unit)
	w.header(src, fit.KeySBG, name+": fitted sBG", name+"：拟合的 sBG", terms, period, []fit.Result{res}, how)
	w.line("cash_timing = \"start\"")
	w.line("description = { en = %s, zh = %s }",
		quote(fmt.Sprintf("The sBG model fitted to %s as %d latent classes, each with a constant retention: together their retention rises with tenure.", name, len(c.Classes))),
		quote(fmt.Sprintf("由 %s 拟合的 sBG 模型，表示为 %d 个留存率恒定的潜在类别：合在一起，留存率随客户年龄上升。", name, len(c.Classes))))
	w.line("")
	w.line("[acquisition]")
	w.comment("New customers per %s: %s", src.Unit, why)
	w.line("new_customers = %s", num(newCustomers))
	w.line("")
	w.line("[[stage]]")
	w.line("id = \"active\"")
	w.line("name = { en = \"active\", zh = \"活跃\" }")
	w.line("revenue = 1.0")
	w.comment("The mean retention 1 − α/(α+β); each class below sets its own.")
	w.line("to = { active = %s }", num(1-m.MeanChurn()))
	if existing != nil {
		total := 0.0
		for _, e := range existing {
			total += e
		}
		w.line("")
		w.comment("Today's customers (existing in each class): the survivors of each cohort's last observed %s, placed by", src.Unit)
		w.comment("their posterior class probabilities × the class's retention into the first %s (%.6g customers).", src.Unit, total)
	}
	w.sbgClasses(c, existing, fmt.Sprintf("a %s", src.Unit), "to = { active = %s }")
	return w.sbgScenario(c, newCustomers, existing), nil
}

// sbgClasses writes the sBG's latent classes: each one's churn θ (a
// comment, per churnPer), share, today's customers in it and its stay,
// written by stay's format (a retention or a renewal).
func (w *writer) sbgClasses(c fit.Classes, existing []float64, churnPer, stay string) {
	for i, k := range c.Classes {
		w.line("")
		w.line("[[class]]")
		w.line("id = %s", quote(fmt.Sprintf("c%02d", i+1)))
		w.comment("churn probability θ = %.6g %s", k.Dropout, churnPer)
		w.line("share = %s", num(k.Share))
		w.line("[class.stage.active]")
		if existing != nil && existing[i] > existingFloor {
			w.line("existing = %s", num(existing[i]))
		}
		w.line(stay, num(k.Stay))
	}
}

// sbgScenario is the scenario w wrote for the classes c, with today's
// customers existing in each (nil: none).
func (w *writer) sbgScenario(c fit.Classes, newCustomers float64, existing []float64) *Scenario {
	sc := &Scenario{TOML: []byte(w.String()), Classes: c, NewCustomers: newCustomers}
	if existing != nil {
		sc.Existing = &fit.Existing{Active: existing, Spend: existing}
	}
	return sc
}

// survivorsByClass places the customers still active at the end of each
// cohort's last observed period in the classes: a survivor of n renewal
// decisions is in class k with posterior probability
// share_k·(1−θ_k)^n / Σ_j share_j·(1−θ_j)^n, and renews into the
// scenario's first period with probability 1−θ_k; so class k starts with
// Σ_cohorts survivors · P(k | n) · (1−θ_k) customers. Paid at the start of
// each period, their value is survivors × the model's discounted expected
// residual lifetime DERL(d, n) (Fader & Hardie 2010) over the horizon.
func survivorsByClass(c fit.Classes, table records.Cohorts) []float64 {
	out := make([]float64, len(c.Classes))
	post := make([]float64, len(c.Classes))
	for _, co := range table.Cohorts {
		n := len(co.Active) - 1
		survivors := co.Active[n]
		if n < 0 || !(survivors > 0) {
			continue
		}
		z := 0.0
		for k, cl := range c.Classes {
			post[k] = cl.Share * math.Pow(cl.Stay, float64(n))
			z += post[k]
		}
		if !(z > 0) {
			continue
		}
		for k, cl := range c.Classes {
			out[k] += survivors * post[k] / z * cl.Stay
		}
	}
	return out
}
