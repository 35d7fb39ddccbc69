package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/policy"
)

// sourceKeys are the keys (lower case) that tie a service principal's
// request to one source resource, account or organization (F6), or to an
// event source token.
var sourceKeys = []string{
	"aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths", "lambda:eventsourcetoken",
}

// isSourceKey reports whether key (any case) is one of sourceKeys.
func isSourceKey(key string) bool {
	return slices.ContainsFunc(sourceKeys, func(k string) bool { return strings.EqualFold(k, key) })
}

// hasSourceCondition reports whether a condition of st tests a source key.
func hasSourceCondition(st *policy.Statement) bool {
	return slices.ContainsFunc(st.Conditions, func(c policy.Condition) bool { return isSourceKey(c.Key) })
}

func (l *linter) checkPrincipals(st *policy.Statement, sa *stmtActions) {
	if np := st.NotPrincipal; np != nil && st.Effect == policy.Deny {
		l.add(l.elemAt(st, "NotPrincipal", np.Pos), CodeNotPrincipal, notPrincipalProblem(np),
			`use "Principal": "*" with "ArnNotEquals": {"aws:PrincipalArn": [...]} for the exceptions`)
	}
	p := st.Principal
	if l.doc.Kind != policy.KindResource || st.Effect != policy.Allow || p == nil {
		return
	}
	if len(p.Service) > 0 && !hasSourceCondition(st) && !l.sourceGuarded(p.Service[0]) {
		l.add(l.entryAt(st, "Principal/Service", 0, p.Pos), CodeConfusedDeputy,
			fmt.Sprintf("%s may call on behalf of any account's resources: without aws:SourceArn or aws:SourceAccount this is a confused-deputy risk (F6, G.9)", p.Service[0]),
			`add "ArnLike": {"aws:SourceArn": "<source ARN>"} and "StringEquals": {"aws:SourceAccount": "<account>"}`)
	}
	if p.Wildcard && len(st.Conditions) == 0 && touchesFunctions(sa) {
		l.add(l.elemAt(st, "Principal", p.Pos), CodePublicFunction,
			`Principal "*" with no condition lets anyone, in any account or none, call the function`,
			"name the accounts or roles in Principal, or add a condition such as aws:PrincipalOrgID or lambda:FunctionUrlAuthType")
	}
}

// sourceGuarded reports whether a Deny statement of the document applies
// to the service principal svc unless a source key has an expected value:
// a negated operator on a source key, which is also true when the key is
// absent, as in "Deny unless aws:SourceArn is one of ours".
func (l *linter) sourceGuarded(svc string) bool {
	if l.work--; l.work < 0 {
		return true // out of budget: say nothing
	}
	l.work -= len(l.doc.Statements)
	for i := range l.doc.Statements {
		st := &l.doc.Statements[i]
		p := st.Principal
		if st.Effect != policy.Deny || p == nil || !(p.Wildcard || slices.Contains(p.Service, svc)) {
			continue
		}
		for _, c := range st.Conditions {
			if c.Operator.Base.Negated() && c.Operator.Set == condition.Single && isSourceKey(c.Key) {
				return true
			}
		}
	}
	return false
}

// touchesFunctions reports whether the statement's actions act on Lambda
// functions (or may: NotAction, "*").
func touchesFunctions(sa *stmtActions) bool {
	if sa.open() {
		return true
	}
	for _, a := range sa.known {
		if !strings.EqualFold(a.Service, "lambda") {
			continue
		}
		for _, r := range a.ResourceTypes {
			if r.Name == "function" || r.Name == "function alias" || r.Name == "function version" {
				return true
			}
		}
	}
	return false
}

// notPrincipalProblem says what is wrong with a NotPrincipal in a Deny
// statement (M4): a listed user, role or session whose account (or, for a
// session, role) is missing is denied after all, and a principal with a
// permissions boundary is denied whatever the list says.
func notPrincipalProblem(np *policy.Principal) string {
	if np.Wildcard {
		return `NotPrincipal "*" excludes everyone, so the Deny applies to no principal`
	}
	accounts := map[string]bool{}
	roles := map[string]bool{} // "partition:account:rolename"
	for _, e := range np.AWS {
		if arn.IsAccountID(e) {
			accounts[e] = true
			continue
		}
		parts := split6(e)
		if len(parts) != 6 {
			continue
		}
		if parts[2] == "iam" && parts[5] == "root" {
			accounts[parts[4]] = true
		}
		if parts[2] == "iam" && strings.HasPrefix(parts[5], "role/") {
			name := parts[5][strings.LastIndexByte(parts[5], '/')+1:]
			roles[parts[1]+":"+parts[4]+":"+name] = true
		}
	}
	for _, e := range np.AWS {
		parts := split6(e)
		if len(parts) != 6 || (parts[2] != "iam" && parts[2] != "sts") || parts[5] == "root" {
			continue
		}
		acct := parts[4]
		if !accounts[acct] {
			return fmt.Sprintf("NotPrincipal lists %s but not its account %s; AWS also checks the account, so the Deny applies to it after all (M4)", e, acct)
		}
		if rest, ok := strings.CutPrefix(parts[5], "assumed-role/"); ok && parts[2] == "sts" {
			role, _, _ := strings.Cut(rest, "/")
			if !roles[parts[1]+":"+acct+":"+role] {
				return fmt.Sprintf("NotPrincipal lists the session %s but not its role %s; AWS also checks the role, so the Deny applies to the session after all (M4)", e, role)
			}
		}
	}
	return "a Deny with NotPrincipal also applies to every principal that has a permissions boundary, even one it lists (M4, G.22)"
}
