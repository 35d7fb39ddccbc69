package arn_test

import (
	"errors"
	"fmt"

	"github.com/lambdaiam/lambdaiam/arn"
)

func ExampleParse() {
	a, err := arn.Parse("arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf:PROD")
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Partition, a.Service, a.Region, a.AccountID)
	fmt.Println(a.Resource)
	fmt.Println(arn.KindOf(a))

	_, err = arn.Parse("arn:aws:lambda:us-east-1")
	var pe *arn.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Code, pe.Offset)
	}
	// Output:
	// aws lambda us-east-1 111122223333
	// function:invoice-pdf:PROD
	// functionAlias
	// too-few-parts 24
}

// A policy Resource on the unqualified function ARN does not cover a
// qualified request, and a qualifier wildcard does not cover an
// unqualified one.
func ExamplePattern_functionQualifiers() {
	const fn = "arn:aws:lambda:us-east-1:111122223333:function:"
	patterns := []string{fn + "f", fn + "f:*", fn + "f*", fn + "*"}
	requests := []string{"f", "f:1", "f:PROD", "f:$LATEST", "f2"}
	for _, p := range patterns {
		pat := arn.MustParsePattern(p)
		fmt.Printf("%-12s", p[len(fn)-len("function:"):])
		for _, r := range requests {
			mark := "-"
			if pat.Match(fn + r) {
				mark = "Y"
			}
			fmt.Printf(" %s=%s", r, mark)
		}
		fmt.Println()
	}
	// Output:
	// function:f   f=Y f:1=- f:PROD=- f:$LATEST=- f2=-
	// function:f:* f=- f:1=Y f:PROD=Y f:$LATEST=Y f2=-
	// function:f*  f=Y f:1=Y f:PROD=Y f:$LATEST=Y f2=Y
	// function:*   f=Y f:1=Y f:PROD=Y f:$LATEST=Y f2=Y
}

func ExampleResolveFunction() {
	// Invoke with FunctionName "orders:PROD" against us-east-1, as account
	// 111122223333.
	f, err := arn.ResolveFunction("orders:PROD", "", "aws", "us-east-1", "111122223333")
	if err != nil {
		panic(err)
	}
	fmt.Println(f, f.Qualified())
	fmt.Println(f.Unqualified())

	// A qualifier suffix and a different Qualifier parameter conflict.
	_, err = arn.ResolveFunction("orders:PROD", "DEV", "aws", "us-east-1", "111122223333")
	var pe *arn.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Code)
	}
	// Output:
	// arn:aws:lambda:us-east-1:111122223333:function:orders:PROD true
	// arn:aws:lambda:us-east-1:111122223333:function:orders
	// qualifier-conflict
}

func ExamplePattern_Match() {
	// A * that ends the region part may cross colons (Resource only).
	p := arn.MustParsePattern("arn:aws:lambda:*:function:invoice-pdf")
	fmt.Println(p.Match("arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf"))
	// A ? in the region part never crosses a colon.
	q := arn.MustParsePattern("arn:aws:lambda:us-east-?:111122223333:function:*")
	fmt.Println(q.Match("arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf"))
	// ArnLike compares the six components separately.
	fmt.Println(arn.MatchLike("arn:aws:lambda:*:function:invoice-pdf",
		"arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf"))
	// Output:
	// true
	// true
	// false
}

func ExampleParsePatternMode() {
	for _, mode := range []arn.ShortMode{arn.ShortPad, arn.ShortNoMatch, arn.ShortError} {
		p, err := arn.ParsePatternMode("arn:aws:lambda", mode)
		fmt.Println(p.Match("arn:aws:lambda:us-east-1:111122223333:function:f"), err != nil)
	}
	// Output:
	// true false
	// false false
	// false true
}
