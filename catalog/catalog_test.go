package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/catalog"
)

func names(as []catalog.ActionInfo) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.String())
	}
	return out
}

// lambdaGetActions lists the Lambda actions whose names start with Get,
// read from the reference data rather than from the catalog.
func lambdaGetActions(t *testing.T) []string {
	var ref sharedLambda
	readShared(t, "lambda-service.json", &ref)
	var out []string
	for _, a := range ref.Actions {
		if strings.HasPrefix(a.Name, "Get") {
			out = append(out, a.IAMAction)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}

func TestM2Expand(t *testing.T) {
	c := catalog.Default()
	all := c.Expand("*")
	tests := []struct {
		name, pattern string
		want          []string
	}{
		{name: "M2/get-prefix-is-the-data's-get-actions", pattern: "lambda:Get*", want: lambdaGetActions(t)},
		{name: "M2/service-and-name-ignore-case", pattern: "LAMBDA:getalias", want: []string{"lambda:GetAlias"}},
		{name: "M1/question-mark-is-one-character", pattern: "lambda:?etAlias", want: []string{"lambda:GetAlias"}},
		{name: "M1/star-in-the-middle", pattern: "lambda:*Alias", want: []string{"lambda:CreateAlias", "lambda:DeleteAlias", "lambda:GetAlias", "lambda:UpdateAlias"}},
		{name: "M1/stars-collapse", pattern: "lambda:***Function**Url*Config", want: []string{
			"lambda:CreateFunctionUrlConfig", "lambda:DeleteFunctionUrlConfig", "lambda:GetFunctionUrlConfig", "lambda:UpdateFunctionUrlConfig"}},
		{name: "M2/wildcard-service-part", pattern: "*:PassRole", want: []string{"iam:PassRole"}},
		{name: "M2/star-may-span-the-colon", pattern: "ia*Role", want: names(c.Expand("iam:*Role"))},
		{name: "M2/exact-name", pattern: "sts:AssumeRole", want: []string{"sts:AssumeRole"}},
		{name: "M2/unknown-service", pattern: "lamda:*", want: nil},
		{name: "M2/uncatalogued-service", pattern: "athena:*", want: nil},
		{name: "M2/no-match", pattern: "lambda:Nope*", want: nil},
		{name: "M2/no-colon", pattern: "lambda", want: nil},
		{name: "M2/empty", pattern: "", want: nil},
		{name: "M1/kelvin-sign-folds-to-k", pattern: "lambda:Invo\u212aeFunction", want: []string{"lambda:InvokeFunction"}},
		{name: "M1/no-ascii-equivalent", pattern: "lambda:\u0130nvoke*", want: nil},
		{name: "M1/invalid-utf8", pattern: "lambda:\xffGet*", want: nil},
		{name: "M1/longer-than-any-name", pattern: "lambda:" + strings.Repeat("a", 300) + "*", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, names(c.Expand(tt.pattern))); diff != "" {
				t.Errorf("Expand(%q) (-want +got):\n%s", tt.pattern, diff)
			}
		})
	}
	t.Run("M2/star-is-every-action-sorted", func(t *testing.T) {
		var want []string
		for _, s := range c.Services() {
			want = append(want, names(c.Expand(s+":*"))...)
		}
		if diff := cmp.Diff(want, names(all)); diff != "" {
			t.Errorf("Expand(*) (-want +got):\n%s", diff)
		}
		if len(all) < 1500 {
			t.Errorf("Expand(*) has %d actions", len(all))
		}
	})
	t.Run("M2/lambda-star-is-119", func(t *testing.T) {
		if n := len(c.Expand("lambda:*")); n != 119 {
			t.Errorf("Expand(lambda:*) has %d actions, want 119", n)
		}
	})
}

func TestM2Action(t *testing.T) {
	type got struct {
		Action string
		Access catalog.AccessLevel
		Levels []catalog.AccessLevel
		Only   bool
		OK     bool
	}
	tests := []struct {
		name, in string
		want     got
	}{
		{"M2/canonical", "lambda:InvokeFunction", got{"lambda:InvokeFunction", catalog.AccessWrite, []catalog.AccessLevel{catalog.AccessWrite}, false, true}},
		{"M2/lower-case", "lambda:invokefunction", got{"lambda:InvokeFunction", catalog.AccessWrite, []catalog.AccessLevel{catalog.AccessWrite}, false, true}},
		{"M2/upper-case-service", "LAMBDA:ListFunctions", got{"lambda:ListFunctions", catalog.AccessList, []catalog.AccessLevel{catalog.AccessList}, true, true}},
		{"M2/two-access-levels", "lambda:AddPermission", got{"lambda:AddPermission", catalog.AccessPermissionsManagement,
			[]catalog.AccessLevel{catalog.AccessPermissionsManagement, catalog.AccessWrite}, false, true}},
		{"M2/tagging", "lambda:TagResource", got{"lambda:TagResource", catalog.AccessTagging,
			[]catalog.AccessLevel{catalog.AccessTagging, catalog.AccessWrite}, false, true}},
		{"M2/other-service", "iam:PassRole", got{"iam:PassRole", catalog.AccessWrite, []catalog.AccessLevel{catalog.AccessWrite}, false, true}},
		{"M2/long-s-folds-to-s", "lambda:Li\u017ftFunctions", got{"lambda:ListFunctions", catalog.AccessList, []catalog.AccessLevel{catalog.AccessList}, true, true}},
		{"M2/wildcards-are-not-expanded", "lambda:Get*", got{}},
		{"M2/unknown-action", "lambda:InvokeFunctions", got{}},
		{"M2/no-service", "InvokeFunction", got{}},
		{"M2/too-long", "lambda:" + strings.Repeat("x", 1000), got{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := catalog.Action(tt.in)
			g := got{OK: ok}
			if ok {
				g = got{a.String(), a.AccessLevel, a.AccessLevels, a.WildcardOnly, ok}
			}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("Action(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestM34WildcardOnly(t *testing.T) {
	c := catalog.Default()
	t.Run("M3.4/lambda-actions-without-resource-type", func(t *testing.T) {
		// The spec's F4 table: the Lambda actions with "*" only.
		want := []string{
			"lambda:ConnectMicrovm", "lambda:CreateCodeSigningConfig", "lambda:CreateEventSourceMapping",
			"lambda:CreateMicrovmImage", "lambda:GetAccountSettings", "lambda:ListCapacityProviders",
			"lambda:ListCodeSigningConfigs", "lambda:ListEventSourceMappings", "lambda:ListFunctions",
			"lambda:ListLayers", "lambda:ListLayerVersions", "lambda:ListManagedMicrovmImages",
			"lambda:ListMicrovmImages", "lambda:ListMicrovms", "lambda:ListNetworkConnectors",
			"lambda:PassNetworkConnector",
		}
		var got []string
		for _, a := range c.Expand("lambda:*") {
			if a.WildcardOnly {
				got = append(got, a.String())
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("wildcard-only Lambda actions (-want +got):\n%s", diff)
		}
	})
	tests := []struct {
		name, action string
		want         bool
	}{
		{"M3.4/list-functions", "lambda:ListFunctions", true},
		{"M3.4/create-event-source-mapping", "lambda:CreateEventSourceMapping", true},
		{"M3.4/list-layer-versions-is-star-only", "lambda:ListLayerVersions", true},
		{"M3.4/invoke-has-a-resource-type", "lambda:InvokeFunction", false},
		{"M3.4/provisioned-concurrency-optional-types", "lambda:GetProvisionedConcurrencyConfig", false},
		{"M3.4/any-case", "LAMBDA:listfunctions", true},
		{"M3.4/sts-get-caller-identity", "sts:GetCallerIdentity", true},
		{"M3.4/ec2-describe-subnets", "ec2:DescribeSubnets", true},
		{"M3.4/ec2-create-network-interface", "ec2:CreateNetworkInterface", false},
		{"M3.4/s3-list-all-my-buckets", "s3:ListAllMyBuckets", true},
		{"M3.4/xray-put-trace-segments", "xray:PutTraceSegments", true},
		{"M3.4/logs-put-log-events", "logs:PutLogEvents", false},
		{"M3.4/unknown-action", "lambda:ListEverything", false},
		{"M3.4/uncatalogued-service", "athena:ListWorkGroups", false},
		{"M3.4/pattern-is-not-an-action", "lambda:List*", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.WildcardOnly(tt.action); got != tt.want {
				t.Errorf("WildcardOnly(%q) = %v, want %v", tt.action, got, tt.want)
			}
		})
	}
}

func TestC5Keys(t *testing.T) {
	c := catalog.Default()
	tests := []struct {
		name, key string
		want      catalog.KeyInfo
		ok        bool
	}{
		{name: "C5/tag-keys-multivalued", key: "aws:TagKeys", ok: true,
			want: catalog.KeyInfo{Name: "aws:TagKeys", Type: catalog.KeyArrayOfString, Multivalued: true, Description: "Filters access by the tag keys that are passed in the request"}},
		{name: "F5/layer-multivalued", key: "lambda:Layer", ok: true,
			want: catalog.KeyInfo{Name: "lambda:Layer", Type: catalog.KeyArrayOfString, Multivalued: true, Description: "Filters access by the ARN of a version of an AWS Lambda layer"}},
		{name: "F5/vpc-ids-single", key: "lambda:VpcIds", ok: true,
			want: catalog.KeyInfo{Name: "lambda:VpcIds", Type: catalog.KeyString, Description: "Filters access by the ID of the VPC configured for the AWS Lambda function"}},
		{name: "F5/invoked-via-url-bool", key: "lambda:InvokedViaFunctionUrl", ok: true,
			want: catalog.KeyInfo{Name: "lambda:InvokedViaFunctionUrl", Type: catalog.KeyBool,
				Description: "Limits the scope of lambda:InvokeFunction action to Function URLs only. Available during AddPermission operation"}},
		{name: "C6/key-name-ignores-case", key: "AWS:SOURCEIP", ok: true,
			want: catalog.KeyInfo{Name: "aws:SourceIp", Type: catalog.KeyIPAddress}},
		{name: "C4.5/current-time-date", key: "aws:CurrentTime", ok: true,
			want: catalog.KeyInfo{Name: "aws:CurrentTime", Type: catalog.KeyDate}},
		{name: "C4.4/mfa-age-numeric", key: "aws:MultiFactorAuthAge", ok: true,
			want: catalog.KeyInfo{Name: "aws:MultiFactorAuthAge", Type: catalog.KeyNumeric}},
		{name: "C5/request-tag-template-single", key: "aws:RequestTag/team", ok: true,
			want: catalog.KeyInfo{Name: "aws:RequestTag/${TagKey}", Type: catalog.KeyString, Description: "Filters access by the tags that are passed in the request"}},
		{name: "C6/tag-key-part-ignores-case", key: "AWS:PrincipalTag/Cost-Center", ok: true,
			want: catalog.KeyInfo{Name: "aws:PrincipalTag/${TagKey}", Type: catalog.KeyString}},
		{name: "C5/tag-key-with-slashes", key: "aws:ResourceTag/kubernetes.io/cluster/x", ok: true,
			want: catalog.KeyInfo{Name: "aws:ResourceTag/${TagKey}", Type: catalog.KeyString, Description: "Filters access by the tags associated with the resource"}},
		{name: "C5/template-itself", key: "aws:RequestTag/${TagKey}", ok: true,
			want: catalog.KeyInfo{Name: "aws:RequestTag/${TagKey}", Type: catalog.KeyString, Description: "Filters access by the tags that are passed in the request"}},
		{name: "C5/angle-bracket-template", key: "s3:ExistingObjectTag/classification", ok: true,
			want: catalog.KeyInfo{Name: "s3:ExistingObjectTag/<key>", Type: catalog.KeyString,
				Description: "Filters access by existing object tag key and value"}},
		{name: "C5/template-with-suffix", key: "token.actions.githubusercontent.com/octo:actor", ok: true,
			want: catalog.KeyInfo{Name: "token.actions.githubusercontent.com/${SubPath}:actor", Type: catalog.KeyString,
				Description: "Filters access by the personal account that initiated the workflow run"}},
		{name: "C5/empty-tag-key-is-not-a-key", key: "aws:RequestTag/", ok: false},
		{name: "C5/unknown-key", key: "aws:NoSuchKey", ok: false},
		{name: "C5/empty", key: "", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := c.Key(tt.key)
			if !ok && tt.ok {
				t.Fatalf("Key(%q) not found", tt.key)
			}
			if ok != tt.ok {
				t.Fatalf("Key(%q) found %+v", tt.key, got)
			}
			if tt.want.Description == "" {
				got.Description = "" // the global list carries no descriptions for some keys
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Key(%q) (-want +got):\n%s", tt.key, diff)
			}
			if m := c.Multivalued(tt.key); m != tt.want.Multivalued {
				t.Errorf("Multivalued(%q) = %v", tt.key, m)
			}
		})
	}
}

func TestC5KeyTypes(t *testing.T) {
	tests := []struct {
		name  string
		typ   catalog.KeyType
		multi bool
		elem  catalog.KeyType
	}{
		{"C5/array-of-string", catalog.KeyArrayOfString, true, catalog.KeyString},
		{"C5/array-of-arn", catalog.KeyArrayOfARN, true, catalog.KeyARN},
		{"C5/string", catalog.KeyString, false, catalog.KeyString},
		{"C5/ip-address", catalog.KeyIPAddress, false, catalog.KeyIPAddress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff([2]any{tt.multi, tt.elem}, [2]any{tt.typ.Multivalued(), tt.typ.Elem()}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestF4ActionKeys(t *testing.T) {
	c := catalog.Default()
	tests := []struct {
		name, action, resourceType string
		has, lacks                 []string
	}{
		{name: "F4/create-function-action-keys", action: "lambda:CreateFunction",
			has:   []string{"lambda:Layer", "lambda:VpcIds", "lambda:CodeSigningConfigArn", "aws:RequestTag/${TagKey}", "aws:SourceIp", "lambda:SourceFunctionArn"},
			lacks: []string{"lambda:Principal", "lambda:FunctionUrlAuthType"}},
		{name: "F4/invoke-on-function", action: "LAMBDA:invokefunction", resourceType: "function",
			has:   []string{"lambda:EventSourceToken", "lambda:InvokedViaFunctionUrl", "aws:ResourceTag/${TagKey}", "aws:PrincipalArn"},
			lacks: []string{"lambda:Layer"}},
		{name: "F4/add-permission", action: "lambda:AddPermission",
			has: []string{"lambda:Principal", "lambda:FunctionUrlAuthType"}},
		{name: "F4/pass-role-keys", action: "iam:PassRole", resourceType: "role",
			has: []string{"iam:PassedToService", "iam:AssociatedResourceArn"}, lacks: []string{"lambda:Layer"}},
		{name: "F4/create-role-boundary-key", action: "iam:CreateRole",
			has: []string{"iam:PermissionsBoundary"}},
		{name: "F4/resource-type-the-action-lacks", action: "lambda:GetLayerVersion", resourceType: "function",
			has: []string{"aws:SourceIp"}, lacks: []string{"lambda:Layer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys := c.ActionKeys(tt.action, tt.resourceType)
			if !slices.IsSortedFunc(keys, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
				t.Errorf("keys not sorted: %v", keys)
			}
			var missing, extra []string
			for _, k := range tt.has {
				if !slices.Contains(keys, k) {
					missing = append(missing, k)
				}
			}
			for _, k := range tt.lacks {
				if slices.Contains(keys, k) {
					extra = append(extra, k)
				}
			}
			if diff := cmp.Diff([2][]string{}, [2][]string{missing, extra}); diff != "" {
				t.Errorf("ActionKeys(%q, %q) [missing, unexpected] (-want +got):\n%s", tt.action, tt.resourceType, diff)
			}
		})
	}
	t.Run("F4/unknown-action", func(t *testing.T) {
		if keys := c.ActionKeys("lambda:Nope", ""); keys != nil {
			t.Errorf("ActionKeys(lambda:Nope) = %v", keys)
		}
	})
}

func TestF1ResourceTypesOf(t *testing.T) {
	c := catalog.Default()
	const fn = "arn:aws:lambda:us-east-1:111122223333:function:"
	tests := []struct {
		name, arn string
		want      []string
	}{
		{"F1/function", fn + "f", []string{"lambda/function"}},
		{"F1/function-version", fn + "f:1", []string{"lambda/function version"}},
		{"F1/function-latest-is-a-version", fn + "f:$LATEST", []string{"lambda/function version"}},
		{"F1/function-alias", fn + "f:PROD", []string{"lambda/function alias"}},
		{"F1/alias-with-digits", fn + "f:v2", []string{"lambda/function alias"}},
		{"F1/durable-execution", fn + "f:1/durable-execution/run/abc-1", []string{"lambda/durable execution"}},
		{"F1/durable-execution-on-alias", fn + "f:PROD/durable-execution/run/abc", []string{"lambda/durable execution"}},
		{"F1/layer", "arn:aws:lambda:us-east-1:111122223333:layer:libs", []string{"lambda/layer"}},
		{"F1/layer-version", "arn:aws:lambda:us-east-1:111122223333:layer:libs:3", []string{"lambda/layerVersion"}},
		{"F1/event-source-mapping", "arn:aws:lambda:us-east-1:111122223333:event-source-mapping:14e0db71-5d35-4eb5-b481-8945cf9d10c2", []string{"lambda/eventSourceMapping"}},
		{"F1/code-signing-config", "arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-0123456789abcdefg", []string{"lambda/code signing config"}},
		{"F1/capacity-provider", "arn:aws:lambda:us-east-1:111122223333:capacity-provider:cp.1", []string{"lambda/capacityProvider"}},
		{"F1/other-partition", "arn:aws-cn:lambda:cn-north-1:111122223333:function:f", []string{"lambda/function"}},
		{"F1/bad-qualifier", fn + "f:a.b", nil},
		{"F1/empty-qualifier", fn + "f:", nil},
		{"F1/bad-function-name", fn + "f.x", nil},
		{"F1/short-account", "arn:aws:lambda:us-east-1:1111:function:f", nil},
		{"F1/layer-version-zero", "arn:aws:lambda:us-east-1:111122223333:layer:libs:0", nil},
		{"F1/iam-role-several-services", "arn:aws:iam::111122223333:role/service-role/app", []string{"ec2/role", "iam/role", "sts/role"}},
		{"F1/s3-bucket", "arn:aws:s3:::my-bucket", []string{"s3/bucket"}},
		{"F1/s3-object-key-with-colons", "arn:aws:s3:::my-bucket/a/b:c.txt", []string{"s3/object"}},
		{"F1/log-group-with-slashes", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f", []string{"logs/log-group"}},
		{"F1/log-stream", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f:log-stream:2025/01/01/[$LATEST]ab", []string{"logs/log-stream"}},
		{"F1/dynamodb-stream-not-table", "arn:aws:dynamodb:us-east-1:111122223333:table/orders/stream/2024-01-01T00:00:00.000", []string{"dynamodb/stream"}},
		{"F1/dynamodb-table", "arn:aws:dynamodb:us-east-1:111122223333:table/orders", []string{"dynamodb/table"}},
		{"F1/sqs-queue", "arn:aws:sqs:us-east-1:111122223333:jobs", []string{"sqs/queue"}},
		{"F1/kms-key-also-kinesis", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", []string{"kinesis/kmsKey", "kms/key"}},
		{"F1/uncatalogued-service", "arn:aws:athena:us-east-1:111122223333:workgroup/w", nil},
		{"F1/not-an-arn", "function:f", nil},
		{"F1/empty", "", nil},
		{"F1/too-long", fn + strings.Repeat("f", 3000), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range c.ResourceTypesOf(tt.arn) {
				got = append(got, r.Service+"/"+r.Name)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ResourceTypesOf(%q) (-want +got):\n%s", tt.arn, diff)
			}
		})
	}
}

// TestF1ResourceTypesAgreeWithARNKinds checks that the catalog classifies
// Lambda ARNs as package arn does.
func TestF1ResourceTypesAgreeWithARNKinds(t *testing.T) {
	c := catalog.Default()
	const p = "arn:aws:lambda:eu-west-1:444455556666:"
	for _, s := range []string{
		p + "function:f", p + "function:my_Func-1", p + "function:f:1", p + "function:f:0042", p + "function:f:$LATEST",
		p + "function:f:PROD", p + "function:f:v1", p + "function:f:1a", p + "function:" + strings.Repeat("a", 64),
		p + "function:" + strings.Repeat("a", 65), p + "function:f:" + strings.Repeat("q", 128), p + "function:f:" + strings.Repeat("q", 129),
		p + "function:f:$latest", p + "function:f:1:2", p + "function:f:1/durable-execution/e/i", p + "function:f:$LATEST/durable-execution/e.1/i_2",
		p + "function:f:1/durable-execution/e", p + "function:f:1/other/e/i", p + "layer:l", p + "layer:l:1", p + "layer:l:12", p + "layer:l:01",
		p + "layer:l:x", p + "event-source-mapping:14e0db71-5d35-4eb5-b481-8945cf9d10c2", p + "event-source-mapping:nope",
		p + "code-signing-config:csc-0123456789abcdefg", p + "code-signing-config:csc-0123", p + "capacity-provider:cp",
		p + "network-connector:nc-1", p + "microvm-image:img_1.2", p + "microvm-image:", p + "unknown:x",
	} {
		t.Run(strings.TrimPrefix(s, p), func(t *testing.T) {
			var want []string
			if a, err := arn.Parse(s); err == nil {
				if rt := arn.KindOf(a).ResourceType(); rt != "" {
					want = []string{rt}
				}
			}
			var got []string
			for _, r := range c.ResourceTypesOf(s) {
				got = append(got, r.Name)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ResourceTypesOf(%q) (-want arn.KindOf +got):\n%s", s, diff)
			}
		})
	}
}

// TestF1EveryPatternFitsItself instantiates every resource type's ARN
// pattern and checks that ResourceTypesOf finds the type.
func TestF1EveryPatternFitsItself(t *testing.T) {
	c := catalog.Default()
	samples := map[string]string{
		"Partition": "aws", "Region": "us-east-1", "Account": "111122223333", "FunctionName": "f", "Version": "7",
		"Alias": "PROD", "LayerName": "libs", "LayerVersion": "2", "UUID": "14e0db71-5d35-4eb5-b481-8945cf9d10c2",
		"CodeSigningConfigId": "csc-0123456789abcdefg",
	}
	n := 0
	for _, s := range c.Services() {
		for _, a := range c.Expand(s + ":*") {
			for _, r := range a.ResourceTypes {
				rt, ok := c.ResourceType(a.Service, r.Name)
				if !ok {
					t.Fatalf("%s names resource type %q, which is not in the catalog", a, r.Name)
				}
				arnText := rt.ARNPattern
				for strings.Contains(arnText, "${") {
					i := strings.Index(arnText, "${")
					j := strings.IndexByte(arnText[i:], '}')
					v := samples[arnText[i+2:i+j]]
					if v == "" {
						v = "x1"
					}
					arnText = arnText[:i] + v + arnText[i+j+1:]
				}
				found := false
				for _, got := range c.ResourceTypesOf(arnText) {
					found = found || got.Service == rt.Service && got.Name == rt.Name
				}
				if !found {
					t.Errorf("ResourceTypesOf(%q) lacks %s/%s", arnText, rt.Service, rt.Name)
				}
				n++
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d resource references checked", n)
	}
}

func TestE3RCPSupported(t *testing.T) {
	c := catalog.Default()
	tests := []struct {
		name, service string
		want          bool
	}{
		{"E3/lambda-not-rcp-supported", "lambda", false},
		{"E3/s3", "s3", true},
		{"E3/sqs", "sqs", true},
		{"E3/sts", "sts", true},
		{"E3/kms", "kms", true},
		{"E3/dynamodb", "dynamodb", true},
		{"E3/logs", "logs", true},
		{"E3/any-case", "S3", true},
		{"E3/iam-not-supported", "iam", false},
		{"E3/unknown", "nosuchservice", false},
		{"E3/empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.RCPSupported(tt.service); got != tt.want {
				t.Errorf("RCPSupported(%q) = %v, want %v", tt.service, got, tt.want)
			}
		})
	}
}

func TestF3Operation(t *testing.T) {
	c := catalog.Default()
	tests := []struct {
		name, service, op string
		want              string // "" when not found
	}{
		{"F3/invoke", "lambda", "Invoke", "lambda:InvokeFunction"},
		{"F3/invoke-with-response-stream", "lambda", "InvokeWithResponseStream", "lambda:InvokeFunction"},
		{"F3/get-layer-version-by-arn", "lambda", "GetLayerVersionByArn", "lambda:GetLayerVersion"},
		{"F3/get-layer-version", "lambda", "GetLayerVersion", "lambda:GetLayerVersion"},
		{"F3/same-name", "lambda", "GetFunctionConfiguration", "lambda:GetFunctionConfiguration"},
		{"F3/any-case", "LAMBDA", "invoke", "lambda:InvokeFunction"},
		{"F3/action-name-is-not-an-operation", "lambda", "InvokeFunction", ""},
		{"F3/other-service-same-name", "sqs", "ReceiveMessage", "sqs:ReceiveMessage"},
		{"F3/unknown", "lambda", "Frobnicate", ""},
		{"F3/unknown-service", "lamda", "Invoke", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := c.Operation(tt.service, tt.op)
			got := ""
			if ok {
				got = a.String()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Operation(%q, %q) (-want +got):\n%s", tt.service, tt.op, diff)
			}
		})
	}
}

func TestServices(t *testing.T) {
	c := catalog.Default()
	want := []string{"dynamodb", "ec2", "iam", "kafka", "kinesis", "kms", "lambda", "logs", "s3", "sns", "sqs", "sts", "xray"}
	if diff := cmp.Diff(want, c.Services()); diff != "" {
		t.Errorf("Services() (-want +got):\n%s", diff)
	}
	type known struct{ Known, Catalogued bool }
	tests := []struct {
		name, prefix string
		want         known
	}{
		{"M2/lambda", "lambda", known{true, true}},
		{"M2/any-case", "Lambda", known{true, true}},
		{"M2/known-not-catalogued", "athena", known{true, false}},
		{"M2/typo", "lamda", known{false, false}},
		{"M2/empty", "", known{false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := known{c.ServiceKnown(tt.prefix), c.ServiceCatalogued(tt.prefix)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// Services returns a copy.
	s := c.Services()
	s[0] = "changed"
	if c.Services()[0] != "dynamodb" {
		t.Error("Services shares its slice")
	}
}

func TestResourceType(t *testing.T) {
	c := catalog.Default()
	tests := []struct {
		name, service, typ string
		want               catalog.ResourceType
		ok                 bool
	}{
		{"F1/function-alias", "lambda", "function alias", catalog.ResourceType{Service: "lambda", Name: "function alias",
			ARNPattern: "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Alias}", ConditionKeys: []string{"aws:ResourceTag/${TagKey}"}}, true},
		{"F1/any-case", "LAMBDA", "LayerVersion", catalog.ResourceType{Service: "lambda", Name: "layerVersion",
			ARNPattern: "arn:${Partition}:lambda:${Region}:${Account}:layer:${LayerName}:${LayerVersion}"}, true},
		{"F1/unknown", "lambda", "bucket", catalog.ResourceType{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := c.ResourceType(tt.service, tt.typ)
			if diff := cmp.Diff(tt.want, got); diff != "" || ok != tt.ok {
				t.Errorf("ResourceType(%q, %q) = %v (-want +got):\n%s", tt.service, tt.typ, ok, diff)
			}
		})
	}
}

// TestLookupsDoNotAllocate asserts the zero-allocation lookups.
func TestLookupsDoNotAllocate(t *testing.T) {
	c := catalog.Default()
	tests := []struct {
		name string
		f    func()
	}{
		{"M2/action", func() { c.Action("lambda:InvokeFunction") }},
		{"M2/action-mixed-case", func() { c.Action("Lambda:invokeFUNCTION") }},
		{"M2/action-unknown", func() { c.Action("lambda:Nope") }},
		{"M3.4/wildcard-only", func() { c.WildcardOnly("lambda:ListFunctions") }},
		{"E3/rcp-supported", func() { c.RCPSupported("S3") }},
		{"C5/multivalued", func() { c.Multivalued("aws:tagkeys") }},
		{"C5/multivalued-template", func() { c.Multivalued("aws:requesttag/team") }},
		{"C5/key", func() { c.Key("lambda:Layer") }},
		{"M2/service-catalogued", func() { c.ServiceCatalogued("lambda") }},
		{"F3/operation", func() { c.Operation("lambda", "Invoke") }},
		{"F1/resource-type", func() { c.ResourceType("lambda", "function") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, tt.f); n != 0 {
				t.Errorf("%v allocations, want 0", n)
			}
		})
	}
}

func TestDefaultIsShared(t *testing.T) {
	if catalog.Default() != catalog.Default() {
		t.Error("Default returned two catalogs")
	}
	if v := catalog.Default().Version(); v != "0.21.202609261" {
		t.Errorf("Version() = %q", v)
	}
}

// TestM2AppendActionNames: the catalogued names of a service, lower case,
// the same set Expand gives for "service:*", appended to what is there.
func TestM2AppendActionNames(t *testing.T) {
	cat := catalog.Default()
	var want []string
	for _, a := range cat.Expand("lambda:*") {
		want = append(want, strings.ToLower(a.String()))
	}
	got := cat.AppendActionNames([]string{"kept"}, "LAMBDA")
	if diff := cmp.Diff(append([]string{"kept"}, want...), got); diff != "" {
		t.Errorf("AppendActionNames (-want +got):\n%s", diff)
	}
	if got := cat.AppendActionNames(nil, "no-such-service"); got != nil {
		t.Errorf("unknown service: got %v, want nil", got)
	}
}
