package metamorphic

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// Relation is one metamorphic relation: a transformation of a World and
// what it may do to the decision.
type Relation struct {
	// Name identifies the relation in reports ("add-deny", ...).
	Name string
	// Rule is the spec rule the relation follows from.
	Rule string
	// transform builds the variant from w with the randomness of r, and
	// reports false when it does not apply to w (no session to add to a
	// user, say).
	transform func(m *mutator) (World, bool)
	// holds reports whether decision d1 of the variant may follow
	// decision d0 of w.
	holds func(d0, d1 evaluate.Decision) bool
	// want describes holds for reports.
	want string
}

// mutator is what a transformation works with. Its choices come from
// hashing what is chosen among (h), not from the position of a random
// draw, so that the same choice is made again when the shrinker has
// removed other policies, statements or entries from the World.
type mutator struct {
	w      *World
	r      *rand.Rand // for shuffles only
	seed   uint64
	donors []World
}

// h hashes the mutator's seed and parts (FNV-1a).
func (m *mutator) h(parts ...string) uint64 {
	x := uint64(14695981039346656037) ^ m.seed
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			x ^= uint64(p[i])
			x *= 1099511628211
		}
		x ^= 0xff
		x *= 1099511628211
	}
	return x
}

// stmtKey is a statement's content, for h.
func stmtKey(st *policy.Statement) string {
	var b strings.Builder
	b.WriteString(st.Sid)
	b.WriteString(st.Effect.String())
	for _, l := range [][]string{st.Action, st.NotAction, st.Resource, st.NotResource} {
		b.WriteByte('|')
		b.WriteString(strings.Join(l, ","))
	}
	for _, c := range st.Conditions {
		b.WriteString(c.Operator.String() + c.Key + strings.Join(c.Values, ","))
	}
	return b.String()
}

// Decision relations.
func same(d0, d1 evaluate.Decision) bool { return d0 == d1 }

// narrows: the variant allows nothing w denies, and keeps w's explicit
// denies.
func narrows(d0, d1 evaluate.Decision) bool {
	return !(d1 == evaluate.Allow && d0 != evaluate.Allow) &&
		!(d0 == evaluate.ExplicitDeny && d1 != evaluate.ExplicitDeny)
}

// widens: the dual of narrows.
func widens(d0, d1 evaluate.Decision) bool {
	return !(d0 == evaluate.Allow && d1 != evaluate.Allow) &&
		!(d1 == evaluate.ExplicitDeny && d0 != evaluate.ExplicitDeny)
}

// Relations returns the relations Check applies, in a fixed order.
func Relations() []Relation {
	return []Relation{
		{Name: "add-deny", Rule: "E3.1", transform: addDeny, want: "the same decision or ExplicitDeny",
			holds: func(d0, d1 evaluate.Decision) bool { return d1 == d0 || d1 == evaluate.ExplicitDeny }},
		{Name: "remove-allow", Rule: "E1", transform: removeAllow, want: "no new Allow, no lost deny",
			holds: func(d0, d1 evaluate.Decision) bool {
				return d1 == d0 || (d0 == evaluate.Allow && d1 == evaluate.ImplicitDeny)
			}},
		{Name: "add-allow", Rule: "E1", transform: addAllow, want: "no new deny, no lost Allow",
			holds: func(d0, d1 evaluate.Decision) bool {
				return d1 == d0 || (d0 == evaluate.ImplicitDeny && d1 == evaluate.Allow)
			}},
		{Name: "remove-deny", Rule: "E3.1", transform: removeDeny, want: "the same decision unless it was ExplicitDeny",
			holds: func(d0, d1 evaluate.Decision) bool { return d1 == d0 || d0 == evaluate.ExplicitDeny }},
		{Name: "add-boundary", Rule: "E3.6", transform: addBoundary, want: "no wider", holds: narrows},
		{Name: "add-session-policy", Rule: "E3.7", transform: addSession, want: "no wider", holds: narrows},
		{Name: "add-scp-level", Rule: "E3.3", transform: addSCPLevel, want: "no wider", holds: narrows},
		{Name: "rename-sids", Rule: "G6", transform: renameSids, want: "the same decision", holds: same},
		{Name: "reorder", Rule: "E1", transform: reorder, want: "the same decision", holds: same},
		{Name: "fold-action-case", Rule: "M2", transform: foldActions, want: "the same decision", holds: same},
		{Name: "fold-request-action-case", Rule: "M2", transform: foldRequestAction, want: "the same decision", holds: same},
		{Name: "fold-condition-key-case", Rule: "C6", transform: foldConditionKeys, want: "the same decision", holds: same},
		{Name: "fold-context-key-case", Rule: "C6", transform: foldContextKeys, want: "the same decision", holds: same},
	}
}

// ---- case folding -------------------------------------------------------

// fold respells the ASCII letters of s: all upper, all lower or mixed,
// as h decides.
func (m *mutator) fold(s string) string {
	x := m.h("fold", s)
	switch x % 3 {
	case 0:
		return strings.ToUpper(s)
	case 1:
		return strings.ToLower(s)
	}
	b := []byte(s)
	for i, c := range b {
		if x = x*6364136223846793005 + 1442695040888963407; x>>63 == 0 {
			switch {
			case 'a' <= c && c <= 'z':
				b[i] = c - 'a' + 'A'
			case 'A' <= c && c <= 'Z':
				b[i] = c - 'A' + 'a'
			}
		}
	}
	return string(b)
}

// foldASCII is fold for names that are ASCII by the grammar (actions): a
// non-ASCII name is left alone.
func (m *mutator) foldASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return s
		}
	}
	return m.fold(s)
}

// eachStatement gives f a copy of every statement of every policy of the
// variant to change.
func eachStatement(m *mutator, f func(st *policy.Statement)) World {
	v := m.w.clone()
	for _, rf := range v.refs() {
		d := withDoc(rf.named.Doc)
		for i := range d.Statements {
			f(&d.Statements[i])
		}
		rf.named.Doc = d
	}
	return v
}

func foldActions(m *mutator) (World, bool) {
	return eachStatement(m, func(st *policy.Statement) {
		for _, list := range []*[]string{&st.Action, &st.NotAction} {
			if *list == nil {
				continue
			}
			l := slices.Clone(*list)
			for i := range l {
				l[i] = m.foldASCII(l[i])
			}
			*list = l
		}
	}), true
}

func foldRequestAction(m *mutator) (World, bool) {
	v := m.w.clone()
	v.Request.Action = m.foldASCII(v.Request.Action)
	return v, v.Request.Action != m.w.Request.Action
}

func foldConditionKeys(m *mutator) (World, bool) {
	return eachStatement(m, func(st *policy.Statement) {
		if st.Conditions == nil {
			return
		}
		cs := slices.Clone(st.Conditions)
		for i := range cs {
			cs[i].Key = m.fold(cs[i].Key)
		}
		st.Conditions = cs
	}), true
}

func foldContextKeys(m *mutator) (World, bool) {
	if m.w.Request.Context.Len() == 0 {
		return World{}, false
	}
	v := m.w.clone()
	v.Request.Context = contextOf(m.w.Request.Context, m.fold)
	return v, true
}

// ---- renaming and reordering --------------------------------------------

func renameSids(m *mutator) (World, bool) {
	n := 0
	return eachStatement(m, func(st *policy.Statement) {
		n++
		// Letters and digits, at least one: valid for every kind; the
		// number keeps Sids unique.
		st.Sid = "R" + itoa(int(m.h("sid", stmtKey(st))%1000)) + "x" + itoa(n)
	}), true
}

func reorder(m *mutator) (World, bool) {
	v := m.w.clone()
	shuffle := func(n int, swap func(i, j int)) { m.r.Shuffle(n, swap) }
	for _, rf := range v.refs() {
		d := withDoc(rf.named.Doc)
		shuffle(len(d.Statements), func(i, j int) { d.Statements[i], d.Statements[j] = d.Statements[j], d.Statements[i] })
		renumber(d)
		rf.named.Doc = d
	}
	ids := v.Policies.Identity
	shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	for _, level := range v.Policies.SCPs {
		shuffle(len(level), func(i, j int) { level[i], level[j] = level[j], level[i] })
	}
	lv := v.Policies.SCPs
	shuffle(len(lv), func(i, j int) { lv[i], lv[j] = lv[j], lv[i] })
	return v, true
}

// ---- adding and removing statements --------------------------------------

// pick returns a policy of w that filter accepts, or false when there is
// none: the one whose name hashes lowest.
func (m *mutator) pick(filter func(ref) bool) (ref, bool) {
	var best ref
	var bestH uint64
	found := false
	for _, rf := range m.w.refs() {
		if filter != nil && !filter(rf) {
			continue
		}
		if h := m.h("pick", rf.named.Name); !found || h < bestH {
			best, bestH, found = rf, h, true
		}
	}
	return best, found
}

// pickStatement returns the index of the statement of d that ok accepts
// and whose content hashes lowest, or -1.
func (m *mutator) pickStatement(d *policy.Document, ok func(*policy.Statement) bool) int {
	best, bestH := -1, uint64(0)
	for i := range d.Statements {
		st := &d.Statements[i]
		if !ok(st) {
			continue
		}
		if h := m.h("stmt", stmtKey(st)); best < 0 || h < bestH {
			best, bestH = i, h
		}
	}
	return best
}

// replace returns a variant of w with the policy in slot s replaced by d.
func (m *mutator) replace(s slot, d *policy.Document) World {
	v := m.w.clone()
	v.at(s).Doc = d
	return v
}

// statementFor builds a statement with effect e that names the request's
// action, or a pattern of it, and fits a document of kind k.
func (m *mutator) statementFor(e policy.Effect, k policy.Kind) policy.Statement {
	r := m.w.Request
	x := m.h("new", e.String())
	st := policy.Statement{Effect: e, Sid: "N" + itoa(int(x%1_000_000))}
	svc, _, _ := strings.Cut(r.Action, ":")
	switch x % 4 {
	case 0:
		st.Action = []string{"*"}
	case 1:
		st.Action = []string{svc + ":*"}
	default:
		st.Action = []string{m.foldASCII(r.Action)}
	}
	if k != policy.KindTrust {
		if x/4%2 == 0 || r.Resource == "*" {
			st.Resource = []string{"*"}
		} else {
			st.Resource = []string{r.Resource}
		}
	}
	if k == policy.KindResource || k == policy.KindTrust || k == policy.KindRCP {
		st.Principal = &policy.Principal{Wildcard: true}
	}
	return st
}

// withStatement returns d with st added.
func (m *mutator) withStatement(d *policy.Document, st policy.Statement) *policy.Document {
	c := withDoc(d)
	at := int(m.h("at", stmtKey(&st)) % uint64(len(c.Statements)+1))
	c.Statements = slices.Insert(c.Statements, at, st)
	renumber(c)
	return c
}

// addStatement adds a statement of effect e to a policy of w: a copy of
// one of its statements with the effect changed, or one built to match
// the request.
func (m *mutator) addStatement(e policy.Effect) (World, bool) {
	rf, ok := m.pick(nil)
	if !ok {
		return World{}, false
	}
	d := rf.named.Doc
	var st policy.Statement
	i := m.pickStatement(d, func(st *policy.Statement) bool {
		// NotPrincipal goes only with Deny.
		return e == policy.Deny || st.NotPrincipal == nil
	})
	if i >= 0 && m.h("flip", rf.named.Name)%3 != 0 {
		st = d.Statements[i]
		st.Effect = e
		st.Sid = "F" + itoa(int(m.h("flipsid")%1_000_000))
	} else {
		st = m.statementFor(e, d.Kind)
	}
	return m.replace(rf.slot, m.withStatement(d, st)), true
}

func addDeny(m *mutator) (World, bool)  { return m.addStatement(policy.Deny) }
func addAllow(m *mutator) (World, bool) { return m.addStatement(policy.Allow) }

// removeStatement removes a statement of effect e from a policy that
// keeps at least one statement.
func (m *mutator) removeStatement(e policy.Effect) (World, bool) {
	isE := func(st *policy.Statement) bool { return st.Effect == e }
	rf, ok := m.pick(func(rf ref) bool {
		return len(rf.named.Doc.Statements) > 1 && m.pickStatement(rf.named.Doc, isE) >= 0
	})
	if !ok {
		return World{}, false
	}
	d := withDoc(rf.named.Doc)
	i := m.pickStatement(d, isE)
	d.Statements = slices.Delete(d.Statements, i, i+1)
	renumber(d)
	return m.replace(rf.slot, d), true
}

func removeAllow(m *mutator) (World, bool) { return m.removeStatement(policy.Allow) }
func removeDeny(m *mutator) (World, bool)  { return m.removeStatement(policy.Deny) }

// ---- adding policy types ------------------------------------------------

// donorDoc returns a document to add as kind k: one of w's own identity
// policies, a policy from a donor World, or a policy that allows
// everything, rekinded to k.
func (m *mutator) donorDoc(k policy.Kind) *policy.Document {
	var best *policy.Document
	var bestH uint64
	consider := func(d *policy.Document, key string) {
		if h := m.h("donor", key); best == nil || h < bestH {
			best, bestH = d, h
		}
	}
	for i := range m.w.Policies.Identity {
		consider(m.w.Policies.Identity[i].Doc, m.w.Policies.Identity[i].Name)
	}
	for j, d := range m.donors {
		for _, rf := range d.refs() {
			switch rf.named.Doc.Kind {
			case policy.KindIdentity, policy.KindBoundary, policy.KindSession, policy.KindSCP:
				consider(rf.named.Doc, "donor"+itoa(j)+rf.named.Name)
			}
		}
	}
	if best == nil || m.h("allow-all")%8 == 0 {
		return &policy.Document{Kind: k, Version: policy.Version2012, Statements: []policy.Statement{
			{Effect: policy.Allow, Action: []string{"*"}, Resource: []string{"*"}},
		}}
	}
	return rekind(best, k)
}

func addBoundary(m *mutator) (World, bool) {
	if m.w.Policies.Boundary != nil {
		return World{}, false
	}
	v := m.w.clone()
	v.Policies.Boundary = &evaluate.Named{Name: "addedBoundary", Doc: m.donorDoc(policy.KindBoundary)}
	return v, true
}

// addSession adds a session policy to a role or a role session: the only
// principals that may have one and may lack one (a federated user without
// one has no permissions at all, rule E3 step 7).
func addSession(m *mutator) (World, bool) {
	if m.w.Policies.Session != nil || !isRoleSession(m.w.Request.Principal) {
		return World{}, false
	}
	v := m.w.clone()
	v.Policies.Session = &evaluate.Named{Name: "addedSession", Doc: m.donorDoc(policy.KindSession)}
	return v, true
}

// isRoleSession reports whether p is an assumed-role session ARN or an IAM
// role ARN (which Request takes for a session of the role).
func isRoleSession(p string) bool {
	parts := strings.SplitN(p, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return false
	}
	return (parts[2] == "sts" && strings.HasPrefix(parts[5], "assumed-role/")) ||
		(parts[2] == "iam" && strings.HasPrefix(parts[5], "role/"))
}

func addSCPLevel(m *mutator) (World, bool) {
	v := m.w.clone()
	level := []evaluate.Named{{Name: "addedSCP", Doc: m.donorDoc(policy.KindSCP)}}
	at := int(m.h("level") % uint64(len(v.Policies.SCPs)+1))
	v.Policies.SCPs = slices.Insert(v.Policies.SCPs, at, level)
	return v, true
}
