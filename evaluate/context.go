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

// derivedKeys is a set of the derived keys, a bit per index into
// derivedKeyNames.
type derivedKeys uint8

// derivedKeyNames are the keys derive may add, by bit.
var derivedKeyNames = [...]string{
	keyPrincipalArn, keyPrincipalAccount, keyPrincipalType, keyUsername,
	keyUserID, keyPrincipalIsAWSSvc, keyPrincipalServiceName,
}

const (
	needPrincipalArn derivedKeys = 1 << iota
	needPrincipalAccount
	needPrincipalType
	needUsername
	needUserID
	needPrincipalIsAWSSvc
	needPrincipalServiceName
)

// derive adds the principal-derived keys to env as defaults: the
// request's Context, when it has a key, wins. See the package
// documentation for the list. Only the keys some policy of the set reads
// (as a condition key or in a policy variable) are added: the others
// could change no answer. It allocates only to build a role session's
// aws:PrincipalArn and a federated user's aws:userid.
func (s *Set) derive(env *condition.Env, p *principal) {
	need := s.need
	if need == 0 {
		return
	}
	add := func(k derivedKeys, key, value string) {
		if need&k != 0 {
			env.AddDefault(key, value)
		}
	}
	switch p.kind {
	case kindService:
		add(needPrincipalIsAWSSvc, keyPrincipalIsAWSSvc, "true")
		add(needPrincipalServiceName, keyPrincipalServiceName, p.name)
		return
	case kindAnonymous:
		add(needPrincipalType, keyPrincipalType, "Anonymous")
		add(needUserID, keyUserID, "anonymous")
		return
	}
	add(needPrincipalAccount, keyPrincipalAccount, p.account)
	add(needPrincipalIsAWSSvc, keyPrincipalIsAWSSvc, "false")
	switch p.kind {
	case kindRoot:
		add(needPrincipalArn, keyPrincipalArn, p.raw)
		add(needPrincipalType, keyPrincipalType, "Account")
		add(needUserID, keyUserID, p.account)
	case kindUser:
		add(needPrincipalArn, keyPrincipalArn, p.raw)
		add(needPrincipalType, keyPrincipalType, "User")
		add(needUsername, keyUsername, p.name)
	case kindRole:
		add(needPrincipalArn, keyPrincipalArn, p.raw)
		add(needPrincipalType, keyPrincipalType, "AssumedRole")
	case kindSession:
		if need&needPrincipalArn != 0 && !hasKey(env, keyPrincipalArn) {
			// The session ARN does not carry the role's path, so the
			// derived role ARN has none; callers whose roles have paths
			// pass aws:PrincipalArn in the context.
			env.AddDefault(keyPrincipalArn, "arn:"+p.partition+":iam::"+p.account+":role/"+p.name)
		}
		add(needPrincipalType, keyPrincipalType, "AssumedRole")
	case kindFederated:
		add(needPrincipalArn, keyPrincipalArn, p.raw)
		add(needPrincipalType, keyPrincipalType, "FederatedUser")
		if need&needUserID != 0 && !hasKey(env, keyUserID) {
			env.AddDefault(keyUserID, p.account+":"+p.name)
		}
	}
}

// hasKey reports whether the request context itself holds lkey.
func hasKey(env *condition.Env, lkey string) bool {
	_, ok := env.Ctx.Values(lkey)
	return ok
}
