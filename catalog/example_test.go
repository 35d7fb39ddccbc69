package catalog_test

import (
	"fmt"

	"github.com/lambdaiam/lambdaiam/catalog"
)

// Action names compare without regard to case; the result carries the
// canonical name, the access level and the resource types.
func ExampleAction() {
	a, ok := catalog.Action("lambda:invokefunction")
	fmt.Println(a, ok)
	fmt.Println(a.AccessLevel, a.WildcardOnly)
	for _, r := range a.ResourceTypes {
		fmt.Println(r.Name, "required:", r.Required)
	}
	fmt.Println(a.ConditionKeys)
	// Output:
	// lambda:InvokeFunction true
	// Write false
	// function required: true
	// [lambda:EventSourceToken lambda:InvokedViaFunctionUrl]
}

// Expand lists the actions an Action element entry covers.
func ExampleExpand() {
	for _, a := range catalog.Expand("lambda:*Alias") {
		fmt.Println(a, a.AccessLevel)
	}
	fmt.Println(len(catalog.Expand("lambda:*")))
	// Output:
	// lambda:CreateAlias Write
	// lambda:DeleteAlias Write
	// lambda:GetAlias Read
	// lambda:UpdateAlias Write
	// 119
}

// A key's type says whether it is multivalued; a tag key finds its
// template.
func ExampleKey() {
	for _, name := range []string{"lambda:Layer", "aws:SourceIp", "aws:RequestTag/team"} {
		k, _ := catalog.Key(name)
		fmt.Println(k.Name, k.Type, k.Multivalued)
	}
	// Output:
	// lambda:Layer ArrayOfString true
	// aws:SourceIp IPAddress false
	// aws:RequestTag/${TagKey} String false
}

// Actions with no resource type are authorized against "*" only.
func ExampleCatalog_WildcardOnly() {
	c := catalog.Default()
	fmt.Println(c.WildcardOnly("lambda:ListFunctions"))
	fmt.Println(c.WildcardOnly("lambda:GetFunction"))
	// Output:
	// true
	// false
}

// A qualified function ARN is a version or an alias, never both.
func ExampleCatalog_ResourceTypesOf() {
	c := catalog.Default()
	for _, q := range []string{"", ":7", ":$LATEST", ":PROD"} {
		for _, rt := range c.ResourceTypesOf("arn:aws:lambda:us-east-1:111122223333:function:orders" + q) {
			fmt.Printf("%q %s\n", q, rt.Name)
		}
	}
	// Output:
	// "" function
	// ":7" function version
	// ":$LATEST" function version
	// ":PROD" function alias
}

// API operations map to the actions that authorize them.
func ExampleCatalog_Operation() {
	c := catalog.Default()
	for _, op := range []string{"Invoke", "InvokeWithResponseStream", "GetLayerVersionByArn", "GetFunction"} {
		a, _ := c.Operation("lambda", op)
		fmt.Println(op, "→", a)
	}
	// Output:
	// Invoke → lambda:InvokeFunction
	// InvokeWithResponseStream → lambda:InvokeFunction
	// GetLayerVersionByArn → lambda:GetLayerVersion
	// GetFunction → lambda:GetFunction
}

// Resource control policies do not apply to Lambda.
func ExampleCatalog_RCPSupported() {
	c := catalog.Default()
	fmt.Println(c.RCPSupported("lambda"), c.RCPSupported("s3"))
	// Output:
	// false true
}
