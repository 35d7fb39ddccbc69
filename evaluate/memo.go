package evaluate

import (
	"cmp"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/condition"
)

// The memo. Policies repeat themselves: the same Resource element or the
// same condition appears in many statements, and under one request each
// has one answer. Compile gives each element that appears more than once
// a slot (the most repeated first, up to memoSlots), and an evaluation
// remembers the answer of each slot the first time it computes it.
//
// What an answer depends on is all in the slot's key: for a Resource
// element, whether it is a NotResource, the short-pattern mode of its
// policy type, whether its policy has variables and its entries; for a
// condition, its operator, key, values and whether its policy has
// variables. The rest is the request's and the Set's, fixed during one
// evaluation. Conditions are not memoized under WithMaxConditionWork, so
// that every evaluation is counted as before.

// condSlots are a condition's memo slot and key slot, each -1 for none.
type condSlots struct{ memo, key int32 }

// keySlots is the number of condition keys whose request values an
// evaluation looks up once (the keys most conditions read, of those read
// by more than one).
const keySlots = condition.EnvKeySlots

// memoSlots is the number of slots: a memo is two bit sets of this size,
// zeroed per evaluation.
const memoSlots = 256

// memo is the answers of one evaluation: known has a bit per slot
// answered, val its answer.
type memo struct {
	known, val [memoSlots / 64]uint64
}

func (m *memo) get(slot int32) (v, ok bool) {
	w, b := slot>>6, uint64(1)<<(uint(slot)&63)
	return m.val[w]&b != 0, m.known[w]&b != 0
}

func (m *memo) put(slot int32, v bool) {
	w, b := slot>>6, uint64(1)<<(uint(slot)&63)
	m.known[w] |= b
	if v {
		m.val[w] |= b
	}
}

// memoKey joins the parts of a memo key; list is appended last.
func memoKey(a, b, c string, list []string) string {
	var sb strings.Builder
	for _, s := range [...]string{a, b, c} {
		sb.WriteString(s)
		sb.WriteByte(0)
	}
	for _, s := range list {
		sb.WriteString(strconvQuote(s))
		sb.WriteByte(0)
	}
	return sb.String()
}

// strconvQuote escapes the separator, so that no two lists join alike.
func strconvQuote(s string) string {
	if strings.IndexByte(s, 0) < 0 && strings.IndexByte(s, 1) < 0 {
		return s
	}
	return strings.NewReplacer("\x01", "\x01\x01", "\x00", "\x01\x00").Replace(s)
}

// mostRepeated returns up to limit of the keys counted more than once,
// the most counted first (ties in key order).
func mostRepeated(counts map[string]int, limit int) []string {
	var keys []string
	for k, n := range counts {
		if n > 1 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return keys[:min(len(keys), limit)]
}

// buildMemo gives the most repeated Resource elements and conditions their
// slots and drops the keys.
func (c *compiler) buildMemo() {
	s := c.s
	if s.cfg.plain {
		for i := range s.stmts {
			s.stmts[i].resMemo = -1
			s.stmts[i].memoKeys = nil
		}
		return
	}
	counts := map[string]int{}
	for i := range s.stmts {
		for _, k := range s.stmts[i].memoKeys {
			if k != "" {
				counts[k]++
			}
		}
	}
	slot := map[string]int32{}
	for i, k := range mostRepeated(counts, memoSlots) {
		slot[k] = int32(i)
	}
	lookup := func(k string) int32 {
		if id, ok := slot[k]; ok && k != "" {
			return id
		}
		return -1
	}
	// Key slots: the condition keys read most, if more than once.
	keyCount := map[string]int{}
	for i := range s.stmts {
		for _, c := range s.stmts[i].conds {
			keyCount[strings.ToLower(c.Key())]++
		}
	}
	keySlot := map[string]int32{}
	for i, k := range mostRepeated(keyCount, keySlots) {
		keySlot[k] = int32(i)
		s.slotKeys[i] = k
	}
	for i := range s.stmts {
		st := &s.stmts[i]
		st.resMemo = lookup(st.memoKeys[0])
		if len(st.conds) > 0 && (len(slot) > 0 || len(keySlot) > 0) {
			st.condSlots = make([]condSlots, len(st.conds))
			for k, c := range st.conds {
				ks, ok := keySlot[strings.ToLower(c.Key())]
				if !ok {
					ks = -1
				}
				st.condSlots[k] = condSlots{memo: lookup(st.memoKeys[k+1]), key: ks}
				if ks >= 0 && c.FalseWhenMissing() {
					st.needSlots |= 1 << ks
				}
			}
		}
		st.memoKeys = nil
	}
}
