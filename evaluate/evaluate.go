package evaluate

import (
	"context"
	"fmt"
	"math/bits"
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/internal/glob"
)

// Evaluate decides r and explains the decision. A request that cannot be
// evaluated gives ImplicitDeny with Err set (an *Error) and no reasons.
func (s *Set) Evaluate(r Request) Result {
	return s.evaluate(nil, &r)
}

// EvaluateContext is Evaluate under a context: when ctx is done before the
// decision is made, evaluation stops and the result is ImplicitDeny with
// Err an *Error of code CodeCanceled that wraps ctx.Err(), so that
// errors.Is(res.Err, context.Canceled) and context.DeadlineExceeded work.
// A context that is done on entry always gives that result. ctx is polled
// between statements, so a cancellation is seen within a few statements.
func (s *Set) EvaluateContext(ctx context.Context, r Request) Result {
	if ctx == nil {
		ctx = context.Background()
	}
	return s.evaluate(ctx, &r)
}

func (s *Set) evaluate(ctx context.Context, r *Request) Result {
	var rec recorder
	d, err := s.decide(ctx, r, &rec)
	if err != nil {
		return Result{Decision: ImplicitDeny, Err: err}
	}
	return Result{Decision: d, Reasons: rec.reasons}
}

// Decide decides r without explaining it. It does not allocate in the
// common case (see the package documentation). A request that cannot be
// evaluated gives ImplicitDeny.
func (s *Set) Decide(r Request) Decision {
	d, _ := s.decide(nil, &r, nil)
	return d
}

// Evaluate compiles p and decides r: a one-off Compile plus Evaluate. The
// error is Compile's error or Result.Err; the Result's Decision is then
// ImplicitDeny.
func Evaluate(r Request, p Policies, opts ...Option) (Result, error) {
	var cfg config
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if err := cfg.lim.checkPolicies(&p); err != nil {
		return Result{Decision: ImplicitDeny, Err: err}, err
	}
	s, err := Compile(p, opts...)
	if err != nil {
		return Result{Decision: ImplicitDeny, Err: err}, err
	}
	res := s.Evaluate(r)
	return res, res.Err
}

// query is one request under evaluation.
type query struct {
	s        *Set
	r        *Request
	p        *principal
	env      *condition.Env
	rec      *recorder // nil for Decide
	resource string    // the resource matched against: "*" for wildcard-only actions
	resAcct  string
	service  string // the action's service prefix
	boundary bool   // the principal has a permissions boundary
	// acts are the statements whose Action element could apply; prin,
	// when usable, the resource policy's statements whose Principal
	// element could name the principal.
	acts    sources
	prin    sources
	hasPrin bool
	memo    memo
	// present and absent have the bits of the key slots whose keys the
	// request is known to have, or to lack.
	present, absent uint8
	// lower is the action in lower case when the index holds it, else "";
	// nameID its index in the index, -1 for an ASCII action the index
	// does not hold, -2 for a non-ASCII action.
	lower  string
	nameID int32
	// wildOnly: the action index knows whether the action is
	// wildcard-only (rule M3.4), and wildOnlyV is the answer.
	wildOnly, wildOnlyV bool

	// fc is the fail-closed state, a local variable of decide.
	fc *failClosed
}

// failClosed is what stops an evaluation (see the package documentation):
// ctx is polled every pollEvery statements; work counts condition
// comparisons against limit (0: no limit). Once err is set no statement
// applies any more, and decide turns whatever the algorithm returns into
// ImplicitDeny. It is kept apart from query, behind a pointer, so that
// calling ctx's methods lets nothing of the query escape to the heap.
type failClosed struct {
	ctx   context.Context // nil for Decide and Evaluate
	polls uint32
	work  int
	limit int
	err   *Error
}

// pollEvery is how many statements are tried between two looks at the
// context of EvaluateContext.
const pollEvery = 32

// decide validates the request, builds its environment and runs the
// algorithm of the package documentation.
//
// It is the single exit of every evaluation, and the one place that makes
// it fail closed: an evaluation that stopped on an error (a limit, a
// cancelled context, a panic) returns ImplicitDeny and the error, whatever
// the algorithm would have decided.
func (s *Set) decide(ctx context.Context, r *Request, rec *recorder) (d Decision, err error) {
	if !s.compiled() {
		return ImplicitDeny, &Error{Code: CodeNotCompiled, Statement: -1, Msg: "the policy set was not built by Compile"}
	}
	defer func() {
		if v := recover(); v != nil {
			d, err = ImplicitDeny, &Error{Code: CodeInternal, Statement: -1, Msg: fmt.Sprintf("evaluation failed: %v", v)}
		}
	}()
	if ctx != nil {
		if e := ctx.Err(); e != nil {
			return ImplicitDeny, canceled(e)
		}
	}
	if n := s.cfg.lim.maxStatements; n > 0 && len(s.stmts) > n {
		return ImplicitDeny, tooManyStatements(len(s.stmts), n)
	}
	var env condition.Env
	fc := failClosed{ctx: ctx, limit: s.cfg.lim.maxCondWork}
	var pv principal
	p := &pv
	var q query
	q.s, q.r, q.env, q.rec, q.fc, q.p = s, r, &env, rec, &fc, p
	if err := p.parse(r.Principal); err != nil {
		return ImplicitDeny, err
	}
	q.findAction()
	var svc string
	if id := q.nameID; id >= 0 && s.act.svcLen[id] > 0 {
		// A name of the index, known to be "service:Name".
		svc = r.Action[:s.act.svcLen[id]]
	} else {
		var name string
		var ok bool
		svc, name, ok = strings.Cut(r.Action, ":")
		if !ok || svc == "" || name == "" {
			return ImplicitDeny, requestError(CodeInvalidAction, "action", r.Action, "the action is not \"service:Name\"")
		}
	}
	resAcct := r.ResourceAccount
	if r.Resource != "*" {
		// One pass over the resource: its shape, and its account.
		acct, ok := lambdaAccount(r.Resource)
		if !ok {
			var part, svc string
			part, svc, _, acct, _, ok = arn.Split(r.Resource)
			ok = ok && part != "" && svc != ""
		}
		if !ok {
			return ImplicitDeny, requestError(CodeInvalidResource, "resource", r.Resource, "the resource is neither \"*\" nor an ARN")
		}
		if resAcct == "" {
			resAcct = acct
		}
	}
	if resAcct == "" {
		// "*", or an ARN without an account (an S3 bucket): the
		// principal's own account.
		resAcct = p.account
	}
	if r.ResourceAccount != "" && !arn.IsAccountID(r.ResourceAccount) {
		return ImplicitDeny, requestError(CodeInvalidResource, "resourceAccount", r.ResourceAccount, "the resource account is not a 12-digit account ID")
	}

	env.Ctx, env.Time = r.Context, r.Time
	s.derive(&env, p)

	q.resource, q.resAcct, q.service = r.Resource, resAcct, svc
	q.lookupAction()
	q.lookupPrincipal()
	if q.wildOnly {
		if q.wildOnlyV {
			q.resource = "*"
		}
	} else if s.cfg.isWildcardOnly(r.Action) {
		q.resource = "*"
	}
	q.boundary = s.boundary >= 0 && p.iam() && p.kind != kindRoot
	d = q.run()
	if fc.err == nil && rec != nil {
		q.finish(d)
	}
	if fc.err == nil && ctx != nil {
		if e := ctx.Err(); e != nil {
			fc.err = canceled(e)
		}
	}
	if fc.err != nil {
		return ImplicitDeny, fc.err
	}
	return d, nil
}

// compiled reports whether s was built by Compile: a nil *Set, or a Set
// value made some other way, is never evaluated.
func (s *Set) compiled() bool {
	if s == nil {
		return false
	}
	n := int32(len(s.policies))
	return s.resource < n && s.boundary < n && s.session < n
}

// stop records the error that ends the evaluation.
func (fc *failClosed) stop(err *Error) {
	if fc.err == nil {
		fc.err = err
	}
}

// poll reports false, and stops the evaluation, once the context is done.
// It looks at the context every pollEvery calls.
func (fc *failClosed) poll() bool {
	if fc.polls++; fc.polls%pollEvery != 0 {
		return true
	}
	if e := fc.ctx.Err(); e != nil {
		fc.stop(canceled(e))
		return false
	}
	return true
}

// charge counts the work of evaluating condition c: its policy values
// times the request values of its key (at least one each). It reports
// false, and stops the evaluation, when the total passes the limit.
func (q *query) charge(c *condition.Cond) bool {
	n := max(len(c.Values()), 1)
	if v, ok := q.lookup(c.Key()); ok {
		n *= max(v.Len(), 1)
	}
	fc := q.fc
	fc.work += n
	if fc.work > fc.limit || fc.work < 0 {
		fc.stop(conditionWorkExceeded(fc.limit))
		return false
	}
	return true
}

// lookup finds key in the request's environment, lower-casing an ASCII key
// of up to 64 bytes in a stack buffer rather than on the heap.
func (q *query) lookup(key string) (condition.Value, bool) {
	var buf [64]byte
	if len(key) <= len(buf) {
		b := buf[:len(key)]
		for i := 0; i < len(key); i++ {
			c := key[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return q.env.Lookup(string(b))
	}
	return q.env.Lookup(key)
}

// findAction sets q.nameID: the request action's index in the action
// index's names, found by a hash of its lower-cased copy (see nameTable);
// -1 for an ASCII action the index does not hold, -2 for a non-ASCII one
// (or under WithPlainEvaluation), whose candidates are every statement.
func (q *query) findAction() {
	a := q.r.Action
	ix := &q.s.act
	switch {
	case q.s.cfg.plain:
		q.nameID = -2
	case len(a) <= 64:
		var buf [64]byte
		lower := buf[:len(a)]
		if !lowerASCII(lower, a) {
			q.nameID = -2
			return
		}
		q.nameID = ix.table.find(ix.names, lower, nameHash(lower))
	case !isASCII(a):
		q.nameID = -2
	default:
		q.nameID = searchLower(ix.names, a)
	}
}

// lookupAction finds the request action's candidate statements in the
// action index (see actionIndex) once findAction has found its name.
func (q *query) lookupAction() {
	ix := &q.s.act
	name := q.nameID
	if name == -2 {
		q.acts.all = true
		return
	}
	if name >= 0 {
		q.lower = ix.names[name]
		if ix.wildOnly != nil {
			q.wildOnly, q.wildOnlyV = true, ix.wildOnly[name]
		}
		if l := ix.nameAll[name]; l != nil {
			q.acts.add(l)
			return
		}
		q.acts.add(ix.byName[name])
	}
	svc := searchLower(ix.svcs, q.service)
	if name < 0 && svc >= 0 {
		if l := ix.svcAll[svc]; l != nil {
			q.acts.add(l)
			return
		}
	}
	if svc >= 0 && (name < 0 || !ix.svcDone[svc]) {
		q.acts.add(ix.bySvc[svc])
	}
	q.acts.add(ix.general)
}

// lookupPrincipal finds the resource policy's candidate statements for
// the request's principal in the principal index.
func (q *query) lookupPrincipal() {
	if q.s.resource < 0 || q.s.cfg.plain {
		return
	}
	q.hasPrin = true
	ix := &q.s.prin
	var list, all []entry
	switch {
	case q.p.kind == kindService:
		if i := searchExact(ix.services, q.p.name); i >= 0 {
			list, all = ix.byService[i], ix.serviceAll[i]
			q.p.name = ix.services[i] // the same text, interned
		}
	case q.p.iam():
		if i := searchExact(ix.accounts, q.p.account); i >= 0 {
			list, all = ix.byAccount[i], ix.accountAll[i]
			q.p.account = ix.accounts[i] // the same text, interned
		}
	}
	if all != nil {
		q.prin.add(all)
		return
	}
	q.prin.add(list)
	q.prin.add(ix.general)
}

// candidates returns a cursor over the statements of policy pid with the
// given effect that could apply to the request: from the principal index
// when that holds fewer of them, else from the action index.
func (q *query) candidates(pid int32, allow bool) cursor {
	lo, hi, ss := q.sourcesFor(pid, allow)
	return ss.cursor(lo, hi)
}

// sourcesFor returns the statement range of policy pid's statements with
// the given effect, and the sources to take its candidates from.
func (q *query) sourcesFor(pid int32, allow bool) (lo, hi int32, ss *sources) {
	cp := &q.s.policies[pid]
	lo, hi = cp.lo, cp.mid
	if allow {
		lo, hi = cp.mid, cp.hi
	}
	if q.hasPrin && pid == q.s.resource && q.prin.count(lo, hi) < q.acts.count(lo, hi) {
		return lo, hi, &q.prin
	}
	return lo, hi, &q.acts
}

// single returns the candidates of policy pid's statements with the given
// effect when they come from one list (the common case, walked without a
// cursor); ok is false otherwise.
func (q *query) single(pid int32, allow bool) (ids []entry, ok bool) {
	lo, hi, ss := q.sourcesFor(pid, allow)
	if ss.all || ss.n > 1 {
		return nil, false
	}
	if ss.n == 0 {
		return nil, true
	}
	return within(ss.src[0], lo, hi), true
}

// compareLower compares a, with its ASCII letters lower-cased, to the
// lower-case string b, as strings.Compare does.
func compareLower(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		c := a[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != b[i] {
			if c < b[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// applies reports how statement i applies to the request (rule E1):
// grantNone when it does not; for a statement with a Principal, how the
// principal matched (rule E4); grantDirect otherwise.
//
// testAction false says the action index found that the statement's
// Action element applies, so it is not matched again.
func (q *query) applies(i int32, testAction bool) grant {
	if fc := q.fc; fc.err != nil || (fc.ctx != nil && !fc.poll()) {
		return grantNone
	}
	st := &q.s.stmts[i]
	// Action (M2).
	if testAction {
		if n := q.s.nameOf[i]; n >= 0 && q.nameID > -2 {
			if n != q.nameID {
				return grantNone
			}
		} else if q.listsAction(st) == st.notAction {
			return grantNone
		}
	}
	// Conditions that a missing key makes false, before anything else:
	// whether a key is present is looked up once per request. (Not under
	// a condition work limit, whose count then stays the same.)
	if m := st.needSlots; m != 0 && q.fc.limit == 0 {
		if m&^q.present != 0 && !q.slotsPresent(m) {
			return grantNone
		}
	}
	// Principal (M4), before the Resource: comparing a few strings costs
	// less than a glob.
	g := grantDirect
	if st.principal != nil {
		if g = st.principal.match(q.p); g == grantNone {
			return grantNone
		}
		if st.principal.wildcard && !st.starArn {
			switch q.s.cfg.wildcardGrant {
			case WildcardCappedBySession:
				g = grantSession
			case WildcardCapped:
				g = grantRole
			}
		}
	}
	if st.notPrincipal != nil && !q.boundary && st.notPrincipal.listed(q.p) {
		return grantNone
	}
	// Resource (M3).
	if st.hasResource {
		if slot := st.resMemo; slot >= 0 {
			m, ok := q.memo.get(slot)
			if !ok {
				m = q.matchResource(st)
				q.memo.put(slot, m)
			}
			if !m {
				return grantNone
			}
		} else if !q.matchResource(st) {
			return grantNone
		}
	}
	// Conditions (C): all must hold.
	if q.fc.limit > 0 {
		for _, c := range st.conds {
			if !q.charge(c) || !c.Eval(q.env) {
				return grantNone
			}
		}
		return g
	}
	if st.condSlots == nil {
		for _, c := range st.conds {
			if !c.Eval(q.env) {
				return grantNone
			}
		}
		return g
	}
	for k, c := range st.conds {
		cs := st.condSlots[k]
		if cs.memo >= 0 {
			m, ok := q.memo.get(cs.memo)
			if !ok {
				m = q.eval(c, cs.key)
				q.memo.put(cs.memo, m)
			}
			if !m {
				return grantNone
			}
		} else if !q.eval(c, cs.key) {
			return grantNone
		}
	}
	return g
}

// slotsPresent reports whether the request has the keys of every key slot
// in m, remembering the answers in q.present and q.absent.
func (q *query) slotsPresent(m uint8) bool {
	if m&q.absent != 0 {
		return false
	}
	for u := m &^ q.present; u != 0; u &= u - 1 {
		k := bits.TrailingZeros8(u)
		if q.env.SlotFound(k, q.s.slotKeys[k]) {
			q.present |= 1 << k
		} else {
			q.absent |= 1 << k
			return false
		}
	}
	return true
}

// eval evaluates condition c, whose key is in key slot ks (or -1), looking
// the key's value up once per evaluation.
func (q *query) eval(c *condition.Cond, ks int32) bool {
	if ks < 0 {
		return c.Eval(q.env)
	}
	return c.EvalSlot(q.env, int(ks))
}

// listsAction is st.listsAction for the request's action, comparing the
// lower-case name when the index gave one.
func (q *query) listsAction(st *stmt) bool {
	la := q.lower
	if la == "" || !st.asciiActions {
		// Unicode case folding may match a non-ASCII entry.
		return st.listsAction(q.r.Action)
	}
	if st.allActions {
		return true
	}
	for _, e := range st.actExact {
		if e == la {
			return true
		}
	}
	for _, g := range st.actGlobs {
		if glob.MatchTokens(g, la, false) {
			return true
		}
	}
	return false
}

// matchResource reports whether the statement's Resource or NotResource
// element lets it apply to the request's resource.
func (q *query) matchResource(st *stmt) bool {
	if len(st.res) == 1 && st.res[0].dyn == nil && q.resource != "*" {
		// One entry without variables: the common case, inline.
		e := &st.res[0]
		return (e.star || e.pat.Match(q.resource)) != st.notResource
	}
	matched := false
	for i := range st.res {
		m, unresolved := q.matchEntry(&st.res[i])
		if unresolved && st.notResource && q.s.cfg.notResource == UnresolvedDropsStatement {
			return false
		}
		if m {
			matched = true
			break
		}
	}
	return matched != st.notResource
}

// matchEntry matches one Resource entry. A request resource of "*" is
// matched only by the literal "*" (rule M3.4). unresolved reports an entry
// whose policy variables have no value (rule D3); it matches nothing.
func (q *query) matchEntry(e *resEntry) (match, unresolved bool) {
	switch {
	case q.resource == "*":
		return e.star, false
	case e.star:
		return true, false
	case e.dyn == nil:
		return e.pat.Match(q.resource), false
	}
	var buf [32]glob.Token
	toks := append(buf[:0], e.dyn.prefix...)
	toks, ok := e.dyn.tmpl.Expand(q.env, toks)
	if !ok {
		return false, true
	}
	return arn.MatchPatternTokens(toks, q.resource, e.dyn.mode), false
}

// denies reports whether policy pid has an applicable Deny statement. When
// recording, it records every one of them.
func (q *query) denies(pid int32) bool {
	cp := &q.s.policies[pid]
	if ids, ok := q.single(pid, false); ok && q.rec == nil {
		for _, e := range ids {
			if q.applies(int32(e>>1), e&1 != 0) != grantNone {
				return true
			}
		}
		return false
	}
	found := false
	for c := q.candidates(pid, false); ; {
		i, test, ok := c.next()
		if !ok {
			break
		}
		if q.applies(i, test) != grantNone {
			if q.rec == nil {
				return true
			}
			found = true
			q.recordDeny(cp, i)
		}
	}
	return found
}

// denyIn checks policies pids for applicable Deny statements and sets
// *denied when it finds one. Deciding, it reports whether to stop: at the
// first Deny. Recording, it records every Deny and never stops.
func (q *query) denyIn(pids []int32, denied *bool) (stop bool) {
	for _, pid := range pids {
		if q.denies(pid) {
			*denied = true
			if q.rec == nil {
				return true
			}
		}
	}
	return false
}

// explicitDeny reports whether any policy that takes part has an
// applicable Deny (rule E3.1), looking in the order RCPs, SCPs, resource
// policy, identity side.
func (q *query) explicitDeny(rcp, scp, own bool) bool {
	s := q.s
	denied := false
	if rcp {
		for _, level := range s.rcps {
			if q.denyIn(level, &denied) {
				return true
			}
		}
	}
	if scp {
		for _, level := range s.scps {
			if q.denyIn(level, &denied) {
				return true
			}
		}
	}
	if q.denyIn(s.resourceSide, &denied) {
		return true
	}
	if own && q.denyIn(s.identitySide, &denied) {
		return true
	}
	return denied
}

// allows reports whether policy pid has an applicable Allow statement.
func (q *query) allows(pid int32) bool {
	if ids, ok := q.single(pid, true); ok {
		for _, e := range ids {
			if q.applies(int32(e>>1), e&1 != 0) != grantNone {
				return true
			}
		}
		return false
	}
	for c := q.candidates(pid, true); ; {
		i, test, ok := c.next()
		if !ok {
			return false
		}
		if q.applies(i, test) != grantNone {
			return true
		}
	}
}

// levelAllows reports whether some policy of an SCP or RCP level allows.
func (q *query) levelAllows(level []int32) bool {
	for _, pid := range level {
		if q.allows(pid) {
			return true
		}
	}
	return false
}

// resourceGrant returns the strongest grant of the resource policy's
// applicable Allow statements (rule E4), or any grant at least as strong
// as need: it stops looking once it has one. Statements whose Principal
// cannot grant more than what is found already are skipped.
func (q *query) resourceGrant(need grant) grant {
	if q.s.resource < 0 {
		return grantNone
	}
	best := grantNone
	if ids, ok := q.single(q.s.resource, true); ok {
		for _, e := range ids {
			i := int32(e >> 1)
			if best != grantNone && q.s.stmts[i].ceiling <= best {
				continue
			}
			if g := q.applies(i, e&1 != 0); g > best {
				if best = g; best >= need {
					break
				}
			}
		}
		return best
	}
	for c := q.candidates(q.s.resource, true); ; {
		i, test, ok := c.next()
		if !ok {
			break
		}
		if best != grantNone && q.s.stmts[i].ceiling <= best {
			continue
		}
		if g := q.applies(i, test); g > best {
			if best = g; best >= need {
				break
			}
		}
	}
	return best
}

// check takes one required step of the algorithm. Deciding (no recorder),
// it reports whether to stop: at the first failure. Recording, it notes
// the step and never stops, so that every step is explained.
func (q *query) check(ok bool, t PolicyType, pid int32, level int) (stop bool) {
	if q.rec == nil {
		return !ok
	}
	q.rec.step(ok, t, pid, level)
	return false
}

// levels checks every SCP or RCP level: each must allow.
func (q *query) levels(levels [][]int32, t PolicyType) (stop bool) {
	for i, level := range levels {
		if q.check(q.levelAllows(level), t, -1, i) {
			return true
		}
	}
	return false
}

// identityChain checks the principal's own side: an identity-based policy
// allows (the root user needs none), the permissions boundary allows, and
// the session policy allows (rule E3 steps 5–7).
func (q *query) identityChain() (stop bool) {
	s := q.s
	if q.p.kind == kindRoot {
		if q.rec != nil {
			q.rec.step(true, NoPolicy, -1, -1)
		}
	} else {
		ok := false
		for _, pid := range s.identity {
			if q.allows(pid) {
				ok = true
				break
			}
		}
		if q.check(ok, IdentityBasedPolicy, -1, -1) {
			return true
		}
	}
	return q.boundaryCheck() || q.sessionCheck()
}

// boundaryCheck: a principal with a permissions boundary needs it to allow.
func (q *query) boundaryCheck() (stop bool) {
	if !q.boundary {
		return false
	}
	return q.check(q.allows(q.s.boundary), PermissionsBoundary, q.s.boundary, -1)
}

// sessionCheck: a session with a session policy needs it to allow; a
// federated-user session without one has no permissions (GetFederationToken,
// rule E3 step 7, G.30). Other principals have no session policy.
func (q *query) sessionCheck() (stop bool) {
	if !q.p.sessionLike() {
		return false
	}
	if q.s.session < 0 {
		if q.p.kind == kindFederated {
			return q.check(false, SessionPolicy, -1, -1)
		}
		return false
	}
	return q.check(q.allows(q.s.session), SessionPolicy, q.s.session, -1)
}

// result turns the outcome of the checks into a decision: deciding, the
// checks stopped at the first failure, so reaching here means Allow.
func (q *query) result() Decision {
	if q.rec != nil && q.rec.failed {
		return ImplicitDeny
	}
	return Allow
}

// run is the evaluation algorithm; the package documentation describes it
// step by step.
func (q *query) run() Decision {
	s, p := q.s, q.p
	if s.identityOnly && q.rec == nil && (p.kind == kindUser || p.kind == kindRole) &&
		p.account == q.resAcct && len(q.service) != 3 {
		// The shortest path, and the same answer: a set of identity
		// policies alone, a user or role of the resource's account, and
		// an action of a service other than sts (not GetCallerIdentity,
		// not a trust action). There is no resource policy, boundary,
		// session policy, SCP or RCP, so E3 is: an applicable Deny in an
		// identity policy denies, else one applicable Allow allows.
		denied := false
		if q.denyIn(s.identity, &denied) || denied {
			return ExplicitDeny
		}
		for _, pid := range s.identity {
			if q.allows(pid) {
				return Allow
			}
		}
		return ImplicitDeny
	}

	// E3b: sts:GetCallerIdentity needs no permission.
	if p.kind != kindAnonymous && strings.EqualFold(q.r.Action, "sts:GetCallerIdentity") {
		if q.rec != nil {
			q.rec.note(NoPolicy, "sts:GetCallerIdentity needs no permission and cannot be denied")
		}
		return Allow
	}

	mgmt := s.cfg.managementAccount
	scp := len(s.scps) > 0 && p.iam() &&
		(mgmt == "" || p.account != mgmt) &&
		!(s.cfg.exemptServiceLinks && p.isServiceLinked())
	rcp := len(s.rcps) > 0 && s.cfg.rcpApplies(q.service) && (mgmt == "" || q.resAcct != mgmt)
	own := p.iam() // the principal has an identity side

	// E3.1: an applicable Deny in any policy that takes part.
	if q.explicitDeny(rcp, scp, own) {
		return ExplicitDeny
	}

	// E3.2: every RCP level allows (only when asked: by default each level
	// holds RCPFullAWSAccess).
	if rcp && s.cfg.requireRCPAllow && q.levels(s.rcps, ResourceControlPolicy) {
		return ImplicitDeny
	}

	// E6, E7: a service principal or an anonymous caller has only the
	// resource policy.
	if !own {
		if q.check(q.resourceGrant(grantAccount) != grantNone, ResourceBasedPolicy, s.resource, -1) {
			return ImplicitDeny
		}
		return q.result()
	}

	trust := len(q.service) == 3 && IsTrustAction(q.r.Action)
	if trust && p.kind == kindRoot {
		// The root user cannot assume roles.
		if q.rec != nil {
			q.recordRootAssume()
		}
		return ImplicitDeny
	}

	// E5: across accounts, the resource side and the principal side must
	// both allow; the resource policy grants at any level, and the
	// principal's side must allow on its own.
	if p.account != q.resAcct {
		if q.check(q.resourceGrant(grantAccount) != grantNone, ResourceBasedPolicy, s.resource, -1) {
			return ImplicitDeny
		}
		if scp && q.levels(s.scps, ServiceControlPolicy) {
			return ImplicitDeny
		}
		if q.identityChain() {
			return ImplicitDeny
		}
		return q.result()
	}

	// E3.3: every SCP level allows.
	if scp && q.levels(s.scps, ServiceControlPolicy) {
		return ImplicitDeny
	}
	if q.rec != nil && q.rec.failed {
		// An SCP level failed; explain the resource and identity sides
		// no further.
		return ImplicitDeny
	}

	// E3.4, E4: the resource policy.
	switch g := q.resourceGrant(grantDirect); g {
	case grantDirect:
		q.check(true, ResourceBasedPolicy, s.resource, -1)
		return q.result()
	case grantRole:
		q.check(true, ResourceBasedPolicy, s.resource, -1)
		if q.boundaryCheck() || q.sessionCheck() {
			return ImplicitDeny
		}
		return q.result()
	case grantSession:
		q.check(true, ResourceBasedPolicy, s.resource, -1)
		if q.sessionCheck() {
			return ImplicitDeny
		}
		return q.result()
	default:
		// E3a: a role trust policy must allow the caller; an account-level
		// trust delegates to the identity side.
		if trust && q.check(g != grantNone, ResourceBasedPolicy, s.resource, -1) {
			return ImplicitDeny
		}
	}

	// E3.5–E3.7: identity-based policies, boundary, session policy.
	if q.identityChain() {
		return ImplicitDeny
	}
	return q.result()
}

// IsTrustAction reports whether action is evaluated against a role trust
// policy (rule E3a): sts:AssumeRole, sts:AssumeRoleWithSAML,
// sts:AssumeRoleWithWebIdentity, and sts:TagSession and
// sts:SetSourceIdentity, which are evaluated with them.
func IsTrustAction(action string) bool {
	svc, name, _ := strings.Cut(action, ":")
	if !strings.EqualFold(svc, "sts") {
		return false
	}
	return strings.EqualFold(name, "AssumeRole") ||
		strings.EqualFold(name, "AssumeRoleWithSAML") ||
		strings.EqualFold(name, "AssumeRoleWithWebIdentity") ||
		strings.EqualFold(name, "TagSession") ||
		strings.EqualFold(name, "SetSourceIdentity")
}
