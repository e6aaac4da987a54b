package records

import (
	"fmt"
	"io"
	"strings"
)

// ReferralOptions name the columns of a transaction log with referrals;
// "" recognises the names in brackets (compared without case, spaces and
// underscores): Customer (the log's customer names: customer, customer_id,
// ...), Amount (its amount names: amount, value, ...) and ReferredBy
// (referred_by, referrer, referred_by_customer).
type ReferralOptions struct {
	Customer, Amount, ReferredBy string
}

// Referrals is one customer's direct and indirect value as a log records
// them: its own spend, the customers it referred (those whose rows name
// it in the referred_by column) and their spend.
type Referrals struct {
	ID string
	// Spend is the sum of the customer's amounts: its direct value.
	Spend float64
	// Referred counts the customers it referred; ReferredSpend sums their
	// spend: its indirect value, as observed.
	Referred      int
	ReferredSpend float64
}

const referralWhat = "a transaction log with referrals has a header row, then one row per purchase: customer, amount and referred_by (the customer who referred this one, empty for none)"

// referredByNames are the header names of the referred_by column.
var referredByNames = []string{"referred_by", "referredby", "referrer", "referred_by_customer", "referral_source"}

// ReadReferrals reads a transaction log (delimited text with a header;
// the separator detected) with a referred_by column: each customer's
// spend, the customers that name it as their referrer and their spend,
// in the order customers first appear. A customer's referrer is the first
// non-empty referred_by of its rows; a customer who names itself, or
// names two referrers, is an error at its row. A referrer that never
// purchases itself is counted with no spend of its own.
func ReadReferrals(path string, opt ReferralOptions) ([]Referrals, error) {
	return readFile(path, func(r io.Reader) ([]Referrals, error) { return readReferrals(r, path, opt) })
}

func readReferrals(r io.Reader, name string, opt ReferralOptions) ([]Referrals, error) {
	t, err := openTable(r, name, referralWhat)
	if err != nil {
		return nil, err
	}
	cols := []summaryColumn{
		{"customer", opt.Customer, customerNames, true},
		{"amount", opt.Amount, amountNames, true},
		{"referred_by", opt.ReferredBy, referredByNames, true},
	}
	flags := []string{"customer", "amount", "referred-by"}
	at := make([]int, len(cols))
	for i, c := range cols {
		if c.option != "" {
			if at[i] = findNamed(t.header, []string{c.option}); at[i] < 0 {
				return nil, fileError(name, 1, "the %s column is named %q, but the header has no such column (it has %s): name one of these", c.role, c.option, listNames(t.header))
			}
			continue
		}
		if at[i] = findNamed(t.header, c.names); at[i] < 0 {
			return nil, fileError(name, 1, "no column of the header (%s) is the %s column (%s): the direct × indirect matrix needs each purchase's customer, amount and referrer; rename the column to one of these, or name it (-%s NAME)", listNames(t.header), c.role, recognised(c.names), flags[i])
		}
	}
	need := max(at[0], at[1], at[2])
	index := map[string]int{}
	var out []Referrals
	referrer := map[string]string{} // customer → the customer who referred it
	customer := func(id string) *Referrals {
		k, ok := index[id]
		if !ok {
			k = len(out)
			index[id] = k
			out = append(out, Referrals{ID: id})
		}
		return &out[k]
	}
	for line, f := range t.rows(need) {
		id := strings.TrimSpace(string(f[at[0]]))
		if id == "" {
			t.probs.add(line, "the customer is empty: give every purchase its customer")
			continue
		}
		x, err := number(f[at[1]], "the amount")
		if err != nil {
			t.probs.add(line, "%v", err)
			continue
		}
		by := strings.TrimSpace(string(f[at[2]]))
		switch prev, named := referrer[id]; {
		case by == "":
		case by == id:
			t.probs.add(line, "customer %s names itself as its referrer: leave referred_by empty, or name the customer who referred it", quoted([]byte(id)))
			continue
		case named && prev != by:
			t.probs.add(line, "customer %s was referred by %s on an earlier row and by %s here: a customer has one referrer", quoted([]byte(id)), quoted([]byte(prev)), quoted([]byte(by)))
			continue
		default:
			referrer[id] = by
		}
		customer(id).Spend += x
	}
	if t.sc.err != nil {
		return nil, fmt.Errorf("%s: %w", name, t.sc.err)
	}
	if err := t.probs.err(); err != nil {
		return nil, err
	}
	for _, c := range out[:len(out):len(out)] {
		if by, ok := referrer[c.ID]; ok {
			rc := customer(by) // a referrer who never purchased joins with no spend
			rc.Referred++
			rc.ReferredSpend += out[index[c.ID]].Spend
		}
	}
	if len(out) < 2 {
		return nil, fileError(name, 0, "%s: a matrix sorts a customer base; give every customer's purchases", plural(len(out), "customer"))
	}
	return out, nil
}
