package catalog_test

import (
	"testing"

	"github.com/lambdaiam/lambdaiam/catalog"
)

func BenchmarkAction(b *testing.B) {
	c := catalog.Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := c.Action("lambda:InvokeFunction"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkActionMixedCase(b *testing.B) {
	c := catalog.Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := c.Action("LAMBDA:invokeFunction"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkWildcardOnly(b *testing.B) {
	c := catalog.Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.WildcardOnly("ec2:DescribeSubnets")
	}
}

func BenchmarkExpandLambdaGet(b *testing.B) {
	c := catalog.Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Expand("lambda:Get*")
	}
}

func BenchmarkExpandAll(b *testing.B) {
	c := catalog.Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Expand("*")
	}
}

func BenchmarkExpandWildcardService(b *testing.B) {
	c := catalog.Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Expand("*:Describe*Interface*")
	}
}

func BenchmarkMultivaluedTemplate(b *testing.B) {
	c := catalog.Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Multivalued("aws:requesttag/team")
	}
}

func BenchmarkResourceTypesOf(b *testing.B) {
	c := catalog.Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.ResourceTypesOf("arn:aws:lambda:us-east-1:111122223333:function:orders:PROD")
	}
}
