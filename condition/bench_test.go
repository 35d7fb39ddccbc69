package condition

import (
	"testing"
	"time"

	"github.com/lambdaiam/lambdaiam/internal/glob"
)

type globToken = glob.Token

// BenchmarkEval measures Eval per operator family (the rows of
// TestEvalAllocs).
func BenchmarkEval(b *testing.B) {
	ctx := allocContext()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range allocCases() {
		c := MustCompile(tc.op, tc.key, tc.values, true, Options{})
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				env := Env{Ctx: ctx, Time: now}
				c.Eval(&env)
			}
		})
	}
}

func BenchmarkCompile(b *testing.B) {
	for _, tc := range allocCases() {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Compile(tc.op, tc.key, tc.values, true, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNewContext(b *testing.B) {
	kv := map[string][]string{
		"aws:SourceIp": {"198.51.100.23"}, "aws:PrincipalTag/team": {"risk"},
		"aws:TagKeys": {"team", "env"}, "aws:SecureTransport": {"true"},
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		NewContext(kv)
	}
}

const (
	globLiteral = glob.Literal
	globStar    = glob.Star
	globQuest   = glob.Quest
)
