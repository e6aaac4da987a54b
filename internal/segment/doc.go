// Package segment classifies a company's customers on the segmentation
// matrices of the CRM literature (docs/domain.md §4, docs/segment.md), from
// the per-customer summary of package records:
//
//   - RFM: recency, frequency and monetary quintile scores 1–5 and the
//     named segments of RFMRule (ClassifyRFM);
//   - ABC / Pareto: the customers ranked by value, classed by the share of
//     the value held above them, and the Pareto curve (ClassifyABC);
//   - CRVP: purchase cycle × purchase amount, 3×3, thresholds the tertiles
//     or given, single-purchase customers apart (ClassifyCRVP);
//   - value × loyalty and acquisition cost × retention cost: 2×2 matrices
//     split at the medians or given values (Quadrants.Classify).
//
// Quantiles handle ties one way everywhere (sample.cuts): a cut point is
// one of the customers' values, the one at which the share of customers at
// or below it is nearest the quantile's; a value equal to a cut falls in
// the lower group, so customers with equal values always share a group.
//
// A Result holds every customer's group and scores, the groups' customers
// and value, the cut points used and the grid a chart draws. Scenario turns
// a result into a scenario whose segments have the observed shares and
// revenue multipliers.
package segment
