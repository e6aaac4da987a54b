// Package fit fits the standard customer-base models to a company's records
// by maximum likelihood and predicts from them: the shifted-beta-geometric
// (sBG, contractual, discrete), the beta-geometric/beta-Bernoulli (BG/BB,
// non-contractual, discrete), BG/NBD and Pareto/NBD (non-contractual,
// continuous) and Gamma-Gamma (spend).
//
// Every model is fitted the same way (mle.go): the negative log-likelihood,
// summed over customers (in parallel, over grouped identical rows), is
// minimised over the logarithms of the parameters with gonum/optimize, and
// the standard errors come from the observed information, the numerical
// Hessian of the negative log-likelihood at the estimate (central
// differences of the analytic gradient where a model has one, of the
// likelihood otherwise).
package fit
