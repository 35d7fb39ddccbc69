package policy

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/lambdaiam/lambdaiam/arn"
)

// rules of a policy kind (G5, G6).
type rules struct {
	principal    int8 // forbidden, required (Principal), eitherPrincipal (Principal or NotPrincipal)
	notPrincipal bool // NotPrincipal allowed (with Deny)
	resource     bool // Resource or NotResource required; false: forbidden
	rcpStar      bool // Principal must be "*"
	sid          int8
	uniqueSid    bool
}

const (
	forbidden int8 = iota
	required
	eitherPrincipal
)

const (
	sidIAM    int8 = iota // [A-Za-z0-9]*
	sidLambda             // [A-Za-z0-9_-]{1,100}
	sidAny
)

func kindRules(k Kind) rules {
	switch k {
	case KindResource:
		return rules{principal: eitherPrincipal, notPrincipal: true, resource: true, sid: sidLambda, uniqueSid: true}
	case KindTrust:
		return rules{principal: required, sid: sidIAM, uniqueSid: true}
	case KindSession:
		return rules{resource: true, sid: sidAny}
	case KindSCP:
		return rules{resource: true, sid: sidAny, uniqueSid: true}
	case KindRCP:
		return rules{principal: required, resource: true, rcpStar: true, sid: sidAny, uniqueSid: true}
	}
	// KindIdentity, KindBoundary
	return rules{resource: true, sid: sidIAM, uniqueSid: true}
}

// statement parses one statement object.
func (p *parser) statement(v gjson.Result, index int) Statement {
	st := Statement{Index: index}
	if !v.IsObject() {
		p.errf(v.Index, CodeInvalidType, "a statement must be a JSON object, found %s", article(typeName(v)))
		p.scan(v)
		return st
	}
	r := kindRules(p.cfg.kind)
	st.Pos = p.loc.pos(v.Index)
	// offsets of the element names, +1 (0: absent)
	var keyAt [numElems]int
	var seen keySet
	v.ForEach(func(k, val gjson.Result) bool {
		name := k.Str
		if !seen.add(name) {
			p.duplicate(k.Index, name)
			p.push(name)
			p.scan(val)
			p.pop()
			return true
		}
		switch name {
		case "Sid":
			p.push(name)
			st.SidPos = p.loc.pos(val.Index)
			st.Sid = p.sid(val, r, index)
			p.pop()
		case "Effect":
			p.push(name)
			st.EffectPos = p.loc.pos(val.Index)
			st.Effect = p.effect(val)
			p.pop()
		case "Action", "NotAction":
			keyAt[elemIndex(name)] = k.Index + 1
			if !st.ActionPos.IsValid() {
				st.ActionPos = p.loc.pos(val.Index)
			}
			p.push(name)
			list := p.list(val, name, checkAction)
			p.pop()
			if name == "Action" {
				st.Action = list
			} else {
				st.NotAction = list
			}
		case "Resource", "NotResource":
			keyAt[elemIndex(name)] = k.Index + 1
			if !st.ResourcePos.IsValid() {
				st.ResourcePos = p.loc.pos(val.Index)
			}
			p.push(name)
			list := p.list(val, name, checkResource)
			p.pop()
			if name == "Resource" {
				st.Resource = list
			} else {
				st.NotResource = list
			}
		case "Principal", "NotPrincipal":
			keyAt[elemIndex(name)] = k.Index + 1
			p.push(name)
			pr := p.principal(val, name)
			p.pop()
			if name == "Principal" {
				st.Principal = pr
			} else {
				st.NotPrincipal = pr
			}
		case "Condition":
			p.push(name)
			st.ConditionPos = p.loc.pos(val.Index)
			st.Conditions = p.conditions(val)
			p.pop()
		default:
			p.unknownElement(k.Index, name, statementElements, "a statement")
			p.push(name)
			p.scan(val)
			p.pop()
		}
		return true
	})

	stmtOff := v.Index
	kindName := kindPhrase(p.cfg.kind)
	// Effect (G4, G5).
	if !st.EffectPos.IsValid() {
		p.errf(stmtOff, CodeMissingEffect, `statement has no Effect (want "Effect": "Allow" or "Effect": "Deny")`)
	}
	// Action / NotAction.
	a, na := keyAt[eAction], keyAt[eNotAction]
	switch {
	case a > 0 && na > 0:
		p.errKey(max(a, na)-1, later(a, na, "Action", "NotAction"), CodeActionAndNotAction, "statement has both Action and NotAction; use one of them")
	case a == 0 && na == 0:
		p.errf(stmtOff, CodeMissingAction, "statement has no Action or NotAction; add one")
	}
	// Resource / NotResource.
	rs, nrs := keyAt[eResource], keyAt[eNotResource]
	if r.resource {
		switch {
		case rs > 0 && nrs > 0:
			p.errKey(max(rs, nrs)-1, later(rs, nrs, "Resource", "NotResource"), CodeResourceAndNotResource, "statement has both Resource and NotResource; use one of them")
		case rs == 0 && nrs == 0:
			p.errf(stmtOff, CodeMissingResource, `statement has no Resource or NotResource; %s needs one (use "Resource": "*" for every resource)`, kindName)
		}
	} else {
		if rs > 0 {
			p.errKey(rs-1, "Resource", CodeResourceNotAllowed, "Resource is not allowed in %s (the role itself is the resource); remove it", kindName)
		}
		if nrs > 0 {
			p.errKey(nrs-1, "NotResource", CodeResourceNotAllowed, "NotResource is not allowed in %s (the role itself is the resource); remove it", kindName)
		}
	}
	// Principal / NotPrincipal.
	pk, npk := keyAt[ePrincipal], keyAt[eNotPrincipal]
	switch r.principal {
	case forbidden:
		if pk > 0 {
			p.errKey(pk-1, "Principal", CodePrincipalNotAllowed, "Principal is not allowed in %s (the principal is whoever the policy is attached to); remove it", kindName)
		}
	case required, eitherPrincipal:
		switch {
		case r.principal == eitherPrincipal && pk > 0 && npk > 0:
			p.errKey(max(pk, npk)-1, later(pk, npk, "Principal", "NotPrincipal"), CodePrincipalAndNotPrincipal, "statement has both Principal and NotPrincipal; use one of them")
		case pk == 0 && (npk == 0 || r.principal == required):
			want := "Principal"
			if r.principal == eitherPrincipal {
				want = "Principal (or NotPrincipal with Deny)"
			}
			p.errf(stmtOff, CodeMissingPrincipal, "statement has no Principal; %s needs %s", kindName, want)
		}
		if r.rcpStar && st.Principal != nil && !onlyStar(st.Principal) {
			p.push("Principal")
			p.errf(st.Principal.Pos.Offset, CodeInvalidPrincipal, `the Principal of a resource control policy must be "*" (restrict principals with conditions instead)`)
			p.pop()
		}
	}
	if npk > 0 {
		if !r.notPrincipal {
			p.errKey(npk-1, "NotPrincipal", CodeNotPrincipalNotAllowed, "NotPrincipal is not allowed in %s; remove it", kindName)
		} else if st.Effect == Allow {
			p.errKey(npk-1, "NotPrincipal", CodeNotPrincipalWithAllow, `NotPrincipal is supported only with "Effect": "Deny"; with Allow use Principal`)
		}
	}
	return st
}

// Statement element indexes for keyAt.
const (
	eAction = iota
	eNotAction
	eResource
	eNotResource
	ePrincipal
	eNotPrincipal
	numElems
)

func elemIndex(name string) int {
	switch name {
	case "Action":
		return eAction
	case "NotAction":
		return eNotAction
	case "Resource":
		return eResource
	case "NotResource":
		return eNotResource
	case "Principal":
		return ePrincipal
	}
	return eNotPrincipal
}

// later returns the name of the element whose key offset is larger.
func later(a, b int, an, bn string) string {
	if a > b {
		return an
	}
	return bn
}

func kindPhrase(k Kind) string {
	switch k {
	case KindIdentity:
		return "an identity-based policy"
	case KindResource:
		return "a resource-based policy"
	case KindBoundary:
		return "a permissions boundary"
	case KindSession:
		return "a session policy"
	case KindSCP:
		return "a service control policy"
	case KindRCP:
		return "a resource control policy"
	case KindTrust:
		return "a role trust policy"
	}
	return "this policy"
}

func onlyStar(pr *Principal) bool {
	if !pr.Wildcard || pr.Service != nil || pr.Federated != nil || pr.CanonicalUser != nil {
		return false
	}
	for _, a := range pr.AWS {
		if a != "*" {
			return false
		}
	}
	return true
}

func (p *parser) sid(v gjson.Result, r rules, index int) string {
	if v.Type != gjson.String {
		p.errf(v.Index, CodeInvalidType, "Sid must be a string, found %s", article(typeName(v)))
		p.scan(v)
		return ""
	}
	s := v.Str
	switch r.sid {
	case sidIAM:
		if i := strings.IndexFunc(s, func(c rune) bool { return !isAlnum(c) }); i >= 0 {
			c, _ := utf8.DecodeRuneInString(s[i:])
			p.errf(v.Index, CodeInvalidSid, "Sid %q contains %q; in %s a Sid may contain only letters A-Z, a-z and digits 0-9", s, c, kindPhrase(p.cfg.kind))
		}
	case sidLambda:
		switch {
		case s == "" || len(s) > 100:
			p.errf(v.Index, CodeInvalidSid, "Sid %q has %d characters; a Lambda statement ID has 1 to 100", s, utf8.RuneCountInString(s))
		default:
			if i := strings.IndexFunc(s, func(c rune) bool { return !isAlnum(c) && c != '-' && c != '_' }); i >= 0 {
				c, _ := utf8.DecodeRuneInString(s[i:])
				p.errf(v.Index, CodeInvalidSid, "Sid %q contains %q; a Lambda statement ID may contain only letters, digits, '-' and '_'", s, c)
			}
		}
	}
	if r.uniqueSid && s != "" {
		if first, dup := p.sids.add(s, index); dup {
			p.errf(v.Index, CodeDuplicateSid, "Sid %q is already used by statement %d; Sids must be unique within %s", s, first, kindPhrase(p.cfg.kind))
		}
	}
	return s
}

func isAlnum(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *parser) effect(v gjson.Result) Effect {
	if v.Type != gjson.String {
		p.errf(v.Index, CodeInvalidType, `Effect must be the string "Allow" or "Deny", found %s`, article(typeName(v)))
		p.scan(v)
		return 0
	}
	switch v.Str {
	case "Allow":
		return Allow
	case "Deny":
		return Deny
	}
	hint := ""
	if strings.EqualFold(v.Str, "Allow") || strings.EqualFold(v.Str, "Deny") {
		hint = "; Effect is case-sensitive"
	}
	p.errf(v.Index, CodeInvalidEffect, `%q is not a valid Effect (want "Allow" or "Deny")%s`, v.Str, hint)
	return 0
}

// list parses a string-or-array-of-strings element (G7) and checks each
// entry with check, which returns a message for a bad entry.
func (p *parser) list(v gjson.Result, elem string, check func(string) string) []string {
	switch {
	case v.Type == gjson.String:
		if msg := check(v.Str); msg != "" {
			p.errf(v.Index, codeFor(elem), "%s", msg)
		}
		return []string{v.Str}
	case v.IsArray():
		var out strBuf
		i := 0
		v.ForEach(func(_, e gjson.Result) bool {
			p.pushIdx(i)
			if e.Type != gjson.String {
				p.errf(e.Index, CodeInvalidType, "%s entries must be strings, found %s", elem, article(typeName(e)))
				p.scan(e)
			} else {
				if msg := check(e.Str); msg != "" {
					p.errf(e.Index, codeFor(elem), "%s", msg)
				}
				out.add(e.Str)
			}
			p.pop()
			i++
			return true
		})
		if i == 0 {
			p.errf(v.Index, CodeEmptyArray, "%s is an empty array; want at least one entry", elem)
		}
		return out.list()
	}
	p.errf(v.Index, CodeInvalidType, "%s must be a string or an array of strings, found %s", elem, article(typeName(v)))
	p.scan(v)
	return []string{}
}

func codeFor(elem string) Code {
	switch elem {
	case "Action", "NotAction":
		return CodeInvalidAction
	case "Resource", "NotResource":
		return CodeInvalidResource
	}
	return CodeInvalidPrincipal
}

// checkAction checks an Action or NotAction entry: "*" or
// "service:name", where the service prefix is letters, digits and '-'
// and the name is letters, digits, '-', '_' and the wildcards '*' and '?'
// (G12: wildcards only in the name).
func checkAction(s string) string {
	if s == "*" {
		return ""
	}
	svc, name, ok := strings.Cut(s, ":")
	if !ok {
		return fmt.Sprintf(`%q is not an action (want "service:ActionName", such as "lambda:InvokeFunction", or "*")`, s)
	}
	if svc == "" {
		return fmt.Sprintf(`%q has no service prefix before ':' (want "service:ActionName")`, s)
	}
	for _, c := range svc {
		if c == '*' || c == '?' {
			return fmt.Sprintf(`%q has a wildcard in the service prefix %q; wildcards may appear only in the action name`, s, svc)
		}
		if !isAlnum(c) && c != '-' {
			return fmt.Sprintf(`%q has %q in the service prefix; a service prefix has only letters, digits and '-'`, s, c)
		}
	}
	if name == "" {
		return fmt.Sprintf(`%q has no action name after ':' (want "%s:ActionName" or "%s:*")`, s, svc, svc)
	}
	for _, c := range name {
		if !isAlnum(c) && c != '*' && c != '?' && c != '-' && c != '_' {
			return fmt.Sprintf(`%q has %q in the action name; an action name has only letters, digits and the wildcards '*' and '?'`, s, c)
		}
	}
	return ""
}

// checkResource checks a Resource or NotResource entry: "*" or an ARN
// pattern starting "arn:" whose service part has no wildcard (G12).
func checkResource(s string) string {
	if s == "*" {
		return ""
	}
	if !strings.HasPrefix(s, "arn:") {
		if s == "" {
			return `empty resource (want "*" or an ARN such as "arn:aws:lambda:us-east-1:111122223333:function:my-function")`
		}
		return fmt.Sprintf(`%q is not an ARN (want "*" or an ARN such as "arn:aws:lambda:us-east-1:111122223333:function:%s")`, s, s)
	}
	if svc, ok := arnPart(s, 2); ok && strings.ContainsAny(svc, "*?") {
		return fmt.Sprintf(`%q has a wildcard in the service part %q; wildcards may appear in any ARN part except the service`, s, svc)
	}
	return ""
}

// arnPart returns part n of the colon-separated s (0 is "arn"); part 5,
// the resource, is the rest of s, colons included. It reports false when
// s has fewer than n colons.
func arnPart(s string, n int) (string, bool) {
	for i := 0; i < n; i++ {
		k := strings.IndexByte(s, ':')
		if k < 0 {
			return "", false
		}
		s = s[k+1:]
	}
	if n < 5 {
		if k := strings.IndexByte(s, ':'); k >= 0 {
			return s[:k], true
		}
	}
	return s, true
}

// principal parses a Principal or NotPrincipal value (M4).
func (p *parser) principal(v gjson.Result, elem string) *Principal {
	pr := &Principal{Pos: p.loc.pos(v.Index)}
	switch {
	case v.Type == gjson.String:
		if v.Str == "*" {
			pr.Wildcard = true
		} else {
			p.errf(v.Index, CodeInvalidPrincipal, `%s must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}, found the string %q`, elem, v.Str)
		}
	case v.IsObject():
		var seen keySet
		n := 0
		v.ForEach(func(k, val gjson.Result) bool {
			n++
			name := k.Str
			if !seen.add(name) {
				p.duplicate(k.Index, name)
				p.push(name)
				p.scan(val)
				p.pop()
				return true
			}
			p.push(name)
			switch name {
			case "AWS":
				pr.AWS = p.list(val, elem+" AWS", checkAWSPrincipal)
			case "Service":
				pr.Service = p.list(val, elem+" Service", checkNamePrincipal)
			case "Federated":
				pr.Federated = p.list(val, elem+" Federated", checkNamePrincipal)
			case "CanonicalUser":
				pr.CanonicalUser = p.list(val, elem+" CanonicalUser", checkNamePrincipal)
			default:
				p.pop()
				p.unknownElement(k.Index, name, principalKeys, elem)
				p.push(name)
				p.scan(val)
			}
			p.pop()
			return true
		})
		if n == 0 {
			p.errf(v.Index, CodeInvalidPrincipal, `%s is an empty object (want "*" or keys such as "AWS" or "Service")`, elem)
		}
		for _, a := range pr.AWS {
			if a == "*" {
				pr.Wildcard = true
			}
		}
	default:
		p.errf(v.Index, CodeInvalidType, `%s must be "*" or an object, found %s`, elem, article(typeName(v)))
		p.scan(v)
	}
	return pr
}

// checkAWSPrincipal checks an AWS principal: "*", a 12-digit account ID,
// an IAM or STS ARN with a 12-digit account, or an IAM unique ID (which
// IAM shows for a deleted user or role).
func checkAWSPrincipal(s string) string {
	switch {
	case s == "*", arn.IsAccountID(s), isUniqueID(s):
		return ""
	case strings.ContainsAny(s, "*?"):
		return fmt.Sprintf(`%q has a wildcard; a principal takes no partial wildcards ("*" alone matches everyone; to match a pattern use "Principal": "*" with an ArnLike condition on aws:PrincipalArn)`, s)
	case strings.HasPrefix(s, "arn:"):
		partition, _ := arnPart(s, 1)
		service, _ := arnPart(s, 2)
		region, _ := arnPart(s, 3)
		account, _ := arnPart(s, 4)
		resource, ok := arnPart(s, 5)
		if ok && partition != "" && (service == "iam" || service == "sts") &&
			region == "" && arn.IsAccountID(account) && resource != "" {
			return ""
		}
		return fmt.Sprintf("%q is not an IAM or STS principal ARN (want arn:PARTITION:iam::ACCOUNT:root, :user/NAME or :role/NAME, or arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION, with a 12-digit ACCOUNT)", s)
	}
	return fmt.Sprintf(`%q is not an AWS principal (want "*", a 12-digit account ID, or an IAM or STS ARN)`, s)
}

// isUniqueID reports whether s looks like an IAM unique ID (AIDA..., AROA...).
func isUniqueID(s string) bool {
	if len(s) < 16 || len(s) > 128 || s[0] != 'A' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// checkNamePrincipal checks a Service, Federated or CanonicalUser entry:
// non-empty, without whitespace or wildcards.
func checkNamePrincipal(s string) string {
	if s == "" {
		return "empty principal name"
	}
	for _, c := range s {
		if c == '*' || c == '?' {
			return fmt.Sprintf("%q has a wildcard; only the AWS principal \"*\" is a wildcard", s)
		}
		if c <= ' ' || c == 0x7f || c == 0xa0 {
			return fmt.Sprintf("%q contains whitespace or a control character", s)
		}
	}
	return ""
}
