package glob_test

import (
	"fmt"

	"github.com/lambdaiam/lambdaiam/internal/glob"
)

func ExampleMatch_actionPattern() {
	fmt.Println(glob.Match("lambda:Get*", "lambda:GetAlias"))
	fmt.Println(glob.Match("lambda:Get*", "lambda:ListFunctions"))
	fmt.Println(glob.Match("lambda:?etAlias", "lambda:GetAlias"))
	// Output:
	// true
	// false
	// true
}

func ExampleMatchFold_caseInsensitive() {
	fmt.Println(glob.MatchFold("LAMBDA:invoke*", "lambda:InvokeFunction"))
	// Output: true
}

func ExampleMatchTokens_noColon() {
	// A region wildcard that must stay inside the region.
	toks := []glob.Token{
		{Kind: glob.Literal, Text: "us-"},
		{Kind: glob.StarNoColon},
		{Kind: glob.Literal, Text: "-1"},
	}
	fmt.Println(glob.MatchTokens(toks, "us-east-1", false))
	fmt.Println(glob.MatchTokens(toks, "us-east:x-1", false))
	// Output:
	// true
	// false
}

func ExampleParse() {
	for _, t := range glob.Parse("function:f*?") {
		fmt.Printf("%v %q\n", t.Kind, t.Text)
	}
	// Output:
	// Literal "function:f"
	// Star ""
	// Quest ""
}
