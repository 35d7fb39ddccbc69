package awsinput_test

import (
	"fmt"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/awsinput"
	"github.com/lambdaiam/lambdaiam/policy"
)

// A role session's policies come from the role in the account details:
// its inline policy (here a JSON object) and its attached managed policy
// (here URL-encoded, as the IAM API returns documents).
func ExampleAccountDetails_Lookup() {
	details := []byte(`{
  "RoleDetailList": [{
    "Path": "/service-role/", "RoleName": "worker",
    "Arn": "arn:aws:iam::111122223333:role/service-role/worker",
    "RolePolicyList": [{"PolicyName": "read", "PolicyDocument": {"Version": "2012-10-17",
      "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "lambda:GetFunction", "Resource": "*"}]}}],
    "AttachedManagedPolicies": [{"PolicyName": "invoke", "PolicyArn": "arn:aws:iam::111122223333:policy/invoke"}]
  }],
  "Policies": [{
    "PolicyName": "invoke", "Arn": "arn:aws:iam::111122223333:policy/invoke", "DefaultVersionId": "v1",
    "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
      "Document": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Sid%22%3A%22Invoke%22%2C%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22lambda%3AInvokeFunction%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"}]
  }]
}`)
	d, err := awsinput.ParseAccountDetails(details, "details.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	id, err := d.Lookup("arn:aws:sts::111122223333:assumed-role/worker/session-7")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range id.Policies {
		fmt.Printf("%s: %s at %s\n", p.Name, p.Doc.Statements[0].Sid, p.Doc.Statements[0].Pos)
	}
	// Output:
	// role/worker inline read: Read at details.json:6:21
	// arn:aws:iam::111122223333:policy/invoke: Invoke at details.json#/Policies/0/PolicyVersionList/0/Document (URL-decoded):1:38
}

// The parameters of simulate-custom-policy, evaluated and reported as its
// EvaluationResults.
func ExampleResult() {
	identity, err := awsinput.PolicyInputs([]string{
		`{"Version":"2012-10-17","Statement":[{"Sid":"Invoke","Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}`,
	}, awsinput.PolicyInputList, policy.KindIdentity, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	entries, err := awsinput.ParseContextEntries([]string{"ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.7,ContextKeyType=ip"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, err := awsinput.NewContext(entries)
	if err != nil {
		fmt.Println(err)
		return
	}
	const fn = "arn:aws:lambda:us-east-1:111122223333:function:orders"
	res, err := evaluate.Evaluate(evaluate.Request{
		Principal: "arn:aws:iam::111122223333:user/alice", Action: "lambda:InvokeFunction", Resource: fn, Context: ctx,
	}, evaluate.Policies{Identity: identity})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := awsinput.Result("lambda:InvokeFunction", fn, res)
	fmt.Println(r.EvalDecision, r.MatchedStatements[0].SourcePolicyId, r.MatchedStatements[0].StartPosition)
	// Output:
	// allowed PolicyInputList.1 {1 38}
}
