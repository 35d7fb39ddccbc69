package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/catalog"
	"github.com/lambdaiam/lambdaiam/policy"
)

// stmtActions is what a statement's Action element covers, as far as the
// catalog knows.
type stmtActions struct {
	not    bool                 // the statement has NotAction instead of Action
	all    bool                 // Action holds "*"
	others bool                 // Action holds actions of services the catalog does not describe
	known  []catalog.ActionInfo // catalogued actions the Action entries match, without repeats
}

// open reports whether the statement may cover any action, so that checks
// needing the statement's full action set cannot conclude anything.
func (sa *stmtActions) open() bool { return sa.not || sa.all }

// has reports whether the statement's Action covers the catalogued action
// service:name; it always does when Action holds "*".
func (sa *stmtActions) has(service, name string) bool {
	if sa.all {
		return true
	}
	for _, a := range sa.known {
		if strings.EqualFold(a.Service, service) && strings.EqualFold(a.Name, name) {
			return true
		}
	}
	return false
}

// splitAction splits "service:name" at the first colon; ok is false for
// "*" and for an entry without a colon.
func splitAction(s string) (service, name string, ok bool) {
	service, name, ok = strings.Cut(s, ":")
	return service, name, ok && service != ""
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// expand computes the stmtActions of st.
func (l *linter) expand(st *policy.Statement) stmtActions {
	var sa stmtActions
	if st.Action == nil {
		sa.not = st.NotAction != nil
		return sa
	}
	key := strings.Join(st.Action, "\x00")
	if sa, ok := l.expandedStmts[key]; ok {
		return sa // shared: never modified
	}
	seen := map[string]bool{}
	for _, e := range st.Action {
		if e == "*" {
			sa.all = true
			continue
		}
		svc, _, ok := splitAction(e)
		if !ok {
			continue
		}
		if !l.cat.ServiceCatalogued(svc) {
			sa.others = true
			continue
		}
		for _, a := range l.expandAction(e) {
			k := strings.ToLower(a.String())
			if !seen[k] {
				seen[k] = true
				sa.known = append(sa.known, a)
			}
		}
	}
	if l.expandedStmts == nil {
		l.expandedStmts = map[string]stmtActions{}
	}
	l.expandedStmts[key] = sa
	return sa
}

// checkActions reports unknown services and actions, patterns that match
// nothing, actions that take only "*" under a narrower Resource, and
// Allow with NotAction.
func (l *linter) checkActions(st *policy.Statement, sa *stmtActions) {
	elem, list := "Action", st.Action
	if list == nil {
		elem, list = "NotAction", st.NotAction
	}
	resourceStar := slices.Contains(st.Resource, "*")
	for j, e := range list {
		if e == "*" {
			continue
		}
		svc, name, ok := splitAction(e)
		if !ok {
			continue
		}
		where := l.entryAt(st, elem, j, st.ActionPos)
		if !l.cat.ServiceCatalogued(svc) {
			if !l.cat.ServiceKnown(svc) {
				msg := fmt.Sprintf("%q is not the prefix of an AWS service, so %q matches no action", svc, e)
				l.addLazy(where, CodeUnknownService, msg, "check the service prefix", func() string {
					if s := l.closestService(svc); s != "" {
						return fmt.Sprintf("did you mean %q?", s+":"+name)
					}
					return ""
				})
			}
			continue
		}
		matched := l.expandAction(e)
		if len(matched) == 0 {
			if !hasWildcard(name) {
				l.addLazy(where, CodeUnknownAction, fmt.Sprintf("the service %q has no action %q", strings.ToLower(svc), name),
					"check the name against the service's actions: lambdaiam actions "+strings.ToLower(svc)+":*",
					func() string {
						if s := l.closestAction(svc, name); s != "" {
							return fmt.Sprintf("did you mean %q?", s)
						}
						return ""
					})
			} else {
				l.add(where, CodeActionMatchesNothing,
					fmt.Sprintf("the pattern %q matches no action of %q", e, strings.ToLower(svc)),
					"list the actions meant; lambdaiam actions "+strings.ToLower(svc)+":* shows them")
			}
			continue
		}
		if elem == "Action" && st.Resource != nil && !resourceStar {
			only := true
			for _, a := range matched {
				if !a.WildcardOnly {
					only = false
					break
				}
			}
			if only {
				what := fmt.Sprintf("%s has no resource type and is authorized only against \"*\"", matched[0])
				if len(matched) > 1 || hasWildcard(name) {
					what = fmt.Sprintf("every action %q matches has no resource type and is authorized only against \"*\"", e)
				}
				verb := "grants"
				if st.Effect == policy.Deny {
					verb = "denies"
				}
				l.add(where, CodeWildcardOnlyAction,
					fmt.Sprintf("%s, which this Resource does not hold, so the statement %s nothing for it (M3.4)", what, verb),
					"move it to a statement with \"Resource\": \"*\"")
			}
		}
	}
	if st.Effect == policy.Allow && st.NotAction != nil {
		l.add(l.elemAt(st, "NotAction", st.ActionPos), CodeAllowNotAction,
			"Allow with NotAction grants every action not listed, in every service, including ones added later (M2)",
			"list the allowed actions in Action, or make the statement a Deny")
	}
}

// closestService suggests a service prefix close to svc, or "".
func (l *linter) closestService(svc string) string {
	return closest(strings.ToLower(svc), l.cat.Services(), 2)
}

// closestAction suggests an action of service svc whose name is close to
// name, or "".
func (l *linter) closestAction(svc, name string) string {
	var names []string
	for _, a := range l.cat.Expand(svc + ":*") {
		names = append(names, a.Name)
	}
	best := closestFold(name, names, 3)
	if best == "" {
		return ""
	}
	return strings.ToLower(svc) + ":" + best
}

// closest returns the candidate within max edits of s (the first of the
// nearest), or "".
func closest(s string, cands []string, max int) string {
	best, bestD := "", max+1
	for _, c := range cands {
		if c == s {
			continue
		}
		if d := editDistance(s, c, bestD); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// closestFold is closest without regard to case; it returns the
// candidate as written.
func closestFold(s string, cands []string, max int) string {
	ls := strings.ToLower(s)
	best, bestD := "", max+1
	for _, c := range cands {
		if d := editDistance(ls, strings.ToLower(c), bestD); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b in bytes,
// or a value ≥ limit when it is at least limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	if len(a) > 64 || len(b) > 64 {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
