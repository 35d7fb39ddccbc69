package lint_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/policy"
	"github.com/lambdaiam/lambdaiam/policy/lint"
)

// corpusPolicy is one policy of a conformance case.
type corpusPolicy struct {
	where string // "file:line#i"
	kind  policy.Kind
	raw   string
}

// conformancePolicies returns every policy of every conformance case that
// expects a decision, with the kind of its field.
func conformancePolicies(t testing.TB) []corpusPolicy {
	raw, err := caseload.RawPolicies("../../testdata/conformance/*.jsonl")
	if err != nil {
		t.Fatalf("conformance policies: %v", err)
	}
	out := make([]corpusPolicy, len(raw))
	for i, p := range raw {
		out[i] = corpusPolicy{fmt.Sprintf("%s:%d#%d", p.File, p.Line, p.Index), p.Kind, p.Text}
	}
	return out
}

// TestConformance lints every policy of the conformance corpus: each
// parses, lint does not panic, and every finding has a known code and a
// pointer that names a place in the document, at the finding's line. The
// findings are pinned by testdata/lint/conformance.golden, where each one
// was checked to be true of its policy; the codes that would say the
// corpus itself is wrong (unknown names, entries that match nothing
// because of their spelling) must not appear at all.
func TestConformance(t *testing.T) {
	pols := conformancePolicies(t)
	if len(pols) < 270 {
		t.Fatalf("only %d conformance policies", len(pols))
	}
	never := []lint.Code{lint.CodeUnknownService, lint.CodeUnknownAction, lint.CodeUnknownConditionKey,
		lint.CodeResourceTypeWildcard, lint.CodeVariableInARNPrefix, lint.CodeRedundantStatement, lint.CodeShadowedStatement}
	var out bytes.Buffer
	for _, p := range pols {
		doc, err := policy.Parse([]byte(p.raw), policy.WithKind(p.kind))
		if err != nil {
			t.Errorf("%s (%s) does not parse: %v", p.where, p.kind, err)
			continue
		}
		for _, f := range lint.Check(doc) {
			if !slices.Contains(lint.Codes(), f.Code) {
				t.Errorf("%s: unknown code %q", p.where, f.Code)
			}
			if slices.Contains(never, f.Code) {
				t.Errorf("%s: %s", p.where, f)
			}
			if pos, ok := doc.Locate(f.Pointer); !ok || !f.Pos.IsValid() || pos.Line != f.Pos.Line {
				t.Errorf("%s: pointer %q (at %v, %v) does not fit the finding's position %v", p.where, f.Pointer, pos, ok, f.Pos)
			}
			fmt.Fprintf(&out, "%s %s: %s %s\n", p.where, p.kind, f.Code, f.Pointer)
		}
	}
	golden(t, filepath.Join(corpus, "conformance.golden"), out.Bytes())
}

// TestExamples lints the quickstart example's policies: they are clean.
func TestExamples(t *testing.T) {
	kinds := map[string]policy.Kind{
		"full-aws-access-scp.json":             policy.KindSCP,
		"orders-api-prod-function-policy.json": policy.KindResource,
		"orders-worker-identity.json":          policy.KindIdentity,
		"workloads-scp.json":                   policy.KindSCP,
	}
	files, _ := filepath.Glob("../../examples/quickstart/policies/*.json")
	if len(files) == 0 {
		t.Fatal("no example policies")
	}
	for _, f := range files {
		kind, ok := kinds[filepath.Base(f)]
		if !ok {
			t.Errorf("%s: no kind listed for it here", f)
			continue
		}
		t.Run("E1/"+filepath.Base(f), func(t *testing.T) {
			var msgs []string
			for _, x := range lint.Check(parseFile(t, f, kind)) {
				msgs = append(msgs, x.String())
			}
			if diff := cmp.Diff([]string(nil), msgs); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
