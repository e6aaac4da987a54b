package records

import (
	"strings"
	"testing"
)

// TestReadReferrals reads testdata/referrals.csv: by hand, a spends 100
// and referred b (20 + 20 = 40) and c (30), 70 in all; e spends 10 and
// referred f (15) and g (5), 20 in all; nobody referred the others. The
// customers come in the order they first appear.
func TestReadReferrals(t *testing.T) {
	rs, err := ReadReferrals("testdata/referrals.csv", ReferralOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Referrals{{"a", 100, 2, 70}, {"b", 40, 0, 0}, {"c", 30, 0, 0}, {"d", 200, 0, 0}, {"e", 10, 2, 20}, {"f", 15, 0, 0}, {"g", 5, 0, 0}}
	if len(rs) != len(want) {
		t.Fatalf("%d customers, want %d: %+v", len(rs), len(want), rs)
	}
	for i := range want {
		if rs[i] != want[i] {
			t.Errorf("customer %d: %+v, want %+v", i, rs[i], want[i])
		}
	}
}

// TestReadReferralsProblems: a customer who refers itself, two referrers
// of one customer and a log without a referrer column are refused with
// their lines and what to do.
func TestReadReferralsProblems(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"self", "customer,amount,referred_by\na,1,\nb,2,b\n", `self.csv:3: customer "b" names itself as its referrer`},
		{"two", "customer,amount,referred_by\na,1,\nc,1,\nb,2,a\nb,2,c\n", `two.csv:5: customer "b" was referred by "a" on an earlier row and by "c" here`},
		{"column", "customer,amount\na,1\nb,2\n", `no column of the header ("customer", "amount") is the referred_by column`},
		{"named", "customer,amount,src\na,1,\nb,2,a\n", ""},
	} {
		opt := ReferralOptions{}
		if c.name == "named" {
			opt.ReferredBy = "src"
		}
		rs, err := readReferrals(strings.NewReader(c.src), c.name+".csv", opt)
		if c.want == "" {
			if err != nil || len(rs) != 2 || rs[0].Referred != 1 || rs[0].ReferredSpend != 2 {
				t.Errorf("%s: %+v, %v; want a referring b, who spends 2", c.name, rs, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}
