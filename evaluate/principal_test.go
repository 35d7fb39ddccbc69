package evaluate

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/arn"
)

// TestM4PrincipalClassification checks how request principals are read.
func TestM4PrincipalClassification(t *testing.T) {
	type parsed struct {
		Kind                                    principalKind
		Partition, Account, Name, Path, Session string
		ServiceLinked                           bool
		Code                                    Code
	}
	for _, tc := range []struct {
		name string
		in   string
		want parsed
	}{
		{"M4/anonymous", "anonymous", parsed{Kind: kindAnonymous}},
		{"M4/service-amazonaws", "s3.amazonaws.com", parsed{Kind: kindService, Name: "s3.amazonaws.com"}},
		{"M4/service-amazon-com", "alexa-appkit.amazon.com", parsed{Kind: kindService, Name: "alexa-appkit.amazon.com"}},
		{"M4/service-china", "lambda.amazonaws.com.cn", parsed{Kind: kindService, Name: "lambda.amazonaws.com.cn"}},
		{"M4/root", "arn:aws:iam::111122223333:root", parsed{Kind: kindRoot, Partition: "aws", Account: "111122223333"}},
		{"M4/user-with-path", "arn:aws-us-gov:iam::111122223333:user/div/ops/priya", parsed{Kind: kindUser, Partition: "aws-us-gov", Account: "111122223333", Name: "priya", Path: "div/ops/"}},
		{"M4/role", "arn:aws:iam::111122223333:role/dev", parsed{Kind: kindRole, Partition: "aws", Account: "111122223333", Name: "dev"}},
		{"M4/service-linked-role-path", "arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/Thing", parsed{Kind: kindRole, Partition: "aws", Account: "111122223333", Name: "Thing", Path: "aws-service-role/x.amazonaws.com/", ServiceLinked: true}},
		{"M4/session", "arn:aws:sts::111122223333:assumed-role/dev/alice@example.com", parsed{Kind: kindSession, Partition: "aws", Account: "111122223333", Name: "dev", Session: "alice@example.com"}},
		{"M4/service-linked-session", "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/s", parsed{Kind: kindSession, Partition: "aws", Account: "111122223333", Name: "AWSServiceRoleForSupport", Session: "s", ServiceLinked: true}},
		{"M4/federated", "arn:aws:sts::111122223333:federated-user/ana", parsed{Kind: kindFederated, Partition: "aws", Account: "111122223333", Name: "ana"}},
		{"M4/empty", "", parsed{Code: CodeInvalidPrincipal}},
		{"M4/service-with-colon", "s3.amazonaws.com:x", parsed{Code: CodeInvalidPrincipal}},
		{"M4/wildcard", "*", parsed{Code: CodeInvalidPrincipal}},
		{"M4/account-id-alone", "111122223333", parsed{Code: CodeInvalidPrincipal}},
		{"M4/group", "arn:aws:iam::111122223333:group/admins", parsed{Code: CodeInvalidPrincipal}},
		{"M4/region-in-iam-arn", "arn:aws:iam:us-east-1:111122223333:user/x", parsed{Code: CodeInvalidPrincipal}},
		{"M4/session-with-extra-part", "arn:aws:sts::111122223333:assumed-role/dev/a/b", parsed{Code: CodeInvalidPrincipal}},
		{"M4/user-without-name", "arn:aws:iam::111122223333:user/", parsed{Code: CodeInvalidPrincipal}},
		{"M4/lambda-arn", "arn:aws:lambda:us-east-1:111122223333:function:f", parsed{Code: CodeInvalidPrincipal}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := parsePrincipal(tc.in)
			got := parsed{p.kind, p.partition, p.account, p.name, p.path, p.session, p.isServiceLinked(), ""}
			var e *Error
			if errors.As(err, &e) {
				got = parsed{Code: e.Code}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("parsePrincipal(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

// TestLambdaAccount: the fast path takes the Lambda ARNs of the aws
// partition with a 12-digit account, reading what arn.Split reads, and
// declines every other shape.
func TestLambdaAccount(t *testing.T) {
	for _, tc := range []struct {
		arn  string
		want bool // the fast path takes it
	}{
		{"arn:aws:lambda:us-east-1:111122223333:function:f", true},
		{"arn:aws:lambda:us-east-1:111122223333:function:f:PROD", true},
		{"arn:aws:lambda::111122223333:function:f", true},
		{"arn:aws:lambda:eu-west-1:444455556666:layer:l:3", true},
		{"arn:aws:lambda:us-east-1:11112222333:function:f", false},
		{"arn:aws:lambda:us-east-1:111122223333", false},
		{"arn:aws:lambda:us-east-1::function:f", false},
		{"arn:aws:lambda:us-east-1:1111222233334:function:f", false},
		{"arn:aws:lambda:us-east-1", false},
		{"arn:aws-cn:lambda:cn-north-1:111122223333:function:f", false},
		{"arn:aws:lambda:us-east-1:abcd22223333:function:f", false},
		{"arn:aws:s3:::bucket", false},
	} {
		got, ok := lambdaAccount(tc.arn)
		if ok != tc.want {
			t.Errorf("lambdaAccount(%q) ok = %v, want %v", tc.arn, ok, tc.want)
			continue
		}
		if _, _, _, want, _, _ := arn.Split(tc.arn); ok && got != want {
			t.Errorf("lambdaAccount(%q) = %q, arn.Split reads %q", tc.arn, got, want)
		}
	}
}
