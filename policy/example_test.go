package policy_test

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/lambdaiam/lambdaiam/policy"
)

// An identity policy that lets a team read its functions and forbids
// deleting any.
func ExampleParse() {
	src := `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadTeamFunctions", "Effect": "Allow", "Action": ["lambda:Get*", "lambda:List*"],
     "Resource": "arn:aws:lambda:us-east-1:111122223333:function:payments-*",
     "Condition": {"StringEquals": {"aws:PrincipalTag/team": "payments"}}},
    {"Effect": "Deny", "Action": "lambda:DeleteFunction", "Resource": "*"}
  ]
}`
	doc, err := policy.Parse([]byte(src), policy.WithSource("team.json"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range doc.Statements {
		fmt.Printf("%s: statement %d %q %v %v on %v\n", st.Pos, st.Index, st.Sid, st.Effect, st.Action, st.Resource)
		for _, c := range st.Conditions {
			fmt.Printf("  if %v %s %v\n", c.Operator, c.Key, c.Values)
		}
	}
	// Output:
	// team.json:4:5: statement 0 "ReadTeamFunctions" Allow [lambda:Get* lambda:List*] on [arn:aws:lambda:us-east-1:111122223333:function:payments-*]
	//   if StringEquals aws:PrincipalTag/team [payments]
	// team.json:7:5: statement 1 "" Deny [lambda:DeleteFunction] on [*]
}

// A policy with several mistakes: every one is reported, in document
// order, with its position and JSON Pointer.
func ExampleParse_errors() {
	src := `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "allow", "Action": "lambda:InvokeFunction"},
    {"Effect": "Deny", "Effect": "Allow", "Action": "lambda:*", "Resource": "*",
     "Condition": {"stringEquals": {"aws:PrincipalTag/team": "ops"}}}
  ]
}`
	_, err := policy.Parse([]byte(src), policy.WithSource("bad.json"))
	fmt.Println(err)

	// Programs look at codes, not messages.
	var list policy.ErrorList
	if errors.As(err, &list) {
		fmt.Println(list.Has(policy.CodeDuplicateKey), list[0].Code, list[0].Pointer)
	}
	// Output:
	// bad.json:4:5: /Statement/0: statement has no Resource or NotResource; an identity-based policy needs one (use "Resource": "*" for every resource)
	// bad.json:4:16: /Statement/0/Effect: "allow" is not a valid Effect (want "Allow" or "Deny"); Effect is case-sensitive
	// bad.json:5:24: /Statement/1/Effect: duplicate name "Effect" (each name may appear once in an object; a decoder that keeps only one of them reads a different policy)
	// bad.json:6:20: /Statement/1/Condition/stringEquals: unknown condition operator "stringEquals" (operator names are case-sensitive: did you mean "StringEquals"?)
	// true missing-resource /Statement/0
}

// The output of "aws lambda get-policy" holds the function policy as a
// JSON string. Positions of errors point into that inner document.
func ExampleParse_getPolicy() {
	inner := `{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"s3-invoke","Effect":"Allow",` +
		`"Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction",` +
		`"Resource":"arn:aws:lambda:us-east-2:111122223333:function:thumbnails",` +
		`"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::photo-uploads"}}}]}`
	output := `{"Policy": ` + strconv.Quote(inner) + `, "RevisionId": "4843f2f6-7c59-4fda-b484-afd0bc0e22b8"}`

	doc, err := policy.Parse([]byte(output), policy.WithKind(policy.KindResource),
		policy.WithEnvelope(policy.EnvelopeAuto), policy.WithSource("get-policy.json"))
	if err != nil {
		fmt.Println(err)
		return
	}
	st := doc.Statements[0]
	fmt.Println(doc.Envelope, doc.ID, st.Sid, st.Principal.Service, st.Action)
	fmt.Println(st.Pos)

	_, err = policy.Parse([]byte(`{"Policy": "{\"Statement\": {\"Effect\": \"Allow\"}}"}`),
		policy.WithKind(policy.KindResource), policy.WithEnvelope(policy.EnvelopeAuto), policy.WithSource("get-policy.json"))
	fmt.Println(err)
	// Output:
	// get-policy default s3-invoke [s3.amazonaws.com] [lambda:InvokeFunction]
	// get-policy.json (Policy):1:53
	// get-policy.json (Policy):1:15: /Statement: statement has no Action or NotAction; add one
	// get-policy.json (Policy):1:15: /Statement: statement has no Resource or NotResource; a resource-based policy needs one (use "Resource": "*" for every resource)
	// get-policy.json (Policy):1:15: /Statement: statement has no Principal; a resource-based policy needs Principal (or NotPrincipal with Deny)
}

// MarshalJSON writes a canonical form: fixed element order, lists as
// arrays, JSON booleans and numbers in conditions as strings.
func ExampleDocument_MarshalJSON() {
	doc, err := policy.Parse([]byte(`{"Statement": {"Resource": "*", "Action": "lambda:ListFunctions", "Effect": "Allow",
	  "Condition": {"Bool": {"aws:SecureTransport": true}}}, "Version": "2012-10-17"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := doc.MarshalJSON()
	fmt.Println(string(out))
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["lambda:ListFunctions"],"Resource":["*"],"Condition":{"Bool":{"aws:SecureTransport":["true"]}}}]}
}

// WithSizeLimit enforces the AWS quota of the policy's kind.
func ExampleSizeLimit() {
	for _, k := range []policy.Kind{policy.KindIdentity, policy.KindResource, policy.KindSCP} {
		l := policy.SizeLimit(k)
		fmt.Printf("%s: %d %s, whitespace counted: %v\n", k, l.Max, l.Unit(), l.WhitespaceCounts)
	}
	// Output:
	// identity: 6144 characters, whitespace counted: false
	// resource: 20480 bytes, whitespace counted: true
	// scp: 5120 characters, whitespace counted: true
}
