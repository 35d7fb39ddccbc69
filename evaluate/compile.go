package evaluate

import (
	"slices"
	"strconv"
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/internal/glob"
	"github.com/lambdaiam/lambdaiam/policy"
)

// Set is a compiled set of policies: every matcher is built once, by
// Compile. A Set is immutable and safe for concurrent use by any number
// of goroutines.
type Set struct {
	cfg config

	stmts    []stmt    // every statement of every policy, in policy order
	policies []cpolicy // every policy

	identity []int32   // indexes into policies
	resource int32     // -1 when absent
	boundary int32     // -1 when absent
	session  int32     // -1 when absent
	scps     [][]int32 // per level
	rcps     [][]int32

	// resourceSide is the resource policy, if any; identitySide the
	// identity policies, the boundary and the session policy: the
	// policies whose denies count besides the SCPs and RCPs.
	resourceSide []int32
	identitySide []int32

	act  actionIndex
	prin principalIndex
	// nameOf[i] is, for a statement whose Action element is one exact
	// ASCII name, the index of that name in act.names; -1 otherwise. A
	// dense array, so that testing a candidate's action reads no more
	// than an int32.
	nameOf []int32

	// Which principal-derived keys some policy reads; the others are not
	// derived (deriving aws:PrincipalArn for a role session and aws:userid
	// for a federated user allocates).
	need derivedKeys

	// identityOnly: the set has identity policies and nothing else, and
	// no option that changes their evaluation, so that run may take its
	// shortest path.
	identityOnly bool

	// slotKeys are the lower-case keys of the condition key slots.
	slotKeys [keySlots]string
}

// cpolicy is one compiled policy.
type cpolicy struct {
	name string
	typ  PolicyType
	// Its statements are Set.stmts[lo:hi]: the Deny statements in
	// [lo, mid), then the Allow statements in [mid, hi), each in document
	// order.
	lo, mid, hi int32
	allows      []int32 // indexes into Set.stmts of its Allow statements
	denies      []int32 // ... and of its Deny statements
}

// stmt is one compiled statement.
type stmt struct {
	// The fields evaluation reads come first, so that a candidate costs
	// as few cache lines as possible; the rest are for reasons and for
	// matching actions the index did not settle.

	notAction bool
	// allActions: the Action/NotAction list holds "*".
	allActions bool
	// asciiActions: every entry is ASCII, so it matches a lower-case ASCII
	// action exactly when it matches it without regard to case.
	asciiActions bool
	// Resource / NotResource; both false in a trust policy statement,
	// which applies to every resource.
	hasResource, notResource bool
	// ceiling is the strongest grant the Principal can make (grantDirect
	// without a Principal), so that a search for the strongest grant can
	// skip statements that cannot beat what it has.
	ceiling grant
	// starArn: the Principal is "*" and a condition reads aws:PrincipalArn
	// (the E4 row that is always direct).
	starArn bool
	effect  policy.Effect
	// resMemo is the memo slot (see memo) of the Resource element, or -1
	// for none; condSlots the memo and key slots of each condition, nil
	// when no condition has either.
	resMemo int32
	// needSlots has the bit of each key slot whose key a condition of
	// the statement needs present (condition.Cond.FalseWhenMissing): a
	// request without it skips the statement at once.
	needSlots               uint8
	policy                  int32 // index into Set.policies
	principal, notPrincipal *principalMatcher
	conds                   []*condition.Cond
	condSlots               []condSlots
	res                     []resEntry

	actExact   []string       // wildcard-free entries, lower case
	actGlobs   [][]glob.Token // entries with wildcards, lower case
	actGlobSrc []string       // the same entries as written, lower case

	// index, sid and pos are copied from the source statement for
	// reasons, so that the Set keeps nothing the caller may change.
	index int
	sid   string
	pos   policy.Position

	// memoKeys, while compiling: what makes the Resource element (first)
	// and each condition (after it) equal to another's.
	memoKeys []string
}

// resEntry is one compiled Resource or NotResource entry.
type resEntry struct {
	star bool // the literal "*"
	pat  arn.Pattern
	dyn  *resTemplate // non-nil for an entry with policy variables
}

// resTemplate is a Resource entry with policy variables in its resource
// part (rule D2): the first five parts as fixed tokens, the rest as a
// template expanded per request.
type resTemplate struct {
	prefix []glob.Token
	tmpl   condition.Template
	mode   arn.ShortMode
}

// Compile checks that each document fits its slot (policy.KindIdentity for
// Identity, KindResource or KindTrust for Resource, KindBoundary,
// KindSession, KindSCP and KindRCP for the others) and compiles every
// statement: actions, Resource patterns, principals and conditions are
// all lowered here, so evaluation only matches. The error is an *Error.
func Compile(p Policies, opts ...Option) (*Set, error) {
	return compile(p, compiler{matchWork: maxMatchWork, entries: maxIndexEntries}, opts)
}

// compile is Compile with the action index's budgets of c.
func compile(p Policies, c compiler, opts []Option) (*Set, error) {
	s := &Set{resource: -1, boundary: -1, session: -1}
	for _, o := range opts {
		if o != nil {
			o(&s.cfg)
		}
	}
	s.cfg.applyDefaults()
	if err := s.cfg.lim.checkPolicies(&p); err != nil {
		return nil, err
	}
	c.s = s
	// The statements' slice at its final size: growing it by appends
	// would keep up to twice the memory.
	n := 0
	count := func(ns []Named) {
		for i := range ns {
			if ns[i].Doc != nil {
				n += len(ns[i].Doc.Statements)
			}
		}
	}
	count(p.Identity)
	for _, level := range append(slices.Clone(p.SCPs), p.RCPs...) {
		count(level)
	}
	for _, one := range []*Named{p.Resource, p.Boundary, p.Session} {
		if one != nil {
			count([]Named{*one})
		}
	}
	s.stmts = make([]stmt, 0, n)
	for i := range p.Identity {
		id, err := c.add(&p.Identity[i], IdentityBasedPolicy, policy.KindIdentity)
		if err != nil {
			return nil, err
		}
		s.identity = append(s.identity, id)
	}
	var err error
	if p.Resource != nil {
		if s.resource, err = c.add(p.Resource, ResourceBasedPolicy, policy.KindResource, policy.KindTrust); err != nil {
			return nil, err
		}
	}
	if p.Boundary != nil {
		if s.boundary, err = c.add(p.Boundary, PermissionsBoundary, policy.KindBoundary); err != nil {
			return nil, err
		}
	}
	if p.Session != nil {
		if s.session, err = c.add(p.Session, SessionPolicy, policy.KindSession); err != nil {
			return nil, err
		}
	}
	for _, level := range p.SCPs {
		ids := make([]int32, 0, len(level))
		for i := range level {
			id, err := c.add(&level[i], ServiceControlPolicy, policy.KindSCP)
			if err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		s.scps = append(s.scps, ids)
	}
	for _, level := range p.RCPs {
		ids := make([]int32, 0, len(level))
		for i := range level {
			id, err := c.add(&level[i], ResourceControlPolicy, policy.KindRCP)
			if err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		s.rcps = append(s.rcps, ids)
	}
	if s.resource >= 0 {
		s.resourceSide = []int32{s.resource}
	}
	s.identitySide = append(s.identitySide, s.identity...)
	if s.boundary >= 0 {
		s.identitySide = append(s.identitySide, s.boundary)
	}
	if s.session >= 0 {
		s.identitySide = append(s.identitySide, s.session)
	}
	s.identityOnly = s.resource < 0 && s.boundary < 0 && s.session < 0 &&
		len(s.scps) == 0 && len(s.rcps) == 0 && !s.cfg.plain
	c.buildActionIndex()
	c.buildPrincipalIndex()
	c.buildMemo()
	return s, nil
}

type compiler struct {
	s *Set
	// The action index's budgets (see maxMatchWork), fields so that
	// tests can shrink them.
	matchWork, entries int
}

// add compiles one policy into the set and returns its index.
func (c *compiler) add(n *Named, typ PolicyType, kinds ...policy.Kind) (int32, error) {
	s := c.s
	if n.Doc == nil {
		return -1, &Error{Code: CodeMissingDocument, Policy: n.Name, Statement: -1, Msg: "the " + typ.String() + " has no document"}
	}
	fits := false
	for _, k := range kinds {
		fits = fits || n.Doc.Kind == k
	}
	if !fits {
		return -1, &Error{Code: CodePolicyKind, Policy: n.Name, Statement: -1,
			Msg: "a " + n.Doc.Kind.String() + " policy cannot be used as a " + typ.String()}
	}
	id := int32(len(s.policies))
	cp := cpolicy{name: n.Name, typ: typ}
	vars := n.Doc.Variables()
	var allows []stmt
	for i := range n.Doc.Statements {
		src := &n.Doc.Statements[i]
		st, err := c.statement(src, typ, vars)
		if err != nil {
			err.Policy = n.Name
			err.Statement = src.Index
			return -1, err
		}
		st.policy = id
		switch st.effect {
		case policy.Allow:
			allows = append(allows, st)
		case policy.Deny:
			cp.denies = append(cp.denies, int32(len(s.stmts)))
			s.stmts = append(s.stmts, st)
		default:
			return -1, &Error{Code: CodeInvalidPolicy, Policy: n.Name, Statement: src.Index, Msg: "the statement has no valid Effect"}
		}
	}
	cp.lo = int32(len(s.stmts)) - int32(len(cp.denies))
	cp.mid = int32(len(s.stmts))
	for _, st := range allows {
		cp.allows = append(cp.allows, int32(len(s.stmts)))
		s.stmts = append(s.stmts, st)
	}
	cp.hi = int32(len(s.stmts))
	s.policies = append(s.policies, cp)
	return id, nil
}

// hasWildcard reports whether s contains a glob wildcard.
func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

func (c *compiler) statement(src *policy.Statement, typ PolicyType, vars bool) (stmt, *Error) {
	st := stmt{effect: src.Effect, index: src.Index, sid: src.Sid, pos: src.Pos}
	// Actions (rule M2): lower-cased once; the service prefix and the name
	// glob compare without regard to case.
	acts := src.Action
	if src.NotAction != nil {
		acts, st.notAction = src.NotAction, true
	}
	for _, a := range acts {
		la := strings.ToLower(a)
		switch {
		case la == "*":
			st.allActions = true
		case hasWildcard(la):
			st.actGlobs = append(st.actGlobs, glob.Parse(la))
			st.actGlobSrc = append(st.actGlobSrc, la)
		default:
			st.actExact = append(st.actExact, la)
		}
	}
	st.asciiActions = allASCII(st.actExact) && allASCII(st.actGlobSrc)
	// Resources (rule M3).
	res := src.Resource
	if src.NotResource != nil {
		res, st.notResource = src.NotResource, true
	}
	st.hasResource = res != nil
	mode := c.s.cfg.shortMode(typ)
	st.memoKeys = append(st.memoKeys, "")
	if st.hasResource {
		st.memoKeys[0] = memoKey(strconv.FormatBool(st.notResource), strconv.Itoa(int(mode)), strconv.FormatBool(vars), res)
	}
	for _, r := range res {
		e, err := c.resource(r, vars, mode)
		if err != nil {
			return st, err
		}
		st.res = append(st.res, e)
		c.note(r, vars)
	}
	// Principals (rule M4).
	st.ceiling = grantDirect
	if src.Principal != nil {
		st.principal = compilePrincipal(src.Principal)
		st.ceiling = st.principal.ceiling()
	}
	if src.NotPrincipal != nil {
		st.notPrincipal = compilePrincipal(src.NotPrincipal)
	}
	// Conditions (section C).
	for i := range src.Conditions {
		pc := &src.Conditions[i]
		cd, err := condition.Compile(pc.Operator, pc.Key, slices.Clone(pc.Values), vars, c.s.cfg.cond)
		if err != nil {
			return st, &Error{Code: CodeInvalidPolicy, Msg: "condition " + pc.Operator.String() + " " + pc.Key, Err: err}
		}
		st.conds = append(st.conds, cd)
		lk := strings.ToLower(pc.Key)
		st.memoKeys = append(st.memoKeys, memoKey(pc.Operator.String(), lk, strconv.FormatBool(vars), pc.Values))
		if lk == "aws:principalarn" {
			st.starArn = st.principal != nil && st.principal.wildcard
		}
		c.noteKey(lk)
		for _, v := range pc.Values {
			c.note(v, vars)
		}
	}
	return st, nil
}

// note records which derived keys a string with policy variables reads.
func (c *compiler) note(s string, vars bool) {
	if !vars || !strings.Contains(s, "${") {
		return
	}
	ls := strings.ToLower(s)
	for k, name := range derivedKeyNames {
		if strings.Contains(ls, name) {
			c.s.need |= 1 << k
		}
	}
}

// noteKey records which derived keys a condition key is.
func (c *compiler) noteKey(lk string) {
	for k, name := range derivedKeyNames {
		if lk == name {
			c.s.need |= 1 << k
		}
	}
}

// resource compiles one Resource or NotResource entry.
func (c *compiler) resource(r string, vars bool, mode arn.ShortMode) (resEntry, *Error) {
	if r == "*" {
		return resEntry{star: true}, nil
	}
	if vars && strings.Contains(r, "${") {
		// Variables count only in the resource part, after the fifth
		// colon (rule D2); a "${" before it is literal text.
		cut := fifthColon(r)
		if cut >= 0 && strings.Contains(r[cut:], "${") {
			t, err := condition.ParseTemplate(r[cut:], true)
			if err != nil {
				return resEntry{}, &Error{Code: CodeInvalidPolicy, Msg: "Resource " + r, Err: err}
			}
			if t.HasVariables() {
				return resEntry{dyn: &resTemplate{prefix: glob.Parse(r[:cut]), tmpl: t, mode: mode}}, nil
			}
		}
	}
	p, err := arn.ParsePatternMode(r, mode)
	if err != nil {
		return resEntry{}, &Error{Code: CodeInvalidPolicy, Msg: "Resource " + r, Err: err}
	}
	return resEntry{pat: p}, nil
}

// fifthColon returns the index just past the fifth ':' of s, or -1.
func fifthColon(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			n++
			if n == 5 {
				return i + 1
			}
		}
	}
	return -1
}

func compilePrincipal(p *policy.Principal) *principalMatcher {
	m := &principalMatcher{wildcard: p.Wildcard}
	for _, v := range p.AWS {
		m.addAWS(v)
	}
	m.services = append(m.services, p.Service...)
	// Federated and CanonicalUser principals name web-identity or SAML
	// providers and S3 canonical users; no request principal of this
	// package is one of them, so they never match.
	return m
}

func allASCII(names []string) bool {
	for _, n := range names {
		if !isASCII(n) {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// listsAction reports whether the statement's Action or NotAction list
// names action (matching, not yet inverted for NotAction). action may be
// in any case.
func (st *stmt) listsAction(action string) bool {
	if st.allActions {
		return true
	}
	for _, e := range st.actExact {
		if strings.EqualFold(e, action) {
			return true
		}
	}
	for _, g := range st.actGlobs {
		if glob.MatchTokens(g, action, true) {
			return true
		}
	}
	return false
}
