package permissionsboundaries_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// load parses one of the example's policy files.
func load(kind policy.Kind, name, file string) *evaluate.Named {
	data, err := os.ReadFile(filepath.Join("policies", file))
	if err != nil {
		panic(err)
	}
	doc, err := policy.Parse(data, policy.WithKind(kind), policy.WithSource(file))
	if err != nil {
		panic(err)
	}
	return &evaluate.Named{Name: name, Doc: doc}
}

// A function role of the application may do only what both its own policy
// and the application's permissions boundary allow.
func Example_appBoundary() {
	role := load(policy.KindIdentity, "cart-app-function-role", "cart-app-function-role.json")
	boundary := load(policy.KindBoundary, "cart-app-us-east-1-PermissionsBoundary", "cart-app-boundary.json")
	set, err := evaluate.Compile(evaluate.Policies{Identity: []evaluate.Named{*role}, Boundary: boundary})
	if err != nil {
		panic(err)
	}
	session := "arn:aws:sts::111122223333:assumed-role/cart-app-getAllItemsRole-7QW2/cart-app-getAllItemsFunction-Z9Y8"
	for _, table := range []string{"cart-app-ItemsTable-1A2B3C", "payments-ledger"} {
		res := set.Evaluate(evaluate.Request{
			Principal: session,
			Action:    "dynamodb:GetItem",
			Resource:  "arn:aws:dynamodb:us-east-1:111122223333:table/" + table,
		})
		fmt.Printf("GetItem on %s: %s\n", table, res.Decision)
		if res.Decision != evaluate.Allow {
			last := res.Reasons[len(res.Reasons)-1]
			fmt.Printf("  decided by the %s %q\n", last.Type, last.Policy)
		}
	}
	// Output:
	// GetItem on cart-app-ItemsTable-1A2B3C: Allow
	// GetItem on payments-ledger: ImplicitDeny
	//   decided by the permissions boundary "cart-app-us-east-1-PermissionsBoundary"
}

// The developer may create roles for the application only when they carry
// the boundary, and may never take it off.
func Example_developerCreatesRoles() {
	dev := load(policy.KindIdentity, "cart-app-developer", "cart-app-developer.json")
	set, err := evaluate.Compile(evaluate.Policies{Identity: []evaluate.Named{*dev}})
	if err != nil {
		panic(err)
	}
	mei := "arn:aws:iam::111122223333:user/mei"
	role := "arn:aws:iam::111122223333:role/cart-app-getItemsRole-1X2Y3Z"
	for _, b := range []string{"arn:aws:iam::111122223333:policy/cart-app-us-east-1-PermissionsBoundary", ""} {
		var ctx *condition.Context
		if b != "" {
			ctx = condition.NewContext(map[string][]string{"iam:PermissionsBoundary": {b}})
		}
		d := set.Decide(evaluate.Request{Principal: mei, Action: "iam:CreateRole", Resource: role, Context: ctx})
		fmt.Printf("CreateRole with boundary %q: %s\n", b, d)
	}
	d := set.Decide(evaluate.Request{Principal: mei, Action: "iam:DeleteRolePermissionsBoundary", Resource: role})
	fmt.Println("DeleteRolePermissionsBoundary:", d)
	// Output:
	// CreateRole with boundary "arn:aws:iam::111122223333:policy/cart-app-us-east-1-PermissionsBoundary": Allow
	// CreateRole with boundary "": ImplicitDeny
	// DeleteRolePermissionsBoundary: ExplicitDeny
}
