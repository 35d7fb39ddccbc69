package lambdaapi_test

import (
	"fmt"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/lambdaapi"
	"github.com/lambdaiam/lambdaiam/policy"
)

// mustParse parses an example policy; examples use only valid ones.
func mustParse(kind policy.Kind, name, text string) *evaluate.Named {
	d, err := policy.Parse([]byte(text), policy.WithKind(kind), policy.WithSource(name))
	if err != nil {
		panic(err)
	}
	return &evaluate.Named{Name: name, Doc: d}
}

// An Invoke with a qualifier is authorized against the qualified ARN, and
// the function name may be given in any form the API accepts.
func ExampleRequests_invoke() {
	reqs, err := lambdaapi.Requests(lambdaapi.Call{
		Operation:    "Invoke",
		Caller:       "arn:aws:iam::111122223333:role/app",
		Region:       "us-east-1",
		FunctionName: "orders",
		Qualifier:    "PROD",
	})
	if err != nil {
		panic(err)
	}
	for _, r := range reqs {
		fmt.Println(r.Action, r.Resource)
	}
	// Output:
	// lambda:InvokeFunction arn:aws:lambda:us-east-1:111122223333:function:orders:PROD
}

// CreateFunction needs more than lambda:CreateFunction: passing the
// execution role and using each layer are authorized too.
func ExampleRequests_createFunction() {
	reqs, err := lambdaapi.Requests(lambdaapi.Call{
		Operation:    "CreateFunction",
		Caller:       "arn:aws:iam::111122223333:role/deployer",
		Region:       "us-east-1",
		FunctionName: "orders",
		Role:         "arn:aws:iam::111122223333:role/orders-exec",
		Layers:       []string{"arn:aws:lambda:us-east-1:444455556666:layer:shared:7"},
		VpcConfig:    &lambdaapi.VpcConfig{SubnetIds: []string{"subnet-1"}, SecurityGroupIds: []string{"sg-1"}, VpcID: "vpc-1"},
	})
	if err != nil {
		panic(err)
	}
	for _, r := range reqs {
		fmt.Printf("%s: %s on %s\n", r.Purpose, r.Action, r.Resource)
		for _, k := range r.Context.Keys() {
			v, _ := r.Context.Values(k)
			fmt.Printf("    %s = %v\n", k, v)
		}
	}
	// Output:
	// call CreateFunction: lambda:CreateFunction on arn:aws:lambda:us-east-1:111122223333:function:orders
	//     lambda:layer = [arn:aws:lambda:us-east-1:444455556666:layer:shared:7]
	//     lambda:securitygroupids = [sg-1]
	//     lambda:subnetids = [subnet-1]
	//     lambda:vpcids = [vpc-1]
	// pass the execution role: iam:PassRole on arn:aws:iam::111122223333:role/orders-exec
	//     iam:passedtoservice = [lambda.amazonaws.com]
	// use layer arn:aws:lambda:us-east-1:444455556666:layer:shared:7: lambda:GetLayerVersion on arn:aws:lambda:us-east-1:444455556666:layer:shared:7
}

// A layer from another account needs that layer version's policy: the
// caller's own permissions are not enough, and the result names the step
// that failed.
func ExampleAuthorizer_Authorize() {
	identity := mustParse(policy.KindIdentity, "deployer", `{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:GetLayerVersion"], "Resource": "*"},
	  {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/orders-exec",
	   "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}]}`)
	layer := "arn:aws:lambda:us-east-1:444455556666:layer:shared:7"
	call := lambdaapi.Call{
		Operation:    "CreateFunction",
		Caller:       "arn:aws:iam::111122223333:role/deployer",
		Region:       "us-east-1",
		FunctionName: "orders",
		Role:         "arn:aws:iam::111122223333:role/orders-exec",
		Layers:       []string{layer},
	}
	policies := evaluate.Policies{Identity: []evaluate.Named{*identity}}

	a, err := lambdaapi.NewAuthorizer(policies, nil)
	if err != nil {
		panic(err)
	}
	res, _ := a.Authorize(call)
	fmt.Println(res.Decision, "-", res.Failed.Purpose)

	layerPolicy := mustParse(policy.KindResource, "shared:7", `{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "lambda:GetLayerVersion",
	   "Resource": "`+layer+`"}]}`)
	a, err = lambdaapi.NewAuthorizer(policies, map[string]*evaluate.Named{layer: layerPolicy})
	if err != nil {
		panic(err)
	}
	res, _ = a.Authorize(call)
	fmt.Println(res.Decision)
	for _, s := range res.Steps {
		fmt.Printf("  %s: %s\n", s.Purpose, s.Result.Decision)
	}
	// Output:
	// ImplicitDeny - use layer arn:aws:lambda:us-east-1:444455556666:layer:shared:7
	// Allow
	//   call CreateFunction: Allow
	//   pass the execution role: Allow
	//   use layer arn:aws:lambda:us-east-1:444455556666:layer:shared:7: Allow
}

// Action maps an API operation to the IAM action that authorizes it.
func ExampleAction() {
	for _, op := range []string{"Invoke", "GetLayerVersionByArn", "CreateAlias"} {
		a, _ := lambdaapi.Action(op)
		fmt.Println(op, "→", a)
	}
	// Output:
	// Invoke → lambda:InvokeFunction
	// GetLayerVersionByArn → lambda:GetLayerVersion
	// CreateAlias → lambda:CreateAlias
}
