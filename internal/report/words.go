package report

import (
	"clvlab/internal/explain"
	"clvlab/scenarios"
)

// The texts of the terminal tables and the explanation, in English and
// Chinese.
var (
	wForm      = scenarios.Text{EN: "Form", ZH: "形式"}
	wExplained = scenarios.Text{EN: "How each run's figures are built", ZH: "各次运行的数字如何得出"}
	formText   = map[explain.Form]scenarios.Text{
		explain.Annuity:        {EN: "the annuity (one stage nobody leaves, no win-back)", ZH: "年金（单一阶段，无人流失，无赢回）"},
		explain.MarginMultiple: {EN: "the margin multiple (one stage with a constant retention, no win-back), beside the tenure table", ZH: "利润乘数（单一阶段，保留率恒定，无赢回），并列客户在网期表"},
		explain.Markov:         {EN: "the tenure table of the lifecycle's Markov chain, and the fundamental matrix for the infinite horizon", ZH: "生命周期马尔可夫链的客户在网期表，以及无限期的基本矩阵"},
	}
	wExplainHead = scenarios.Text{EN: "%s (%s) · %s", ZH: "%s（%s）· %s"}
	wInWords     = scenarios.Text{EN: "in words", ZH: "文字表述"}
	wVisitsTitle = scenarios.Text{
		EN: "Fundamental matrix N = (I − A/(1+d))⁻¹, the entry stage's row: discounted periods in each state × its margin",
		ZH: "基本矩阵 N = (I − A/(1+d))⁻¹ 的入口阶段行：在各状态停留的折现期数 × 该状态每客利润",
	}
	wTenureTitle = scenarios.Text{
		EN: "Tenure table: one new customer period by period (τ = periods since acquisition)",
		ZH: "客户在网期表：一位新客户逐期的价值构成（τ = 获客后的期数）",
	}
	wTenureMixed = scenarios.Text{
		EN: "— the segments mixed by their shares of new customers",
		ZH: "——各细分按其在新客户中的占比加权",
	}
	wTotal     = scenarios.Text{EN: "sum of the contributions = CLV", ZH: "贡献合计 = CLV"}
	wCashEnd   = scenarios.Text{EN: "cash at the period's end", ZH: "现金流在期末"}
	wCashStart = scenarios.Text{EN: "cash at the period's start", ZH: "现金流在期初"}
	// wCaption: horizon, period, discount rate, cash timing, currency.
	wCaption = scenarios.Text{
		EN: "%d %ss · discount rate %s a year · %s · amounts in %s",
		ZH: "%d 期（%s）· 年折现率 %s · %s · 金额单位 %s",
	}
)

// The summary table's and the what-if tables' texts.
var (
	wBase = scenarios.Text{EN: "base", ZH: "基准"}
	// wTableHead: name, file, horizon, period, rate, timing, currency.
	wTableHead = scenarios.Text{
		EN: "%s (%s): %d %ss, discount rate %s a year, cash at period %s, amounts in %s",
		ZH: "%s（%s）：%d 期（%s），年折现率 %s，%s，金额单位 %s",
	}
	wPoints = scenarios.Text{EN: "pts", ZH: "个百分点"}
	// wBandNote: trials, seed, sources.
	wBandNote = scenarios.Text{
		EN: "Monte Carlo: %d trials per run, seed %d; %s. 5–95%%: the middle 90%% of trials.",
		ZH: "蒙特卡洛：每次运行 %d 次试验，种子 %d；%s。5–95%%：居中 90%% 的试验。",
	}
	wProcessNoise  = scenarios.Text{EN: "process noise", ZH: "过程噪声"}
	wPoisson       = scenarios.Text{EN: "Poisson acquisition", ZH: "泊松获客"}
	wUncertainOne  = scenarios.Text{EN: "%d uncertain value in the base (rows: %s)", ZH: "基准中 %d 个不确定值（行：%s）"}
	wUncertainMany = scenarios.Text{EN: "%d uncertain values in the base (rows: %s)", ZH: "基准中 %d 个不确定值（行：%s）"}
	wNoRandomness  = scenarios.Text{EN: "no randomness: every trial equals the projection", ZH: "无随机性：每次试验都等于预测"}

	// compare
	wAgainstBase = scenarios.Text{EN: "%s (%s): %s against the base", ZH: "%s（%s）：%s 与基准对比"}
	wChange      = scenarios.Text{EN: "change", ZH: "变化"}
	wAttribution = scenarios.Text{EN: "Attribution of the change (%s):", ZH: "变化的归因（%s）："}
	wTotalChange = scenarios.Text{EN: "total (variant - base)", ZH: "合计（变体 − 基准）"}

	// sensitivity
	wTornadoHead = scenarios.Text{
		EN: "%s (%s): %s, base %s; each parameter moved alone to its range or by ±%v%%, ranked by swing",
		ZH: "%s（%s）：%s，基准 %s；每个参数单独移动到其范围或 ±%v%%，按摆幅排序",
	}
	wTornadoCols = scenarios.Text{
		EN: "rank\tparameter\tvalue\tlow\thigh\tat low\tat high\tswing",
		ZH: "排名\t参数\t取值\t低\t高\t低值时\t高值时\t摆幅",
	}
	wSkipped  = scenarios.Text{EN: "skipped", ZH: "跳过"}
	wGridHead = scenarios.Text{
		EN: "Grid of %s: %d × %d values, %s in [%s, %s] × %s in [%s, %s]",
		ZH: "%s 网格：%d × %d 个取值，%s ∈ [%s, %s] × %s ∈ [%s, %s]",
	}
	wGridRange    = scenarios.Text{EN: "  %s runs from %s to %s", ZH: "  %s 的范围为 %s 至 %s"}
	wGridInvalid  = scenarios.Text{EN: "; %d cells make an invalid scenario and are left out", ZH: "；%d 个单元格使情景无效，已略去"}
	wGridNoCross  = scenarios.Text{EN: "  it does not cross %s in this range", ZH: "  在此范围内未穿过 %s"}
	wGridCrossing = scenarios.Text{
		EN: "  %s = %s along a line from (%s, %s) to (%s, %s) (grid.json: crossing)",
		ZH: "  %s = %s 沿一条从 (%s, %s) 到 (%s, %s) 的线（grid.json: crossing）",
	}

	// seek
	wSeekHead   = scenarios.Text{EN: "%s (%s): %s %s by changing %s (now %s)", ZH: "%s（%s）：通过改变 %[5]s（当前 %[6]s）使 %[3]s %[4]s"}
	wSeekAnswer = scenarios.Text{EN: "  answer: %s = %s, %s there: %s", ZH: "  答案：%s = %s，此时 %s：%s"}
	wSeekAlso   = scenarios.Text{EN: "  also: %s = %s", ZH: "  另有：%s = %s"}
	wSeekRange  = scenarios.Text{EN: "  range searched: [%s, %s]", ZH: "  搜索范围：[%s, %s]"}
	wMethod     = scenarios.Text{EN: "  method: %s; %d runs", ZH: "  方法：%s；运行 %d 次"}

	// optimize
	wOptimumHead = scenarios.Text{EN: "%s (%s): the levers that maximise %s", ZH: "%s（%s）：使 %s 最大的杠杆"}
	wOptimumNow  = scenarios.Text{EN: "  %s now %s, at the optimum %s (%s)", ZH: "  %s 当前 %s，最优时 %s（%s）"}
	wOptimumCols = scenarios.Text{
		EN: "lever\tbounds\tnow\toptimum\tmarginal return now\tat the optimum\tper",
		ZH: "杠杆\t范围\t当前\t最优\t当前边际回报\t最优时\t每",
	}
	wFixed     = scenarios.Text{EN: "fixed", ZH: "固定"}
	wBoundLow  = scenarios.Text{EN: "low bound", ZH: "下界"}
	wBoundHigh = scenarios.Text{EN: "high bound", ZH: "上界"}
	wOneUnit   = scenarios.Text{EN: "1 unit", ZH: "1 单位"}
	wOnePoint  = scenarios.Text{EN: "1 point", ZH: "1 个百分点"}
	wMarginal  = scenarios.Text{
		EN: "  marginal return: the change in %s from one more unit of the lever (1 unit of money, or 1 percentage point); about 0 inside the bounds at the optimum",
		ZH: "  边际回报：杠杆每增加一个单位（1 单位货币或 1 个百分点）%s 的变化；最优时在范围内约为 0",
	}
)
