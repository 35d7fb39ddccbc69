package evaluate

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

// refArnParts is arnParts by strings.SplitN.
func refArnParts(s string) (parts [6]string, ok bool) {
	f := strings.SplitN(s, ":", 6)
	if len(f) < 6 || f[0] != "arn" {
		return parts, false
	}
	copy(parts[:], f)
	return parts, true
}

// TestArnPartsBytes checks arnParts, which finds colons eight bytes at a
// time, against a split on random strings of the bytes that could fool a
// word-wise search: the colon, its neighbours, the colon with its high bit
// set, zero and 0xff.
func TestArnPartsBytes(t *testing.T) {
	alphabet := []byte{':', ';', '9', 0xba, 0x00, 0xff, 0x3b, 0x7f, 0x80, 'a', 0x01}
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 20000; n++ {
		b := []byte("arn:")
		for k := r.IntN(40); k > 0; k-- {
			b = append(b, alphabet[r.IntN(len(alphabet))])
		}
		s := string(b)
		want, wantOK := refArnParts(s)
		p, sv, rg, ac, rs, ok := arnParts(s)
		got := [6]string{"arn", p, sv, rg, ac, rs}
		if ok != wantOK || (ok && got != want) {
			t.Fatalf("arnParts(%q) = %q %v, want %q %v", s, got, ok, want, wantOK)
		}
	}
}

// TestLambdaAccount: the fast path reads what arnParts reads, or declines.
func TestLambdaAccount(t *testing.T) {
	for _, s := range []string{
		"arn:aws:lambda:us-east-1:111122223333:function:f",
		"arn:aws:lambda::111122223333:function:f",
		"arn:aws:lambda:us-east-1:11112222333:function:f",
		"arn:aws:lambda:us-east-1:111122223333",
		"arn:aws:lambda:us-east-1::function:f",
		"arn:aws:lambda:us-east-1:1111222233334:function:f",
		"arn:aws:lambda:us-east-1",
		"arn:aws-cn:lambda:cn-north-1:111122223333:function:f",
		"arn:aws:lambda:us-east-1:abcd22223333:function:f",
	} {
		got, ok := lambdaAccount(s)
		_, _, _, want, _, wantOK := arnParts(s)
		if ok && (!wantOK || got != want) {
			t.Errorf("lambdaAccount(%q) = %q, arnParts reads %q (ok %v)", s, got, want, wantOK)
		}
	}
}
