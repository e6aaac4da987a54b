// Package records reads a company's own records, the data the customer-base
// models of internal/fit learn from: transaction logs (CSV and Parquet, read
// as a stream so that memory grows with customers, not rows), per-customer
// summaries (frequency, recency, T, monetary value; lifetimes' column names
// too) and cohort retention tables (contractual settings).
//
// A log is summarised the way the field does it: purchases on the same
// calendar day are one purchase; frequency is the number of repeat purchase
// days before the calibration end; recency and T are measured from the first
// purchase, in the chosen Unit, fractional.
package records
