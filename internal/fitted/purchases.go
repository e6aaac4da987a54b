package fitted

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"clvlab/internal/fit"
	"clvlab/internal/records"
)

// Spend is a fitted spend model (Gamma-Gamma): the population's mean spend
// per purchase and a customer's expected spend given its history.
type Spend interface {
	MeanSpend() float64
	ConditionalSpend(c records.Customer) float64
}

// Purchases is the scenario of a fitted purchase model (BG/NBD or
// Pareto/NBD, m with its fit res) and, when spend is not nil, its spend
// model (with its fit spendRes): one "active" stage, and classes over
// the purchase rate and the dropout (fit.BGNBDClasses,
// fit.ParetoNBDClasses), each with its retention, expected purchases per
// period and revenue = purchases × mean spend (cost to serve the share of
// revenue not kept, 1 − margin). A new customer's expected purchases
// reproduce the model's E[X(t)] at every period boundary, and its CLV the
// model's discrete-period CLV. Without a spend model the classes carry
// purchases and no revenue. cs are the data's customers: the data's rate
// of new customers (Terms.NewCustomers < 0).
func Purchases(src Source, m fit.Purchases, res fit.Result, spend Spend, spendRes fit.Result, cs []records.Customer, terms Terms) (*Scenario, error) {
	if err := terms.check(); err != nil {
		return nil, err
	}
	period, err := periodName(src.Unit)
	if err != nil {
		return nil, err
	}
	h := terms.horizon(src.Unit)
	var c fit.Classes
	switch m := m.(type) {
	case fit.BGNBD:
		c = fit.BGNBDClasses(m, 1, src.Unit.Days(), h)
	case fit.ParetoNBD:
		c = fit.ParetoNBDClasses(m, 1, src.Unit.Days(), h)
	default:
		return nil, fmt.Errorf("a scenario is made from BG/NBD, Pareto/NBD or sBG; %s has no mapping to classes yet (choose another with -model bgnbd or -model paretonbd)", fit.Name(res.Model))
	}
	if len(cs) == 0 {
		return nil, errors.New("the data have no customers")
	}
	newCustomers := terms.NewCustomers
	if newCustomers < 0 {
		newCustomers = acquisitionRate(src, cs)
	}
	meanSpend, margin := math.NaN(), terms.margin()
	if spend != nil {
		meanSpend = spend.MeanSpend()
	}
	hasSpend := meanSpend > 0 && !math.IsInf(meanSpend, 0)

	var w writer
	name := dataName(src.Data)
	how := fmt.Sprintf("Classes: %s.\nTheir expected purchases of a new customer are within %.1e (relative) of the model's E[X(t)] at every\nperiod boundary over %d %ss.", c.Grid, c.Worst, c.Periods, src.Unit)
	fits := []fit.Result{res}
	if hasSpend {
		fits = append(fits, spendRes)
		how += fmt.Sprintf("\nRevenue per purchase: the Gamma-Gamma mean spend p·γ/(q−1) = %.6g", meanSpend)
		if margin < 1 {
			how += fmt.Sprintf("; a margin of %.4g of it is kept (cost_to_serve holds the rest).", margin)
		} else {
			how += "; all of it is kept (margin 1)."
		}
	} else {
		how += "\nThe data have no amounts: the classes count purchases and carry no revenue; set stage.active.revenue."
	}
	w.header(src, res.Model, fmt.Sprintf("%s: fitted %s", name, fit.Name(res.Model)), fmt.Sprintf("%s：拟合的 %s", name, fit.Name(res.Model)), terms, period, fits, how)
	w.line("description = { en = %s, zh = %s }",
		quote(fmt.Sprintf("The %s model fitted to %s as %d latent classes, each an active stage with its own retention and purchases: it reproduces the model's expected purchases and CLV.", fit.Name(res.Model), name, len(c.Classes))),
		quote(fmt.Sprintf("由 %s 拟合的 %s 模型，表示为 %d 个潜在类别，每个类别是一个有自身留存率与购买次数的活跃阶段：重现模型的预期购买次数与 CLV。", name, fit.Name(res.Model), len(c.Classes))))
	w.line("")
	w.line("[acquisition]")
	w.comment("New customers per %s: %s", src.Unit, acquisitionWhy(src, terms))
	w.line("new_customers = %s", num(newCustomers))
	w.line("")
	// The stage holds the share-weighted means; every class overrides them.
	var stay, purchases float64
	for _, k := range c.Classes {
		stay += k.Share * k.Stay
		purchases += k.Share * k.Purchases
	}
	w.line("[[stage]]")
	w.line("id = \"active\"")
	w.line("name = { en = \"active\", zh = \"活跃\" }")
	w.comment("The classes' mean values; each class below sets its own.")
	stage := func(purchases, stay float64) {
		w.line("purchases = %s", num(purchases))
		if hasSpend {
			revenue := purchases * meanSpend
			w.line("revenue = %s", num(revenue))
			if margin < 1 {
				w.line("cost_to_serve = %s", num(revenue*(1-margin)))
			}
		}
		w.line("to = { active = %s }", num(stay))
	}
	stage(purchases, stay)
	for i, k := range c.Classes {
		w.line("")
		w.line("[[class]]")
		w.line("id = %s", quote(fmt.Sprintf("c%03d", i+1)))
		w.comment("%s", classWhy(res.Model, k, src.Unit))
		w.line("share = %s", num(k.Share))
		w.line("[class.stage.active]")
		stage(k.Purchases, k.Stay)
	}
	sc := &Scenario{Classes: c, NewCustomers: newCustomers}
	if terms.Existing {
		var cond func(records.Customer) float64
		if hasSpend {
			cond = spend.ConditionalSpend
		}
		e, err := c.Existing(cs, cond)
		if err != nil {
			return nil, err
		}
		sc.Existing = &e
		w.existing(c, e, hasSpend, margin, src.Unit)
	}
	sc.TOML = []byte(w.String())
	return sc, nil
}

// existingFloor is the fewest expected customers a class of today's base
// is written with; the classes below it hold less than a millionth of a
// customer together.
const existingFloor = 1e-9

// existing writes today's customers: for each class, a class of its own
// with no new customers (share 0) that starts with the customers placed
// in it and whose revenue per purchase is their expected spend (their
// Gamma-Gamma conditional spend, weighted by where they are placed), so
// that the base's value is the sum of each customer's residual CLV as
// customers.csv has it. Without amounts they carry no revenue either.
func (w *writer) existing(c fit.Classes, e fit.Existing, hasSpend bool, margin float64, u records.Unit) {
	total := 0.0
	for _, a := range e.Active {
		total += a
	}
	w.line("")
	w.comment("Today's customers: each placed by its posterior class probabilities × P(active | class), given its")
	w.comment("purchase history (%.6g customers expected to be active now). A class of today's customers keeps", total)
	w.comment("its class's λ and dropout, with no new customers (share 0), and earns their expected spend per purchase.")
	for i, k := range c.Classes {
		a := e.Active[i]
		if !(a > existingFloor) {
			continue
		}
		w.line("")
		w.line("[[class]]")
		w.line("id = %s", quote(fmt.Sprintf("c%03d-today", i+1)))
		w.comment("today's customers of class c%03d: %s", i+1, classWhy(c.Model, k, u))
		w.line("share = 0.0")
		w.line("[class.stage.active]")
		w.line("existing = %s", num(a))
		w.line("purchases = %s", num(k.Purchases))
		if hasSpend {
			revenue := k.Purchases * e.Spend[i] / a
			w.line("revenue = %s", num(revenue))
			if margin < 1 {
				w.line("cost_to_serve = %s", num(revenue*(1-margin)))
			}
		}
		w.line("to = { active = %s }", num(k.Stay))
	}
}

// classWhy says what a class stands for.
func classWhy(model string, k fit.Class, u records.Unit) string {
	if model == fit.KeyBGNBD {
		return fmt.Sprintf("λ = %.4g purchases a %s while active, dropout probability p = %.4g after each", k.Rate, u, k.Dropout)
	}
	return fmt.Sprintf("λ = %.4g purchases a %s while active, dropout rate μ = %.4g a %s", k.Rate, u, k.Dropout, u)
}

// acquisitionRate is the data's rate of new customers per unit: the
// customers over the calibration period, from the first purchase to the
// calibration end (the longest T of a summary file).
func acquisitionRate(src Source, cs []records.Customer) float64 {
	n, span := 0.0, 0.0
	for _, c := range cs {
		n += c.Count()
		span = math.Max(span, c.T)
	}
	if !(span > 0) {
		return n
	}
	return n / span
}

func acquisitionWhy(src Source, terms Terms) string {
	if terms.NewCustomers >= 0 {
		return "as asked (-new-customers)."
	}
	return "the data's customers over the calibration period (the longest customer's T); set your plan."
}

// dataName is the data file's name without folder and extension.
func dataName(file string) string {
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}
