package lambdaapi

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

func parse(t testing.TB, kind policy.Kind, name, text string) *evaluate.Named {
	t.Helper()
	d, err := policy.Parse([]byte(text), policy.WithKind(kind), policy.WithSource(name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &evaluate.Named{Name: name, Doc: d}
}

// deployerPolicy lets the deployer create functions, use any layer of the
// region and pass the orders execution role to Lambda.
const deployerPolicy = `{"Version": "2012-10-17", "Statement": [
  {"Sid": "Create", "Effect": "Allow", "Action": "lambda:CreateFunction",
   "Resource": "arn:aws:lambda:us-east-1:111122223333:function:*"},
  {"Sid": "Layers", "Effect": "Allow", "Action": "lambda:GetLayerVersion",
   "Resource": "arn:aws:lambda:us-east-1:*:layer:*:*"},
  {"Sid": "PassRole", "Effect": "Allow", "Action": "iam:PassRole",
   "Resource": "arn:aws:iam::111122223333:role/orders-exec",
   "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}]}`

// sharedLayerPolicy is the policy of layer version shared:7 in the other
// account, granting the deployer's account (AddLayerVersionPermission).
const sharedLayerPolicy = `{"Version": "2012-10-17", "Statement": [
  {"Sid": "use", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
   "Action": "lambda:GetLayerVersion",
   "Resource": "arn:aws:lambda:us-east-1:444455556666:layer:shared:7"}]}`

// outcome summarizes a Result for comparison.
type outcome struct {
	Decision string
	Failed   string // the failed step's purpose
	Steps    []stepOutcome
}

type stepOutcome struct {
	Purpose, Action, Resource, Decision string
	Last                                string // the message of the last reason
}

func outcomeOf(r Result) outcome {
	o := outcome{Decision: r.Decision.String()}
	if r.Failed != nil {
		o.Failed = r.Failed.Purpose
	}
	for _, s := range r.Steps {
		so := stepOutcome{Purpose: s.Purpose, Action: s.Action, Resource: s.Resource, Decision: s.Result.Decision.String()}
		if n := len(s.Result.Reasons); n > 0 {
			so.Last = s.Result.Reasons[n-1].Message
		}
		o.Steps = append(o.Steps, so)
	}
	return o
}

// authorize decides c with an Authorizer of identity and resources,
// failing the test when either returns an error.
func authorize(t *testing.T, identity []evaluate.Named, resources map[string]*evaluate.Named, c Call) Result {
	t.Helper()
	a, err := NewAuthorizer(evaluate.Policies{Identity: identity}, resources)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Authorize(c)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func createOrders() Call {
	return Call{Operation: "CreateFunction", Caller: caller, Region: region,
		FunctionName: "orders", Role: role, Layers: []string{ownLay, farLay}}
}

// TestAuthorizeCreateFunction is the acceptance scenario of rule F3: a
// CreateFunction with a layer from another account and an execution role
// is the set of its authorizations, and the result names the one that
// failed.
func TestAuthorizeCreateFunction(t *testing.T) {
	identity := parse(t, policy.KindIdentity, "deployer", deployerPolicy)
	layerPolicy := parse(t, policy.KindResource, "shared:7", sharedLayerPolicy)
	denyPass := parse(t, policy.KindIdentity, "no-pass", `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "NoPass", "Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}]}`)

	steps := func(create, pass, own, far string, farMsg string) []stepOutcome {
		return []stepOutcome{
			{"call CreateFunction", "lambda:CreateFunction", fn, create, "allows lambda:CreateFunction"},
			{"pass the execution role", "iam:PassRole", role, pass, map[string]string{
				"Allow":        "allows iam:PassRole",
				"ExplicitDeny": "User: arn:aws:iam::111122223333:role/deployer is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/orders-exec with an explicit deny in an identity-based policy",
			}[pass]},
			{"use layer " + ownLay, "lambda:GetLayerVersion", ownLay, own, "allows lambda:GetLayerVersion"},
			{"use layer " + farLay, "lambda:GetLayerVersion", farLay, far, farMsg},
		}
	}
	tests := []struct {
		name      string
		identity  []evaluate.Named
		resources map[string]*evaluate.Named
		call      Call
		want      outcome
	}{
		{
			name:     "F3/cross-account-layer-without-its-policy",
			identity: []evaluate.Named{*identity},
			call:     createOrders(),
			want: outcome{Decision: "ImplicitDeny", Failed: "use layer " + farLay,
				Steps: steps("Allow", "Allow", "Allow", "ImplicitDeny",
					"User: arn:aws:iam::111122223333:role/deployer is not authorized to perform: lambda:GetLayerVersion on resource: "+farLay+" because no resource-based policy allows the lambda:GetLayerVersion action")},
		},
		{
			name:      "F3/cross-account-layer-with-its-policy",
			identity:  []evaluate.Named{*identity},
			resources: map[string]*evaluate.Named{farLay: layerPolicy},
			call:      createOrders(),
			want: outcome{Decision: "Allow",
				Steps: steps("Allow", "Allow", "Allow", "Allow", "allows lambda:GetLayerVersion")},
		},
		{
			name:      "F3/layer-policy-of-another-version-does-not-count",
			identity:  []evaluate.Named{*identity},
			resources: map[string]*evaluate.Named{"arn:aws:lambda:us-east-1:444455556666:layer:shared:6": layerPolicy},
			call:      createOrders(),
			want: outcome{Decision: "ImplicitDeny", Failed: "use layer " + farLay,
				Steps: steps("Allow", "Allow", "Allow", "ImplicitDeny",
					"User: arn:aws:iam::111122223333:role/deployer is not authorized to perform: lambda:GetLayerVersion on resource: "+farLay+" because no resource-based policy allows the lambda:GetLayerVersion action")},
		},
		{
			name:      "F3/pass-role-denied-is-named",
			identity:  []evaluate.Named{*identity, *denyPass},
			resources: map[string]*evaluate.Named{farLay: layerPolicy},
			call:      createOrders(),
			want: outcome{Decision: "ExplicitDeny", Failed: "pass the execution role",
				Steps: steps("Allow", "ExplicitDeny", "Allow", "Allow", "allows lambda:GetLayerVersion")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := authorize(t, tt.identity, tt.resources, tt.call)
			if diff := cmp.Diff(tt.want, outcomeOf(res)); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAuthorizePassRoleToOtherService checks that iam:PassRole carries
// iam:PassedToService: a grant scoped to another service does not allow.
func TestAuthorizePassRoleToOtherService(t *testing.T) {
	identity := parse(t, policy.KindIdentity, "ec2-only", `{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Action": "lambda:*", "Resource": "*"},
	  {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
	   "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}]}`)
	c := createOrders()
	c.Layers = nil
	res := authorize(t, []evaluate.Named{*identity}, nil, c)
	want := outcome{Decision: "ImplicitDeny", Failed: "pass the execution role", Steps: []stepOutcome{
		{"call CreateFunction", "lambda:CreateFunction", fn, "Allow", "allows lambda:CreateFunction"},
		{"pass the execution role", "iam:PassRole", role, "ImplicitDeny",
			"User: arn:aws:iam::111122223333:role/deployer is not authorized to perform: iam:PassRole on resource: " + role + " because no identity-based policy allows the iam:PassRole action"},
	}}
	if diff := cmp.Diff(want, outcomeOf(res)); diff != "" {
		t.Errorf("F3/pass-role-to-lambda-only (-want +got):\n%s", diff)
	}
}

// TestAuthorizeResourcePolicyByARN checks that each step uses the policy
// attached to its exact resource ARN: a version or alias has its own
// policy (F6), and a function URL needs both permissions (F7).
func TestAuthorizeResourcePolicyByARN(t *testing.T) {
	partner := "arn:aws:iam::444455556666:role/partner"
	partnerIdentity := parse(t, policy.KindIdentity, "partner", `{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:*:111122223333:function:orders*"}]}`)
	grant := func(name, resource string) *evaluate.Named {
		return parse(t, policy.KindResource, name, `{"Version": "2012-10-17", "Statement": [
		  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
		   "Action": "lambda:InvokeFunction", "Resource": "`+resource+`"}]}`)
	}
	urlOnly := parse(t, policy.KindResource, "url-only", `{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl", "Resource": "`+fn+`",
	   "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}}]}`)
	urlAndInvoke := parse(t, policy.KindResource, "url-and-invoke", `{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl", "Resource": "`+fn+`",
	   "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}},
	  {"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": "`+fn+`",
	   "Condition": {"Bool": {"lambda:InvokedViaFunctionUrl": "true"}}}]}`)

	invokeProd := Call{Operation: "Invoke", Caller: partner, Region: region, FunctionName: acct + ":function:orders", Qualifier: "PROD"}
	url := Call{Operation: InvokeFunctionURL, Region: region, Account: acct, FunctionName: "orders", FunctionURLAuthType: "NONE"}
	tests := []struct {
		name      string
		identity  []evaluate.Named
		resources map[string]*evaluate.Named
		call      Call
		decision  string
		failed    string
	}{
		{"F6/alias-policy-covers-alias", []evaluate.Named{*partnerIdentity},
			map[string]*evaluate.Named{fn + ":PROD": grant("prod", fn+":PROD")}, invokeProd, "Allow", ""},
		{"F6/function-policy-does-not-cover-alias", []evaluate.Named{*partnerIdentity},
			map[string]*evaluate.Named{fn: grant("function", fn+"*")}, invokeProd, "ImplicitDeny", "call Invoke"},
		{"F7/url-needs-invoke-function-too", nil,
			map[string]*evaluate.Named{fn: urlOnly}, url, "ImplicitDeny", "invoke the function through its URL"},
		{"F7/url-with-both-grants", nil,
			map[string]*evaluate.Named{fn: urlAndInvoke}, url, "Allow", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := outcomeOf(authorize(t, tt.identity, tt.resources, tt.call))
			if diff := cmp.Diff([2]string{tt.decision, tt.failed}, [2]string{got.Decision, got.Failed}); diff != "" {
				t.Errorf("decision, failed step (-want +got):\n%s\n%+v", diff, got)
			}
		})
	}
}

func TestAuthorizerErrors(t *testing.T) {
	fnPolicy := parse(t, policy.KindResource, "fn", sharedLayerPolicy)
	scp := parse(t, policy.KindSCP, "scp", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	tests := []struct {
		name      string
		p         evaluate.Policies
		resources map[string]*evaluate.Named
		want      Code
	}{
		{"F6/resource-slot-not-used", evaluate.Policies{Resource: fnPolicy}, nil, CodeResourcePolicy},
		{"F6/key-not-an-arn", evaluate.Policies{}, map[string]*evaluate.Named{"orders": fnPolicy}, CodeResourcePolicy},
		{"F6/key-not-lambda", evaluate.Policies{}, map[string]*evaluate.Named{role: fnPolicy}, CodeResourcePolicy},
		{"F6/policy-of-wrong-kind", evaluate.Policies{}, map[string]*evaluate.Named{fn: scp}, CodeResourcePolicy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewAuthorizer(tt.p, tt.resources)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			if e.Code != tt.want {
				t.Errorf("code %q, want %q (%v)", e.Code, tt.want, err)
			}
		})
	}

	// A call that cannot be built is Requests' error; a request that cannot
	// be evaluated (a malformed caller) is evaluate's, with every step kept.
	a, err := NewAuthorizer(evaluate.Policies{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authorize(Call{Operation: "Nope"}); err == nil {
		t.Errorf("E2/unknown-operation: no error")
	}
	res, err := a.Authorize(Call{Operation: "Invoke", Caller: "bob", Region: region, Account: acct, FunctionName: "orders"})
	var ee *evaluate.Error
	if !errors.As(err, &ee) || ee.Code != evaluate.CodeInvalidPrincipal {
		t.Errorf("E2/bad-caller: error %v, want evaluate's invalid-principal", err)
	}
	if res.Decision != evaluate.ImplicitDeny || res.Failed == nil || len(res.Steps) != 1 {
		t.Errorf("E2/bad-caller: result %+v, want one failed ImplicitDeny step", outcomeOf(res))
	}
}

func TestAuthorizeConcurrent(t *testing.T) {
	a, err := NewAuthorizer(evaluate.Policies{Identity: []evaluate.Named{*parse(t, policy.KindIdentity, "deployer", deployerPolicy)}},
		map[string]*evaluate.Named{farLay: parse(t, policy.KindResource, "shared:7", sharedLayerPolicy)})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan evaluate.Decision)
	for i := 0; i < 8; i++ {
		go func() {
			res, _ := a.Authorize(createOrders())
			done <- res.Decision
		}()
	}
	for i := 0; i < 8; i++ {
		if d := <-done; d != evaluate.Allow {
			t.Errorf("decision %v, want Allow", d)
		}
	}
}
