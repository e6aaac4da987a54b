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
	msgBadDebt
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
	msgWinback
	msgAllSegments
	msgComparisonTitle
	msgCustomersOverTime
	msgDeltasTitle
	msgChangeVsBase
	msgNoVariants
	msgNoCustomers
	msgNoChange
	msgPeriod
	// What-if analyses (analysis.go).
	msgWaterfallTitle
	msgShapleyExact
	msgShapleySampled
	msgAxisNotAtZero
	msgTornadoTitle
	msgAtLow
	msgAtHigh
	msgBaseValue
	msgClampedNote
	msgMoreBars
	msgSeeFile
	msgHeatMapTitle
	msgBreakEven
	msgNoBreakEven
	msgUndefinedCells
	msgSeekTitle
	msgTarget
	msgAnswer
	msgNoAnswer
	msgCurrent
	msgOptimumTitle
	msgOptimum
	msgNothingToDraw
	msgBand90
	msgBand50
	msgMedian
	msgGoodNews
	msgBadNews
	msgRetentionTitle
	msgRetentionRate
	msgSameAsCurrent
	msgExistingCustomers
	msgAllCustomers
	msgMarketTitle
	msgMarketShare
	msgOurShare
	msgSteadyShare
	msgShareBand
	numMessages
)

// messages holds each text in English and Chinese. Texts with %s take the
// period name, the currency or a number.
var messages = [numMessages][2]string{
	msgCustomersTitle:    {"Customers by lifecycle stage", "各生命周期阶段的客户数"},
	msgCustomers:         {"Customers", "客户数"},
	msgExistingCustomers: {"of them today's customers", "其中现有客户"},
	msgAllCustomers:      {"all customers", "全部客户"},
	msgCohortsTitle:      {"Net revenue by acquisition cohort (layer cake)", "各获客批次的净收入（千层饼图）"},
	msgNetRevenue:        {"Net revenue (%s)", "净收入（%s）"},
	msgCohortOf:          {"cohort of %s %s", "第 %[2]s 期批次"},
	msgCohortsOf:         {"cohorts of %ss %s", "第 %[2]s 期批次"},
	msgCashFlowTitle:     {"Cash flow by period", "各期现金流"},
	msgOperatingMargin:   {"operating margin", "经营利润"},
	msgBadDebt:           {"bad debt (revenue never collected)", "坏账（未收回的收入）"},
	msgAcquisitionSpend:  {"acquisition and win-back spend", "获客与赢回支出"},
	msgNetCashFlow:       {"net cash flow", "净现金流"},
	msgCumulativeTitle:   {"Cumulative discounted cash flow (%s to date)", "累计折现现金流（至今的%s）"},
	msgCumulative:        {"Discounted (%s)", "折现值（%s）"},
	msgPayback:           {"%s of a cohort: %s", "单批次%s：%s"},
	msgNoPayback:         {"no payback within the horizon", "期限内未能回收获客成本"},
	msgSurvivalTitle:     {"Retention: share of a cohort still active", "留存：一个批次中仍活跃的比例"},
	msgSurvival:          {"all customers", "全部客户"},
	msgShareActive:       {"Share active", "活跃比例"},
	msgTenure:            {"Tenure (%ss since acquisition)", "客户年龄（获客后%s数）"},
	msgStageMixTitle:     {"Stage mix of the cohort", "该批次的阶段构成"},
	msgShareOfCohort:     {"Share of cohort", "占批次比例"},
	msgLost:              {"lost", "流失"},
	msgBreakdownTitle:    {"Where %s comes from", "%s的来源"},
	msgBySegment:         {"Per new customer, by segment (%s)", "每位新客户，按细分（%s）"},
	msgByStage:           {"CLV by stage (%s)", "各阶段贡献的 CLV（%s）"},
	msgWinback:           {"win-back", "赢回"},
	msgAllSegments:       {"all", "全部"},
	msgComparisonTitle:   {"Scenarios compared: %s over time", "情景对比：%s随时间变化"},
	msgCustomersOverTime: {"Active customers", "活跃客户数"},
	msgDeltasTitle:       {"Change against the base", "相对基准的变化"},
	msgChangeVsBase:      {"Change against base (%)", "相对基准变化（%）"},
	msgNoVariants:        {"This scenario has no variants to compare.\nAdd [[variant]] tables to the scenario file.", "该情景没有可对比的变体。\n请在情景文件中添加 [[variant]]。"},
	msgNoCustomers:       {"No customers to show: the scenario acquires no one.", "没有可显示的客户：该情景未获取任何客户。"},
	msgNoChange:          {"The variants change none of these figures.", "各变体未改变这些指标。"},
	msgPeriod:            {"Period (%s)", "期（%s）"},
	msgBand90:            {"5-95% of trials", "90% 的模拟落在此区间"},
	msgBand50:            {"25-75% of trials", "50% 的模拟落在此区间"},
	msgMedian:            {"median of trials", "模拟中位数"},
	msgSameAsCurrent:     {" (same as Current)", "（与当前相同）"},
	msgGoodNews:          {"good news", "有利变化"},
	msgBadNews:           {"bad news", "不利变化"},
	msgWaterfallTitle:    {"%s: what each change contributed, base to %s", "%s：从基准到%s，各项变更的贡献"},
	msgShapleyExact:      {"Shapley values, exact over all %d subsets of the changes", "Shapley 值，精确计算全部 %d 个变更子集"},
	msgShapleySampled:    {"Shapley values from %d random orderings; whiskers show one standard error", "Shapley 值，由 %d 个随机排列估计；须线为一个标准误"},
	msgAxisNotAtZero:     {"(axis does not start at 0)", "（坐标轴不从 0 开始）"},
	msgTornadoTitle:      {"Which lever matters: %s, each parameter moved alone", "哪个杠杆最重要：%s，每次只变动一个参数"},
	msgAtLow:             {"parameter at its low value", "参数取低值"},
	msgAtHigh:            {"parameter at its high value", "参数取高值"},
	msgBaseValue:         {"base %s", "基准 %s"},
	msgClampedNote:       {"* range pulled in to keep the scenario valid", "* 为保持情景有效，范围已收窄"},
	msgMoreBars:          {"and %d more with smaller swings", "另有 %d 个参数影响更小"},
	msgSeeFile:           {" (see %s)", "（见 %s）"},
	msgHeatMapTitle:      {"%s by %s and %s", "%s：%s 与 %s"},
	msgBreakEven:         {"black line: %s = %s", "黑线：%s = %s"},
	msgNoBreakEven:       {"%s does not reach %s in this range", "此范围内 %s 未达到 %s"},
	msgUndefinedCells:    {"grey: undefined, or the pair makes an invalid scenario", "灰色：无定义，或该组合使情景无效"},
	msgSeekTitle:         {"Goal seek: %s for %s %s", "目标求解：使 %[2]s %[3]s 的 %[1]s"},
	msgTarget:            {"target %s", "目标 %s"},
	msgAnswer:            {"answer %s", "答案 %s"},
	msgNoAnswer:          {"no value in the range meets the goal", "范围内没有满足目标的值"},
	msgCurrent:           {"current %s", "当前 %s"},
	msgOptimumTitle:      {"Where extra spending stops paying: %s", "追加投入何时不再划算：%s"},
	msgOptimum:           {"optimum %s", "最优 %s"},
	msgNothingToDraw:     {"Nothing to draw.", "没有可绘制的内容。"},
	msgRetentionTitle:    {"Retention rate S(t)/S(t-1) by tenure: it rises as the customers likely to leave leave first", "按客户年龄的留存率 S(t)/S(t-1)：易流失的客户先离开，留存率随之上升"},
	msgRetentionRate:     {"Retention rate", "留存率"},
	msgMarketTitle:       {"Market share: our customers and the competitors' over the market's", "市场份额：我们与竞争者的顾客占市场的比例"},
	msgMarketShare:       {"Share of the market", "市场份额"},
	msgOurShare:          {"our share", "我们的份额"},
	msgShareBand:         {"%s (5-95%% of trials: %s to %s)", "%s（90%% 的模拟在 %s 至 %s）"},
	msgSteadyShare:       {"steady state %s", "稳态 %s"},
}
