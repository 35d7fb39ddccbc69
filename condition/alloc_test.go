package condition

import (
	"testing"
	"time"
)

// allocCase is one condition whose evaluation must not allocate.
type allocCase struct {
	name   string
	op     Operator
	key    string
	values []string
	want   bool
}

func allocCases() []allocCase {
	s := func(b Base) Operator { return Operator{Base: b} }
	return []allocCase{
		{"C4.1/string-equals", s(StringEquals), "aws:PrincipalTag/team", []string{"growth", "risk"}, true},
		{"C4.1/string-not-equals", s(StringNotEquals), "aws:PrincipalOrgID", []string{"o-a1b2c3d4e5"}, false},
		{"C4.2/string-equals-ignore-case", s(StringEqualsIgnoreCase), "aws:PrincipalTag/team", []string{"RISK"}, true},
		{"C4.3/string-like", s(StringLike), "aws:userid", []string{"AROA*:build-*"}, true},
		{"D2/string-equals-variable", s(StringEquals), "aws:ResourceTag/team", []string{"${aws:PrincipalTag/team}"}, true},
		{"D2/string-like-variable", s(StringLike), "lambda:FunctionArn", []string{"arn:aws:lambda:*:*:function:${aws:PrincipalTag/team}-*"}, true},
		{"D2/string-like-default-variable", s(StringLike), "aws:ResourceTag/team", []string{"${aws:PrincipalTag/none, 'risk'}"}, true},
		{"M5/arn-like", s(ArnLike), "aws:SourceArn", []string{"arn:aws:sns:us-east-1:111122223333:*"}, true},
		{"D2/arn-like-variable", s(ArnLike), "lambda:FunctionArn", []string{"arn:aws:lambda:*:111122223333:function:${aws:PrincipalTag/team}-*"}, true},
		{"D5/arn-like-special", s(ArnLike), "aws:SourceArn", []string{"arn:aws:sns:us-east-1:111122223333:${*}"}, false},
		{"C4.4/numeric-int", s(NumericLessThan), "aws:MultiFactorAuthAge", []string{"3600"}, true},
		{"C4.4/numeric-decimal", s(NumericGreaterThan), "k:decimal", []string{"1.25"}, true},
		{"C4.4/numeric-epoch-from-time", s(NumericLessThan), "aws:EpochTime", []string{"1798761600"}, true},
		{"C4.5/date-iso", s(DateGreaterThan), "aws:TokenIssueTime", []string{"2020-01-01T00:00:00Z"}, true},
		{"C4.5/date-from-time", s(DateLessThan), "aws:CurrentTime", []string{"2027-01-01"}, true},
		{"C4.6/bool", s(Bool), "aws:SecureTransport", []string{"true"}, true},
		{"C4.7/binary", s(BinaryEquals), "aws:PrincipalTag/badge", []string{"cmlzay10ZWFt"}, true},
		{"C4.8/ip", s(IPAddress), "aws:SourceIp", []string{"198.51.100.0/24"}, true},
		{"C4.8/ipv6", s(NotIPAddress), "aws:VpcSourceIp", []string{"2001:db8::/32"}, false},
		{"C4.9/null", s(Null), "aws:TagKeys", []string{"false"}, true},
		{"C2/missing", s(StringNotEquals), "aws:PrincipalTag/absent", []string{"x"}, true},
		{"C5/for-all-values", Operator{Set: ForAllValues, Base: StringEquals}, "aws:TagKeys", []string{"team", "env"}, true},
		{"C5/for-any-value-like", Operator{Set: ForAnyValue, Base: ArnLike}, "lambda:Layer", []string{"arn:aws:lambda:*:111122223333:layer:log:*"}, true},
		{"C5/plain-on-multivalued", s(StringEquals), "aws:TagKeys", []string{"team"}, false},
	}
}

func allocContext() *Context {
	return NewContext(map[string][]string{
		"aws:PrincipalTag/team":  {"risk"},
		"aws:PrincipalTag/badge": {"cmlzay10ZWFt"},
		"aws:PrincipalOrgID":     {"o-a1b2c3d4e5"},
		"aws:ResourceTag/team":   {"risk"},
		"aws:userid":             {"AROAEXAMPLE:build-17"},
		"lambda:FunctionArn":     {"arn:aws:lambda:us-east-1:111122223333:function:risk-scorer"},
		"aws:SourceArn":          {"arn:aws:sns:us-east-1:111122223333:events"},
		"aws:MultiFactorAuthAge": {"300"},
		"k:decimal":              {"1.5"},
		"aws:TokenIssueTime":     {"2026-03-01T08:00:00Z"},
		"aws:SecureTransport":    {"true"},
		"aws:SourceIp":           {"198.51.100.23"},
		"aws:VpcSourceIp":        {"2001:db8::17"},
		"aws:TagKeys":            {"team", "env"},
		"lambda:Layer":           {"arn:aws:lambda:us-east-1:111122223333:layer:log:3"},
	})
}

// TestEvalAllocs asserts that Eval allocates nothing, per family, with
// the Env a local variable as an evaluator holds it.
func TestEvalAllocs(t *testing.T) {
	ctx := allocContext()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range allocCases() {
		c, err := Compile(tc.op, tc.key, tc.values, true, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var got bool
		allocs := testing.AllocsPerRun(100, func() {
			var env Env
			env.Ctx = ctx
			env.Time = now
			env.AddDefault("aws:principalarn", "arn:aws:iam::111122223333:role/app")
			got = c.Eval(&env)
		})
		if allocs != 0 {
			t.Errorf("%s: Eval allocates %.1f times per run", tc.name, allocs)
		}
		if got != tc.want {
			t.Errorf("%s: Eval = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestLookupAllocs(t *testing.T) {
	ctx := allocContext()
	env := &Env{Ctx: ctx, Time: time.Unix(0, 0)}
	env.AddDefault("aws:principalarn", "x")
	allocs := testing.AllocsPerRun(100, func() {
		ctx.Values("aws:tagkeys")
		ctx.Lookup("aws:sourceip")
		env.Lookup("aws:principalarn")
		env.Lookup("aws:currenttime")
	})
	if allocs != 0 {
		t.Errorf("C6/lookups with lower-case keys allocate %.1f times", allocs)
	}
	tpl, _ := ParseTemplate("arn:aws:lambda:*:*:function:${aws:PrincipalTag/team}-*", true)
	var buf [8]globToken
	allocs = testing.AllocsPerRun(100, func() {
		tpl.Expand(env, buf[:0])
	})
	if allocs != 0 {
		t.Errorf("D1/Expand into a large enough buffer allocates %.1f times", allocs)
	}
}
