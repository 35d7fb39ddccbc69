package resourcesandconditions_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// compile parses one of the example's identity policy files and compiles
// it on its own.
func compile(file string) *evaluate.Set {
	data, err := os.ReadFile(filepath.Join("policies", file))
	if err != nil {
		panic(err)
	}
	doc, err := policy.Parse(data, policy.WithSource(file))
	if err != nil {
		panic(err)
	}
	set, err := evaluate.Compile(evaluate.Policies{Identity: []evaluate.Named{{Name: file, Doc: doc}}})
	if err != nil {
		panic(err)
	}
	return set
}

// Lambda authorizes an invocation against the ARN the caller named,
// qualifier included, so the Resource pattern decides which of the
// function, its versions, its aliases and $LATEST a policy covers. The
// policies' Resource entries are function:orders, function:orders:*,
// function:orders:prod and function:orders*.
func Example_qualifiers() {
	targets := []string{"orders", "orders:prod", "orders:7", "orders:$LATEST", "orders-admin"}
	fmt.Printf("%-22s%s\n", "policy", strings.Join(targets, " | "))
	for _, file := range []string{"invoke-unqualified.json", "invoke-any-qualifier.json", "invoke-prod-alias.json", "invoke-name-prefix.json"} {
		set := compile(file)
		var row []string
		for _, t := range targets {
			d := set.Decide(evaluate.Request{
				Principal: "arn:aws:sts::111122223333:assumed-role/release/ci-1234",
				Action:    "lambda:InvokeFunction",
				Resource:  "arn:aws:lambda:us-east-1:111122223333:function:" + t,
			})
			mark := "-"
			if d == evaluate.Allow {
				mark = "allow"
			}
			row = append(row, mark)
		}
		fmt.Printf("%-22s%s\n", strings.TrimSuffix(file, ".json"), strings.Join(row, " | "))
	}
	// Output:
	// policy                orders | orders:prod | orders:7 | orders:$LATEST | orders-admin
	// invoke-unqualified    allow | - | - | - | -
	// invoke-any-qualifier  - | allow | allow | allow | -
	// invoke-prod-alias     - | allow | - | - | -
	// invoke-name-prefix    allow | allow | allow | allow | allow
}

// The VPC keys are present only when the request carries a VpcConfig: a
// Deny on "Null lambda:VpcIds true" forces new functions into a VPC, and a
// "Null false" guard keeps the other denies from firing on requests that
// do not touch the VPC.
func Example_vpcKeys() {
	set := compile("vpc-only.json")
	fn := "arn:aws:lambda:us-east-1:111122223333:function:reports"
	dev := "arn:aws:sts::111122223333:assumed-role/platform-developer/mei"
	inVPC := condition.NewContext(map[string][]string{
		"lambda:VpcIds":    {"vpc-0c8e3b1f2a4d5e6f7"},
		"lambda:SubnetIds": {"subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"},
	})
	fmt.Println("create in the app VPC:", set.Decide(evaluate.Request{Principal: dev, Action: "lambda:CreateFunction", Resource: fn, Context: inVPC}))
	fmt.Println("create without a VPC:", set.Decide(evaluate.Request{Principal: dev, Action: "lambda:CreateFunction", Resource: fn}))
	fmt.Println("change memory only:", set.Decide(evaluate.Request{Principal: dev, Action: "lambda:UpdateFunctionConfiguration", Resource: fn}))
	// Output:
	// create in the app VPC: Allow
	// create without a VPC: ExplicitDeny
	// change memory only: Allow
}

// Tag-based access compares the function's tag with the caller's:
// ${aws:PrincipalTag/team} is filled in from the request context.
func Example_tags() {
	set := compile("team-tags.json")
	fn := "arn:aws:lambda:us-east-1:111122223333:function:refunds"
	for _, tags := range []map[string][]string{
		{"aws:PrincipalTag/team": {"payments"}, "aws:ResourceTag/team": {"payments"}},
		{"aws:PrincipalTag/team": {"payments"}, "aws:ResourceTag/team": {"orders"}},
		{"aws:ResourceTag/team": {"payments"}},
	} {
		d := set.Decide(evaluate.Request{
			Principal: "arn:aws:sts::111122223333:assumed-role/payments-developer/li",
			Action:    "lambda:InvokeFunction",
			Resource:  fn,
			Context:   condition.NewContext(tags),
		})
		fmt.Printf("principal team %q, function team %q: %s\n", first(tags["aws:PrincipalTag/team"]), first(tags["aws:ResourceTag/team"]), d)
	}
	// Output:
	// principal team "payments", function team "payments": Allow
	// principal team "payments", function team "orders": ImplicitDeny
	// principal team "", function team "payments": ImplicitDeny
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
