package lint_test

import (
	"fmt"

	"github.com/lambdaiam/lambdaiam/policy"
	"github.com/lambdaiam/lambdaiam/policy/lint"
)

// An identity policy that parses, but grants less than it seems to: the
// invoke grant misses the function's aliases, ListFunctions needs
// "Resource": "*", and the layer condition passes requests without layers.
func ExampleCheck() {
	src := `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Orders", "Effect": "Allow",
     "Action": ["lambda:InvokeFunction", "lambda:ListFunctions"],
     "Resource": "arn:aws:lambda:us-east-1:111122223333:function:orders"},
    {"Sid": "Create", "Effect": "Allow", "Action": "lambda:CreateFunction",
     "Resource": "arn:aws:lambda:us-east-1:111122223333:function:orders-*",
     "Condition": {"ForAllValues:StringLike": {"lambda:Layer": "arn:aws:lambda:*:111122223333:layer:*:*"}}}
  ]
}`
	doc, err := policy.Parse([]byte(src), policy.WithSource("team.json"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range lint.Check(doc) {
		fmt.Printf("%s %s %s\n", f.Pos, f.Code, f.Pointer)
	}
	// Output:
	// team.json:5:42 wildcard-only-action /Statement/0/Action/1
	// team.json:6:18 unqualified-function-grant /Statement/0/Resource
	// team.json:9:48 forallvalues-without-null /Statement/1/Condition/ForAllValues:StringLike/lambda:Layer
}

// A Lambda function policy written by hand: an S3 trigger without a
// source condition, and a public statement, which also makes the S3
// statement pointless. Programs pick findings by Code; String gives the
// whole line.
func ExampleCheck_functionPolicy() {
	src := `{"Version": "2012-10-17", "Statement": [
  {"Sid": "s3invoke", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
   "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:us-east-1:111122223333:function:thumbs"},
  {"Sid": "anyone", "Effect": "Allow", "Principal": "*",
   "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:us-east-1:111122223333:function:thumbs"}]}`
	doc, err := policy.Parse([]byte(src), policy.WithKind(policy.KindResource), policy.WithSource("thumbs.json"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range lint.Check(doc) {
		if f.Code == lint.CodePublicFunction {
			fmt.Println(f)
		} else {
			fmt.Println(f.Code, "at", f.Pos)
		}
	}
	// Output:
	// redundant-statement at thumbs.json:2:3
	// service-principal-without-source at thumbs.json:2:67
	// thumbs.json:4:53: /Statement/1/Principal: warning[public-function]: Principal "*" with no condition lets anyone, in any account or none, call the function (fix: name the accounts or roles in Principal, or add a condition such as aws:PrincipalOrgID or lambda:FunctionUrlAuthType)
}
