package evaluate

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/internal/glob"
)

// The statement indexes. A request is tested only against the statements
// that could apply to it: those whose Action element could list its action
// and, in the resource policy, those whose Principal element could name
// its principal. Each index maps a key to an ascending list of entries,
// one per statement: the statement's number (its index in Set.stmts)
// shifted left by one, and a low bit set when the statement's Action
// element must still be matched against the request (see entry). A
// request takes one list, or at worst a few whose union it walks (see
// cursor), within one policy's Allow or Deny statements, which Compile
// stores contiguously.

// entry is a statement number n and a test bit t as n<<1 | t: entries
// sort by statement number.
type entry = uint32

func mkEntry(stmt int32, test bool) entry {
	e := entry(stmt) << 1
	if test {
		e |= 1
	}
	return e
}

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
// catalogued action finds its name. Within a budget, Compile also joins
// the lists a request would take into one per name (and per service, for
// a name not indexed), so that a request walks a single list.
type actionIndex struct {
	names []string  // sorted, lower case, ASCII
	table nameTable // names[i] → i
	// svcLen[i] is the length of names[i]'s service prefix when names[i]
	// is "service:Name" with both parts non-empty, else 0.
	svcLen []uint8
	byName [][]entry // statements whose Action element lists names[i]
	// wildOnly[i] reports names[i] wildcard-only (rule M3.4); nil when
	// the caller replaced the catalog's list (WithWildcardOnlyActions),
	// whose function must see the request's action as given.
	wildOnly []bool

	svcs    []string  // sorted, lower case service prefixes of patterns
	bySvc   [][]entry // statements with a pattern under svcs[i]
	svcDone []bool    // every name of svcs[i] carries bySvc[i]'s matches

	general []entry // statements matched against every request

	// The joined lists, nil where over budget: for names[i], byName[i]
	// with (unless svcDone) its service's list and general; for svcs[i],
	// bySvc[i] with general. Within the match budget, a name's list
	// holds only the general statements that apply to the name, settled
	// at Compile (a NotAction that lists it is left out, "*" needs no
	// test).
	nameAll [][]entry
	svcAll  [][]entry
}

// principalIndex finds the resource policy's statements whose Principal
// element could name a principal: by service principal name, by account
// (an account, root, user, role, session or federated-user entry), and
// the rest (a Principal of "*", or no Principal element), which could
// name anyone. Every entry has its test bit set. Within a budget, each
// key's list is joined with the rest.
type principalIndex struct {
	services  []string // sorted
	byService [][]entry
	accounts  []string // sorted
	byAccount [][]entry
	general   []entry
	// byService[i] and byAccount[i] joined with general; nil where over
	// budget.
	serviceAll, accountAll [][]entry
}

// Budgets for the index: matching the patterns of a service against its
// names costs at most maxMatchWork bytes compared, and the lists hold at
// most maxIndexEntries entries past one per exact name listed. A service
// over the first budget keeps its patterns on its own list, tested per
// request; lists over the second are not joined. Compile stays linear in
// the size of the policies.
const (
	maxMatchWork    = 1 << 25
	maxIndexEntries = 1 << 22
)

// pair is a (key, entry) while an index is built.
type pair struct {
	key int32
	e   entry
}

// lists turns pairs into one ascending list per key, a statement once (a
// statement on the list twice is kept with its test bit clear, if either
// copy has it clear).
func lists(pairs []pair, nkeys int) [][]entry {
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.e, b.e)
	})
	backing := make([]entry, 0, len(pairs))
	out := make([][]entry, nkeys)
	for i := 0; i < len(pairs); {
		j, start := i, len(backing)
		for j < len(pairs) && pairs[j].key == pairs[i].key {
			e := pairs[j].e
			if n := len(backing); n > start && backing[n-1]>>1 == e>>1 {
				backing[n-1] &= e // keep a clear test bit
			} else {
				backing = append(backing, e)
			}
			j++
		}
		out[pairs[i].key] = backing[start:len(backing):len(backing)]
		i = j
	}
	return out
}

// join returns the union of the lists as one list, or nil when it would
// be longer than *budget, which it otherwise charges.
func join(budget *int, ls ...[]entry) []entry {
	n := 0
	for _, l := range ls {
		n += len(l)
	}
	if n > *budget {
		return nil
	}
	var ss sources
	for _, l := range ls {
		ss.add(l)
	}
	c := ss.cursor(0, math.MaxInt32)
	out := make([]entry, 0, n)
	for {
		i, test, ok := c.next()
		if !ok {
			break
		}
		out = append(out, mkEntry(i, test))
	}
	*budget -= len(out)
	if out == nil {
		out = []entry{} // joined, and empty
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
	if st.notAction || st.allActions || !st.asciiActions {
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
			ix.general = append(ix.general, mkEntry(int32(i), true))
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
	names := slices.Clone(exact)
	cat := s.cfg.catalog()
	for _, svc := range ix.svcs {
		names = cat.AppendActionNames(names, svc)
	}
	slices.Sort(names)
	ix.names = slices.Compact(names)
	ix.table = newNameTable(ix.names)
	ix.svcLen = make([]uint8, len(ix.names))
	for i, n := range ix.names {
		if k := strings.IndexByte(n, ':'); k > 0 && k < len(n)-1 && k < 256 {
			ix.svcLen[i] = uint8(k)
		}
	}
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
		for k, a := range st.actExact {
			id := nameID(a)
			namePairs = append(namePairs, pair{id, mkEntry(int32(i), false)})
			// The index's copy: comparing a string with itself stops
			// at the pointers.
			st.actExact[k] = ix.names[id]
		}
		for _, g := range st.actGlobSrc {
			svc, _ := globService(g)
			svcPairs = append(svcPairs, pair{svcID(svc), mkEntry(int32(i), true)})
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
		for _, e := range ix.bySvc[sid] {
			for _, g := range s.stmts[e>>1].actGlobSrc {
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
		for _, e := range ix.bySvc[sid] {
			for _, g := range s.stmts[e>>1].actGlobSrc {
				for _, id := range pats[g] {
					add = append(add, pair{id, e &^ 1})
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
	s.nameOf = make([]int32, len(s.stmts))
	for i := range s.stmts {
		st := &s.stmts[i]
		s.nameOf[i] = -1
		if !st.generalActions() && len(st.actExact) == 1 && len(st.actGlobSrc) == 0 {
			s.nameOf[i] = nameID(st.actExact[0])
		}
	}
	// The joined lists.
	budget := c.entries
	generalBytes := 0
	for _, e := range ix.general {
		st := &s.stmts[e>>1]
		for _, l := range [][]string{st.actExact, st.actGlobSrc} {
			for _, a := range l {
				generalBytes += len(a)
			}
		}
	}
	ix.nameAll = make([][]entry, len(ix.names))
	// The names the policies write first: while the budgets last, they
	// are the likeliest to be asked for.
	order := make([]int32, 0, len(ix.names))
	written := make([]bool, len(ix.names))
	for _, a := range exact {
		written[nameID(a)] = true
	}
	for pass := 0; pass < 2; pass++ {
		for id := range ix.names {
			if written[id] == (pass == 0) {
				order = append(order, int32(id))
			}
		}
	}
	for _, id := range order {
		n := ix.names[id]
		var svcList []entry
		if sid := searchExact(ix.svcs, n[:strings.IndexByte(n, ':')]); sid >= 0 && !ix.svcDone[sid] {
			svcList = ix.bySvc[sid]
		}
		general := ix.general
		if cost := generalBytes + len(general)*len(n); len(general) > 0 && work+cost <= c.matchWork {
			// Settle the general statements for this name: listsAction
			// compares without regard to case, so its answer for the
			// lower-case name is its answer for the name in any case.
			work += cost
			general = make([]entry, 0, len(ix.general))
			for _, e := range ix.general {
				if st := &s.stmts[e>>1]; st.listsAction(n) != st.notAction {
					general = append(general, e&^1)
				}
			}
		}
		ix.nameAll[id] = join(&budget, ix.byName[id], svcList, general)
	}
	ix.svcAll = make([][]entry, len(ix.svcs))
	for sid := range ix.svcs {
		ix.svcAll[sid] = join(&budget, ix.bySvc[sid], ix.general)
	}
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
		e := mkEntry(i, true)
		if m == nil || m.wildcard {
			ix.general = append(ix.general, e)
			continue
		}
		for _, v := range m.services {
			id, _ := slices.BinarySearch(ix.services, v)
			sp = append(sp, pair{int32(id), e})
		}
		add := func(acct string) {
			id, _ := slices.BinarySearch(ix.accounts, acct)
			ap = append(ap, pair{int32(id), e})
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
	// The statements' copies of the keys become the index's, and so do
	// the request's once looked up (lookupPrincipal): comparing a string
	// with itself stops at the pointers.
	for i := cp.lo; i < cp.hi; i++ {
		m := s.stmts[i].principal
		if m == nil {
			continue
		}
		for k, v := range m.services {
			m.services[k] = ix.services[searchExact(ix.services, v)]
		}
		for _, l := range [][]rolePrincipal{m.accounts, m.users, m.roles, m.federated} {
			for k := range l {
				l[k].account = ix.accounts[searchExact(ix.accounts, l[k].account)]
			}
		}
		for k := range m.sessions {
			m.sessions[k].account = ix.accounts[searchExact(ix.accounts, m.sessions[k].account)]
		}
	}
	// Joined with the rest, within budget.
	budget := c.entries
	ix.serviceAll = make([][]entry, len(ix.services))
	for k := range ix.services {
		ix.serviceAll[k] = join(&budget, ix.byService[k], ix.general)
	}
	ix.accountAll = make([][]entry, len(ix.accounts))
	for k := range ix.accounts {
		ix.accountAll[k] = join(&budget, ix.byAccount[k], ix.general)
	}
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

// sources are the lists a request draws its candidates from: the union of
// up to three, or, when all is set, every statement (a request whose
// action is not ASCII, which the index cannot look up).
type sources struct {
	src [3][]entry
	n   int
	all bool
}

func (ss *sources) add(ids []entry) {
	if len(ids) > 0 {
		ss.src[ss.n] = ids
		ss.n++
	}
}

// within returns the part of ascending entries whose statements are in
// [lo, hi).
func within(ids []entry, lo, hi int32) []entry {
	elo, ehi := entry(lo)<<1, entry(hi)<<1
	if len(ids) == 0 || (ids[0] >= elo && ids[len(ids)-1] < ehi) {
		return ids
	}
	i := lowerBound(ids, elo)
	ids = ids[i:]
	return ids[:lowerBound(ids, ehi)]
}

// lowerBound returns the index of the first element of ascending ids that
// is at least x.
func lowerBound(ids []entry, x entry) int {
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
		n += len(within(ss.src[k], lo, hi))
	}
	return n
}

// cursor walks the union of the sources within [lo, hi), ascending, each
// statement once. It advances by positions rather than by reslicing, so
// that escape analysis keeps it, and the query, on the stack.
type cursor struct {
	one    []entry // the only list, when n == 1
	src    [3][]entry
	pos    [3]int
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
		if ids := within(ss.src[k], lo, hi); len(ids) > 0 {
			c.src[c.n] = ids
			c.n++
		}
	}
	if c.n == 1 {
		c.one = c.src[0]
	}
	return c
}

// next returns the next statement, whether its Action element must be
// tested, and false once there are no more.
func (c *cursor) next() (i int32, test, ok bool) {
	if c.n == 1 {
		if len(c.one) == 0 {
			return 0, false, false
		}
		e := c.one[0]
		c.one = c.one[1:]
		return int32(e >> 1), e&1 != 0, true
	}
	return c.nextSlow()
}

// nextSlow is next over several lists, or every statement.
func (c *cursor) nextSlow() (i int32, test, ok bool) {
	if c.all {
		if c.lo >= c.hi {
			return 0, false, false
		}
		c.lo++
		return c.lo - 1, true, true
	}
	var min entry
	found := false
	for k := 0; k < c.n; k++ {
		if c.pos[k] == len(c.src[k]) {
			continue
		}
		switch v := c.src[k][c.pos[k]]; {
		case !found || v>>1 < min>>1:
			min, found = v, true
		case v>>1 == min>>1:
			min &= v
		}
	}
	if !found {
		return 0, false, false
	}
	for k := 0; k < c.n; k++ {
		if c.pos[k] < len(c.src[k]) && c.src[k][c.pos[k]]>>1 == min>>1 {
			c.pos[k]++
		}
	}
	return int32(min >> 1), min&1 != 0, true
}

// nameTable finds a lower-case name's index in actionIndex.names by an
// open-addressed hash table (see nameHash).
type nameTable struct {
	slots []nameSlot
	mask  uint32
}

type nameSlot struct {
	hash uint32
	id   int32 // -1: empty
}

// nameHash hashes a name by its length and its first and last eight
// bytes: action names of one service share their start, and differ in
// length or end.
func nameHash(b []byte) uint32 {
	const k = 0x9E3779B97F4A7C15
	n := len(b)
	var x uint64
	if n >= 8 {
		x = binary.LittleEndian.Uint64(b[n-8:]) ^ binary.LittleEndian.Uint64(b[:8])*k
	} else {
		for _, c := range b {
			x = x<<8 | uint64(c)
		}
	}
	x = (x ^ uint64(n)) * k
	return uint32(x >> 32)
}

// lowerASCII copies s into dst lower-cased, eight bytes at a time, and
// reports whether s is all ASCII. dst must be as long as s.
func lowerASCII(dst []byte, s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var or uint64
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		or |= x
		// With every byte below 0x80, adding 0x80-c to a byte sets its
		// high bit exactly when the byte is at least c, and carries
		// into no other byte.
		upper := (x + (0x80-'A')*ones) &^ (x + (0x80-'Z'-1)*ones) & highs
		binary.LittleEndian.PutUint64(dst[i:], x|upper>>2)
	}
	for ; i < len(s); i++ {
		c := s[i]
		or |= uint64(c)
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
	return or&highs == 0
}

func newNameTable(names []string) nameTable {
	size := 8
	for size < 2*len(names) {
		size *= 2
	}
	t := nameTable{slots: make([]nameSlot, size), mask: uint32(size - 1)}
	for i := range t.slots {
		t.slots[i].id = -1
	}
	for id, n := range names {
		h := nameHash([]byte(n))
		i := h & t.mask
		for t.slots[i].id >= 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = nameSlot{h, int32(id)}
	}
	return t
}

// find returns the index of lower, whose hash is h, in names; -1 when it
// is not there.
func (t *nameTable) find(names []string, lower []byte, h uint32) int32 {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		sl := t.slots[i]
		if sl.id < 0 {
			return -1
		}
		if sl.hash == h && names[sl.id] == string(lower) {
			return sl.id
		}
	}
}
