package policy

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// at names where an error is expected: the nth (1-based, 0 means 1st)
// occurrence of text in the input.
type at struct {
	text string
	nth  int
	end  bool // the end of the input
	off  int  // when > 0: this byte offset
}

type wantErr struct {
	code Code
	ptr  string
	at   at
}

// gotErr is an error reduced to what the tests compare.
type gotErr struct {
	Code    Code
	Pointer string
	Pos     string // "line:col"
	Offset  int
}

// posOf computes the line and column of the occurrence of a in input,
// independently of the locator under test.
func posOf(t *testing.T, input string, a at) gotErr {
	t.Helper()
	var off int
	switch {
	case a.end:
		off = len(input)
	case a.off > 0:
		off = a.off
	default:
		n := max(a.nth, 1)
		off = -1
		for i := 0; i < n; i++ {
			k := strings.Index(input[off+1:], a.text)
			if k < 0 {
				t.Fatalf("test bug: occurrence %d of %q not in input", n, a.text)
			}
			off += 1 + k
		}
	}
	line, col := 1, 1
	for _, r := range input[:off] {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return gotErr{Pos: fmt.Sprintf("%d:%d", line, col), Offset: off}
}

func summarize(t *testing.T, err error) []gotErr {
	t.Helper()
	if err == nil {
		return nil
	}
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error is %T, want ErrorList: %v", err, err)
	}
	var out []gotErr
	for _, e := range list {
		out = append(out, gotErr{Code: e.Code, Pointer: e.Pointer, Pos: fmt.Sprintf("%d:%d", e.Pos.Line, e.Pos.Column), Offset: e.Pos.Offset})
	}
	return out
}

// stmt wraps statement elements into a one-statement policy.
func stmt(elems string) string {
	return `{"Version":"2012-10-17","Statement":[{` + elems + `}]}`
}

const (
	fn     = `"arn:aws:lambda:us-east-1:111122223333:function:orders"`
	allowA = `"Effect":"Allow","Action":"lambda:GetFunction"`
	denyA  = `"Effect":"Deny","Action":"lambda:GetFunction"`
	res    = `"Resource":` + fn
)

type parseCase struct {
	name  string
	kind  Kind
	opts  []Option
	input string
	want  []wantErr
}

func parseCases() []parseCase {
	return []parseCase{
		// G1: top-level shape.
		{name: "G1/statement-version-id-in-any-order", input: `{"Statement":{` + allowA + `,` + res + `},"Id":"x","Version":"2012-10-17"}`},
		{name: "G1/missing-statement", input: `{"Version":"2012-10-17","Id":"no-statements"}`,
			want: []wantErr{{CodeMissingStatement, "", at{text: "{"}}}},
		{name: "G1/unknown-top-level-element", input: `{"Version":"2012-10-17","Statement":{` + allowA + `,` + res + `},"Comment":"x"}`,
			want: []wantErr{{CodeUnknownElement, "/Comment", at{text: `"Comment"`}}}},
		{name: "G1/statement-element-at-top-level", input: `{"Effect":"Allow","Statement":{` + allowA + `,` + res + `}}`,
			want: []wantErr{{CodeUnknownElement, "/Effect", at{text: `"Effect"`}}}},
		{name: "G1/document-not-an-object", input: `["Statement"]`,
			want: []wantErr{{CodeInvalidType, "", at{text: `[`}}}},
		{name: "G1/id-not-a-string", input: `{"Id":7,"Statement":{` + allowA + `,` + res + `}}`,
			want: []wantErr{{CodeInvalidType, "/Id", at{text: `7`}}}},
		{name: "G1/syntax-error-position", input: "{\n  \"Statement\": {\n    \"Effect\" \"Allow\"\n  }\n}",
			want: []wantErr{{CodeSyntax, "", at{text: `"Allow"`}}}},
		{name: "G1/trailing-data", input: stmt(allowA+`,`+res) + "\n}",
			want: []wantErr{{CodeSyntax, "", at{text: "}", nth: 3}}}},
		{name: "G1/unterminated", input: `{"Statement":[`,
			want: []wantErr{{CodeSyntax, "", at{end: true}}}},
		{name: "G1/empty-input", input: ``,
			want: []wantErr{{CodeSyntax, "", at{text: ""}}}},
		{name: "G1/too-deep", input: `{"Statement":{` + allowA + `,` + res + `,"Condition":{"StringEquals":{"k":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}}}}`,
			want: []wantErr{{CodeTooDeep, "", at{text: "[", nth: MaxDepth - 3}}}},
		{name: "G1/too-large", opts: []Option{WithMaxBytes(50)}, input: stmt(allowA + `,` + res),
			want: []wantErr{{CodeTooLarge, "", at{text: ""}}}},

		// G2: Version.
		{name: "G2/unknown-version", input: `{"Version":"2012-10-18","Statement":{` + allowA + `,` + res + `}}`,
			want: []wantErr{{CodeInvalidVersion, "/Version", at{text: `"2012-10-18"`}}}},
		{name: "G2/version-not-a-string", input: `{"Version":20121017,"Statement":{` + allowA + `,` + res + `}}`,
			want: []wantErr{{CodeInvalidType, "/Version", at{text: `20121017`}}}},
		{name: "G2/legacy-version-accepted", input: `{"Version":"2008-10-17","Statement":{` + allowA + `,` + res + `}}`},
		{name: "G2/absent-version-accepted", input: `{"Statement":{` + allowA + `,` + res + `}}`},

		// G3: Statement.
		{name: "G3/empty-array", input: `{"Version":"2012-10-17","Statement":[]}`,
			want: []wantErr{{CodeEmptyStatement, "/Statement", at{text: `[`}}}},
		{name: "G3/single-object-accepted", input: `{"Statement":{` + allowA + `,` + res + `}}`},
		{name: "G3/statement-a-string", input: `{"Statement":"Allow"}`,
			want: []wantErr{{CodeInvalidType, "/Statement", at{text: `"Allow"`}}}},
		{name: "G3/statement-null", input: `{"Statement":null}`,
			want: []wantErr{{CodeInvalidType, "/Statement", at{text: `null`}}}},
		{name: "G3/array-element-not-an-object", input: `{"Statement":[{` + allowA + `,` + res + `},42]}`,
			want: []wantErr{{CodeInvalidType, "/Statement/1", at{text: `42`}}}},

		// G4: statement elements.
		{name: "G4/effect-lower-case", input: stmt(`"Effect":"allow","Action":"lambda:GetFunction",` + res),
			want: []wantErr{{CodeInvalidEffect, "/Statement/0/Effect", at{text: `"allow"`}}}},
		{name: "G4/effect-not-a-string", input: stmt(`"Effect":true,"Action":"lambda:GetFunction",` + res),
			want: []wantErr{{CodeInvalidType, "/Statement/0/Effect", at{text: `true`}}}},
		{name: "G4/effect-other-word", input: stmt(`"Effect":"Permit","Action":"lambda:GetFunction",` + res),
			want: []wantErr{{CodeInvalidEffect, "/Statement/0/Effect", at{text: `"Permit"`}}}},
		{name: "G4/identity-without-resource", input: stmt(allowA),
			want: []wantErr{{CodeMissingResource, "/Statement/0", at{text: `{"Effect"`}}}},
		{name: "G4/boundary-without-resource", kind: KindBoundary, input: stmt(allowA),
			want: []wantErr{{CodeMissingResource, "/Statement/0", at{text: `{"Effect"`}}}},
		{name: "G4/session-without-resource", kind: KindSession, input: stmt(allowA),
			want: []wantErr{{CodeMissingResource, "/Statement/0", at{text: `{"Effect"`}}}},
		{name: "G4/resource-policy-without-resource", kind: KindResource, input: stmt(allowA + `,"Principal":"*"`),
			want: []wantErr{{CodeMissingResource, "/Statement/0", at{text: `{"Effect"`}}}},
		{name: "G4/notresource-accepted", input: stmt(allowA + `,"NotResource":` + fn)},
		{name: "G4/notaction-accepted", input: stmt(`"Effect":"Allow","NotAction":"iam:*",` + res)},

		// G5: element combinations.
		{name: "G5/action-and-notaction", input: stmt(allowA + `,"NotAction":"lambda:DeleteFunction",` + res),
			want: []wantErr{{CodeActionAndNotAction, "/Statement/0/NotAction", at{text: `"NotAction"`}}}},
		{name: "G5/resource-and-notresource", input: stmt(allowA + `,` + res + `,"NotResource":"*"`),
			want: []wantErr{{CodeResourceAndNotResource, "/Statement/0/NotResource", at{text: `"NotResource"`}}}},
		{name: "G5/missing-effect", input: stmt(`"Action":"lambda:GetFunction",` + res),
			want: []wantErr{{CodeMissingEffect, "/Statement/0", at{text: `{"Action"`}}}},
		{name: "G5/missing-action", input: stmt(`"Effect":"Allow",` + res),
			want: []wantErr{{CodeMissingAction, "/Statement/0", at{text: `{"Effect"`}}}},
		{name: "G5/principal-in-identity-policy", input: stmt(allowA + `,"Principal":{"AWS":"111122223333"},` + res),
			want: []wantErr{{CodePrincipalNotAllowed, "/Statement/0/Principal", at{text: `"Principal"`}}}},
		{name: "G5/principal-in-boundary", kind: KindBoundary, input: stmt(allowA + `,"Principal":"*",` + res),
			want: []wantErr{{CodePrincipalNotAllowed, "/Statement/0/Principal", at{text: `"Principal"`}}}},
		{name: "G5/principal-in-session-policy", kind: KindSession, input: stmt(allowA + `,"Principal":"*",` + res),
			want: []wantErr{{CodePrincipalNotAllowed, "/Statement/0/Principal", at{text: `"Principal"`}}}},
		{name: "G5/notprincipal-in-session-policy", kind: KindSession, input: stmt(denyA + `,"NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/analyst"},` + res),
			want: []wantErr{{CodeNotPrincipalNotAllowed, "/Statement/0/NotPrincipal", at{text: `"NotPrincipal"`}}}},
		{name: "G5/principal-in-scp", kind: KindSCP, input: stmt(denyA + `,"Principal":"*",` + res),
			want: []wantErr{{CodePrincipalNotAllowed, "/Statement/0/Principal", at{text: `"Principal"`}}}},
		{name: "G5/notprincipal-in-scp", kind: KindSCP, input: stmt(denyA + `,"NotPrincipal":"*",` + res),
			want: []wantErr{{CodeNotPrincipalNotAllowed, "/Statement/0/NotPrincipal", at{text: `"NotPrincipal"`}}}},
		{name: "G5/resource-policy-without-principal", kind: KindResource, input: stmt(allowA + `,` + res),
			want: []wantErr{{CodeMissingPrincipal, "/Statement/0", at{text: `{"Effect"`}}}},
		{name: "G5/resource-policy-principal-and-notprincipal", kind: KindResource, input: stmt(denyA + `,"Principal":"*","NotPrincipal":{"AWS":"111122223333"},` + res),
			want: []wantErr{{CodePrincipalAndNotPrincipal, "/Statement/0/NotPrincipal", at{text: `"NotPrincipal"`}}}},
		{name: "G5/notprincipal-with-allow", kind: KindResource, input: stmt(allowA + `,"NotPrincipal":{"AWS":"111122223333"},` + res),
			want: []wantErr{{CodeNotPrincipalWithAllow, "/Statement/0/NotPrincipal", at{text: `"NotPrincipal"`}}}},
		{name: "G5/notprincipal-with-deny-accepted", kind: KindResource, input: stmt(denyA + `,"NotPrincipal":{"AWS":"111122223333"},` + res)},
		{name: "G5/trust-policy-accepted", kind: KindTrust, input: stmt(`"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"`)},
		{name: "G5/trust-policy-without-principal", kind: KindTrust, input: stmt(`"Effect":"Allow","Action":"sts:AssumeRole"`),
			want: []wantErr{{CodeMissingPrincipal, "/Statement/0", at{text: `{"Effect"`}}}},
		{name: "G5/notprincipal-in-trust-policy", kind: KindTrust, input: stmt(`"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"`),
			want: []wantErr{
				{CodeMissingPrincipal, "/Statement/0", at{text: `{"Effect"`}},
				{CodeNotPrincipalNotAllowed, "/Statement/0/NotPrincipal", at{text: `"NotPrincipal"`}},
			}},
		{name: "G5/resource-in-trust-policy", kind: KindTrust, input: stmt(`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole",` + res),
			want: []wantErr{{CodeResourceNotAllowed, "/Statement/0/Resource", at{text: `"Resource"`}}}},
		{name: "G5/notresource-in-trust-policy", kind: KindTrust, input: stmt(`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","NotResource":"*"`),
			want: []wantErr{{CodeResourceNotAllowed, "/Statement/0/NotResource", at{text: `"NotResource"`}}}},
		{name: "G5/rcp-principal-star-accepted", kind: KindRCP, input: stmt(`"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"`)},
		{name: "G5/rcp-principal-aws-star-accepted", kind: KindRCP, input: stmt(`"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"`)},
		{name: "G5/rcp-principal-not-star", kind: KindRCP, input: stmt(`"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"`),
			want: []wantErr{{CodeInvalidPrincipal, "/Statement/0/Principal", at{text: `{"AWS"`}}}},
		{name: "G5/rcp-notprincipal", kind: KindRCP, input: stmt(`"Effect":"Deny","Principal":"*","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"`),
			want: []wantErr{{CodeNotPrincipalNotAllowed, "/Statement/0/NotPrincipal", at{text: `"NotPrincipal"`}}}},
		{name: "G5/rcp-without-principal", kind: KindRCP, input: stmt(`"Effect":"Deny","Action":"s3:*","Resource":"*"`),
			want: []wantErr{{CodeMissingPrincipal, "/Statement/0", at{text: `{"Effect"`}}}},
		{name: "G5/scp-accepted", kind: KindSCP, input: stmt(`"Effect":"Deny","NotAction":"iam:*","Resource":"*"`)},

		// G6: Sid.
		{name: "G6/identity-sid-with-hyphen", input: stmt(`"Sid":"read-orders",` + allowA + `,` + res),
			want: []wantErr{{CodeInvalidSid, "/Statement/0/Sid", at{text: `"read-orders"`}}}},
		{name: "G6/trust-sid-with-underscore", kind: KindTrust, input: stmt(`"Sid":"a_b","Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"`),
			want: []wantErr{{CodeInvalidSid, "/Statement/0/Sid", at{text: `"a_b"`}}}},
		{name: "G6/boundary-sid-alphanumeric-accepted", kind: KindBoundary, input: stmt(`"Sid":"Stack01",` + allowA + `,` + res)},
		{name: "G6/identity-empty-sid-accepted", input: `{"Statement":[{"Sid":"",` + allowA + `,` + res + `},{"Sid":"",` + allowA + `,` + res + `}]}`},
		{name: "G6/resource-sid-hyphen-underscore-accepted", kind: KindResource, input: stmt(`"Sid":"s3-photo_1",` + allowA + `,"Principal":{"Service":"s3.amazonaws.com"},` + res)},
		{name: "G6/resource-sid-dot", kind: KindResource, input: stmt(`"Sid":"s3.invoke",` + allowA + `,"Principal":"*",` + res),
			want: []wantErr{{CodeInvalidSid, "/Statement/0/Sid", at{text: `"s3.invoke"`}}}},
		{name: "G6/resource-sid-empty", kind: KindResource, input: stmt(`"Sid":"",` + allowA + `,"Principal":"*",` + res),
			want: []wantErr{{CodeInvalidSid, "/Statement/0/Sid", at{text: `""`}}}},
		{name: "G6/resource-sid-101-characters", kind: KindResource, input: stmt(`"Sid":"` + strings.Repeat("a", 101) + `",` + allowA + `,"Principal":"*",` + res),
			want: []wantErr{{CodeInvalidSid, "/Statement/0/Sid", at{text: `"aaa`}}}},
		{name: "G6/resource-sid-100-characters-accepted", kind: KindResource, input: stmt(`"Sid":"` + strings.Repeat("a", 100) + `",` + allowA + `,"Principal":"*",` + res)},
		{name: "G6/session-sid-any-string-accepted", kind: KindSession, input: `{"Statement":[{"Sid":"any thing!",` + allowA + `,` + res + `},{"Sid":"any thing!",` + allowA + `,` + res + `}]}`},
		{name: "G6/scp-sid-any-characters-accepted", kind: KindSCP, input: stmt(`"Sid":"Deny-IAM_1.x",` + denyA + `,"Resource":"*"`)},
		{name: "G6/duplicate-sid-identity", input: `{"Statement":[{"Sid":"Read",` + allowA + `,` + res + `},{"Sid":"Read",` + allowA + `,` + res + `}]}`,
			want: []wantErr{{CodeDuplicateSid, "/Statement/1/Sid", at{text: `"Read"`, nth: 2}}}},
		{name: "G6/duplicate-sid-resource", kind: KindResource, input: `{"Statement":[{"Sid":"a",` + allowA + `,"Principal":"*",` + res + `},{"Sid":"a",` + allowA + `,"Principal":"*",` + res + `}]}`,
			want: []wantErr{{CodeDuplicateSid, "/Statement/1/Sid", at{text: `"a"`, nth: 2}}}},
		{name: "G6/duplicate-sid-scp", kind: KindSCP, input: `{"Statement":[{"Sid":"a",` + denyA + `,"Resource":"*"},{"Sid":"a",` + denyA + `,"Resource":"*"}]}`,
			want: []wantErr{{CodeDuplicateSid, "/Statement/1/Sid", at{text: `"a"`, nth: 2}}}},
		{name: "G6/sid-not-a-string", input: stmt(`"Sid":1,` + allowA + `,` + res),
			want: []wantErr{{CodeInvalidType, "/Statement/0/Sid", at{text: `1,`}}}},

		// G7: string or array.
		{name: "G7/one-element-arrays-accepted", input: stmt(`"Effect":"Allow","Action":["lambda:GetFunction"],"Resource":[` + fn + `]`)},
		{name: "G7/empty-action-array", input: stmt(`"Effect":"Allow","Action":[],` + res),
			want: []wantErr{{CodeEmptyArray, "/Statement/0/Action", at{text: `[]`}}}},
		{name: "G7/empty-resource-array", input: stmt(allowA + `,"Resource":[]`),
			want: []wantErr{{CodeEmptyArray, "/Statement/0/Resource", at{text: `[]`}}}},
		{name: "G7/action-a-number", input: stmt(`"Effect":"Allow","Action":5,` + res),
			want: []wantErr{{CodeInvalidType, "/Statement/0/Action", at{text: `5`}}}},
		{name: "G7/action-entry-an-object", input: stmt(`"Effect":"Allow","Action":["lambda:GetFunction",{"a":1}],` + res),
			want: []wantErr{{CodeInvalidType, "/Statement/0/Action/1", at{text: `{"a"`}}}},
		{name: "G7/condition-bool-and-number-accepted", input: stmt(allowA + `,` + res + `,"Condition":{"Bool":{"aws:SecureTransport":true},"NumericLessThanEquals":{"aws:MultiFactorAuthAge":3600},"StringEquals":{"aws:PrincipalTag/cc":[1042,"2077",false]}}`)},
		{name: "G7/condition-value-null", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"aws:PrincipalTag/team":null}}`),
			want: []wantErr{{CodeInvalidType, "/Statement/0/Condition/StringEquals/aws:PrincipalTag~1team", at{text: `null`}}}},
		{name: "G7/condition-value-object", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"aws:PrincipalTag/team":{"v":"x"}}}`),
			want: []wantErr{{CodeInvalidType, "/Statement/0/Condition/StringEquals/aws:PrincipalTag~1team", at{text: `{"v"`}}}},
		{name: "G7/condition-value-nested-array", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"k:a":["x",["y"]]}}`),
			want: []wantErr{{CodeInvalidType, "/Statement/0/Condition/StringEquals/k:a/1", at{text: `["y"]`}}}},
		{name: "G7/condition-value-null-in-array", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"k:a":["x",null]}}`),
			want: []wantErr{{CodeInvalidType, "/Statement/0/Condition/StringEquals/k:a/1", at{text: `null`}}}},
		{name: "G7/condition-empty-value-array", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"k:a":[]}}`),
			want: []wantErr{{CodeEmptyArray, "/Statement/0/Condition/StringEquals/k:a", at{text: `[]`}}}},
		{name: "G7/principal-list-empty", kind: KindResource, input: stmt(allowA + `,"Principal":{"AWS":[]},` + res),
			want: []wantErr{{CodeEmptyArray, "/Statement/0/Principal/AWS", at{text: `[]`}}}},

		// G8: case sensitivity.
		{name: "G8/lower-case-element-name", input: stmt(`"effect":"Allow","Action":"lambda:GetFunction",` + res),
			want: []wantErr{
				{CodeMissingEffect, "/Statement/0", at{text: `{"effect"`}},
				{CodeUnknownElement, "/Statement/0/effect", at{text: `"effect"`}},
			}},
		{name: "G8/lower-case-statement", input: `{"statement":{` + allowA + `,` + res + `}}`,
			want: []wantErr{
				{CodeMissingStatement, "", at{text: `{`}},
				{CodeUnknownElement, "/statement", at{text: `"statement"`}},
			}},
		{name: "G8/lower-case-operator", input: stmt(allowA + `,` + res + `,"Condition":{"stringEquals":{"aws:PrincipalTag/team":"orders"}}`),
			want: []wantErr{{CodeUnknownOperator, "/Statement/0/Condition/stringEquals", at{text: `"stringEquals"`}}}},
		{name: "G8/lower-case-principal-key", kind: KindResource, input: stmt(allowA + `,"Principal":{"aws":"111122223333"},` + res),
			want: []wantErr{{CodeUnknownElement, "/Statement/0/Principal/aws", at{text: `"aws"`}}}},
		{name: "G8/action-case-insensitive-accepted", input: stmt(`"Effect":"Allow","Action":"LAMBDA:getfunction",` + res)},

		// G9: duplicate names.
		{name: "G9/duplicate-effect", input: stmt(`"Effect":"Deny","Effect":"Allow","Action":"lambda:DeleteFunction",` + res),
			want: []wantErr{{CodeDuplicateKey, "/Statement/0/Effect", at{text: `"Effect"`, nth: 2}}}},
		{name: "G9/duplicate-condition-operator", input: stmt(allowA + `,"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"payments"},"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`),
			want: []wantErr{{CodeDuplicateKey, "/Statement/0/Condition/StringEquals", at{text: `"StringEquals"`, nth: 2}}}},
		{name: "G9/duplicate-condition-key", input: stmt(allowA + `,"Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"1","aws:SourceAccount":"2"}}`),
			want: []wantErr{{CodeDuplicateKey, "/Statement/0/Condition/StringEquals/aws:SourceAccount", at{text: `"aws:SourceAccount"`, nth: 2}}}},
		{name: "G9/duplicate-top-level", input: `{"Version":"2012-10-17","Version":"2008-10-17","Statement":{` + allowA + `,` + res + `}}`,
			want: []wantErr{{CodeDuplicateKey, "/Version", at{text: `"Version"`, nth: 2}}}},
		{name: "G9/duplicate-statement-array", input: `{"Statement":[{` + allowA + `,` + res + `}],"Statement":[{` + denyA + `,` + res + `}]}`,
			want: []wantErr{{CodeDuplicateKey, "/Statement", at{text: `"Statement"`, nth: 2}}}},
		{name: "G9/duplicate-principal-key", kind: KindResource, input: stmt(allowA + `,"Principal":{"AWS":"111122223333","AWS":"*"},` + res),
			want: []wantErr{{CodeDuplicateKey, "/Statement/0/Principal/AWS", at{text: `"AWS"`, nth: 2}}}},
		{name: "G9/duplicate-in-escaped-name", input: stmt(`"Effect":"Deny","Eff\u0065ct":"Allow","Action":"lambda:DeleteFunction",` + res),
			want: []wantErr{{CodeDuplicateKey, "/Statement/0/Effect", at{text: `"Eff\u0065ct"`}}}},
		{name: "G9/duplicate-inside-invalid-value", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"k:a":{"v":1,"v":2}}}`),
			want: []wantErr{
				{CodeInvalidType, "/Statement/0/Condition/StringEquals/k:a", at{text: `{"v"`}},
				{CodeDuplicateKey, "/Statement/0/Condition/StringEquals/k:a/v", at{text: `"v"`, nth: 2}},
			}},
		{name: "G9/duplicate-inside-unknown-element", input: stmt(allowA + `,` + res + `,"Extra":{"a":1,"a":2}`),
			want: []wantErr{
				{CodeUnknownElement, "/Statement/0/Extra", at{text: `"Extra"`}},
				{CodeDuplicateKey, "/Statement/0/Extra/a", at{text: `"a"`, nth: 2}},
			}},

		// G10: size quotas.
		{name: "G10/identity-over-6144-characters", opts: []Option{WithSizeLimit()},
			input: stmt(allowA + `,"Resource":"arn:aws:s3:::` + strings.Repeat("b", 6144) + `"`),
			want:  []wantErr{{CodeSizeLimit, "", at{off: 6144}}}}, // no whitespace: the 6,145th character
		{name: "G10/identity-whitespace-not-counted", opts: []Option{WithSizeLimit()},
			input: stmt(allowA+`,`+res) + strings.Repeat(" ", 7000)},
		{name: "G10/session-whitespace-counted", kind: KindSession, opts: []Option{WithSizeLimit()},
			input: stmt(allowA+`,`+res) + strings.Repeat("\n", 2048),
			want:  []wantErr{{CodeSizeLimit, "", at{text: "\n", nth: 2048 - len(stmt(allowA+`,`+res)) + 1}}}},
		{name: "G10/over-quota-without-option-accepted", input: stmt(allowA + `,"Resource":"arn:aws:s3:::` + strings.Repeat("b", 7000) + `"`)},

		// G11: characters.
		{name: "G11/character-above-u00ff", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"aws:PrincipalTag/team":"caf€"}}`),
			want: []wantErr{{CodeInvalidCharacter, "", at{text: "€"}}}},
		{name: "G11/escaped-character-above-u00ff", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"aws:PrincipalTag/team":"caf\u20ac"}}`),
			want: []wantErr{{CodeInvalidCharacter, "", at{text: `\u20ac`}}}},
		{name: "G11/escaped-control-character", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"aws:PrincipalTag/team":"a\u0001\b"}}`),
			want: []wantErr{
				{CodeInvalidCharacter, "", at{text: `\u0001`}},
				{CodeInvalidCharacter, "", at{text: `\b`}},
			}},
		{name: "G11/latin1-tab-newline-accepted", input: "{\"Statement\":{\r\n\t" + allowA + `,` + res + `,"Condition":{"StringEquals":{"aws:PrincipalTag/team":"café\t\u00ff"}}}}`},
		{name: "G11/invalid-utf8", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"k:a":"caf` + "\xe9" + `"}}`),
			want: []wantErr{{CodeInvalidUTF8, "", at{text: "\xe9"}}}},
		{name: "G11/byte-order-mark", input: "\uFEFF" + stmt(allowA+`,`+res),
			want: []wantErr{{CodeInvalidCharacter, "", at{text: "\uFEFF"}}}},
		{name: "G11/column-counts-characters", input: stmt(`"Sid":"é€","Effect":"allow","Action":"lambda:GetFunction",` + res),
			want: []wantErr{
				{CodeInvalidSid, "/Statement/0/Sid", at{text: `"é€"`}},
				{CodeInvalidCharacter, "", at{text: "€"}},
				{CodeInvalidEffect, "/Statement/0/Effect", at{text: `"allow"`}},
			}},

		// G12: wildcard placement and entry shapes.
		{name: "G12/action-name-wildcards-accepted", input: stmt(`"Effect":"Allow","Action":["lambda:?et*","lambda:*","*"],` + res)},
		{name: "G12/action-wildcard-in-service", input: stmt(`"Effect":"Allow","Action":"lamb*:GetFunction",` + res),
			want: []wantErr{{CodeInvalidAction, "/Statement/0/Action", at{text: `"lamb*`}}}},
		{name: "G12/action-star-colon-star", input: stmt(`"Effect":"Allow","Action":["lambda:GetFunction","*:*"],` + res),
			want: []wantErr{{CodeInvalidAction, "/Statement/0/Action/1", at{text: `"*:*"`}}}},
		{name: "G12/action-without-service", input: stmt(`"Effect":"Allow","Action":"GetFunction",` + res),
			want: []wantErr{{CodeInvalidAction, "/Statement/0/Action", at{text: `"GetFunction"`}}}},
		{name: "G12/action-empty-name", input: stmt(`"Effect":"Allow","Action":"lambda:",` + res),
			want: []wantErr{{CodeInvalidAction, "/Statement/0/Action", at{text: `"lambda:"`}}}},
		{name: "G12/action-with-variable", input: stmt(`"Effect":"Allow","Action":"lambda:${aws:username}",` + res),
			want: []wantErr{{CodeInvalidAction, "/Statement/0/Action", at{text: `"lambda:$`}}}},
		{name: "G12/resource-wildcard-in-service", input: stmt(allowA + `,"Resource":"arn:aws:lamb*:us-east-1:111122223333:function:f"`),
			want: []wantErr{{CodeInvalidResource, "/Statement/0/Resource", at{text: `"arn:aws:lamb*`}}}},
		{name: "G12/resource-not-an-arn", input: stmt(allowA + `,"Resource":["*","orders"]`),
			want: []wantErr{{CodeInvalidResource, "/Statement/0/Resource/1", at{text: `"orders"`}}}},
		{name: "G12/resource-empty", input: stmt(allowA + `,"Resource":""`),
			want: []wantErr{{CodeInvalidResource, "/Statement/0/Resource", at{text: `""`}}}},
		{name: "G12/resource-wildcards-accepted", input: stmt(allowA + `,"Resource":["arn:aws:lambda:*","arn:*:lambda:?s-east-1:*:function:f*","arn:aws:lambda:us-east-1:111122223333:function:${aws:username}"]`)},

		// M4: principals.
		{name: "M4/principal-star-accepted", kind: KindResource, input: stmt(allowA + `,"Principal":"*",` + res)},
		{name: "M4/principal-forms-accepted", kind: KindResource, input: stmt(allowA + `,"Principal":{"AWS":["111122223333","arn:aws:iam::111122223333:root","arn:aws:iam::111122223333:role/service/ci","arn:aws:sts::111122223333:assumed-role/ci/build-1","arn:aws:sts::111122223333:federated-user/ana","AROAEXAMPLEID1234567"],"Service":"s3.amazonaws.com","Federated":"cognito-identity.amazonaws.com","CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},` + res)},
		{name: "M4/principal-string-not-star", kind: KindResource, input: stmt(allowA + `,"Principal":"111122223333",` + res),
			want: []wantErr{{CodeInvalidPrincipal, "/Statement/0/Principal", at{text: `"111122223333"`}}}},
		{name: "M4/principal-partial-wildcard", kind: KindResource, input: stmt(allowA + `,"Principal":{"AWS":"arn:aws:iam::111122223333:role/dev-*"},` + res),
			want: []wantErr{{CodeInvalidPrincipal, "/Statement/0/Principal/AWS", at{text: `"arn:aws:iam::111122223333:role/dev-*"`}}}},
		{name: "M4/principal-not-iam-arn", kind: KindResource, input: stmt(allowA + `,"Principal":{"AWS":["arn:aws:lambda:us-east-1:111122223333:function:f"]},` + res),
			want: []wantErr{{CodeInvalidPrincipal, "/Statement/0/Principal/AWS/0", at{text: `"arn:aws:lambda`}}}},
		{name: "M4/principal-short-account", kind: KindResource, input: stmt(allowA + `,"Principal":{"AWS":"11112222333"},` + res),
			want: []wantErr{{CodeInvalidPrincipal, "/Statement/0/Principal/AWS", at{text: `"11112222333"`}}}},
		{name: "M4/principal-service-wildcard", kind: KindResource, input: stmt(allowA + `,"Principal":{"Service":"*.amazonaws.com"},` + res),
			want: []wantErr{{CodeInvalidPrincipal, "/Statement/0/Principal/Service", at{text: `"*.amazonaws.com"`}}}},
		{name: "M4/principal-empty-object", kind: KindResource, input: stmt(allowA + `,"Principal":{},` + res),
			want: []wantErr{{CodeInvalidPrincipal, "/Statement/0/Principal", at{text: `{},`}}}},
		{name: "M4/principal-unknown-key", kind: KindResource, input: stmt(allowA + `,"Principal":{"User":"dana"},` + res),
			want: []wantErr{{CodeUnknownElement, "/Statement/0/Principal/User", at{text: `"User"`}}}},
		{name: "M4/principal-a-number", kind: KindResource, input: stmt(allowA + `,"Principal":111122223333,` + res),
			want: []wantErr{{CodeInvalidType, "/Statement/0/Principal", at{text: `111122223333`}}}},

		// C1, C3, C4: condition blocks.
		{name: "C1/empty-condition-accepted", input: stmt(allowA + `,` + res + `,"Condition":{}`)},
		{name: "C1/condition-not-an-object", input: stmt(allowA + `,` + res + `,"Condition":["StringEquals"]`),
			want: []wantErr{{CodeInvalidType, "/Statement/0/Condition", at{text: `["StringEquals"]`}}}},
		{name: "C1/operator-value-not-an-object", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":"aws:SourceAccount"}`),
			want: []wantErr{{CodeInvalidType, "/Statement/0/Condition/StringEquals", at{text: `"aws:SourceAccount"`}}}},
		{name: "C1/empty-condition-key", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"":"x"}}`),
			want: []wantErr{{CodeInvalidCondition, "/Statement/0/Condition/StringEquals/", at{text: `""`}}}},
		{name: "C4/unknown-operator", input: stmt(allowA + `,` + res + `,"Condition":{"StringEqualz":{"aws:PrincipalTag/team":"orders"}}`),
			want: []wantErr{{CodeUnknownOperator, "/Statement/0/Condition/StringEqualz", at{text: `"StringEqualz"`}}}},
		{name: "C4/null-if-exists", input: stmt(allowA + `,` + res + `,"Condition":{"NullIfExists":{"aws:PrincipalTag/team":"false"}}`),
			want: []wantErr{{CodeUnknownOperator, "/Statement/0/Condition/NullIfExists", at{text: `"NullIfExists"`}}}},
		{name: "C5/unknown-set-prefix", input: stmt(allowA + `,` + res + `,"Condition":{"ForSomeValues:StringEquals":{"aws:TagKeys":["team"]}}`),
			want: []wantErr{{CodeUnknownOperator, "/Statement/0/Condition/ForSomeValues:StringEquals", at{text: `"ForSomeValues`}}}},
		{name: "C4/numeric-value-not-a-number", input: stmt(allowA + `,` + res + `,"Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"one hour"}}`),
			want: []wantErr{{CodeInvalidConditionValue, "/Statement/0/Condition/NumericLessThan/aws:MultiFactorAuthAge", at{text: `"one hour"`}}}},
		{name: "C4/ip-prefix-33", input: stmt(allowA + `,` + res + `,"Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","198.51.100.0/33"]}}`),
			want: []wantErr{{CodeInvalidConditionValue, "/Statement/0/Condition/IpAddress/aws:SourceIp/1", at{text: `"198.51.100.0/33"`}}}},
		{name: "C3/variable-in-bool-value", input: stmt(allowA + `,` + res + `,"Condition":{"Bool":{"aws:SecureTransport":"${aws:x}"}}`),
			want: []wantErr{{CodeInvalidConditionValue, "/Statement/0/Condition/Bool/aws:SecureTransport", at{text: `"${aws:x}"`}}}},
		{name: "C4/json-number-as-bool-value", input: stmt(allowA + `,` + res + `,"Condition":{"Bool":{"aws:SecureTransport":1}}`),
			want: []wantErr{{CodeInvalidConditionValue, "/Statement/0/Condition/Bool/aws:SecureTransport", at{text: `1}`}}}},

		// Corner cases of spec section G.
		{name: "G.21/effect-allow-lower-case-is-invalid", input: stmt(`"Effect":"allow","Action":"LAMBDA:invokefunction",` + res),
			want: []wantErr{{CodeInvalidEffect, "/Statement/0/Effect", at{text: `"allow"`}}}},
		{name: "G.27/duplicate-effect-deny-then-allow", input: stmt(`"Effect":"Deny","Action":"lambda:DeleteFunction","Effect":"Allow",` + res),
			want: []wantErr{{CodeDuplicateKey, "/Statement/0/Effect", at{text: `"Effect"`, nth: 2}}}},
		{name: "G.34/json-boolean-condition-value-accepted", input: stmt(denyA + `,"Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false}}`)},
		{name: "G.37/operator-name-case-sensitive", input: stmt(allowA + `,` + res + `,"Condition":{"StringEquals":{"a:b":"x"},"stringequals":{"a:b":"x"}}`),
			want: []wantErr{{CodeUnknownOperator, "/Statement/0/Condition/stringequals", at{text: `"stringequals"`}}}},
		{name: "G.37/if-exists-suffix-case-sensitive", input: stmt(allowA + `,` + res + `,"Condition":{"StringEqualsifexists":{"a:b":"x"}}`),
			want: []wantErr{{CodeUnknownOperator, "/Statement/0/Condition/StringEqualsifexists", at{text: `"StringEqualsifexists"`}}}},
		{name: "G.37/set-prefix-case-sensitive", input: stmt(allowA + `,` + res + `,"Condition":{"forAllValues:StringEquals":{"a:b":"x"}}`),
			want: []wantErr{{CodeUnknownOperator, "/Statement/0/Condition/forAllValues:StringEquals", at{text: `"forAllValues`}}}},

		// Several errors are all reported, in document order.
		{name: "G5/all-errors-in-document-order", kind: KindIdentity,
			input: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"allow\", \"Action\": \"lambda\"},\n    {\"Sid\": \"x-y\", \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Principal\": \"*\"}\n  ]\n}\n",
			want: []wantErr{
				{CodeMissingResource, "/Statement/0", at{text: `{"Effect"`}},
				{CodeInvalidEffect, "/Statement/0/Effect", at{text: `"allow"`}},
				{CodeInvalidAction, "/Statement/0/Action", at{text: `"lambda"`}},
				{CodeInvalidSid, "/Statement/1/Sid", at{text: `"x-y"`}},
				{CodePrincipalNotAllowed, "/Statement/1/Principal", at{text: `"Principal"`}},
			}},
	}
}

func TestParseRules(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range parseCases() {
		if seen[tc.name] {
			t.Fatalf("duplicate test name %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			opts := append([]Option{WithKind(tc.kind)}, tc.opts...)
			doc, err := Parse([]byte(tc.input), opts...)
			var want []gotErr
			for _, w := range tc.want {
				g := posOf(t, tc.input, w.at)
				if w.code == CodeTooLarge {
					g = gotErr{Pos: "0:0"} // no position: nothing was read
				}
				g.Code, g.Pointer = w.code, w.ptr
				want = append(want, g)
			}
			got := summarize(t, err)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s\nfull error:\n%v", diff, err)
			}
			if (err == nil) != (doc != nil) {
				t.Errorf("Parse returned doc=%v err=%v; want exactly one", doc != nil, err)
			}
		})
	}
}

// TestErrorFormat checks the printed form of errors.
func TestErrorFormat(t *testing.T) {
	input := "{\n \"Version\": \"2012-10-17\",\n \"Statement\": [\n  {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},\n  {\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"}\n ]\n}"
	_, err := Parse([]byte(input), WithSource("policy.json"))
	want := `policy.json:5:14: /Statement/1/Effect: "allow" is not a valid Effect (want "Allow" or "Deny"); Effect is case-sensitive`
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %v\nwant       %s", err, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeInvalidEffect {
		t.Errorf("errors.As(*Error) = %v, want code %s", e, CodeInvalidEffect)
	}
	for _, tc := range []struct {
		name string
		e    Error
		want string
	}{
		{"G1/format-no-source", Error{Pointer: "/Statement", Pos: Position{Line: 1, Column: 2}, Msg: "m"}, "1:2: /Statement: m"},
		{"G1/format-no-pointer", Error{Pos: Position{Source: "a.json", Line: 3, Column: 1}, Msg: "m"}, "a.json:3:1: m"},
		{"G1/format-no-position", Error{Pos: Position{Source: "a.json"}, Msg: "m"}, "a.json: m"},
		{"G1/format-bare", Error{Msg: "m"}, "m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.e.Error()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	list := ErrorList{{Msg: "a"}, {Msg: "b"}}
	if diff := cmp.Diff("a\nb", list.Error()); diff != "" {
		t.Errorf("ErrorList.Error (-want +got):\n%s", diff)
	}
}

// TestPointerEscaping checks RFC 6901 escaping of '~' and '/' in names.
func TestPointerEscaping(t *testing.T) {
	input := stmt(allowA + `,` + res + `,"Condition":{"NumericEquals":{"aws:RequestTag/a~b":"x"}}`)
	_, err := Parse([]byte(input))
	got := summarize(t, err)
	if len(got) != 1 || got[0].Pointer != "/Statement/0/Condition/NumericEquals/aws:RequestTag~1a~0b" {
		t.Errorf("got %+v, want one error at /Statement/0/Condition/NumericEquals/aws:RequestTag~1a~0b", got)
	}
}

// TestTooManyErrors checks that Parse stops collecting at MaxErrors.
func TestTooManyErrors(t *testing.T) {
	input := `{"Statement":[` + strings.Repeat(`{"Effect":"allow","Action":"*","Resource":"*"},`, 150) + `{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	_, err := Parse([]byte(input))
	list, _ := err.(ErrorList)
	if len(list) != MaxErrors+1 || list[MaxErrors].Code != CodeTooManyErrors {
		t.Fatalf("got %d errors, last %v; want %d and too-many-errors", len(list), list[len(list)-1], MaxErrors+1)
	}
}

// TestParseDocument checks the values Parse builds.
func TestParseDocument(t *testing.T) {
	input := "{\n" +
		` "Id": "doc1",` + "\n" +
		` "Statement": [` + "\n" +
		`  {"Sid": "s3invoke", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com", "AWS": "*"},` + "\n" +
		`   "Action": "lambda:InvokeFunction", "Resource": ` + fn + `,` + "\n" +
		`   "Condition": {"Bool": {"aws:SecureTransport": true}, "NumericLessThan": {"aws:MultiFactorAuthAge": [3600, 1.50]}, "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::b"}}},` + "\n" +
		`  {"Effect": "Deny", "NotPrincipal": "*", "NotAction": ["lambda:Delete*"], "NotResource": "*"}` + "\n" +
		" ],\n" +
		` "Version": "2012-10-17"` + "\n}"
	doc, err := Parse([]byte(input), WithKind(KindResource), WithSource("fn.json"))
	if err != nil {
		t.Fatal(err)
	}
	op := func(name string) Condition {
		o, err := parseOp(name)
		if err != nil {
			t.Fatal(err)
		}
		return Condition{Operator: o}
	}
	cond := func(name, key string, values ...string) Condition {
		c := op(name)
		c.Key, c.Values = key, values
		return c
	}
	want := &Document{
		Kind: KindResource, Version: "2012-10-17", ID: "doc1",
		Statements: []Statement{
			{
				Index: 0, Sid: "s3invoke", Effect: Allow,
				Principal: &Principal{Wildcard: true, Service: []string{"s3.amazonaws.com"}, AWS: []string{"*"}},
				Action:    []string{"lambda:InvokeFunction"},
				Resource:  []string{"arn:aws:lambda:us-east-1:111122223333:function:orders"},
				Conditions: []Condition{
					cond("Bool", "aws:SecureTransport", "true"),
					cond("NumericLessThan", "aws:MultiFactorAuthAge", "3600", "1.50"),
					cond("ArnLike", "AWS:SourceArn", "arn:aws:s3:::b"),
				},
			},
			{
				Index: 1, Effect: Deny,
				NotPrincipal: &Principal{Wildcard: true},
				NotAction:    []string{"lambda:Delete*"},
				NotResource:  []string{"*"},
			},
		},
	}
	if diff := cmp.Diff(want, doc, ignorePositions()...); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Positions.
	posTests := []struct {
		name string
		got  Position
		at   at
	}{
		{"G1/document-position", doc.Pos, at{text: "{"}},
		{"G3/statement-0-position", doc.Statements[0].Pos, at{text: `{"Sid"`}},
		{"G3/statement-1-position", doc.Statements[1].Pos, at{text: `{"Effect": "Deny"`}},
		{"G6/sid-position", doc.Statements[0].SidPos, at{text: `"s3invoke"`}},
		{"G4/effect-position", doc.Statements[0].EffectPos, at{text: `"Allow"`}},
		{"G4/action-position", doc.Statements[0].ActionPos, at{text: `"lambda:InvokeFunction"`}},
		{"G4/notaction-position", doc.Statements[1].ActionPos, at{text: `["lambda:Delete*"]`}},
		{"G4/resource-position", doc.Statements[0].ResourcePos, at{text: fn}},
		{"G4/condition-position", doc.Statements[0].ConditionPos, at{text: `{"Bool"`}},
		{"M4/principal-position", doc.Statements[0].Principal.Pos, at{text: `{"Service"`}},
		{"C1/condition-key-position", doc.Statements[0].Conditions[1].Pos, at{text: `"aws:MultiFactorAuthAge"`}},
	}
	for _, tc := range posTests {
		t.Run(tc.name, func(t *testing.T) {
			w := posOf(t, input, tc.at)
			want := Position{Source: "fn.json", Offset: w.Offset, Line: atoi(strings.Split(w.Pos, ":")[0]), Column: atoi(strings.Split(w.Pos, ":")[1])}
			if diff := cmp.Diff(want, tc.got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if doc.Statements[0].SidPos.IsValid() == false || doc.Statements[1].SidPos.IsValid() {
		t.Errorf("SidPos validity wrong: %v %v", doc.Statements[0].SidPos, doc.Statements[1].SidPos)
	}
	if !doc.Variables() {
		t.Errorf("Variables() = false under 2012-10-17")
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// TestCoercion checks rule G7: JSON booleans and numbers in condition
// values become their JSON text.
func TestCoercion(t *testing.T) {
	for _, tc := range []struct {
		name  string
		op    string
		value string
		want  []string
	}{
		{"G7/true", "StringEquals", `true`, []string{"true"}},
		{"G7/false-in-array", "StringEquals", `[false,"x"]`, []string{"false", "x"}},
		{"G7/integer", "StringEquals", `1042`, []string{"1042"}},
		{"G7/number-text-kept", "StringEquals", `[10.50,-0,1E3,123456789012345678901234567890]`, []string{"10.50", "-0", "1E3", "123456789012345678901234567890"}},
		{"G7/escaped-string", "StringEquals", `"a\"b\\c\/d\u00e9"`, []string{`a"b\c/dé`}},
		{"G7/numeric-json-number", "NumericLessThanEquals", `3600`, []string{"3600"}},
		{"G.34/json-false-in-bool", "Bool", `false`, []string{"false"}},
		{"G.34/json-true-in-bool-array", "Bool", `[true]`, []string{"true"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte(stmt(allowA + `,` + res + `,"Condition":{"` + tc.op + `":{"k:a":` + tc.value + `}}`)))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, doc.Statements[0].Conditions[0].Values); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestLocate checks Document.Locate and StatementPointer.
func TestLocate(t *testing.T) {
	input := "{\"Statement\": {\n  \"Effect\": \"Allow\", \"Action\": [\"lambda:GetFunction\", \"lambda:List*\"],\n  \"Resource\": \"*\", \"Condition\": {\"StringLike\": {\"aws:RequestTag/a~b\": [\"x\", \"é\"]}}}}"
	doc, err := Parse([]byte(input), WithSource("s.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.StatementPointer(0); got != "/Statement" {
		t.Errorf("StatementPointer(0) = %q, want /Statement", got)
	}
	for _, tc := range []struct {
		name    string
		pointer string
		at      at
		ok      bool
	}{
		{"G1/locate-root", "", at{text: "{"}, true},
		{"G7/locate-action-entry", "/Statement/Action/1", at{text: `"lambda:List*"`}, true},
		{"G7/locate-condition-value", "/Statement/Condition/StringLike/aws:RequestTag~1a~0b/1", at{text: `"é"`}, true},
		{"G7/locate-missing", "/Statement/Action/2", at{}, false},
		{"G7/locate-bad-index", "/Statement/Action/01", at{}, false},
		{"G7/locate-not-a-pointer", "Statement", at{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := doc.Locate(tc.pointer)
			if ok != tc.ok {
				t.Fatalf("Locate(%q) ok = %v, want %v", tc.pointer, ok, tc.ok)
			}
			if !ok {
				return
			}
			w := posOf(t, input, tc.at)
			if diff := cmp.Diff(w.Pos, fmt.Sprintf("%d:%d", got.Line, got.Column)); diff != "" || got.Source != "s.json" || got.Offset != w.Offset {
				t.Errorf("Locate(%q) = %+v, want %s offset %d", tc.pointer, got, w.Pos, w.Offset)
			}
		})
	}
}

// TestKinds checks Kind names and ParseKind.
func TestKinds(t *testing.T) {
	var names []string
	for _, k := range Kinds() {
		names = append(names, k.String())
		back, err := ParseKind(k.String())
		if err != nil || back != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), back, err)
		}
	}
	if diff := cmp.Diff([]string{"identity", "resource", "boundary", "session", "scp", "rcp", "trust"}, names); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := ParseKind("Identity"); err == nil {
		t.Errorf("ParseKind(Identity) succeeded")
	}
	if _, err := Parse([]byte(stmt(allowA+`,`+res)), WithKind(Kind(99))); err == nil {
		t.Errorf("Parse with an invalid kind succeeded")
	}
	if got := Effect(0).String(); got != "Effect(0)" {
		t.Errorf("Effect(0).String() = %q", got)
	}
}

// TestSizeLimits checks the G10 quotas and how they are measured.
func TestSizeLimits(t *testing.T) {
	type lim struct {
		Max              int
		Bytes            bool
		WhitespaceCounts bool
	}
	var got []lim
	for _, k := range Kinds() {
		l := SizeLimit(k)
		got = append(got, lim{l.Max, l.Bytes, l.WhitespaceCounts})
	}
	want := []lim{
		{6144, false, false}, // identity
		{20480, true, true},  // resource
		{6144, false, false}, // boundary
		{2048, false, true},  // session
		{5120, false, true},  // scp
		{5120, false, true},  // rcp
		{2048, false, false}, // trust
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("G10/limits (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		name string
		kind Kind
		text string
		want int
	}{
		{"G10/measure-characters-without-whitespace", KindIdentity, "{ \"a\" :\t\"é b\"\n}", 10},
		{"G10/measure-characters-with-whitespace", KindSession, "{ \"é\" }", 7},
		{"G10/measure-bytes", KindResource, "{ \"é\" }", 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SizeLimit(tc.kind).Measure([]byte(tc.text)); got != tc.want {
				t.Errorf("Measure = %d, want %d", got, tc.want)
			}
		})
	}
	text := []byte(`{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"` + "arn:aws:s3:::" + strings.Repeat("x", 20480) + `"}}`)
	_, err := Parse(text, WithKind(KindResource), WithSizeLimit())
	got2 := summarize(t, err)
	if len(got2) != 1 || got2[0].Code != CodeSizeLimit || got2[0].Offset != 20480 {
		t.Errorf("G10/resource-20480-bytes: got %+v, want one size-limit error at offset 20480", got2)
	}
	if !utf8.Valid(text) {
		t.Fatal("bad test input")
	}
}

// TestAllocs asserts that locating positions allocates nothing: the
// locator, Locate and the size measure.
func TestAllocs(t *testing.T) {
	text := stmt(allowA+`,`+res) + "\n" + stmt(allowA+`,`+res)
	doc, err := Parse([]byte(stmt(allowA + `,` + res)))
	if err != nil {
		t.Fatal(err)
	}
	lim := SizeLimit(KindIdentity)
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"G1/locator-no-alloc", func() {
			l := locator{text: text}
			for off := 0; off < len(text); off += 7 {
				_ = l.pos(off)
			}
		}},
		{"G1/locate-no-alloc", func() { _, _ = doc.Locate("/Statement/0/Action") }},
		{"G10/measure-no-alloc", func() { _, _ = lim.measure(text) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, tc.f); n != 0 {
				t.Errorf("%v allocations, want 0", n)
			}
		})
	}
}

// TestWithOrigin checks that positions of a policy cut out of a larger
// file are given in that file's lines and columns.
func TestWithOrigin(t *testing.T) {
	text := "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"allow\",\n \"Action\": \"lambda:*\", \"Resource\": \"*\"}}"
	tests := []struct {
		name      string
		line, col int
		want      Position
	}{
		{"no origin", 0, 0, Position{Source: "f", Offset: 50, Line: 1, Column: 51}},
		{"first line moves the column", 3, 10, Position{Source: "f", Offset: 50, Line: 3, Column: 60}},
		{"origin at the start of a line", 7, 1, Position{Source: "f", Offset: 50, Line: 7, Column: 51}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(text), WithSource("f"), WithOrigin(tt.line, tt.col))
			list, ok := err.(ErrorList)
			if !ok || len(list) != 1 {
				t.Fatalf("err = %v, want one error", err)
			}
			if diff := cmp.Diff(tt.want, list[0].Pos); diff != "" {
				t.Errorf("position (-want +got):\n%s", diff)
			}
		})
	}
	// A later line is not moved sideways.
	doc, err := Parse([]byte(strings.Replace(text, "allow", "Allow", 1)), WithSource("f"), WithOrigin(3, 10))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := doc.Locate("/Statement/Action")
	if diff := cmp.Diff(Position{Source: "f", Offset: 70, Line: 4, Column: 12}, got); diff != "" {
		t.Errorf("Locate (-want +got):\n%s", diff)
	}
}
