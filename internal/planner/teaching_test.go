package planner

import (
	"strings"
	"testing"
	"unicode/utf8"

	"clvlab/scenarios"
)

// TestTeachingRoundTrip: projector mode, the lesson and its step come
// back from the link they wrote.
func TestTeachingRoundTrip(t *testing.T) {
	p := newPlanner(t, "four-stage")
	p.Set(stay, 0.93)
	want := View{Lang: "zh", Tab: 2, Projector: true, Lesson: "margin-multiple", Step: 3}
	preset, link, err := ParseFragment("#" + p.Fragment(want))
	if err != nil || preset != "four-stage" || link.Ignored != nil {
		t.Fatalf("preset %q, err %v, ignored %v", preset, err, link.Ignored)
	}
	if link.View != want {
		t.Errorf("view %+v, want %+v", link.View, want)
	}
	// A lesson at step 0 (not started) is written as step 1.
	_, link, _ = ParseFragment(p.Fragment(View{Lang: "en", Lesson: "annuity"}))
	if link.View.Lesson != "annuity" || link.View.Step != 1 {
		t.Errorf("lesson %q step %d, want annuity 1", link.View.Lesson, link.View.Step)
	}
	// No teaching keys when nothing of it is on.
	if f := p.Fragment(View{Lang: "en"}); strings.Contains(f, "projector") || strings.Contains(f, "lesson") || strings.Contains(f, "step") {
		t.Errorf("link %q has teaching keys", f)
	}
}

// TestHostileTeachingKeys: a projector, lesson or step value this planner
// never writes is ignored with a message naming it, the rest of the link
// is read, and nothing panics.
func TestHostileTeachingKeys(t *testing.T) {
	for _, c := range []struct {
		frag, want string
		view       View
	}{
		{"lesson=annuity&step=2", "", View{Lesson: "annuity", Step: 2}},
		{"lesson=annuity", "", View{Lesson: "annuity", Step: 1}},
		{"projector=yes&tab=2", `projector="yes"`, View{Tab: 2}},
		{"lesson=..%2F..%2Fetc%2Fpasswd&step=2", `lesson="../../etc/passwd"`, View{}},
		{"lesson=Annuity", `lesson="Annuity"`, View{}},
		{"lesson=-x", `lesson="-x"`, View{}},
		{"lesson=" + strings.Repeat("a", 65), "lesson=", View{}},
		{"lesson=annuity&step=0", `step="0"`, View{Lesson: "annuity", Step: 1}},
		{"lesson=annuity&step=-4", `step="-4"`, View{Lesson: "annuity", Step: 1}},
		{"lesson=annuity&step=1e3", `step="1e3"`, View{Lesson: "annuity", Step: 1}},
		{"lesson=annuity&step=99999999999999999999", `step="9999999999`, View{Lesson: "annuity", Step: 1}},
		{"step=3", `step="3" without a lesson`, View{}},
		{"lesson=%E8%AF%BE&projector=2&step=x", `projector="2" (write projector=1), lesson="课"`, View{}},
	} {
		_, link, err := ParseFragment(c.frag)
		if err != nil {
			t.Errorf("ParseFragment(%q): %v; a bad teaching key must not refuse the link", c.frag, err)
			continue
		}
		c.view.Lang = "en"
		if link.View != c.view {
			t.Errorf("ParseFragment(%q) view %+v, want %+v", c.frag, link.View, c.view)
		}
		switch {
		case c.want == "" && link.Ignored != nil:
			t.Errorf("ParseFragment(%q) ignored %v", c.frag, link.Ignored)
		case c.want != "" && (link.Ignored == nil || !strings.Contains(link.Ignored.EN, c.want) || !strings.Contains(link.Ignored.EN, "ignored")):
			t.Errorf("ParseFragment(%q) ignored %v, want a message with %q", c.frag, link.Ignored, c.want)
		case c.want != "" && !strings.Contains(link.Ignored.ZH, "已忽略"):
			t.Errorf("ParseFragment(%q): Chinese message %q", c.frag, link.Ignored.ZH)
		}
	}
}

// FuzzParseFragment: no link makes ParseFragment panic; what it reads
// writes a link that reads back the same (the round trip holds for any
// view a link gives), and the teaching keys it keeps are well formed.
func FuzzParseFragment(f *testing.F) {
	for _, s := range []string{
		"s=four-stage&v=horizon%3D48&lang=zh&tab=3&text=large",
		"s=annuity&projector=1&lesson=annuity&step=2",
		"lesson=a&step=999&projector=1&b=pinned&bv=horizon%3D12&bn=x",
		"step=%00&lesson=%ff%fe", "projector=1&projector=0", "v=%zz", "b=-3",
	} {
		f.Add(s)
	}
	s, err := scenarios.Preset("four-stage")
	if err != nil {
		f.Fatal(err)
	}
	p, err := New(s, "four-stage")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, frag string) {
		_, link, err := ParseFragment(frag)
		if err != nil {
			if _, ok := err.(*Problem); !ok {
				t.Fatalf("error %T %v is not a Problem a person can read", err, err)
			}
			return
		}
		v := link.View
		if v.Lesson != "" && !ValidLessonID(v.Lesson) || v.Lesson == "" && v.Step != 0 || v.Lesson != "" && (v.Step < 1 || v.Step > maxStep) {
			t.Fatalf("view %+v from %q", v, frag)
		}
		if link.Ignored != nil && (!utf8.ValidString(link.Ignored.EN) || !utf8.ValidString(link.Ignored.ZH)) {
			t.Fatalf("message %q is not valid UTF-8", link.Ignored.EN)
		}
		// The view written back reads back the same, with nothing ignored.
		v.Seek = Seek{}
		_, again, err := ParseFragment(p.Fragment(v))
		if err != nil || again.Ignored != nil || again.View != v {
			t.Fatalf("view %+v wrote a link read back as %+v (%v, %v)", v, again.View, err, again.Ignored)
		}
	})
}
