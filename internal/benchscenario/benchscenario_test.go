package benchscenario

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sids returns the Sids (or, for statements without one, the
// Effect) of every statement of docs, in order.
func sids(t *testing.T, docs ...[]byte) []string {
	t.Helper()
	var out []string
	for _, d := range docs {
		var doc struct {
			Statement []struct{ Sid, Effect string }
		}
		if err := json.Unmarshal(d, &doc); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		for _, st := range doc.Statement {
			if st.Sid == "" {
				st.Sid = st.Effect
			}
			out = append(out, st.Sid)
		}
	}
	return out
}

func TestAll(t *testing.T) {
	all, err := All("../../testdata/bench")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range all {
		names = append(names, s.Name)
		for _, r := range s.Requests {
			if r.Want != Allow {
				t.Errorf("%s/%s: want %s, expected Allow", s.Name, r.Name, r.Want)
			}
		}
	}
	if diff := cmp.Diff([]string{"small", "large", "mixed", "lambda-resource"}, names); diff != "" {
		t.Fatalf("scenarios (-want +got):\n%s", diff)
	}
	large, mixed := all[1], all[2]
	// mixed holds every statement of large once, plus what allows
	// everything in the boundary and the SCP levels.
	var parts [][]byte
	for _, d := range mixed.Docs {
		parts = append(parts, d.JSON)
	}
	got := sids(t, parts...)
	want := sids(t, large.Docs[0].JSON)
	extra := map[string]int{"FullAWSAccess": 2, "Allow": 1}
	count := map[string]int{}
	for _, sid := range got {
		count[sid]++
	}
	for _, sid := range want {
		count[sid]--
	}
	for sid, n := range count {
		if n != extra[sid] {
			t.Errorf("mixed holds %s %d more times than large", sid, n)
		}
	}
	if diff := cmp.Diff(large.Requests, mixed.Requests); diff != "" {
		t.Errorf("mixed's requests (-large +mixed):\n%s", diff)
	}
	if n := len(sids(t, all[3].Docs[0].JSON)); n != 200 {
		t.Errorf("lambda-resource function policy: %d statements, want 200", n)
	}
}

func TestPlace(t *testing.T) {
	docs := []Doc{{Slot: SCP1}, {Slot: Identity}, {Slot: Resource}, {Slot: Identity}, {Slot: SCP1}}
	p := Place(docs, []string{"a", "b", "c", "d", "e"})
	if diff := cmp.Diff([]string{"b", "d"}, p.Identity); diff != "" {
		t.Errorf("Identity (-want +got):\n%s", diff)
	}
	if p.Resource == nil || *p.Resource != "c" || p.Boundary != nil {
		t.Errorf("Resource %v, Boundary %v: want c and none", p.Resource, p.Boundary)
	}
	if diff := cmp.Diff([][]string{{"a", "e"}}, p.SCPs); diff != "" {
		t.Errorf("SCPs, without the empty level (-want +got):\n%s", diff)
	}
}
