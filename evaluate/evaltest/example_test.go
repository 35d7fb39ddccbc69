package evaltest_test

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/evaluate/evaltest"
	"github.com/lambdaiam/lambdaiam/policy"
)

// printTB stands in for a test's *testing.T in these examples: it prints
// what a test would report. (cmp.Diff uses non-breaking spaces at random
// to keep callers from depending on its exact text; they are printed as
// spaces here.)
type printTB struct{}

func (printTB) Helper() {}

func (printTB) Errorf(format string, args ...any) {
	fmt.Println(strings.ReplaceAll(fmt.Sprintf(format, args...), "\u00a0", " "))
}

func (printTB) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf(format, args...))
}

// A developer policy allows invoking the team's dev functions. In a test,
// t is the test's *testing.T; a failing assertion shows the request, the
// diff of the decision and the reasons.
func ExampleAllow() {
	var t evaltest.TB = printTB{}
	doc, err := policy.Parse([]byte(`{
	  "Version": "2012-10-17",
	  "Statement": [{"Sid": "DevFunctions", "Effect": "Allow", "Action": "lambda:InvokeFunction",
	                 "Resource": "arn:aws:lambda:us-east-1:111122223333:function:dev-*"}]}`),
		policy.WithSource("dev.json"))
	if err != nil {
		panic(err)
	}
	set := evaltest.Compile(t, evaluate.Policies{Identity: []evaluate.Named{{Name: "dev", Doc: doc}}})

	ok := evaltest.Allow(t, set, evaluate.Request{
		Principal: "arn:aws:iam::111122223333:user/dev",
		Action:    "lambda:InvokeFunction",
		Resource:  "arn:aws:lambda:us-east-1:111122223333:function:dev-orders",
	})
	fmt.Println(ok)

	evaltest.Allow(t, set, evaluate.Request{
		Principal: "arn:aws:iam::111122223333:user/dev",
		Action:    "lambda:InvokeFunction",
		Resource:  "arn:aws:lambda:us-east-1:111122223333:function:prod-orders",
	})
	// Output:
	// true
	// evaltest.Allow: arn:aws:iam::111122223333:user/dev → lambda:InvokeFunction on arn:aws:lambda:us-east-1:111122223333:function:prod-orders: decision (-want +got):
	//   string(
	// - 	"Allow",
	// + 	"ImplicitDeny",
	//   )
	// request:
	//   principal:  arn:aws:iam::111122223333:user/dev
	//   action:     lambda:InvokeFunction
	//   resource:   arn:aws:lambda:us-east-1:111122223333:function:prod-orders
	// reasons:
	//   - identity-based policy: User: arn:aws:iam::111122223333:user/dev is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:111122223333:function:prod-orders because no identity-based policy allows the lambda:InvokeFunction action
}

// Deny holds for either kind of deny; ImplicitDeny and ExplicitDeny tell
// them apart. The policy is read from a file, and the reasons of a failure
// point into it.
func ExampleDeny() {
	var t evaltest.TB = printTB{}
	dev := evaltest.ReadPolicy(t, filepath.Join("testdata", "pass", "policies", "dev.json"), policy.KindIdentity)
	set := evaltest.Compile(t, evaluate.Policies{Identity: []evaluate.Named{dev}})
	del := evaluate.Request{
		Principal: "arn:aws:iam::111122223333:user/dev",
		Action:    "lambda:DeleteFunction",
		Resource:  "arn:aws:lambda:us-east-1:111122223333:function:dev-orders",
	}
	fmt.Println(evaltest.Deny(t, set, del))
	fmt.Println(evaltest.ExplicitDeny(t, set, del))
	evaltest.ImplicitDeny(t, set, del)
	// Output:
	// true
	// true
	// evaltest.ImplicitDeny: arn:aws:iam::111122223333:user/dev → lambda:DeleteFunction on arn:aws:lambda:us-east-1:111122223333:function:dev-orders: decision (-want +got):
	//   string(
	// - 	"ImplicitDeny",
	// + 	"ExplicitDeny",
	//   )
	// request:
	//   principal:  arn:aws:iam::111122223333:user/dev
	//   action:     lambda:DeleteFunction
	//   resource:   arn:aws:lambda:us-east-1:111122223333:function:dev-orders
	// reasons:
	//   - identity-based policy "testdata/pass/policies/dev.json", statement 1 (Sid "NoDeletes") at testdata/pass/policies/dev.json:10:5: User: arn:aws:iam::111122223333:user/dev is not authorized to perform: lambda:DeleteFunction on resource: arn:aws:lambda:us-east-1:111122223333:function:dev-orders with an explicit deny in an identity-based policy
}
