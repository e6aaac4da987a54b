// Package records reads a company's own records, the data the customer-base
// models of internal/fit learn from: transaction logs (CSV and Parquet, read
// as a stream so that memory grows with customers, not rows), per-customer
// summaries (frequency, recency, T, monetary value; lifetimes' column names
// too) and cohort retention tables (contractual settings).
//
// A log is summarised the way the field does it (docs/data.md states the
// conventions): purchases on the same calendar day are one purchase, their
// amounts summed; frequency is the number of repeat purchase days up to and
// including the calibration end; recency (to the last of them) and T (to the
// calibration end) are measured from the first purchase, in the chosen Unit,
// fractional (days / 7 for weeks); monetary value is the mean amount of the
// repeat purchase days, the first excluded. Customers come in the order of
// their first row in the log. A customer whose first purchase is after the
// calibration end is left out, and Summary.Warnings says how many.
//
// Bad input gets an *Error: every problem found, each at its file and line,
// saying what to fix.
package records
