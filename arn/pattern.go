package arn

import (
	"encoding/binary"
	"math/bits"
	"strings"

	"github.com/lambdaiam/lambdaiam/internal/glob"
)

// ShortMode says how a Resource pattern with fewer than six colon-separated
// parts (such as "arn:aws:lambda") is treated. AWS does not document it.
type ShortMode uint8

const (
	// ShortPad pads the missing trailing parts with "*": "arn:aws:lambda"
	// acts as "arn:aws:lambda:*:*:*". This is the default, and what
	// identity-side policies are observed to do.
	ShortPad ShortMode = iota
	// ShortNoMatch makes the pattern match nothing (suggested for
	// resource-based policies).
	ShortNoMatch
	// ShortError makes ParsePatternMode fail with CodeShortPattern
	// (suggested for SCPs and RCPs).
	ShortError
)

type patternKind uint8

const (
	patNone patternKind = iota
	patAll
	patTokens
)

// Pattern is a compiled Resource or NotResource pattern (rule M3). The zero
// Pattern matches nothing. A Pattern is immutable and safe for concurrent
// use.
type Pattern struct {
	src  string
	kind patternKind
	toks []glob.Token
	// lit is the literal text the tokens start with, litToks the number
	// of tokens it spans; exact reports that they are all literal, so
	// that lit is the whole pattern.
	lit     string
	litToks int
	exact   bool
	// tail is, when the tokens after lit are one star, its kind: the
	// pattern is lit followed by anything (glob.Star) or by anything
	// without a colon (glob.StarNoColon). Literal otherwise.
	tail glob.Kind
}

// ParsePattern compiles a Resource pattern with the ShortPad mode. See
// ParsePatternMode.
func ParsePattern(s string) (Pattern, error) {
	return ParsePatternMode(s, ShortPad)
}

// ParsePatternMode compiles s as a pattern of a policy's Resource or
// NotResource element. The rules, in order:
//
//  1. "*" alone matches every string.
//  2. Every other '*' and '?' is a wildcard and everything else is literal
//     (policy variables are the caller's business: a "${" left in s is
//     literal text).
//  3. The pattern splits at its first five colons into six parts: "arn",
//     partition, service, region, account and resource. A pattern with
//     fewer parts is treated as mode says.
//  4. In the first five parts, a '*' that is the last character of its part
//     matches any run of characters, colons included; any other '*' matches
//     a run of characters without ':'; '?' matches one character other than
//     ':'.
//  5. In the resource part, '*' matches any run of characters (':' and '/'
//     included) and '?' any one character.
//  6. The whole pattern is matched against the whole string,
//     case-sensitively.
//
// The only error is a *ParseError with CodeShortPattern, under ShortError.
func ParsePatternMode(s string, mode ShortMode) (Pattern, error) {
	if s == "*" {
		return Pattern{src: s, kind: patAll}, nil
	}
	p, ok := compile(glob.Parse(s), mode)
	if !ok {
		return Pattern{}, &ParseError{Input: s, Offset: len(s), Code: CodeShortPattern}
	}
	p.src = s
	return p, nil
}

// MustParsePattern is like ParsePattern but panics on error. With the
// default ShortPad mode it never fails; it exists for symmetry with
// MustParse.
func MustParsePattern(s string) Pattern {
	p, err := ParsePattern(s)
	if err != nil {
		panic(err)
	}
	return p
}

// PatternFromTokens compiles a pattern that is already split into glob
// tokens (Literal, Star and Quest), such as a Resource entry after policy
// variable substitution, with the ShortPad mode. A Literal's text is
// literal, but its colons separate parts as in ParsePatternMode; a single
// Star token is the "*" that matches everything.
func PatternFromTokens(toks []glob.Token) Pattern {
	p, _ := PatternFromTokensMode(toks, ShortPad)
	return p
}

// PatternFromTokensMode is PatternFromTokens with a ShortMode. The only
// error is a *ParseError with CodeShortPattern, under ShortError; its Input
// is the pattern text.
func PatternFromTokensMode(toks []glob.Token, mode ShortMode) (Pattern, error) {
	src := tokensText(toks)
	if isStar(toks) {
		return Pattern{src: src, kind: patAll}, nil
	}
	p, ok := compile(toks, mode)
	if !ok {
		return Pattern{}, &ParseError{Input: src, Offset: len(src), Code: CodeShortPattern}
	}
	p.src = src
	return p, nil
}

func isStar(toks []glob.Token) bool {
	return len(toks) == 1 && toks[0].Kind == glob.Star
}

// tokensText renders tokens as pattern text.
func tokensText(toks []glob.Token) string {
	var b strings.Builder
	for _, t := range toks {
		switch t.Kind {
		case glob.Literal:
			b.WriteString(t.Text)
		case glob.Star, glob.StarNoColon:
			b.WriteByte('*')
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

func compile(toks []glob.Token, mode ShortMode) (Pattern, bool) {
	pad := 5 - countColons(toks)
	if pad > 0 {
		switch mode {
		case ShortNoMatch:
			return Pattern{kind: patNone}, true
		case ShortError:
			return Pattern{}, false
		}
	}
	p := Pattern{kind: patTokens, toks: appendResourceTokens(make([]glob.Token, 0, len(toks)+2*max(pad, 0)), toks, pad)}
	var lit strings.Builder
	p.exact = true
	for _, t := range p.toks {
		if t.Kind != glob.Literal {
			p.exact = false
			break
		}
		lit.WriteString(t.Text)
		p.litToks++
	}
	p.lit = lit.String()
	if !isASCII(p.lit) {
		// The rest of the pattern is matched from where lit ends only
		// when that is sure to be a character boundary.
		p.litToks = 0
	}
	p.tail = glob.Literal
	if rest := p.toks[p.litToks:]; p.litToks > 0 && len(rest) == 1 && (rest[0].Kind == glob.Star || rest[0].Kind == glob.StarNoColon) {
		p.tail = rest[0].Kind
	}
	return p, true
}

// countColons counts the colons in Literal tokens, up to 5.
func countColons(toks []glob.Token) int {
	n := 0
	for _, t := range toks {
		if t.Kind == glob.Literal {
			if n += strings.Count(t.Text, ":"); n >= 5 {
				return 5
			}
		}
	}
	return n
}

// appendResourceTokens appends toks to dst, followed by pad copies of
// ":" "*", and applies rule 4 of ParsePatternMode to the appended tokens.
func appendResourceTokens(dst, toks []glob.Token, pad int) []glob.Token {
	start := len(dst)
	dst = append(dst, toks...)
	for ; pad > 0; pad-- {
		dst = append(dst, glob.Token{Kind: glob.Literal, Text: ":"}, glob.Token{Kind: glob.Star})
	}
	colons := 0
	for i := start; i < len(dst) && colons < 5; i++ {
		switch dst[i].Kind {
		case glob.Literal:
			colons += strings.Count(dst[i].Text, ":")
		case glob.Star:
			if !colonFollows(dst[i+1:]) {
				dst[i].Kind = glob.StarNoColon
			}
		case glob.Quest:
			dst[i].Kind = glob.QuestNoColon
		}
	}
	return dst
}

// colonFollows reports whether the text after a token starts with ':'.
func colonFollows(rest []glob.Token) bool {
	for _, t := range rest {
		if t.Kind != glob.Literal {
			return false
		}
		if t.Text != "" {
			return t.Text[0] == ':'
		}
	}
	return false
}

// Match reports whether the ARN (or any string) s matches p. It does not
// allocate.
func (p Pattern) Match(s string) bool {
	switch p.kind {
	case patAll:
		return true
	case patTokens:
		switch {
		case p.exact:
			return s == p.lit
		case len(s) < len(p.lit) || s[:len(p.lit)] != p.lit:
			return false
		}
		switch p.tail {
		case glob.Star:
			return true
		case glob.StarNoColon:
			return strings.IndexByte(s[len(p.lit):], ':') < 0
		}
		if p.litToks > 0 {
			// A fixed prefix on both sides: the rest matches the rest.
			return glob.MatchTokens(p.toks[p.litToks:], s[len(p.lit):], false)
		}
		return glob.MatchTokens(p.toks, s, false)
	}
	return false
}

// String returns the pattern's text as given to ParsePattern (or rendered
// from the tokens given to PatternFromTokens).
func (p Pattern) String() string { return p.src }

// IsWildcard reports whether the pattern is exactly "*", the only Resource
// that covers actions without a resource type (rule M3.4).
func (p Pattern) IsWildcard() bool { return p.kind == patAll }

// MatchPatternTokens reports whether s matches the pattern that toks form,
// as PatternFromTokensMode(toks, mode) would compile it (ShortError acting
// as ShortNoMatch). It does not allocate for up to 50 tokens, so it suits
// Resource entries whose variables are substituted per request.
func MatchPatternTokens(toks []glob.Token, s string, mode ShortMode) bool {
	if isStar(toks) {
		return true
	}
	pad := 5 - countColons(toks)
	if pad > 0 && mode != ShortPad {
		return false
	}
	var buf [60]glob.Token
	return glob.MatchTokens(appendResourceTokens(buf[:0], toks, pad), s, false)
}

// ---------------------------------------------------------------------------
// ArnLike and ArnEquals (rule M5).

// split6 splits s at its first five colons; it reports false when s has
// fewer than six parts.
func split6(s string, parts *[6]string) bool {
	var cut [5]int
	if !findColons(s, 0, cut[:]) {
		return false
	}
	start := 0
	for k, c := range cut {
		parts[k] = s[start:c]
		start = c + 1
	}
	parts[5] = s[start:]
	return true
}

// Split cuts an ARN at its first five colons: "arn", then partition,
// service, region, account and the resource (which keeps its own colons).
// It checks only the shape: ok is false when s does not start with "arn:"
// or has fewer than five colons; the parts may be empty. It does not
// allocate, and is the cheap way to read an ARN's account where Parse's
// checks are not needed.
func Split(s string) (partition, service, region, account, resource string, ok bool) {
	var c [4]int // the colons after "arn:"
	if len(s) < 4 || s[:4] != "arn:" || !findColons(s, 4, c[:]) {
		return
	}
	return s[4:c[0]], s[c[0]+1 : c[1]], s[c[1]+1 : c[2]], s[c[2]+1 : c[3]], s[c[3]+1:], true
}

// findColons stores in cut the indexes of the first len(cut) colons of s
// at or after from, reporting false when s has fewer. It reads eight
// bytes at a time: the parts of an ARN are short, and a call per colon
// costs more than the search.
func findColons(s string, from int, cut []int) bool {
	const lows, colons = 0x7f7f7f7f7f7f7f7f, 0x3a3a3a3a3a3a3a3a
	n, i := 0, from
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i:i+8])) ^ colons
		// A byte of x is zero where s has a colon. Adding 0x7f to each
		// byte's low seven bits sets its high bit unless they are all
		// zero, and cannot carry into the next byte; with x's own high
		// bit or'ed in, the high bits left clear mark exactly the zero
		// bytes.
		for m := ^((x & lows) + lows | x | lows); m != 0; m &= m - 1 {
			cut[n] = i + bits.TrailingZeros64(m)/8
			if n++; n == len(cut) {
				return true
			}
		}
	}
	for ; i < len(s); i++ {
		if s[i] == ':' {
			cut[n] = i
			if n++; n == len(cut) {
				return true
			}
		}
	}
	return false
}

// MatchLike reports whether value matches pattern under the ArnLike and
// ArnEquals condition operators, which behave identically:
//
//  1. Both are split at their first five colons into six components; if
//     either has fewer than six, there is no match.
//  2. Each component of value is matched against the same component of
//     pattern on its own, anchored and case-sensitively, '*' matching any
//     run of characters and '?' any one character. The sixth component
//     keeps its colons, and a '*' there may span them.
//
// It does not allocate.
func MatchLike(pattern, value string) bool {
	var pp, vp [6]string
	if !split6(pattern, &pp) || !split6(value, &vp) {
		return false
	}
	for i := range pp {
		if !glob.Match(pp[i], vp[i]) {
			return false
		}
	}
	return true
}

// LikePattern is an ArnLike or ArnEquals pattern compiled once, so that
// matching splits only the value: see MatchLike for the rules. The zero
// LikePattern matches nothing. A LikePattern is immutable and safe for
// concurrent use.
type LikePattern struct {
	ok      bool   // the pattern has six components
	literal bool   // the pattern has no wildcard: a match is equality
	text    string // the pattern as written
	prefix  string // the text before the first wildcard
	comps   [6][]glob.Token
}

// CompileLike compiles pattern for ArnLike and ArnEquals:
// CompileLike(p).Match(v) == MatchLike(p, v) for every p and v.
func CompileLike(pattern string) LikePattern {
	var parts [6]string
	lp := LikePattern{text: pattern}
	if !split6(pattern, &parts) {
		return lp
	}
	lp.ok = true
	w := strings.IndexAny(pattern, "*?")
	if w < 0 {
		lp.literal = true
		return lp
	}
	lp.prefix = pattern[:w]
	for i, c := range parts {
		lp.comps[i] = glob.Parse(c)
	}
	return lp
}

// Exact reports whether the pattern matches exactly one value, and which:
// a pattern of six components without wildcards matches only itself.
func (lp *LikePattern) Exact() (string, bool) {
	if lp.ok && lp.literal {
		return lp.text, true
	}
	return "", false
}

// Match reports whether value matches the pattern (MatchLike). It does not
// allocate.
func (lp *LikePattern) Match(value string) bool {
	switch {
	case !lp.ok:
		return false
	case lp.literal:
		// Six equal components make equal strings, and the converse.
		return value == lp.text
	case !strings.HasPrefix(value, lp.prefix):
		// Every component before the first wildcard is literal, and so is
		// the start of the component that holds it.
		return false
	}
	var vp [6]string
	if !split6(value, &vp) {
		return false
	}
	for i := range vp {
		if !glob.MatchTokens(lp.comps[i], vp[i], false) {
			return false
		}
	}
	return true
}

// MatchLikeTokens is MatchLike for a pattern already split into glob tokens
// (a condition value after variable substitution): the colons of Literal
// tokens separate the components, and Literal text is literal. It does not
// allocate for up to 59 tokens.
func MatchLikeTokens(toks []glob.Token, value string) bool {
	var vp [6]string
	if !split6(value, &vp) {
		return false
	}
	var buf [64]glob.Token
	comps := buf[:0]
	var ends [6]int
	k := 0
	for _, t := range toks {
		if t.Kind != glob.Literal || k == 5 {
			comps = append(comps, t)
			continue
		}
		text := t.Text
		for k < 5 {
			c := strings.IndexByte(text, ':')
			if c < 0 {
				break
			}
			if c > 0 {
				comps = append(comps, glob.Token{Kind: glob.Literal, Text: text[:c]})
			}
			ends[k] = len(comps)
			k++
			text = text[c+1:]
		}
		if text != "" {
			comps = append(comps, glob.Token{Kind: glob.Literal, Text: text})
		}
	}
	if k < 5 {
		return false
	}
	ends[5] = len(comps)
	start := 0
	for i, end := range ends {
		if !glob.MatchTokens(comps[start:end], vp[i], false) {
			return false
		}
		start = end
	}
	return true
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
