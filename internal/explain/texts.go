package explain

import (
	"clvlab/scenarios"
)

// The texts of the formulas, in English and Chinese.
var (
	// txtRateYear: symbol, rate, period word.
	txtRateYear = scenarios.Text{
		EN: "%s = %s, the discount rate per %s",
		ZH: "%s = %s，每%s折现率",
	}
	// txtRatePeriod: symbol, 1+annual rate, periods a year, rate, period word, annual rate in %.
	txtRatePeriod = scenarios.Text{
		EN: "%s = %s^(1/%s) − 1 = %s, the discount rate per %s (%s%% a year)",
		ZH: "%s = %s^(1/%s) − 1 = %s，每%s折现率（年率 %s%%）",
	}
	// txtAnnuityWhere: margin, period, the margin's parts in words, rate clause, horizon, periods.
	txtAnnuityWhere = scenarios.Text{
		EN: "P = %s, the margin per %s (%s); %s; n = %d %s, the horizon; nobody leaves.",
		ZH: "P = %s，每%s每客利润（%s）；%s；n = %d %s，规划期；无人流失。",
	}
	txtMarginWords        = scenarios.Text{EN: "revenue after discount − cost to serve − retention spend", ZH: "折扣后收入 − 服务成本 − 保留投入"}
	txtMarginWordsBadDebt = scenarios.Text{
		EN: "revenue after discount and bad debt − cost to serve − retention spend; bad debt is revenue billed but never collected",
		ZH: "扣除折扣与坏账后的收入 − 服务成本 − 保留投入；坏账为已开票却未收回的收入",
	}
	// txtBadDebtWhere: the margins of the stages with bad debt.
	txtBadDebtWhere = scenarios.Text{
		EN: "Bad debt, revenue billed but never collected, comes off R: R = revenue·(1 − discount)·(1 − bad debt) − cost to serve − retention spend; %s.",
		ZH: "坏账（已开票却未收回的收入）从 R 中扣除：R = 收入·(1 − 折扣)·(1 − 坏账) − 服务成本 − 保留投入；%s。",
	}
	// txtMoreMargins: how many more stages have bad debt.
	txtMoreMargins = scenarios.Text{EN: "; and %d more", ZH: "；另有 %d 个"}
	// txtMultipleWhere: margin, period, retention, rate clause, horizon, periods, multiple.
	txtMultipleWhere = scenarios.Text{
		EN: "m = %s, the margin per %[2]s; r = %[3]s, the retention per %[2]s; %[4]s; n = %[5]d %[6]s, the horizon. The margin multiple 1/(1 + i − r) = %[7]s.",
		ZH: "m = %s，每%[2]s每客利润；r = %[3]s，每%[2]s保留率；%[4]s；n = %[5]d %[6]s，规划期。利润乘数 1/(1 + i − r) = %[7]s。",
	}
	// txtMarkovWhere: last tenure, horizon, periods, rate clause.
	txtMarkovWhere = scenarios.Text{
		EN: "The sum of the tenure table's contributions over τ = 0 … %d (%d %s): e is the entry stage, A the transition matrix (with win-back, the lost states too), R each state's margin (a lost state's is minus the win-back spend); %s.",
		ZH: "客户在网期表各行贡献之和，τ = 0 … %d（%d %s）：e 为新客户进入的阶段，A 为转移矩阵（有赢回时含流失状态），R 为各状态每客利润（流失状态为负的赢回支出）；%s。",
	}
	txtMixed         = scenarios.Text{EN: "the segments mixed by their shares of new customers", ZH: "各细分按其在新客户中的占比加权"}
	txtInfiniteWhere = scenarios.Text{
		EN: "N is the fundamental matrix; its entry stage's row e·N is the discounted number of periods a new customer spends in each state, each times that state's margin R.",
		ZH: "N 为基本矩阵；其入口阶段所在行 e·N 为新客户在各状态停留的折现期数，分别乘以该状态的每客利润 R。",
	}
	// txtTenureWhere follows the Markov and infinite-horizon notes of a
	// model with the tenure levers (revenue growth, contract renewal).
	txtTenureWhere = scenarios.Text{
		EN: " The chain has tenure sub-states: each stage once per tenure state, its margin grown with tenure and less the renewal discounts at contract ends, and at those ends churn for the share that does not renew. The tenure table and e·N add a stage's tenure states up; its R is their margins' mean weighted by the discounted periods in each.",
		ZH: "该链含在网期子状态：每个阶段在每个在网期状态各有一个，其每客利润随在网期增长，并在合同到期时扣除续约折扣，未续约的比例在到期时流失。客户在网期表与 e·N 将一个阶段的各在网期状态相加；其 R 为各状态利润按折现停留期数加权的平均值。",
	}
	txtDiverges = scenarios.Text{
		EN: "Undefined: without discounting a customer who may never leave is worth an unending sum.",
		ZH: "无定义：不折现时，可能永不流失的客户其价值之和不收敛。",
	}
	txtNoCAC = scenarios.Text{EN: "Undefined: acquiring a customer costs nothing.", ZH: "无定义：获客成本为零。"}
	// txtEquityRivals follows txtEquityExistingWhere in a market with
	// competitor stages.
	txtEquityRivals = scenarios.Text{
		EN: "In this brand-switching market today's customers include a competitor's, in its stages: V_i is what one of them brings us if it switches to our brand within the horizon.",
		ZH: "在此品牌转换市场中，现有客户也包括竞争对手阶段中的客户：V_i 为其中一位在规划期内转投我们品牌后带给我们的价值。",
	}
	// txtEquityWhere: horizon, periods.
	txtEquityWhere = scenarios.Text{
		EN: "N_c new customers acquired in period c, discounted to period 0; CLV_(H−c) is the tenure table's running sum after the H − c periods left of the horizon (H = %d %s).",
		ZH: "第 c 期获取 N_c 位新客户，折现到第 0 期；CLV_(H−c) 为客户在网期表在规划期剩余 H − c 期时的累计和（H = %d %s）。",
	}
	// txtEquityExistingWhere: CE_new, CE_existing.
	txtEquityExistingWhere = scenarios.Text{
		EN: "The first sum is the cohorts still to be acquired, CE_new = %s; the second today's customers, CE_existing = %s: X_i of them in stage i at period 0, with no acquisition cost, each worth V_i, the present value of its margins (and of the win-back spend on it once lost) over the horizon.",
		ZH: "第一个和为规划期内将获取的各批新客户，CE_new = %s；第二个和为现有客户，CE_existing = %s：第 0 期处于阶段 i 的 X_i 位客户，不计获客成本，每位价值 V_i，即其在规划期内各期利润（及流失后赢回支出）的现值。",
	}
	txtPaybackWhere = scenarios.Text{
		EN: "m_τ is the tenure table's margin at tenure τ, undiscounted.",
		ZH: "m_τ 为客户在网期表中在网期 τ 的每客利润，不折现。",
	}
	txtNoCACPayback  = scenarios.Text{EN: "Acquiring a customer costs nothing: paid back at once.", ZH: "获客成本为零：立即收回。"}
	txtNoPayback     = scenarios.Text{EN: "Undefined: not paid back within the horizon.", ZH: "无定义：规划期内无法收回。"}
	txtForever       = scenarios.Text{EN: "Undefined: a customer may stay for ever.", ZH: "无定义：客户可能永远留存。"}
	txtLifetimeWhere = scenarios.Text{
		EN: "The expected periods a new customer spends in each stage, undiscounted.",
		ZH: "新客户在各阶段预计停留的期数，不折现。",
	}
)

// Column labels of the tenure table.
var (
	LabelTenure       = scenarios.Text{EN: "τ", ZH: "τ"}
	LabelLost         = scenarios.Text{EN: "lost (win-back target)", ZH: "流失（赢回对象）"}
	LabelMargin       = scenarios.Text{EN: "margin", ZH: "利润"}
	LabelDiscount     = scenarios.Text{EN: "discount factor", ZH: "折现因子"}
	LabelContribution = scenarios.Text{EN: "contribution", ZH: "贡献"}
	LabelSum          = scenarios.Text{EN: "running sum", ZH: "累计"}
	// The referral columns (Row.Referred, ReferralContribution, ReferralSum).
	LabelReferred             = scenarios.Text{EN: "referred", ZH: "被推荐"}
	LabelReferralContribution = scenarios.Text{EN: "referral contribution", ZH: "推荐贡献"}
	LabelReferralSum          = scenarios.Text{EN: "referral value", ZH: "推荐价值"}
)

// The texts of the referral formulas (referral.go).
var (
	// txtReferralWhere: last tenure.
	txtReferralWhere = scenarios.Text{
		EN: "The sum of the tenure table's referral contributions over τ = 0 … %d: m^R_τ is the net cash flow at tenure τ of every customer the new customer brought (its referrals, theirs, and so on), c_τ the rewards paid for those arriving at τ (at the period's start); each referral arrives the period after it is made, in the entry stage.",
		ZH: "客户在网期表中推荐贡献之和，τ = 0 … %d：m^R_τ 为该新客户带来的所有客户（其推荐者、推荐者的推荐者，依此类推）在在网期 τ 的净现金流，c_τ 为在 τ 到来的被推荐客户所支付的奖励（期初支付）；被推荐客户在推荐后的下一期进入入口阶段。",
	}
	txtReferralInfiniteWhere = scenarios.Text{
		EN: "D is the discounted number of customers one new customer refers (each valued when it arrives, the period after the referral), W the discounted rewards paid for them, CLV∞ a referred customer's own value; each referred customer brings D more, so RV∞ = D·(CLV∞ + RV∞) − W.",
		ZH: "D 为一位新客户推荐的客户数的折现值（每位被推荐客户在推荐后的下一期到来时计值），W 为为其支付的奖励的折现值，CLV∞ 为被推荐客户自身的价值；每位被推荐客户又带来 D 位客户，故 RV∞ = D·(CLV∞ + RV∞) − W。",
	}
	// txtReferralMultipleWhere: referrals, rate, retention, D, reward, W.
	txtReferralMultipleWhere = scenarios.Text{
		EN: "D = ρ/(1 + i − r) = %s / (1 + %s − %s) = %s, the discounted referrals; W = D·c with c = %s, the reward per referred customer: W = %s. Each referred customer brings D more, so RV∞ = D·(CLV∞ + RV∞) − W.",
		ZH: "D = ρ/(1 + i − r) = %s / (1 + %s − %s) = %s，为折现后的推荐数；W = D·c，c = %s 为每位被推荐客户的奖励：W = %s。每位被推荐客户又带来 D 位客户，故 RV∞ = D·(CLV∞ + RV∞) − W。",
	}
	txtDirectWhere = scenarios.Text{
		EN: "The expected periods a new customer spends in each stage, undiscounted, times the stage's referrals per period ρ.",
		ZH: "新客户在各阶段预计停留的期数（不折现），乘以该阶段每期推荐数 ρ。",
	}
	txtTotalWhere = scenarios.Text{
		EN: "R + R² + R³ + …: each referred customer refers as a new one does.",
		ZH: "R + R² + R³ + …：每位被推荐客户与新客户一样推荐。",
	}
	txtGrows = scenarios.Text{
		EN: "Undefined: each new customer brings at least one customer (R ≥ 1), so the base grows by referral alone, without acquisition.",
		ZH: "无定义：每位新客户至少带来一位客户（R ≥ 1），客户群仅靠推荐即可增长，无需获客。",
	}
	txtEquityReferralWhere = scenarios.Text{
		EN: "RV_(H−c) is the running sum of the table's referral contributions: the customers each new customer brings within the periods left.",
		ZH: "RV_(H−c) 为客户在网期表中推荐贡献的累计和：每位新客户在剩余期数内带来的客户的价值。",
	}
	txtReferForever = scenarios.Text{
		EN: "Undefined: a customer may stay for ever in a stage that refers.",
		ZH: "无定义：客户可能永远停留在一个会推荐的阶段。",
	}
)
