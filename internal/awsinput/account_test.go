package awsinput

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/policy"
)

const acct = "111122223333"

// doc is a one-statement identity document allowing action on *.
func doc(sid, action string) string {
	return `{"Version":"2012-10-17","Statement":[{"Sid":"` + sid + `","Effect":"Allow","Action":"` + action + `","Resource":"*"}]}`
}

// encoded is doc URL-encoded as the IAM API returns documents.
func encoded(sid, action string) string {
	r := strings.NewReplacer("{", "%7B", "}", "%7D", `"`, "%22", ":", "%3A", ",", "%2C", "[", "%5B", "]", "%5D", "*", "%2A")
	return `"` + r.Replace(doc(sid, action)) + `"`
}

// sampleDetails is a small account: alice (path /eng/, inline + managed +
// group developers + boundary), bob (groups ops then developers, the
// shared managed policy attached to him too), role worker (path /svc/).
func sampleDetails() string {
	m := func(name string) string { return `"arn:aws:iam::` + acct + `:policy/` + name + `"` }
	return `{
"UserDetailList": [
 {"Path": "/eng/", "UserName": "alice", "Arn": "arn:aws:iam::` + acct + `:user/eng/alice",
  "UserPolicyList": [{"PolicyName": "own", "PolicyDocument": ` + doc("AliceOwn", "lambda:GetFunction") + `}],
  "AttachedManagedPolicies": [{"PolicyName": "read", "PolicyArn": ` + m("read") + `}],
  "GroupList": ["developers"],
  "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": ` + m("boundary") + `}},
 {"Path": "/", "UserName": "bob", "Arn": "arn:aws:iam::` + acct + `:user/bob",
  "AttachedManagedPolicies": [{"PolicyName": "read", "PolicyArn": ` + m("read") + `}],
  "GroupList": ["ops", "developers"]}
],
"GroupDetailList": [
 {"GroupName": "developers", "Arn": "arn:aws:iam::` + acct + `:group/developers",
  "GroupPolicyList": [{"PolicyName": "dev", "PolicyDocument": ` + encoded("DevInline", "lambda:InvokeFunction") + `}],
  "AttachedManagedPolicies": [{"PolicyName": "read", "PolicyArn": ` + m("read") + `}]},
 {"GroupName": "ops", "Arn": "arn:aws:iam::` + acct + `:group/ops",
  "AttachedManagedPolicies": [{"PolicyName": "ops", "PolicyArn": ` + m("ops") + `}]}
],
"RoleDetailList": [
 {"Path": "/svc/", "RoleName": "worker", "Arn": "arn:aws:iam::` + acct + `:role/svc/worker",
  "RolePolicyList": [{"PolicyName": "w", "PolicyDocument": ` + encoded("WorkerInline", "lambda:InvokeFunction") + `}],
  "AttachedManagedPolicies": [{"PolicyName": "ops", "PolicyArn": ` + m("ops") + `}]}
],
"Policies": [
 {"PolicyName": "read", "Arn": ` + m("read") + `, "DefaultVersionId": "v2", "PolicyVersionList": [
   {"VersionId": "v1", "IsDefaultVersion": false, "Document": ` + doc("OldRead", "lambda:*") + `},
   {"VersionId": "v2", "IsDefaultVersion": true, "Document": ` + doc("Read", "lambda:Get*") + `}]},
 {"PolicyName": "ops", "Arn": ` + m("ops") + `, "DefaultVersionId": "v3", "PolicyVersionList": [
   {"VersionId": "v3", "Document": ` + encoded("Ops", "lambda:Update*") + `}]},
 {"PolicyName": "boundary", "Arn": ` + m("boundary") + `, "PolicyVersionList": [
   {"VersionId": "v1", "IsDefaultVersion": true, "Document": ` + doc("Bound", "lambda:*") + `}]}
]}`
}

// lookupResult is what a test compares of a Lookup.
type lookupResult struct {
	ARN      string
	Policies []string // name:first Sid
	Boundary string
	Code     Code
	Pointer  string
}

func summarize(id Identity, err error) lookupResult {
	var r lookupResult
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return lookupResult{Code: "not an *Error: " + Code(err.Error())}
		}
		return lookupResult{Code: e.Code, Pointer: e.Pointer}
	}
	r.ARN = id.ARN
	for _, p := range id.Policies {
		r.Policies = append(r.Policies, p.Name+":"+p.Doc.Statements[0].Sid)
	}
	if id.Boundary != nil {
		r.Boundary = id.Boundary.Name + ":" + id.Boundary.Doc.Statements[0].Sid
		if id.Boundary.Doc.Kind != policy.KindBoundary {
			r.Boundary += " (kind " + id.Boundary.Doc.Kind.String() + ")"
		}
	}
	return r
}

func TestLookup(t *testing.T) {
	d, err := ParseAccountDetails([]byte(sampleDetails()), "details.json")
	if err != nil {
		t.Fatal(err)
	}
	p := func(name string) string { return "arn:aws:iam::" + acct + ":policy/" + name }
	alice := lookupResult{
		ARN: "arn:aws:iam::" + acct + ":user/eng/alice",
		Policies: []string{
			"user/alice inline own:AliceOwn",
			p("read") + ":Read",
			"group/developers inline dev:DevInline",
		},
		Boundary: p("boundary") + ":Bound",
	}
	worker := lookupResult{
		ARN:      "arn:aws:iam::" + acct + ":role/svc/worker",
		Policies: []string{"role/worker inline w:WorkerInline", p("ops") + ":Ops"},
	}
	tests := []struct {
		name, principal string
		want            lookupResult
	}{
		{"A4/user-arn-with-path", "arn:aws:iam::" + acct + ":user/eng/alice", alice},
		{"A4/user-arn-without-path", "arn:aws:iam::" + acct + ":user/alice", alice},
		{"A4/assumed-role-session-is-the-role", "arn:aws:sts::" + acct + ":assumed-role/worker/session-1", worker},
		{"A4/role-arn-without-path", "arn:aws:iam::" + acct + ":role/worker", worker},
		{"A4/role-arn-with-path", "arn:aws:iam::" + acct + ":role/svc/worker", worker},
		{"A4/root-has-no-policies-here", "arn:aws:iam::" + acct + ":root", lookupResult{Code: CodeUnknownPrincipal}},
		{"A4/unknown-user", "arn:aws:iam::" + acct + ":user/mallory", lookupResult{Code: CodeUnknownPrincipal}},
		{"A4/user-name-is-not-a-role", "arn:aws:iam::" + acct + ":role/alice", lookupResult{Code: CodeUnknownPrincipal}},
		{"A4/other-account", "arn:aws:iam::444455556666:user/alice", lookupResult{Code: CodeUnknownPrincipal}},
		{"A4/service-principal", "lambda.amazonaws.com", lookupResult{Code: CodeUnknownPrincipal}},
		{"A4/session-without-session-name", "arn:aws:sts::" + acct + ":assumed-role/worker", lookupResult{Code: CodeUnknownPrincipal}},
		{"A5/groups-in-order-managed-once", "arn:aws:iam::" + acct + ":user/bob", lookupResult{
			ARN: "arn:aws:iam::" + acct + ":user/bob",
			Policies: []string{
				p("read") + ":Read",
				p("ops") + ":Ops",
				"group/developers inline dev:DevInline",
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, summarize(d.Lookup(tt.principal))); diff != "" {
				t.Errorf("Lookup(%q) (-want +got):\n%s", tt.principal, diff)
			}
		})
	}
}

func TestCovers(t *testing.T) {
	d, err := ParseAccountDetails([]byte(sampleDetails()), "details.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, principal string
		want            bool
	}{
		{"A4/covers-user-of-the-account", "arn:aws:iam::" + acct + ":user/anyone", true},
		{"A4/covers-session-of-the-account", "arn:aws:sts::" + acct + ":assumed-role/r/s", true},
		{"A4/not-root", "arn:aws:iam::" + acct + ":root", false},
		{"A4/not-federated-user", "arn:aws:sts::" + acct + ":federated-user/f", false},
		{"A4/not-other-account", "arn:aws:iam::444455556666:user/alice", false},
		{"A4/not-service", "s3.amazonaws.com", false},
		{"A4/not-anonymous", "anonymous", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := d.Covers(tt.principal); got != tt.want {
				t.Errorf("Covers(%q) = %v, want %v", tt.principal, got, tt.want)
			}
		})
	}
}

// TestDocumentPositions checks that an object document keeps its place in
// the file and a URL-encoded one is positioned in its decoded text (A2).
func TestDocumentPositions(t *testing.T) {
	d, err := ParseAccountDetails([]byte(sampleDetails()), "details.json")
	if err != nil {
		t.Fatal(err)
	}
	id, err := d.Lookup("arn:aws:iam::" + acct + ":user/eng/alice")
	if err != nil {
		t.Fatal(err)
	}
	type pos struct {
		Source       string
		Line, Column int
	}
	var got []pos
	for _, p := range id.Policies {
		sp := p.Doc.Statements[0].Pos
		got = append(got, pos{sp.Source, sp.Line, sp.Column})
	}
	// The statement objects, located in the text independently of gjson.
	at := func(text, stmt string) (int, int) {
		i := strings.Index(text, stmt)
		before := text[:i]
		return 1 + strings.Count(before, "\n"), 1 + len(before) - (strings.LastIndex(before, "\n") + 1)
	}
	text := sampleDetails()
	l1, c1 := at(text, `{"Sid":"AliceOwn"`)
	l2, c2 := at(text, `{"Sid":"Read"`)
	_, c3 := at(doc("DevInline", "lambda:InvokeFunction"), `{"Sid":"DevInline"`)
	want := []pos{
		{"details.json", l1, c1},
		{"details.json", l2, c2},
		{"details.json#/GroupDetailList/0/GroupPolicyList/0/PolicyDocument (URL-decoded)", 1, c3},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("A2/positions (-want +got):\n%s", diff)
	}
}

func TestAccountDetailsErrors(t *testing.T) {
	user := func(extra string) string {
		return `{"UserDetailList":[{"UserName":"u","Arn":"arn:aws:iam::` + acct + `:user/u"` + extra + `}]}`
	}
	withPolicy := func(versions string) string {
		return `{"UserDetailList":[{"UserName":"u","Arn":"arn:aws:iam::` + acct + `:user/u",
			"AttachedManagedPolicies":[{"PolicyName":"p","PolicyArn":"arn:aws:iam::` + acct + `:policy/p"}]}],
			"Policies":[{"PolicyName":"p","Arn":"arn:aws:iam::` + acct + `:policy/p","PolicyVersionList":` + versions + `}]}`
	}
	tests := []struct {
		name, data string
		want       lookupResult
	}{
		{"A1/not-json", `{"UserDetailList":`, lookupResult{Code: CodeSyntax}},
		{"A1/not-an-object", `[]`, lookupResult{Code: CodeSyntax}},
		{"A1/too-deep", strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), lookupResult{Code: CodeSyntax}},
		{"A1/invalid-utf8", "{\"UserDetailList\":[{\"UserName\":\"\xff\"}]}", lookupResult{Code: CodeSyntax}},
		{"A1/list-not-array", `{"RoleDetailList":{}}`, lookupResult{Code: CodeInvalidField, Pointer: "/RoleDetailList"}},
		{"A1/entry-not-object", `{"UserDetailList":[1]}`, lookupResult{Code: CodeInvalidField, Pointer: "/UserDetailList/0"}},
		{"A1/entry-without-arn", `{"UserDetailList":[{"UserName":"u"}]}`, lookupResult{Code: CodeInvalidField, Pointer: "/UserDetailList/0/Arn"}},
		{"A1/entry-bad-arn", `{"GroupDetailList":[{"GroupName":"g","Arn":"group/g"}]}`, lookupResult{Code: CodeInvalidField, Pointer: "/GroupDetailList/0/Arn"}},
		{"A1/entry-without-name", `{"RoleDetailList":[{"Arn":"arn:aws:iam::` + acct + `:role/r"}]}`, lookupResult{Code: CodeInvalidField, Pointer: "/RoleDetailList/0/RoleName"}},
		{"A1/unknown-fields-ignored", user(`,"Tags":[{"Key":"team","Value":"x"}],"IsTruncated":false`), lookupResult{ARN: "arn:aws:iam::" + acct + ":user/u"}},
		{"A2/document-not-string-or-object", user(`,"UserPolicyList":[{"PolicyName":"p","PolicyDocument":7}]`),
			lookupResult{Code: CodeInvalidField, Pointer: "/UserDetailList/0/UserPolicyList/0/PolicyDocument"}},
		{"A2/document-does-not-parse", user(`,"UserPolicyList":[{"PolicyName":"p","PolicyDocument":{"Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}}]`),
			lookupResult{Code: CodeInvalidPolicy, Pointer: "/UserDetailList/0/UserPolicyList/0/PolicyDocument"}},
		{"A2/encoded-document-bad-escape", user(`,"UserPolicyList":[{"PolicyName":"p","PolicyDocument":"%7B%zz"}]`),
			lookupResult{Code: CodeInvalidPolicy, Pointer: "/UserDetailList/0/UserPolicyList/0/PolicyDocument"}},
		{"A2/inline-without-name", user(`,"UserPolicyList":[{"PolicyDocument":{}}]`),
			lookupResult{Code: CodeInvalidField, Pointer: "/UserDetailList/0/UserPolicyList/0/PolicyName"}},
		{"A3/attached-not-in-policies", user(`,"AttachedManagedPolicies":[{"PolicyName":"p","PolicyArn":"arn:aws:iam::aws:policy/P"}]`),
			lookupResult{Code: CodeMissingPolicy, Pointer: "/UserDetailList/0/AttachedManagedPolicies/0/PolicyArn"}},
		{"A3/no-default-version", withPolicy(`[{"VersionId":"v1","IsDefaultVersion":false,"Document":` + doc("S", "lambda:*") + `}]`),
			lookupResult{Code: CodeNoDefault, Pointer: "/Policies/0/PolicyVersionList"}},
		{"A3/default-version-document-does-not-parse", withPolicy(`[{"VersionId":"v1","IsDefaultVersion":true,"Document":"%7B%7D"}]`),
			lookupResult{Code: CodeInvalidPolicy, Pointer: "/Policies/0/PolicyVersionList/0/Document"}},
		{"A5/group-not-listed", user(`,"GroupList":["nowhere"]`), lookupResult{Code: CodeMissingPolicy, Pointer: "/UserDetailList/0/GroupList/0"}},
		{"A5/group-list-not-names", user(`,"GroupList":[{}]`), lookupResult{Code: CodeInvalidField, Pointer: "/UserDetailList/0/GroupList/0"}},
		{"A6/boundary-not-in-policies", user(`,"PermissionsBoundary":{"PermissionsBoundaryArn":"arn:aws:iam::` + acct + `:policy/b"}`),
			lookupResult{Code: CodeMissingPolicy, Pointer: "/UserDetailList/0/PermissionsBoundary/PermissionsBoundaryArn"}},
		{"A6/boundary-without-arn", user(`,"PermissionsBoundary":{"PermissionsBoundaryType":"Policy"}`),
			lookupResult{Code: CodeInvalidField, Pointer: "/UserDetailList/0/PermissionsBoundary"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseAccountDetails([]byte(tt.data), "d.json")
			var got lookupResult
			if err != nil {
				got = summarize(Identity{}, err)
			} else {
				got = summarize(d.Lookup("arn:aws:iam::" + acct + ":user/u"))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
