package glob

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a pattern token.
type Kind uint8

// The token kinds. A token of any other Kind never matches.
const (
	// Literal matches its Text exactly (or under case folding).
	Literal Kind = iota
	// Star matches any run of characters, including none.
	Star
	// Quest matches exactly one character.
	Quest
	// StarNoColon matches any run of characters that contains no ':'.
	StarNoColon
	// QuestNoColon matches exactly one character other than ':'.
	QuestNoColon
)

var kindNames = [...]string{
	Literal:      "Literal",
	Star:         "Star",
	Quest:        "Quest",
	StarNoColon:  "StarNoColon",
	QuestNoColon: "QuestNoColon",
}

// String returns the name of the kind, such as "StarNoColon".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + itoa(int(k)) + ")"
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// Token is one element of a compiled pattern. Text is used only by a
// Literal token, and a Literal's Text is literal even when it contains '*'
// or '?'.
type Token struct {
	Kind Kind
	Text string
}

// Parse splits pattern into tokens: each '*' becomes a Star token, each '?'
// a Quest token, and each maximal run of other bytes a Literal token.
// Parse("") returns no tokens, which match only the empty string.
func Parse(pattern string) []Token {
	var toks []Token
	start := 0
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if c != '*' && c != '?' {
			continue
		}
		if start < i {
			toks = append(toks, Token{Kind: Literal, Text: pattern[start:i]})
		}
		if c == '*' {
			toks = append(toks, Token{Kind: Star})
		} else {
			toks = append(toks, Token{Kind: Quest})
		}
		start = i + 1
	}
	if start < len(pattern) {
		toks = append(toks, Token{Kind: Literal, Text: pattern[start:]})
	}
	return toks
}

// Match reports whether s matches pattern, in which '*' matches any run of
// characters, '?' matches one character, and every other byte is literal.
// The match is anchored at both ends and case-sensitive. Match gives the
// same answer as MatchTokens(Parse(pattern), s, false) and does not
// allocate.
func Match(pattern, s string) bool { return matchString(pattern, s, false) }

// MatchFold is Match with case-insensitive comparison of literal
// characters (simple Unicode case folding, as strings.EqualFold).
func MatchFold(pattern, s string) bool { return matchString(pattern, s, true) }

// MatchTokens reports whether s matches the token sequence toks, anchored
// at both ends. With fold set, literal characters are compared under simple
// Unicode case folding. It does not allocate unless a run of tokens between
// two Star tokens that contains a StarNoColon token spans more than 1023
// characters and wildcards.
func MatchTokens(toks []Token, s string, fold bool) bool {
	j := nextStar(toks)
	if j == len(toks) {
		return segWhole(toks, s, fold)
	}
	pos := segPrefix(toks[:j], s, fold)
	if pos < 0 {
		return false
	}
	toks = toks[j+1:]
	for {
		j = nextStar(toks)
		if j == len(toks) {
			return segSuffix(toks, s, pos, fold)
		}
		if j > 0 {
			if pos = segFind(toks[:j], s, pos, fold); pos < 0 {
				return false
			}
		}
		toks = toks[j+1:]
	}
}

// ---------------------------------------------------------------------------
// Characters.
//
// The subject s is read as a sequence of characters: each valid UTF-8
// encoding is one character and each byte that does not start a valid
// encoding is a character of its own (the way utf8.DecodeRuneInString steps
// through a string). Offsets where a character starts, plus len(s), are
// boundaries; every match position is a boundary.

// charLen returns the byte length of the character at s[i:]; i < len(s).
func charLen(s string, i int) int {
	if s[i] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return n
}

// atBoundary reports whether offset j of s is a character boundary.
func atBoundary(s string, j int) bool {
	if j <= 0 || j >= len(s) || s[j]&0xC0 != 0x80 {
		return true
	}
	// s[j] is a continuation byte. It is inside a character only when the
	// nearest preceding non-continuation byte starts a valid encoding that
	// reaches past j.
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		if s[k]&0xC0 != 0x80 {
			_, n := utf8.DecodeRuneInString(s[k:])
			return k+n <= j
		}
	}
	return true
}

// charEq reports whether the single characters p and c are equal; with
// fold, under simple case folding. Bytes that are not valid UTF-8 equal
// only themselves.
func charEq(p, c string, fold bool) bool {
	if p == c {
		return true
	}
	if !fold {
		return false
	}
	if len(p) == 1 && len(c) == 1 && p[0] < utf8.RuneSelf && c[0] < utf8.RuneSelf {
		return lowerASCII(p[0]) == lowerASCII(c[0])
	}
	pr, pn := utf8.DecodeRuneInString(p)
	cr, cn := utf8.DecodeRuneInString(c)
	if (pr == utf8.RuneError && pn <= 1) || (cr == utf8.RuneError && cn <= 1) {
		return false
	}
	return foldEq(pr, cr)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// foldEq reports whether runes a and b are equal under simple folding.
func foldEq(a, b rune) bool {
	if a == b {
		return true
	}
	if b < a {
		a, b = b, a
	}
	if b < utf8.RuneSelf {
		return 'A' <= a && a <= 'Z' && b == a+'a'-'A'
	}
	r := unicode.SimpleFold(a)
	for r != a && r < b {
		r = unicode.SimpleFold(r)
	}
	return r == b
}

// litAt matches literal text lit at boundary i of s and returns the end
// offset, or -1.
func litAt(lit, s string, i int, fold bool) int {
	if !fold {
		j := i + len(lit)
		if j > len(s) || s[i:j] != lit || !atBoundary(s, j) {
			return -1
		}
		return j
	}
	for k := 0; k < len(lit); {
		if i >= len(s) {
			return -1
		}
		pc, sc := lit[k], s[i]
		if pc < utf8.RuneSelf && sc < utf8.RuneSelf {
			if pc != sc && lowerASCII(pc) != lowerASCII(sc) {
				return -1
			}
			k++
			i++
			continue
		}
		pn, sn := charLen(lit, k), charLen(s, i)
		if !charEq(lit[k:k+pn], s[i:i+sn], true) {
			return -1
		}
		k += pn
		i += sn
	}
	return i
}

// questAt matches one character at boundary i and returns the end, or -1.
func questAt(s string, i int, noColon bool) int {
	if i >= len(s) || (noColon && s[i] == ':') {
		return -1
	}
	return i + charLen(s, i)
}

// findLit returns the end of the leftmost occurrence of lit (non-empty) in
// s that starts at a boundary at or after pos, or -1. Case-sensitive.
func findLit(lit, s string, pos int) int {
	for pos <= len(s) {
		k := strings.Index(s[pos:], lit)
		if k < 0 {
			return -1
		}
		st := pos + k
		if atBoundary(s, st) && atBoundary(s, st+len(lit)) {
			return st + len(lit)
		}
		pos = st + 1
	}
	return -1
}

// backChars returns the boundary k characters before the end of s, or -1
// when fewer than k characters follow boundary pos.
func backChars(s string, pos, k int) int {
	j := len(s)
	for ; k > 0; k-- {
		if j <= pos {
			return -1
		}
		if s[j-1] < utf8.RuneSelf {
			j--
			continue
		}
		_, n := utf8.DecodeLastRuneInString(s[:j])
		j -= n
	}
	if j < pos {
		return -1
	}
	return j
}

// ---------------------------------------------------------------------------
// Pattern strings (Match, MatchFold): '*' and '?' are the only wildcards.
//
// The pattern is a list of segments separated by '*'. The first segment is
// anchored at the start, the last at the end, and each middle segment is
// placed at its leftmost occurrence after the previous one: a segment of
// literals and '?' always spans the same number of characters, so the
// leftmost occurrence also ends first, and the '*' that follows can absorb
// any later choice. The work is linear in the pattern and, per segment, in
// the characters it is tried at.

func matchString(p, s string, fold bool) bool {
	star := strings.IndexByte(p, '*')
	if star < 0 {
		return strSegAt(p, s, 0, fold) == len(s)
	}
	pos := strSegAt(p[:star], s, 0, fold)
	if pos < 0 {
		return false
	}
	p = p[star+1:]
	for {
		star = strings.IndexByte(p, '*')
		if star < 0 {
			return strSegSuffix(p, s, pos, fold)
		}
		if star > 0 {
			if pos = strSegFind(p[:star], s, pos, fold); pos < 0 {
				return false
			}
		}
		p = p[star+1:]
	}
}

// strSegAt matches the star-free pattern seg at boundary i; it returns the
// end offset or -1.
func strSegAt(seg, s string, i int, fold bool) int {
	for len(seg) > 0 {
		if seg[0] == '?' {
			if i = questAt(s, i, false); i < 0 {
				return -1
			}
			seg = seg[1:]
			continue
		}
		q := strings.IndexByte(seg, '?')
		if q < 0 {
			q = len(seg)
		}
		if i = litAt(seg[:q], s, i, fold); i < 0 {
			return -1
		}
		seg = seg[q:]
	}
	return i
}

// strSegFind returns the end of the leftmost match of the non-empty
// star-free pattern seg at or after boundary pos, or -1.
func strSegFind(seg, s string, pos int, fold bool) int {
	q := strings.IndexByte(seg, '?')
	if !fold && q < 0 {
		return findLit(seg, s, pos)
	}
	if !fold && q > 0 {
		// Jump between occurrences of the leading literal.
		lit := seg[:q]
		for pos <= len(s) {
			k := strings.Index(s[pos:], lit)
			if k < 0 {
				return -1
			}
			if st := pos + k; atBoundary(s, st) {
				if e := strSegAt(seg, s, st, false); e >= 0 {
					return e
				}
			}
			pos += k + 1
		}
		return -1
	}
	for i := pos; i < len(s); i += charLen(s, i) {
		if e := strSegAt(seg, s, i, fold); e >= 0 {
			return e
		}
	}
	return -1
}

// strSegSuffix reports whether the star-free pattern seg matches a suffix
// of s that starts at or after boundary pos.
func strSegSuffix(seg, s string, pos int, fold bool) bool {
	if !fold && strings.IndexByte(seg, '?') < 0 {
		st := len(s) - len(seg)
		return st >= pos && s[st:] == seg && atBoundary(s, st)
	}
	st := backChars(s, pos, utf8.RuneCountInString(seg))
	return st >= 0 && strSegAt(seg, s, st, fold) == len(s)
}

// ---------------------------------------------------------------------------
// Token lists (MatchTokens).
//
// As for pattern strings, Star tokens split the list into segments. A
// segment without StarNoColon spans a fixed number of characters and is
// placed greedily as above. A segment with StarNoColon is run as a
// nondeterministic automaton over its character positions (a bit set of
// states, on the stack up to stackWords*64 states), and a middle segment is
// placed at its earliest-ending occurrence, which the following Star can
// extend to any later one.

const stackWords = 16

func nextStar(toks []Token) int {
	for i, t := range toks {
		if t.Kind == Star {
			return i
		}
	}
	return len(toks)
}

func hasStarNoColon(seg []Token) bool {
	for _, t := range seg {
		if t.Kind == StarNoColon {
			return true
		}
	}
	return false
}

// noColonKinds reports whether seg holds only Literal, QuestNoColon and
// StarNoColon tokens; such a segment can be placed greedily (see greedy).
func noColonKinds(seg []Token) bool {
	for _, t := range seg {
		if t.Kind != Literal && t.Kind != QuestNoColon && t.Kind != StarNoColon {
			return false
		}
	}
	return true
}

// lastStarNoColon returns the index of the last StarNoColon in seg, or -1.
func lastStarNoColon(seg []Token) int {
	for i := len(seg) - 1; i >= 0; i-- {
		if seg[i].Kind == StarNoColon {
			return i
		}
	}
	return -1
}

// fixedChars returns the number of characters a fixed segment spans.
func fixedChars(seg []Token) int {
	n := 0
	for _, t := range seg {
		if t.Kind == Literal {
			n += utf8.RuneCountInString(t.Text)
		} else {
			n++
		}
	}
	return n
}

// segWhole reports whether seg (no Star) matches all of s.
func segWhole(seg []Token, s string, fold bool) bool {
	last := lastStarNoColon(seg)
	if last < 0 {
		return tokSegAt(seg, s, 0, fold) == len(s)
	}
	// The tail after the last StarNoColon spans a fixed number of characters
	// and must end the string.
	tail := seg[last+1:]
	var e int
	if noColonKinds(seg) {
		e = greedy(seg[:last], s, 0, fold)
	} else {
		e = nfaMatch(seg[:last], s, 0, fold, true, false)
	}
	if e < 0 {
		return false
	}
	st := backChars(s, e, fixedChars(tail))
	if st < 0 || tokSegAt(tail, s, st, fold) != len(s) {
		return false
	}
	if noColonKinds(seg) {
		// Every end of seg[:last] lies in the colon-free run after e, so the
		// last StarNoColon reaches st exactly when that run does.
		return strings.IndexByte(s[e:st], ':') < 0
	}
	return nfaMatch(seg[:last+1], s[:st], 0, fold, true, true) == st
}

// segPrefix returns the earliest end of a match of seg starting at 0, or -1.
func segPrefix(seg []Token, s string, fold bool) int {
	if !hasStarNoColon(seg) {
		return tokSegAt(seg, s, 0, fold)
	}
	if noColonKinds(seg) {
		return greedy(seg, s, 0, fold)
	}
	return nfaMatch(seg, s, 0, fold, true, false)
}

// segFind returns the earliest end of a match of seg starting at or after
// boundary pos, or -1.
func segFind(seg []Token, s string, pos int, fold bool) int {
	if hasStarNoColon(seg) {
		if noColonKinds(seg) {
			return findGreedy(seg, s, pos, fold)
		}
		return nfaMatch(seg, s, pos, fold, false, false)
	}
	if !fold && len(seg) == 1 && seg[0].Kind == Literal && seg[0].Text != "" {
		return findLit(seg[0].Text, s, pos)
	}
	for i := pos; ; i += charLen(s, i) {
		if e := tokSegAt(seg, s, i, fold); e >= 0 {
			return e
		}
		if i >= len(s) {
			return -1
		}
	}
}

// segSuffix reports whether seg matches a suffix of s that starts at or
// after boundary pos.
func segSuffix(seg []Token, s string, pos int, fold bool) bool {
	last := lastStarNoColon(seg)
	tail := seg[last+1:]
	st := backChars(s, pos, fixedChars(tail))
	if st < 0 || tokSegAt(tail, s, st, fold) != len(s) {
		return false
	}
	if last < 0 {
		return true
	}
	return nfaMatch(seg[:last+1], s[:st], pos, fold, false, true) == st
}

// findGreedy returns the earliest end of a match of seg (only Literal,
// QuestNoColon and StarNoColon tokens, at least one StarNoColon) starting
// at or after boundary pos, or -1.
//
// It tries greedy at each occurrence of the fixed head of seg, in order;
// the first success ends earliest. After a failure from head end e, every
// occurrence ending no later than the next ':' after e fails too (greedy
// from e dominates it), so those are skipped; this keeps the work linear in
// s for a given seg.
func findGreedy(seg []Token, s string, pos int, fold bool) int {
	j := 0
	for seg[j].Kind != StarNoColon {
		j++
	}
	head, rest := seg[:j], seg[j:]
	skip := -1
	for st := pos; ; st += charLen(s, st) {
		if e0 := tokSegAt(head, s, st, fold); e0 > skip {
			if e := greedy(rest, s, e0, fold); e >= 0 {
				return e
			}
			c := strings.IndexByte(s[e0:], ':')
			if c < 0 {
				return -1
			}
			skip = e0 + c
		}
		if st >= len(s) {
			return -1
		}
	}
}

// greedy matches seg (only Literal, QuestNoColon and StarNoColon tokens)
// anchored at boundary pos and returns the earliest end, or -1.
//
// Each fixed run after a StarNoColon is placed at its leftmost start in the
// window from the previous end up to and including the next ':'. Either the
// run contains a ':', and then its start is forced (its first ':' must sit
// on the window's ':'), or it lies inside the colon-free window; in both
// cases every other placement ends later in the same colon-free run, which
// the next StarNoColon could reach from the greedy end too.
func greedy(seg []Token, s string, pos int, fold bool) int {
	j := 0
	for j < len(seg) && seg[j].Kind != StarNoColon {
		j++
	}
	e := tokSegAt(seg[:j], s, pos, fold)
	for seg = seg[j:]; e >= 0 && len(seg) > 0; {
		seg = seg[1:] // the StarNoColon
		j = 0
		for j < len(seg) && seg[j].Kind != StarNoColon {
			j++
		}
		run := seg[:j]
		seg = seg[j:]
		for st := e; ; st += charLen(s, st) {
			if e = tokSegAt(run, s, st, fold); e >= 0 || st >= len(s) || s[st] == ':' {
				break
			}
		}
	}
	return e
}

// tokSegAt matches seg (no Star, no StarNoColon) at boundary i and returns
// the end offset, or -1.
func tokSegAt(seg []Token, s string, i int, fold bool) int {
	for _, t := range seg {
		switch t.Kind {
		case Literal:
			i = litAt(t.Text, s, i, fold)
		case Quest:
			i = questAt(s, i, false)
		case QuestNoColon:
			i = questAt(s, i, true)
		default:
			return -1
		}
		if i < 0 {
			return -1
		}
	}
	return i
}

// nfaMatch runs seg (no Star) over s from boundary pos. When anchored, the
// match must start at pos; otherwise at any boundary at or after pos. When
// toEnd, it returns len(s) if a match ends there; otherwise it returns the
// earliest end of a match. It returns -1 when there is no such match.
func nfaMatch(seg []Token, s string, pos int, fold, anchored, toEnd bool) int {
	m := 0 // states 0..m; state k: the first k atoms are matched
	for _, t := range seg {
		if t.Kind == Literal {
			m += utf8.RuneCountInString(t.Text)
		} else {
			m++
		}
	}
	words := (m + 64) / 64
	var buf [2 * stackWords]uint64
	var cur, nxt []uint64
	if words <= stackWords {
		cur, nxt = buf[:words], buf[stackWords:stackWords+words]
	} else {
		h := make([]uint64, 2*words)
		cur, nxt = h[:words], h[words:]
	}
	cur[0] = 1
	closure(seg, cur)
	for i := pos; ; {
		if cur[m>>6]&(1<<(m&63)) != 0 && (!toEnd || i == len(s)) {
			return i
		}
		if i >= len(s) {
			return -1
		}
		n := charLen(s, i)
		live := step(seg, cur, nxt, s[i:i+n], fold)
		i += n
		if !anchored {
			nxt[0] |= 1
			live = true
		}
		if !live {
			return -1
		}
		closure(seg, nxt)
		cur, nxt = nxt, cur
	}
}

// step computes in nxt the states reached from cur by reading character c.
// It reports whether any state is reached.
func step(seg []Token, cur, nxt []uint64, c string, fold bool) bool {
	clear(nxt)
	live := false
	k := 0
	for _, t := range seg {
		if t.Kind == Literal {
			n := utf8.RuneCountInString(t.Text)
			if !anyBits(cur, k, k+n) {
				k += n
				continue
			}
			for j := 0; j < len(t.Text); k++ {
				n := charLen(t.Text, j)
				if cur[k>>6]&(1<<(k&63)) != 0 && charEq(t.Text[j:j+n], c, fold) {
					nxt[(k+1)>>6] |= 1 << ((k + 1) & 63)
					live = true
				}
				j += n
			}
			continue
		}
		if cur[k>>6]&(1<<(k&63)) != 0 {
			to := -1
			switch t.Kind {
			case Quest:
				to = k + 1
			case QuestNoColon:
				if c != ":" {
					to = k + 1
				}
			case StarNoColon:
				if c != ":" {
					to = k
				}
			}
			if to >= 0 {
				nxt[to>>6] |= 1 << (to & 63)
				live = true
			}
		}
		k++
	}
	return live
}

// closure adds to set the states reachable without reading: past each
// StarNoColon whose state is present.
func closure(seg []Token, set []uint64) {
	k := 0
	for _, t := range seg {
		if t.Kind == Literal {
			k += utf8.RuneCountInString(t.Text)
			continue
		}
		if t.Kind == StarNoColon && set[k>>6]&(1<<(k&63)) != 0 {
			set[(k+1)>>6] |= 1 << ((k + 1) & 63)
		}
		k++
	}
}

// anyBits reports whether set has any bit in [lo, hi).
func anyBits(set []uint64, lo, hi int) bool {
	for lo < hi {
		w := lo >> 6
		m := ^uint64(0) << (lo & 63)
		next := (w + 1) << 6
		if hi < next {
			m &= ^uint64(0) >> (64 - (hi - w<<6))
			next = hi
		}
		if set[w]&m != 0 {
			return true
		}
		lo = next
	}
	return false
}
