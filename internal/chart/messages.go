package chart

// message keys; see messages for their texts.
const (
	msgCustomersTitle = iota
	msgCustomers
	msgCohortsTitle
	msgNetRevenue
	msgCohortOf
	msgCohortsOf
	msgCashFlowTitle
	msgOperatingMargin
	msgAcquisitionSpend
	msgNetCashFlow
	msgCumulativeTitle
	msgCumulative
	msgPayback
	msgNoPayback
	msgSurvivalTitle
	msgSurvival
	msgShareActive
	msgTenure
	msgStageMixTitle
	msgShareOfCohort
	msgLost
	msgBreakdownTitle
	msgBySegment
	msgByStage
	msgCLV
	msgAcquisitionCost
	msgCLVNet
	msgWinback
	msgAllSegments
	msgComparisonTitle
	msgCustomersOverTime
	msgDeltasTitle
	msgChangeVsBase
	msgLTVCAC
	msgCustomerEquity
	msgExpectedLifetime
	msgPaybackPeriods
	msgNoVariants
	msgNoCustomers
	msgNoChange
	msgPeriod
	numMessages
)

// messages holds each text in English and Chinese. Texts with %s take the
// period name, the currency or a number.
var messages = [numMessages][2]string{
	msgCustomersTitle:    {"Customers by lifecycle stage", "各生命周期阶段的客户数"},
	msgCustomers:         {"Customers", "客户数"},
	msgCohortsTitle:      {"Net revenue by acquisition cohort (layer cake)", "各获客批次的净收入（千层饼图）"},
	msgNetRevenue:        {"Net revenue (%s)", "净收入（%s）"},
	msgCohortOf:          {"cohort of %s %s", "第 %[2]s 期批次"},
	msgCohortsOf:         {"cohorts of %ss %s", "第 %[2]s 期批次"},
	msgCashFlowTitle:     {"Cash flow by period", "各期现金流"},
	msgOperatingMargin:   {"operating margin", "经营利润"},
	msgAcquisitionSpend:  {"acquisition and win-back spend", "获客与赢回支出"},
	msgNetCashFlow:       {"net cash flow", "净现金流"},
	msgCumulativeTitle:   {"Cumulative discounted cash flow (customer equity to date)", "累计折现现金流（至今的客户资产）"},
	msgCumulative:        {"Discounted (%s)", "折现值（%s）"},
	msgPayback:           {"payback of a cohort: %s", "单批次回收期：%s"},
	msgNoPayback:         {"no payback within the horizon", "期限内未能回收获客成本"},
	msgSurvivalTitle:     {"Retention: share of a cohort still active", "留存：一个批次中仍活跃的比例"},
	msgSurvival:          {"all customers", "全部客户"},
	msgShareActive:       {"Share active", "活跃比例"},
	msgTenure:            {"Tenure (%ss since acquisition)", "客户年龄（获客后%s数）"},
	msgStageMixTitle:     {"Stage mix of the cohort", "该批次的阶段构成"},
	msgShareOfCohort:     {"Share of cohort", "占批次比例"},
	msgLost:              {"lost", "流失"},
	msgBreakdownTitle:    {"Where CLV comes from", "客户终生价值的来源"},
	msgBySegment:         {"Per new customer, by segment (%s)", "每位新客户，按细分（%s）"},
	msgByStage:           {"CLV by stage (%s)", "各阶段贡献的 CLV（%s）"},
	msgCLV:               {"CLV", "客户终生价值"},
	msgAcquisitionCost:   {"acquisition cost", "获客成本"},
	msgCLVNet:            {"CLV net of acquisition", "扣除获客成本的 CLV"},
	msgWinback:           {"win-back", "赢回"},
	msgAllSegments:       {"all", "全部"},
	msgComparisonTitle:   {"Scenarios compared: customer equity over time", "情景对比：客户资产随时间变化"},
	msgCustomersOverTime: {"Active customers", "活跃客户数"},
	msgDeltasTitle:       {"Change against the base", "相对基准的变化"},
	msgChangeVsBase:      {"Change against base (%)", "相对基准变化（%）"},
	msgLTVCAC:            {"LTV:CAC", "LTV:CAC"},
	msgCustomerEquity:    {"customer equity", "客户资产"},
	msgExpectedLifetime:  {"expected lifetime", "预期生命周期"},
	msgPaybackPeriods:    {"payback", "回收期"},
	msgNoVariants:        {"This scenario has no variants to compare.\nAdd [[variant]] tables to the scenario file.", "该情景没有可对比的变体。\n请在情景文件中添加 [[variant]]。"},
	msgNoCustomers:       {"No customers to show: the scenario acquires no one.", "没有可显示的客户：该情景未获取任何客户。"},
	msgNoChange:          {"The variants change none of these figures.", "各变体未改变这些指标。"},
	msgPeriod:            {"Period (%s)", "期（%s）"},
}

// periodNames are the period names in each language.
var periodNames = map[string][2]string{
	"month": {"month", "月"}, "quarter": {"quarter", "季度"}, "year": {"year", "年"},
}
