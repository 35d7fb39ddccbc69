package condition

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// evalCase is one condition evaluated against one request.
type evalCase struct {
	name   string
	op     string
	key    string
	values []string
	novars bool                // the policy's Version is not 2012-10-17
	ctx    map[string][]string // NewContext; nil: no context
	multi  map[string][]string // added with SetMulti
	time   time.Time           // Env.Time
	defs   [][2]string         // Env defaults
	opts   Options
	want   bool
}

func (tc *evalCase) env() *Env {
	env := &Env{Time: tc.time}
	if tc.ctx != nil || tc.multi != nil {
		env.Ctx = NewContext(tc.ctx)
		for k, v := range tc.multi {
			env.Ctx.SetMulti(k, v)
		}
	}
	for _, d := range tc.defs {
		env.AddDefault(d[0], d[1])
	}
	return env
}

func runEvalCases(t *testing.T, cases []evalCase) {
	t.Helper()
	seen := map[string]bool{}
	for _, tc := range cases {
		if seen[tc.name] {
			t.Fatalf("duplicate case name %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			op, err := ParseOperator(tc.op)
			if err != nil {
				t.Fatalf("ParseOperator(%q): %v", tc.op, err)
			}
			c, err := Compile(op, tc.key, tc.values, !tc.novars, tc.opts)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			got := c.Eval(tc.env())
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s: Eval (-want +got):\n%s", c, diff)
			}
		})
	}
}

func one(k, v string) map[string][]string { return map[string][]string{k: {v}} }

var (
	t20260715 = time.Date(2026, 7, 15, 9, 30, 0, 0, time.UTC)
	t20260301 = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
)

func TestC1BlockValues(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "C1/positive-values-are-or-first", op: "StringEquals", key: "aws:RequestedRegion",
			values: []string{"us-east-1", "eu-west-1"}, ctx: one("aws:RequestedRegion", "us-east-1"), want: true},
		{name: "C1/positive-values-are-or-second", op: "StringEquals", key: "aws:RequestedRegion",
			values: []string{"us-east-1", "eu-west-1"}, ctx: one("aws:RequestedRegion", "eu-west-1"), want: true},
		{name: "C1/positive-values-none-match", op: "StringEquals", key: "aws:RequestedRegion",
			values: []string{"us-east-1", "eu-west-1"}, ctx: one("aws:RequestedRegion", "ap-south-1"), want: false},
		{name: "C1/negated-values-are-nor-listed-value", op: "StringNotEquals", key: "aws:RequestedRegion",
			values: []string{"us-east-1", "eu-west-1"}, ctx: one("aws:RequestedRegion", "eu-west-1"), want: false},
		{name: "C1/negated-values-are-nor-unlisted-value", op: "StringNotEquals", key: "aws:RequestedRegion",
			values: []string{"us-east-1", "eu-west-1"}, ctx: one("aws:RequestedRegion", "ap-south-1"), want: true},
		{name: "C1/negated-like-is-nor", op: "StringNotLike", key: "aws:PrincipalTag/project",
			values: []string{"risk-*", "fraud-*"}, ctx: one("aws:PrincipalTag/project", "fraud-alerts"), want: false},
		{name: "C1/negated-like-none-match", op: "StringNotLike", key: "aws:PrincipalTag/project",
			values: []string{"risk-*", "fraud-*"}, ctx: one("aws:PrincipalTag/project", "marketing-site"), want: true},
		{name: "C1/numeric-not-equals-is-nor", op: "NumericNotEquals", key: "k", values: []string{"1", "2"},
			ctx: one("k", "2"), want: false},
		{name: "C1/numeric-not-equals-unlisted", op: "NumericNotEquals", key: "k", values: []string{"1", "2"},
			ctx: one("k", "3"), want: true},
		{name: "C1/not-ip-address-is-nor", op: "NotIpAddress", key: "aws:SourceIp",
			values: []string{"10.0.0.0/8", "192.0.2.0/24"}, ctx: one("aws:SourceIp", "192.0.2.7"), want: false},
		{name: "C1/arn-not-like-is-nor", op: "ArnNotLike", key: "aws:SourceArn",
			values: []string{"arn:aws:s3:::a-*", "arn:aws:s3:::b-*"}, ctx: one("aws:SourceArn", "arn:aws:s3:::b-1"), want: false},
		{name: "C1/date-not-equals-is-nor", op: "DateNotEquals", key: "aws:CurrentTime",
			values: []string{"2026-03-01", "2026-03-02"}, time: t20260301, want: false},
		{name: "C1/empty-value-list-positive", op: "StringEquals", key: "k", values: []string{},
			ctx: one("k", "a"), want: false},
		{name: "C1/empty-value-list-negated", op: "StringNotEquals", key: "k", values: []string{},
			ctx: one("k", "a"), want: true},
	})
}

// TestC1BlockIsAnd checks that a block of several conditions is the AND
// of its Conds: the caller evaluates each and combines them.
func TestC1BlockIsAnd(t *testing.T) {
	env := &Env{Ctx: NewContext(map[string][]string{
		"aws:PrincipalTag/team": {"risk"}, "aws:ResourceTag/team": {"ledger"},
	})}
	block := []*Cond{
		MustCompile(Operator{Base: StringEquals}, "aws:PrincipalTag/team", []string{"risk"}, true, Options{}),
		MustCompile(Operator{Base: StringEquals}, "aws:ResourceTag/team", []string{"risk"}, true, Options{}),
	}
	got := []bool{block[0].Eval(env), block[1].Eval(env)}
	if diff := cmp.Diff([]bool{true, false}, got); diff != "" {
		t.Errorf("C1/two-keys-are-and (-want +got):\n%s", diff)
	}
}

// sampleValue returns a valid policy value and a request value that does
// not satisfy the positive operator, for each family.
func sampleValue(b Base) string {
	switch b.Family() {
	case FamilyNumeric:
		return "10"
	case FamilyDate:
		return "2026-01-01T00:00:00Z"
	case FamilyBool, FamilyNull:
		return "true"
	case FamilyBinary:
		return "cmlzay10ZWFt"
	case FamilyIP:
		return "203.0.113.0/24"
	case FamilyARN:
		return "arn:aws:s3:::bucket"
	}
	return "value"
}

// TestC2MissingKey generates a row of the missing-key table for every
// operator form.
func TestC2MissingKey(t *testing.T) {
	var cases []evalCase
	for _, b := range Operators() {
		if b == Null {
			continue
		}
		for _, set := range []Set{Single, ForAllValues, ForAnyValue} {
			for _, ifExists := range []bool{false, true} {
				op := Operator{Set: set, Base: b, IfExists: ifExists}
				var want bool
				switch {
				case set == ForAllValues:
					want = true
				case set == ForAnyValue:
					want = false
				case ifExists:
					want = true
				default:
					want = b.Negated()
				}
				cases = append(cases, evalCase{
					name: "C2/missing/" + op.String(), op: op.String(), key: "aws:PrincipalTag/absent",
					values: []string{sampleValue(b)}, ctx: one("aws:PrincipalTag/other", "x"), want: want,
				})
			}
		}
	}
	cases = append(cases,
		evalCase{name: "C2/missing/no-context-at-all-positive", op: "StringEquals", key: "k", values: []string{"a"}, want: false},
		evalCase{name: "C2/missing/no-context-at-all-negated", op: "StringNotEquals", key: "k", values: []string{"a"}, want: true},
		evalCase{name: "C2/present-ifexists-is-base-operator-true", op: "StringEqualsIfExists",
			key: "aws:ResourceTag/classification", values: []string{"internal"},
			ctx: one("aws:ResourceTag/classification", "internal"), want: true},
		evalCase{name: "C2/present-ifexists-is-base-operator-false", op: "StringEqualsIfExists",
			key: "aws:ResourceTag/classification", values: []string{"internal"},
			ctx: one("aws:ResourceTag/classification", "restricted"), want: false},
		evalCase{name: "C2/bool-on-missing-mfa-is-false", op: "Bool", key: "aws:MultiFactorAuthPresent",
			values: []string{"true"}, want: false},
		evalCase{name: "C2/bool-ifexists-on-missing-mfa-is-true", op: "BoolIfExists", key: "aws:MultiFactorAuthPresent",
			values: []string{"false"}, want: true},
		evalCase{name: "C2/forallvalues-empty-set", op: "ForAllValues:StringEquals", key: "aws:TagKeys",
			values: []string{"team"}, multi: map[string][]string{"aws:TagKeys": {}}, want: true},
		evalCase{name: "C2/foranyvalue-empty-set", op: "ForAnyValue:StringEquals", key: "aws:TagKeys",
			values: []string{"team"}, multi: map[string][]string{"aws:TagKeys": {}}, want: false},
		evalCase{name: "C2/foranyvalue-ifexists-empty-set", op: "ForAnyValue:StringEqualsIfExists", key: "aws:TagKeys",
			values: []string{"team"}, multi: map[string][]string{"aws:TagKeys": {}}, want: false},
	)
	runEvalCases(t, cases)
}

func TestC3VariablesInValues(t *testing.T) {
	type row struct {
		name  string
		base  Base
		value string
		vars  bool
		code  string
	}
	rows := []row{
		{"C3/string-takes-variables", StringEquals, "${aws:username}", true, ""},
		{"C3/string-like-takes-variables", StringLike, "${aws:username}-*", true, ""},
		{"C3/arn-takes-variables", ArnLike, "arn:aws:iam::*:user/${aws:username}", true, ""},
		{"C3/numeric-rejects-variables", NumericEquals, "${aws:MultiFactorAuthAge}", true, CodeVariableNotAllowed},
		{"C3/date-rejects-variables", DateLessThan, "${aws:TokenIssueTime}", true, CodeVariableNotAllowed},
		{"C3/bool-rejects-variables", Bool, "${aws:PrincipalTag/tls}", true, CodeVariableNotAllowed},
		{"C3/binary-rejects-variables", BinaryEquals, "${aws:PrincipalTag/b}", true, CodeVariableNotAllowed},
		{"C3/ip-rejects-variables", IPAddress, "${aws:PrincipalTag/net}", true, CodeVariableNotAllowed},
		{"C3/not-ip-rejects-variables", NotIPAddress, "${aws:PrincipalTag/net}", true, CodeVariableNotAllowed},
		{"C3/null-rejects-variables", Null, "${aws:PrincipalTag/x}", true, CodeVariableNotAllowed},
		{"C3/special-variable-rejected-in-numeric", NumericEquals, "1${$}", true, CodeVariableNotAllowed},
		{"C3/old-version-bool-is-plain-bad-value", Bool, "${aws:PrincipalTag/tls}", false, CodeInvalidBool},
		{"C3/old-version-numeric-is-plain-bad-value", NumericEquals, "${x}", false, CodeInvalidNumber},
		{"C3/string-malformed-variable", StringEquals, "${aws:username", true, CodeInvalidVariable},
		{"C3/old-version-malformed-variable-is-text", StringEquals, "${aws:username", false, ""},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			got := errCode(CheckValue(r.base, r.value, r.vars))
			if diff := cmp.Diff(r.code, got); diff != "" {
				t.Errorf("CheckValue code (-want +got):\n%s", diff)
			}
			_, err := Compile(Operator{Base: r.base}, "k", []string{r.value}, r.vars, Options{})
			if diff := cmp.Diff(r.code, errCode(err)); diff != "" {
				t.Errorf("Compile code (-want +got):\n%s", diff)
			}
		})
	}
}

func errCode(err error) string {
	if err == nil {
		return ""
	}
	var ve *ValueError
	if !errors.As(err, &ve) {
		return fmt.Sprintf("not a *ValueError: %T", err)
	}
	return ve.Code
}

func TestC4String(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "C4.1/equals-exact", op: "StringEquals", key: "aws:PrincipalTag/team", values: []string{"risk"},
			ctx: one("aws:PrincipalTag/team", "risk"), want: true},
		{name: "C4.1/equals-is-case-sensitive", op: "StringEquals", key: "aws:ResourceTag/stage", values: []string{"Prod"},
			ctx: one("aws:ResourceTag/stage", "prod"), want: false},
		{name: "C4.1/equals-star-is-literal", op: "StringEquals", key: "aws:ResourceTag/stage", values: []string{"*"},
			ctx: one("aws:ResourceTag/stage", "prod"), want: false},
		{name: "C4.1/equals-star-matches-a-star", op: "StringEquals", key: "aws:ResourceTag/stage", values: []string{"*"},
			ctx: one("aws:ResourceTag/stage", "*"), want: true},
		{name: "C4.1/equals-no-prefix-match", op: "StringEquals", key: "k", values: []string{"ab"},
			ctx: one("k", "abc"), want: false},
		{name: "C4.1/equals-empty-string", op: "StringEquals", key: "k", values: []string{""},
			ctx: one("k", ""), want: true},
		{name: "C4.1/not-equals-differs", op: "StringNotEquals", key: "aws:PrincipalOrgID", values: []string{"o-a1b2c3d4e5"},
			ctx: one("aws:PrincipalOrgID", "o-zzzzzzzzzz"), want: true},
		{name: "C4.1/not-equals-same", op: "StringNotEquals", key: "aws:PrincipalOrgID", values: []string{"o-a1b2c3d4e5"},
			ctx: one("aws:PrincipalOrgID", "o-a1b2c3d4e5"), want: false},
		{name: "C4.2/ignore-case-upper-policy", op: "StringEqualsIgnoreCase", key: "aws:ResourceTag/stage",
			values: []string{"PROD"}, ctx: one("aws:ResourceTag/stage", "prod"), want: true},
		{name: "C4.2/ignore-case-different-text", op: "StringEqualsIgnoreCase", key: "k",
			values: []string{"PROD"}, ctx: one("k", "prod2"), want: false},
		{name: "C4.2/ignore-case-simple-folding-kelvin", op: "StringEqualsIgnoreCase", key: "k",
			values: []string{"\u212a"}, ctx: one("k", "k"), want: true},
		{name: "C4.2/ignore-case-no-full-folding", op: "StringEqualsIgnoreCase", key: "k",
			values: []string{"STRASSE"}, ctx: one("k", "straße"), want: false},
		{name: "C4.2/ignore-case-invalid-utf8-by-value", op: "StringEqualsIgnoreCase", key: "k",
			values: []string{"a\xff"}, ctx: one("k", "a\xfe"), want: false},
		{name: "C4.2/not-equals-ignore-case-case-variant", op: "StringNotEqualsIgnoreCase", key: "aws:ResourceTag/stage",
			values: []string{"production"}, ctx: one("aws:ResourceTag/stage", "PRODUCTION"), want: false},
		{name: "C4.2/not-equals-ignore-case-other", op: "StringNotEqualsIgnoreCase", key: "aws:ResourceTag/stage",
			values: []string{"production"}, ctx: one("aws:ResourceTag/stage", "staging"), want: true},
		{name: "C4.3/like-star", op: "StringLike", key: "lambda:FunctionArn",
			values: []string{"arn:aws:lambda:*:*:function:intern-*"},
			ctx:    one("lambda:FunctionArn", "arn:aws:lambda:us-east-1:111122223333:function:intern-bob"), want: true},
		{name: "C4.3/like-star-no-match", op: "StringLike", key: "lambda:FunctionArn",
			values: []string{"arn:aws:lambda:*:*:function:intern-*"},
			ctx:    one("lambda:FunctionArn", "arn:aws:lambda:us-east-1:111122223333:function:payroll"), want: false},
		{name: "C4.3/like-star-spans-colons", op: "StringLike", key: "aws:SourceArn",
			values: []string{"arn:aws:someservice:*:111122223333:finance/*"},
			ctx:    one("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: true},
		{name: "C4.3/like-quest-one-char", op: "StringLike", key: "k", values: []string{"v?"},
			ctx: one("k", "v1"), want: true},
		{name: "C4.3/like-quest-not-two", op: "StringLike", key: "k", values: []string{"v?"},
			ctx: one("k", "v12"), want: false},
		{name: "C4.3/like-is-case-sensitive", op: "StringLike", key: "k", values: []string{"Team-*"},
			ctx: one("k", "team-a"), want: false},
		{name: "C4.3/like-is-anchored", op: "StringLike", key: "k", values: []string{"team"},
			ctx: one("k", "my-team"), want: false},
		{name: "C4.3/not-like-no-pattern-matches", op: "StringNotLike", key: "k", values: []string{"risk-*"},
			ctx: one("k", "marketing"), want: true},
		{name: "M5/arn-like-per-component", op: "ArnLike", key: "aws:SourceArn",
			values: []string{"arn:aws:someservice:*:111122223333:finance/*"},
			ctx:    one("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: false},
		{name: "M5/arn-like-matches", op: "ArnLike", key: "AWS:SourceArn", values: []string{"arn:aws:s3:::txn-*"},
			ctx: one("aws:sourcearn", "arn:aws:s3:::txn-exports"), want: true},
		{name: "M5/arn-equals-takes-wildcards", op: "ArnEquals", key: "aws:SourceArn", values: []string{"arn:aws:sns:us-east-1:111122223333:*"},
			ctx: one("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:txn-events"), want: true},
		{name: "M5/arn-not-like-on-other-account", op: "ArnNotLike", key: "aws:SourceArn", values: []string{"arn:aws:sns:us-east-1:111122223333:*"},
			ctx: one("aws:SourceArn", "arn:aws:sns:us-east-1:444455556666:txn-events"), want: true},
		{name: "M5/arn-like-not-an-arn", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:s3:::*"},
			ctx: one("aws:SourceArn", "bucket"), want: false},
	})
}

func TestC4Numeric(t *testing.T) {
	n := func(name, op, policy, req string, want bool) evalCase {
		return evalCase{name: name, op: op, key: "aws:MultiFactorAuthAge", values: []string{policy},
			ctx: one("aws:MultiFactorAuthAge", req), want: want}
	}
	runEvalCases(t, []evalCase{
		n("C4.4/less-than-is-strict", "NumericLessThan", "3600", "3600", false),
		n("C4.4/less-than", "NumericLessThan", "3600", "3599", true),
		n("C4.4/less-than-equals-boundary", "NumericLessThanEquals", "3600", "3600", true),
		n("C4.4/greater-than", "NumericGreaterThan", "10", "11", true),
		n("C4.4/greater-than-is-strict", "NumericGreaterThan", "10", "10", false),
		n("C4.4/greater-than-equals", "NumericGreaterThanEquals", "10", "10", true),
		n("C4.4/equals-decimal-and-integer", "NumericEquals", "300.0", "300", true),
		n("C4.4/equals-leading-zeros", "NumericEquals", "300", "000300.000", true),
		n("C4.4/equals-plus-sign", "NumericEquals", "+5", "5", true),
		n("C4.4/negative-zero-is-zero", "NumericEquals", "-0", "0.0", true),
		n("C4.4/negative-less", "NumericLessThan", "-1.5", "-2", true),
		n("C4.4/negative-fraction-floor", "NumericGreaterThan", "-1.5", "-1", true),
		n("C4.4/exact-beyond-float64", "NumericGreaterThan", "0.30000000000000000001", "0.3", false),
		n("C4.4/exact-beyond-float64-greater", "NumericGreaterThan", "0.30000000000000000001", "0.30000000000000000002", true),
		n("C4.4/exact-integer-beyond-float64", "NumericEquals", "9007199254740993", "9007199254740992", false),
		n("C4.4/beyond-int64-policy", "NumericLessThan", "99999999999999999999", "9223372036854775807", true),
		n("C4.4/beyond-int64-request", "NumericGreaterThan", "9223372036854775807", "9223372036854775808", true),
		n("C4.4/below-int64-policy", "NumericGreaterThan", "-99999999999999999999", "-9223372036854775807", true),
		n("C4.4/fraction-vs-int-fast-path", "NumericLessThan", "10.5", "10", true),
		n("C4.4/fraction-vs-int-fast-path-above", "NumericLessThan", "10.5", "11", false),
		n("C4.4/request-not-a-number", "NumericLessThan", "3600", "recent", false),
		n("C4.4/request-not-a-number-negated", "NumericNotEquals", "3600", "recent", false),
		n("C4.4/request-exponent-not-a-number", "NumericEquals", "1000", "1e3", false),
		n("C4.4/request-with-space-not-a-number", "NumericEquals", "10", " 10", false),
		n("C4.4/request-empty-not-a-number", "NumericEquals", "0", "", false),
		{name: "C4.4/epoch-time-from-env", op: "NumericLessThan", key: "aws:EpochTime", values: []string{"1798761600"},
			time: t20260301, want: true},
		{name: "C4.4/epoch-time-from-context", op: "NumericLessThan", key: "aws:EpochTime", values: []string{"1798761600"},
			ctx: one("aws:EpochTime", "1767225600"), want: true},
		{name: "C4.4/current-time-text-is-not-a-number", op: "NumericGreaterThan", key: "aws:CurrentTime", values: []string{"0"},
			time: t20260301, want: false},
	})
}

func TestC4Date(t *testing.T) {
	d := func(name, op, policy, req string, want bool) evalCase {
		return evalCase{name: name, op: op, key: "aws:CurrentTime", values: []string{policy},
			ctx: one("aws:CurrentTime", req), want: want}
	}
	runEvalCases(t, []evalCase{
		d("C4.5/greater-than-iso", "DateGreaterThan", "2026-07-01T00:00:00Z", "2026-07-15T09:30:00Z", true),
		d("C4.5/equals-across-offsets", "DateEquals", "2026-03-01T10:00:00+02:00", "2026-03-01T08:00:00Z", true),
		d("C4.5/equals-negative-offset", "DateEquals", "2026-02-28T19:00:00-05:00", "2026-03-01T00:00:00Z", true),
		d("C4.5/epoch-policy-iso-request", "DateLessThan", "1798761600", "2026-03-01T00:00:00Z", true),
		d("C4.5/iso-policy-epoch-request", "DateGreaterThan", "2026-01-01T00:00:00Z", "1798761600", true),
		d("C4.5/all-digits-is-epoch-not-year", "DateGreaterThan", "2024", "1971-01-01T00:00:00Z", true),
		d("C4.5/date-only-is-midnight-utc", "DateEquals", "2026-03-01", "2026-03-01T00:00:00Z", true),
		d("C4.5/year-month-is-first-day", "DateEquals", "2026-03", "2026-03-01T00:00:00Z", true),
		d("C4.5/minutes-only", "DateEquals", "2026-03-01T00:00Z", "2026-03-01T00:00:00Z", true),
		d("C4.5/fraction-compared", "DateLessThan", "2026-03-01T00:00:00.5Z", "2026-03-01T00:00:00.25Z", true),
		d("C4.5/fraction-equal-instant", "DateEquals", "2026-03-01T00:00:00.500Z", "2026-03-01T00:00:00.5Z", true),
		d("C4.5/less-than-equals-boundary", "DateLessThanEquals", "2026-03-01", "2026-03-01T00:00:00Z", true),
		d("C4.5/greater-than-equals-after", "DateGreaterThanEquals", "2026-03-01", "2026-03-01T00:00:01Z", true),
		d("C4.5/not-equals", "DateNotEquals", "2026-03-01", "2026-03-02", true),
		d("C4.5/request-unparseable", "DateLessThan", "2026-03-01", "yesterday", false),
		d("C4.5/request-unparseable-negated", "DateNotEquals", "2026-03-01", "yesterday", false),
		d("C4.5/request-fractional-epoch-unparseable", "DateLessThan", "2026-03-01", "1767225600.5", false),
		{name: "C4.5/env-time-feeds-current-time", op: "DateGreaterThan", key: "aws:CurrentTime",
			values: []string{"2026-07-01T00:00:00Z"}, time: t20260715, want: true},
		{name: "C4.5/env-time-feeds-epoch-time", op: "DateLessThan", key: "aws:EpochTime",
			values: []string{"1798761600"}, time: t20260301, want: true},
		{name: "C4.5/context-overrides-env-time", op: "DateGreaterThan", key: "aws:CurrentTime",
			values: []string{"2026-07-01T00:00:00Z"}, time: t20260715, ctx: one("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: false},
		{name: "C4.5/env-time-truncated-to-second", op: "DateEquals", key: "aws:CurrentTime",
			values: []string{"2026-03-01T00:00:00Z"}, time: t20260301.Add(999 * time.Millisecond), want: true},
		{name: "C4.5/zero-env-time-is-absent", op: "DateGreaterThan", key: "aws:CurrentTime",
			values: []string{"2026-07-01T00:00:00Z"}, want: false},
		{name: "C4.5/token-issue-time", op: "DateGreaterThan", key: "aws:TokenIssueTime",
			values: []string{"2020-01-01T00:00:01Z"}, ctx: one("aws:TokenIssueTime", "2020-01-01T00:00:02Z"), want: true},
		{name: "G.33/epoch-seconds-not-milliseconds", op: "DateLessThan", key: "aws:EpochTime",
			values: []string{"1798761600"}, ctx: one("aws:EpochTime", "1767225600"), want: true},
		{name: "G.33/milliseconds-read-as-seconds-are-far-future", op: "DateLessThan", key: "aws:EpochTime",
			values: []string{"1798761600"}, ctx: one("aws:EpochTime", "1767225600000"), want: false},
	})
}

func TestC4BoolBinaryNull(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "C4.6/bool-false-matches-false", op: "Bool", key: "aws:SecureTransport", values: []string{"false"},
			ctx: one("aws:SecureTransport", "false"), want: true},
		{name: "C4.6/bool-true-vs-false", op: "Bool", key: "aws:SecureTransport", values: []string{"true"},
			ctx: one("aws:SecureTransport", "false"), want: false},
		{name: "C4.6/bool-policy-case-insensitive", op: "Bool", key: "aws:SecureTransport", values: []string{"TRUE"},
			ctx: one("aws:SecureTransport", "true"), want: true},
		{name: "C4.6/bool-request-case-insensitive", op: "Bool", key: "aws:SecureTransport", values: []string{"true"},
			ctx: one("aws:SecureTransport", "True"), want: true},
		{name: "C4.6/bool-request-not-a-bool", op: "Bool", key: "aws:SecureTransport", values: []string{"true"},
			ctx: one("aws:SecureTransport", "yes"), want: false},
		{name: "C4.6/bool-both-values", op: "Bool", key: "aws:SecureTransport", values: []string{"true", "false"},
			ctx: one("aws:SecureTransport", "false"), want: true},
		{name: "G.34/coerced-json-false-is-valid", op: "Bool", key: "aws:SecureTransport", values: []string{"false"},
			ctx: one("aws:SecureTransport", "FALSE"), want: true},
		{name: "C4.7/binary-equal-bytes", op: "BinaryEquals", key: "aws:PrincipalTag/badge", values: []string{"cmlzay10ZWFt"},
			ctx: one("aws:PrincipalTag/badge", "cmlzay10ZWFt"), want: true},
		{name: "C4.7/binary-different-bytes", op: "BinaryEquals", key: "aws:PrincipalTag/badge", values: []string{"cmlzay10ZWFt"},
			ctx: one("aws:PrincipalTag/badge", "bGVkZ2Vy"), want: false},
		{name: "C4.7/binary-padding", op: "BinaryEquals", key: "k", values: []string{"YQ=="},
			ctx: one("k", "YQ=="), want: true},
		{name: "C4.7/binary-request-not-base64", op: "BinaryEquals", key: "k", values: []string{"YQ=="},
			ctx: one("k", "a"), want: false},
		{name: "C4.7/binary-prefix-is-not-equal", op: "BinaryEquals", key: "k", values: []string{"YWJj"},
			ctx: one("k", "YWI="), want: false},
		{name: "C4.9/null-true-absent", op: "Null", key: "aws:RequestTag/cost-center", values: []string{"true"},
			ctx: one("aws:RequestTag/team", "risk"), want: true},
		{name: "C4.9/null-true-present", op: "Null", key: "aws:RequestTag/team", values: []string{"true"},
			ctx: one("aws:RequestTag/team", "risk"), want: false},
		{name: "C4.9/null-false-present", op: "Null", key: "aws:RequestTag/team", values: []string{"false"},
			ctx: one("aws:RequestTag/team", "risk"), want: true},
		{name: "C4.9/null-false-absent", op: "Null", key: "aws:RequestTag/team", values: []string{"false"}, want: false},
		{name: "C4.9/null-empty-set-is-absent", op: "Null", key: "aws:TagKeys", values: []string{"false"},
			multi: map[string][]string{"aws:TagKeys": {}}, want: false},
		{name: "C4.9/null-true-on-empty-set", op: "Null", key: "aws:TagKeys", values: []string{"true"},
			multi: map[string][]string{"aws:TagKeys": {}}, want: true},
		{name: "C4.9/null-empty-set-present-option", op: "Null", key: "aws:TagKeys", values: []string{"false"},
			multi: map[string][]string{"aws:TagKeys": {}}, opts: Options{NullEmptySetPresent: true}, want: true},
		{name: "C4.9/null-empty-string-is-present", op: "Null", key: "aws:RequestTag/team", values: []string{"false"},
			ctx: one("aws:RequestTag/team", ""), want: true},
		{name: "C4.9/null-non-empty-set-present", op: "Null", key: "aws:TagKeys", values: []string{"false"},
			multi: map[string][]string{"aws:TagKeys": {"team"}}, want: true},
		{name: "C4.9/null-env-time-present", op: "Null", key: "aws:CurrentTime", values: []string{"false"},
			time: t20260301, want: true},
		{name: "C4.9/null-default-present", op: "Null", key: "aws:PrincipalArn", values: []string{"false"},
			defs: [][2]string{{"aws:principalarn", "arn:aws:iam::111122223333:user/mei"}}, want: true},
	})
}

func TestC4IP(t *testing.T) {
	ip := func(name, op string, policy []string, req string, opts Options, want bool) evalCase {
		return evalCase{name: name, op: op, key: "aws:SourceIp", values: policy,
			ctx: one("aws:SourceIp", req), opts: opts, want: want}
	}
	none := Options{}
	runEvalCases(t, []evalCase{
		ip("C4.8/inside-cidr", "IpAddress", []string{"198.51.100.0/24", "192.0.2.0/25"}, "198.51.100.23", none, true),
		ip("C4.8/outside-cidr", "IpAddress", []string{"198.51.100.0/24", "192.0.2.0/25"}, "192.0.2.200", none, false),
		ip("C4.8/ipv6-cidr", "IpAddress", []string{"2001:DB8:1234:5678::/64"}, "2001:db8:1234:5678::abcd", none, true),
		ip("C4.8/ipv6-outside", "IpAddress", []string{"2001:DB8:1234:5678::/64"}, "2001:db8:1234:5679::1", none, false),
		ip("C4.8/ipv4-never-in-ipv6-cidr", "IpAddress", []string{"::/0"}, "198.51.100.23", none, false),
		ip("C4.8/ipv6-never-in-ipv4-cidr", "IpAddress", []string{"0.0.0.0/0"}, "2001:db8::1", none, false),
		ip("C4.8/slash-zero-matches-every-ipv4", "IpAddress", []string{"0.0.0.0/0"}, "203.0.113.9", none, true),
		ip("C4.8/bare-ipv4-is-slash-32", "IpAddress", []string{"203.0.113.9"}, "203.0.113.9", none, true),
		ip("C4.8/bare-ipv4-not-neighbour", "IpAddress", []string{"203.0.113.9"}, "203.0.113.10", none, false),
		ip("C4.8/bare-ipv6-is-slash-128", "IpAddress", []string{"2001:db8::1"}, "2001:db8::2", none, false),
		ip("C4.8/bare-ipv6-slash-32-option", "IpAddress", []string{"2001:db8::1"}, "2001:db8::2", Options{BareIPv6Slash32: true}, true),
		ip("C4.8/host-bits-masked", "IpAddress", []string{"203.0.113.5/24"}, "203.0.113.200", none, true),
		ip("C4.8/not-ip-other-family-bare", "NotIpAddress", []string{"2001:db8::1"}, "203.0.113.9", none, true),
		ip("C4.8/not-ip-other-family-cidr", "NotIpAddress", []string{"0.0.0.0/0"}, "2001:db8::1", none, true),
		ip("C4.8/not-ip-inside", "NotIpAddress", []string{"198.51.100.0/24"}, "198.51.100.1", none, false),
		ip("C4.8/mapped-ipv6-not-in-ipv4-prefix", "IpAddress", []string{"198.51.100.0/24"}, "::ffff:198.51.100.23", none, false),
		ip("C4.8/mapped-ipv6-unmap-option", "IpAddress", []string{"198.51.100.0/24"}, "::ffff:198.51.100.23", Options{UnmapIPv4Mapped: true}, true),
		ip("C4.8/mapped-ipv6-in-mapped-prefix", "IpAddress", []string{"::ffff:0:0/96"}, "::ffff:198.51.100.23", none, true),
		ip("C4.8/zoned-request-matches-nothing", "IpAddress", []string{"fe80::/10"}, "fe80::1%eth0", none, false),
		ip("C4.8/request-not-an-address", "IpAddress", []string{"0.0.0.0/0"}, "localhost", none, false),
		ip("C4.8/request-not-an-address-negated", "NotIpAddress", []string{"10.0.0.0/8"}, "localhost", none, false),
		ip("C4.8/request-cidr-is-not-an-address", "IpAddress", []string{"10.0.0.0/8"}, "10.0.0.0/8", none, false),
		{name: "C4.8/not-ip-missing-source-ip-vpce", op: "NotIpAddress", key: "aws:SourceIp",
			values: []string{"198.51.100.0/24"}, ctx: one("aws:SourceVpce", "vpce-0a1b2c3d4e5f60718"), want: true},
		{name: "G.24/ip-address-missing-source-ip", op: "IpAddress", key: "aws:SourceIp",
			values: []string{"198.51.100.0/24"}, ctx: one("aws:SourceVpce", "vpce-0a1b2c3d4e5f60718"), want: false},
	})
}

func TestC4IfExists(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "C4.10/numeric-ifexists-present", op: "NumericLessThanIfExists", key: "aws:MultiFactorAuthAge",
			values: []string{"3600"}, ctx: one("aws:MultiFactorAuthAge", "7200"), want: false},
		{name: "C4.10/numeric-ifexists-missing", op: "NumericLessThanIfExists", key: "aws:MultiFactorAuthAge",
			values: []string{"3600"}, want: true},
		{name: "C4.10/ip-ifexists-present-outside", op: "IpAddressIfExists", key: "aws:SourceIp",
			values: []string{"10.0.0.0/8"}, ctx: one("aws:SourceIp", "192.0.2.1"), want: false},
		{name: "C4.10/arn-like-ifexists-missing", op: "ArnLikeIfExists", key: "aws:SourceArn",
			values: []string{"arn:aws:s3:::x"}, want: true},
		{name: "C4.10/forallvalues-ifexists-present-is-forallvalues", op: "ForAllValues:StringLikeIfExists", key: "aws:TagKeys",
			values: []string{"team*"}, multi: map[string][]string{"aws:TagKeys": {"team", "cost"}}, want: false},
		{name: "C4.10/forallvalues-ifexists-present-all-match", op: "ForAllValues:StringLikeIfExists", key: "aws:TagKeys",
			values: []string{"team*"}, multi: map[string][]string{"aws:TagKeys": {"team", "teamlead"}}, want: true},
		{name: "C4.10/foranyvalue-ifexists-present", op: "ForAnyValue:StringEqualsIfExists", key: "aws:TagKeys",
			values: []string{"project"}, multi: map[string][]string{"aws:TagKeys": {"project"}}, want: true},
		{name: "C4.10/negated-ifexists-present", op: "StringNotEqualsIfExists", key: "aws:PrincipalTag/clearance",
			values: []string{"fraud"}, ctx: one("aws:PrincipalTag/clearance", "fraud"), want: false},
	})
}

func TestC5SetOperators(t *testing.T) {
	tags := func(keys ...string) map[string][]string { return map[string][]string{"aws:TagKeys": keys} }
	allowed := []string{"team", "env", "owner"}
	runEvalCases(t, []evalCase{
		{name: "C5/forallvalues-subset", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: allowed,
			multi: tags("team", "env"), want: true},
		{name: "C5/forallvalues-one-not-allowed", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: allowed,
			multi: tags("team", "billing"), want: false},
		{name: "C5/forallvalues-missing", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: allowed, want: true},
		{name: "C5/forallvalues-empty", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: allowed,
			multi: tags(), want: true},
		{name: "C5/foranyvalue-one-matches", op: "ForAnyValue:StringEquals", key: "aws:TagKeys",
			values: []string{"aws-reserved", "owner"}, multi: tags("env", "owner"), want: true},
		{name: "C5/foranyvalue-none-matches", op: "ForAnyValue:StringEquals", key: "aws:TagKeys",
			values: []string{"aws-reserved", "owner"}, multi: tags("env", "team"), want: false},
		{name: "C5/foranyvalue-missing", op: "ForAnyValue:StringEquals", key: "aws:TagKeys",
			values: []string{"aws-reserved", "owner"}, want: false},
		{name: "C5/forallvalues-not-equals-is-nor", op: "ForAllValues:StringNotEquals", key: "aws:TagKeys",
			values: []string{"owner", "billing"}, multi: tags("team", "env"), want: true},
		{name: "C5/forallvalues-not-equals-one-listed", op: "ForAllValues:StringNotEquals", key: "aws:TagKeys",
			values: []string{"owner", "billing"}, multi: tags("team", "billing"), want: false},
		{name: "C5/foranyvalue-not-equals-some-unlisted", op: "ForAnyValue:StringNotEquals", key: "aws:TagKeys",
			values: []string{"owner", "team"}, multi: tags("owner", "costcenter"), want: true},
		{name: "C5/foranyvalue-not-equals-all-listed", op: "ForAnyValue:StringNotEquals", key: "aws:TagKeys",
			values: []string{"owner", "team"}, multi: tags("owner", "team"), want: false},
		{name: "C5/forallvalues-like-layers", op: "ForAllValues:ArnLike", key: "lambda:Layer",
			values: []string{"arn:aws:lambda:*:111122223333:layer:*:*"},
			multi:  map[string][]string{"lambda:Layer": {"arn:aws:lambda:us-east-1:111122223333:layer:log:3", "arn:aws:lambda:us-east-1:444455556666:layer:x:1"}}, want: false},
		{name: "C5/forallvalues-numeric", op: "ForAllValues:NumericLessThan", key: "k", values: []string{"10"},
			multi: map[string][]string{"k": {"1", "9"}}, want: true},
		{name: "C5/forallvalues-unparseable-member-fails", op: "ForAllValues:NumericLessThan", key: "k", values: []string{"10"},
			multi: map[string][]string{"k": {"1", "x"}}, want: false},
		{name: "C5/set-operator-on-single-value", op: "ForAnyValue:StringEquals", key: "aws:PrincipalTag/team",
			values: []string{"risk"}, ctx: one("aws:PrincipalTag/team", "risk"), want: true},
		{name: "C5/one-element-list-of-known-multivalued-key", op: "ForAllValues:StringEquals", key: "aws:CalledVia",
			values: []string{"cloudformation.amazonaws.com"}, ctx: one("aws:CalledVia", "cloudformation.amazonaws.com"), want: true},
		// Plain operators on multivalued keys ([U]).
		{name: "C5/plain-positive-on-multivalued-no-match", op: "StringEquals", key: "aws:TagKeys",
			values: []string{"team"}, multi: tags("team"), want: false},
		{name: "C5/plain-negated-on-multivalued-no-match", op: "StringNotEquals", key: "aws:TagKeys",
			values: []string{"team"}, multi: tags("env"), want: false},
		{name: "C5/plain-ifexists-on-multivalued-no-match", op: "StringEqualsIfExists", key: "aws:TagKeys",
			values: []string{"team"}, multi: tags("team"), want: false},
		{name: "C5/plain-on-builtin-multivalued-key-given-once", op: "StringEquals", key: "aws:CalledVia",
			values: []string{"cloudformation.amazonaws.com"}, ctx: one("aws:CalledVia", "cloudformation.amazonaws.com"), want: false},
		{name: "C5/plain-on-single-valued-sibling-key", op: "StringEquals", key: "aws:CalledViaLast",
			values: []string{"cloudformation.amazonaws.com"}, ctx: one("aws:CalledViaLast", "cloudformation.amazonaws.com"), want: true},
		{name: "C5/plain-on-unknown-key-given-as-list", op: "StringEquals", key: "k", values: []string{"a"},
			ctx: map[string][]string{"k": {"a", "b"}}, want: false},
		{name: "C5/plain-any-value-option", op: "StringEquals", key: "aws:TagKeys", values: []string{"team"},
			multi: tags("env", "team"), opts: Options{PlainOnMultivalued: MultiAnyValue}, want: true},
		{name: "C5/plain-any-value-option-empty", op: "StringNotEquals", key: "aws:TagKeys", values: []string{"team"},
			multi: tags(), opts: Options{PlainOnMultivalued: MultiAnyValue}, want: false},
		{name: "C5/plain-single-value-option-one", op: "StringEquals", key: "aws:TagKeys", values: []string{"team"},
			multi: tags("team"), opts: Options{PlainOnMultivalued: MultiSingleValue}, want: true},
		{name: "C5/plain-single-value-option-two", op: "StringEquals", key: "aws:TagKeys", values: []string{"team"},
			multi: tags("team", "team"), opts: Options{PlainOnMultivalued: MultiSingleValue}, want: false},
		{name: "C5/multivalued-option-declares-key", op: "StringEquals", key: "aws:CalledViaFirst",
			values: []string{"x"}, ctx: map[string][]string{"aws:CalledViaFirst": {"x"}},
			opts: Options{Multivalued: func(k string) bool { return k == "aws:calledviafirst" }}, want: false},
		{name: "C5/multivalued-option-single-key", op: "StringEquals", key: "aws:TagKeys",
			values: []string{"x"}, ctx: nil, defs: [][2]string{{"aws:tagkeys", "x"}},
			opts: Options{Multivalued: func(string) bool { return false }}, want: true},
	})
}

func TestC6KeyCase(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "C6/key-prefix-case", op: "StringEquals", key: "AWS:SourceAccount", values: []string{"111122223333"},
			ctx: one("aws:sourceaccount", "111122223333"), want: true},
		{name: "C6/tag-key-part-case", op: "StringEquals", key: "aws:ResourceTag/Env", values: []string{"prod"},
			ctx: one("aws:ResourceTag/env", "prod"), want: true},
		{name: "C6/context-key-upper", op: "StringEquals", key: "aws:resourcetag/env", values: []string{"prod"},
			ctx: one("AWS:RESOURCETAG/ENV", "prod"), want: true},
		{name: "C6/null-key-case", op: "Null", key: "AWS:RequestTag/Team", values: []string{"false"},
			ctx: one("aws:requesttag/team", "x"), want: true},
		{name: "C6/default-key-case", op: "StringEquals", key: "AWS:PrincipalArn", values: []string{"arn:aws:iam::1:user/a"},
			defs: [][2]string{{"aws:principalarn", "arn:aws:iam::1:user/a"}}, want: true},
		{name: "G.20/values-stay-case-sensitive", op: "StringEquals", key: "aws:ResourceTag/stage", values: []string{"Prod"},
			ctx: one("AWS:RESOURCETAG/STAGE", "prod"), want: false},
		{name: "G.20/same-key-both-spellings", op: "StringEquals", key: "aws:SourceAccount", values: []string{"111122223333"},
			ctx: one("AWS:SOURCEACCOUNT", "111122223333"), want: true},
	})
}

func TestDVariables(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "D1/variable-substituted", op: "StringEquals", key: "aws:ResourceTag/owner",
			values: []string{"${aws:username}"}, ctx: map[string][]string{"aws:username": {"alice"}, "aws:ResourceTag/owner": {"alice"}}, want: true},
		{name: "D1/old-version-variable-is-literal", op: "StringEquals", key: "aws:ResourceTag/owner", novars: true,
			values: []string{"${aws:username}"}, ctx: map[string][]string{"aws:username": {"alice"}, "aws:ResourceTag/owner": {"alice"}}, want: false},
		{name: "D1/old-version-matches-literal-text", op: "StringEquals", key: "aws:ResourceTag/owner", novars: true,
			values: []string{"${aws:username}"}, ctx: map[string][]string{"aws:username": {"alice"}, "aws:ResourceTag/owner": {"${aws:username}"}}, want: true},
		{name: "D1/old-version-special-is-literal", op: "StringLike", key: "k", novars: true,
			values: []string{"a${*}"}, ctx: one("k", "a${*}"), want: true},
		{name: "D1/variable-key-case-insensitive", op: "StringLike", key: "aws:userid",
			values: []string{"${AWS:UserName}-*"}, ctx: map[string][]string{"aws:username": {"alice"}, "aws:userid": {"alice-1"}}, want: true},
		{name: "D1/variable-in-like-prefix", op: "StringLike", key: "lambda:FunctionArn",
			values: []string{"arn:aws:lambda:*:111122223333:function:${aws:username}-*"},
			ctx:    map[string][]string{"aws:username": {"alice"}, "lambda:FunctionArn": {"arn:aws:lambda:us-east-1:111122223333:function:bob-x"}}, want: false},
		{name: "D2/abac-equal-tags", op: "StringEquals", key: "aws:ResourceTag/team", values: []string{"${aws:PrincipalTag/team}"},
			ctx: map[string][]string{"aws:PrincipalTag/team": {"ledger"}, "aws:ResourceTag/team": {"ledger"}}, want: true},
		{name: "D2/abac-different-tags", op: "StringEquals", key: "aws:ResourceTag/team", values: []string{"${aws:PrincipalTag/team}"},
			ctx: map[string][]string{"aws:PrincipalTag/team": {"growth"}, "aws:ResourceTag/team": {"ledger"}}, want: false},
		{name: "D2/variable-in-arn-like", op: "ArnLike", key: "lambda:FunctionArn",
			values: []string{"arn:aws:lambda:*:111122223333:function:${aws:PrincipalTag/team}-*"},
			ctx:    map[string][]string{"aws:PrincipalTag/team": {"ledger"}, "lambda:FunctionArn": {"arn:aws:lambda:us-east-1:111122223333:function:ledger-sqs-consumer"}}, want: true},
		{name: "D2/variable-in-arn-like-other-team", op: "ArnLike", key: "lambda:FunctionArn",
			values: []string{"arn:aws:lambda:*:111122223333:function:${aws:PrincipalTag/team}-*"},
			ctx:    map[string][]string{"aws:PrincipalTag/team": {"growth"}, "lambda:FunctionArn": {"arn:aws:lambda:us-east-1:111122223333:function:ledger-sqs-consumer"}}, want: false},
		{name: "D2/principal-account-variable", op: "StringEquals", key: "aws:ResourceAccount", values: []string{"${aws:PrincipalAccount}"},
			ctx: map[string][]string{"aws:PrincipalAccount": {"111122223333"}, "aws:ResourceAccount": {"111122223333"}}, want: true},
		{name: "D2/variable-from-env-default", op: "StringEquals", key: "aws:ResourceTag/owner", values: []string{"${aws:username}"},
			ctx: one("aws:ResourceTag/owner", "mei"), defs: [][2]string{{"aws:username", "mei"}}, want: true},
		{name: "D2/variable-ignore-case", op: "StringEqualsIgnoreCase", key: "aws:ResourceTag/owner", values: []string{"team-${aws:username}"},
			ctx: map[string][]string{"aws:username": {"Alice"}, "aws:ResourceTag/owner": {"TEAM-alice"}}, want: true},
		{name: "D2/multivalued-key-as-variable-unresolved", op: "StringEquals", key: "aws:ResourceTag/k", values: []string{"${aws:TagKeys}"},
			ctx: one("aws:ResourceTag/k", "team"), multi: map[string][]string{"aws:TagKeys": {"team"}}, want: false},
		{name: "D2/list-valued-key-as-variable-unresolved-negated", op: "StringNotEquals", key: "aws:ResourceTag/k", values: []string{"${k2}"},
			ctx: map[string][]string{"aws:ResourceTag/k": {"a"}, "k2": {"a", "b"}}, want: true},
		{name: "D2/time-key-as-variable", op: "StringEquals", key: "k", values: []string{"${aws:EpochTime}"},
			ctx: one("k", "1772323200"), time: t20260301, want: true},
		{name: "D3/unresolved-positive-no-match", op: "StringEquals", key: "aws:ResourceTag/team", values: []string{"${aws:PrincipalTag/team}"},
			ctx: one("aws:ResourceTag/team", "ledger"), want: false},
		{name: "D3/unresolved-negated-matches", op: "StringNotEquals", key: "aws:ResourceTag/team", values: []string{"${aws:PrincipalTag/team}"},
			ctx: one("aws:ResourceTag/team", "ledger"), want: true},
		{name: "D3/unresolved-negated-like-matches", op: "StringNotLike", key: "aws:ResourceTag/team", values: []string{"${aws:PrincipalTag/team}*"},
			ctx: one("aws:ResourceTag/team", "ledger"), want: true},
		{name: "D3/unresolved-negated-arn-matches", op: "ArnNotLike", key: "aws:SourceArn", values: []string{"arn:aws:s3:::${aws:PrincipalTag/b}"},
			ctx: one("aws:SourceArn", "arn:aws:s3:::x"), want: true},
		{name: "D3/unresolved-negated-other-value-matches", op: "StringNotEquals", key: "aws:ResourceTag/team",
			values: []string{"${aws:PrincipalTag/team}", "ledger"}, ctx: one("aws:ResourceTag/team", "ledger"), want: false},
		{name: "D3/unresolved-negated-option", op: "StringNotEquals", key: "aws:ResourceTag/team", values: []string{"${aws:PrincipalTag/team}"},
			ctx: one("aws:ResourceTag/team", "ledger"), opts: Options{UnresolvedNegatedNoMatch: true}, want: false},
		{name: "D3/unresolved-positive-other-value-matches", op: "StringEquals", key: "k",
			values: []string{"${aws:PrincipalTag/team}", "x"}, ctx: one("k", "x"), want: true},
		{name: "D3/unresolved-after-mismatch-still-unresolved", op: "StringNotEquals", key: "k",
			values: []string{"a${aws:PrincipalTag/team}"}, ctx: one("k", "b"), opts: Options{UnresolvedNegatedNoMatch: true}, want: false},
		{name: "D4/default-used-when-missing", op: "StringEquals", key: "aws:ResourceTag/team",
			values: []string{"${aws:PrincipalTag/team, 'shared'}"}, ctx: one("aws:ResourceTag/team", "shared"), want: true},
		{name: "D4/default-ignored-when-present", op: "StringEquals", key: "aws:ResourceTag/team",
			values: []string{"${aws:PrincipalTag/team, 'shared'}"},
			ctx:    map[string][]string{"aws:ResourceTag/team": {"shared"}, "aws:PrincipalTag/team": {"ledger"}}, want: false},
		{name: "D4/default-is-literal-in-like", op: "StringLike", key: "k",
			values: []string{"${aws:PrincipalTag/team, 'a*'}"}, ctx: one("k", "abc"), want: false},
		{name: "D4/default-literal-star-matches-star", op: "StringLike", key: "k",
			values: []string{"${aws:PrincipalTag/team, 'a*'}"}, ctx: one("k", "a*"), want: true},
		{name: "D4/default-for-multivalued-key", op: "StringEquals", key: "k",
			values: []string{"${aws:TagKeys, 'none'}"}, ctx: one("k", "none"), multi: map[string][]string{"aws:TagKeys": {"a"}}, want: true},
		{name: "D5/star-literal-in-like", op: "StringLike", key: "aws:ResourceTag/access",
			values: []string{"team-${*}"}, ctx: one("aws:ResourceTag/access", "team-*"), want: true},
		{name: "D5/star-not-wildcard-in-like", op: "StringLike", key: "aws:ResourceTag/access",
			values: []string{"team-${*}"}, ctx: one("aws:ResourceTag/access", "team-ledger"), want: false},
		{name: "D5/quest-literal-in-like", op: "StringLike", key: "k", values: []string{"a${?}"}, ctx: one("k", "ab"), want: false},
		{name: "D5/quest-literal-matches-quest", op: "StringLike", key: "k", values: []string{"a${?}"}, ctx: one("k", "a?"), want: true},
		{name: "D5/dollar-literal", op: "StringEquals", key: "k", values: []string{"cost${$}"}, ctx: one("k", "cost$"), want: true},
		{name: "D5/star-in-equals", op: "StringEquals", key: "k", values: []string{"${*}"}, ctx: one("k", "*"), want: true},
		{name: "D5/star-in-arn-like", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:s3:::b${*}"},
			ctx: one("aws:SourceArn", "arn:aws:s3:::bx"), want: false},
		{name: "D5/substituted-star-is-literal-in-like", op: "StringLike", key: "aws:ResourceTag/access",
			values: []string{"${aws:PrincipalTag/access}"},
			ctx:    map[string][]string{"aws:PrincipalTag/access": {"team-*"}, "aws:ResourceTag/access": {"team-ledger"}}, want: false},
		{name: "D5/substituted-star-matches-itself", op: "StringLike", key: "aws:ResourceTag/access",
			values: []string{"${aws:PrincipalTag/access}"},
			ctx:    map[string][]string{"aws:PrincipalTag/access": {"team-*"}, "aws:ResourceTag/access": {"team-*"}}, want: true},
		{name: "D5/substituted-star-is-literal-in-arn-like", op: "ArnLike", key: "aws:SourceArn",
			values: []string{"arn:aws:s3:::${aws:PrincipalTag/b}"},
			ctx:    map[string][]string{"aws:PrincipalTag/b": {"*"}, "aws:SourceArn": {"arn:aws:s3:::x"}}, want: false},
		{name: "D5/wildcards-around-variable-still-work", op: "StringLike", key: "aws:userid",
			values: []string{"*:${aws:username}"}, ctx: map[string][]string{"aws:username": {"alice"}, "aws:userid": {"AIDA:alice"}}, want: true},
		{name: "D6/userid-of-role-session", op: "StringLike", key: "aws:userid", values: []string{"AROAY2EXAMPLEROLEID7:build-*"},
			ctx: one("aws:userid", "AROAY2EXAMPLEROLEID7:build-2231"), want: true},
		{name: "D6/username-absent-for-role-session", op: "StringEquals", key: "k", values: []string{"${aws:username}"},
			ctx: one("k", ""), defs: [][2]string{{"aws:userid", "AROAEXAMPLE:session"}}, want: false},
		{name: "D6/username-of-iam-user", op: "StringEquals", key: "k", values: []string{"${aws:username}"},
			ctx: map[string][]string{"aws:username": {"alice"}, "k": {"alice"}}, want: true},
	})
}

func TestGCornerCases(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "G.10/forallvalues-layers-missing", op: "ForAllValues:ArnLike", key: "lambda:Layer",
			values: []string{"arn:aws:lambda:*:111122223333:layer:*:*"}, want: true},
		{name: "G.10/forallvalues-layers-empty", op: "ForAllValues:ArnLike", key: "lambda:Layer",
			values: []string{"arn:aws:lambda:*:111122223333:layer:*:*"}, multi: map[string][]string{"lambda:Layer": {}}, want: true},
		{name: "G.10/forallvalues-tagkeys-untagged-request", op: "ForAllValues:StringEquals", key: "aws:TagKeys",
			values: []string{"team"}, ctx: one("aws:RequestedRegion", "us-east-1"), want: true},
		{name: "G.11/foranyvalue-missing-deny-does-not-fire", op: "ForAnyValue:StringEquals", key: "aws:TagKeys",
			values: []string{"aws-reserved", "owner"}, want: false},
		{name: "G.12/negated-missing-org-id", op: "StringNotEquals", key: "aws:PrincipalOrgID",
			values: []string{"o-a1b2c3d4e5"}, ctx: one("aws:SourceAccount", "111122223333"), want: true},
		{name: "G.12/negated-ifexists-missing-org-id", op: "StringNotEqualsIfExists", key: "aws:PrincipalOrgID",
			values: []string{"o-a1b2c3d4e5"}, ctx: one("aws:SourceAccount", "111122223333"), want: true},
		{name: "G.13/not-equals-two-values-neither", op: "StringNotEquals", key: "k", values: []string{"a", "b"},
			ctx: one("k", "c"), want: true},
		{name: "G.13/not-equals-two-values-one", op: "StringNotEquals", key: "k", values: []string{"a", "b"},
			ctx: one("k", "a"), want: false},
		{name: "G.14/not-equals-ifexists-missing-still-true", op: "StringNotEqualsIfExists", key: "aws:PrincipalTag/clearance",
			values: []string{"fraud"}, want: true},
		{name: "G.19/forallvalues-on-single-valued-missing-tag", op: "ForAllValues:StringEquals", key: "aws:PrincipalTag/team",
			values: []string{"risk"}, want: true},
		{name: "G.19/forallvalues-on-single-valued-present-tag", op: "ForAllValues:StringEquals", key: "aws:PrincipalTag/team",
			values: []string{"risk"}, ctx: one("aws:PrincipalTag/team", "growth"), want: false},
		{name: "G.38/foranyvalue-ifexists-missing-is-false", op: "ForAnyValue:StringEqualsIfExists", key: "aws:TagKeys",
			values: []string{"project"}, want: false},
		{name: "G.38/foranyvalue-ifexists-missing-option", op: "ForAnyValue:StringEqualsIfExists", key: "aws:TagKeys",
			values: []string{"project"}, opts: Options{ForAnyValueIfExistsMissing: true}, want: true},
		{name: "G.38/foranyvalue-missing-option-needs-ifexists", op: "ForAnyValue:StringEquals", key: "aws:TagKeys",
			values: []string{"project"}, opts: Options{ForAnyValueIfExistsMissing: true}, want: false},
	})
}

func TestCompileErrors(t *testing.T) {
	type row struct {
		name   string
		op     Operator
		key    string
		values []string
		code   string
	}
	rows := []row{
		{"C4.9/compile-null-ifexists-rejected", Operator{Base: Null, IfExists: true}, "k", []string{"true"}, CodeInvalidOperator},
		{"C4.9/compile-null-set-rejected", Operator{Set: ForAllValues, Base: Null}, "k", []string{"true"}, CodeInvalidOperator},
		{"C1/compile-zero-operator-rejected", Operator{}, "k", []string{"a"}, CodeInvalidOperator},
		{"C6/compile-empty-key-rejected", Operator{Base: StringEquals}, "", []string{"a"}, CodeInvalidKey},
		{"C4.4/compile-bad-number-in-list", Operator{Base: NumericEquals}, "k", []string{"1", "10 minutes"}, CodeInvalidNumber},
		{"C4.5/compile-bad-date", Operator{Base: DateEquals}, "k", []string{"2026-02-30"}, CodeInvalidDate},
		{"C4.8/compile-bad-cidr", Operator{Base: IPAddress}, "k", []string{"10.0.0.0/33"}, CodeInvalidIP},
		{"C4.7/compile-bad-base64", Operator{Base: BinaryEquals}, "k", []string{"abc"}, CodeInvalidBase64},
		{"C4.6/compile-bad-bool", Operator{Base: Bool}, "k", []string{"yes"}, CodeInvalidBool},
		{"C4.9/compile-bad-null", Operator{Base: Null}, "k", []string{"1"}, CodeInvalidNull},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			c, err := Compile(r.op, r.key, r.values, true, Options{})
			if diff := cmp.Diff(r.code, errCode(err)); diff != "" {
				t.Errorf("code (-want +got):\n%s", diff)
			}
			if c != nil {
				t.Errorf("Compile returned a Cond with an error")
			}
		})
	}
}

func TestCondAccessors(t *testing.T) {
	c := MustCompile(Operator{Set: ForAnyValue, Base: StringLike, IfExists: true}, "AWS:TagKeys", []string{"a*", `q"`}, true, Options{})
	got := []string{c.Operator().String(), c.Key(), strings.Join(c.Values(), ","), c.String()}
	want := []string{"ForAnyValue:StringLikeIfExists", "AWS:TagKeys", `a*,q"`, `ForAnyValue:StringLikeIfExists "AWS:TagKeys": ["a*", "q\""]`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestMustCompilePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("MustCompile did not panic on a bad value")
		}
	}()
	MustCompile(Operator{Base: NumericEquals}, "k", []string{"x"}, true, Options{})
}

func TestNilEnv(t *testing.T) {
	c := MustCompile(Operator{Base: StringNotEquals}, "k", []string{"a"}, true, Options{})
	if diff := cmp.Diff(true, c.Eval(nil)); diff != "" {
		t.Errorf("C2/nil-env-is-missing-key (-want +got):\n%s", diff)
	}
}
