package evaluate

import "github.com/lambdaiam/lambdaiam/condition"

// Lower-cased names of the keys derived from the principal (rule D6).
const (
	keyPrincipalArn         = "aws:principalarn"
	keyPrincipalAccount     = "aws:principalaccount"
	keyPrincipalType        = "aws:principaltype"
	keyUsername             = "aws:username"
	keyUserID               = "aws:userid"
	keyPrincipalIsAWSSvc    = "aws:principalisawsservice"
	keyPrincipalServiceName = "aws:principalservicename"
)

// derive adds the principal-derived keys to env as defaults: the
// request's Context, when it has a key, wins. See the package
// documentation for the list. It allocates only to build a role session's
// aws:PrincipalArn and a federated user's aws:userid, and only when some
// policy of the set reads them.
func (s *Set) derive(env *condition.Env, p *principal) {
	switch p.kind {
	case kindService:
		env.AddDefault(keyPrincipalIsAWSSvc, "true")
		env.AddDefault(keyPrincipalServiceName, p.name)
		return
	case kindAnonymous:
		env.AddDefault(keyPrincipalType, "Anonymous")
		env.AddDefault(keyUserID, "anonymous")
		return
	}
	env.AddDefault(keyPrincipalAccount, p.account)
	env.AddDefault(keyPrincipalIsAWSSvc, "false")
	switch p.kind {
	case kindRoot:
		env.AddDefault(keyPrincipalArn, p.raw)
		env.AddDefault(keyPrincipalType, "Account")
		env.AddDefault(keyUserID, p.account)
	case kindUser:
		env.AddDefault(keyPrincipalArn, p.raw)
		env.AddDefault(keyPrincipalType, "User")
		env.AddDefault(keyUsername, p.name)
	case kindRole:
		env.AddDefault(keyPrincipalArn, p.raw)
		env.AddDefault(keyPrincipalType, "AssumedRole")
	case kindSession:
		if s.needPrincipalArn && !hasKey(env, keyPrincipalArn) {
			// The session ARN does not carry the role's path, so the
			// derived role ARN has none; callers whose roles have paths
			// pass aws:PrincipalArn in the context.
			env.AddDefault(keyPrincipalArn, "arn:"+p.partition+":iam::"+p.account+":role/"+p.name)
		}
		env.AddDefault(keyPrincipalType, "AssumedRole")
	case kindFederated:
		env.AddDefault(keyPrincipalArn, p.raw)
		env.AddDefault(keyPrincipalType, "FederatedUser")
		if s.needUserID && !hasKey(env, keyUserID) {
			env.AddDefault(keyUserID, p.account+":"+p.name)
		}
	}
}

// hasKey reports whether the request context itself holds lkey.
func hasKey(env *condition.Env, lkey string) bool {
	_, ok := env.Ctx.Values(lkey)
	return ok
}
