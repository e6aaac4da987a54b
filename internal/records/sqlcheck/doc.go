// Package sqlcheck tests the DuckDB query of docs/data.md: it reads the
// query out of the document, runs it in embedded DuckDB on the CDNOW sample
// and compares every customer with internal/records' own summary.
//
// It is a module of its own (go.mod beside this file) because DuckDB needs
// cgo and a large C++ library: neither reaches the clvlab binary or the
// main module's dependencies. `make test` runs it (cd here, go test).
package sqlcheck
