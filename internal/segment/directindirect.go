package segment

// DirectIndirect is the direct × indirect value matrix (Azim, Thomas &
// Hans 2001, docs/domain.md §4): a customer's direct value (what it buys:
// its CLV, or its spend) against its indirect value (what the customers
// it refers bring: its referral value, or their spend).
const DirectIndirect Method = "direct-indirect"

// DirectIndirectQuadrants is the direct × indirect value matrix:
// high-performance relationships (high direct, high indirect value),
// sales (high direct, low indirect), network (low direct, high indirect)
// and low-performance (low both). direct and indirect name the measures.
func DirectIndirectQuadrants(direct, indirect Text) Quadrants {
	return Quadrants{Method: DirectIndirect, Row: direct, Col: indirect, RowKey: "direct", ColKey: "indirect", Groups: [4]Group{
		{ID: "high-performance", Name: Text{"High-performance", "高绩效关系"}},
		{ID: "sales", Name: Text{"Sales", "销售型关系"}},
		{ID: "network", Name: Text{"Network", "网络型关系"}},
		{ID: "low-performance", Name: Text{"Low-performance", "低绩效关系"}},
	}}
}
