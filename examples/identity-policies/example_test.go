package identitypolicies_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// load parses one of the example's policy files.
func load(file string) evaluate.Named {
	data, err := os.ReadFile(filepath.Join("policies", file))
	if err != nil {
		panic(err)
	}
	doc, err := policy.Parse(data, policy.WithKind(policy.KindIdentity), policy.WithSource(file))
	if err != nil {
		panic(err)
	}
	return evaluate.Named{Name: file, Doc: doc}
}

// The developer policy scopes changes to functions named after the IAM
// user (${aws:username}), lets new functions use only the account's own
// layers, and passes only the app roles, only to Lambda.
func Example_developer() {
	set, err := evaluate.Compile(evaluate.Policies{Identity: []evaluate.Named{load("developer.json")}})
	if err != nil {
		panic(err)
	}
	fn := func(name string) string { return "arn:aws:lambda:us-east-1:111122223333:function:" + name }
	dana := "arn:aws:iam::111122223333:user/dana"
	for _, r := range []struct {
		what string
		req  evaluate.Request
	}{
		{"dana updates dana-orders", evaluate.Request{Principal: dana, Action: "lambda:UpdateFunctionCode", Resource: fn("dana-orders")}},
		{"dana updates ravi-orders", evaluate.Request{Principal: dana, Action: "lambda:UpdateFunctionCode", Resource: fn("ravi-orders")}},
		{"dana's role session updates dana-orders", evaluate.Request{
			Principal: "arn:aws:sts::111122223333:assumed-role/developer/dana", Action: "lambda:UpdateFunctionCode", Resource: fn("dana-orders")}},
		{"dana creates a function with a foreign layer", evaluate.Request{Principal: dana, Action: "lambda:CreateFunction", Resource: fn("dana-reports"),
			Context: condition.NewContext(map[string][]string{"lambda:Layer": {
				"arn:aws:lambda:us-east-1:111122223333:layer:otel-collector:4",
				"arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:52"}})}},
		{"dana passes an app role to Lambda", evaluate.Request{Principal: dana, Action: "iam:PassRole",
			Resource: "arn:aws:iam::111122223333:role/lambda-app-orders",
			Context:  condition.NewContext(map[string][]string{"iam:PassedToService": {"lambda.amazonaws.com"}})}},
	} {
		fmt.Printf("%s: %s\n", r.what, set.Decide(r.req))
	}
	// Output:
	// dana updates dana-orders: Allow
	// dana updates ravi-orders: ImplicitDeny
	// dana's role session updates dana-orders: ImplicitDeny
	// dana creates a function with a foreign layer: ImplicitDeny
	// dana passes an app role to Lambda: Allow
}

// The read-only and full-access shapes of the managed policies differ in
// what they let a user change.
func Example_managedShapes() {
	user := "arn:aws:iam::111122223333:user/ravi"
	fn := "arn:aws:lambda:us-east-1:111122223333:function:orders-api"
	for _, file := range []string{"lambda-read-only.json", "lambda-full-access.json"} {
		set, err := evaluate.Compile(evaluate.Policies{Identity: []evaluate.Named{load(file)}})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: GetFunction %s, ListFunctions %s, UpdateFunctionCode %s\n", file,
			set.Decide(evaluate.Request{Principal: user, Action: "lambda:GetFunction", Resource: fn}),
			set.Decide(evaluate.Request{Principal: user, Action: "lambda:ListFunctions", Resource: "*"}),
			set.Decide(evaluate.Request{Principal: user, Action: "lambda:UpdateFunctionCode", Resource: fn}))
	}
	// Output:
	// lambda-read-only.json: GetFunction Allow, ListFunctions Allow, UpdateFunctionCode ImplicitDeny
	// lambda-full-access.json: GetFunction Allow, ListFunctions Allow, UpdateFunctionCode Allow
}
