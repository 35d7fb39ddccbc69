package lambdaapi

import (
	"errors"
	"strings"
	"testing"

	"github.com/lambdaiam/lambdaiam/arn"
)

// FuzzRequests builds requests from arbitrary parameters. Properties: no
// panic; an error is an *Error; on success there is at least one request,
// the first is the operation's own action, every resource is "*" or an
// ARN, a function resource is qualified only for operations that take a
// qualifier (F3), and every request has the caller (or anonymous) as
// principal.
func FuzzRequests(f *testing.F) {
	for _, op := range []string{"Invoke", "CreateFunction", "UpdateFunctionConfiguration", "GetLayerVersion",
		"InvokeFunctionUrl", "PutProvisionedConcurrencyConfig", "TagResource", "GetEventSourceMapping"} {
		f.Add(op, "orders", "", "us-east-1", ownLay, "common", "AWS_IAM", int64(4))
	}
	f.Add("Invoke", "111122223333:function:orders:PROD", "", "us-east-1", "", "", "", int64(0))
	f.Add("CreateAlias", "arn:aws:lambda:us-east-1:111122223333:function:orders:1", "", "", "", "", "", int64(0))
	f.Add("GetFunction", "orders", "$LATEST", "us-east-1", "", "", "", int64(0))
	f.Add("InvokeFunctionUrl", "orders", "live", "us-east-1", "", "", "NONE", int64(0))
	f.Fuzz(func(t *testing.T, op, name, qualifier, region, layer, layerName, authType string, version int64) {
		c := Call{Operation: op, Caller: caller, Region: region, FunctionName: name, Qualifier: qualifier,
			Role: role, Layers: []string{layer}, LayerName: layerName, VersionNumber: version,
			FunctionURLAuthType: authType, PermissionPrincipal: "*", UUID: esmUUID, Resource: layer,
			Tags: map[string]string{"k": "v"}, TagKeys: []string{"k"}, CodeSigningConfigArn: cscARN,
			CapacityProviderName: layerName}
		reqs, err := Requests(c)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not an *Error", err, err)
			}
			return
		}
		if len(reqs) == 0 {
			t.Fatal("no requests and no error")
		}
		want, _ := Action(op)
		if reqs[0].Action != want {
			t.Errorf("first action %s, want %s", reqs[0].Action, want)
		}
		o, _ := lookup(op)
		for _, r := range reqs {
			if r.Principal != caller && r.Principal != "anonymous" {
				t.Errorf("principal %q", r.Principal)
			}
			if r.Resource == "*" {
				continue
			}
			a, err := arn.Parse(r.Resource)
			if err != nil {
				t.Fatalf("resource %q: %v", r.Resource, err)
			}
			if strings.HasPrefix(r.Action, "lambda:") {
				k := arn.KindOf(a)
				if k == arn.KindUnknown {
					t.Errorf("%s on %q: not a Lambda resource", r.Action, r.Resource)
				}
				qualified := k == arn.KindFunctionAlias || k == arn.KindFunctionVersion || k == arn.KindFunctionLatest
				if qualified && (o.on == onWholeFunction || o.on == onFunctionAndCSC) {
					t.Errorf("%s on qualified %q", op, r.Resource)
				}
				if !qualified && o.on == onVersionOrAlias {
					t.Errorf("%s on unqualified %q", op, r.Resource)
				}
			}
		}
	})
}
