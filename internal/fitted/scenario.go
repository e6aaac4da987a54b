package fitted

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"clvlab/internal/fit"
	"clvlab/internal/records"
)

// Source says where the data came from, for the scenario's comments.
type Source struct {
	// Data is the data file's name as given.
	Data string
	// Kind is the input's kind: "transactions", "summary" or "cohorts".
	Kind string
	// Start and End bound the calibration period (zero when not known, as
	// for a summary file).
	Start, End time.Time
	// Unit is the data's time unit; it becomes the scenario's period.
	Unit records.Unit
}

// Terms are the scenario's terms.
type Terms struct {
	// Name is the scenario's name (default: "<data>: fitted <model>").
	Name string
	// Horizon is the number of periods (0: three years' worth).
	Horizon int
	// DiscountRate is the annual rate.
	DiscountRate float64
	// Margin is the share of spend kept, 0 to 1 (0 means 1).
	Margin float64
	// NewCustomers is the number of customers acquired per period; below 0,
	// the data's own rate (the customers over the calibration period).
	NewCustomers float64
	// Existing starts the scenario with today's customers (those of the
	// data, placed in the classes by fit.Classes.Existing). Default false.
	Existing bool
	// Monthly makes the sBG scenario of a cohort table in years monthly:
	// one payment a month, the contract renewed each year (renewal_every
	// = 12, each class renewing with its 1 − θ), the horizon and new
	// customers in months. Default false: one period a year.
	Monthly bool
}

// Scenario is a fitted scenario: its TOML text and the classes it holds.
type Scenario struct {
	TOML    []byte
	Classes fit.Classes
	// NewCustomers is the acquisition per period written.
	NewCustomers float64
	// Existing is today's base in the classes (nil without one); its
	// Active sums to the customers expected to be active now.
	Existing *fit.Existing
}

// periodName is the scenario's period for a data unit.
func periodName(u records.Unit) (string, error) {
	switch u {
	case records.Day:
		return "day", nil
	case records.Week:
		return "week", nil
	case records.Month:
		return "month", nil
	case records.Year:
		return "year", nil
	}
	return "", fmt.Errorf("a scenario runs in days, weeks, months or years; this data's unit is %s", u)
}

// horizon is the scenario's horizon in periods.
func (t Terms) horizon(u records.Unit) int {
	if t.Horizon > 0 {
		return t.Horizon
	}
	return fit.ThreeYears(u)
}

func (t Terms) margin() float64 {
	if t.Margin == 0 {
		return 1
	}
	return t.Margin
}

func (t Terms) check() error {
	switch {
	case t.Horizon < 0 || t.Horizon > 1200:
		return fmt.Errorf("the horizon is %d periods; a scenario runs 1 to 1200", t.Horizon)
	case !(t.DiscountRate >= 0 && t.DiscountRate <= 1):
		return fmt.Errorf("the discount rate is %g; give an annual rate from 0 to 1", t.DiscountRate)
	case !(t.Margin >= 0 && t.Margin <= 1):
		return fmt.Errorf("the margin is %g; give the share of spend kept, from 0 to 1", t.Margin)
	case math.IsNaN(t.NewCustomers) || math.IsInf(t.NewCustomers, 0):
		return errors.New("the new customers per period are not a number")
	}
	return nil
}

// writer builds the TOML text.
type writer struct{ strings.Builder }

func (w *writer) comment(format string, args ...any) {
	for line := range strings.SplitSeq(fmt.Sprintf(format, args...), "\n") {
		w.WriteString(strings.TrimRight("# "+line, " ") + "\n")
	}
}

func (w *writer) line(format string, args ...any) {
	fmt.Fprintf(w, format+"\n", args...)
}

// num is a number as the file holds it: 12 significant digits, so that a
// run reproduces the classes to far better than the mixture reproduces
// the model, and shares summing to 1 sum to 1 within 1e-11.
func num(v float64) string {
	s := fmt.Sprintf("%.12g", v)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// quote is a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dateRange says the calibration period in words, or "" when not known.
func (s Source) dateRange() string {
	if s.Start.IsZero() || s.End.IsZero() {
		return ""
	}
	return s.Start.Format("2006-01-02") + " to " + s.End.Format("2006-01-02")
}

// header writes the comments every fitted scenario starts with and its
// top-level keys.
func (w *writer) header(src Source, model, name, zhName string, terms Terms, period string, fits []fit.Result, how string) {
	w.comment("Fitted by clvlab fit: the %s model fitted to %s (%s)", fit.Name(model), src.Data, src.Kind)
	if r := src.dateRange(); r != "" {
		w.comment("calibration period %s, time unit one %s.", r, src.Unit)
	} else {
		w.comment("time unit one %s (the data's).", src.Unit)
	}
	for _, r := range fits {
		var ps []string
		for _, p := range r.Params {
			s := fmt.Sprintf("%s = %.6g", p.Name, p.Value)
			if p.SE > 0 {
				s += fmt.Sprintf(" (SE %.3g)", p.SE)
			}
			ps = append(ps, s)
		}
		w.comment("%s estimates (maximum likelihood, %g customers, log-likelihood %.1f): %s.", fit.Name(r.Model), r.Observations, r.LogLikelihood, strings.Join(ps, ", "))
	}
	w.comment("%s", how)
	w.comment("The data name no currency: add currency = \"...\" (the default is CNY).")
	w.comment("Regenerate it with clvlab fit ... -scenario FILE.toml; the numbers below are the fit's,")
	w.comment("written to 12 significant digits.")
	w.line("")
	w.line("name = { en = %s, zh = %s }", quote(name), quote(zhName))
	w.line("period = %s", quote(period))
	w.line("horizon = %d", terms.horizon(src.Unit))
	w.line("discount_rate = %s", num(terms.DiscountRate))
}
