package arn

import (
	"strings"
	"testing"

	"github.com/lambdaiam/lambdaiam/internal/glob"
)

var (
	sinkBool bool
	sinkARN  ARN
	sinkKind Kind
)

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkARN, _ = Parse("arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf:PROD")
	}
}

func BenchmarkKindOf(b *testing.B) {
	a := MustParse("arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf:PROD")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkKind = KindOf(a)
	}
}

func BenchmarkResolveFunction(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		f, _ := ResolveFunction("invoice-pdf", "PROD", "aws", "us-east-1", "111122223333")
		sinkARN = f.ARN
	}
}

func BenchmarkPatternMatch(b *testing.B) {
	const arn = "arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf:PROD"
	benches := []struct {
		name, pattern, s string
	}{
		{"star", "*", arn},
		{"literal", "arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf:PROD", arn},
		{"qualified-star", "arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf:*", arn},
		{"region-account-star", "arn:aws:lambda:*:*:function:invoice-*", arn},
		{"no-colon-star", "arn:aws:lambda:us-*-1:111122223333:function:*", arn},
		{"adversarial-1000-stars-10KB", adversarialPattern(1000), adversarialSubject(10 << 10)},
		{"adversarial-1000-stars-20KB", adversarialPattern(1000), adversarialSubject(20 << 10)},
		{"adversarial-1000-stars-scan-10KB", adversarialPattern(1000) + "*", adversarialSubject(10 << 10)},
		{"adversarial-1000-stars-scan-20KB", adversarialPattern(1000) + "*", adversarialSubject(20 << 10)},
		{"adversarial-quest-scan-10KB", adversarialQuestPattern(500), adversarialSubject(10 << 10)},
		{"adversarial-quest-scan-20KB", adversarialQuestPattern(500), adversarialSubject(20 << 10)},
		{"service-star-then-no-colon-star", "arn:aws:*:us-*-1:111122223333:function:*", arn},
	}
	for _, bb := range benches {
		p := MustParsePattern(bb.pattern)
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sinkBool = p.Match(bb.s)
			}
		})
	}
}

func BenchmarkMatchPatternTokens(b *testing.B) {
	toks := glob.Parse("arn:aws:lambda:*:111122223333:function:invoice-*")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkBool = MatchPatternTokens(toks, "arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf", ShortPad)
	}
}

func BenchmarkMatchLike(b *testing.B) {
	benches := []struct {
		name, pattern, s string
	}{
		{"source-arn", "arn:aws:sns:*:111122223333:alerts", "arn:aws:sns:us-east-1:111122223333:alerts"},
		{"resource-star", "arn:aws:lambda:us-east-1:111122223333:function:*", "arn:aws:lambda:us-east-1:111122223333:function:f:PROD"},
		{"adversarial-1000-stars-10KB", adversarialPattern(1000), adversarialSubject(10 << 10)},
		{"adversarial-1000-stars-20KB", adversarialPattern(1000), adversarialSubject(20 << 10)},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sinkBool = MatchLike(bb.pattern, bb.s)
			}
		})
	}
	b.Run("tokens", func(b *testing.B) {
		toks := glob.Parse("arn:aws:sns:*:111122223333:alerts")
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			sinkBool = MatchLikeTokens(toks, "arn:aws:sns:us-east-1:111122223333:alerts")
		}
	})
}

// adversarialQuestPattern forces a scan of the whole resource: its last
// segment before the final star, "a?b", is tried at every position.
func adversarialQuestPattern(n int) string {
	return "arn:aws:lambda:us-east-1:111122223333:function:" + strings.Repeat("*a?", n) + "b*"
}
