package arn

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// errInfo is the comparable part of a *ParseError.
type errInfo struct {
	Code   ErrorCode
	Offset int
}

func errOf(t *testing.T, err error) *errInfo {
	t.Helper()
	if err == nil {
		return nil
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is %T, want *ParseError", err, err)
	}
	return &errInfo{Code: pe.Code, Offset: pe.Offset}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    ARN
		wantErr *errInfo
	}{
		{name: "M3.2/lambda-function", in: "arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf",
			want: ARN{"aws", "lambda", "us-east-1", "111122223333", "function:invoice-pdf"}},
		{name: "M3.2/resource-keeps-colons", in: "arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf:$LATEST",
			want: ARN{"aws", "lambda", "us-east-1", "111122223333", "function:invoice-pdf:$LATEST"}},
		{name: "M3.2/resource-with-slashes-and-colons", in: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/x:log-stream:2026/05/01/[$LATEST]aa",
			want: ARN{"aws", "logs", "us-east-1", "111122223333", "log-group:/aws/lambda/x:log-stream:2026/05/01/[$LATEST]aa"}},
		{name: "M3.2/empty-region-and-account", in: "arn:aws:s3:::my-bucket/key",
			want: ARN{"aws", "s3", "", "", "my-bucket/key"}},
		{name: "M3.2/empty-region", in: "arn:aws:iam::111122223333:role/service-role/x",
			want: ARN{"aws", "iam", "", "111122223333", "role/service-role/x"}},
		{name: "M3.2/aws-managed-policy-account", in: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
			want: ARN{"aws", "iam", "", "aws", "policy/service-role/AWSLambdaBasicExecutionRole"}},
		{name: "M3.2/china-partition", in: "arn:aws-cn:lambda:cn-north-1:111122223333:function:f",
			want: ARN{"aws-cn", "lambda", "cn-north-1", "111122223333", "function:f"}},
		{name: "M3.2/unknown-partition-parses", in: "arn:aws-future:lambda:xx-1:111122223333:function:f",
			want: ARN{"aws-future", "lambda", "xx-1", "111122223333", "function:f"}},
		{name: "M3.2/service-with-hyphen-and-digit", in: "arn:aws:execute-api:us-east-1:111122223333:a1/b",
			want: ARN{"aws", "execute-api", "us-east-1", "111122223333", "a1/b"}},
		{name: "M3.2/unicode-resource", in: "arn:aws:s3:::bücket/ключ",
			want: ARN{"aws", "s3", "", "", "bücket/ключ"}},
		{name: "M3.2/resource-single-star-is-text", in: "arn:aws:s3:::*",
			want: ARN{"aws", "s3", "", "", "*"}},

		{name: "M3.2/empty", in: "", wantErr: &errInfo{CodeMissingPrefix, 0}},
		{name: "M3.2/no-prefix", in: "aws:lambda:us-east-1:1:function:f", wantErr: &errInfo{CodeMissingPrefix, 1}},
		{name: "M3.2/prefix-is-case-sensitive", in: "ARN:aws:lambda:us-east-1:1:function:f", wantErr: &errInfo{CodeMissingPrefix, 0}},
		{name: "M3.2/prefix-without-colon", in: "arnx:aws:s3:::b", wantErr: &errInfo{CodeMissingPrefix, 3}},
		{name: "M3.2/star-alone-is-not-an-arn", in: "*", wantErr: &errInfo{CodeMissingPrefix, 0}},
		{name: "M3.2/five-parts", in: "arn:aws:lambda:us-east-1:111122223333", wantErr: &errInfo{CodeTooFewParts, 37}},
		{name: "M3.2/three-parts", in: "arn:aws:lambda", wantErr: &errInfo{CodeTooFewParts, 14}},
		{name: "M3.2/empty-partition", in: "arn::s3:::b", wantErr: &errInfo{CodeInvalidPartition, 4}},
		{name: "M3.2/upper-case-partition", in: "arn:AWS:s3:::b", wantErr: &errInfo{CodeInvalidPartition, 4}},
		{name: "M3.2/digit-in-partition", in: "arn:aws2:s3:::b", wantErr: &errInfo{CodeInvalidPartition, 7}},
		{name: "M3.2/empty-service", in: "arn:aws::us-east-1:1:x", wantErr: &errInfo{CodeInvalidService, 8}},
		{name: "M3.2/upper-case-service", in: "arn:aws:Lambda:us-east-1:1:x", wantErr: &errInfo{CodeInvalidService, 8}},
		{name: "M3.2/wildcard-service", in: "arn:aws:*:us-east-1:1:x", wantErr: &errInfo{CodeInvalidService, 8}},
		{name: "M3.2/bad-region", in: "arn:aws:lambda:us_east_1:1:x", wantErr: &errInfo{CodeInvalidRegion, 17}},
		{name: "M3.2/bad-account", in: "arn:aws:lambda:us-east-1:1 2:x", wantErr: &errInfo{CodeInvalidAccount, 26}},
		{name: "M3.2/empty-resource", in: "arn:aws:s3:::", wantErr: &errInfo{CodeInvalidResource, 13}},
		{name: "M3.2/control-character-in-resource", in: "arn:aws:s3:::b\nx", wantErr: &errInfo{CodeInvalidResource, 14}},
		{name: "M3.2/invalid-utf8-in-resource", in: "arn:aws:s3:::b\xff", wantErr: &errInfo{CodeInvalidResource, 14}},
		{name: "M3.2/too-long", in: "arn:aws:s3:::" + strings.Repeat("b", MaxLength), wantErr: &errInfo{CodeTooLong, MaxLength}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if diff := cmp.Diff(tt.wantErr, errOf(t, err)); diff != "" {
				t.Fatalf("Parse(%q) error (-want +got):\n%s", tt.in, diff)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.in, diff)
			}
			if IsARN(tt.in) != (err == nil) {
				t.Errorf("IsARN(%q) = %v, Parse error %v", tt.in, IsARN(tt.in), err)
			}
			if err != nil {
				var pe *ParseError
				errors.As(err, &pe)
				if pe.Input != tt.in || pe.Error() == "" {
					t.Errorf("ParseError = %+v", pe)
				}
				return
			}
			if diff := cmp.Diff(tt.in, got.String()); diff != "" {
				t.Errorf("String (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.in, string(got.AppendTo([]byte(nil)))); diff != "" {
				t.Errorf("AppendTo (-want +got):\n%s", diff)
			}
		})
	}
}

func TestZeroARN(t *testing.T) {
	if diff := cmp.Diff("", (ARN{}).String()); diff != "" {
		t.Errorf("zero ARN String (-want +got):\n%s", diff)
	}
	if got := (ARN{}).AppendTo([]byte("x")); string(got) != "x" {
		t.Errorf("zero ARN AppendTo = %q", got)
	}
}

func TestMustParse(t *testing.T) {
	if diff := cmp.Diff(ARN{"aws", "s3", "", "", "b"}, MustParse("arn:aws:s3:::b")); diff != "" {
		t.Errorf("MustParse (-want +got):\n%s", diff)
	}
	defer func() {
		if recover() == nil {
			t.Errorf("MustParse of a bad ARN did not panic")
		}
	}()
	MustParse("nope")
}

func TestKnownPartition(t *testing.T) {
	for _, p := range []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"} {
		t.Run("F1/known-"+p, func(t *testing.T) {
			if !KnownPartition(p) {
				t.Errorf("KnownPartition(%q) = false", p)
			}
		})
	}
	for _, p := range []string{"", "AWS", "aws-future", "aws-iso-x", "aws "} {
		t.Run("F1/unknown-"+p, func(t *testing.T) {
			if KnownPartition(p) {
				t.Errorf("KnownPartition(%q) = true", p)
			}
		})
	}
}

// TestErrorCodeNames pins the stable names and numbers of the codes.
func TestErrorCodeNames(t *testing.T) {
	want := map[ErrorCode]string{
		1: "too-long", 2: "missing-prefix", 3: "too-few-parts", 4: "invalid-partition",
		5: "invalid-service", 6: "invalid-region", 7: "invalid-account", 8: "invalid-resource",
		9: "not-lambda", 10: "invalid-resource-type", 11: "invalid-name", 12: "name-too-long",
		13: "invalid-qualifier", 14: "qualifier-conflict", 15: "partition-mismatch",
		16: "region-mismatch", 17: "missing-region", 18: "missing-account",
		19: "invalid-function-ref", 20: "invalid-id", 21: "short-pattern",
		0: "ErrorCode(0)", 99: "ErrorCode(99)",
	}
	got := map[ErrorCode]string{}
	for c := range want {
		got[c] = c.String()
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ErrorCode names (-want +got):\n%s", diff)
	}
}
