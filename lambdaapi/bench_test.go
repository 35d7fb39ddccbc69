package lambdaapi

import (
	"testing"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

func BenchmarkRequestsInvoke(b *testing.B) {
	c := Call{Operation: "Invoke", Caller: caller, Region: region, FunctionName: "orders", Qualifier: "PROD"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Requests(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRequestsCreateFunction(b *testing.B) {
	c := createOrders()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Requests(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAuthorizeCreateFunction(b *testing.B) {
	a, err := NewAuthorizer(evaluate.Policies{Identity: []evaluate.Named{*parse(b, policy.KindIdentity, "deployer", deployerPolicy)}},
		map[string]*evaluate.Named{farLay: parse(b, policy.KindResource, "shared:7", sharedLayerPolicy)})
	if err != nil {
		b.Fatal(err)
	}
	c := createOrders()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if res, _ := a.Authorize(c); res.Decision != evaluate.Allow {
			b.Fatal(res.Decision)
		}
	}
}
