// Package uncertainty runs Monte Carlo trials of a sim.Model and
// summarises them as fan bands: per period, the mean and the 5th, 25th,
// 50th, 75th and 95th percentiles of the customers by stage, of the cash
// flows and, in a market with competitor stages, of our share of the
// market and each competitor's, and the spread of CLV and customer
// equity, with the probability
// that customer equity is negative and that the first cohort pays back
// within the horizon.
//
// Three sources of randomness, each switchable in [Config]:
//
//   - Process noise (Config.ProcessNoise): customers are whole people who
//     move at random. Each period, the customers of a stage split among its
//     destinations (other stages, or churn into the lost state) by one
//     multinomial draw, done as a chain of binomial draws: the first
//     destination takes Binomial(c, p₁) of the c customers, the next
//     Binomial(c − taken, p₂/(1−p₁)), and so on, the last taking the rest.
//     Lost customers are won back the same way (Binomial of each lost state
//     with the win-back rate). A trial therefore costs O(periods × states²)
//     draws however many customers there are. Planned acquisitions that are
//     not whole numbers are rounded up or down at random, keeping their
//     mean, and split over the segments by a multinomial draw.
//   - Poisson acquisition (Config.PoissonAcquisition): each period's new
//     customers of each segment are drawn from a Poisson distribution with
//     the planned number as its mean.
//   - Parameter uncertainty (Config.Parameters): a [Parameter] is a
//     [Distribution] over one or more slots of the model (a transition
//     probability; a stage's revenue, cost to serve, retention spend, price
//     discount, bad debt, revenue growth or cap, renewal probability or
//     discount, referrals or referral reward in a segment; a segment's
//     acquisition cost; the win-back rate or cost). Each trial draws every
//     parameter once and writes it into its own copy of the model, made
//     once per worker. If the draws make a transition row sum to more
//     than 1, Config.Rows says what happens ([ScaleRows] or
//     [RedrawRows]). Config.Derive then sets the numbers
//     that follow from the draws (a scenario's response curves), so that
//     a trial is the projection of the model at its draws.
//
// Referred customers are random with either of the first two: the
// customers a segment's active customers refer in a period are a Poisson
// count around the expected number at the trial's model, so a drawn
// referrals rate ρ gives a count that is Poisson given ρ, a mixture over ρ
// (for a gamma ρ, a negative binomial). The reward charged for them is
// the count times the segment's mean reward per referred customer at the
// trial's draws, Σ ρᵢ·cᵢ·xᵢ / Σ ρᵢ·xᵢ over its states i (sim's
// referral.go, c the rewards, x the customers): given the count, that is
// its expected reward, since each referral comes from state i with
// probability ρᵢ·xᵢ / Σ ρⱼ·xⱼ.
//
// A trial steps a sim.Population, sim's own period arithmetic, with the
// trial's copy of the model and the trial as its sim.Mover: the Mover draws
// the acquisitions and splits customers into whole counts, and follows the
// cohort acquired in period 0 alongside for CLV and payback. Without any
// source of randomness it moves expected fractions (sim.Expected), and every
// trial equals the deterministic projection of package sim, bit for bit for
// the per-period values.
//
// # Definitions per trial
//
//   - Customers, net cash flow and cumulative discounted net cash flow per
//     period are those of sim.Result (all segments, all cohorts).
//   - CLV is the realised present value at acquisition of the net cash
//     flows, win-back spend included and acquisition cost excluded, of the
//     cohort acquired in period 0, over the horizon, divided by that
//     cohort's size; its expectation under process noise alone is
//     sim.Summary.CLV. Trials whose first cohort is empty have no CLV.
//   - Customer equity is the sum of the discounted net cash flows, as in
//     sim.Summary.
//   - Market shares, in a model with competitor stages: our customers,
//     and each competitor stage's, over the market's (ours and the
//     competitors', the lost outside it) in the period, as sim.Market.Share
//     and sim.Result.MarketShare. A trial's share is the ratio of its own
//     counts, so the bands of a share are not the ratio of the bands of
//     the counts.
//   - Payback: the first cohort's cumulative undiscounted net cash flow,
//     starting at minus its acquisition spend, reaches zero within the
//     horizon.
//
// # Reproducibility
//
// Trial i draws from its own PCG generator (math/rand/v2) seeded from
// (Config.Seed, i) through the SplitMix64 mixing function. Trials run in
// parallel on runtime.GOMAXPROCS goroutines, each owning its generator,
// model copy and buffers; every trial writes its own slots of the result,
// and the summaries add up values in trial order. The bands are therefore
// identical, bit for bit, for any number of goroutines, and a trial
// allocates nothing.
//
// # Distributions
//
// Parameters use gonum's stat/distuv samplers (Beta, Gamma, LogNormal), and
// Poisson acquisition distuv.Poisson. Binomial draws, which dominate a
// trial, use this package's own sampler (BTRS, see binomial.go), about
// eight times faster than distuv.Binomial for large counts;
// docs/benchmarks.md has the measurements.
//
// # Percentiles
//
// A percentile p of N trial values is the ⌈p·N⌉-th smallest value, as
// gonum's stat.Quantile with stat.Empirical computes it on sorted data: no
// interpolation, so each band edge is a value some trial produced.
package uncertainty
