package evaluate_test

import (
	"fmt"

	"github.com/lambdaiam/lambdaiam/evaluate"
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

// A role in the function's own account may invoke it when one of its
// identity policies allows it: no function policy is needed.
func Example_sameAccountInvoke() {
	invoke := mustParse(policy.KindIdentity, "invoke-orders", `{
	  "Version": "2012-10-17",
	  "Statement": [{"Sid": "Invoke", "Effect": "Allow", "Action": "lambda:InvokeFunction",
	                 "Resource": "arn:aws:lambda:us-east-1:111122223333:function:orders"}]}`)
	set, err := evaluate.Compile(evaluate.Policies{Identity: []evaluate.Named{*invoke}})
	if err != nil {
		panic(err)
	}
	res := set.Evaluate(evaluate.Request{
		Principal: "arn:aws:sts::111122223333:assumed-role/app/session-1",
		Action:    "lambda:InvokeFunction",
		Resource:  "arn:aws:lambda:us-east-1:111122223333:function:orders",
	})
	fmt.Println(res.Decision)
	for _, r := range res.Reasons {
		fmt.Printf("%s statement %d (%s): %s\n", r.Policy, r.Statement, r.Sid, r.Message)
	}
	// Output:
	// Allow
	// invoke-orders statement 0 (Invoke): allows lambda:InvokeFunction
}

// Across accounts the caller's identity policy is not enough: the function
// policy must also grant the caller (here, by naming its account).
func Example_crossAccountNeedsResourcePolicy() {
	identity := mustParse(policy.KindIdentity, "invoke-partner", `{"Version": "2012-10-17",
	  "Statement": [{"Effect": "Allow", "Action": "lambda:InvokeFunction",
	                 "Resource": "arn:aws:lambda:us-east-1:111122223333:function:orders"}]}`)
	req := evaluate.Request{
		Principal: "arn:aws:sts::444455556666:assumed-role/partner/job",
		Action:    "lambda:InvokeFunction",
		Resource:  "arn:aws:lambda:us-east-1:111122223333:function:orders",
	}

	res, _ := evaluate.Evaluate(req, evaluate.Policies{Identity: []evaluate.Named{*identity}})
	fmt.Println(res.Decision)
	fmt.Println(res.Reasons[len(res.Reasons)-1].Message)

	function := mustParse(policy.KindResource, "function-policy", `{"Version": "2012-10-17",
	  "Statement": [{"Sid": "partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
	                 "Action": "lambda:InvokeFunction",
	                 "Resource": "arn:aws:lambda:us-east-1:111122223333:function:orders"}]}`)
	res, _ = evaluate.Evaluate(req, evaluate.Policies{Identity: []evaluate.Named{*identity}, Resource: function})
	fmt.Println(res.Decision)
	// Output:
	// ImplicitDeny
	// User: arn:aws:sts::444455556666:assumed-role/partner/job is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:111122223333:function:orders because no resource-based policy allows the lambda:InvokeFunction action
	// Allow
}

// An explicit deny anywhere wins; the reasons list every applicable Deny
// statement with its policy, type and position.
func Example_explicitDenyReasons() {
	admin := mustParse(policy.KindIdentity, "admin", `{"Version": "2012-10-17",
	  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	guard := mustParse(policy.KindSCP, "deny-deletes", `{"Version": "2012-10-17",
	  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
	                {"Sid": "NoDeletes", "Effect": "Deny", "Action": "lambda:Delete*", "Resource": "*"}]}`)
	set, err := evaluate.Compile(evaluate.Policies{
		Identity: []evaluate.Named{*admin},
		SCPs:     [][]evaluate.Named{{*guard}},
	})
	if err != nil {
		panic(err)
	}
	req := evaluate.Request{
		Principal: "arn:aws:iam::111122223333:user/dana",
		Action:    "lambda:DeleteFunction",
		Resource:  "arn:aws:lambda:us-east-1:111122223333:function:orders",
	}
	res := set.Evaluate(req)
	fmt.Println(res.Decision, set.Decide(req))
	for _, r := range res.Reasons {
		fmt.Printf("%s (%v) statement %d %q at %v\n%s\n", r.Policy, r.Type, r.Statement, r.Sid, r.Pos, r.Message)
	}
	// Output:
	// ExplicitDeny ExplicitDeny
	// deny-deletes (service control policy) statement 1 "NoDeletes" at deny-deletes:3:18
	// User: arn:aws:iam::111122223333:user/dana is not authorized to perform: lambda:DeleteFunction on resource: arn:aws:lambda:us-east-1:111122223333:function:orders with an explicit deny in a service control policy
}

// A service principal is judged by the function policy alone; the
// statement's conditions tie the grant to the owner's bucket.
func Example_servicePrincipal() {
	function := mustParse(policy.KindResource, "function-policy", `{"Version": "2012-10-17",
	  "Statement": [{"Sid": "s3invoke", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
	                 "Action": "lambda:InvokeFunction",
	                 "Resource": "arn:aws:lambda:us-east-1:111122223333:function:thumbnails",
	                 "Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"},
	                               "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::photos"}}}]}`)
	set, err := evaluate.Compile(evaluate.Policies{Resource: function})
	if err != nil {
		panic(err)
	}
	for _, bucket := range []string{"photos", "someone-elses-bucket"} {
		ctx := ctx("aws:SourceAccount", "111122223333", "aws:SourceArn", "arn:aws:s3:::"+bucket)
		fmt.Println(bucket, set.Decide(evaluate.Request{
			Principal: "s3.amazonaws.com",
			Action:    "lambda:InvokeFunction",
			Resource:  "arn:aws:lambda:us-east-1:111122223333:function:thumbnails",
			Context:   ctx,
		}))
	}
	// Output:
	// photos Allow
	// someone-elses-bucket ImplicitDeny
}
