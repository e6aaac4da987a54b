package cli

import (
	"fmt"
	"slices"
	"strings"

	"clvlab/internal/projection"
	"clvlab/internal/records"
	"clvlab/internal/report"
	"clvlab/internal/segment"
	"clvlab/scenarios"
)

// isScenarioArg reports whether the direct × indirect matrix's argument
// is a scenario (a .toml file or a shipped scenario's id) rather than a
// transaction log.
func isScenarioArg(arg string) bool {
	return strings.HasSuffix(arg, ".toml") || slices.Contains(scenarios.Presets(), arg)
}

// directIndirect classifies on the direct × indirect value matrix: the
// segments of a scenario (each weighted by its share of new customers:
// direct value its CLV, indirect its referral value), or the customers of
// a transaction log with a referred_by column (direct value their spend,
// indirect the spend of the customers they referred).
func (p *segmentPlan) directIndirect(file string, ff *fitFlags) (*report.Segmentation, error) {
	if isScenarioArg(file) {
		return p.scenarioSegments(file)
	}
	rs, err := records.ReadReferrals(file, records.ReferralOptions{Customer: *ff.customer, Amount: *ff.amount, ReferredBy: p.referredBy})
	if err != nil {
		return nil, err
	}
	n := len(rs)
	cs := make([]segment.Customer, n)
	direct, indirect, value := make([]float64, n), make([]float64, n), make([]float64, n)
	seg := &report.Segmentation{IDs: make([]string, n)}
	referred := 0
	for i, r := range rs {
		cs[i] = segment.Customer{ID: r.ID, Weight: 1, Spend: r.Spend}
		direct[i], indirect[i], value[i] = r.Spend, r.ReferredSpend, r.Spend+r.ReferredSpend
		seg.IDs[i] = r.ID
		referred += r.Referred
	}
	q := segment.DirectIndirectQuadrants(segment.Text{"spend", "消费"}, segment.Text{"referred spend", "被推荐客户的消费"})
	if seg.Result, err = q.Classify(cs, direct, indirect, value, p.split); err != nil {
		return nil, &usageError{err.Error()}
	}
	seg.Notes = []segment.Text{{
		fmt.Sprintf("From the transaction log's referred_by column (%d customers referred by another): a customer's direct value is its spend, its indirect value the spend of the customers that name it as their referrer; a value above the split is high. Each customer's value is the two together.", referred),
		fmt.Sprintf("数据取自交易记录的 referred_by 列（%d 位客户由他人推荐）：客户的直接价值为其消费，间接价值为以其为推荐人的客户的消费；高于分界值为高。每位客户的价值为两者之和。", referred),
	}}
	return seg, nil
}

// scenarioSegments places a scenario's segments on the matrix: each a
// row weighted by its share of new customers, its direct value the CLV
// of one of its new customers, its indirect value that customer's
// referral value (the customers it brings within the horizon, less the
// rewards paid for them).
func (p *segmentPlan) scenarioSegments(arg string) (*report.Segmentation, error) {
	s, err := load(arg)
	if err != nil {
		return nil, err
	}
	r, err := projection.Project(s)
	if err != nil {
		return nil, err
	}
	sum := r.Summary
	switch {
	case !sum.Referring:
		return nil, &usageError{fmt.Sprintf("%s: no stage refers, so every segment's indirect value is 0: give its stages referrals (docs/scenarios.md, Referrals)", arg)}
	case len(sum.Segments) < 2:
		return nil, &usageError{fmt.Sprintf("%s has one segment: the matrix sorts several; give the scenario [[segment]] tables", arg)}
	}
	n := len(sum.Segments)
	cohort := r.Model.NewCustomers[0] // the rows stand for the first period's new customers
	if !(cohort > 0) {
		cohort = 1
	}
	cs := make([]segment.Customer, n)
	direct, indirect, value := make([]float64, n), make([]float64, n), make([]float64, n)
	seg := &report.Segmentation{IDs: make([]string, n), Weights: make([]float64, n)}
	for i, g := range sum.Segments {
		cs[i] = segment.Customer{ID: g.ID, Weight: g.Share * cohort}
		direct[i], indirect[i], value[i] = g.CLV, g.ReferralValue, g.CLV+g.ReferralValue
		seg.IDs[i], seg.Weights[i] = g.ID, cs[i].Weight
	}
	q := segment.DirectIndirectQuadrants(segment.Text{"CLV", "CLV"}, segment.Text{"referral value", "推荐价值"})
	if seg.Result, err = q.Classify(cs, direct, indirect, value, p.split); err != nil {
		return nil, &usageError{err.Error()}
	}
	seg.Notes = []segment.Text{{
		fmt.Sprintf("The segments of the scenario %q, each standing for its share of the first period's new customers: the direct value is the CLV of one of its new customers, the indirect value its referral value (the customers it brings within the horizon, and theirs, less the rewards paid for them), split at the share-weighted medians or -split.", s.Name.In("en")),
		fmt.Sprintf("情景“%s”的各细分，按其在第一期新客户中的占比计数：直接价值为其一位新客户的 CLV，间接价值为其推荐价值（规划期内带来的客户及其再推荐的客户的价值，扣除推荐奖励），按加权中位数或 -split 划分。", s.Name.In("zh")),
	}}
	return seg, nil
}
