package evaluate

import (
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
)

// principalKind classifies the caller of a request.
type principalKind uint8

const (
	kindInvalid   principalKind = iota
	kindAnonymous               // "anonymous"
	kindService                 // s3.amazonaws.com, alexa-appkit.amazon.com
	kindRoot                    // arn:aws:iam::A:root
	kindUser                    // arn:aws:iam::A:user/PATH/NAME
	kindRole                    // arn:aws:iam::A:role/PATH/NAME (a session of the role)
	kindSession                 // arn:aws:sts::A:assumed-role/ROLE/SESSION
	kindFederated               // arn:aws:sts::A:federated-user/NAME
)

// principal is a parsed request principal. Every string is a substring of
// the request's principal: parsing allocates nothing.
type principal struct {
	kind      principalKind
	raw       string
	partition string
	account   string
	name      string // user, role or federated-user name; service name
	path      string // the path without its leading "/": "" or "division/" for users and roles
	session   string // role-session name
}

// iam reports whether the principal is an IAM identity of an account: the
// root user, a user, a role or a session. Only these have an identity side
// (identity policies, boundaries, session policies, SCPs).
func (p *principal) iam() bool { return p.kind >= kindRoot }

// sessionLike reports whether session policies apply to the principal.
func (p *principal) sessionLike() bool {
	return p.kind == kindRole || p.kind == kindSession || p.kind == kindFederated
}

// serviceSuffixes are the endings that mark a service principal name.
var serviceSuffixes = [...]string{
	".amazonaws.com",
	".amazonaws.com.cn",
	".amazon.com",
	".c2s.ic.gov",
	".sc2s.sgov.gov",
}

// isServicePrincipal reports whether s names an AWS service principal: a
// host-like name without ':' that ends in one of serviceSuffixes.
func isServicePrincipal(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':', ' ', '/', '*', '?':
			return false
		}
	}
	for _, suf := range serviceSuffixes {
		if len(s) > len(suf) && strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// lambdaAccount returns the account of a Lambda ARN in the aws partition,
// "arn:aws:lambda:REGION:ACCOUNT:...", read with one search (for the end
// of the region) instead of arn.Split's four: the resource of almost every
// request this package sees. ok is false for any other shape, which
// arn.Split then reads; where ok is true, the account is arn.Split's.
func lambdaAccount(s string) (account string, ok bool) {
	const prefix = "arn:aws:lambda:"
	if len(s) < len(prefix) || s[:len(prefix)] != prefix {
		return "", false
	}
	r := strings.IndexByte(s[len(prefix):], ':')
	if r < 0 {
		return "", false
	}
	a := len(prefix) + r + 1 // the account's start
	if len(s) <= a+12 || s[a+12] != ':' || !arn.IsAccountID(s[a:a+12]) {
		return "", false
	}
	return s[a : a+12], true
}

// splitPathName splits "PATH/NAME" (after "user/" or "role/") into the path
// without its leading "/" ("" when there is none, else "a/b/") and the
// name.
func splitPathName(s string) (path, name string) {
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		return "", s
	}
	return s[:i+1], s[i+1:]
}

// parsePrincipal classifies a request principal. It allocates nothing; the
// error (allocated) is returned only for principals that cannot be
// evaluated.
func parsePrincipal(s string) (principal, error) {
	var p principal
	err := p.parse(s)
	return p, err
}

// parse is parsePrincipal into p, which must be zero.
func (p *principal) parse(s string) error {
	p.raw = s
	switch {
	case s == "":
		return requestError(CodeInvalidPrincipal, "principal", s, "the request has no principal")
	case s == "anonymous":
		p.kind = kindAnonymous
		return nil
	case !strings.HasPrefix(s, "arn:") && isServicePrincipal(s):
		p.kind, p.name = kindService, s
		return nil
	}
	var part, svc, region, acct, res string
	ok := false
	if len(s) > 26 && s[:8] == "arn:aws:" && s[11:13] == "::" && s[25] == ':' && (s[8:11] == "iam" || s[8:11] == "sts") {
		// The commonest shape, at fixed offsets: arn:aws:iam::ACCOUNT:...
		part, svc, acct, res, ok = "aws", s[8:11], s[13:25], s[26:], true
	} else {
		part, svc, region, acct, res, ok = arn.Split(s)
	}
	if !ok || part == "" || region != "" || !arn.IsAccountID(acct) {
		return requestError(CodeInvalidPrincipal, "principal", s, "the principal is not a user, role, session, federated-user or root ARN, a service principal or \"anonymous\"")
	}
	p.partition, p.account = part, acct
	switch svc {
	case "iam":
		switch {
		case res == "root":
			p.kind = kindRoot
			return nil
		case strings.HasPrefix(res, "user/"):
			p.kind = kindUser
			p.path, p.name = splitPathName(res[len("user/"):])
		case strings.HasPrefix(res, "role/"):
			p.kind = kindRole
			p.path, p.name = splitPathName(res[len("role/"):])
		}
		if p.kind != kindInvalid && p.name != "" {
			return nil
		}
	case "sts":
		if rest, ok := strings.CutPrefix(res, "assumed-role/"); ok {
			role, sess, found := strings.Cut(rest, "/")
			if found && role != "" && sess != "" && !strings.Contains(sess, "/") {
				p.kind, p.name, p.session = kindSession, role, sess
				return nil
			}
		} else if name, ok := strings.CutPrefix(res, "federated-user/"); ok && name != "" && !strings.Contains(name, "/") {
			p.kind, p.name = kindFederated, name
			return nil
		}
	}
	p.kind = kindInvalid
	return requestError(CodeInvalidPrincipal, "principal", s, "the principal is not a user, role, session, federated-user or root ARN, a service principal or \"anonymous\"")
}

// isServiceLinked reports whether the principal is a service-linked role or
// one of its sessions: a role whose path starts with /aws-service-role/, or
// whose name starts with AWSServiceRoleFor (session ARNs omit the path).
func (p *principal) isServiceLinked() bool {
	if p.kind != kindRole && p.kind != kindSession {
		return false
	}
	return strings.HasPrefix(p.path, "aws-service-role/") || strings.HasPrefix(p.name, "AWSServiceRoleFor")
}

// grant is how a resource-policy statement matched the principal (rule E4).
// Larger values grant more: a request that one statement grants at some
// level is granted at the largest level any statement reaches.
type grant uint8

const (
	grantNone    grant = iota
	grantAccount       // account ID or root ARN: delegates to identity policies
	grantRole          // role ARN: capped by the boundary and the session policy
	grantSession       // "*" under WithWildcardGrant(WildcardCappedBySession): capped by the session policy
	grantDirect        // user, session, federated user, service, "*": no caps
)

// rolePrincipal is a role named in a Principal element.
type rolePrincipal struct{ partition, account, name string }

// sessionPrincipal is an assumed-role session named in a Principal element.
type sessionPrincipal struct{ partition, account, role, session string }

// principalMatcher is a compiled Principal or NotPrincipal element.
type principalMatcher struct {
	wildcard  bool
	accounts  []rolePrincipal // name unused; partition "" matches any
	users     []rolePrincipal
	roles     []rolePrincipal
	sessions  []sessionPrincipal
	federated []rolePrincipal
	services  []string
}

// addAWS compiles one value of the "AWS" key. Values that name nothing the
// evaluator can recognise (unique IDs, malformed ARNs, other services'
// ARNs) are kept out: they never match.
func (m *principalMatcher) addAWS(v string) {
	if v == "*" {
		m.wildcard = true
		return
	}
	if arn.IsAccountID(v) {
		m.accounts = append(m.accounts, rolePrincipal{account: v})
		return
	}
	part, svc, region, acct, res, ok := arn.Split(v)
	if !ok || part == "" || region != "" || !arn.IsAccountID(acct) {
		return
	}
	switch svc {
	case "iam":
		switch {
		case res == "root":
			m.accounts = append(m.accounts, rolePrincipal{partition: part, account: acct})
		case strings.HasPrefix(res, "user/"):
			_, name := splitPathName(res[len("user/"):])
			if name != "" {
				m.users = append(m.users, rolePrincipal{part, acct, name})
			}
		case strings.HasPrefix(res, "role/"):
			_, name := splitPathName(res[len("role/"):])
			if name != "" {
				m.roles = append(m.roles, rolePrincipal{part, acct, name})
			}
		}
	case "sts":
		if rest, ok := strings.CutPrefix(res, "assumed-role/"); ok {
			role, sess, found := strings.Cut(rest, "/")
			if found && role != "" && sess != "" {
				m.sessions = append(m.sessions, sessionPrincipal{part, acct, role, sess})
			}
		} else if name, ok := strings.CutPrefix(res, "federated-user/"); ok && name != "" {
			m.federated = append(m.federated, rolePrincipal{part, acct, name})
		}
	}
}

func (m *principalMatcher) matchAccount(p *principal) bool {
	for i := range m.accounts {
		a := &m.accounts[i]
		if a.account == p.account && (a.partition == "" || a.partition == p.partition) {
			return true
		}
	}
	return false
}

func matchNamed(list []rolePrincipal, p *principal) bool {
	for i := range list {
		e := &list[i]
		if e.name == p.name && e.account == p.account && e.partition == p.partition {
			return true
		}
	}
	return false
}

func (m *principalMatcher) matchSession(p *principal) bool {
	for i := range m.sessions {
		e := &m.sessions[i]
		if e.session == p.session && e.role == p.name && e.account == p.account && e.partition == p.partition {
			return true
		}
	}
	return false
}

func (m *principalMatcher) matchService(p *principal) bool {
	for _, s := range m.services {
		if s == p.name {
			return true
		}
	}
	return false
}

// match reports how a Principal element matches p (rule M4): the strongest
// of its entries.
func (m *principalMatcher) match(p *principal) grant {
	if m.wildcard {
		return grantDirect
	}
	switch p.kind {
	case kindService:
		if m.matchService(p) {
			return grantDirect
		}
		return grantNone
	case kindUser:
		if matchNamed(m.users, p) {
			return grantDirect
		}
	case kindRole:
		if matchNamed(m.roles, p) {
			return grantRole
		}
	case kindSession:
		if m.matchSession(p) {
			return grantDirect
		}
		if matchNamed(m.roles, p) {
			return grantRole
		}
	case kindFederated:
		if matchNamed(m.federated, p) {
			return grantDirect
		}
	case kindRoot:
	default:
		return grantNone
	}
	if m.matchAccount(p) {
		return grantAccount
	}
	return grantNone
}

// ceiling returns the strongest grant m can make for any principal.
func (m *principalMatcher) ceiling() grant {
	switch {
	case m.wildcard || len(m.users) > 0 || len(m.sessions) > 0 || len(m.federated) > 0 || len(m.services) > 0:
		return grantDirect
	case len(m.roles) > 0:
		return grantRole
	case len(m.accounts) > 0:
		return grantAccount
	}
	return grantNone
}

// listed reports whether a NotPrincipal element exempts p (rule M4): AWS
// checks the principal at every level of its identity, so a principal is
// exempt only when its account and, as the case may be, its user, role,
// role session or federated-user ARN are all listed. A service principal
// is exempt when its name is listed; the anonymous caller only by "*".
func (m *principalMatcher) listed(p *principal) bool {
	if m.wildcard {
		return true
	}
	switch p.kind {
	case kindService:
		return m.matchService(p)
	case kindRoot:
		return m.matchAccount(p)
	case kindUser:
		return m.matchAccount(p) && matchNamed(m.users, p)
	case kindRole:
		return m.matchAccount(p) && matchNamed(m.roles, p)
	case kindSession:
		return m.matchAccount(p) && matchNamed(m.roles, p) && m.matchSession(p)
	case kindFederated:
		return m.matchAccount(p) && matchNamed(m.federated, p)
	}
	return false
}
