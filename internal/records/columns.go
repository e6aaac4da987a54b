package records

import (
	"fmt"
	"strconv"
	"strings"
)

// columnNumber reads a 1-based column number; ok is false when spec is not
// a number.
func columnNumber(spec string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(spec))
	if err != nil {
		return 0, false
	}
	return n, true
}

// normalName is a header name for matching: lower case, letters and digits
// only ("Customer ID" and "customer_id" are both "customerid").
func normalName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// The header names a log's columns are recognised by, in order of
// preference, normalised.
var (
	customerNames = []string{"customerid", "customer", "custid", "customerno", "customernumber", "clientid", "client", "userid", "user", "memberid", "member", "accountid", "account", "buyerid", "id"}
	dateNames     = []string{"date", "orderdate", "purchasedate", "transactiondate", "invoicedate", "saledate", "day", "datetime", "timestamp", "time"}
	amountNames   = []string{"amount", "dollarvalue", "value", "monetaryvalue", "revenue", "sales", "spend", "total", "price", "dollars", "sum", "amt"}
)

// findNamed is the index of the first header name among names (both
// compared as normalName), or -1.
func findNamed(header []string, names []string) int {
	for _, want := range names {
		want = normalName(want)
		for i, h := range header {
			if normalName(h) == want {
				return i
			}
		}
	}
	return -1
}

// resolveColumn finds the column a spec (a name or a 1-based number) means
// in a header (nil: the file has none) of a row with width fields; role
// names the column in messages ("the customer id"), flag the option, where
// the header ("the header", "the Parquet schema").
func resolveColumn(spec, role, flag string, header []string, width int, where string) (int, error) {
	if n, ok := columnNumber(spec); ok {
		if n < 1 || n > width {
			return 0, fmt.Errorf("%s is column %d (-%s), but the rows have %d fields: give a number from 1 to %d", role, n, flag, width, width)
		}
		return n - 1, nil
	}
	if header == nil {
		return 0, fmt.Errorf("%s is named %q (-%s), but the first row is not a header (it holds a date): give the column's number, 1 to %d", role, spec, flag, width)
	}
	for i, h := range header {
		if h == spec {
			return i, nil
		}
	}
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(spec)) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("%s is named %q (-%s), but %s has no such column (it has %s): name one of these, or give a number", role, spec, flag, where, listNames(header))
}

// listNames quotes a header's names for a message.
func listNames(header []string) string {
	q := make([]string, len(header))
	for i, h := range header {
		q[i] = strconv.Quote(h)
	}
	return strings.Join(q, ", ")
}
