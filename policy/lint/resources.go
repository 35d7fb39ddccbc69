package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/catalog"
	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/policy"
)

// split6 splits an ARN or ARN pattern at its first five colons; a pattern
// with fewer colons gives fewer parts.
func split6(s string) []string { return strings.SplitN(s, ":", 6) }

// varRef is one ${...} element of a Resource entry or condition value.
type varRef struct {
	key        string // as written, trimmed
	hasDefault bool
	special    bool // ${*} ${?} ${$}
}

// varRefs returns the ${...} elements of s; an element without a closing
// brace ends the scan (policy.Parse has rejected malformed variables
// under Version 2012-10-17).
func varRefs(s string) []varRef {
	var refs []varRef
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return refs
		}
		s = s[i+2:]
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return refs
		}
		body := s[:end]
		s = s[end+1:]
		name, _, def := strings.Cut(body, ",")
		name = strings.TrimSpace(name)
		refs = append(refs, varRef{key: name, hasDefault: def, special: name == "*" || name == "?" || name == "$"})
	}
}

// hasVariableSyntax reports whether s holds text that would be a policy
// variable under Version 2012-10-17: "${", a name and "}".
func hasVariableSyntax(s string) bool {
	for _, r := range varRefs(s) {
		if r.key != "" {
			return true
		}
	}
	return false
}

// stripVariables replaces every ${...} element of s with x.
func stripVariables(s, x string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(x)
		s = s[i+end+1:]
	}
}

// alwaysPresent are the keys (lower case) that every authenticated request
// carries, so a variable naming one always resolves (rule D6).
var alwaysPresent = []string{
	"aws:currenttime", "aws:epochtime", "aws:principalaccount", "aws:principalarn",
	"aws:principaltype", "aws:requestedregion", "aws:securetransport", "aws:userid",
}

// hasNullGuard reports whether st requires key (any case) to be present:
// "Null": {key: "false"}. The statement's guards are collected once.
func (l *linter) hasNullGuard(st *policy.Statement, key string) bool {
	if l.guardsOf != st {
		l.guardsOf, l.guards = st, map[string]bool{}
		for _, c := range st.Conditions {
			if c.Operator.Base == condition.Null && len(c.Values) == 1 && strings.EqualFold(c.Values[0], "false") {
				l.guards[strings.ToLower(c.Key)] = true
			}
		}
	}
	return l.guards[strings.ToLower(key)]
}

// identitySide reports whether the document's Allow statements grant to
// whoever the policy is attached to (identity policies, boundaries,
// session policies and SCPs).
func identitySide(k policy.Kind) bool {
	switch k {
	case policy.KindIdentity, policy.KindBoundary, policy.KindSession, policy.KindSCP:
		return true
	}
	return false
}

func (l *linter) checkResources(st *policy.Statement, sa *stmtActions) {
	elem, list := "Resource", st.Resource
	if list == nil {
		elem, list = "NotResource", st.NotResource
	}
	if list == nil {
		return
	}
	if st.Effect == policy.Allow && st.NotResource != nil {
		l.add(l.elemAt(st, "NotResource", st.ResourcePos), CodeAllowNotResource,
			"Allow with NotResource grants the actions on every resource not listed, in every account and service",
			"list the allowed resources in Resource")
	}
	vars := l.doc.Variables()
	for j, e := range list {
		if e == "*" {
			continue
		}
		where := l.entryAt(st, elem, j, st.ResourcePos)
		l.checkVariables(st, elem, e, vars, where)
		plain := e
		if vars {
			plain = stripVariables(e, "x")
		}
		parts := split6(plain)
		if len(parts) == 6 && l.typedService(parts[2]) && parts[5] != "*" {
			if tok := typeTokenOf(parts[5]); hasWildcard(tok) {
				l.add(where, CodeResourceTypeWildcard,
					fmt.Sprintf("a wildcard in the resource-type token %q is not supported; what it matches is undefined (G12)", tok),
					"spell the resource type out and put the wildcard after it (\"function:*\", \"role/*\")")
			}
		}
		if elem != "Resource" {
			continue
		}
		if raw := split6(e); st.Effect == policy.Allow && len(raw) == 6 && strings.EqualFold(raw[2], "lambda") {
			l.checkFunctionGrant(st, sa, e, raw[5], where)
		}
		l.checkResourceType(st, sa, e, where)
	}
}

// checkVariables reports ${...} text that is literal (D1, D2) and
// variables that may not resolve (D3).
func (l *linter) checkVariables(st *policy.Statement, elem, e string, vars bool, where at) {
	if !vars {
		if hasVariableSyntax(e) {
			l.addOldVersionVariable(where, e, "is literal text")
		}
		return
	}
	i := strings.Index(e, "${")
	if i < 0 {
		return
	}
	if strings.Count(e[:i], ":") < 5 {
		l.add(where, CodeVariableInARNPrefix,
			"a policy variable before the resource part of an ARN is never substituted, so this entry matches nothing (D2)",
			"put a wildcard there and test the value with a condition (such as aws:ResourceAccount)")
	}
	for _, r := range varRefs(e) {
		if r.special || r.hasDefault || r.key == "" {
			continue
		}
		lk := strings.ToLower(r.key)
		multi := l.cat.Multivalued(r.key)
		if !multi && (slices.Contains(alwaysPresent, lk) || l.hasNullGuard(st, r.key)) {
			continue
		}
		why := fmt.Sprintf("%s may be absent from the request", r.key)
		if multi {
			why = fmt.Sprintf("%s is multivalued and never resolves as a variable", r.key)
		}
		effect := "this entry then matches no resource (D3)"
		if elem == "NotResource" {
			effect = "this entry then excludes nothing, so the statement covers every resource (D3)"
		}
		fix := fmt.Sprintf("give it a default (${%s, 'none'}) or add \"Null\": {%q: \"false\"}", r.key, r.key)
		if multi {
			fix = "use a single-valued key"
		}
		l.add(where, CodeResourceVariableAbsent, why+"; "+effect, fix)
		return
	}
}

// addOldVersionVariable reports the ${...} in value v, which the
// document's Version (2008-10-17, or none) does not substitute (D1); what
// says what becomes of it.
func (l *linter) addOldVersionVariable(where at, v, what string) {
	ver := l.doc.Version
	if ver == "" {
		ver = "absent"
	}
	l.add(where, CodeVariableInOldVersion,
		fmt.Sprintf("policy variables work only under Version 2012-10-17 (here %s), so the ${...} in %q %s (D1)", ver, v, what),
		"add \"Version\": \"2012-10-17\" to the policy")
}

// qualifiable are the Lambda actions (lower case) whose callers usually
// address a version or alias: Lambda authorizes the qualified ARN then
// (F3).
var qualifiable = []string{"invokefunction"}

// checkFunctionGrant reports function:NAME* patterns that reach other
// functions, and identity-side grants on function:NAME for actions that
// are called with a qualifier (F3). res is the resource part of e as
// written; a NAME with a variable in it is left alone.
func (l *linter) checkFunctionGrant(st *policy.Statement, sa *stmtActions, e, res string, where at) {
	name, ok := strings.CutPrefix(res, "function:")
	if !ok || name == "" {
		return
	}
	if base, ok := strings.CutSuffix(name, "*"); ok && base != "" && isFunctionName(base) {
		if c := base[len(base)-1]; isAlnum(c) {
			l.add(where, CodeFunctionPrefixMatch,
				fmt.Sprintf("function:%s* also matches every other function whose name starts with %q (F3)", base, base),
				fmt.Sprintf("use function:%s and function:%s:* for the function and its versions and aliases", base, base))
		}
		return
	}
	if !identitySide(l.doc.Kind) || !isFunctionName(name) {
		return
	}
	for _, q := range qualifiable {
		if !sa.has("lambda", q) || l.qualifiedCovered(q, e) {
			continue
		}
		l.add(where, CodeUnqualifiedFunction,
			fmt.Sprintf("function:%s does not cover its versions and aliases: a call to %s:PROD or %s:1 is authorized against the qualified ARN (F3)", name, name, name),
			fmt.Sprintf("add %s:* to also allow qualified calls", e))
		return
	}
}

// qualifiedCovered reports whether some Allow statement of the document
// grants the lambda action q on a qualified ARN of the function e.
func (l *linter) qualifiedCovered(q, e string) bool {
	if !l.invokesOK {
		l.invokesOK = true
		for i := range l.doc.Statements {
			st := &l.doc.Statements[i]
			if st.Effect != policy.Allow || !l.acts[i].has("lambda", q) {
				continue
			}
			for _, f := range st.Resource {
				if l.doc.Variables() && strings.Contains(f, "${") {
					continue
				}
				if p, err := arn.ParsePattern(f); err == nil {
					l.invokes = append(l.invokes, p)
				}
			}
		}
	}
	for _, p := range l.invokes {
		if l.work -= len(e); l.work < 0 {
			return true // out of budget: say nothing
		}
		if p.Match(e+":1") || p.Match(e+":live") {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isFunctionName reports whether s consists of the characters of a Lambda
// function name.
func isFunctionName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// typedService reports whether svc's ARNs begin their resource part with a
// resource-type token: every resource type the catalog lists for it does,
// or lint's own list names it.
func (l *linter) typedService(svc string) bool {
	svc = strings.ToLower(svc)
	if l.typed == nil {
		l.typed = map[string]bool{}
	}
	if v, ok := l.typed[svc]; ok {
		return v
	}
	v := false
	if l.cat.ServiceCatalogued(svc) {
		pats := l.servicePatterns(svc)
		v = len(pats) > 0
		for _, p := range pats {
			parts := split6(p)
			if len(parts) < 6 {
				v = false
				break
			}
			if tok := typeTokenOf(parts[5]); tok == "" || strings.Contains(tok, "${") {
				v = false
				break
			}
		}
	} else {
		v = slices.Contains(typedServices, svc)
	}
	l.typed[svc] = v
	return v
}

// typeTokenOf returns the resource part of an ARN up to its first ':' or
// '/': the resource-type token of a typed service's ARN.
func typeTokenOf(res string) string {
	if k := strings.IndexAny(res, ":/"); k >= 0 {
		return res[:k]
	}
	return res
}

// servicePatterns returns the ARN patterns of the resource types of svc's
// actions that are ARNs of svc itself.
func (l *linter) servicePatterns(svc string) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range l.cat.Expand(svc + ":*") {
		for _, r := range a.ResourceTypes {
			if seen[r.Name] {
				continue
			}
			seen[r.Name] = true
			rt, ok := l.cat.ResourceType(a.Service, r.Name)
			if !ok || rt.ARNPattern == "" {
				continue
			}
			if parts := split6(rt.ARNPattern); len(parts) >= 3 && parts[2] == svc {
				out = append(out, rt.ARNPattern)
			}
		}
	}
	return out
}

// resourceTypes returns the names of the resource types action a may be
// authorized against. Lambda authorizes a qualified request against the
// qualified ARN (F3), so an action on "function" also takes the
// "function alias" and "function version" types.
func resourceTypes(a catalog.ActionInfo) []string {
	names := make([]string, 0, len(a.ResourceTypes)+2)
	function := false
	for _, r := range a.ResourceTypes {
		names = append(names, r.Name)
		function = function || r.Name == "function"
	}
	if function && strings.EqualFold(a.Service, "lambda") {
		names = append(names, "function alias", "function version")
	}
	return names
}

// checkResourceType reports a Resource entry that fits no resource type of
// the statement's actions. It says nothing when the statement has actions
// the catalog does not describe, or only actions that take "*" (see
// wildcard-only-action).
func (l *linter) checkResourceType(st *policy.Statement, sa *stmtActions, e string, where at) {
	if sa.open() || sa.others || len(sa.known) == 0 {
		return
	}
	pat := e
	if l.doc.Variables() {
		pat = stripVariables(pat, "*")
	}
	parts := split6(pat)
	if len(parts) < 3 {
		return
	}
	svc := parts[2]
	var types []string // the resource types of the actions of the entry's service
	own, typed := false, false
	tried := map[string]bool{}
	for _, a := range sa.known {
		if a.WildcardOnly {
			continue
		}
		typed = true
		same := strings.EqualFold(a.Service, svc)
		own = own || same
		for _, n := range resourceTypes(a) {
			if same && !slices.Contains(types, n) {
				types = append(types, n)
			}
			k := a.Service + ":" + n
			if tried[k] {
				continue
			}
			tried[k] = true
			rt, ok := l.cat.ResourceType(a.Service, n)
			if !ok || rt.ARNPattern == "" || l.fits(pat, rt.ARNPattern) {
				return // fits, or a type the catalog cannot describe
			}
		}
	}
	switch {
	case !typed:
	case own:
		l.add(where, CodeResourceTypeMismatch,
			fmt.Sprintf("%q fits none of the resource types of the statement's %s actions (%s), so it matches no request", e, strings.ToLower(svc), strings.Join(types, ", ")),
			"use the ARN of a resource the actions act on")
	default:
		l.add(where, CodeResourceTypeMismatch,
			fmt.Sprintf("%q is a resource of the service %q, and no action of the statement acts on it", e, strings.ToLower(svc)),
			"use an ARN the actions act on, or move the entry to a statement with its actions")
	}
}

// fits is the function fits, remembered for the document and paid for
// from the work budget; with the budget spent it answers true.
func (l *linter) fits(pat, typ string) bool {
	k := [2]string{pat, typ}
	if v, ok := l.fitsMemo[k]; ok {
		return v
	}
	if l.work <= 0 {
		return true
	}
	v := fits(pat, typ, &l.work)
	if l.fitsMemo == nil {
		l.fitsMemo = map[[2]string]bool{}
	}
	l.fitsMemo[k] = v
	return v
}

// fits reports whether the Resource pattern pat (with '*' and '?' as
// wildcards, each '*' taken to cross colons, which over-approximates rule
// M3) and the resource type's ARN pattern typ (with ${Name} placeholders,
// each one or more characters other than ':', or any characters for an S3
// ObjectName) can match one ARN in common: whether the two languages
// intersect. It errs towards true. Each state it visits costs one step of
// *work; when the steps run out it answers true.
func fits(pat, typ string, work *int) bool {
	if !strings.HasPrefix(pat, "arn:") {
		return pat == "*"
	}
	// Padding for short patterns: "arn:aws:lambda" acts as "arn:aws:lambda:*:*:*".
	if n := strings.Count(pat, ":"); n < 5 {
		pat += strings.Repeat(":*", 5-n)
	}
	tt := typeTokens(typ)
	np, nt := len(pat), len(tt)
	if (np+1)*(nt+1) > 1<<20 {
		return true // longer than any real ARN: too costly to tell
	}
	// state (i, j, in): i bytes of pat consumed, j tokens of typ, in: the
	// placeholder tt[j] has taken at least one character.
	seen := make([]bool, (np+1)*(nt+1)*2)
	type state struct {
		i, j int
		in   bool
	}
	idx := func(s state) int {
		k := (s.i*(nt+1) + s.j) * 2
		if s.in {
			k++
		}
		return k
	}
	stack := []state{{0, 0, false}}
	push := func(s state) {
		if k := idx(s); !seen[k] {
			seen[k] = true
			stack = append(stack, s)
		}
	}
	seen[0] = true
	for len(stack) > 0 {
		if *work--; *work < 0 {
			return true
		}
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		// ε-moves.
		if s.i < np && pat[s.i] == '*' {
			push(state{s.i + 1, s.j, s.in})
		}
		if s.in {
			push(state{s.i, s.j + 1, false})
		}
		if s.i == np && s.j == nt && !s.in {
			return true
		}
		if s.i >= np || s.j >= nt {
			continue
		}
		// One character consumed by both.
		pc := pat[s.i]
		pany := pc == '*' || pc == '?'
		ni := s.i + 1
		if pc == '*' {
			ni = s.i
		}
		t := tt[s.j]
		if t.placeholder {
			if pany || pc != ':' || t.colon {
				push(state{ni, s.j, true})
			}
		} else if pany || pc == t.c {
			push(state{ni, s.j + 1, false})
		}
	}
	return false
}

type typeToken struct {
	c           byte
	placeholder bool
	colon       bool // the placeholder may hold ':'
}

// typeTokens splits a resource type's ARN pattern into literal bytes and
// ${...} placeholders.
func typeTokens(typ string) []typeToken {
	var out []typeToken
	for i := 0; i < len(typ); i++ {
		if typ[i] == '$' && i+1 < len(typ) && typ[i+1] == '{' {
			if end := strings.IndexByte(typ[i:], '}'); end > 0 {
				out = append(out, typeToken{placeholder: true, colon: typ[i+2:i+end] == "ObjectName"})
				i += end
				continue
			}
		}
		out = append(out, typeToken{c: typ[i]})
	}
	return out
}
