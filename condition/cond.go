package condition

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/internal/glob"
)

// MultiMode is how an operator without a set qualifier treats a
// multivalued key (rule C5, [U]).
type MultiMode uint8

const (
	// MultiNoMatch: the condition is false, for positive and negated
	// operators alike, and also with IfExists. The default.
	MultiNoMatch MultiMode = iota
	// MultiAnyValue: the operator is evaluated as ForAnyValue.
	MultiAnyValue
	// MultiSingleValue: the operator applies when the set has exactly one
	// value, and is false otherwise.
	MultiSingleValue
)

// String returns the mode's name ("MultiNoMatch").
func (m MultiMode) String() string {
	switch m {
	case MultiNoMatch:
		return "MultiNoMatch"
	case MultiAnyValue:
		return "MultiAnyValue"
	case MultiSingleValue:
		return "MultiSingleValue"
	}
	return "MultiMode(" + strconv.Itoa(int(m)) + ")"
}

// Options are the choices AWS leaves open ([U] in the spec). The zero
// value is the spec's default for each.
type Options struct {
	// Multivalued, when not nil, decides which keys are multivalued (it is
	// given the lower-cased key), in place of the built-in table of
	// MultivaluedKey. A key is also multivalued in a request that supplies
	// it as a list (Context.SetMulti).
	Multivalued func(lowerKey string) bool

	// PlainOnMultivalued is how an operator without ForAllValues: or
	// ForAnyValue: treats a multivalued key. Default MultiNoMatch.
	PlainOnMultivalued MultiMode

	// BareIPv6Slash32 reads a bare IPv6 address in an IpAddress value as a
	// /32 network, the literal reading of AWS's "default prefix of /32".
	// Default: /128, the address alone.
	BareIPv6Slash32 bool

	// UnmapIPv4Mapped makes an IPv4-mapped IPv6 request address
	// (::ffff:a.b.c.d) an IPv4 address. Default: it is an IPv6 address and
	// matches only IPv6 prefixes.
	UnmapIPv4Mapped bool

	// NullEmptySetPresent makes Null count an empty multivalued set as
	// present. Default: an empty set is null (absent).
	NullEmptySetPresent bool

	// ForAnyValueIfExistsMissing makes ForAnyValue:…IfExists true when the
	// key is missing. Default: false, like ForAnyValue: (G.38).
	ForAnyValueIfExistsMissing bool

	// UnresolvedNegatedNoMatch makes a negated operator false when one of
	// its values holds a variable that does not resolve. Default: the
	// unresolved value matches nothing, so the negated operator is true
	// unless another value matches (D3).
	UnresolvedNegatedNoMatch bool
}

func (o *Options) multivalued(lkey string) bool {
	if o.Multivalued != nil {
		return o.Multivalued(lkey)
	}
	return builtinMultivalued(lkey)
}

// Cond is one compiled condition: an operator, a key and the policy
// values, parsed once. It is immutable and safe for concurrent use. A
// condition block is the AND of its Conds.
type Cond struct {
	op       Operator
	key      string
	lkey     string
	values   []string
	multiKey bool
	opts     Options

	strs  []strValue
	nums  []number
	dates []instant
	nets  []netip.Prefix
	bins  []string
	// Bool and Null: which of "true" and "false" the values list.
	wantTrue, wantFalse bool

	// eqFast: the condition holds for a single request value exactly when
	// the value is one of eq (a positive String or ARN equality on a key
	// that is not multivalued, every value a literal), so that EvalSlot
	// compares strings without the general path.
	eqFast bool
	eq     []string
	// ipFast, dateFast: an address or date operator without a set
	// qualifier on a key that is not multivalued, so that EvalSlot
	// matches a single value parsed once per slot.
	ipFast, dateFast bool
}

// Compile builds the condition op key values, as written in a policy whose
// variables are recognised when variables is true (Version "2012-10-17").
// It fails, with a *ValueError, on the values CheckValue rejects, on an
// empty key (CodeInvalidKey) and on an invalid operator
// (CodeInvalidOperator). An empty values list is accepted: no value
// matches it.
func Compile(op Operator, key string, values []string, variables bool, opts Options) (*Cond, error) {
	if !op.Valid() {
		return nil, &ValueError{Op: op.Base, Value: op.String(), Code: CodeInvalidOperator,
			Msg: "invalid condition operator " + strconv.Quote(op.String())}
	}
	if key == "" {
		return nil, &ValueError{Op: op.Base, Code: CodeInvalidKey, Msg: op.String() + ": empty condition key"}
	}
	c := &Cond{op: op, key: key, lkey: lowerKey(key), values: slices.Clone(values), opts: opts}
	c.multiKey = opts.multivalued(c.lkey)
	for _, v := range values {
		p, err := parseValue(op.Base, v, variables, &opts)
		if err != nil {
			return nil, err
		}
		switch op.Base.Family() {
		case FamilyString, FamilyARN:
			c.strs = append(c.strs, p.str)
		case FamilyNumeric:
			c.nums = append(c.nums, p.num)
		case FamilyDate:
			c.dates = append(c.dates, p.date)
		case FamilyIP:
			c.nets = append(c.nets, p.net)
		case FamilyBinary:
			c.bins = append(c.bins, p.bin)
		case FamilyBool, FamilyNull:
			c.wantTrue = c.wantTrue || p.b
			c.wantFalse = c.wantFalse || !p.b
		}
	}
	c.eqFast, c.eq = equalityValues(c)
	plain := op.Set == Single && !c.multiKey
	c.ipFast = plain && op.Base.Family() == FamilyIP
	c.dateFast = plain && op.Base.Family() == FamilyDate
	return c, nil
}

// equalityValues reports whether c is a plain positive equality whose
// answer for one present single value is membership in the returned list.
func equalityValues(c *Cond) (bool, []string) {
	switch {
	case c.op.Set != Single || c.multiKey:
		return false, nil
	case c.op.Base != StringEquals && c.op.Base != ArnEquals && c.op.Base != ArnLike:
		return false, nil
	}
	eq := make([]string, 0, len(c.strs))
	for i := range c.strs {
		sv := &c.strs[i]
		switch c.op.Base {
		case StringEquals:
			if sv.dyn {
				return false, nil
			}
			eq = append(eq, sv.text)
		case ArnEquals, ArnLike:
			if !sv.plain {
				return false, nil
			}
			v, ok := sv.like.Exact()
			if !ok {
				return false, nil
			}
			eq = append(eq, v)
		default:
			return false, nil
		}
	}
	return true, eq
}

// MustCompile is Compile for values known to be valid; it panics on error.
func MustCompile(op Operator, key string, values []string, variables bool, opts Options) *Cond {
	c, err := Compile(op, key, values, variables, opts)
	if err != nil {
		panic(err)
	}
	return c
}

// Operator returns the condition's operator.
func (c *Cond) Operator() Operator { return c.op }

// Key returns the condition key as written in the policy.
func (c *Cond) Key() string { return c.key }

// Values returns the policy values as written. The caller must not
// modify the slice.
func (c *Cond) Values() []string { return c.values }

// String returns the condition in policy form:
// `StringEquals "aws:PrincipalTag/team": ["risk"]`.
func (c *Cond) String() string {
	var b strings.Builder
	b.WriteString(c.op.String())
	b.WriteByte(' ')
	b.WriteString(strconv.Quote(c.key))
	b.WriteString(": [")
	for i, v := range c.values {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(v))
	}
	b.WriteByte(']')
	return b.String()
}

// Eval reports whether the condition holds in env (which may be nil: no
// keys). The rules, in order:
//
//  1. Null tests presence only: "true" holds when the key is absent (an
//     empty multivalued set counts as absent unless
//     Options.NullEmptySetPresent), "false" when it is present (C4.9).
//  2. ForAllValues: holds when the key is missing or its set is empty;
//     else when every request value satisfies the base operator (C5).
//  3. ForAnyValue: is false when the key is missing or its set is empty,
//     with or without IfExists (C2, G.38; see
//     Options.ForAnyValueIfExistsMissing); else it holds when some
//     request value satisfies the base operator.
//  4. Without a set qualifier, a missing key makes IfExists operators and
//     negated operators true and the others false (C2); a multivalued key
//     (Options.PlainOnMultivalued) is false by default; a single value
//     is tested against the base operator.
//
// A request value satisfies a positive operator when it matches at least
// one policy value, and a negated one when it matches none (NOR, C1). A
// policy value whose variable does not resolve matches nothing (D3). A
// request value that its family cannot parse (a non-number for Numeric,
// a non-date, a non-address, non-base64, neither "true" nor "false")
// satisfies neither a positive nor a negated operator (C4.4).
//
// Eval allocates nothing, except to format the request time when a
// String or ARN operator (or a variable) reads aws:CurrentTime or
// aws:EpochTime from Env.Time, and when a variable-bearing Like or ARN
// value expands to more than 16 glob tokens.
func (c *Cond) Eval(env *Env) bool {
	v, ok := env.lookup(c.lkey)
	return c.evalValue(env, &v, ok)
}

// FalseWhenMissing reports whether the condition is false whenever the
// request lacks its key (in every Options): it is not Null, not
// ForAllValues, not ...IfExists, and, without a set qualifier, not a
// negated operator.
func (c *Cond) FalseWhenMissing() bool {
	switch {
	case c.op.Base == Null, c.op.Set == ForAllValues, c.op.IfExists:
		return false
	case c.op.Set == ForAnyValue:
		return true
	}
	return !c.op.Base.Negated()
}

// EvalSlot is Eval with the key's value looked up once per Env: the first
// condition evaluated with a slot looks its key up and env keeps the
// answer in that slot for the next ones. Every condition evaluated with
// one slot must have the same key (in any case); slot must be in
// [0, EnvKeySlots), and any other slot evaluates as Eval does. It does
// not allocate beyond what Eval does.
func (c *Cond) EvalSlot(env *Env, slot int) bool {
	if env == nil || uint(slot) >= EnvKeySlots {
		return c.Eval(env)
	}
	sv := env.lookupSlot(slot, c.lkey)
	if sv.found && sv.v.kind == kindSingle {
		switch {
		case c.eqFast:
			for _, x := range c.eq {
				if x == sv.v.one {
					return true
				}
			}
			return false
		case c.ipFast:
			// As match does for an address, with the parse remembered.
			a, ok := sv.addr(c.opts.UnmapIPv4Mapped)
			return ok && c.matchAddr(a)
		case c.dateFast:
			// As match does for a date, with the parse remembered.
			t, ok := sv.when()
			return ok && c.matchInstant(t) != c.op.Base.Negated()
		}
	}
	return c.evalValue(env, &sv.v, sv.found)
}

func (c *Cond) evalValue(env *Env, v *Value, ok bool) bool {
	if c.op.Base == Null {
		absent := !ok || (v.Multi() && v.Len() == 0 && !c.opts.NullEmptySetPresent)
		if absent {
			return c.wantTrue
		}
		return c.wantFalse
	}
	switch c.op.Set {
	case ForAllValues:
		for i := 0; ok && i < v.Len(); i++ {
			if !c.match(env, v, i) {
				return false
			}
		}
		return true
	case ForAnyValue:
		if !ok {
			return c.op.IfExists && c.opts.ForAnyValueIfExistsMissing
		}
		return c.anyValue(env, v)
	}
	if !ok {
		return c.op.IfExists || c.op.Base.Negated()
	}
	if v.Multi() || c.multiKey {
		switch c.opts.PlainOnMultivalued {
		case MultiAnyValue:
			return c.anyValue(env, v)
		case MultiSingleValue:
			return v.Len() == 1 && c.match(env, v, 0)
		}
		return false
	}
	return c.match(env, v, 0)
}

func (c *Cond) anyValue(env *Env, v *Value) bool {
	for i := 0; i < v.Len(); i++ {
		if c.match(env, v, i) {
			return true
		}
	}
	return false
}

// match reports whether request value i of v satisfies the operator
// against the policy values: OR for positive operators, NOR for negated
// ones.
func (c *Cond) match(env *Env, v *Value, i int) bool {
	neg := c.op.Base.Negated()
	switch c.op.Base.Family() {
	case FamilyString, FamilyARN:
		found, unresolved := c.matchStrings(env, v.At(i))
		if neg {
			return !found && !(unresolved && c.opts.UnresolvedNegatedNoMatch)
		}
		return found
	case FamilyNumeric:
		found, ok := c.matchNumber(v, i)
		return ok && found != neg
	case FamilyDate:
		found, ok := c.matchDate(v, i)
		return ok && found != neg
	case FamilyIP:
		if v.kind != kindSingle && v.kind != kindList {
			return false // a request time is not an address
		}
		a, ok := parseRequestIP(v.At(i), c.opts.UnmapIPv4Mapped)
		return ok && c.matchAddr(a)
	case FamilyBool:
		if v.kind != kindSingle && v.kind != kindList {
			return false
		}
		b, ok := parseBool(v.At(i))
		return ok && (b && c.wantTrue || !b && c.wantFalse)
	case FamilyBinary:
		if v.kind != kindSingle && v.kind != kindList {
			return false
		}
		s := v.At(i)
		for _, b := range c.bins {
			if base64Equal(s, b) {
				return true
			}
		}
	}
	return false
}

// matchAddr reports whether a request address satisfies the address
// operator: in one of the networks for IpAddress, in none for
// NotIpAddress.
func (c *Cond) matchAddr(a netip.Addr) bool {
	found := false
	for _, n := range c.nets {
		if n.Contains(a) {
			found = true
			break
		}
	}
	return found != c.op.Base.Negated()
}

// matchStrings reports whether s matches one of the String or ARN policy
// values, and whether some value held a variable that did not resolve.
func (c *Cond) matchStrings(env *Env, s string) (found, unresolved bool) {
	base := c.op.Base
	for k := range c.strs {
		sv := &c.strs[k]
		var m, ok bool
		switch base {
		case StringEquals, StringNotEquals:
			if sv.dyn {
				m, ok = sv.tpl.equal(env, s, false)
			} else {
				m, ok = sv.text == s, true
			}
		case StringEqualsIgnoreCase, StringNotEqualsIgnoreCase:
			if sv.dyn {
				m, ok = sv.tpl.equal(env, s, true)
			} else {
				m, ok = equalFold(sv.text, s), true
			}
		case StringLike, StringNotLike:
			if sv.dyn {
				var buf [16]glob.Token
				var toks []glob.Token
				if toks, ok = sv.tpl.Expand(env, buf[:0]); ok {
					m = glob.MatchTokens(toks, s, false)
				}
			} else {
				m, ok = glob.MatchTokens(sv.toks, s, false), true
			}
		default: // ArnEquals, ArnLike, ArnNotEquals, ArnNotLike (M5)
			switch {
			case sv.dyn:
				var buf [16]glob.Token
				var toks []glob.Token
				if toks, ok = sv.tpl.Expand(env, buf[:0]); ok {
					m = arn.MatchLikeTokens(toks, s)
				}
			case sv.plain:
				m, ok = sv.like.Match(s), true
			default:
				m, ok = arn.MatchLikeTokens(sv.toks, s), true
			}
		}
		if !ok {
			unresolved = true
			continue
		}
		if m {
			return true, unresolved
		}
	}
	return false, unresolved
}

// numericHolds reports whether cmp, the sign of request - policy,
// satisfies the positive form of the Numeric or Date operator b.
func numericHolds(b Base, cmp int) bool {
	switch b {
	case NumericEquals, NumericNotEquals, DateEquals, DateNotEquals:
		return cmp == 0
	case NumericLessThan, DateLessThan:
		return cmp < 0
	case NumericLessThanEquals, DateLessThanEquals:
		return cmp <= 0
	case NumericGreaterThan, DateGreaterThan:
		return cmp > 0
	case NumericGreaterThanEquals, DateGreaterThanEquals:
		return cmp >= 0
	}
	return false
}

// matchNumber reports whether request value i equals or compares as the
// operator asks with one of the policy numbers; ok is false when the
// value is not a number.
func (c *Cond) matchNumber(v *Value, i int) (found, ok bool) {
	var x int64
	switch v.kind {
	case kindEpochTime:
		x = v.sec
	case kindCurrentTime:
		return false, false // RFC 3339 text is not a number
	default:
		s := v.At(i)
		if x, ok = parseSmallInt(s); !ok {
			d, ok := parseDecimal(s)
			if !ok {
				return false, false
			}
			for k := range c.nums {
				if numericHolds(c.op.Base, compareDecimal(d, c.nums[k].d)) {
					return true, true
				}
			}
			return false, true
		}
	}
	for k := range c.nums {
		if numericHolds(c.op.Base, c.nums[k].compareInt(x)) {
			return true, true
		}
	}
	return false, true
}

// matchDate is matchNumber for the Date operators: instants are compared.
func (c *Cond) matchDate(v *Value, i int) (found, ok bool) {
	t, ok := v.instant()
	if !ok {
		if t, ok = parseDate(v.At(i)); !ok {
			return false, false
		}
	}
	return c.matchInstant(t), true
}

// matchInstant reports whether the request instant t compares as the
// operator asks with one of the policy dates.
func (c *Cond) matchInstant(t instant) bool {
	for _, d := range c.dates {
		if numericHolds(c.op.Base, t.compare(d)) {
			return true
		}
	}
	return false
}
