package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/internal/glob"
	"github.com/lambdaiam/lambdaiam/policy"
)

// checkStatements reports statements that another statement makes
// pointless: one with the same effect that covers it (redundant), or an
// unconditional Deny that covers an Allow (shadowed). Coverage is decided
// conservatively, so a finding is always true: every action, resource and
// principal of the statement is one of the other's, and the other has no
// condition or the same conditions.
func (l *linter) checkStatements() {
	sts := l.doc.Statements
	for j := range sts {
		b := &sts[j]
		for i := range sts {
			if i == j {
				continue
			}
			a := &sts[i]
			// A pair costs the product of the statements' entry counts.
			l.work -= (len(a.Action) + len(a.Resource) + len(a.Conditions) + 1) * (len(b.Action) + len(b.Resource) + len(b.Conditions) + 1)
			if l.work < 0 {
				return
			}
			if a.Effect == b.Effect && sameConditions(a, b) && l.covers(a, b) {
				if j < i && sameConditions(b, a) && l.covers(b, a) {
					continue // identical: the later one is reported
				}
				verb := "allows"
				if a.Effect == policy.Deny {
					verb = "denies"
				}
				l.add(l.stmtAt(b), CodeRedundantStatement,
					fmt.Sprintf("%s already %s everything this statement does, so this statement changes nothing", l.label(a), verb),
					fmt.Sprintf("remove this statement, or merge it into %s", l.label(a)))
				break
			}
			if a.Effect == policy.Deny && b.Effect == policy.Allow && len(a.Conditions) == 0 && l.covers(a, b) {
				l.add(l.stmtAt(b), CodeShadowedStatement,
					fmt.Sprintf("the unconditional Deny of %s covers everything this Allow grants, so it grants nothing", l.label(a)),
					"remove this statement, or narrow the Deny")
				break
			}
		}
	}
}

// label names a statement in messages: its pointer and Sid.
func (l *linter) label(st *policy.Statement) string {
	s := "statement " + l.stmtPointer(st.Index)
	if st.Sid != "" {
		s += fmt.Sprintf(" (%q)", st.Sid)
	}
	return s
}

// covers reports whether every request statement b applies to (ignoring
// conditions) is one that a applies to.
func (l *linter) covers(a, b *policy.Statement) bool {
	if a.Action == nil || b.Action == nil || a.NotResource != nil || b.NotResource != nil ||
		a.NotPrincipal != nil || b.NotPrincipal != nil || (a.Resource == nil) != (b.Resource == nil) {
		return false
	}
	if !principalCovers(a.Principal, b.Principal) {
		return false
	}
	for _, e := range b.Action {
		if !anyCovers(a.Action, e, actionCovers) {
			return false
		}
	}
	vars := l.doc.Variables()
	for _, e := range b.Resource {
		if !anyCovers(a.Resource, e, func(f, e string) bool { return resourceCovers(f, e, vars) }) {
			return false
		}
	}
	return true
}

func anyCovers(list []string, e string, cover func(f, e string) bool) bool {
	for _, f := range list {
		if cover(f, e) {
			return true
		}
	}
	return false
}

// actionCovers reports whether the action pattern f matches every action
// that e matches (M2: service and name without regard to case).
func actionCovers(f, e string) bool {
	if f == "*" {
		return true
	}
	if e == "*" {
		return false
	}
	fs, fn, ok1 := splitAction(f)
	es, en, ok2 := splitAction(e)
	if !ok1 || !ok2 || !strings.EqualFold(fs, es) {
		return false
	}
	return globCovers(fn, en, true)
}

// resourceCovers reports whether the Resource pattern f matches every ARN
// that e matches (M3). Entries with variables cover only themselves.
func resourceCovers(f, e string, vars bool) bool {
	switch {
	case f == "*" || f == e:
		return true
	case e == "*":
		return false
	case vars && (strings.Contains(f, "${") || strings.Contains(e, "${")):
		return false
	case !hasWildcard(e):
		if strings.Count(f, ":") < 5 {
			return false // a short pattern: how it matches depends on the kind (M3.6)
		}
		p, err := arn.ParsePattern(f)
		return err == nil && p.Match(e)
	}
	return globCovers(f, e, false)
}

// globCovers reports whether glob f matches every string glob e matches,
// answering false when it cannot tell. It knows two cases: e has no
// wildcard, and f is a literal prefix followed by one final '*' (which
// matches across colons in any ARN part, M3.2).
func globCovers(f, e string, fold bool) bool {
	if f == e || fold && strings.EqualFold(f, e) {
		return true
	}
	if !hasWildcard(e) {
		if fold {
			return glob.MatchFold(f, e)
		}
		return glob.Match(f, e)
	}
	pre, ok := strings.CutSuffix(f, "*")
	if !ok || hasWildcard(pre) {
		return false
	}
	lit := e[:strings.IndexAny(e, "*?")]
	if fold {
		return len(lit) >= len(pre) && strings.EqualFold(lit[:len(pre)], pre)
	}
	return strings.HasPrefix(lit, pre)
}

// principalCovers reports whether principal f names everyone principal e
// names.
func principalCovers(f, e *policy.Principal) bool {
	switch {
	case f == nil || e == nil:
		return f == nil && e == nil
	case f.Wildcard:
		return true
	case e.Wildcard:
		return false
	}
	return subset(e.AWS, f.AWS) && subset(e.Service, f.Service) &&
		subset(e.Federated, f.Federated) && subset(e.CanonicalUser, f.CanonicalUser)
}

// subset reports whether every string of a is in b.
func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// sameConditions reports whether a's conditions are all among b's: then b
// applies to no request that a does not.
func sameConditions(a, b *policy.Statement) bool {
	for _, c := range a.Conditions {
		found := false
		for _, d := range b.Conditions {
			if c.Operator == d.Operator && strings.EqualFold(c.Key, d.Key) && sameValues(c.Values, d.Values) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func sameValues(a, b []string) bool { return subset(a, b) && subset(b, a) }
