package evaluate_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// TestE3FailClosedOnBadRequests: a request that cannot be evaluated is an
// implicit deny with an *evaluate.Error, even under a policy that allows
// everything.
func TestE3FailClosedOnBadRequests(t *testing.T) {
	everything := pols{
		identity: []string{pol(allowAll)},
		resource: pol(`"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"`),
	}.build(t)
	set, err := evaluate.Compile(everything)
	if err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		Decision evaluate.Decision
		Code     evaluate.Code
		Field    string
		Reasons  int
	}
	for _, tc := range []struct {
		name string
		req  evaluate.Request
		want outcome
	}{
		{"E3/empty-principal", evaluate.Request{Action: "lambda:InvokeFunction", Resource: fnA},
			outcome{evaluate.ImplicitDeny, evaluate.CodeInvalidPrincipal, "principal", 0}},
		{"E3/principal-not-an-identity", evaluate.Request{Principal: "arn:aws:iam::111122223333:group/admins", Action: "lambda:InvokeFunction", Resource: fnA},
			outcome{evaluate.ImplicitDeny, evaluate.CodeInvalidPrincipal, "principal", 0}},
		{"E3/principal-bad-account", evaluate.Request{Principal: "arn:aws:iam::1111:user/x", Action: "lambda:InvokeFunction", Resource: fnA},
			outcome{evaluate.ImplicitDeny, evaluate.CodeInvalidPrincipal, "principal", 0}},
		{"E3/principal-session-without-name", evaluate.Request{Principal: "arn:aws:sts::111122223333:assumed-role/dev", Action: "lambda:InvokeFunction", Resource: fnA},
			outcome{evaluate.ImplicitDeny, evaluate.CodeInvalidPrincipal, "principal", 0}},
		{"E3/principal-free-text", evaluate.Request{Principal: "alice", Action: "lambda:InvokeFunction", Resource: fnA},
			outcome{evaluate.ImplicitDeny, evaluate.CodeInvalidPrincipal, "principal", 0}},
		{"E3/empty-action", evaluate.Request{Principal: userA, Resource: fnA},
			outcome{evaluate.ImplicitDeny, evaluate.CodeInvalidAction, "action", 0}},
		{"E3/action-without-colon", evaluate.Request{Principal: userA, Action: "InvokeFunction", Resource: fnA},
			outcome{evaluate.ImplicitDeny, evaluate.CodeInvalidAction, "action", 0}},
		{"E3/action-without-name", evaluate.Request{Principal: userA, Action: "lambda:", Resource: fnA},
			outcome{evaluate.ImplicitDeny, evaluate.CodeInvalidAction, "action", 0}},
		{"E3/empty-resource", evaluate.Request{Principal: userA, Action: "lambda:InvokeFunction"},
			outcome{evaluate.ImplicitDeny, evaluate.CodeInvalidResource, "resource", 0}},
		{"E3/bare-function-name", evaluate.Request{Principal: userA, Action: "lambda:InvokeFunction", Resource: "orders"},
			outcome{evaluate.ImplicitDeny, evaluate.CodeInvalidResource, "resource", 0}},
		{"E3/bad-resource-account", evaluate.Request{Principal: userA, Action: "lambda:InvokeFunction", Resource: fnA, ResourceAccount: "acme"},
			outcome{evaluate.ImplicitDeny, evaluate.CodeInvalidResource, "resourceAccount", 0}},
		{"E3/valid-request-allowed", invoke(userA, fnA),
			outcome{evaluate.Allow, "", "", 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := set.Evaluate(tc.req)
			got := outcome{Decision: res.Decision, Reasons: len(res.Reasons)}
			var e *evaluate.Error
			if errors.As(res.Err, &e) {
				got.Code, got.Field = e.Code, e.Field
			} else if res.Err != nil {
				t.Fatalf("error %T, want *evaluate.Error", res.Err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Evaluate (-want +got):\n%s", diff)
			}
			if d := set.Decide(tc.req); d != tc.want.Decision {
				t.Errorf("Decide = %v, want %v", d, tc.want.Decision)
			}
			_, err := evaluate.Evaluate(tc.req, everything)
			if (err != nil) != (tc.want.Code != "") {
				t.Errorf("Evaluate function error = %v", err)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	doc := func(kind policy.Kind, text string) *policy.Document {
		return parse(t, kind, "p", text).Doc
	}
	identity := doc(policy.KindIdentity, pol(allowAll))
	scp := doc(policy.KindSCP, pol(allowAll))
	short := doc(policy.KindSCP, pol(`"Effect":"Deny","Action":"*","Resource":"arn:aws:lambda"`))
	type outcome struct {
		Code   evaluate.Code
		Policy string
	}
	for _, tc := range []struct {
		name string
		p    evaluate.Policies
		opts []evaluate.Option
		want outcome
	}{
		{"E2/identity-slot-takes-identity", evaluate.Policies{Identity: []evaluate.Named{{Name: "x", Doc: identity}}}, nil, outcome{}},
		{"E2/scp-in-identity-slot", evaluate.Policies{Identity: []evaluate.Named{{Name: "x", Doc: scp}}}, nil,
			outcome{evaluate.CodePolicyKind, "x"}},
		{"E2/identity-as-boundary", evaluate.Policies{Boundary: &evaluate.Named{Name: "b", Doc: identity}}, nil,
			outcome{evaluate.CodePolicyKind, "b"}},
		{"E2/identity-as-resource-policy", evaluate.Policies{Resource: &evaluate.Named{Name: "r", Doc: identity}}, nil,
			outcome{evaluate.CodePolicyKind, "r"}},
		{"E2/identity-as-scp", evaluate.Policies{SCPs: [][]evaluate.Named{{{Name: "s", Doc: identity}}}}, nil,
			outcome{evaluate.CodePolicyKind, "s"}},
		{"E2/nil-document", evaluate.Policies{Session: &evaluate.Named{Name: "s"}}, nil,
			outcome{evaluate.CodeMissingDocument, "s"}},
		{"M3/short-pattern-rejected-in-scp", evaluate.Policies{SCPs: [][]evaluate.Named{{{Name: "s", Doc: short}}}}, nil,
			outcome{evaluate.CodeInvalidPolicy, "s"}},
		{"M3/short-pattern-padded-by-option", evaluate.Policies{SCPs: [][]evaluate.Named{{{Name: "s", Doc: short}}}},
			[]evaluate.Option{evaluate.WithShortPatterns(arn.ShortPad)}, outcome{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := evaluate.Compile(tc.p, tc.opts...)
			var got outcome
			var e *evaluate.Error
			if errors.As(err, &e) {
				got = outcome{e.Code, e.Policy}
			} else if err != nil {
				t.Fatalf("error %T, want *evaluate.Error", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Compile (-want +got):\n%s", diff)
			}
			res, err := evaluate.Evaluate(invoke(userA, fnA), tc.p, tc.opts...)
			if (err != nil) != (tc.want.Code != "") || (err != nil && res.Decision != evaluate.ImplicitDeny) {
				t.Errorf("Evaluate = %v, %v", res.Decision, err)
			}
		})
	}
}

// TestM3ShortPatterns checks the per-type defaults for short Resource
// patterns (M3.6): identity policies pad, resource policies match nothing.
func TestM3ShortPatterns(t *testing.T) {
	runDecisions(t, []decisionCase{
		{name: "M3/short-pattern-padded-in-identity-policy", req: invoke(userA, fnA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:*","Resource":"arn:aws:lambda"`)}}, want: allow},
		{name: "M3/short-pattern-matches-nothing-in-resource-policy", req: invoke(userA, fnA),
			pols: pols{resource: pol(`"Effect":"Allow","Principal":{"AWS":"` + userA + `"},"Action":"lambda:*","Resource":"arn:aws:lambda"`)}, want: implicit},
		{name: "M3/short-pattern-option-pads-resource-policy", req: invoke(userA, fnA),
			opts: []evaluate.Option{evaluate.WithShortPatterns(arn.ShortPad)},
			pols: pols{resource: pol(`"Effect":"Allow","Principal":{"AWS":"` + userA + `"},"Action":"lambda:*","Resource":"arn:aws:lambda"`)}, want: allow},
	})
}
