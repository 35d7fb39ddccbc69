package executionrole_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// load parses one of the example's policy files.
func load(kind policy.Kind, file string) evaluate.Named {
	data, err := os.ReadFile(filepath.Join("policies", file))
	if err != nil {
		panic(err)
	}
	doc, err := policy.Parse(data, policy.WithKind(kind), policy.WithSource(file))
	if err != nil {
		panic(err)
	}
	return evaluate.Named{Name: file, Doc: doc}
}

// Lambda assumes the execution role because the role's trust policy names
// the Lambda service; with the role's permission policies, the function
// writes its own logs, creates its network interfaces and reads its queue,
// and nothing more.
func Example_executionRole() {
	trust := load(policy.KindTrust, "trust.json")
	assume, err := evaluate.Compile(evaluate.Policies{Resource: &trust})
	if err != nil {
		panic(err)
	}
	for _, service := range []string{"lambda.amazonaws.com", "ec2.amazonaws.com"} {
		d := assume.Decide(evaluate.Request{
			Principal: service,
			Action:    "sts:AssumeRole",
			Resource:  "arn:aws:iam::111122223333:role/orders-worker-role",
		})
		fmt.Printf("%s assumes the role: %s\n", service, d)
	}

	role, err := evaluate.Compile(evaluate.Policies{Identity: []evaluate.Named{
		load(policy.KindIdentity, "basic-logging.json"),
		load(policy.KindIdentity, "vpc-access.json"),
		load(policy.KindIdentity, "sqs-event-source.json"),
		load(policy.KindIdentity, "xray.json"),
	}})
	if err != nil {
		panic(err)
	}
	session := "arn:aws:sts::111122223333:assumed-role/orders-worker-role/orders-worker"
	for _, r := range []struct{ action, resource string }{
		{"logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-worker:log-stream:2026/05/01/[$LATEST]4f9a"},
		{"logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/billing-api:log-stream:2026/05/01/[$LATEST]aa11"},
		{"ec2:CreateNetworkInterface", "arn:aws:ec2:us-east-1:111122223333:subnet/subnet-0aa11bb22cc33dd44"},
		{"sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:orders-queue"},
		{"sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:orders-queue"},
	} {
		res := role.Evaluate(evaluate.Request{Principal: session, Action: r.action, Resource: r.resource})
		fmt.Printf("%s: %s", r.action, res.Decision)
		if res.Decision == evaluate.Allow {
			fmt.Printf(" (%s, %s)", res.Reasons[0].Policy, res.Reasons[0].Sid)
		}
		fmt.Println()
	}
	// Output:
	// lambda.amazonaws.com assumes the role: Allow
	// ec2.amazonaws.com assumes the role: ImplicitDeny
	// logs:PutLogEvents: Allow (basic-logging.json, WriteOwnLogs)
	// logs:PutLogEvents: ImplicitDeny
	// ec2:CreateNetworkInterface: Allow (vpc-access.json, ManageNetworkInterfaces)
	// sqs:ReceiveMessage: Allow (sqs-event-source.json, ReadTheOrdersQueue)
	// sqs:SendMessage: ImplicitDeny
}
