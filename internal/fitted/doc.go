// Package fitted turns a fitted customer-base model into a scenario that
// reproduces it, ready for `clvlab run`, the what-if commands and the
// planner (issue 15).
//
// The model's heterogeneity becomes latent classes (package fit's
// Classes: a Gauss quadrature of its mixing distributions), each one
// "active" stage with a constant retention and, for the purchase models,
// expected purchases per period and their revenue: purchases × the
// Gamma-Gamma mean spend. The scenario is TOML text whose comments say
// where each number came from: the model and its estimates, the data file,
// its date range and unit, the class grid and how closely it reproduces
// the model. It imports no file writer, so the browser app builds the same
// scenario from a dropped file.
package fitted
