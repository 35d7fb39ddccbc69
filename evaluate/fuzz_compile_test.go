package evaluate_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// FuzzCompileEvaluate takes any identity policy, resource policy and
// request end to end through policy.Parse, Compile and evaluation, and
// checks:
//   - nothing panics, and errors are typed (*policy.Error lists,
//     *evaluate.Error);
//   - Decide, Evaluate and EvaluateContext agree, and an error comes
//     with ImplicitDeny and no reasons;
//   - every decision but an error has reasons, and an ExplicitDeny's
//     include a Deny statement;
//   - bounding the condition work never turns a deny into an Allow;
//   - evaluation without its shortcuts (WithPlainEvaluation) gives the
//     same decision, reasons and error;
//   - a resource-policy statement denying everything to everyone makes
//     the decision ExplicitDeny (the resource policy always takes part),
//     except for sts:GetCallerIdentity by an authenticated caller (E3b).
func FuzzCompileEvaluate(f *testing.F) {
	f.Add([]byte(pol(allowAll)), []byte(pol(grantTo(`{"AWS":"`+acctB+`"}`))), sessionA, "lambda:InvokeFunction", fnA, "aws:PrincipalTag/team", "risk")
	f.Add([]byte(pol(`"Effect":"Allow","Action":"lambda:Get*","Resource":"arn:aws:lambda:*:*:function:${aws:username}-*"`)), []byte(""), userA, "lambda:GetFunction", "arn:aws:lambda:us-east-1:111122223333:function:priya-x", "", "")
	f.Add([]byte(pol(allowLambda, `"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["secret*"]}}`)), []byte(pol(`"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Resource":"*","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}`)), anonymous, "lambda:InvokeFunctionUrl", fnA, "lambda:FunctionUrlAuthType", "NONE")
	f.Add([]byte(pol(`"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:lambda:*:*:function:admin-*"`)), []byte(pol(grantTo(`{"Service":"s3.amazonaws.com"}`, `{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::bucket-*"}}`))), s3, "lambda:InvokeFunction", fnA, "aws:SourceArn", "arn:aws:s3:::bucket-1")
	f.Add([]byte(pol(allowAll)), []byte(pol(`"Effect":"Deny","NotPrincipal":{"AWS":"`+roleA+`"},"Action":"*","Resource":"*"`)), rootA, "sts:GetCallerIdentity", "*", "aws:CurrentTime", "2026-01-01T00:00:00Z")
	f.Fuzz(func(t *testing.T, identity, resource []byte, principal, action, res, key, value string) {
		var p evaluate.Policies
		if d, ok := parsed(t, identity, policy.KindIdentity); ok {
			p.Identity = []evaluate.Named{{Name: "identity", Doc: d}}
		}
		if d, ok := parsed(t, resource, policy.KindResource); ok {
			p.Resource = &evaluate.Named{Name: "resourcePolicy", Doc: d}
		}
		req := evaluate.Request{Principal: principal, Action: action, Resource: res}
		if key != "" {
			c := new(condition.Context)
			c.Set(key, value)
			req.Context = c
		}
		set, err := evaluate.Compile(p)
		if err != nil {
			var e *evaluate.Error
			if !errors.As(err, &e) || e.Code == "" {
				t.Fatalf("Compile error %T %v", err, err)
			}
			return
		}
		got := set.Evaluate(req)
		if d := set.Decide(req); d != got.Decision {
			t.Fatalf("Decide %v, Evaluate %v", d, got.Decision)
		}
		// The shortcuts of evaluation change no answer.
		plain, err := evaluate.Compile(p, evaluate.WithPlainEvaluation())
		if err != nil {
			t.Fatalf("Compile without shortcuts: %v", err)
		}
		if pr := plain.Evaluate(req); pr.Decision != got.Decision || (pr.Err == nil) != (got.Err == nil) {
			t.Fatalf("without shortcuts %v %v, with %v %v", pr.Decision, pr.Err, got.Decision, got.Err)
		} else if diff := cmp.Diff(pr.Reasons, got.Reasons); diff != "" {
			t.Fatalf("reasons (-without shortcuts +with):\n%s", diff)
		}
		if d := plain.Decide(req); d != got.Decision {
			t.Fatalf("Decide without shortcuts %v, with %v", d, got.Decision)
		}
		if ctxRes := set.EvaluateContext(context.Background(), req); ctxRes.Decision != got.Decision || (ctxRes.Err == nil) != (got.Err == nil) {
			t.Fatalf("EvaluateContext %v %v, Evaluate %v %v", ctxRes.Decision, ctxRes.Err, got.Decision, got.Err)
		}
		if got.Err != nil {
			var e *evaluate.Error
			if got.Decision != evaluate.ImplicitDeny || len(got.Reasons) != 0 || !errors.As(got.Err, &e) {
				t.Fatalf("error %v with %v and %d reasons", got.Err, got.Decision, len(got.Reasons))
			}
			return
		}
		if len(got.Reasons) == 0 {
			t.Fatalf("%v without reasons", got.Decision)
		}
		if got.Decision == evaluate.ExplicitDeny {
			found := false
			for _, r := range got.Reasons {
				found = found || r.Effect == policy.Deny
			}
			if !found {
				t.Fatalf("ExplicitDeny without a Deny reason: %+v", got.Reasons)
			}
		}
		bounded, err := evaluate.Compile(p, evaluate.WithMaxConditionWork(1))
		if err != nil {
			t.Fatalf("Compile with a work bound: %v", err)
		}
		if b := bounded.Decide(req); b == evaluate.Allow && got.Decision != evaluate.Allow {
			t.Fatalf("a work bound turned %v into Allow", got.Decision)
		}
		// Deny everything to everyone in the resource policy.
		denyAll := policy.Statement{Effect: policy.Deny, Action: []string{"*"}, Resource: []string{"*"}, Principal: &policy.Principal{Wildcard: true}}
		q := p
		if q.Resource == nil {
			q.Resource = &evaluate.Named{Name: "resourcePolicy", Doc: &policy.Document{Kind: policy.KindResource, Statements: []policy.Statement{denyAll}}}
		} else {
			d := *q.Resource.Doc
			d.Statements = append(append([]policy.Statement(nil), d.Statements...), denyAll)
			q.Resource = &evaluate.Named{Name: "resourcePolicy", Doc: &d}
		}
		denied, err := evaluate.Compile(q)
		if err != nil {
			t.Fatalf("Compile with a Deny added: %v", err)
		}
		want := evaluate.ExplicitDeny
		if principal != "anonymous" && strings.EqualFold(action, "sts:GetCallerIdentity") {
			want = evaluate.Allow
		}
		if d := denied.Decide(req); d != want {
			t.Fatalf("with a resource-policy Deny of everything: %v, want %v", d, want)
		}
	})
}

// parsed parses data as a policy of kind k; an error must be a non-empty
// policy.ErrorList.
func parsed(t *testing.T, data []byte, k policy.Kind) (*policy.Document, bool) {
	if len(data) == 0 {
		return nil, false
	}
	d, err := policy.Parse(data, policy.WithKind(k))
	if err != nil {
		var list policy.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("Parse error %T %v", err, err)
		}
		return nil, false
	}
	return d, true
}
