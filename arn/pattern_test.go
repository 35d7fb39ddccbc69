package arn

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/internal/glob"
)

const fn = "arn:aws:lambda:us-east-1:111122223333:function:"

// TestPatternQualifierTable is the table of rule M3 (and F3): which function
// ARNs each policy Resource covers. Every cell is a row.
func TestPatternQualifierTable(t *testing.T) {
	columns := []struct{ name, arn string }{
		{"f", fn + "f"},
		{"f:1", fn + "f:1"},
		{"f:PROD", fn + "f:PROD"},
		{"f:$LATEST", fn + "f:$LATEST"},
		{"f2", fn + "f2"},
	}
	rows := []struct {
		name    string
		pattern string
		want    [5]bool
	}{
		{"function:f", fn + "f", [5]bool{true, false, false, false, false}},
		{"function:f:*", fn + "f:*", [5]bool{false, true, true, true, false}},
		{"function:f*", fn + "f*", [5]bool{true, true, true, true, true}},
		{"function:*", fn + "*", [5]bool{true, true, true, true, true}},
		{"region-*-function:f", "arn:aws:lambda:*:111122223333:function:f", [5]bool{true, false, false, false, false}},
	}
	for _, r := range rows {
		p := MustParsePattern(r.pattern)
		for i, c := range columns {
			t.Run("M3/F3/table/"+r.name+"/vs/"+c.name, func(t *testing.T) {
				if diff := cmp.Diff(r.want[i], p.Match(c.arn)); diff != "" {
					t.Errorf("%q.Match(%q) (-want +got):\n%s", r.pattern, c.arn, diff)
				}
			})
		}
	}
}

func TestPatternMatch(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		arn     string
		want    bool
	}{
		{"G.1/function-f-does-not-cover-alias", fn + "f", fn + "f:PROD", false},
		{"G.1/function-f-does-not-cover-version", fn + "f", fn + "f:1", false},
		{"G.1/function-f-does-not-cover-latest", fn + "f", fn + "f:$LATEST", false},
		{"G.2/qualified-star-does-not-cover-unqualified", fn + "f:*", fn + "f", false},
		{"G.3/f-star-covers-f-admin", fn + "f*", fn + "f-admin", true},
		{"G.3/f-star-covers-foo", fn + "f*", fn + "foo", true},
		{"G.36/region-star-crosses-colons", "arn:aws:lambda:*:function:invoice-pdf", fn + "invoice-pdf", true},
		{"G.36/region-star-crosses-colons-other-name", "arn:aws:lambda:*:function:invoice-pdf", fn + "other", false},
		{"G.36/deny-pattern-fires-for-x", "arn:aws:lambda:*:function:x", fn + "x", true},
		{"G.21/resource-is-case-sensitive", fn + "Invoice-PDF", fn + "invoice-pdf", false},
		{"M3.1/star-matches-any-arn", "*", fn + "f", true},
		{"M3.1/star-matches-non-arn", "*", "anything at all", true},
		{"M3.1/star-matches-empty", "*", "", true},
		{"M3.2/question-mark-in-region-never-crosses-colon", "arn:aws:lambda:?:function:invoice-pdf", fn + "invoice-pdf", false},
		{"M3.2/question-mark-in-region-one-char", "arn:aws:lambda:us-east-?:111122223333:function:f", fn + "f", true},
		{"M3.2/non-final-star-stays-in-region", "arn:aws:lambda:us-*1:function:f", fn + "f", false},
		{"M3.2/non-final-star-in-region", "arn:aws:lambda:us-*-1:111122223333:function:f", fn + "f", true},
		{"M3.2/non-final-star-in-region-no-match", "arn:aws:lambda:us-*-2:111122223333:function:f", fn + "f", false},
		{"M3.2/final-star-in-service", "arn:aws:*:us-east-1:111122223333:function:f", fn + "f", true},
		{"M3.2/final-star-in-account-crosses", "arn:aws:lambda:us-east-1:*:f", fn + "f", true},
		{"M3.2/all-parts-star", "arn:aws:lambda:*:*:*", fn + "f:PROD", true},
		{"M3.2/all-parts-star-other-service", "arn:aws:lambda:*:*:*", "arn:aws:s3:::b", false},
		{"M3.2/final-star-in-partition", "arn:*:lambda:us-east-1:111122223333:function:f", "arn:aws-cn:lambda:us-east-1:111122223333:function:f", true},
		{"M3.2/partition-question-marks", "arn:aws-??:lambda:us-east-1:111122223333:function:f", "arn:aws-cn:lambda:us-east-1:111122223333:function:f", true},
		{"M3.2/resource-star-crosses-colon-and-slash", "arn:aws:logs:us-east-1:111122223333:*",
			"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/x:log-stream:2026/05/01/[$LATEST]aa", true},
		{"M3.2/resource-star-in-middle-crosses-slash", "arn:aws:iam::111122223333:role/*-exec", "arn:aws:iam::111122223333:role/service-role/cart-exec", true},
		{"M3.2/resource-question-matches-colon", fn + "f?1", fn + "f:1", true},
		{"M3.2/anchored-end", fn + "f", fn + "f2", false},
		{"M3.2/anchored-start", "aws:lambda:*", fn + "f", false},
		{"M3.2/empty-region-literal", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key", true},
		{"M3.2/empty-region-does-not-match-region", "arn:aws:s3:::bucket/*", "arn:aws:s3:us-east-1::bucket/key", false},
		{"M3.6/short-pattern-padded", "arn:aws:lambda", fn + "f:PROD", true},
		{"M3.6/short-pattern-padded-final-star", "arn:aws:lambda:*", fn + "f", true},
		{"M3.6/short-pattern-padded-needs-parts", "arn:aws:lambda", "arn:aws:lambda:x", false},
		{"M3.6/empty-pattern", "", fn + "f", false},
		{"D2/variable-in-account-is-literal", "arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::111122223333:role/x", false},
		{"D2/variable-in-account-matches-its-own-text", "arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::${aws:PrincipalAccount}:role/x", true},
		{"D2/variable-in-resource-is-literal-here", fn + "${aws:username}-*", fn + "${aws:username}-x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePattern(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, p.Match(tt.arn)); diff != "" {
				t.Errorf("%q.Match(%q) (-want +got):\n%s", tt.pattern, tt.arn, diff)
			}
			if diff := cmp.Diff(tt.want, refPatternMatch(tt.pattern, tt.arn)); diff != "" {
				t.Errorf("reference matcher (-want +got):\n%s", diff)
			}
			toks := glob.Parse(tt.pattern)
			if diff := cmp.Diff(tt.want, PatternFromTokens(toks).Match(tt.arn)); diff != "" {
				t.Errorf("PatternFromTokens (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, MatchPatternTokens(toks, tt.arn, ShortPad)); diff != "" {
				t.Errorf("MatchPatternTokens (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.pattern, p.String()); diff != "" {
				t.Errorf("String (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPatternShortModes(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		mode    ShortMode
		want    bool
		wantErr *errInfo
	}{
		{name: "M3.6/pad-is-default-identity-side", pattern: "arn:aws:lambda", mode: ShortPad, want: true},
		{name: "M3.6/no-match-resource-policies", pattern: "arn:aws:lambda", mode: ShortNoMatch, want: false},
		{name: "M3.6/error-scp", pattern: "arn:aws:lambda", mode: ShortError, wantErr: &errInfo{CodeShortPattern, 14}},
		{name: "M3.6/error-five-parts", pattern: "arn:aws:lambda:us-east-1:111122223333", mode: ShortError, wantErr: &errInfo{CodeShortPattern, 37}},
		{name: "M3.6/six-parts-unaffected-by-no-match", pattern: fn + "*", mode: ShortNoMatch, want: true},
		{name: "M3.6/six-parts-unaffected-by-error", pattern: fn + "*", mode: ShortError, want: true},
		{name: "M3.6/star-alone-is-not-short", pattern: "*", mode: ShortError, want: true},
		{name: "M3.6/star-alone-no-match-mode", pattern: "*", mode: ShortNoMatch, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePatternMode(tt.pattern, tt.mode)
			if diff := cmp.Diff(tt.wantErr, errOf(t, err)); diff != "" {
				t.Fatalf("ParsePatternMode error (-want +got):\n%s", diff)
			}
			_, err2 := PatternFromTokensMode(glob.Parse(tt.pattern), tt.mode)
			if diff := cmp.Diff(tt.wantErr, errOf(t, err2)); diff != "" {
				t.Errorf("PatternFromTokensMode error (-want +got):\n%s", diff)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, p.Match(fn+"f")); diff != "" {
				t.Errorf("Match (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, MatchPatternTokens(glob.Parse(tt.pattern), fn+"f", tt.mode)); diff != "" {
				t.Errorf("MatchPatternTokens (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPatternIsWildcard(t *testing.T) {
	tests := []struct {
		name string
		p    Pattern
		want bool
	}{
		{"M3.4/star-is-wildcard", MustParsePattern("*"), true},
		{"M3.4/all-parts-star-is-not-wildcard", MustParsePattern("arn:aws:lambda:*:*:*"), false},
		{"M3.4/double-star-is-not-wildcard", MustParsePattern("**"), false},
		{"M3.4/star-token-is-wildcard", PatternFromTokens([]glob.Token{{Kind: glob.Star}}), true},
		{"M3.4/literal-star-token-is-not-wildcard", PatternFromTokens([]glob.Token{{Kind: glob.Literal, Text: "*"}}), false},
		{"M3.4/zero-pattern", Pattern{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.p.IsWildcard()); diff != "" {
				t.Errorf("IsWildcard (-want +got):\n%s", diff)
			}
		})
	}
	if (Pattern{}).Match("") {
		t.Errorf("M3/zero-pattern matches")
	}
}

func TestPatternFromTokens(t *testing.T) {
	lit := func(s string) glob.Token { return glob.Token{Kind: glob.Literal, Text: s} }
	star := glob.Token{Kind: glob.Star}
	tests := []struct {
		name string
		toks []glob.Token
		arn  string
		want bool
	}{
		{"D5/substituted-star-is-literal", []glob.Token{lit(fn), lit("a*b")}, fn + "a*b", true},
		{"D5/substituted-star-is-not-a-wildcard", []glob.Token{lit(fn), lit("a*b")}, fn + "axxb", false},
		{"D2/substituted-value-then-star", []glob.Token{lit(fn), lit("alice"), lit("-"), star}, fn + "alice-scratchpad", true},
		{"M3.2/final-star-split-across-literals", []glob.Token{lit("arn:aws:lambda:"), star, lit(""), lit(":function:f")}, fn + "f", true},
		{"M3.2/non-final-star-before-empty-literal", []glob.Token{lit("arn:aws:lambda:"), star, lit(""), lit("x:function:f")}, fn + "f", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, PatternFromTokens(tt.toks).Match(tt.arn)); diff != "" {
				t.Errorf("PatternFromTokens.Match (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, MatchPatternTokens(tt.toks, tt.arn, ShortPad)); diff != "" {
				t.Errorf("MatchPatternTokens (-want +got):\n%s", diff)
			}
		})
	}
	if diff := cmp.Diff(fn+"a*b?", PatternFromTokens([]glob.Token{lit(fn + "a"), star, lit("b"), {Kind: glob.Quest}}).String()); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
}

func TestMatchLike(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		value   string
		want    bool
	}{
		{"M5/G.15/per-component-example", "arn:aws:someservice:*:111122223333:finance/*",
			"arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", false},
		{"M5/region-star-within-component", "arn:aws:sns:*:111122223333:alerts", "arn:aws:sns:us-east-1:111122223333:alerts", true},
		{"M5/resource-star", "arn:aws:sns:us-east-1:111122223333:*", "arn:aws:sns:us-east-1:111122223333:import-requests", true},
		{"M5/s3-prefix", "arn:aws:s3:::invoice-*", "arn:aws:s3:::invoice-2024", true},
		{"M5/s3-prefix-no-match", "arn:aws:s3:::invoice-*", "arn:aws:s3:::receipts-2024", false},
		{"M5/sixth-component-keeps-colons", fn + "*", fn + "f:PROD", true},
		{"M5/sixth-component-literal-colons", fn + "f:PROD", fn + "f:PROD", true},
		{"M5/region-star-cannot-reach-account", "arn:aws:lambda:*:function:f", fn + "f", false},
		{"M5/question-mark-in-region", "arn:aws:sns:us-east-?:111122223333:alerts", "arn:aws:sns:us-east-1:111122223333:alerts", true},
		{"M5/question-mark-needs-a-char", "arn:aws:s3:?::b", "arn:aws:s3:::b", false},
		{"M5/star-matches-empty-component", "arn:aws:s3:*:*:b", "arn:aws:s3:::b", true},
		{"M5/case-sensitive", "arn:aws:iam::111122223333:role/Ops-*", "arn:aws:iam::111122223333:role/ops-engineer", false},
		{"M5/role-prefix", "arn:aws:iam::111122223333:role/ops-*", "arn:aws:iam::111122223333:role/ops-engineer", true},
		{"M5/value-with-fewer-than-six-parts", "arn:aws:s3:::*", "arn:aws:s3", false},
		{"M5/value-not-an-arn", "*", "not-an-arn", false},
		{"M5/pattern-with-fewer-than-six-parts", "*", "arn:aws:s3:::b", false},
		{"M5/service-is-case-sensitive", "arn:aws:SNS:*:*:*", "arn:aws:sns:us-east-1:111122223333:a", false},
		{"G.16/arnequals-accepts-wildcards", "arn:aws:s3:::invoice-*", "arn:aws:s3:::invoice-q1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, MatchLike(tt.pattern, tt.value)); diff != "" {
				t.Errorf("MatchLike(%q, %q) (-want +got):\n%s", tt.pattern, tt.value, diff)
			}
			if diff := cmp.Diff(tt.want, MatchLikeTokens(glob.Parse(tt.pattern), tt.value)); diff != "" {
				t.Errorf("MatchLikeTokens (-want +got):\n%s", diff)
			}
			lp := CompileLike(tt.pattern)
			if diff := cmp.Diff(tt.want, lp.Match(tt.value)); diff != "" {
				t.Errorf("CompileLike(%q).Match(%q) (-want +got):\n%s", tt.pattern, tt.value, diff)
			}
			if diff := cmp.Diff(tt.want, refMatchLike(tt.pattern, tt.value)); diff != "" {
				t.Errorf("reference (-want +got):\n%s", diff)
			}
		})
	}
	// G.15: the same pair under StringLike (one glob over the whole string).
	if !glob.Match("arn:aws:someservice:*:111122223333:finance/*",
		"arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt") {
		t.Errorf("G.15/stringlike-matches-where-arnlike-does-not: StringLike did not match")
	}
}

func TestMatchLikeTokens(t *testing.T) {
	lit := func(s string) glob.Token { return glob.Token{Kind: glob.Literal, Text: s} }
	tests := []struct {
		name  string
		toks  []glob.Token
		value string
		want  bool
	}{
		{"D5/substituted-value-is-literal", []glob.Token{lit(fn), lit("team-*")}, fn + "team-*", true},
		{"D5/substituted-value-is-not-a-wildcard", []glob.Token{lit(fn), lit("team-*")}, fn + "team-a", false},
		{"M5/substituted-colon-separates-components", []glob.Token{lit("arn:aws:sns:"), lit("us-east-1:111122223333"), lit(":alerts")},
			"arn:aws:sns:us-east-1:111122223333:alerts", true},
		{"M5/too-few-components", []glob.Token{lit("arn:aws"), {Kind: glob.Star}}, fn + "f", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, MatchLikeTokens(tt.toks, tt.value)); diff != "" {
				t.Errorf("MatchLikeTokens (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPatternDifferential compares Pattern, MatchPatternTokens and
// MatchLike with the reference matchers on random colon-rich inputs.
func TestPatternDifferential(t *testing.T) {
	r := rand.New(rand.NewSource(36))
	pick := func(alpha string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[r.Intn(len(alpha))]
		}
		return string(b)
	}
	for i := 0; i < 100000; i++ {
		pattern := pick("a:*?b::*", r.Intn(15))
		s := pick("a:b:", r.Intn(16))
		want := refPatternMatch(pattern, s)
		if got := MustParsePattern(pattern).Match(s); got != want {
			t.Fatalf("M3/differential: %q.Match(%q) = %v, reference %v", pattern, s, got, want)
		}
		if got := MatchPatternTokens(glob.Parse(pattern), s, ShortPad); got != want {
			t.Fatalf("M3/differential: MatchPatternTokens(%q, %q) = %v, reference %v", pattern, s, got, want)
		}
		if got, want := MatchLike(pattern, s), refMatchLike(pattern, s); got != want {
			t.Fatalf("M5/differential: MatchLike(%q, %q) = %v, reference %v", pattern, s, got, want)
		}
	}
}

func TestZeroAllocations(t *testing.T) {
	pats := map[string]Pattern{
		"literal":       MustParsePattern(fn + "invoice-pdf"),
		"qualified":     MustParsePattern(fn + "invoice-pdf:*"),
		"region-star":   MustParsePattern("arn:aws:lambda:*:111122223333:function:invoice-*"),
		"no-colon-star": MustParsePattern("arn:aws:lambda:us-*-1:111122223333:function:*"),
		"adversarial":   MustParsePattern(adversarialPattern(1000)),
	}
	long := adversarialSubject(10 << 10)
	toks := glob.Parse("arn:aws:lambda:*:111122223333:function:invoice-*")
	tests := []struct {
		name string
		f    func()
	}{
		{"M3/Pattern.Match-adversarial", func() { pats["adversarial"].Match(long) }},
		{"M5/MatchLike", func() { MatchLike("arn:aws:sns:*:111122223333:*", "arn:aws:sns:us-east-1:111122223333:alerts") }},
		{"M5/MatchLikeTokens", func() { MatchLikeTokens(toks, fn+"invoice-pdf") }},
		{"M3/MatchPatternTokens", func() { MatchPatternTokens(toks, fn+"invoice-pdf", ShortPad) }},
		{"M3.2/IsARN", func() { IsARN(fn + "invoice-pdf") }},
		{"F1/KindOf", func() { KindOf(lambdaTestARN("function:invoice-pdf:PROD")) }},
	}
	for name, p := range pats {
		tests = append(tests, struct {
			name string
			f    func()
		}{"M3/Pattern.Match-" + name, func() { p.Match(fn + "invoice-pdf:PROD") }})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(50, tt.f); n != 0 {
				t.Errorf("allocations = %v, want 0", n)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// Reference matchers: direct, memoised recursive readings of rules M3 and
// M5 over decoded characters, independent of package glob.

type refAtom struct {
	ch      string // literal character; "" for a wildcard
	star    bool
	noColon bool
}

func refChars(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		_, n := utf8.DecodeRuneInString(s[i:])
		out = append(out, s[i:i+n])
		i += n
	}
	return out
}

func refGlob(atoms []refAtom, s string) bool {
	chars := refChars(s)
	memo := map[[2]int]bool{}
	var rec func(a, c int) bool
	rec = func(a, c int) bool {
		if a == len(atoms) {
			return c == len(chars)
		}
		key := [2]int{a, c}
		if v, ok := memo[key]; ok {
			return v
		}
		at := atoms[a]
		okChar := c < len(chars) && !(at.noColon && chars[c] == ":")
		var r bool
		switch {
		case at.ch != "":
			r = c < len(chars) && chars[c] == at.ch && rec(a+1, c+1)
		case at.star:
			r = rec(a+1, c) || (okChar && rec(a, c+1))
		default:
			r = okChar && rec(a+1, c+1)
		}
		memo[key] = r
		return r
	}
	return rec(0, 0)
}

// refPatternMatch applies rule M3 with short patterns padded.
func refPatternMatch(pattern, s string) bool {
	if pattern == "*" {
		return true
	}
	parts := strings.SplitN(pattern, ":", 6)
	for len(parts) < 6 {
		parts = append(parts, "*")
	}
	var atoms []refAtom
	for i, part := range parts {
		if i > 0 {
			atoms = append(atoms, refAtom{ch: ":"})
		}
		for j, c := range refChars(part) {
			switch c {
			case "*":
				final := j == len(refChars(part))-1
				atoms = append(atoms, refAtom{star: true, noColon: i < 5 && !final})
			case "?":
				atoms = append(atoms, refAtom{noColon: i < 5})
			default:
				atoms = append(atoms, refAtom{ch: c})
			}
		}
	}
	return refGlob(atoms, s)
}

// refMatchLike applies rule M5.
func refMatchLike(pattern, value string) bool {
	pp := strings.SplitN(pattern, ":", 6)
	vp := strings.SplitN(value, ":", 6)
	if len(pp) < 6 || len(vp) < 6 {
		return false
	}
	for i := range pp {
		var atoms []refAtom
		for _, c := range refChars(pp[i]) {
			switch c {
			case "*":
				atoms = append(atoms, refAtom{star: true})
			case "?":
				atoms = append(atoms, refAtom{})
			default:
				atoms = append(atoms, refAtom{ch: c})
			}
		}
		if !refGlob(atoms, vp[i]) {
			return false
		}
	}
	return true
}

func adversarialPattern(stars int) string {
	return "arn:aws:lambda:us-east-1:111122223333:function:" + strings.Repeat("*a", stars) + "*b"
}

func adversarialSubject(n int) string {
	return "arn:aws:lambda:us-east-1:111122223333:function:" + strings.Repeat("a", n)
}
