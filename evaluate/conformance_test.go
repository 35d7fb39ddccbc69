package evaluate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

// conformanceSkips lists conformance cases that are known to be wrong, by
// name, with the evidence. It is empty: every case passes.
var conformanceSkips = map[string]string{}

// TestConformance runs every case of ../testdata/conformance/*.jsonl: a
// case expecting "Error" must fail to load, compile or evaluate; any other
// must be decided as expected, by Evaluate and Decide alike.
func TestConformance(t *testing.T) {
	cases := conformanceCases(t)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			if why, ok := conformanceSkips[c.Name]; ok {
				t.Skip(why)
			}
			checkCase(t, c)
		})
	}
	t.Logf("%d conformance cases", len(cases))
}

// conformanceCases loads every case of ../testdata/conformance/*.jsonl,
// checking that each line is one case.
func conformanceCases(t *testing.T) []caseload.Case {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "conformance", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance files: %v", err)
	}
	var all []caseload.Case
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases, err := caseload.Load(data, filepath.Base(f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if want := countLines(data); len(cases) != want {
			t.Errorf("%s: loaded %d cases from %d lines", f, len(cases), want)
		}
		all = append(all, cases...)
	}
	return all
}

func checkCase(t *testing.T, c caseload.Case) {
	t.Helper()
	if c.Expect == "" {
		t.Fatalf("%s:%d: case has no expectation", c.Name, c.Line)
	}
	if c.Err != nil {
		if c.Expect != caseload.ExpectError {
			t.Fatalf("line %d: load error %v, want %s", c.Line, c.Err, c.Expect)
		}
		return
	}
	set, err := evaluate.Compile(c.Policies)
	if err != nil {
		if c.Expect != caseload.ExpectError {
			t.Fatalf("line %d: compile error %v, want %s", c.Line, err, c.Expect)
		}
		return
	}
	res := set.Evaluate(c.Request)
	if c.Expect == caseload.ExpectError {
		if res.Err == nil {
			t.Fatalf("line %d: decision %v, want an error", c.Line, res.Decision)
		}
		return
	}
	if res.Err != nil {
		t.Fatalf("line %d: evaluation error %v, want %s", c.Line, res.Err, c.Expect)
	}
	if got := res.Decision.String(); got != c.Expect {
		t.Errorf("line %d: decision %s, want %s; reasons:", c.Line, got, c.Expect)
		for _, r := range res.Reasons {
			t.Logf("  %s %v stmt %d: %s", r.Policy, r.Type, r.Statement, r.Message)
		}
	}
	if d := set.Decide(c.Request); d != res.Decision {
		t.Errorf("line %d: Decide = %v, Evaluate = %v", c.Line, d, res.Decision)
	}
	if len(res.Reasons) == 0 {
		t.Errorf("line %d: %v without reasons", c.Line, res.Decision)
	}
}

func countLines(data []byte) int {
	n := 0
	for _, l := range bytes.Split(data, []byte{'\n'}) {
		if len(bytes.TrimSpace(l)) > 0 {
			n++
		}
	}
	return n
}
