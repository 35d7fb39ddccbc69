package evaluate_test

import (
	"testing"

	"github.com/lambdaiam/lambdaiam/evaluate"
)

// FuzzDecide evaluates arbitrary requests against a fixed set of policies
// that exercises every path, and checks: Decide agrees with Evaluate; an
// error always comes with ImplicitDeny and no reasons; every decision has
// reasons.
func FuzzDecide(f *testing.F) {
	p := pols{
		identity: []string{pol(allowLambda, `"Effect":"Deny","Action":"lambda:Delete*","Resource":"*"`,
			`"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/${aws:username}-*"`)},
		resource: pol(grantTo(`{"AWS":["`+acctB+`","`+roleA+`"],"Service":"s3.amazonaws.com"}`),
			`"Effect":"Deny","Action":"*","NotResource":"arn:aws:lambda:*:*:function:${aws:PrincipalTag/team}-*","Principal":"*","Condition":{"StringEquals":{"aws:PrincipalType":"Anonymous"}}`),
		boundary: pol(allowAll),
		session:  pol(allowLambda),
		scps:     [][]string{{pol(allowAll)}, {pol(`"Effect":"Allow","NotAction":"iam:*","Resource":"*"`)}},
	}
	set, err := evaluate.Compile(p.build(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sessionA, "lambda:InvokeFunction", fnA, "")
	f.Add(sessionB, "LAMBDA:invokefunction", fnA, acctA)
	f.Add(anonymous, "lambda:GetFunction", "arn:aws:lambda:us-east-1:111122223333:function:x-1", "")
	f.Add(s3, "lambda:InvokeFunction", fnA, "")
	f.Add(rootA, "sts:AssumeRole", targetRole, "")
	f.Add(userA, "sts:AssumeRole", "arn:aws:iam::111122223333:role/priya-dev", "")
	f.Add(fedA, "lambda:ListFunctions", "*", "")
	f.Add("", ":", "arn:", "x")
	f.Fuzz(func(t *testing.T, principal, action, resource, account string) {
		req := evaluate.Request{Principal: principal, Action: action, Resource: resource, ResourceAccount: account}
		res := set.Evaluate(req)
		if d := set.Decide(req); d != res.Decision {
			t.Fatalf("Decide = %v, Evaluate = %v", d, res.Decision)
		}
		if res.Err != nil {
			if res.Decision != evaluate.ImplicitDeny || len(res.Reasons) != 0 {
				t.Fatalf("error %v with %v and %d reasons", res.Err, res.Decision, len(res.Reasons))
			}
			return
		}
		if len(res.Reasons) == 0 {
			t.Fatalf("%v without reasons", res.Decision)
		}
	})
}
