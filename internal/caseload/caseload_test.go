package caseload_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/policy"
)

const (
	idPolicy  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:*","Resource":"*"}]}`
	resPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"*"}]}`
	trust     = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}}`
	scpAll    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	fn        = "arn:aws:lambda:us-east-1:111122223333:function:orders"
)

func line(fields ...string) string { return "{" + strings.Join(fields, ",") + "}" }

func TestLoad(t *testing.T) {
	base := `"principal":"arn:aws:iam::111122223333:user/dana","action":"lambda:GetFunction","resource":"` + fn + `"`
	type summary struct {
		Names []string
		Lines []int
		Errs  []bool
	}
	for _, tc := range []struct {
		name    string
		input   string
		want    summary
		wantErr bool
	}{
		{name: "E2/json-lines-skip-blank-lines",
			input: line(`"name":"a"`, base) + "\n\n" + line(`"name":"b"`, base) + "\n",
			want:  summary{[]string{"a", "b"}, []int{1, 3}, []bool{false, false}}},
		{name: "E2/one-pretty-printed-object",
			input: "\n{\n  \"name\": \"pretty\",\n  " + base + "\n}\n",
			want:  summary{[]string{"pretty"}, []int{2}, []bool{false}}},
		{name: "E2/broken-pretty-object-is-one-bad-case",
			input: "{\n  \"name\": \"broken\",\n  " + base + ",\n",
			want:  summary{[]string{"x.jsonl:1"}, []int{1}, []bool{true}}},
		{name: "E2/bad-line-is-a-bad-case",
			input: line(`"name":"a"`, base) + "\n{nope\n",
			want:  summary{[]string{"a", "x.jsonl:2"}, []int{1, 2}, []bool{false, true}}},
		{name: "E2/unnamed-case-named-after-its-line",
			input: line(base),
			want:  summary{[]string{"x.jsonl:1"}, []int{1}, []bool{false}}},
		{name: "E2/duplicate-names-rejected", input: line(`"name":"a"`, base) + "\n" + line(`"name":"a"`, base), wantErr: true},
		{name: "E2/empty-input-rejected", input: " \n\t\n", wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cases, err := caseload.Load([]byte(tc.input), "x.jsonl")
			if (err != nil) != tc.wantErr {
				t.Fatalf("Load error = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				var e *caseload.Error
				if !errors.As(err, &e) {
					t.Errorf("error %T, want *caseload.Error", err)
				}
				return
			}
			var got summary
			for _, c := range cases {
				got.Names = append(got.Names, c.Name)
				got.Lines = append(got.Lines, c.Line)
				got.Errs = append(got.Errs, c.Err != nil)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Load (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseLineErrors(t *testing.T) {
	base := `"principal":"arn:aws:iam::111122223333:user/dana","action":"lambda:GetFunction","resource":"` + fn + `"`
	type outcome struct {
		Field      string
		PolicyCode policy.Code
		Pointer    string
	}
	for _, tc := range []struct {
		name  string
		input string
		want  *outcome
	}{
		{"E2/valid-case", line(base, `"identityPolicies":[`+idPolicy+`]`), nil},
		{"E2/not-json", `{"name":`, &outcome{}},
		{"E2/not-an-object", `["a"]`, &outcome{}},
		{"E2/invalid-utf8", "{\"name\":\"\xff\"}", &outcome{}},
		{"E2/unknown-field", line(base, `"principals":"x"`), &outcome{Field: "/principals"}},
		{"E2/duplicate-field", line(base, `"action":"lambda:InvokeFunction"`), &outcome{Field: "/action"}},
		{"E2/field-of-wrong-type", line(`"principal":7`), &outcome{Field: "/principal"}},
		{"E2/bad-expect", line(base, `"expect":"Deny"`), &outcome{Field: "/expect"}},
		{"E2/context-not-an-object", line(base, `"context":["a"]`), &outcome{Field: "/context"}},
		{"C6/context-keys-differing-in-case", line(base, `"context":{"aws:SourceIp":"1.2.3.4","AWS:sourceip":"5.6.7.8"}`), &outcome{Field: "/context/AWS:sourceip"}},
		{"E2/context-value-object", line(base, `"context":{"k":{"a":1}}`), &outcome{Field: "/context/k"}},
		{"E2/identity-policies-not-a-list", line(base, `"identityPolicies":`+idPolicy), &outcome{Field: "/identityPolicies"}},
		{"E2/scp-level-not-a-list", line(base, `"scps":[`+scpAll+`]`), &outcome{Field: "/scps/0"}},
		{"G9/duplicate-key-reaches-the-parser", line(base, `"identityPolicies":[{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Effect":"Allow","Action":"*","Resource":"*"}]}]`),
			&outcome{Field: "/identityPolicies/0", PolicyCode: policy.CodeDuplicateKey, Pointer: "/Statement/0/Effect"}},
		{"G5/boundary-parsed-as-boundary", line(base, `"permissionsBoundary":`+resPolicy),
			&outcome{Field: "/permissionsBoundary", PolicyCode: policy.CodePrincipalNotAllowed, Pointer: "/Statement/0/Principal"}},
		{"G5/resource-policy-parsed-as-resource", line(base, `"resourcePolicy":`+idPolicy),
			&outcome{Field: "/resourcePolicy", PolicyCode: policy.CodeMissingPrincipal, Pointer: "/Statement/0"}},
		{"G5/scp-parsed-as-scp", line(base, `"scps":[[`+resPolicy+`]]`),
			&outcome{Field: "/scps/0/0", PolicyCode: policy.CodePrincipalNotAllowed, Pointer: "/Statement/0/Principal"}},
		{"E2/named-policy-with-extra-key", line(base, `"identityPolicies":[{"name":"n","document":`+idPolicy+`,"x":1}]`), &outcome{Field: "/identityPolicies/0"}},
		{"E2/named-policy-with-empty-name", line(base, `"identityPolicies":[{"name":"","document":`+idPolicy+`}]`), &outcome{Field: "/identityPolicies/0/name"}},
		{"E2/named-policy-document-error", line(base, `"identityPolicies":[{"name":"n","document":{"Statement":[]}}]`),
			&outcome{Field: "/identityPolicies/0/document", PolicyCode: policy.CodeEmptyStatement, Pointer: "/Statement"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := caseload.ParseLine([]byte(tc.input), "cases.jsonl", 4)
			if tc.want == nil {
				if c.Err != nil {
					t.Fatalf("unexpected error: %v", c.Err)
				}
				return
			}
			var e *caseload.Error
			if !errors.As(c.Err, &e) {
				t.Fatalf("Err = %v (%T), want *caseload.Error", c.Err, c.Err)
			}
			got := outcome{Field: e.Field}
			var pl policy.ErrorList
			if errors.As(e.Err, &pl) && len(pl) > 0 {
				got.PolicyCode, got.Pointer = pl[0].Code, pl[0].Pointer
			}
			if diff := cmp.Diff(*tc.want, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if e.Line != 4 || e.Source != "cases.jsonl" {
				t.Errorf("error located at %s:%d, want cases.jsonl:4", e.Source, e.Line)
			}
			if res := c.Run(); res.Err == nil || res.Decision != evaluate.ImplicitDeny {
				t.Errorf("Run = %v, %v; want ImplicitDeny with the error", res.Decision, res.Err)
			}
		})
	}
}

func TestParseLinePolicies(t *testing.T) {
	input := line(
		`"name":"all fields"`, `"rule":"E3"`, `"comment":"c"`, `"expect":"Allow"`,
		`"principal":"arn:aws:sts::111122223333:assumed-role/dev/alice"`,
		`"action":"lambda:InvokeFunction"`, `"resource":"`+fn+`"`,
		`"identityPolicies":[`+idPolicy+`,{"name":"named","document":`+idPolicy+`}]`,
		`"resourcePolicy":`+resPolicy,
		`"permissionsBoundary":`+idPolicy, `"sessionPolicy":null`,
		`"scps":[[`+scpAll+`],[`+scpAll+`,{"name":"guard","document":`+scpAll+`}]]`,
		`"rcps":[]`,
	)
	c := caseload.ParseLine([]byte(input), "cases.jsonl", 12)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	type named struct {
		Name   string
		Kind   policy.Kind
		Source string
	}
	conv := func(n evaluate.Named) named { return named{n.Name, n.Doc.Kind, n.Doc.Pos.Source} }
	var got []named
	for _, n := range c.Policies.Identity {
		got = append(got, conv(n))
	}
	got = append(got, conv(*c.Policies.Resource), conv(*c.Policies.Boundary))
	for _, level := range c.Policies.SCPs {
		for _, n := range level {
			got = append(got, conv(n))
		}
	}
	want := []named{
		{"identity[0]", policy.KindIdentity, "cases.jsonl"},
		{"named", policy.KindIdentity, "cases.jsonl"},
		{"resourcePolicy", policy.KindResource, "cases.jsonl"},
		{"permissionsBoundary", policy.KindBoundary, "cases.jsonl"},
		{"scps[0][0]", policy.KindSCP, "cases.jsonl"},
		{"scps[1][0]", policy.KindSCP, "cases.jsonl"},
		{"guard", policy.KindSCP, "cases.jsonl"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("policies (-want +got):\n%s", diff)
	}
	meta := []any{c.Name, c.Rule, c.Comment, c.Expect, c.Line, c.Source, c.Policies.Session == nil, len(c.Policies.RCPs)}
	if diff := cmp.Diff([]any{"all fields", "E3", "c", "Allow", 12, "cases.jsonl", true, 0}, meta); diff != "" {
		t.Errorf("case fields (-want +got):\n%s", diff)
	}
	// Positions are offsets within the policy's own text.
	st := c.Policies.Identity[0].Doc.Statements[0]
	if diff := cmp.Diff(policy.Position{Source: "cases.jsonl", Offset: 37, Line: 12, Column: 285}, st.Pos); diff != "" {
		t.Errorf("statement position (-want +got):\n%s", diff)
	}
}

// TestE3aTrustPolicyDetection checks that the case's action picks the
// kind of its resourcePolicy: for sts:AssumeRole* and the session tagging
// actions evaluated with it, the role's trust policy; otherwise a
// resource-based policy, whatever actions the policy itself names.
func TestE3aTrustPolicyDetection(t *testing.T) {
	role := `"resource":"arn:aws:iam::111122223333:role/exec"`
	sts := func(action string) string {
		return `"principal":"lambda.amazonaws.com","action":"` + action + `",` + role
	}
	invoke := `"principal":"s3.amazonaws.com","action":"lambda:InvokeFunction","resource":"` + fn + `"`
	wildTrust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:*"}]}`
	fnPolicyNamingSTS := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":["lambda:InvokeFunction","sts:AssumeRole"],"Resource":"` + fn + `"}]}`
	for _, tc := range []struct {
		name   string
		req    string
		policy string
		want   policy.Kind
	}{
		{"E3a/assume-role-action-is-trust", sts("sts:AssumeRole"), trust, policy.KindTrust},
		{"E3a/assume-role-with-saml-any-case", sts("STS:assumeRoleWithSAML"), `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRoleWithSAML"}]}`, policy.KindTrust},
		{"E3a/set-source-identity-is-trust", sts("sts:SetSourceIdentity"), `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:SetSourceIdentity"}]}`, policy.KindTrust},
		{"E3a/trust-policy-granting-sts-wildcard", sts("sts:AssumeRole"), wildTrust, policy.KindTrust},
		{"E3a/named-trust-policy", sts("sts:AssumeRole"), `{"name":"trust","document":` + trust + `}`, policy.KindTrust},
		{"E3a/function-policy-is-resource", invoke, resPolicy, policy.KindResource},
		{"E3a/function-policy-naming-sts-is-still-resource", invoke, fnPolicyNamingSTS, policy.KindResource},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := caseload.ParseLine([]byte(line(`"resourcePolicy":`+tc.policy, tc.req)), "t.jsonl", 1)
			if c.Err != nil {
				t.Fatal(c.Err)
			}
			if diff := cmp.Diff(tc.want, c.Policies.Resource.Doc.Kind); diff != "" {
				t.Errorf("kind (-want +got):\n%s", diff)
			}
		})
	}
}

func TestE2RequestFields(t *testing.T) {
	type req struct {
		ResourceAccount string
		Context         map[string][]string
		Multi           map[string]bool
	}
	for _, tc := range []struct {
		name   string
		fields string
		want   req
	}{
		{"E5/resource-account-from-arn", `"resource":"` + fn + `"`, req{ResourceAccount: "111122223333"}},
		{"E5/resource-account-given", `"resource":"*","resourceAccount":"444455556666"`, req{ResourceAccount: "444455556666"}},
		{"E5/resource-account-of-star-absent", `"resource":"*"`, req{}},
		{"E5/resource-account-given-empty-stays-empty", `"resource":"` + fn + `","resourceAccount":""`, req{}},
		{"C5/context-list-is-multivalued",
			`"resource":"*","context":{"aws:SourceIp":"10.0.0.1","lambda:Layer":["l1"],"aws:TagKeys":[],"aws:MultiFactorAuthAge":900,"aws:SecureTransport":true}`,
			req{Context: map[string][]string{
				"aws:sourceip": {"10.0.0.1"}, "lambda:layer": {"l1"}, "aws:tagkeys": {},
				"aws:multifactorauthage": {"900"}, "aws:securetransport": {"true"}},
				Multi: map[string]bool{"aws:sourceip": false, "lambda:layer": true, "aws:tagkeys": true,
					"aws:multifactorauthage": false, "aws:securetransport": false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := caseload.ParseLine([]byte(line(`"principal":"anonymous","action":"lambda:ListFunctions"`, tc.fields)), "r.jsonl", 1)
			if c.Err != nil {
				t.Fatal(c.Err)
			}
			got := req{ResourceAccount: c.Request.ResourceAccount}
			if ctx := c.Request.Context; ctx != nil {
				got.Context, got.Multi = map[string][]string{}, map[string]bool{}
				for _, k := range ctx.Keys() {
					v, _ := ctx.Lookup(k)
					got.Context[k] = v.Strings()
					got.Multi[k] = v.Multi()
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
			}
		})
	}
}

func TestE8Output(t *testing.T) {
	c := caseload.ParseLine([]byte(line(
		`"name":"deny"`, `"principal":"arn:aws:iam::111122223333:user/dana"`, `"action":"lambda:DeleteFunction"`, `"resource":"`+fn+`"`,
		`"identityPolicies":[{"Version":"2012-10-17","Statement":[{"Sid":"NoDelete","Effect":"Deny","Action":"lambda:Delete*","Resource":"*"}]}]`,
	)), "o.jsonl", 3)
	out, err := json.Marshal(caseload.Evaluate(&c))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"deny","decision":"ExplicitDeny","reasons":[{"policy":"identity[0]","type":"identity","statement":0,"sid":"NoDelete","effect":"Deny","position":"o.jsonl:3:223","message":"User: arn:aws:iam::111122223333:user/dana is not authorized to perform: lambda:DeleteFunction on resource: ` + fn + ` with an explicit deny in an identity-based policy"}],"error":null}`
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}

	bad := caseload.ParseLine([]byte(`{"name":"bad","principal":1}`), "o.jsonl", 4)
	out, err = json.Marshal(caseload.Evaluate(&bad))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if _, hasDecision := got["decision"]; hasDecision || got["error"] == nil || got["name"] != "bad" {
		t.Errorf("error output = %s, want a name, an error and no decision", out)
	}
	types := []string{}
	for _, pt := range []evaluate.PolicyType{evaluate.IdentityBasedPolicy, evaluate.ResourceBasedPolicy, evaluate.PermissionsBoundary,
		evaluate.SessionPolicy, evaluate.ServiceControlPolicy, evaluate.ResourceControlPolicy, evaluate.NoPolicy} {
		types = append(types, caseload.TypeName(pt))
	}
	if diff := cmp.Diff([]string{"identity", "resource", "boundary", "session", "scp", "rcp", ""}, types); diff != "" {
		t.Errorf("TypeName (-want +got):\n%s", diff)
	}
}

// TestDeepNestingIsAnError is a regression test: gjson validates
// recursively, and a case nested deeply enough overflowed the stack (a
// crash no recover can stop). Depth is now bounded first.
func TestDeepNestingIsAnError(t *testing.T) {
	for _, n := range []int{caseload.MaxDepth + 1, 100_000, 8 << 20} {
		deep := `{"name":"deep","principal":"anonymous","action":"lambda:InvokeFunction","resource":"*","context":{"k":` +
			strings.Repeat("[", n) + strings.Repeat("]", n) + `}}`
		for _, text := range []string{deep, deep + "\n" + deep} {
			cases, err := caseload.Load([]byte(text), "deep.jsonl")
			if err != nil {
				continue // refused as a whole: fine
			}
			for _, c := range cases {
				if c.Err == nil {
					t.Errorf("depth %d: case loaded without error", n)
				}
			}
		}
	}
}
