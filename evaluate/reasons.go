package evaluate

import (
	"strconv"
	"strings"
)

// recorder collects the reasons of one Evaluate call. Decide runs without
// one, so it never allocates reasons.
type recorder struct {
	reasons []Reason
	steps   []stepRecord
	failed  bool
	fail    stepRecord
}

// stepRecord is one required step of the algorithm: a policy type (and
// which policy or level) that had to allow.
type stepRecord struct {
	ok    bool
	typ   PolicyType
	pid   int32 // the policy; -1 for identity policies as a whole or a level
	level int   // the SCP or RCP level; -1 otherwise
}

func (r *recorder) step(ok bool, t PolicyType, pid int32, level int) {
	sr := stepRecord{ok, t, pid, level}
	r.steps = append(r.steps, sr)
	if !ok && !r.failed {
		r.failed, r.fail = true, sr
	}
}

// recordDeny records an applicable Deny statement.
func (q *query) recordDeny(cp *cpolicy, i int32) {
	q.rec.reasons = append(q.rec.reasons, q.statementReason(cp, i,
		q.prefix()+" with an explicit deny in "+article(cp.typ)))
}

// article returns the policy type's name after "a" or "an".
func article(t PolicyType) string {
	if t == IdentityBasedPolicy {
		return "an " + t.String()
	}
	return "a " + t.String()
}

// note records a reason that no policy produced.
func (r *recorder) note(t PolicyType, msg string) {
	r.reasons = append(r.reasons, Reason{Type: t, Statement: -1, Message: msg})
}

// recordRootAssume records that the root user cannot assume a role.
func (q *query) recordRootAssume() {
	q.rec.note(NoPolicy, q.prefix()+" because roles may not be assumed by the account root user")
}

// prefix is the opening of an AWS AccessDenied message.
func (q *query) prefix() string {
	return "User: " + q.r.Principal + " is not authorized to perform: " + q.r.Action + " on resource: " + q.r.Resource
}

func (q *query) statementReason(cp *cpolicy, i int32, msg string) Reason {
	st := &q.s.stmts[i]
	return Reason{
		Policy:    cp.name,
		Type:      cp.typ,
		Statement: st.index,
		Sid:       st.sid,
		Effect:    st.effect,
		Pos:       st.pos,
		Message:   msg,
	}
}

// finish turns the recorded steps into reasons once the decision is
// known: for an explicit deny the denies recorded already; otherwise the
// granting statements of every step that allowed, in the order of the
// steps, followed, for an implicit deny, by the policy type that failed.
func (q *query) finish(d Decision) {
	r := q.rec
	if d == ExplicitDeny || (d == ImplicitDeny && !r.failed) {
		return
	}
	suffix := ""
	if r.failed {
		suffix = ", but no " + r.fail.typ.String() + " allows it"
	}
	for _, sr := range r.steps {
		if !sr.ok {
			continue
		}
		switch {
		case sr.typ == NoPolicy:
			r.note(NoPolicy, "the account root user has full access to its account by default"+suffix)
		case sr.level >= 0:
			levels := q.s.scps
			if sr.typ == ResourceControlPolicy {
				levels = q.s.rcps
			}
			for _, pid := range levels[sr.level] {
				q.recordAllows(pid, "allows "+q.r.Action+" at level "+strconv.Itoa(sr.level)+suffix)
			}
		case sr.typ == IdentityBasedPolicy:
			for _, pid := range q.s.identity {
				q.recordAllows(pid, "allows "+q.r.Action+suffix)
			}
		case sr.typ == ResourceBasedPolicy:
			q.recordResourceAllows(suffix)
		default:
			q.recordAllows(sr.pid, "allows "+q.r.Action+suffix)
		}
	}
	if r.failed {
		f := r.fail
		reason := Reason{Type: f.typ, Statement: -1,
			Message: q.prefix() + " because no " + f.typ.String() + " allows the " + q.r.Action + " action"}
		switch {
		case f.level >= 0:
			levels := q.s.scps
			if f.typ == ResourceControlPolicy {
				levels = q.s.rcps
			}
			names := make([]string, 0, len(levels[f.level]))
			for _, pid := range levels[f.level] {
				names = append(names, q.s.policies[pid].name)
			}
			reason.Policy = strings.Join(names, ", ")
			reason.Message += " (level " + strconv.Itoa(f.level) + ")"
		case f.pid >= 0:
			reason.Policy = q.s.policies[f.pid].name
		}
		r.reasons = append(r.reasons, reason)
	}
}

// recordAllows records every applicable Allow statement of policy pid.
func (q *query) recordAllows(pid int32, msg string) {
	cp := &q.s.policies[pid]
	for c := q.candidates(pid, true); ; {
		i, test, ok := c.next()
		if !ok {
			break
		}
		if q.applies(i, test) != grantNone {
			q.rec.reasons = append(q.rec.reasons, q.statementReason(cp, i, msg))
		}
	}
}

// resourceAllows records every applicable Allow statement of the resource
// policy, saying how each matched the principal.
func (q *query) recordResourceAllows(suffix string) {
	if q.s.resource < 0 {
		return
	}
	cp := &q.s.policies[q.s.resource]
	for c := q.candidates(q.s.resource, true); ; {
		i, test, ok := c.next()
		if !ok {
			break
		}
		g := q.applies(i, test)
		if g == grantNone {
			continue
		}
		msg := "allows " + q.r.Action
		switch g {
		case grantDirect:
			msg += " to the caller directly"
		case grantSession:
			msg += " to every principal (limited by the session policy)"
		case grantRole:
			msg += " to the caller's role (limited by the permissions boundary and session policy)"
		case grantAccount:
			msg += " to the caller's account"
			if q.p.account == q.resAcct {
				msg += " (an identity-based policy must allow it too)"
			}
		}
		q.rec.reasons = append(q.rec.reasons, q.statementReason(cp, i, msg+suffix))
	}
}
