package catalog_test

import (
	"testing"

	"github.com/lambdaiam/lambdaiam/catalog"
)

// benchLookup times lookup on the default catalog, one call per
// iteration, reporting allocations. The catalog is decoded before the
// timer starts.
func benchLookup(b *testing.B, lookup func(c *catalog.Catalog)) {
	c := catalog.Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lookup(c)
	}
}

func BenchmarkAction(b *testing.B) {
	benchLookup(b, func(c *catalog.Catalog) {
		if _, ok := c.Action("lambda:InvokeFunction"); !ok {
			b.Fatal("not found")
		}
	})
}

func BenchmarkActionMixedCase(b *testing.B) {
	benchLookup(b, func(c *catalog.Catalog) {
		if _, ok := c.Action("LAMBDA:invokeFunction"); !ok {
			b.Fatal("not found")
		}
	})
}

func BenchmarkWildcardOnly(b *testing.B) {
	benchLookup(b, func(c *catalog.Catalog) { c.WildcardOnly("ec2:DescribeSubnets") })
}

func BenchmarkExpandLambdaGet(b *testing.B) {
	benchLookup(b, func(c *catalog.Catalog) { c.Expand("lambda:Get*") })
}

func BenchmarkExpandAll(b *testing.B) {
	benchLookup(b, func(c *catalog.Catalog) { c.Expand("*") })
}

func BenchmarkExpandWildcardService(b *testing.B) {
	benchLookup(b, func(c *catalog.Catalog) { c.Expand("*:Describe*Interface*") })
}

func BenchmarkMultivaluedTemplate(b *testing.B) {
	benchLookup(b, func(c *catalog.Catalog) { c.Multivalued("aws:requesttag/team") })
}

func BenchmarkResourceTypesOf(b *testing.B) {
	benchLookup(b, func(c *catalog.Catalog) {
		c.ResourceTypesOf("arn:aws:lambda:us-east-1:111122223333:function:orders:PROD")
	})
}
