package lint_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/policy"
	"github.com/lambdaiam/lambdaiam/policy/lint"
)

// FuzzCheck lints every document that policy.Parse accepts, under every
// kind, and checks properties of the findings: Check does not panic, is
// deterministic, returns at most MaxFindings findings with known codes,
// sorted by position, each with a pointer that names a place in the
// document.
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(corpus, "*.json"))
	managed, _ := filepath.Glob(filepath.Join(corpus, "managed", "*.json"))
	for _, name := range append(files, managed...) {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data, uint8(policy.KindIdentity))
			f.Add(data, uint8(policy.KindResource))
		}
	}
	for _, p := range conformancePolicies(f)[:40] {
		f.Add([]byte(p.raw), uint8(p.kind))
	}
	kinds := policy.Kinds()
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		kind := kinds[int(k)%len(kinds)]
		doc, err := policy.Parse(data, policy.WithKind(kind))
		if err != nil {
			return
		}
		fs := lint.Check(doc)
		if len(fs) > lint.MaxFindings {
			t.Fatalf("%d findings, more than MaxFindings", len(fs))
		}
		for i, x := range fs {
			if !slices.Contains(lint.Codes(), x.Code) {
				t.Errorf("unknown code %q", x.Code)
			}
			if !x.Pos.IsValid() || x.Msg == "" || x.Fix == "" {
				t.Errorf("finding without position, message or fix: %+v", x)
			}
			if _, ok := doc.Locate(x.Pointer); !ok {
				t.Errorf("pointer %q names nothing", x.Pointer)
			}
			if i > 0 && fs[i-1].Pos.Offset > x.Pos.Offset {
				t.Errorf("findings out of order: %v before %v", fs[i-1], x)
			}
		}
		if diff := cmp.Diff(fs, lint.Check(doc)); diff != "" {
			t.Errorf("a second Check differs (-first +second):\n%s", diff)
		}
	})
}
