package evaluate_test

import (
	"testing"

	"github.com/lambdaiam/lambdaiam/evaluate"
)

const (
	deny      = evaluate.ExplicitDeny
	allow     = evaluate.Allow
	implicit  = evaluate.ImplicitDeny
	anonymous = "anonymous"
	s3        = "s3.amazonaws.com"
)

func TestE1StatementApplicability(t *testing.T) {
	runDecisions(t, []decisionCase{
		{name: "E1/all-four-hold", req: invoke(userA, fnA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"` + fnA + `","Condition":{"StringEquals":{"aws:username":"priya"}}`)}},
			want: allow},
		{name: "E1/action-does-not-match", req: invoke(userA, fnA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:GetFunction","Resource":"` + fnA + `"`)}},
			want: implicit},
		{name: "E1/resource-does-not-match", req: invoke(userA, fnA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"` + fnA + `-2"`)}},
			want: implicit},
		{name: "E1/condition-false", req: invoke(userA, fnA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*","Condition":{"StringEquals":{"aws:username":"omar"}}`)}},
			want: implicit},
		{name: "E1/principal-does-not-match", req: invoke(userA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"arn:aws:iam::111122223333:user/omar"}`))},
			want: implicit},
		{name: "E1/notaction-excludes", req: invoke(userA, fnA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","NotAction":"lambda:Invoke*","Resource":"*"`)}},
			want: implicit},
		{name: "E1/notaction-grants-other-services", req: evaluate.Request{Principal: userA, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:q"},
			pols: pols{identity: []string{pol(`"Effect":"Allow","NotAction":"lambda:*","Resource":"*"`)}},
			want: allow},
		{name: "E1/notresource-excludes", req: invoke(userA, fnA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:*","NotResource":"` + fnA + `"`)}},
			want: implicit},
		{name: "E1/action-case-insensitive", req: evaluate.Request{Principal: userA, Action: "Lambda:INVOKEFUNCTION", Resource: fnA},
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:invokeFunction","Resource":"*"`)}},
			want: allow},
		{name: "E1/action-glob-case-insensitive", req: evaluate.Request{Principal: userA, Action: "LAMBDA:InvokeFunction", Resource: fnA},
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:invoke*","Resource":"*"`)}},
			want: allow},
		{name: "E1/non-ascii-action-never-panics", req: evaluate.Request{Principal: userA, Action: "lambda:İnvoke", Resource: fnA},
			pols: pols{identity: []string{pol(allowInvoke)}},
			want: implicit},
	})
}

func TestE3EnforcementOrder(t *testing.T) {
	fullAccess := pol(allowAll)
	runDecisions(t, []decisionCase{
		{name: "E3/no-policy-is-implicit-deny", req: invoke(sessionA, fnA), want: implicit},
		{name: "E3/deny-beats-allow-in-another-policy", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(allowLambda), pol(denyInvoke)}}, want: deny},
		{name: "E3/resource-policy-deny-beats-identity-allow", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, resource: pol(`"Effect":"Deny","Action":"lambda:*","Resource":"*","Principal":"*"`)},
			want: deny},
		{name: "E3/boundary-deny-beats-direct-grant", req: invoke(sessionA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + sessionA + `"}`)), boundary: pol(allowAll, denyInvoke)},
			want: deny},
		{name: "E3/session-policy-deny-applies", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, session: pol(allowAll, denyInvoke)}, want: deny},
		{name: "E3/scp-levels-all-allow", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, scps: [][]string{{fullAccess}, {pol(allowLambda)}}}, want: allow},
		{name: "E3/scp-level-without-allow", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, scps: [][]string{{fullAccess}, {pol(allowLogs)}}}, want: implicit},
		{name: "E3/scp-deny-at-a-level", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, scps: [][]string{{fullAccess}, {fullAccess, pol(denyInvoke)}}}, want: deny},
		{name: "E3/scp-allow-grants-nothing", req: invoke(sessionA, fnA),
			pols: pols{scps: [][]string{{fullAccess}}}, want: implicit},
		{name: "E3/scp-level-blocks-direct-resource-grant", req: invoke(sessionA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + sessionA + `"}`)), scps: [][]string{{pol(allowLogs)}}}, want: implicit},
		{name: "E3/boundary-caps-identity", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, boundary: pol(allowLogs)}, want: implicit},
		{name: "E3/boundary-alone-grants-nothing", req: invoke(sessionA, fnA),
			pols: pols{boundary: pol(allowLambda)}, want: implicit},
		{name: "E3/session-policy-caps-identity", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, session: pol(allowGetOnly)}, want: implicit},
		{name: "E3/session-policy-and-identity-allow", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, session: pol(allowInvoke)}, want: allow},
		{name: "E3/session-policy-ignored-for-user", req: invoke(userA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, session: pol(allowGetOnly)}, want: allow},
		{name: "E3/role-arn-principal-is-capped-by-session-policy", req: invoke(roleA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, session: pol(allowGetOnly)}, want: implicit},
		{name: "E3/root-allowed-by-default", req: invoke(rootA, fnA), want: allow},
		{name: "E3/root-still-denied-explicitly", req: invoke(rootA, fnA),
			pols: pols{scps: [][]string{{fullAccess, pol(denyInvoke)}}}, want: deny},
		{name: "E3/root-subject-to-scp-levels", req: invoke(rootA, fnA),
			pols: pols{scps: [][]string{{pol(allowLogs)}}}, want: implicit},
		{name: "E3/rcp-ignored-for-lambda", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, rcps: [][]string{{pol(`"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"`)}}}, want: allow},
		{name: "E3/rcp-deny-applies-to-s3", req: evaluate.Request{Principal: sessionA, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key", ResourceAccount: acctA},
			pols: pols{identity: []string{pol(allowAll)}, rcps: [][]string{{pol(`"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"`)}}}, want: deny},
		{name: "E3/rcp-deny-applies-when-lambda-is-listed", req: invoke(sessionA, fnA),
			opts: []evaluate.Option{evaluate.WithRCPServices("lambda")},
			pols: pols{identity: []string{pol(allowLambda)}, rcps: [][]string{{pol(`"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"`)}}}, want: deny},
		{name: "E3/rcp-level-needs-allow-when-required", req: evaluate.Request{Principal: sessionA, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key", ResourceAccount: acctA},
			opts: []evaluate.Option{evaluate.WithRCPAllowRequired()},
			pols: pols{identity: []string{pol(allowAll)}, rcps: [][]string{{pol(`"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"`)}}}, want: implicit},
		{name: "E3/rcp-level-without-allow-passes-by-default", req: evaluate.Request{Principal: sessionA, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key", ResourceAccount: acctA},
			pols: pols{identity: []string{pol(allowAll)}, rcps: [][]string{{pol(`"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"`)}}}, want: allow},
	})
}

func TestE3aTrustPolicies(t *testing.T) {
	assume := func(principal string) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: "sts:AssumeRole", Resource: targetRole}
	}
	trustAccount := pol(`"Effect":"Allow","Principal":{"AWS":"` + acctA + `"},"Action":"sts:AssumeRole"`)
	idAssume := pol(`"Effect":"Allow","Action":"sts:AssumeRole","Resource":"` + targetRole + `"`)
	runDecisions(t, []decisionCase{
		{name: "E3a/identity-allow-alone-is-not-enough", req: assume(sessionA),
			pols: pols{identity: []string{idAssume}}, want: implicit},
		{name: "E3a/trust-for-another-principal", req: assume(sessionA),
			pols: pols{identity: []string{idAssume}, trust: pol(`"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"`)}, want: implicit},
		{name: "E3a/account-trust-needs-identity-allow", req: assume(sessionA),
			pols: pols{trust: trustAccount}, want: implicit},
		{name: "E3a/account-trust-with-identity-allow", req: assume(sessionA),
			pols: pols{identity: []string{idAssume}, trust: trustAccount}, want: allow},
		{name: "E3a/role-trust-needs-no-identity-allow", req: assume(sessionA),
			pols: pols{trust: pol(`"Effect":"Allow","Principal":{"AWS":"` + roleA + `"},"Action":"sts:AssumeRole"`)}, want: allow},
		{name: "E3a/user-trust-needs-no-identity-allow", req: assume(userA),
			pols: pols{trust: pol(`"Effect":"Allow","Principal":{"AWS":"` + userA + `"},"Action":"sts:AssumeRole"`)}, want: allow},
		{name: "E3a/service-trust", req: assume("lambda.amazonaws.com"),
			pols: pols{trust: pol(`"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"`)}, want: allow},
		{name: "E3a/tag-session-needs-trust", req: evaluate.Request{Principal: sessionA, Action: "sts:TagSession", Resource: targetRole},
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"sts:*","Resource":"*"`)}}, want: implicit},
		{name: "E3a/cross-account-needs-both-sides", req: assume(sessionB),
			pols: pols{trust: pol(`"Effect":"Allow","Principal":{"AWS":"` + acctB + `"},"Action":"sts:AssumeRole"`)}, want: implicit},
		{name: "E3a/cross-account-both-sides-allow", req: assume(sessionB),
			pols: pols{identity: []string{idAssume}, trust: pol(`"Effect":"Allow","Principal":{"AWS":"` + acctB + `"},"Action":"sts:AssumeRole"`)}, want: allow},
	})
}

func TestE3bGetCallerIdentity(t *testing.T) {
	gci := func(p string) evaluate.Request {
		return evaluate.Request{Principal: p, Action: "sts:GetCallerIdentity", Resource: "*"}
	}
	denyAll := pol(`"Effect":"Deny","Action":"*","Resource":"*"`)
	runDecisions(t, []decisionCase{
		{name: "E3b/allowed-without-policy", req: gci(sessionA), want: allow},
		{name: "E3b/explicit-deny-does-not-stop-it", req: gci(sessionA),
			pols: pols{identity: []string{denyAll}, scps: [][]string{{denyAll}}}, want: allow},
		{name: "E3b/action-case-insensitive", req: evaluate.Request{Principal: userA, Action: "STS:getcalleridentity", Resource: "*"}, want: allow},
		{name: "E3b/anonymous-is-not-authenticated", req: gci(anonymous), want: implicit},
	})
}

func TestE4ResourcePolicyPrincipals(t *testing.T) {
	caps := pols{boundary: pol(allowLogs)}
	sess := pols{session: pol(allowLogs)}
	with := func(p pols, resource string) pols { p.resource = resource; return p }
	arnCond := `{"ArnLike":{"aws:PrincipalArn":"` + roleA + `"}}`
	orgCond := `{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`
	orgCtx := ctx("aws:PrincipalOrgID", "o-a1b2c3d4e5")
	orgReq := invoke(sessionA, fnA)
	orgReq.Context = orgCtx
	runDecisions(t, []decisionCase{
		{name: "E4/user-arn-ignores-boundary", req: invoke(userA, fnA),
			pols: with(caps, pol(grantTo(`{"AWS":"`+userA+`"}`))), want: allow},
		{name: "E4/role-arn-ignores-missing-identity-allow", req: invoke(sessionA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + roleA + `"}`))}, want: allow},
		{name: "E4/role-arn-capped-by-boundary", req: invoke(sessionA, fnA),
			pols: with(caps, pol(grantTo(`{"AWS":"`+roleA+`"}`))), want: implicit},
		{name: "E4/role-arn-capped-by-session-policy", req: invoke(sessionA, fnA),
			pols: with(sess, pol(grantTo(`{"AWS":"`+roleA+`"}`))), want: implicit},
		{name: "E4/role-arn-allowed-when-boundary-allows", req: invoke(sessionA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + roleA + `"}`)), boundary: pol(allowInvoke)}, want: allow},
		{name: "E4/session-arn-ignores-boundary", req: invoke(sessionA, fnA),
			pols: with(caps, pol(grantTo(`{"AWS":"`+sessionA+`"}`))), want: allow},
		{name: "E4/session-arn-ignores-session-policy", req: invoke(sessionA, fnA),
			pols: with(sess, pol(grantTo(`{"AWS":"`+sessionA+`"}`))), want: allow},
		{name: "E4/federated-arn-ignores-missing-session-policy", req: invoke(fedA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + fedA + `"}`))}, want: allow},
		{name: "E4/star-with-principalarn-ignores-boundary", req: invoke(sessionA, fnA),
			pols: with(caps, pol(grantTo(`"*"`, arnCond))), want: allow},
		{name: "E4/star-with-principalarn-ignores-session-policy", req: invoke(sessionA, fnA),
			pols: with(sess, pol(grantTo(`"*"`, arnCond))), want: allow},
		{name: "E4/star-with-principalarn-ignores-capping-option", req: invoke(sessionA, fnA),
			opts: []evaluate.Option{evaluate.WithWildcardGrant(evaluate.WildcardCapped)},
			pols: with(caps, pol(grantTo(`"*"`, arnCond))), want: allow},
		{name: "E4/star-other-condition-direct-by-default", req: orgReq,
			pols: with(sess, pol(grantTo(`"*"`, orgCond))), want: allow},
		{name: "E4/star-other-condition-capped-by-session-option", req: orgReq,
			opts: []evaluate.Option{evaluate.WithWildcardGrant(evaluate.WildcardCappedBySession)},
			pols: with(sess, pol(grantTo(`"*"`, orgCond))), want: implicit},
		{name: "E4/star-capped-by-session-option-ignores-boundary", req: orgReq,
			opts: []evaluate.Option{evaluate.WithWildcardGrant(evaluate.WildcardCappedBySession)},
			pols: with(caps, pol(grantTo(`"*"`, orgCond))), want: allow},
		{name: "E4/star-capped-option-applies-boundary", req: orgReq,
			opts: []evaluate.Option{evaluate.WithWildcardGrant(evaluate.WildcardCapped)},
			pols: with(caps, pol(grantTo(`"*"`, orgCond))), want: implicit},
		{name: "E4/account-id-needs-identity-allow", req: invoke(sessionA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + acctA + `"}`))}, want: implicit},
		{name: "E4/account-root-arn-needs-identity-allow", req: invoke(sessionA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + rootA + `"}`))}, want: implicit},
		{name: "E4/account-grant-capped-by-boundary", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(allowInvoke)}, resource: pol(grantTo(`{"AWS":"` + acctA + `"}`)), boundary: pol(allowLogs)}, want: implicit},
		{name: "E4/strongest-entry-wins", req: invoke(sessionA, fnA),
			pols: with(caps, pol(grantTo(`{"AWS":["`+acctA+`","`+roleA+`","`+sessionA+`"]}`))), want: allow},
		{name: "E4/explicit-deny-still-applies-to-direct-grant", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(denyInvoke)}, resource: pol(grantTo(`{"AWS":"` + sessionA + `"}`))}, want: deny},
		{name: "E4/wrong-partition-does-not-match", req: invoke(sessionA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"arn:aws-cn:iam::111122223333:role/dev"}`))}, want: implicit},
	})
}

func TestE5CrossAccount(t *testing.T) {
	idAllow := pol(`"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"` + fnA + `"`)
	runDecisions(t, []decisionCase{
		{name: "E5/identity-allow-alone", req: invoke(sessionB, fnA),
			pols: pols{identity: []string{idAllow}}, want: implicit},
		{name: "E5/resource-grant-alone", req: invoke(sessionB, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + sessionB + `"}`))}, want: implicit},
		{name: "E5/both-sides-account-grant", req: invoke(sessionB, fnA),
			pols: pols{identity: []string{idAllow}, resource: pol(grantTo(`{"AWS":"` + acctB + `"}`))}, want: allow},
		{name: "E5/both-sides-role-grant", req: invoke(sessionB, fnA),
			pols: pols{identity: []string{idAllow}, resource: pol(grantTo(`{"AWS":"` + roleB + `"}`))}, want: allow},
		{name: "E5/caller-boundary-still-applies", req: invoke(sessionB, fnA),
			pols: pols{identity: []string{idAllow}, resource: pol(grantTo(`{"AWS":"` + sessionB + `"}`)), boundary: pol(allowLogs)}, want: implicit},
		{name: "E5/caller-scp-still-applies", req: invoke(sessionB, fnA),
			pols: pols{identity: []string{idAllow}, resource: pol(grantTo(`"*"`)), scps: [][]string{{pol(allowLogs)}}}, want: implicit},
		{name: "E5/resource-side-deny", req: invoke(sessionB, fnA),
			pols: pols{identity: []string{idAllow}, resource: pol(grantTo(`"*"`), `"Effect":"Deny","Action":"lambda:*","Resource":"*","Principal":{"AWS":"`+acctB+`"}`)}, want: deny},
		{name: "E5/resource-account-decides-cross-account", req: evaluate.Request{Principal: sessionA, Action: "lambda:InvokeFunction", Resource: fnA, ResourceAccount: acctB},
			pols: pols{identity: []string{pol(allowInvoke)}}, want: implicit},
		{name: "E5/root-cross-account-with-account-grant", req: invoke("arn:aws:iam::444455556666:root", fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + acctB + `"}`))}, want: allow},
		{name: "E5/other-account-not-matched", req: invoke(sessionB, fnA),
			pols: pols{identity: []string{idAllow}, resource: pol(grantTo(`{"AWS":"210987654321"}`))}, want: implicit},
	})
}

func TestE6ServicePrincipals(t *testing.T) {
	svcReq := invoke(s3, fnA)
	svcReq.Context = ctx("aws:SourceAccount", acctA, "aws:SourceArn", "arn:aws:s3:::photos")
	grantS3 := pol(grantTo(`{"Service":"s3.amazonaws.com"}`, `{"StringEquals":{"aws:SourceAccount":"`+acctA+`"},"ArnLike":{"aws:SourceArn":"arn:aws:s3:::photos"}}`))
	runDecisions(t, []decisionCase{
		{name: "E6/resource-policy-names-the-service", req: svcReq, pols: pols{resource: grantS3}, want: allow},
		{name: "E6/identity-policies-play-no-part", req: svcReq,
			pols: pols{identity: []string{pol(allowAll)}}, want: implicit},
		{name: "E6/identity-denies-play-no-part", req: svcReq,
			pols: pols{identity: []string{pol(denyInvoke)}, resource: grantS3}, want: allow},
		{name: "E6/scps-play-no-part", req: svcReq,
			pols: pols{resource: grantS3, scps: [][]string{{pol(denyInvoke)}, {pol(allowLogs)}}}, want: allow},
		{name: "E6/boundary-plays-no-part", req: svcReq,
			pols: pols{resource: grantS3, boundary: pol(allowLogs)}, want: allow},
		{name: "E6/other-service-not-matched", req: svcReq,
			pols: pols{resource: pol(grantTo(`{"Service":"sns.amazonaws.com"}`))}, want: implicit},
		{name: "E6/account-principal-does-not-match-service", req: svcReq,
			pols: pols{resource: pol(grantTo(`{"AWS":"` + acctA + `"}`))}, want: implicit},
		{name: "E6/amazon-com-service-principal", req: invoke("alexa-appkit.amazon.com", fnA),
			pols: pols{resource: pol(grantTo(`{"Service":"alexa-appkit.amazon.com"}`))}, want: allow},
		{name: "E6/principal-is-aws-service-derived", req: invoke(s3, fnA),
			pols: pols{resource: pol(grantTo(`"*"`, `{"Bool":{"aws:PrincipalIsAWSService":"true"},"StringEquals":{"aws:PrincipalServiceName":"s3.amazonaws.com"}}`))}, want: allow},
		{name: "E6/resource-policy-deny-applies", req: svcReq,
			pols: pols{resource: pol(grantTo(`{"Service":"s3.amazonaws.com"}`), `"Effect":"Deny","Action":"*","Resource":"*","Principal":"*"`)}, want: deny},
	})
}

func TestE7Anonymous(t *testing.T) {
	runDecisions(t, []decisionCase{
		{name: "E7/star-grant-allows", req: invoke(anonymous, fnA),
			pols: pols{resource: pol(grantTo(`"*"`))}, want: allow},
		{name: "E7/aws-star-grant-allows", req: invoke(anonymous, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"*"}`))}, want: allow},
		{name: "E7/account-grant-does-not-match", req: invoke(anonymous, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + acctA + `"}`))}, want: implicit},
		{name: "E7/identity-policies-play-no-part", req: invoke(anonymous, fnA),
			pols: pols{identity: []string{pol(allowAll)}}, want: implicit},
		{name: "E7/scps-play-no-part", req: invoke(anonymous, fnA),
			pols: pols{resource: pol(grantTo(`"*"`)), scps: [][]string{{pol(denyInvoke)}}}, want: allow},
		{name: "E7/principal-type-derived", req: invoke(anonymous, fnA),
			pols: pols{resource: pol(grantTo(`"*"`, `{"StringEquals":{"aws:PrincipalType":"Anonymous"}}`))}, want: allow},
	})
}

func TestM4NotPrincipal(t *testing.T) {
	notPrincipal := func(list string) string {
		return pol(grantTo(`"*"`), `"Effect":"Deny","Action":"lambda:*","Resource":"*","NotPrincipal":{"AWS":`+list+`}`)
	}
	runDecisions(t, []decisionCase{
		{name: "M4/notprincipal-user-and-account-listed", req: invoke(userA, fnA),
			pols: pols{resource: notPrincipal(`["` + userA + `","` + rootA + `"]`)}, want: allow},
		{name: "M4/notprincipal-user-without-account-denies", req: invoke(userA, fnA),
			pols: pols{resource: notPrincipal(`["` + userA + `"]`)}, want: deny},
		{name: "M4/notprincipal-account-only-denies-user", req: invoke(userA, fnA),
			pols: pols{resource: notPrincipal(`["` + acctA + `"]`)}, want: deny},
		{name: "M4/notprincipal-session-needs-all-levels", req: invoke(sessionA, fnA),
			pols: pols{resource: notPrincipal(`["` + sessionA + `","` + roleA + `","` + rootA + `"]`)}, want: allow},
		{name: "M4/notprincipal-session-only-denies", req: invoke(sessionA, fnA),
			pols: pols{resource: notPrincipal(`["` + sessionA + `"]`)}, want: deny},
		{name: "M4/notprincipal-role-and-account-without-session-denies", req: invoke(sessionA, fnA),
			pols: pols{resource: notPrincipal(`["` + roleA + `","` + rootA + `"]`)}, want: deny},
		{name: "M4/notprincipal-root-listed-by-account", req: invoke(rootA, fnA),
			pols: pols{resource: notPrincipal(`["` + acctA + `"]`)}, want: allow},
		{name: "M4/notprincipal-unlisted-cross-account", req: invoke(sessionB, fnA),
			pols: pols{identity: []string{pol(allowInvoke)}, resource: notPrincipal(`["` + rootA + `"]`)}, want: deny},
		{name: "M4/notprincipal-service-listed", req: invoke(s3, fnA),
			pols: pols{resource: pol(grantTo(`"*"`), `"Effect":"Deny","Action":"lambda:*","Resource":"*","NotPrincipal":{"Service":"s3.amazonaws.com"}`)}, want: allow},
		{name: "M4/notprincipal-service-not-listed", req: invoke("sns.amazonaws.com", fnA),
			pols: pols{resource: pol(grantTo(`"*"`), `"Effect":"Deny","Action":"lambda:*","Resource":"*","NotPrincipal":{"Service":"s3.amazonaws.com"}`)}, want: deny},
		{name: "M4/role-path-ignored-for-sessions", req: invoke(sessionA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"arn:aws:iam::111122223333:role/team/ci/dev"}`))}, want: allow},
		{name: "M4/user-name-case-sensitive", req: invoke(userA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"arn:aws:iam::111122223333:user/Priya"}`))}, want: implicit},
	})
}

func TestM3WildcardOnlyActions(t *testing.T) {
	list := evaluate.Request{Principal: userA, Action: "lambda:ListFunctions", Resource: "*", ResourceAccount: acctA}
	listARN := list
	listARN.Resource = "arn:aws:lambda:us-east-1:111122223333:function:*"
	runDecisions(t, []decisionCase{
		{name: "M3/wildcard-only-needs-literal-star", req: list,
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:List*","Resource":"arn:aws:lambda:*:*:*"`)}}, want: implicit},
		{name: "M3/wildcard-only-granted-by-star", req: list,
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:List*","Resource":["arn:aws:lambda:*:*:*","*"]`)}}, want: allow},
		{name: "M3/wildcard-only-ignores-request-arn", req: listARN,
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:List*","Resource":"arn:aws:lambda:*"`)}}, want: implicit},
		{name: "M3/wildcard-only-notresource-applies", req: list,
			pols: pols{identity: []string{pol(allowLambda, `"Effect":"Deny","Action":"lambda:*","NotResource":"arn:aws:lambda:*:*:function:sandbox-*"`)}}, want: deny},
		{name: "M3/wildcard-only-table-override", req: listARN,
			opts: []evaluate.Option{evaluate.WithWildcardOnlyActions(func(string) bool { return false })},
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:List*","Resource":"arn:aws:lambda:*"`)}}, want: allow},
		{name: "M3/other-service-star-resource-needs-star", req: evaluate.Request{Principal: userA, Action: "xray:PutTraceSegments", Resource: "*"},
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"xray:*","Resource":"arn:aws:xray:*"`)}}, want: implicit},
		{name: "M3/other-service-arn-matches-normally", req: evaluate.Request{Principal: userA, Action: "logs:PutLogEvents", Resource: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/x:log-stream:s"},
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"logs:*","Resource":"arn:aws:logs:*:*:log-group:/aws/lambda/*"`)}}, want: allow},
	})
}

func TestGCornerCases(t *testing.T) {
	boundary := pol(allowLogs)
	reqWith := func(p string, kv ...string) evaluate.Request {
		r := invoke(p, fnA)
		r.Context = ctx(kv...)
		return r
	}
	runDecisions(t, []decisionCase{
		{name: "G.5/account-principal-same-account-needs-identity", req: invoke(userA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + acctA + `"}`))}, want: implicit},
		{name: "G.5/account-principal-same-account-with-identity", req: invoke(userA, fnA),
			pols: pols{identity: []string{pol(allowInvoke)}, resource: pol(grantTo(`{"AWS":"` + acctA + `"}`))}, want: allow},
		{name: "G.6/role-grant-capped", req: invoke(sessionA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + roleA + `"}`)), boundary: boundary}, want: implicit},
		{name: "G.6/session-grant-not-capped", req: invoke(sessionA, fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"` + sessionA + `"}`)), boundary: boundary, session: boundary}, want: allow},
		{name: "G.7/org-id-grant-not-capped", req: reqWith(sessionA, "aws:PrincipalOrgID", "o-a1b2c3d4e5"),
			pols: pols{resource: pol(grantTo(`"*"`, `{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`)), boundary: boundary, session: boundary}, want: allow},
		{name: "G.7/org-id-grant-explicit-deny", req: reqWith(sessionA, "aws:PrincipalOrgID", "o-a1b2c3d4e5"),
			pols: pols{resource: pol(grantTo(`"*"`, `{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`)), boundary: pol(allowAll, denyInvoke)}, want: deny},
		{name: "G.8/cross-account-resource-alone", req: invoke(sessionB, fnA),
			pols: pols{resource: pol(grantTo(`"*"`))}, want: implicit},
		{name: "G.9/service-without-source-arn-any-bucket", req: reqWith(s3, "aws:SourceArn", "arn:aws:s3:::attacker", "aws:SourceAccount", "210987654321"),
			pols: pols{resource: pol(grantTo(`{"Service":"s3.amazonaws.com"}`))}, want: allow},
		{name: "G.22/notprincipal-deny-with-boundary-always-matches", req: invoke(userA, fnA),
			pols: pols{identity: []string{pol(allowInvoke)}, boundary: pol(allowLambda),
				resource: pol(`"Effect":"Deny","Action":"lambda:*","Resource":"*","NotPrincipal":{"AWS":["` + userA + `","` + rootA + `"]}`)}, want: deny},
		{name: "G.22/notprincipal-deny-without-boundary-spares-listed", req: invoke(userA, fnA),
			pols: pols{identity: []string{pol(allowInvoke)},
				resource: pol(`"Effect":"Deny","Action":"lambda:*","Resource":"*","NotPrincipal":{"AWS":["` + userA + `","` + rootA + `"]}`)}, want: allow},
		{name: "G.28/principalarn-of-session-is-role-arn", req: invoke("arn:aws:sts::111122223333:assumed-role/ci-deploy/build-1", fnA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/ci-*"}}`)}}, want: allow},
		{name: "G.28/principalarn-never-the-session-arn", req: invoke("arn:aws:sts::111122223333:assumed-role/ci-deploy/build-1", fnA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:sts::*"}}`)}}, want: implicit},
		{name: "G.28/caller-principalarn-with-path-wins", req: reqWith("arn:aws:sts::111122223333:assumed-role/ci-deploy/build-1", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/service/ci-deploy"),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/service/ci-*"}}`)}}, want: allow},
		{name: "G.28/role-principal-with-path-matches-session", req: invoke("arn:aws:sts::111122223333:assumed-role/ci-deploy/build-1", fnA),
			pols: pols{resource: pol(grantTo(`{"AWS":"arn:aws:iam::111122223333:role/service/ci-deploy"}`))}, want: allow},
		{name: "G.29/scp-not-for-service-principal", req: invoke(s3, fnA),
			pols: pols{resource: pol(grantTo(`{"Service":"s3.amazonaws.com"}`)), scps: [][]string{{pol(denyInvoke)}}}, want: allow},
		{name: "G.29/scp-applies-to-service-linked-role-by-default", req: invoke("arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForLambdaReplicator/s", fnA),
			pols: pols{identity: []string{pol(allowLambda)}, scps: [][]string{{pol(allowAll, denyInvoke)}}}, want: deny},
		{name: "G.29/scp-skips-service-linked-role-with-option", req: invoke("arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForLambdaReplicator/s", fnA),
			opts: []evaluate.Option{evaluate.WithServiceLinkedRoleExemption()},
			pols: pols{identity: []string{pol(allowLambda)}, scps: [][]string{{pol(allowAll, denyInvoke)}}}, want: allow},
		{name: "G.29/scp-skips-service-linked-role-path", req: invoke("arn:aws:iam::111122223333:role/aws-service-role/replicator.lambda.amazonaws.com/Replicator", fnA),
			opts: []evaluate.Option{evaluate.WithServiceLinkedRoleExemption()},
			pols: pols{identity: []string{pol(allowLambda)}, scps: [][]string{{pol(allowLogs)}}}, want: allow},
		{name: "G.29/scp-skips-management-account", req: invoke(sessionA, fnA),
			opts: []evaluate.Option{evaluate.WithManagementAccount(acctA)},
			pols: pols{identity: []string{pol(allowLambda)}, scps: [][]string{{pol(allowAll, denyInvoke)}}}, want: allow},
		{name: "G.29/scp-applies-to-member-account", req: invoke(sessionA, fnA),
			opts: []evaluate.Option{evaluate.WithManagementAccount(acctB)},
			pols: pols{identity: []string{pol(allowLambda)}, scps: [][]string{{pol(allowAll, denyInvoke)}}}, want: deny},
		{name: "G.29/rcp-skips-management-account-resource", req: evaluate.Request{Principal: sessionA, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: acctA},
			opts: []evaluate.Option{evaluate.WithManagementAccount(acctA)},
			pols: pols{identity: []string{pol(allowAll)}, rcps: [][]string{{pol(`"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"`)}}}, want: allow},
		{name: "G.30/federated-without-session-policy", req: invoke(fedA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}}, want: implicit},
		{name: "G.30/federated-with-session-policy", req: invoke(fedA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, session: pol(allowInvoke)}, want: allow},
		{name: "G.30/federated-named-directly", req: invoke(fedA, fnA),
			pols: pols{identity: []string{pol(allowLambda)}, resource: pol(grantTo(`{"AWS":"` + fedA + `"}`))}, want: allow},
		{name: "G.35/same-account-assume-needs-trust", req: evaluate.Request{Principal: sessionA, Action: "sts:AssumeRole", Resource: targetRole},
			pols: pols{identity: []string{pol(allowAll)}}, want: implicit},
		{name: "G.35/root-cannot-assume-role", req: evaluate.Request{Principal: rootA, Action: "sts:AssumeRole", Resource: targetRole},
			pols: pols{trust: pol(`"Effect":"Allow","Principal":{"AWS":"` + rootA + `"},"Action":"sts:AssumeRole"`)}, want: implicit},
		{name: "G.35/root-cannot-assume-role-with-saml", req: evaluate.Request{Principal: rootA, Action: "sts:AssumeRoleWithSAML", Resource: targetRole},
			pols: pols{trust: pol(`"Effect":"Allow","Principal":"*","Action":"sts:AssumeRoleWithSAML"`)}, want: implicit},
	})
}

func TestD6DerivedKeys(t *testing.T) {
	cond := func(op, key, value string) string {
		return pol(`"Effect":"Allow","Action":"lambda:*","Resource":"*","Condition":{"` + op + `":{"` + key + `":"` + value + `"}}`)
	}
	withCtx := func(r evaluate.Request, kv ...string) evaluate.Request { r.Context = ctx(kv...); return r }
	runDecisions(t, []decisionCase{
		{name: "D6/username-of-user", req: invoke(userA, fnA), pols: pols{identity: []string{cond("StringEquals", "aws:username", "priya")}}, want: allow},
		{name: "D6/username-absent-for-session", req: invoke(sessionA, fnA), pols: pols{identity: []string{cond("Null", "aws:username", "true")}}, want: allow},
		{name: "D6/principal-account", req: invoke(sessionA, fnA), pols: pols{identity: []string{cond("StringEquals", "aws:PrincipalAccount", acctA)}}, want: allow},
		{name: "D6/principal-type-user", req: invoke(userA, fnA), pols: pols{identity: []string{cond("StringEquals", "aws:PrincipalType", "User")}}, want: allow},
		{name: "D6/principal-type-assumed-role", req: invoke(sessionA, fnA), pols: pols{identity: []string{cond("StringEquals", "aws:PrincipalType", "AssumedRole")}}, want: allow},
		{name: "D6/principal-type-federated", req: invoke(fedA, fnA), pols: pols{identity: []string{cond("StringEquals", "aws:PrincipalType", "FederatedUser")}, session: pol(allowAll)}, want: allow},
		{name: "D6/principal-type-root", req: invoke(rootA, fnA), pols: pols{resource: pol(`"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalType":"Account"}}`)}, want: deny},
		{name: "D6/userid-federated", req: invoke(fedA, fnA), pols: pols{identity: []string{cond("StringEquals", "aws:userid", acctA+":ana")}, session: pol(allowAll)}, want: allow},
		{name: "D6/userid-root", req: invoke(rootA, fnA), pols: pols{resource: pol(`"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:userid":"` + acctA + `"}}`)}, want: deny},
		{name: "D6/userid-of-session-not-derived", req: invoke(sessionA, fnA), pols: pols{identity: []string{cond("Null", "aws:userid", "true")}}, want: allow},
		{name: "D6/principal-arn-of-user", req: invoke(userA, fnA), pols: pols{identity: []string{cond("ArnEquals", "aws:PrincipalArn", userA)}}, want: allow},
		{name: "D6/principal-arn-of-session-is-role", req: invoke(sessionA, fnA), pols: pols{identity: []string{cond("ArnEquals", "aws:PrincipalArn", roleA)}}, want: allow},
		{name: "D6/principal-arn-in-variable", req: withCtx(invoke(sessionA, fnA), "aws:ResourceTag/owner", roleA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/owner":"${aws:PrincipalArn}"}}`)}},
			want: allow},
		{name: "D6/caller-context-wins", req: withCtx(invoke(userA, fnA), "aws:username", "someone-else"),
			pols: pols{identity: []string{cond("StringEquals", "aws:username", "priya")}}, want: implicit},
		{name: "D6/is-aws-service-false-for-iam", req: invoke(userA, fnA), pols: pols{identity: []string{cond("Bool", "aws:PrincipalIsAWSService", "false")}}, want: allow},
		{name: "D6/username-variable-in-resource", req: invoke(userA, "arn:aws:lambda:us-east-1:111122223333:function:priya-scratch"),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:*","Resource":"arn:aws:lambda:us-east-1:111122223333:function:${aws:username}-*"`)}}, want: allow},
	})
}

func TestD2D3ResourceVariables(t *testing.T) {
	runDecisions(t, []decisionCase{
		{name: "D2/variable-before-fifth-colon-is-literal", req: evaluate.Request{Principal: userA, Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/x"},
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::${aws:PrincipalAccount}:role/*"`)}}, want: implicit},
		{name: "D3/unresolved-resource-variable-matches-nothing", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:*","Resource":"arn:aws:lambda:us-east-1:111122223333:function:${aws:username}"`)}}, want: implicit},
		{name: "D3/unresolved-notresource-covers-everything", req: invoke(sessionA, fnA),
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:*","NotResource":"arn:aws:lambda:us-east-1:111122223333:function:${aws:username}"`)}}, want: allow},
		{name: "D3/unresolved-notresource-drops-statement-option", req: invoke(sessionA, fnA),
			opts: []evaluate.Option{evaluate.WithUnresolvedNotResource(evaluate.UnresolvedDropsStatement)},
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:*","NotResource":"arn:aws:lambda:us-east-1:111122223333:function:${aws:username}"`)}}, want: implicit},
		{name: "D2/substituted-value-is-literal", req: evaluate.Request{Principal: userA, Action: "lambda:InvokeFunction", Resource: "arn:aws:lambda:us-east-1:111122223333:function:abc", Context: ctx("aws:PrincipalTag/fn", "*")},
			pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"lambda:*","Resource":"arn:aws:lambda:us-east-1:111122223333:function:${aws:PrincipalTag/fn}"`)}}, want: implicit},
		{name: "D1/legacy-version-keeps-variable-literal", req: invoke(userA, "arn:aws:lambda:us-east-1:111122223333:function:priya"),
			pols: pols{identity: []string{`{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"lambda:*","Resource":"arn:aws:lambda:us-east-1:111122223333:function:${aws:username}"}]}`}}, want: implicit},
	})
}

// TestF8ExecutionRole: the execution role's trust policy lets the Lambda
// service assume the role, and no one else; a function that assumes its
// own role must be named in the trust policy.
func TestF8ExecutionRole(t *testing.T) {
	const execRole = "arn:aws:iam::111122223333:role/orders-exec"
	trust := pol(`"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"`)
	assume := func(principal string) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: "sts:AssumeRole", Resource: execRole}
	}
	ownSession := "arn:aws:sts::111122223333:assumed-role/orders-exec/orders"
	idAssumeOwn := pol(`"Effect":"Allow","Action":"sts:AssumeRole","Resource":"` + execRole + `"`)
	runDecisions(t, []decisionCase{
		{name: "F8/lambda-service-assumes-the-role", req: assume("lambda.amazonaws.com"),
			pols: pols{trust: trust}, want: allow},
		{name: "F8/edge-service-needs-its-own-trust", req: assume("edgelambda.amazonaws.com"),
			pols: pols{trust: trust}, want: implicit},
		{name: "F8/function-assuming-its-own-role-is-not-trusted", req: assume(ownSession),
			pols: pols{identity: []string{idAssumeOwn}, trust: trust}, want: implicit},
		{name: "F8/function-assuming-its-own-role-when-listed", req: assume(ownSession),
			pols: pols{identity: []string{idAssumeOwn}, trust: pol(`"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com","AWS":"` + execRole + `"},"Action":"sts:AssumeRole"`)},
			want: allow},
	})
}

// TestF10BoundaryPattern: an application's boundary allows its own
// resources and the actions without resource-level scoping; the role's
// rights are the intersection of its identity policy and the boundary.
func TestF10BoundaryPattern(t *testing.T) {
	const (
		appFn   = "arn:aws:lambda:us-east-1:111122223333:function:my-app-getAllItemsFunction-1A2B"
		otherFn = "arn:aws:lambda:us-east-1:111122223333:function:billing"
		role    = "arn:aws:sts::111122223333:assumed-role/my-app-role/fn"
	)
	boundary := pol(
		`"Effect":"Allow","Action":"*","Resource":"arn:aws:lambda:us-east-1:111122223333:function:my-app-getAllItemsFunction-*"`,
		`"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:DescribeLogGroups","logs:PutLogEvents","xray:Put*"],"Resource":"*"`)
	identity := pol(`"Effect":"Allow","Action":["lambda:*","logs:*","xray:*"],"Resource":"*"`)
	logs := evaluate.Request{Principal: role, Action: "logs:PutLogEvents", Resource: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/x:log-stream:y"}
	runDecisions(t, []decisionCase{
		{name: "F10/own-function-allowed", req: invoke(role, appFn),
			pols: pols{identity: []string{identity}, boundary: boundary}, want: allow},
		{name: "F10/other-function-outside-the-boundary", req: invoke(role, otherFn),
			pols: pols{identity: []string{identity}, boundary: boundary}, want: implicit},
		{name: "F10/unscoped-logs-action-allowed", req: logs,
			pols: pols{identity: []string{identity}, boundary: boundary}, want: allow},
		{name: "F10/boundary-alone-grants-nothing", req: invoke(role, appFn),
			pols: pols{boundary: boundary}, want: implicit},
	})
}
