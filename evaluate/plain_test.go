package evaluate_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/internal/difftest"
)

// TestPlainAgrees checks the shortcuts of evaluation (the action and
// principal indexes, the memo, the condition key slots and the
// missing-key prefilter) against evaluation without them: on the
// conformance corpus and on generated cases, Decide and Evaluate give the
// same decision, reasons and error with and without them.
func TestPlainAgrees(t *testing.T) {
	cases := conformanceCases(t)
	n := 4000
	if testing.Short() {
		n = 500
	}
	generated, err := caseload.Load(difftest.Generate(7_000_000, n), "generated")
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, generated...)
	type outcome struct {
		Decide   evaluate.Decision
		Decision evaluate.Decision
		Reasons  []evaluate.Reason
		Code     evaluate.Code
	}
	run := func(set *evaluate.Set, r evaluate.Request) outcome {
		res := set.Evaluate(r)
		o := outcome{Decide: set.Decide(r), Decision: res.Decision, Reasons: res.Reasons}
		if e, ok := res.Err.(*evaluate.Error); ok {
			o.Code = e.Code
		}
		return o
	}
	checked := 0
	for _, c := range cases {
		if c.Err != nil {
			continue
		}
		fast, err := evaluate.Compile(c.Policies)
		if err != nil {
			continue
		}
		plain, err := evaluate.Compile(c.Policies, evaluate.WithPlainEvaluation())
		if err != nil {
			t.Fatalf("%s: compiles only with the shortcuts: %v", c.Name, err)
		}
		if diff := cmp.Diff(run(plain, c.Request), run(fast, c.Request)); diff != "" {
			t.Errorf("%s: with shortcuts (-plain +fast):\n%s", c.Name, diff)
		}
		checked++
	}
	if checked < len(cases)/2 {
		t.Fatalf("only %d of %d cases compiled", checked, len(cases))
	}
}
