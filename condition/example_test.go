package condition_test

import (
	"fmt"
	"time"

	"github.com/lambdaiam/lambdaiam/condition"
)

// compile parses an operator name and compiles a condition of a
// 2012-10-17 policy.
func compile(op, key string, values ...string) *condition.Cond {
	o, err := condition.ParseOperator(op)
	if err != nil {
		panic(err)
	}
	return condition.MustCompile(o, key, values, true, condition.Options{})
}

// A StringLike condition on a resource tag; the tag key's case does not
// matter, the value's does.
func Example_stringLikeOnTag() {
	c := compile("StringLike", "aws:ResourceTag/Project", "fraud-*")
	for _, tag := range []string{"fraud-scorer", "Fraud-scorer", "marketing"} {
		env := condition.Env{Ctx: condition.NewContext(map[string][]string{"aws:resourcetag/project": {tag}})}
		fmt.Printf("%s: %v\n", tag, c.Eval(&env))
	}
	// Output:
	// fraud-scorer: true
	// Fraud-scorer: false
	// marketing: false
}

// ForAllValues on lambda:Layer allows only the account's own layers, and
// is also true for a function without layers.
func Example_forAllValuesOnLayers() {
	c := compile("ForAllValues:ArnLike", "lambda:Layer", "arn:aws:lambda:*:111122223333:layer:*:*")
	for _, layers := range [][]string{
		{"arn:aws:lambda:us-east-1:111122223333:layer:log:3"},
		{"arn:aws:lambda:us-east-1:111122223333:layer:log:3", "arn:aws:lambda:us-east-1:444455556666:layer:x:1"},
		nil,
	} {
		var ctx condition.Context
		if layers != nil {
			ctx.SetMulti("lambda:Layer", layers)
		}
		env := condition.Env{Ctx: &ctx}
		fmt.Printf("%d layers: %v\n", len(layers), c.Eval(&env))
	}
	// Output:
	// 1 layers: true
	// 2 layers: false
	// 0 layers: true
}

// An IpAddress check: a bare IPv4 address is a /32, and address families
// never match each other.
func Example_ipAddress() {
	c := compile("IpAddress", "aws:SourceIp", "198.51.100.0/24", "203.0.113.9")
	for _, ip := range []string{"198.51.100.23", "203.0.113.9", "203.0.113.10", "2001:db8::1"} {
		env := condition.Env{Ctx: condition.NewContext(map[string][]string{"aws:SourceIp": {ip}})}
		fmt.Printf("%s: %v\n", ip, c.Eval(&env))
	}
	// Output:
	// 198.51.100.23: true
	// 203.0.113.9: true
	// 203.0.113.10: false
	// 2001:db8::1: false
}

// A policy variable compares a resource tag with the caller's tag; when
// the caller has no such tag, the positive operator fails and the
// negated one holds.
func Example_variable() {
	same := compile("StringEquals", "aws:ResourceTag/team", "${aws:PrincipalTag/team}")
	differ := compile("StringNotEquals", "aws:ResourceTag/team", "${aws:PrincipalTag/team}")
	for _, principalTeam := range []string{"ledger", "growth", ""} {
		var ctx condition.Context
		ctx.Set("aws:ResourceTag/team", "ledger")
		if principalTeam != "" {
			ctx.Set("aws:PrincipalTag/team", principalTeam)
		}
		env := condition.Env{Ctx: &ctx}
		fmt.Printf("principal %q: equal %v, not equal %v\n", principalTeam, same.Eval(&env), differ.Eval(&env))
	}
	// Output:
	// principal "ledger": equal true, not equal false
	// principal "growth": equal false, not equal true
	// principal "": equal false, not equal true
}

// A Date condition reads aws:CurrentTime from the request time when the
// context does not carry it.
func ExampleEnv() {
	c := compile("DateLessThan", "aws:CurrentTime", "2027-01-01")
	env := condition.Env{}
	fmt.Println(c.Eval(&env))
	env.Time = mustTime("2026-07-15T09:30:00Z")
	fmt.Println(c.Eval(&env))
	// Output:
	// false
	// true
}

// ParseOperator is case-sensitive and suggests the right spelling.
func ExampleParseOperator() {
	op, err := condition.ParseOperator("ForAnyValue:StringLikeIfExists")
	fmt.Println(op.Set, op.Base, op.IfExists, err)
	_, err = condition.ParseOperator("stringEquals")
	fmt.Println(err)
	// Output:
	// ForAnyValue StringLike true <nil>
	// unknown condition operator "stringEquals" (operator names are case-sensitive: did you mean "StringEquals"?)
}

// CheckValue is what a policy parser calls for every condition value.
func ExampleCheckValue() {
	for _, v := range []struct {
		b     condition.Base
		value string
	}{
		{condition.NumericLessThan, "3600"},
		{condition.NumericLessThan, "10 minutes"},
		{condition.Bool, "${aws:PrincipalTag/tls}"},
		{condition.IPAddress, "10.0.0.0/33"},
	} {
		err := condition.CheckValue(v.b, v.value, true)
		if ve, ok := err.(*condition.ValueError); ok {
			fmt.Println(v.b, v.value, "→", ve.Code)
		} else {
			fmt.Println(v.b, v.value, "→ ok")
		}
	}
	// Output:
	// NumericLessThan 3600 → ok
	// NumericLessThan 10 minutes → invalid-number
	// Bool ${aws:PrincipalTag/tls} → variable-not-allowed
	// IpAddress 10.0.0.0/33 → invalid-ip
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
