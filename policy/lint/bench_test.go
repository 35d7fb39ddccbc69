package lint_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/lambdaiam/lambdaiam/policy"
	"github.com/lambdaiam/lambdaiam/policy/lint"
)

func benchDoc(b *testing.B, raw []byte, kind policy.Kind) *policy.Document {
	b.Helper()
	doc, err := policy.Parse(raw, policy.WithKind(kind))
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkCheck lints a small identity policy, the largest AWS managed
// policy for Lambda, and the 500-statement identity policy of the
// benchmark case.
func BenchmarkCheck(b *testing.B) {
	small, err := os.ReadFile(filepath.Join(corpus, "redundant-statement.json"))
	if err != nil {
		b.Fatal(err)
	}
	managed, err := os.ReadFile(filepath.Join(corpus, "managed", "AWSLambdaReadOnlyAccess.json"))
	if err != nil {
		b.Fatal(err)
	}
	large, err := os.ReadFile("../../testdata/bench/large.json")
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		doc  *policy.Document
	}{
		{"small", benchDoc(b, small, policy.KindIdentity)},
		{"managed", benchDoc(b, managed, policy.KindIdentity)},
		{"large", benchDoc(b, []byte(gjson.GetBytes(large, "identityPolicies.0").Raw), policy.KindIdentity)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				lint.Check(c.doc)
			}
		})
	}
}
