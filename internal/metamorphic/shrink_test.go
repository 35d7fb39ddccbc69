package metamorphic

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

// TestShrinkReportsReproducibleCases breaks a relation on purpose (adding
// a Deny statement must leave the decision alone) and checks what a
// violation reports: a case smaller than the generated one, on which the
// broken relation still fails, written in the case format so that the
// loader reads it back to the decision it names.
func TestShrinkReportsReproducibleCases(t *testing.T) {
	c, err := NewChecker()
	if err != nil {
		t.Fatal(err)
	}
	c.relations = []Relation{{Name: "broken-add-deny", Rule: "E3.1", transform: addDeny, holds: same, want: "the same decision"}}
	found, smaller := 0, 0
	for seed := uint64(1); seed < 200 && found < 3; seed++ {
		w, err := Generate(seed)
		if err != nil {
			t.Fatal(err)
		}
		vs, err := c.Check(seed)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			found++
			t.Run(subtestName(v), func(t *testing.T) {
				if v.Relation != "broken-add-deny" || v.Base == v.Variant {
					t.Fatalf("unexpected violation %v", v)
				}
				orig := caseJSON(&w, seed, "base", run(&w).d)
				if len(v.Case) > len(orig) {
					t.Errorf("shrunk case (%d bytes) is larger than the generated one (%d bytes)", len(v.Case), len(orig))
				}
				if len(v.Case) < len(orig) {
					smaller++
				}
				for _, tc := range []struct {
					what string
					line []byte
					want evaluate.Decision
				}{{"case", v.Case, v.Base}, {"variant", v.VariantCase, v.Variant}} {
					cs := caseload.ParseLine(tc.line, "shrunk", 1)
					if cs.Err != nil {
						t.Fatalf("%s does not load: %v\n%s", tc.what, cs.Err, tc.line)
					}
					if diff := cmp.Diff(tc.want.String(), cs.Run().Decision.String()); diff != "" {
						t.Errorf("%s decision (-reported +reloaded):\n%s\n%s", tc.what, diff, tc.line)
					}
					if !bytes.Contains(tc.line, []byte(`"expect":"`+tc.want.String()+`"`)) {
						t.Errorf("%s does not expect its decision: %s", tc.what, tc.line)
					}
				}
			})
		}
	}
	if found == 0 || smaller == 0 {
		t.Fatalf("the broken relation failed %d times, and shrinking made %d cases smaller", found, smaller)
	}
}

// subtestName names a violation's subtest.
func subtestName(v Violation) string { return "E3.1/seed-" + itoa(int(v.Seed)) }
