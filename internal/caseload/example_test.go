package caseload_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/policy"
)

// Cross-account invoke: the caller's identity policy allows it, but the
// function's account has no policy that grants the caller.
func Example_crossAccountCase() {
	data := []byte(`{"name":"cross-account invoke needs the resource policy","principal":"arn:aws:iam::444455556666:role/app","action":"lambda:InvokeFunction","resource":"arn:aws:lambda:us-east-1:111122223333:function:orders","identityPolicies":[{"name":"invoke","document":{"Version":"2012-10-17","Statement":[{"Sid":"Invoke","Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*"}]}}],"expect":"ImplicitDeny"}`)
	cases, err := caseload.Load(data, "cases.jsonl")
	if err != nil {
		panic(err)
	}
	c := &cases[0]
	out := caseload.Evaluate(c)
	fmt.Println(out.Decision == c.Expect)
	text, _ := json.MarshalIndent(out.Reasons[0], "", " ")
	fmt.Println(string(text))
	// Output:
	// true
	// {
	//  "policy": "invoke",
	//  "type": "identity",
	//  "statement": 0,
	//  "sid": "Invoke",
	//  "effect": "Allow",
	//  "position": "cases.jsonl:1:292",
	//  "message": "allows lambda:InvokeFunction, but no resource-based policy allows it"
	// }
}

// A policy with a duplicate key never reaches evaluation: the case is an
// error.
func Example_duplicateKey() {
	c := caseload.ParseLine([]byte(`{"name":"dup","principal":"arn:aws:iam::111122223333:user/dana","action":"lambda:DeleteFunction","resource":"arn:aws:lambda:us-east-1:111122223333:function:orders","identityPolicies":[{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Effect":"Allow","Action":"*","Resource":"*"}]}],"expect":"Error"}`), "cases.jsonl", 7)
	var errs policy.ErrorList
	if errors.As(c.Err, &errs) {
		for _, e := range errs {
			fmt.Println(e.Pos, e.Pointer, e.Code)
		}
	}
	fmt.Println(caseload.Evaluate(&c).Decision == "")
	// Output:
	// cases.jsonl:7:239 /Statement/0/Effect duplicate-key
	// true
}
