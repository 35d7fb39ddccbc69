package lambdaapi

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/catalog"
	"github.com/lambdaiam/lambdaiam/condition"
)

const (
	acct    = "111122223333"
	other   = "444455556666"
	region  = "us-east-1"
	caller  = "arn:aws:iam::111122223333:role/deployer"
	fn      = "arn:aws:lambda:us-east-1:111122223333:function:orders"
	role    = "arn:aws:iam::111122223333:role/orders-exec"
	ownLay  = "arn:aws:lambda:us-east-1:111122223333:layer:common:4"
	farLay  = "arn:aws:lambda:us-east-1:444455556666:layer:shared:7"
	cscARN  = "arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-0123456789abcdef0"
	esmUUID = "14e0db71-5d35-4eb5-b481-8945cf9d10c2"
	esmARN  = "arn:aws:lambda:us-east-1:111122223333:event-source-mapping:" + esmUUID
	durable = "arn:aws:lambda:us-east-1:111122223333:function:orders:1/durable-execution/run/0f1e2d3c"
)

// view is a Request in comparable form: the context as key → string
// (single-valued) or []string (multivalued).
type view struct {
	Purpose, Principal, Action, Resource string
	Context                              map[string]any
}

func viewOf(reqs []Request) []view {
	var out []view
	for _, r := range reqs {
		v := view{Purpose: r.Purpose, Principal: r.Principal, Action: r.Action, Resource: r.Resource}
		for _, k := range r.Context.Keys() {
			if v.Context == nil {
				v.Context = map[string]any{}
			}
			val, _ := r.Context.Lookup(k)
			if val.Multi() {
				v.Context[k] = val.Strings()
			} else {
				v.Context[k] = val.At(0)
			}
		}
		out = append(out, v)
	}
	return out
}

// base is a call from the deployer role in us-east-1.
func base(op string) Call {
	return Call{Operation: op, Caller: caller, Region: region}
}

func with(c Call, f func(*Call)) Call { f(&c); return c }

func main(purpose, action, resource string, ctx map[string]any) view {
	return view{Purpose: purpose, Principal: caller, Action: action, Resource: resource, Context: ctx}
}

func TestRequests(t *testing.T) {
	tests := []struct {
		name string
		call Call
		want []view
	}{
		// Invocation (F2, F3).
		{"F3/invoke-unqualified", with(base("Invoke"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call Invoke", "lambda:InvokeFunction", fn, nil)}},
		{"F3/invoke-qualifier-parameter", with(base("Invoke"), func(c *Call) { c.FunctionName, c.Qualifier = "orders", "PROD" }),
			[]view{main("call Invoke", "lambda:InvokeFunction", fn+":PROD", nil)}},
		{"F3/invoke-qualifier-suffix", with(base("Invoke"), func(c *Call) { c.FunctionName = "orders:7" }),
			[]view{main("call Invoke", "lambda:InvokeFunction", fn+":7", nil)}},
		{"F3/invoke-explicit-latest-is-qualified", with(base("Invoke"), func(c *Call) { c.FunctionName, c.Qualifier = "orders", "$LATEST" }),
			[]view{main("call Invoke", "lambda:InvokeFunction", fn+":$LATEST", nil)}},
		{"F2/invoke-partial-arn", with(base("Invoke"), func(c *Call) { c.FunctionName = other + ":function:orders:PROD" }),
			[]view{main("call Invoke", "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:444455556666:function:orders:PROD", nil)}},
		{"F2/invoke-full-arn-without-region", with(base("Invoke"), func(c *Call) {
			c.Region = ""
			c.FunctionName = "arn:aws:lambda:eu-west-1:444455556666:function:orders"
		}),
			[]view{main("call Invoke", "lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:444455556666:function:orders", nil)}},
		{"F3/invoke-with-response-stream", with(base("InvokeWithResponseStream"), func(c *Call) { c.FunctionName, c.Qualifier = "orders", "3" }),
			[]view{main("call InvokeWithResponseStream", "lambda:InvokeFunction", fn+":3", nil)}},
		{"F3/invoke-async", with(base("InvokeAsync"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call InvokeAsync", "lambda:InvokeAsync", fn, nil)}},
		{"F5/invoke-event-source-token", with(base("Invoke"), func(c *Call) {
			c.Caller, c.Account = "alexa-appkit.amazon.com", acct
			c.FunctionName, c.EventSourceToken = "orders", "amzn1.ask.skill.1"
		}),
			[]view{{Purpose: "call Invoke", Principal: "alexa-appkit.amazon.com", Action: "lambda:InvokeFunction", Resource: fn,
				Context: map[string]any{"lambda:eventsourcetoken": "amzn1.ask.skill.1"}}}},
		{"E6/service-invoke-source-keys", with(base("Invoke"), func(c *Call) {
			c.Caller, c.Account = "s3.amazonaws.com", acct
			c.FunctionName, c.SourceArn, c.SourceAccount = "orders", "arn:aws:s3:::uploads", acct
		}),
			[]view{{Purpose: "call Invoke", Principal: "s3.amazonaws.com", Action: "lambda:InvokeFunction", Resource: fn,
				Context: map[string]any{"aws:sourcearn": "arn:aws:s3:::uploads", "aws:sourceaccount": acct}}}},
		{"F2/caller-context-is-copied", with(base("Invoke"), func(c *Call) {
			c.FunctionName = "orders"
			c.Context = condition.NewContext(map[string][]string{"aws:SourceIp": {"10.0.0.1"}, "aws:PrincipalOrgPaths": {"o-a/r-b/"}})
			c.ResourceTags = map[string]string{"team": "pay"}
		}),
			[]view{main("call Invoke", "lambda:InvokeFunction", fn, map[string]any{
				"aws:sourceip": "10.0.0.1", "aws:principalorgpaths": []string{"o-a/r-b/"}, "aws:resourcetag/team": "pay"})}},

		// Function URLs (F7).
		{"F7/url-aws-iam", with(base(InvokeFunctionURL), func(c *Call) { c.FunctionName, c.FunctionURLAuthType = "orders", "AWS_IAM" }),
			[]view{
				main("call the function URL", "lambda:InvokeFunctionUrl", fn, map[string]any{
					"lambda:functionurlauthtype": "AWS_IAM", "lambda:functionarn": fn}),
				main("invoke the function through its URL", "lambda:InvokeFunction", fn, map[string]any{
					"lambda:invokedviafunctionurl": "true"}),
			}},
		{"F7/url-none-is-anonymous", with(base(InvokeFunctionURL), func(c *Call) {
			c.Caller, c.Account = "", acct
			c.FunctionName, c.Qualifier, c.FunctionURLAuthType = "orders", "live", "NONE"
		}),
			[]view{
				{Purpose: "call the function URL", Principal: "anonymous", Action: "lambda:InvokeFunctionUrl", Resource: fn + ":live",
					Context: map[string]any{"lambda:functionurlauthtype": "NONE", "lambda:functionarn": fn + ":live"}},
				{Purpose: "invoke the function through its URL", Principal: "anonymous", Action: "lambda:InvokeFunction", Resource: fn + ":live",
					Context: map[string]any{"lambda:invokedviafunctionurl": "true"}},
			}},
		{"F5/create-function-url-config", with(base("CreateFunctionUrlConfig"), func(c *Call) {
			c.FunctionName, c.Qualifier, c.FunctionURLAuthType = "orders", "live", "NONE"
		}),
			[]view{main("call CreateFunctionUrlConfig", "lambda:CreateFunctionUrlConfig", fn+":live", map[string]any{
				"lambda:functionurlauthtype": "NONE", "lambda:functionarn": fn + ":live"})}},
		{"F5/get-function-url-config", with(base("GetFunctionUrlConfig"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call GetFunctionUrlConfig", "lambda:GetFunctionUrlConfig", fn, map[string]any{"lambda:functionarn": fn})}},
		{"F5/update-function-url-config", with(base("UpdateFunctionUrlConfig"), func(c *Call) { c.FunctionName, c.FunctionURLAuthType = "orders", "AWS_IAM" }),
			[]view{main("call UpdateFunctionUrlConfig", "lambda:UpdateFunctionUrlConfig", fn, map[string]any{
				"lambda:functionurlauthtype": "AWS_IAM", "lambda:functionarn": fn})}},
		{"F5/delete-function-url-config", with(base("DeleteFunctionUrlConfig"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call DeleteFunctionUrlConfig", "lambda:DeleteFunctionUrlConfig", fn, map[string]any{"lambda:functionarn": fn})}},
		{"F5/list-function-url-configs", with(base("ListFunctionUrlConfigs"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call ListFunctionUrlConfigs", "lambda:ListFunctionUrlConfigs", fn, nil)}},

		// Creating and configuring functions (F3, F5).
		{"F3/create-function", with(base("CreateFunction"), func(c *Call) {
			c.FunctionName, c.Role = "orders", role
			c.Layers = []string{ownLay, farLay}
			c.VpcConfig = &VpcConfig{SubnetIds: []string{"subnet-1", "subnet-2"}, SecurityGroupIds: []string{"sg-1"}, VpcID: "vpc-1"}
			c.CodeSigningConfigArn = cscARN
			c.Tags = map[string]string{"team": "pay", "env": "prod"}
		}),
			[]view{
				main("call CreateFunction", "lambda:CreateFunction", fn, map[string]any{
					"lambda:layer":                []string{ownLay, farLay},
					"lambda:subnetids":            []string{"subnet-1", "subnet-2"},
					"lambda:securitygroupids":     []string{"sg-1"},
					"lambda:vpcids":               "vpc-1",
					"lambda:codesigningconfigarn": cscARN,
					"aws:requesttag/team":         "pay",
					"aws:requesttag/env":          "prod",
					"aws:tagkeys":                 []string{"env", "team"},
				}),
				main("pass the execution role", "iam:PassRole", role, map[string]any{"iam:passedtoservice": "lambda.amazonaws.com"}),
				main("use layer "+ownLay, "lambda:GetLayerVersion", ownLay, nil),
				main("use layer "+farLay, "lambda:GetLayerVersion", farLay, nil),
			}},
		{"F5/create-function-without-vpc-or-layers", with(base("CreateFunction"), func(c *Call) { c.FunctionName, c.Role = "orders", role }),
			[]view{
				main("call CreateFunction", "lambda:CreateFunction", fn, nil),
				main("pass the execution role", "iam:PassRole", role, map[string]any{"iam:passedtoservice": "lambda.amazonaws.com"}),
			}},
		{"F5/update-configuration-removes-layers-and-vpc", with(base("UpdateFunctionConfiguration"), func(c *Call) {
			c.FunctionName, c.Layers, c.VpcConfig = "orders", []string{}, &VpcConfig{}
		}),
			[]view{main("call UpdateFunctionConfiguration", "lambda:UpdateFunctionConfiguration", fn, map[string]any{
				"lambda:layer": []string{}, "lambda:subnetids": []string{}, "lambda:securitygroupids": []string{}})}},
		{"F3/update-configuration-with-role-and-layer", with(base("UpdateFunctionConfiguration"), func(c *Call) {
			c.FunctionName, c.Role, c.Layers = fn, role, []string{farLay}
		}),
			[]view{
				main("call UpdateFunctionConfiguration", "lambda:UpdateFunctionConfiguration", fn, map[string]any{"lambda:layer": []string{farLay}}),
				main("pass the execution role", "iam:PassRole", role, map[string]any{"iam:passedtoservice": "lambda.amazonaws.com"}),
				main("use layer "+farLay, "lambda:GetLayerVersion", farLay, nil),
			}},
		{"F3/update-function-code-unqualified", with(base("UpdateFunctionCode"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call UpdateFunctionCode", "lambda:UpdateFunctionCode", fn, nil)}},
		{"F3/publish-version-unqualified", with(base("PublishVersion"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call PublishVersion", "lambda:PublishVersion", fn, nil)}},
		{"F3/get-function-qualified", with(base("GetFunction"), func(c *Call) { c.FunctionName, c.Qualifier = "orders", "2" }),
			[]view{main("call GetFunction", "lambda:GetFunction", fn+":2", nil)}},
		{"F3/get-function-configuration", with(base("GetFunctionConfiguration"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call GetFunctionConfiguration", "lambda:GetFunctionConfiguration", fn, nil)}},
		{"F3/delete-function-version", with(base("DeleteFunction"), func(c *Call) { c.FunctionName, c.Qualifier = "orders", "2" }),
			[]view{main("call DeleteFunction", "lambda:DeleteFunction", fn+":2", nil)}},
		{"F3/delete-function", with(base("DeleteFunction"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call DeleteFunction", "lambda:DeleteFunction", fn, nil)}},
		{"F3/create-alias-unqualified", with(base("CreateAlias"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call CreateAlias", "lambda:CreateAlias", fn, nil)}},
		{"F3/get-alias-unqualified", with(base("GetAlias"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call GetAlias", "lambda:GetAlias", fn, nil)}},
		{"F3/update-alias-unqualified", with(base("UpdateAlias"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call UpdateAlias", "lambda:UpdateAlias", fn, nil)}},
		{"F3/delete-alias-unqualified", with(base("DeleteAlias"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call DeleteAlias", "lambda:DeleteAlias", fn, nil)}},
		{"F3/put-function-concurrency", with(base("PutFunctionConcurrency"), func(c *Call) { c.FunctionName = "orders" }),
			[]view{main("call PutFunctionConcurrency", "lambda:PutFunctionConcurrency", fn, nil)}},

		// Permissions (F5, F6).
		{"F6/add-permission-qualified", with(base("AddPermission"), func(c *Call) {
			c.FunctionName, c.Qualifier, c.PermissionPrincipal = "orders", "PROD", "sns.amazonaws.com"
		}),
			[]view{main("call AddPermission", "lambda:AddPermission", fn+":PROD", map[string]any{"lambda:principal": "sns.amazonaws.com"})}},
		{"F5/add-permission-url-auth-type", with(base("AddPermission"), func(c *Call) {
			c.FunctionName, c.PermissionPrincipal, c.FunctionURLAuthType = "orders", "*", "NONE"
		}),
			[]view{main("call AddPermission", "lambda:AddPermission", fn, map[string]any{
				"lambda:principal": "*", "lambda:functionurlauthtype": "NONE"})}},
		{"F5/remove-permission", with(base("RemovePermission"), func(c *Call) { c.FunctionName, c.PermissionPrincipal = "orders", other }),
			[]view{main("call RemovePermission", "lambda:RemovePermission", fn, map[string]any{"lambda:principal": other})}},
		{"F3/get-policy-qualified", with(base("GetPolicy"), func(c *Call) { c.FunctionName = "orders:PROD" }),
			[]view{main("call GetPolicy", "lambda:GetPolicy", fn+":PROD", nil)}},

		// Provisioned concurrency: version or alias ARN (F3).
		{"F3/put-provisioned-concurrency-alias", with(base("PutProvisionedConcurrencyConfig"), func(c *Call) { c.FunctionName, c.Qualifier = "orders", "live" }),
			[]view{main("call PutProvisionedConcurrencyConfig", "lambda:PutProvisionedConcurrencyConfig", fn+":live", nil)}},
		{"F3/get-provisioned-concurrency-version", with(base("GetProvisionedConcurrencyConfig"), func(c *Call) { c.FunctionName = "orders:3" }),
			[]view{main("call GetProvisionedConcurrencyConfig", "lambda:GetProvisionedConcurrencyConfig", fn+":3", nil)}},
		{"F3/delete-provisioned-concurrency", with(base("DeleteProvisionedConcurrencyConfig"), func(c *Call) { c.FunctionName, c.Qualifier = "orders", "live" }),
			[]view{main("call DeleteProvisionedConcurrencyConfig", "lambda:DeleteProvisionedConcurrencyConfig", fn+":live", nil)}},

		// Layers (F3).
		{"F3/get-layer-version-by-name", with(base("GetLayerVersion"), func(c *Call) { c.LayerName, c.VersionNumber = "common", 4 }),
			[]view{main("call GetLayerVersion", "lambda:GetLayerVersion", ownLay, nil)}},
		{"F3/get-layer-version-by-layer-arn", with(base("GetLayerVersion"), func(c *Call) {
			c.LayerName, c.VersionNumber = "arn:aws:lambda:us-east-1:444455556666:layer:shared", 7
		}),
			[]view{main("call GetLayerVersion", "lambda:GetLayerVersion", farLay, nil)}},
		{"F3/get-layer-version-by-arn", with(base("GetLayerVersionByArn"), func(c *Call) { c.Resource = farLay }),
			[]view{main("call GetLayerVersionByArn", "lambda:GetLayerVersion", farLay, nil)}},
		{"F3/publish-layer-version-on-layer", with(base("PublishLayerVersion"), func(c *Call) { c.LayerName = "common" }),
			[]view{main("call PublishLayerVersion", "lambda:PublishLayerVersion", "arn:aws:lambda:us-east-1:111122223333:layer:common", nil)}},
		{"F3/add-layer-version-permission", with(base("AddLayerVersionPermission"), func(c *Call) { c.LayerName, c.VersionNumber = "common", 4 }),
			[]view{main("call AddLayerVersionPermission", "lambda:AddLayerVersionPermission", ownLay, nil)}},
		{"M3.4/list-layer-versions-is-wildcard", with(base("ListLayerVersions"), func(c *Call) { c.LayerName = "common" }),
			[]view{main("call ListLayerVersions", "lambda:ListLayerVersions", "*", nil)}},

		// Event source mappings (F3).
		{"F3/create-event-source-mapping", with(base("CreateEventSourceMapping"), func(c *Call) {
			c.FunctionName, c.Tags = "orders:live", map[string]string{"team": "pay"}
		}),
			[]view{main("call CreateEventSourceMapping", "lambda:CreateEventSourceMapping", "*", map[string]any{
				"lambda:functionarn": fn + ":live", "aws:requesttag/team": "pay", "aws:tagkeys": []string{"team"}})}},
		{"F3/update-event-source-mapping", with(base("UpdateEventSourceMapping"), func(c *Call) { c.UUID, c.FunctionName = esmUUID, "orders" }),
			[]view{main("call UpdateEventSourceMapping", "lambda:UpdateEventSourceMapping", esmARN, map[string]any{"lambda:functionarn": fn})}},
		{"F3/get-event-source-mapping", with(base("GetEventSourceMapping"), func(c *Call) { c.UUID = esmUUID }),
			[]view{main("call GetEventSourceMapping", "lambda:GetEventSourceMapping", esmARN, nil)}},
		{"F3/delete-event-source-mapping", with(base("DeleteEventSourceMapping"), func(c *Call) { c.UUID = esmUUID }),
			[]view{main("call DeleteEventSourceMapping", "lambda:DeleteEventSourceMapping", esmARN, nil)}},

		// Account-wide and code signing.
		{"M3.4/list-functions", base("ListFunctions"),
			[]view{main("call ListFunctions", "lambda:ListFunctions", "*", nil)}},
		{"M3.4/get-account-settings", base("GetAccountSettings"),
			[]view{main("call GetAccountSettings", "lambda:GetAccountSettings", "*", nil)}},
		{"F5/put-function-code-signing-config-two-resources", with(base("PutFunctionCodeSigningConfig"), func(c *Call) {
			c.FunctionName, c.CodeSigningConfigArn = "orders", cscARN
		}),
			[]view{
				main("call PutFunctionCodeSigningConfig on the function", "lambda:PutFunctionCodeSigningConfig", fn,
					map[string]any{"lambda:codesigningconfigarn": cscARN}),
				main("call PutFunctionCodeSigningConfig on the code signing config", "lambda:PutFunctionCodeSigningConfig", cscARN,
					map[string]any{"lambda:codesigningconfigarn": cscARN}),
			}},
		{"F3/get-code-signing-config", with(base("GetCodeSigningConfig"), func(c *Call) { c.CodeSigningConfigArn = cscARN }),
			[]view{main("call GetCodeSigningConfig", "lambda:GetCodeSigningConfig", cscARN, nil)}},

		// Tags.
		{"F5/tag-resource", with(base("TagResource"), func(c *Call) { c.Resource, c.Tags = fn, map[string]string{"team": "pay"} }),
			[]view{main("call TagResource", "lambda:TagResource", fn, map[string]any{
				"aws:requesttag/team": "pay", "aws:tagkeys": []string{"team"}})}},
		{"F5/untag-resource", with(base("UntagResource"), func(c *Call) { c.Resource, c.TagKeys = esmARN, []string{"team"} }),
			[]view{main("call UntagResource", "lambda:UntagResource", esmARN, map[string]any{"aws:tagkeys": []string{"team"}})}},
		{"F5/list-tags", with(base("ListTags"), func(c *Call) { c.Resource = cscARN }),
			[]view{main("call ListTags", "lambda:ListTags", cscARN, nil)}},

		// Durable executions and capacity providers.
		{"F1/get-durable-execution", with(base("GetDurableExecution"), func(c *Call) { c.Resource = durable }),
			[]view{main("call GetDurableExecution", "lambda:GetDurableExecution", durable, nil)}},
		{"F1/create-capacity-provider", with(base("CreateCapacityProvider"), func(c *Call) {
			c.CapacityProviderName = "fleet"
			c.VpcConfig = &VpcConfig{SubnetIds: []string{"subnet-1"}, SecurityGroupIds: []string{"sg-1"}}
		}),
			[]view{main("call CreateCapacityProvider", "lambda:CreateCapacityProvider", "arn:aws:lambda:us-east-1:111122223333:capacity-provider:fleet",
				map[string]any{"lambda:subnetids": []string{"subnet-1"}, "lambda:securitygroupids": []string{"sg-1"}})}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		if seen[tt.name] {
			t.Fatalf("duplicate row name %q", tt.name)
		}
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			got, err := Requests(tt.call)
			if err != nil {
				t.Fatalf("Requests: %v", err)
			}
			if diff := cmp.Diff(tt.want, viewOf(got)); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRequestsTime(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	reqs, err := Requests(Call{Operation: "CreateFunction", Caller: caller, Region: region,
		FunctionName: "orders", Role: role, Layers: []string{ownLay}, Time: at})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reqs {
		if !r.Time.Equal(at) {
			t.Errorf("%s: Time = %v, want %v", r.Purpose, r.Time, at)
		}
	}
}

func TestRequestsErrors(t *testing.T) {
	type want struct {
		Code    Code
		Field   string
		ARNCode arn.ErrorCode // 0: no *arn.ParseError expected
	}
	tests := []struct {
		name string
		call Call
		want want
	}{
		{"F3/unknown-operation", base("InvokeFunction"), want{CodeUnknownOperation, "Operation", 0}},
		{"F3/operation-names-are-exact", base("invoke"), want{CodeUnknownOperation, "Operation", 0}},
		{"E2/missing-caller", Call{Operation: "Invoke", Region: region, Account: acct, FunctionName: "orders"},
			want{CodeMissingCaller, "Caller", 0}},
		{"F2/missing-function-name", base("Invoke"), want{CodeMissingParameter, "FunctionName", 0}},
		{"F2/bad-function-name", with(base("Invoke"), func(c *Call) { c.FunctionName = "orders!" }),
			want{CodeInvalidParameter, "FunctionName", arn.CodeInvalidName}},
		{"F2/bad-qualifier", with(base("Invoke"), func(c *Call) { c.FunctionName, c.Qualifier = "orders", "a.b" }),
			want{CodeInvalidParameter, "Qualifier", arn.CodeInvalidQualifier}},
		{"F2/qualifier-conflict", with(base("Invoke"), func(c *Call) { c.FunctionName, c.Qualifier = "orders:1", "2" }),
			want{CodeInvalidParameter, "FunctionName", arn.CodeQualifierConflict}},
		{"F2/region-mismatch", with(base("Invoke"), func(c *Call) { c.FunctionName = "arn:aws:lambda:eu-west-1:111122223333:function:orders" }),
			want{CodeInvalidParameter, "FunctionName", arn.CodeRegionMismatch}},
		{"F2/missing-region", with(base("Invoke"), func(c *Call) { c.Region, c.FunctionName = "", "orders" }),
			want{CodeMissingParameter, "Region", arn.CodeMissingRegion}},
		{"F2/missing-account", with(base("Invoke"), func(c *Call) { c.Caller, c.FunctionName = "s3.amazonaws.com", "orders" }),
			want{CodeMissingParameter, "Account", arn.CodeMissingAccount}},
		{"F3/whole-function-rejects-qualifier", with(base("UpdateFunctionCode"), func(c *Call) { c.FunctionName, c.Qualifier = "orders", "1" }),
			want{CodeQualifierNotAccepted, "Qualifier", 0}},
		{"F3/whole-function-rejects-suffix", with(base("CreateAlias"), func(c *Call) { c.FunctionName = "orders:PROD" }),
			want{CodeQualifierNotAccepted, "FunctionName", 0}},
		{"F3/create-function-rejects-qualifier", with(base("CreateFunction"), func(c *Call) { c.FunctionName, c.Role = "orders:1", role }),
			want{CodeQualifierNotAccepted, "FunctionName", 0}},
		{"F3/provisioned-concurrency-needs-qualifier", with(base("PutProvisionedConcurrencyConfig"), func(c *Call) { c.FunctionName = "orders" }),
			want{CodeMissingParameter, "Qualifier", 0}},
		{"F1/url-of-a-version", with(base("GetFunctionUrlConfig"), func(c *Call) { c.FunctionName, c.Qualifier = "orders", "3" }),
			want{CodeInvalidParameter, "Qualifier", 0}},
		{"F7/url-needs-auth-type", with(base(InvokeFunctionURL), func(c *Call) { c.FunctionName = "orders" }),
			want{CodeMissingParameter, "FunctionURLAuthType", 0}},
		{"F5/bad-auth-type", with(base("AddPermission"), func(c *Call) {
			c.FunctionName, c.PermissionPrincipal, c.FunctionURLAuthType = "orders", "*", "IAM"
		}), want{CodeInvalidParameter, "FunctionURLAuthType", 0}},
		{"F6/add-permission-needs-principal", with(base("AddPermission"), func(c *Call) { c.FunctionName = "orders" }),
			want{CodeMissingParameter, "PermissionPrincipal", 0}},
		{"F3/create-function-needs-role", with(base("CreateFunction"), func(c *Call) { c.FunctionName = "orders" }),
			want{CodeMissingParameter, "Role", 0}},
		{"F3/role-not-an-arn", with(base("CreateFunction"), func(c *Call) { c.FunctionName, c.Role = "orders", "orders-exec" }),
			want{CodeInvalidParameter, "Role", arn.CodeMissingPrefix}},
		{"F3/role-not-a-role", with(base("CreateFunction"), func(c *Call) { c.FunctionName, c.Role = "orders", "arn:aws:iam::111122223333:user/bob" }),
			want{CodeInvalidParameter, "Role", 0}},
		{"F3/layer-not-a-version", with(base("CreateFunction"), func(c *Call) {
			c.FunctionName, c.Role, c.Layers = "orders", role, []string{ownLay, "arn:aws:lambda:us-east-1:111122223333:layer:common"}
		}), want{CodeInvalidParameter, "Layers[1]", 0}},
		{"F3/layer-not-an-arn", with(base("UpdateFunctionConfiguration"), func(c *Call) { c.FunctionName, c.Layers = "orders", []string{"common:4"} }),
			want{CodeInvalidParameter, "Layers[0]", arn.CodeMissingPrefix}},
		{"F3/layer-in-another-region", with(base("CreateFunction"), func(c *Call) {
			c.FunctionName, c.Role, c.Layers = "orders", role, []string{"arn:aws:lambda:eu-west-1:444455556666:layer:shared:7"}
		}), want{CodeInvalidParameter, "Layers[0]", 0}},
		{"F5/vpc-needs-vpc-id", with(base("CreateFunction"), func(c *Call) {
			c.FunctionName, c.Role, c.VpcConfig = "orders", role, &VpcConfig{SubnetIds: []string{"subnet-1"}}
		}), want{CodeMissingParameter, "VpcConfig.VpcID", 0}},
		{"F5/bad-code-signing-config", with(base("CreateFunction"), func(c *Call) {
			c.FunctionName, c.Role, c.CodeSigningConfigArn = "orders", role, fn
		}), want{CodeInvalidParameter, "CodeSigningConfigArn", 0}},
		{"F3/layer-version-needs-number", with(base("GetLayerVersion"), func(c *Call) { c.LayerName = "common" }),
			want{CodeMissingParameter, "VersionNumber", 0}},
		{"F3/layer-version-by-arn-of-function", with(base("GetLayerVersionByArn"), func(c *Call) { c.Resource = fn }),
			want{CodeInvalidParameter, "Resource", 0}},
		{"F3/event-source-mapping-needs-function", base("CreateEventSourceMapping"),
			want{CodeMissingParameter, "FunctionName", 0}},
		{"F3/event-source-mapping-needs-uuid", base("DeleteEventSourceMapping"),
			want{CodeMissingParameter, "UUID", 0}},
		{"F3/event-source-mapping-bad-uuid", with(base("GetEventSourceMapping"), func(c *Call) { c.UUID = "fleet" }),
			want{CodeInvalidParameter, "UUID", arn.CodeInvalidID}},
		{"F1/tags-not-on-versions", with(base("TagResource"), func(c *Call) { c.Resource, c.Tags = fn+":1", map[string]string{"a": "b"} }),
			want{CodeInvalidParameter, "Resource", 0}},
		{"F5/tag-resource-needs-tags", with(base("TagResource"), func(c *Call) { c.Resource = fn }),
			want{CodeMissingParameter, "Tags", 0}},
		{"F5/untag-resource-needs-keys", with(base("UntagResource"), func(c *Call) { c.Resource = fn }),
			want{CodeMissingParameter, "TagKeys", 0}},
		{"F1/durable-execution-arn", with(base("StopDurableExecution"), func(c *Call) { c.Resource = fn + ":1" }),
			want{CodeInvalidParameter, "Resource", 0}},
		// Regression (a fuzz finding): a region long enough to make an ARN
		// longer than Parse accepts is reported as the region, for every
		// kind of resource built from it.
		{"M3.2/region-too-long", with(base("Invoke"), func(c *Call) { c.FunctionName, c.Region = "orders", strings.Repeat("9", 2100) }),
			want{CodeInvalidParameter, "Region", arn.CodeTooLong}},
		{"M3.2/region-too-long-for-function", with(base("Invoke"), func(c *Call) { c.FunctionName, c.Region = strings.Repeat("f", 64), strings.Repeat("9", 2000) }),
			want{CodeInvalidParameter, "Region", arn.CodeTooLong}},
		{"M3.2/region-too-long-for-event-source-mapping", with(base("GetEventSourceMapping"), func(c *Call) { c.UUID, c.Region = esmUUID, strings.Repeat("9", 2100) }),
			want{CodeInvalidParameter, "Region", arn.CodeTooLong}},
		{"M3.2/arn-too-long-for-layer-version", with(base("GetLayerVersion"), func(c *Call) {
			c.LayerName, c.VersionNumber = "arn:aws:lambda:"+strings.Repeat("9", 2048-len("arn:aws:lambda::111122223333:layer:l"))+":111122223333:layer:l", 12
		}), want{CodeInvalidParameter, "LayerName", arn.CodeTooLong}},
		{"M3.2/region-bad-character", with(base("GetEventSourceMapping"), func(c *Call) { c.UUID, c.Region = esmUUID, "us east 1" }),
			want{CodeInvalidParameter, "Region", arn.CodeInvalidRegion}},
		{"M3.2/partition-bad-character", with(base("Invoke"), func(c *Call) { c.FunctionName, c.Partition = "orders", "AWS" }),
			want{CodeInvalidParameter, "Partition", arn.CodeInvalidPartition}},
		{"F1/capacity-provider-needs-region", with(base("GetCapacityProvider"), func(c *Call) { c.Region, c.CapacityProviderName = "", "fleet" }),
			want{CodeMissingParameter, "Region", 0}},
		{"F1/capacity-provider-needs-name", base("GetCapacityProvider"),
			want{CodeMissingParameter, "CapacityProviderName", 0}},
		{"F1/capacity-provider-bad-name", with(base("DeleteCapacityProvider"), func(c *Call) { c.CapacityProviderName = "bad name" }),
			want{CodeInvalidParameter, "CapacityProviderName", arn.CodeInvalidName}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reqs, err := Requests(tt.call)
			if err == nil {
				t.Fatalf("Requests = %v, want an error", viewOf(reqs))
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not an *Error", err, err)
			}
			got := want{Code: e.Code, Field: e.Field}
			var pe *arn.ParseError
			if errors.As(err, &pe) {
				got.ARNCode = pe.Code
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error %v (-want +got):\n%s", err, diff)
			}
		})
	}
}

// sampleCall returns a valid call of op, for the table-wide checks.
func sampleCall(op string) Call {
	c := base(op)
	c.FunctionName = "orders"
	c.Role = role
	c.FunctionURLAuthType = "AWS_IAM"
	c.PermissionPrincipal = "sns.amazonaws.com"
	c.UUID = esmUUID
	c.LayerName, c.VersionNumber = "common", 4
	c.CapacityProviderName = "fleet"
	c.CodeSigningConfigArn = cscARN
	c.Tags = map[string]string{"team": "pay"}
	c.TagKeys = []string{"team"}
	switch {
	case strings.Contains(op, "ProvisionedConcurrencyConfig") && !strings.HasPrefix(op, "List"):
		c.Qualifier = "live"
	case op == "GetLayerVersionByArn":
		c.Resource = farLay
	case strings.Contains(op, "DurableExecution") && op != "ListDurableExecutionsByFunction":
		c.Resource = durable
	case op == "TagResource" || op == "UntagResource" || op == "ListTags":
		c.Resource = fn
	}
	return c
}

// TestOperationsTable checks the operation table against the service
// catalog: every operation's action exists, its main request is on "*"
// exactly when the action is wildcard-only (M3.4), and otherwise on a
// resource of a type the action lists (F4), a qualified function ARN
// counting as the function (F3).
func TestOperationsTable(t *testing.T) {
	cat := catalog.Default()
	ops := Operations()
	if !slices.IsSorted(ops) {
		t.Errorf("Operations() is not sorted")
	}
	src, err := os.ReadFile("operations.go")
	if err != nil {
		t.Fatal(err)
	}
	body := string(src)
	if i := strings.Index(body, "func lookup("); i >= 0 {
		body = body[i:]
	}
	if i := strings.Index(body, "\n}\n"); i >= 0 {
		body = body[:i]
	}
	var cased []string
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "case ") && !strings.HasPrefix(line, `"`) {
			continue
		}
		for _, f := range strings.Split(strings.TrimSuffix(strings.TrimPrefix(line, "case "), ":"), ",") {
			f = strings.TrimSpace(f)
			if f == "InvokeFunctionURL" {
				f = `"` + InvokeFunctionURL + `"`
			}
			if len(f) > 2 && f[0] == '"' && f[len(f)-1] == '"' {
				cased = append(cased, f[1:len(f)-1])
			}
		}
	}
	slices.Sort(cased)
	if diff := cmp.Diff(cased, ops); diff != "" {
		t.Errorf("Operations() and the switch of lookup differ (-switch +Operations):\n%s", diff)
	}
	for _, op := range ops {
		t.Run("F4/"+op, func(t *testing.T) {
			action, ok := Action(op)
			if !ok {
				t.Fatalf("Action(%q) not found", op)
			}
			info, ok := cat.Action(action)
			if !ok {
				t.Fatalf("%s is not in the catalog", action)
			}
			if info.String() != action {
				t.Errorf("action spelled %q, catalog has %q", action, info.String())
			}
			if want, ok := cat.Operation("lambda", op); ok && want.String() != action && op != InvokeFunctionURL {
				t.Errorf("catalog maps %s to %s, table to %s", op, want, action)
			}
			reqs, err := Requests(sampleCall(op))
			if err != nil {
				t.Fatalf("Requests: %v", err)
			}
			for _, r := range reqs {
				if r.Action != action {
					continue
				}
				if r.Resource == "*" {
					if !info.WildcardOnly {
						t.Errorf("%s on *, but the action has resource types", action)
					}
					continue
				}
				if info.WildcardOnly {
					t.Errorf("%s on %s, but the action is wildcard-only", action, r.Resource)
				}
				kind := arn.KindOf(arn.MustParse(r.Resource))
				typ := kind.ResourceType()
				switch kind {
				case arn.KindFunctionAlias, arn.KindFunctionVersion, arn.KindFunctionLatest:
					if !strings.Contains(op, "ProvisionedConcurrencyConfig") {
						typ = "function"
					}
				}
				if !slices.ContainsFunc(info.ResourceTypes, func(r catalog.ResourceRef) bool { return r.Name == typ }) {
					t.Errorf("%s on %s (%s), not among the action's resource types %v", action, r.Resource, typ, info.ResourceTypes)
				}
			}
		})
	}
}

// TestKeysDefined checks that every condition key a request carries is
// one its action defines (F5) or a global key.
func TestKeysDefined(t *testing.T) {
	cat := catalog.Default()
	for _, op := range Operations() {
		c := sampleCall(op)
		c.Layers = []string{ownLay}
		c.VpcConfig = &VpcConfig{SubnetIds: []string{"subnet-1"}, SecurityGroupIds: []string{"sg-1"}, VpcID: "vpc-1"}
		c.EventSourceToken = "tok"
		c.ResourceTags = map[string]string{"team": "pay"}
		if op == "PublishLayerVersion" || op == "ListTags" {
			c.Tags = nil
		}
		reqs, err := Requests(c)
		if err != nil {
			t.Errorf("F5/%s: %v", op, err)
			continue
		}
		for _, r := range reqs {
			if !strings.HasPrefix(r.Action, "lambda:") {
				continue
			}
			valid := map[string]bool{}
			for _, k := range cat.ActionKeys(r.Action, "") {
				valid[strings.ToLower(k)] = true
			}
			for _, k := range r.Context.Keys() {
				name := k
				if i := strings.IndexByte(k, '/'); i >= 0 {
					name = k[:i+1] + "${tagkey}"
				}
				if !valid[name] {
					t.Errorf("F5/%s: %s carries %s, which the action does not define", op, r.Action, k)
				}
			}
		}
	}
}

func TestActionsOn(t *testing.T) {
	tests := []struct {
		name       string
		kind       arn.Kind
		has, hasnt []string
	}{
		{"F3/alias-takes-qualified-actions", arn.KindFunctionAlias,
			[]string{"lambda:InvokeFunction", "lambda:GetFunction", "lambda:AddPermission", "lambda:InvokeFunctionUrl", "lambda:PutProvisionedConcurrencyConfig"},
			[]string{"lambda:CreateAlias", "lambda:UpdateFunctionCode", "lambda:PublishVersion", "lambda:TagResource", "lambda:ListFunctions"}},
		{"F3/version-has-no-url", arn.KindFunctionVersion,
			[]string{"lambda:InvokeFunction", "lambda:DeleteFunction", "lambda:GetProvisionedConcurrencyConfig"},
			[]string{"lambda:InvokeFunctionUrl", "lambda:CreateFunctionUrlConfig", "lambda:GetAlias"}},
		{"F3/function-whole-and-qualified", arn.KindFunction,
			[]string{"lambda:InvokeFunction", "lambda:CreateAlias", "lambda:CreateFunction", "lambda:TagResource", "lambda:PutFunctionCodeSigningConfig"},
			[]string{"lambda:GetProvisionedConcurrencyConfig", "lambda:GetLayerVersion", "lambda:ListFunctions"}},
		{"F3/layer-version", arn.KindLayerVersion,
			[]string{"lambda:GetLayerVersion", "lambda:AddLayerVersionPermission"},
			[]string{"lambda:PublishLayerVersion", "lambda:ListLayerVersions"}},
		{"M3.4/unknown-kind-has-none", arn.KindUnknown, nil,
			[]string{"lambda:ListFunctions", "lambda:CreateEventSourceMapping"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ActionsOn(tt.kind)
			if !slices.IsSorted(got) {
				t.Errorf("not sorted: %v", got)
			}
			for _, a := range tt.has {
				if !slices.Contains(got, a) {
					t.Errorf("missing %s in %v", a, got)
				}
			}
			for _, a := range tt.hasnt {
				if slices.Contains(got, a) {
					t.Errorf("unexpected %s in %v", a, got)
				}
			}
		})
	}
}
