package arn

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	testPrefix = "arn:aws:lambda:us-east-1:111122223333:"
	testUUID   = "a1b2c3d4-5678-90ab-cdef-1234567890ab"
	testCSC    = "csc-0f1e2d3c4b5a69788"
)

func lambdaTestARN(resource string) ARN {
	return ARN{Partition: "aws", Service: "lambda", Region: "us-east-1", AccountID: "111122223333", Resource: resource}
}

func TestResourceOf(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Resource
		wantErr *errInfo
	}{
		{name: "F1/function", in: testPrefix + "function:invoice-pdf",
			want: Resource{Kind: KindFunction, Name: "invoice-pdf"}},
		{name: "F1/function-version", in: testPrefix + "function:invoice-pdf:7",
			want: Resource{Kind: KindFunctionVersion, Name: "invoice-pdf", Qualifier: "7"}},
		{name: "F1/function-alias", in: testPrefix + "function:invoice-pdf:live",
			want: Resource{Kind: KindFunctionAlias, Name: "invoice-pdf", Qualifier: "live"}},
		{name: "F1/function-alias-with-digits-and-letters", in: testPrefix + "function:f:v2",
			want: Resource{Kind: KindFunctionAlias, Name: "f", Qualifier: "v2"}},
		{name: "F1/function-latest", in: testPrefix + "function:invoice-pdf:$LATEST",
			want: Resource{Kind: KindFunctionLatest, Name: "invoice-pdf", Qualifier: "$LATEST"}},
		{name: "F1/layer", in: testPrefix + "layer:otel-collector",
			want: Resource{Kind: KindLayer, Name: "otel-collector"}},
		{name: "F1/layer-version", in: testPrefix + "layer:otel-collector:4",
			want: Resource{Kind: KindLayerVersion, Name: "otel-collector", Version: 4}},
		{name: "F1/event-source-mapping", in: testPrefix + "event-source-mapping:" + testUUID,
			want: Resource{Kind: KindEventSourceMapping, Name: testUUID}},
		{name: "F1/code-signing-config", in: testPrefix + "code-signing-config:" + testCSC,
			want: Resource{Kind: KindCodeSigningConfig, Name: testCSC}},
		{name: "F1/durable-execution", in: testPrefix + "function:orders:3/durable-execution/checkout/0f9e8d7c",
			want: Resource{Kind: KindDurableExecution, Name: "orders", Qualifier: "3", Execution: "checkout", ExecutionID: "0f9e8d7c"}},
		{name: "F1/durable-execution-latest", in: testPrefix + "function:orders:$LATEST/durable-execution/run-1/abc",
			want: Resource{Kind: KindDurableExecution, Name: "orders", Qualifier: "$LATEST", Execution: "run-1", ExecutionID: "abc"}},
		{name: "F1/capacity-provider", in: testPrefix + "capacity-provider:gpu-pool",
			want: Resource{Kind: KindCapacityProvider, Name: "gpu-pool"}},
		{name: "F1/network-connector", in: testPrefix + "network-connector:nc-0123",
			want: Resource{Kind: KindNetworkConnector, Name: "nc-0123"}},
		{name: "F1/microvm-image", in: testPrefix + "microvm-image:base.v1",
			want: Resource{Kind: KindMicrovmImage, Name: "base.v1"}},

		{name: "F1/not-lambda", in: "arn:aws:s3:::bucket", wantErr: &errInfo{CodeNotLambda, 8}},
		{name: "F1/no-region", in: "arn:aws:lambda::111122223333:function:f", wantErr: &errInfo{CodeInvalidRegion, 15}},
		{name: "F1/short-account", in: "arn:aws:lambda:us-east-1:1111:function:f", wantErr: &errInfo{CodeInvalidAccount, 25}},
		{name: "F1/aws-account-not-allowed", in: "arn:aws:lambda:us-east-1:aws:function:f", wantErr: &errInfo{CodeInvalidAccount, 25}},
		{name: "F1/unknown-type", in: testPrefix + "widget:f", wantErr: &errInfo{CodeInvalidResourceType, 38}},
		{name: "F1/no-type-separator", in: testPrefix + "function", wantErr: &errInfo{CodeInvalidResourceType, 38}},
		{name: "F1/function-type-is-case-sensitive", in: testPrefix + "Function:f", wantErr: &errInfo{CodeInvalidResourceType, 38}},
		{name: "F1/empty-function-name", in: testPrefix + "function:", wantErr: &errInfo{CodeInvalidName, 47}},
		{name: "F1/function-name-bad-char", in: testPrefix + "function:a.b", wantErr: &errInfo{CodeInvalidName, 48}},
		{name: "F1/function-name-64", in: testPrefix + "function:" + strings.Repeat("f", 64),
			want: Resource{Kind: KindFunction, Name: strings.Repeat("f", 64)}},
		{name: "F1/function-name-65", in: testPrefix + "function:" + strings.Repeat("f", 65), wantErr: &errInfo{CodeNameTooLong, 47 + 64}},
		{name: "F1/empty-qualifier", in: testPrefix + "function:f:", wantErr: &errInfo{CodeInvalidQualifier, 49}},
		{name: "F1/lower-case-latest-is-not-a-qualifier", in: testPrefix + "function:f:$latest", wantErr: &errInfo{CodeInvalidQualifier, 49}},
		{name: "F1/dollar-in-alias", in: testPrefix + "function:f:a$b", wantErr: &errInfo{CodeInvalidQualifier, 50}},
		{name: "F1/two-qualifiers", in: testPrefix + "function:f:1:2", wantErr: &errInfo{CodeInvalidQualifier, 50}},
		{name: "F1/alias-128", in: testPrefix + "function:f:" + strings.Repeat("a", 128),
			want: Resource{Kind: KindFunctionAlias, Name: "f", Qualifier: strings.Repeat("a", 128)}},
		{name: "F1/alias-129", in: testPrefix + "function:f:" + strings.Repeat("a", 129), wantErr: &errInfo{CodeInvalidQualifier, 49 + 128}},
		{name: "F1/durable-execution-missing-id", in: testPrefix + "function:f:1/durable-execution/x", wantErr: &errInfo{CodeInvalidID, 70}},
		{name: "F1/durable-execution-wrong-word", in: testPrefix + "function:f:1/executions/x/y", wantErr: &errInfo{CodeInvalidResourceType, 51}},
		{name: "F1/layer-version-zero", in: testPrefix + "layer:l:0", wantErr: &errInfo{CodeInvalidID, 46}},
		{name: "F1/layer-version-not-a-number", in: testPrefix + "layer:l:latest", wantErr: &errInfo{CodeInvalidID, 46}},
		{name: "F1/layer-version-overflow", in: testPrefix + "layer:l:99999999999999999999", wantErr: &errInfo{CodeInvalidID, 46}},
		{name: "F1/layer-name-bad-char", in: testPrefix + "layer:a/b", wantErr: &errInfo{CodeInvalidName, 45}},
		{name: "F1/esm-not-a-uuid", in: testPrefix + "event-source-mapping:abc", wantErr: &errInfo{CodeInvalidID, 59}},
		{name: "F1/csc-bad-id", in: testPrefix + "code-signing-config:csc-0F1E2D3C4B5A69788", wantErr: &errInfo{CodeInvalidID, 58}},
		{name: "F1/capacity-provider-empty", in: testPrefix + "capacity-provider:", wantErr: &errInfo{CodeInvalidName, 56}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseResource(tt.in)
			if diff := cmp.Diff(tt.wantErr, errOf(t, err)); diff != "" {
				t.Fatalf("ParseResource(%q) error (-want +got):\n%s", tt.in, diff)
			}
			if err == nil {
				tt.want.ARN = MustParse(tt.in)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseResource(%q) (-want +got):\n%s", tt.in, diff)
			}
			a, perr := Parse(tt.in)
			if perr != nil {
				return
			}
			if diff := cmp.Diff(tt.want.Kind, KindOf(a)); diff != "" {
				t.Errorf("KindOf (-want +got):\n%s", diff)
			}
			r2, err2 := ResourceOf(a)
			if diff := cmp.Diff(errOf(t, err), errOf(t, err2)); diff != "" {
				t.Errorf("ResourceOf error differs from ParseResource (-ParseResource +ResourceOf):\n%s", diff)
			}
			if err == nil && r2.String() != tt.in {
				t.Errorf("String = %q, want %q", r2.String(), tt.in)
			}
		})
	}
}

func TestKindNames(t *testing.T) {
	type names struct{ String, ResourceType string }
	want := map[Kind]names{
		KindUnknown:            {"unknown", ""},
		KindFunction:           {"function", "function"},
		KindFunctionVersion:    {"functionVersion", "function version"},
		KindFunctionAlias:      {"functionAlias", "function alias"},
		KindFunctionLatest:     {"functionLatest", "function version"},
		KindLayer:              {"layer", "layer"},
		KindLayerVersion:       {"layerVersion", "layerVersion"},
		KindEventSourceMapping: {"eventSourceMapping", "eventSourceMapping"},
		KindCodeSigningConfig:  {"codeSigningConfig", "code signing config"},
		KindDurableExecution:   {"durableExecution", "durable execution"},
		KindCapacityProvider:   {"capacityProvider", "capacityProvider"},
		KindNetworkConnector:   {"networkConnector", "networkConnector"},
		KindMicrovmImage:       {"microvmImage", "microvmImage"},
		Kind(-1):               {"Kind(-1)", ""},
		Kind(99):               {"Kind(99)", ""},
	}
	got := map[Kind]names{}
	for k := range want {
		got[k] = names{k.String(), k.ResourceType()}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("F1/kind-names (-want +got):\n%s", diff)
	}
}

func TestFormatting(t *testing.T) {
	const p, r, a = "aws", "us-east-1", "111122223333"
	tests := []struct {
		name string
		got  ARN
		want string
		kind Kind
	}{
		{"F1/format-function", FunctionARN(p, r, a, "f", ""), testPrefix + "function:f", KindFunction},
		{"F1/format-function-version", FunctionARN(p, r, a, "f", "3"), testPrefix + "function:f:3", KindFunctionVersion},
		{"F1/format-function-alias", FunctionARN(p, r, a, "f", "PROD"), testPrefix + "function:f:PROD", KindFunctionAlias},
		{"F1/format-function-latest", FunctionARN(p, r, a, "f", Latest), testPrefix + "function:f:$LATEST", KindFunctionLatest},
		{"F1/format-layer", LayerARN(p, r, a, "l"), testPrefix + "layer:l", KindLayer},
		{"F1/format-layer-version", LayerVersionARN(p, r, a, "l", 12), testPrefix + "layer:l:12", KindLayerVersion},
		{"F1/format-esm", EventSourceMappingARN(p, r, a, testUUID), testPrefix + "event-source-mapping:" + testUUID, KindEventSourceMapping},
		{"F1/format-csc", CodeSigningConfigARN(p, r, a, testCSC), testPrefix + "code-signing-config:" + testCSC, KindCodeSigningConfig},
		{"F1/format-durable-execution", DurableExecutionARN(p, r, a, "f", "1", "e", "id"), testPrefix + "function:f:1/durable-execution/e/id", KindDurableExecution},
		{"F1/format-capacity-provider", CapacityProviderARN(p, r, a, "cp"), testPrefix + "capacity-provider:cp", KindCapacityProvider},
		{"F1/format-network-connector", NetworkConnectorARN(p, r, a, "nc"), testPrefix + "network-connector:nc", KindNetworkConnector},
		{"F1/format-microvm-image", MicrovmImageARN(p, r, a, "img"), testPrefix + "microvm-image:img", KindMicrovmImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got.String()); diff != "" {
				t.Errorf("String (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.kind, KindOf(tt.got)); diff != "" {
				t.Errorf("KindOf (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(MustParse(tt.want), tt.got); diff != "" {
				t.Errorf("Parse(String) (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseFunction(t *testing.T) {
	tests := []struct {
		name          string
		in            string
		want          Function
		wantKind      Kind
		wantQualified bool
		wantErr       *errInfo
	}{
		{name: "F1/unqualified", in: testPrefix + "function:f", want: Function{Name: "f"}, wantKind: KindFunction},
		{name: "F1/version", in: testPrefix + "function:f:1", want: Function{Name: "f", Qualifier: "1"}, wantKind: KindFunctionVersion, wantQualified: true},
		{name: "F1/alias", in: testPrefix + "function:f:PROD", want: Function{Name: "f", Qualifier: "PROD"}, wantKind: KindFunctionAlias, wantQualified: true},
		{name: "F3/latest-is-qualified", in: testPrefix + "function:f:$LATEST", want: Function{Name: "f", Qualifier: "$LATEST"}, wantKind: KindFunctionLatest, wantQualified: true},
		{name: "F1/layer-is-not-a-function", in: testPrefix + "layer:l", wantErr: &errInfo{CodeInvalidResourceType, 38}},
		{name: "F1/durable-execution-is-not-a-function", in: testPrefix + "function:f:1/durable-execution/e/i", wantErr: &errInfo{CodeInvalidResourceType, 38}},
		{name: "F1/not-an-arn", in: "f", wantErr: &errInfo{CodeMissingPrefix, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFunction(tt.in)
			if diff := cmp.Diff(tt.wantErr, errOf(t, err)); diff != "" {
				t.Fatalf("ParseFunction(%q) error (-want +got):\n%s", tt.in, diff)
			}
			if err != nil {
				return
			}
			tt.want.ARN = MustParse(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseFunction(%q) (-want +got):\n%s", tt.in, diff)
			}
			if diff := cmp.Diff(tt.wantKind, got.Kind()); diff != "" {
				t.Errorf("Kind (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantQualified, got.Qualified()); diff != "" {
				t.Errorf("Qualified (-want +got):\n%s", diff)
			}
			u := got.Unqualified()
			if diff := cmp.Diff(Function{ARN: MustParse(testPrefix + "function:f"), Name: "f"}, u); diff != "" {
				t.Errorf("Unqualified (-want +got):\n%s", diff)
			}
			if got.String() != tt.in {
				t.Errorf("String = %q", got.String())
			}
		})
	}
	if k := (Function{}).Kind(); k != KindUnknown {
		t.Errorf("zero Function Kind = %v", k)
	}
}

// TestResourceOfLength checks that ResourceOf, given an ARN assembled from
// parts, accepts exactly what ParseResource accepts of its text: nothing
// longer than MaxLength (rule M3.2). Regression for a fuzz finding, an
// event source mapping ARN built with a 2,000-byte region.
func TestResourceOfLength(t *testing.T) {
	for _, extra := range []int{-1, 0, 1, 100} {
		t.Run(fmt.Sprint(extra), func(t *testing.T) {
			fixed := EventSourceMappingARN("aws", "", "111122223333", testUUID).String()
			region := strings.Repeat("9", MaxLength-len(fixed)+extra)
			a := EventSourceMappingARN("aws", region, "111122223333", testUUID)
			if got := len(a.String()); got != MaxLength+extra {
				t.Fatalf("test ARN has %d bytes, want %d", got, MaxLength+extra)
			}
			r, err := ResourceOf(a)
			_, perr := ParseResource(a.String())
			if diff := cmp.Diff(errOf(t, perr), errOf(t, err)); diff != "" {
				t.Errorf("ResourceOf error differs from ParseResource (-ParseResource +ResourceOf):\n%s", diff)
			}
			if extra > 0 {
				if diff := cmp.Diff(&errInfo{CodeTooLong, MaxLength}, errOf(t, err)); diff != "" {
					t.Errorf("ResourceOf error (-want +got):\n%s", diff)
				}
				if k := KindOf(a); k != KindUnknown {
					t.Errorf("KindOf = %v, want KindUnknown", k)
				}
				return
			}
			if err != nil || r.Kind != KindEventSourceMapping || KindOf(a) != KindEventSourceMapping {
				t.Errorf("ResourceOf = %+v, %v; KindOf = %v", r, err, KindOf(a))
			}
		})
	}
}

func TestResolveFunction(t *testing.T) {
	type args struct{ ref, qualifier, partition, region, account string }
	caller := func(ref, q string) args { return args{ref, q, "aws", "us-east-1", "111122223333"} }
	tests := []struct {
		name      string
		args      args
		want      string // the ARN authorized
		wantErr   *errInfo
		errOnQual bool // the error's Input is the qualifier argument
	}{
		{name: "F2/bare-name", args: caller("my-function", ""), want: testPrefix + "function:my-function"},
		{name: "F2/G.4/bare-name-is-expanded-with-endpoint-region-and-caller-account",
			args: args{"my-function", "", "aws-cn", "cn-north-1", "444455556666"}, want: "arn:aws-cn:lambda:cn-north-1:444455556666:function:my-function"},
		{name: "F2/empty-partition-means-aws", args: args{"f", "", "", "eu-west-1", "111122223333"}, want: "arn:aws:lambda:eu-west-1:111122223333:function:f"},
		{name: "F2/name-with-alias", args: caller("my-function:v1", ""), want: testPrefix + "function:my-function:v1"},
		{name: "F2/name-with-version", args: caller("my-function:3", ""), want: testPrefix + "function:my-function:3"},
		{name: "F2/partial-arn", args: caller("123456789012:function:my-function", ""), want: "arn:aws:lambda:us-east-1:123456789012:function:my-function"},
		{name: "F2/partial-arn-with-qualifier", args: caller("123456789012:function:my-function:PROD", ""), want: "arn:aws:lambda:us-east-1:123456789012:function:my-function:PROD"},
		{name: "F2/full-arn", args: caller(testPrefix+"function:f", ""), want: testPrefix + "function:f"},
		{name: "F2/full-arn-with-qualifier", args: caller(testPrefix+"function:f:7", ""), want: testPrefix + "function:f:7"},
		{name: "F2/full-arn-cross-account", args: caller("arn:aws:lambda:us-east-1:444455556666:function:f", ""), want: "arn:aws:lambda:us-east-1:444455556666:function:f"},
		{name: "F2/full-arn-without-caller-location", args: args{testPrefix + "function:f", "", "", "", ""}, want: testPrefix + "function:f"},
		{name: "F3/qualifier-parameter", args: caller("f", "PROD"), want: testPrefix + "function:f:PROD"},
		{name: "F3/qualifier-parameter-on-arn", args: caller(testPrefix+"function:f", "2"), want: testPrefix + "function:f:2"},
		{name: "F3/same-qualifier-both-ways", args: caller("f:PROD", "PROD"), want: testPrefix + "function:f:PROD"},
		{name: "F3/explicit-latest-suffix-is-qualified", args: caller("f:$LATEST", ""), want: testPrefix + "function:f:$LATEST"},
		{name: "F3/explicit-latest-parameter-is-qualified", args: caller("f", "$LATEST"), want: testPrefix + "function:f:$LATEST"},
		{name: "F2/name-64", args: caller(strings.Repeat("n", 64), ""), want: testPrefix + "function:" + strings.Repeat("n", 64)},

		{name: "F2/conflicting-qualifiers", args: caller("f:PROD", "DEV"), wantErr: &errInfo{CodeQualifierConflict, 2}},
		{name: "F2/conflicting-qualifiers-in-arn", args: caller(testPrefix+"function:f:1", "2"), wantErr: &errInfo{CodeQualifierConflict, 49}},
		{name: "F2/name-65", args: caller(strings.Repeat("n", 65), ""), wantErr: &errInfo{CodeNameTooLong, 64}},
		{name: "F2/name-bad-character", args: caller("my.function", ""), wantErr: &errInfo{CodeInvalidName, 2}},
		{name: "F2/empty-ref", args: caller("", ""), wantErr: &errInfo{CodeInvalidName, 0}},
		{name: "F2/empty-name-before-qualifier", args: caller(":PROD", ""), wantErr: &errInfo{CodeInvalidName, 0}},
		{name: "F2/empty-qualifier-suffix", args: caller("f:", ""), wantErr: &errInfo{CodeInvalidQualifier, 2}},
		{name: "F2/bad-qualifier-suffix", args: caller("f:$latest", ""), wantErr: &errInfo{CodeInvalidQualifier, 2}},
		{name: "F2/bad-qualifier-parameter", args: caller("f", "a.b"), wantErr: &errInfo{CodeInvalidQualifier, 1}, errOnQual: true},
		{name: "F2/qualifier-parameter-too-long", args: caller("f", strings.Repeat("q", 129)), wantErr: &errInfo{CodeInvalidQualifier, 128}, errOnQual: true},
		{name: "F2/full-arn-141", args: caller(testPrefix+"function:"+strings.Repeat("n", 64)+":"+strings.Repeat("q", 29), ""), wantErr: &errInfo{CodeTooLong, 140}},
		{name: "F2/full-arn-140", args: caller(testPrefix+"function:"+strings.Repeat("n", 64)+":"+strings.Repeat("q", 28), ""),
			want: testPrefix + "function:" + strings.Repeat("n", 64) + ":" + strings.Repeat("q", 28)},
		{name: "F2/region-contradicts-caller", args: caller("arn:aws:lambda:us-west-2:111122223333:function:f", ""), wantErr: &errInfo{CodeRegionMismatch, 15}},
		{name: "F2/partition-contradicts-caller", args: caller("arn:aws-cn:lambda:us-east-1:111122223333:function:f", ""), wantErr: &errInfo{CodePartitionMismatch, 4}},
		{name: "F2/arn-of-other-service", args: caller("arn:aws:s3:::f", ""), wantErr: &errInfo{CodeNotLambda, 8}},
		{name: "F2/arn-of-layer", args: caller(testPrefix+"layer:f", ""), wantErr: &errInfo{CodeInvalidResourceType, 38}},
		{name: "F2/arn-without-region", args: caller("arn:aws:lambda::111122223333:function:f", ""), wantErr: &errInfo{CodeInvalidRegion, 15}},
		{name: "F2/arn-bad-account", args: caller("arn:aws:lambda:us-east-1:1:function:f", ""), wantErr: &errInfo{CodeInvalidAccount, 25}},
		{name: "F2/malformed-arn", args: caller("arn:aws:lambda", ""), wantErr: &errInfo{CodeTooFewParts, 14}},
		{name: "F2/partial-arn-bad-account", args: caller("12345:function:f", ""), wantErr: &errInfo{CodeInvalidAccount, 0}},
		{name: "F2/partial-arn-wrong-type", args: caller("123456789012:layer:f", ""), wantErr: &errInfo{CodeInvalidFunctionRef, 13}},
		{name: "F2/too-many-colons", args: caller("123456789012:function:f:1:2", ""), wantErr: &errInfo{CodeInvalidFunctionRef, 25}},
		{name: "F2/missing-region", args: args{"f", "", "aws", "", "111122223333"}, wantErr: &errInfo{CodeMissingRegion, 0}},
		{name: "F2/missing-account", args: args{"f", "", "aws", "us-east-1", ""}, wantErr: &errInfo{CodeMissingAccount, 0}},
		{name: "F2/malformed-caller-account", args: args{"f", "", "aws", "us-east-1", "me"}, wantErr: &errInfo{CodeInvalidAccount, 0}},
		{name: "F2/malformed-caller-region", args: args{"f", "", "aws", "us east", "111122223333"}, wantErr: &errInfo{CodeInvalidRegion, 2}},
		// Regression (a fuzz finding): a caller's region long enough to make
		// the ARN longer than Parse accepts is an error, not an ARN.
		{name: "M3.2/caller-region-too-long", args: args{"f", "", "aws", strings.Repeat("9", MaxLength), "111122223333"},
			wantErr: &errInfo{CodeTooLong, MaxLength}},
		{name: "M3.2/caller-partition-too-long", args: args{"f", "", strings.Repeat("p", MaxLength-30), "us-east-1", "111122223333"},
			wantErr: &errInfo{CodeTooLong, MaxLength - 30}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.args
			got, err := ResolveFunction(a.ref, a.qualifier, a.partition, a.region, a.account)
			if diff := cmp.Diff(tt.wantErr, errOf(t, err)); diff != "" {
				t.Fatalf("ResolveFunction%+v error %v (-want +got):\n%s", a, err, diff)
			}
			if err != nil {
				pe := err.(*ParseError)
				if tt.errOnQual && pe.Input != a.qualifier {
					t.Errorf("error Input = %q, want the qualifier", pe.Input)
				}
				if pe.Offset < 0 || pe.Offset > len(pe.Input) {
					t.Errorf("error offset %d outside input %q", pe.Offset, pe.Input)
				}
				return
			}
			if diff := cmp.Diff(tt.want, got.String()); diff != "" {
				t.Errorf("ResolveFunction%+v (-want +got):\n%s", a, diff)
			}
			f, err := ParseFunction(tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f, got); diff != "" {
				t.Errorf("ResolveFunction vs ParseFunction (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewFunction(t *testing.T) {
	f, err := NewFunction("aws", "us-east-1", "111122223333", "f", "PROD")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(testPrefix+"function:f:PROD", f.String()); diff != "" {
		t.Errorf("F1/new-function (-want +got):\n%s", diff)
	}
	_, err = NewFunction("aws", "us-east-1", "111122223333", "f:1", "")
	if diff := cmp.Diff(&errInfo{CodeInvalidName, 1}, errOf(t, err)); diff != "" {
		t.Errorf("F1/new-function-bad-name (-want +got):\n%s", diff)
	}
	_, err = NewFunction("aws", "us-east-1", "111122223333", "f", "$x")
	if diff := cmp.Diff(&errInfo{CodeInvalidQualifier, 0}, errOf(t, err)); diff != "" {
		t.Errorf("F1/new-function-bad-qualifier (-want +got):\n%s", diff)
	}
}
