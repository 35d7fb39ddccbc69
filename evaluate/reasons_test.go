package evaluate_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

func TestE8PolicyTypeNames(t *testing.T) {
	got := map[evaluate.PolicyType]string{}
	for _, pt := range []evaluate.PolicyType{
		evaluate.IdentityBasedPolicy, evaluate.ResourceBasedPolicy, evaluate.PermissionsBoundary,
		evaluate.SessionPolicy, evaluate.ServiceControlPolicy, evaluate.ResourceControlPolicy, evaluate.NoPolicy,
	} {
		got[pt] = pt.String()
	}
	want := map[evaluate.PolicyType]string{
		evaluate.IdentityBasedPolicy:   "identity-based policy",
		evaluate.ResourceBasedPolicy:   "resource-based policy",
		evaluate.PermissionsBoundary:   "permissions boundary",
		evaluate.SessionPolicy:         "session policy",
		evaluate.ServiceControlPolicy:  "service control policy",
		evaluate.ResourceControlPolicy: "resource control policy",
		evaluate.NoPolicy:              "",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PolicyType.String (-want +got):\n%s", diff)
	}
	decisions := []string{evaluate.ImplicitDeny.String(), evaluate.Allow.String(), evaluate.ExplicitDeny.String()}
	if diff := cmp.Diff([]string{"ImplicitDeny", "Allow", "ExplicitDeny"}, decisions); diff != "" {
		t.Errorf("Decision.String (-want +got):\n%s", diff)
	}
}

// reason is the part of an evaluate.Reason the table compares; the
// message is checked for its AWS wording separately.
type reason struct {
	Policy    string
	Type      evaluate.PolicyType
	Statement int
	Sid       string
	Effect    policy.Effect
}

func TestE8Reasons(t *testing.T) {
	withSid := func(sid, body string) string { return `"Sid":"` + sid + `",` + body }
	cases := []struct {
		name     string
		req      evaluate.Request
		pols     pols
		decision evaluate.Decision
		want     []reason
		// messages are substrings the reasons' messages must contain, in order.
		messages []string
	}{
		{name: "E8/every-explicit-deny-in-order", req: invoke(sessionA, fnA),
			pols: pols{
				identity: []string{pol(allowAll, withSid("D1", denyInvoke)), pol(withSid("D2", denyInvoke))},
				scps:     [][]string{{pol(allowAll, withSid("Scp", denyInvoke))}},
			},
			decision: deny,
			want: []reason{
				{"scp[0][0]", evaluate.ServiceControlPolicy, 1, "Scp", policy.Deny},
				{"identity[0]", evaluate.IdentityBasedPolicy, 1, "D1", policy.Deny},
				{"identity[1]", evaluate.IdentityBasedPolicy, 0, "D2", policy.Deny},
			},
			messages: []string{
				"User: " + sessionA + " is not authorized to perform: lambda:InvokeFunction on resource: " + fnA + " with an explicit deny in a service control policy",
				"with an explicit deny in an identity-based policy",
				"with an explicit deny in an identity-based policy",
			}},
		{name: "E8/implicit-deny-no-identity-policy", req: invoke(sessionA, fnA),
			decision: implicit,
			want:     []reason{{"", evaluate.IdentityBasedPolicy, -1, "", 0}},
			messages: []string{"User: " + sessionA + " is not authorized to perform: lambda:InvokeFunction on resource: " + fnA + " because no identity-based policy allows the lambda:InvokeFunction action"}},
		{name: "E8/implicit-deny-boundary-names-it", req: invoke(sessionA, fnA),
			pols:     pols{identity: []string{pol(withSid("Invoke", allowInvoke))}, boundary: pol(allowLogs)},
			decision: implicit,
			want: []reason{
				{"identity[0]", evaluate.IdentityBasedPolicy, 0, "Invoke", policy.Allow},
				{"boundary", evaluate.PermissionsBoundary, -1, "", 0},
			},
			messages: []string{"allows lambda:InvokeFunction, but no permissions boundary allows it", "because no permissions boundary allows the lambda:InvokeFunction action"}},
		{name: "E8/cross-account-reports-resource-policy", req: invoke(sessionB, fnA),
			pols:     pols{identity: []string{pol(allowInvoke)}},
			decision: implicit,
			want: []reason{
				{"identity[0]", evaluate.IdentityBasedPolicy, 0, "", policy.Allow},
				{"", evaluate.ResourceBasedPolicy, -1, "", 0},
			},
			messages: []string{"but no resource-based policy allows it", "because no resource-based policy allows the lambda:InvokeFunction action"}},
		{name: "E8/scp-level-failure-lists-the-level", req: invoke(sessionA, fnA),
			pols:     pols{identity: []string{pol(allowInvoke)}, scps: [][]string{{pol(allowAll)}, {pol(allowLogs), pol(allowLogs)}}},
			decision: implicit,
			want: []reason{
				{"scp[0][0]", evaluate.ServiceControlPolicy, 0, "", policy.Allow},
				{"scp[1][0], scp[1][1]", evaluate.ServiceControlPolicy, -1, "", 0},
			},
			messages: []string{"allows lambda:InvokeFunction at level 0", "because no service control policy allows the lambda:InvokeFunction action (level 1)"}},
		{name: "E8/allow-lists-every-required-side", req: invoke(sessionA, fnA),
			pols: pols{
				identity: []string{pol(withSid("A", allowInvoke), withSid("B", allowLambda))},
				scps:     [][]string{{pol(allowAll)}},
				boundary: pol(allowLambda),
				session:  pol(allowInvoke),
			},
			decision: allow,
			want: []reason{
				{"scp[0][0]", evaluate.ServiceControlPolicy, 0, "", policy.Allow},
				{"identity[0]", evaluate.IdentityBasedPolicy, 0, "A", policy.Allow},
				{"identity[0]", evaluate.IdentityBasedPolicy, 1, "B", policy.Allow},
				{"boundary", evaluate.PermissionsBoundary, 0, "", policy.Allow},
				{"session", evaluate.SessionPolicy, 0, "", policy.Allow},
			},
			messages: []string{"allows lambda:InvokeFunction at level 0", "allows lambda:InvokeFunction", "allows lambda:InvokeFunction", "allows", "allows"}},
		{name: "E8/allow-by-direct-resource-grant", req: invoke(sessionA, fnA),
			pols:     pols{resource: pol(withSid("grant", grantTo(`{"AWS":"`+sessionA+`"}`)))},
			decision: allow,
			want:     []reason{{"resourcePolicy", evaluate.ResourceBasedPolicy, 0, "grant", policy.Allow}},
			messages: []string{"to the caller directly"}},
		{name: "E8/allow-by-role-grant-lists-boundary", req: invoke(sessionA, fnA),
			pols:     pols{resource: pol(grantTo(`{"AWS":"` + roleA + `"}`)), boundary: pol(allowInvoke)},
			decision: allow,
			want: []reason{
				{"resourcePolicy", evaluate.ResourceBasedPolicy, 0, "", policy.Allow},
				{"boundary", evaluate.PermissionsBoundary, 0, "", policy.Allow},
			},
			messages: []string{"to the caller's role", "allows"}},
		{name: "E8/root-user-default", req: invoke(rootA, fnA),
			decision: allow,
			want:     []reason{{"", evaluate.NoPolicy, -1, "", 0}},
			messages: []string{"root user has full access"}},
		{name: "E8/root-cannot-assume", req: evaluate.Request{Principal: rootA, Action: "sts:AssumeRole", Resource: targetRole},
			decision: implicit,
			want:     []reason{{"", evaluate.NoPolicy, -1, "", 0}},
			messages: []string{"roles may not be assumed by the account root user"}},
		{name: "E8/get-caller-identity", req: evaluate.Request{Principal: sessionA, Action: "sts:GetCallerIdentity", Resource: "*"},
			decision: allow,
			want:     []reason{{"", evaluate.NoPolicy, -1, "", 0}},
			messages: []string{"needs no permission"}},
		{name: "E8/federated-without-session-policy", req: invoke(fedA, fnA),
			pols:     pols{identity: []string{pol(allowInvoke)}},
			decision: implicit,
			want: []reason{
				{"identity[0]", evaluate.IdentityBasedPolicy, 0, "", policy.Allow},
				{"", evaluate.SessionPolicy, -1, "", 0},
			},
			messages: []string{"but no session policy allows it", "because no session policy allows"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := evaluate.Evaluate(tc.req, tc.pols.build(t))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.decision, res.Decision); diff != "" {
				t.Errorf("decision (-want +got):\n%s", diff)
			}
			var got []reason
			for _, r := range res.Reasons {
				got = append(got, reason{r.Policy, r.Type, r.Statement, r.Sid, r.Effect})
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
			for i, m := range tc.messages {
				if i < len(res.Reasons) && !strings.Contains(res.Reasons[i].Message, m) {
					t.Errorf("reason %d message %q does not contain %q", i, res.Reasons[i].Message, m)
				}
			}
		})
	}
}

// TestE8ReasonPositions checks that a reason points at its statement.
func TestE8ReasonPositions(t *testing.T) {
	text := "{\"Version\":\"2012-10-17\",\"Statement\":[\n  {\"Effect\":\"Allow\",\"Action\":\"lambda:*\",\"Resource\":\"*\"},\n  {\"Sid\":\"NoInvoke\",\"Effect\":\"Deny\",\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"*\"}\n]}"
	p := pols{identity: []string{text}}
	res, err := evaluate.Evaluate(invoke(userA, fnA), p.build(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Reasons) != 1 {
		t.Fatalf("reasons = %+v, want one", res.Reasons)
	}
	got := res.Reasons[0].Pos
	want := policy.Position{Source: "identity[0]", Offset: strings.Index(text, `{"Sid"`), Line: 3, Column: 3}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("position (-want +got):\n%s", diff)
	}
}
