package evaluate

import (
	"cmp"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/internal/glob"
)

// The statement indexes. A request is tested only against the statements
// that could apply to it: those whose Action element could list its action
// and, in the resource policy, those whose Principal element could name
// its principal. Each index maps a key to an ascending list of statement
// numbers (indexes into Set.stmts); a request takes a few lists, and
// evaluation walks their union (see cursor) within one policy's Allow or
// Deny statements, which Compile stores contiguously.

// actionIndex finds the statements whose Action element could apply to an
// action, in three buckets:
//
//   - exact names: a statement that lists "lambda:invokefunction" is on
//     that name's list;
//   - service-prefixed patterns ("lambda:Get*", "lambda:*"): the statement
//     is on its service's list, and, when Compile could afford to match
//     the pattern against every indexed name of the service, on the list
//     of each name it matches;
//   - the rest ("*", patterns whose service part has wildcards, NotAction,
//     names that are not ASCII): tested for every request.
//
// The catalog's actions of each service with a pattern are indexed
// besides the names the policies write, so that a request for any
// catalogued action finds its name.
type actionIndex struct {
	names  []string  // sorted, lower case, ASCII
	byName [][]int32 // statements whose Action element lists names[i]
	// wildOnly[i] reports names[i] wildcard-only (rule M3.4); nil when
	// the caller replaced the catalog's list (WithWildcardOnlyActions),
	// whose function must see the request's action as given.
	wildOnly []bool

	svcs    []string  // sorted, lower case service prefixes of patterns
	bySvc   [][]int32 // statements with a pattern under svcs[i]
	svcDone []bool    // every name of svcs[i] carries bySvc[i]'s matches

	general []int32 // statements matched against every request
}

// principalIndex finds the resource policy's statements whose Principal
// element could name a principal: by service principal name, by account
// (an account, root, user, role, session or federated-user entry), and
// the rest (a Principal of "*", or no Principal element), which could
// name anyone.
type principalIndex struct {
	services  []string // sorted
	byService [][]int32
	accounts  []string // sorted
	byAccount [][]int32
	general   []int32
}

// Budgets for the index: matching the patterns of a service against its
// names costs at most maxMatchWork bytes compared, and the lists hold at
// most maxIndexEntries statement numbers past one per exact name listed.
// A service over either budget keeps its patterns on its own list, tested
// per request. Compile stays linear in the size of the policies.
const (
	maxMatchWork    = 1 << 25
	maxIndexEntries = 1 << 22
)

// pair is a (key, statement) entry while an index is built.
type pair struct{ key, stmt int32 }

// lists turns pairs into one ascending, duplicate-free list per key.
func lists(pairs []pair, nkeys int) [][]int32 {
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.stmt, b.stmt)
	})
	pairs = slices.Compact(pairs)
	backing := make([]int32, len(pairs))
	out := make([][]int32, nkeys)
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j].key == pairs[i].key {
			backing[j] = pairs[j].stmt
			j++
		}
		out[pairs[i].key] = backing[i:j:j]
		i = j
	}
	return out
}

// globService returns the lower-case service prefix of a lower-case
// action pattern, when the prefix has no wildcard.
func globService(g string) (string, bool) {
	svc, _, ok := strings.Cut(g, ":")
	if !ok || svc == "" || hasWildcard(svc) {
		return "", false
	}
	return svc, true
}

// generalActions reports whether the statement's Action element is tested
// against every request rather than indexed.
func (st *stmt) generalActions() bool {
	if st.notAction || st.allActions || !allASCII(st.actExact) || !allASCII(st.actGlobSrc) {
		return true
	}
	for _, g := range st.actGlobSrc {
		if _, ok := globService(g); !ok {
			return true
		}
	}
	return false
}

// buildActionIndex fills Set.act.
func (c *compiler) buildActionIndex() {
	s := c.s
	ix := &s.act
	var exact []string
	svcSet := map[string]bool{}
	for i := range s.stmts {
		st := &s.stmts[i]
		if st.generalActions() {
			ix.general = append(ix.general, int32(i))
			continue
		}
		exact = append(exact, st.actExact...)
		for _, g := range st.actGlobSrc {
			svc, _ := globService(g)
			svcSet[svc] = true
		}
	}
	for svc := range svcSet {
		ix.svcs = append(ix.svcs, svc)
	}
	slices.Sort(ix.svcs)
	// Names: those written, and the catalog's for each patterned service.
	names := exact
	cat := s.cfg.catalog()
	for _, svc := range ix.svcs {
		names = cat.AppendActionNames(names, svc)
	}
	slices.Sort(names)
	ix.names = slices.Compact(names)
	nameID := func(n string) int32 {
		id, _ := slices.BinarySearch(ix.names, n)
		return int32(id)
	}
	svcID := func(svc string) int32 {
		id, _ := slices.BinarySearch(ix.svcs, svc)
		return int32(id)
	}

	var namePairs, svcPairs []pair
	for i := range s.stmts {
		st := &s.stmts[i]
		if st.generalActions() {
			continue
		}
		for _, a := range st.actExact {
			namePairs = append(namePairs, pair{nameID(a), int32(i)})
		}
		for _, g := range st.actGlobSrc {
			svc, _ := globService(g)
			svcPairs = append(svcPairs, pair{svcID(svc), int32(i)})
		}
	}
	ix.bySvc = lists(svcPairs, len(ix.svcs))

	// Match each service's patterns against its names, within budget;
	// each distinct pattern once.
	ix.svcDone = make([]bool, len(ix.svcs))
	work, entries := 0, 0
	for sid, svc := range ix.svcs {
		lo, _ := slices.BinarySearch(ix.names, svc+":")
		hi := lo
		for hi < len(ix.names) && strings.HasPrefix(ix.names[hi], svc+":") {
			hi++
		}
		pats := map[string][]int32{} // pattern → the names it matches
		cost := 0
		for _, i := range ix.bySvc[sid] {
			for _, g := range s.stmts[i].actGlobSrc {
				if _, seen := pats[g]; !seen && strings.HasPrefix(g, svc+":") {
					pats[g] = nil
					for _, n := range ix.names[lo:hi] {
						cost += len(g) + len(n)
					}
				}
			}
		}
		if work+cost > c.matchWork {
			continue
		}
		work += cost
		for g := range pats {
			var ids []int32
			toks := glob.Parse(g)
			for id := lo; id < hi; id++ {
				if glob.MatchTokens(toks, ix.names[id], true) {
					ids = append(ids, int32(id))
				}
			}
			pats[g] = ids
		}
		var add []pair
		for _, i := range ix.bySvc[sid] {
			for _, g := range s.stmts[i].actGlobSrc {
				for _, id := range pats[g] {
					add = append(add, pair{id, i})
				}
			}
		}
		if entries+len(add) > c.entries {
			continue
		}
		entries += len(add)
		namePairs = append(namePairs, add...)
		ix.svcDone[sid] = true
	}
	ix.byName = lists(namePairs, len(ix.names))
	if s.cfg.wildcardOnly == nil {
		ix.wildOnly = make([]bool, len(ix.names))
		for id, n := range ix.names {
			ix.wildOnly[id] = cat.WildcardOnly(n)
		}
	}
}

// buildPrincipalIndex fills Set.prin for the resource policy.
func (c *compiler) buildPrincipalIndex() {
	s := c.s
	if s.resource < 0 {
		return
	}
	ix := &s.prin
	cp := &s.policies[s.resource]
	var svcs, accts []string
	for i := cp.lo; i < cp.hi; i++ {
		m := s.stmts[i].principal
		if m == nil || m.wildcard {
			continue
		}
		svcs = append(svcs, m.services...)
		for _, l := range [][]rolePrincipal{m.accounts, m.users, m.roles, m.federated} {
			for _, e := range l {
				accts = append(accts, e.account)
			}
		}
		for _, e := range m.sessions {
			accts = append(accts, e.account)
		}
	}
	slices.Sort(svcs)
	slices.Sort(accts)
	ix.services, ix.accounts = slices.Compact(svcs), slices.Compact(accts)
	var sp, ap []pair
	for i := cp.lo; i < cp.hi; i++ {
		m := s.stmts[i].principal
		if m == nil || m.wildcard {
			ix.general = append(ix.general, i)
			continue
		}
		for _, v := range m.services {
			id, _ := slices.BinarySearch(ix.services, v)
			sp = append(sp, pair{int32(id), i})
		}
		add := func(acct string) {
			id, _ := slices.BinarySearch(ix.accounts, acct)
			ap = append(ap, pair{int32(id), i})
		}
		for _, l := range [][]rolePrincipal{m.accounts, m.users, m.roles, m.federated} {
			for _, e := range l {
				add(e.account)
			}
		}
		for _, e := range m.sessions {
			add(e.account)
		}
	}
	ix.byService = lists(sp, len(ix.services))
	ix.byAccount = lists(ap, len(ix.accounts))
}

// searchLower finds a, with its ASCII letters lower-cased, in the sorted
// lower-case list; -1 when it is not there. Nothing is allocated.
func searchLower(list []string, a string) int32 {
	lo, hi := 0, len(list)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := compareLower(a, list[m]); {
		case c == 0:
			return int32(m)
		case c > 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

// searchExact finds s in the sorted list; -1 when it is not there.
func searchExact(list []string, s string) int32 {
	if i, ok := slices.BinarySearch(list, s); ok {
		return int32(i)
	}
	return -1
}

// source is one list of candidate statements; test reports that the
// statement's Action element must still be matched against the request.
type source struct {
	ids  []int32
	test bool
}

// sources are the lists a request draws its candidates from: all of them,
// or, when all is set, every statement (a request whose action is not
// ASCII, which the index cannot look up).
type sources struct {
	src [3]source
	n   int
	all bool
}

func (ss *sources) add(ids []int32, test bool) {
	if len(ids) > 0 {
		ss.src[ss.n] = source{ids, test}
		ss.n++
	}
}

// within returns the part of ascending ids in [lo, hi).
func within(ids []int32, lo, hi int32) []int32 {
	if len(ids) == 0 || (ids[0] >= lo && ids[len(ids)-1] < hi) {
		return ids
	}
	i := lowerBound(ids, lo)
	ids = ids[i:]
	return ids[:lowerBound(ids, hi)]
}

// lowerBound returns the index of the first element of ascending ids that
// is at least x.
func lowerBound(ids []int32, x int32) int {
	if len(ids) <= 8 {
		for i, v := range ids {
			if v >= x {
				return i
			}
		}
		return len(ids)
	}
	lo, hi := 0, len(ids)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ids[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// count returns how many candidates the sources hold in [lo, hi), counting
// a statement on two lists twice.
func (ss *sources) count(lo, hi int32) int {
	if ss.all {
		return int(hi - lo)
	}
	n := 0
	for k := 0; k < ss.n; k++ {
		n += len(within(ss.src[k].ids, lo, hi))
	}
	return n
}

// cursor walks the union of the sources within [lo, hi), ascending, each
// statement once.
type cursor struct {
	src    [3]source
	n      int
	all    bool
	lo, hi int32
}

func (ss *sources) cursor(lo, hi int32) cursor {
	c := cursor{all: ss.all, lo: lo, hi: hi}
	if ss.all {
		return c
	}
	for k := 0; k < ss.n; k++ {
		if ids := within(ss.src[k].ids, lo, hi); len(ids) > 0 {
			c.src[c.n] = source{ids, ss.src[k].test}
			c.n++
		}
	}
	return c
}

// next returns the next statement, whether its Action element must be
// tested, and false once there are no more.
func (c *cursor) next() (i int32, test, ok bool) {
	if c.all {
		if c.lo >= c.hi {
			return 0, false, false
		}
		c.lo++
		return c.lo - 1, true, true
	}
	switch c.n {
	case 0:
		return 0, false, false
	case 1:
		s := &c.src[0]
		if len(s.ids) == 0 {
			return 0, false, false
		}
		i = s.ids[0]
		s.ids = s.ids[1:]
		return i, s.test, true
	}
	found := false
	for k := 0; k < c.n; k++ {
		s := &c.src[k]
		if len(s.ids) == 0 {
			continue
		}
		switch v := s.ids[0]; {
		case !found || v < i:
			i, test, found = v, s.test, true
		case v == i:
			test = test && s.test
		}
	}
	if !found {
		return 0, false, false
	}
	for k := 0; k < c.n; k++ {
		if s := &c.src[k]; len(s.ids) > 0 && s.ids[0] == i {
			s.ids = s.ids[1:]
		}
	}
	return i, test, true
}
