package condition

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
)

// lowerKey returns the canonical form of a condition key name: lower case
// (rule C6). It does not allocate when key is already lower case.
func lowerKey(key string) string { return strings.ToLower(key) }

// Context is the request context: condition keys and their values. Keys
// are case-insensitive (rule C6): they are stored lower-cased.
//
// A Context is built once per request, with NewContext or with Set and
// SetMulti on a zero Context, and is then read-only: after building, it is
// safe for concurrent reads, but Set and SetMulti must not run
// concurrently with anything else. A nil *Context holds no keys.
type Context struct {
	m map[string]entry
}

type entry struct {
	vals  []string // one element for a single value
	multi bool
}

// NewContext builds a Context from a map of key to values. A key with
// exactly one value is single-valued unless the built-in table lists it as
// multivalued (MultivaluedKey); a key with no value or several values is
// multivalued. Keys that differ only in case are applied in byte order, so
// the last spelling in that order wins ("env" over "Env"). The values are
// copied.
func NewContext(kv map[string][]string) *Context {
	c := &Context{m: make(map[string]entry, len(kv))}
	keys := make([]string, 0, len(kv))
	for k := range kv {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		vs := kv[k]
		if len(vs) == 1 && !builtinMultivalued(lowerKey(k)) {
			c.Set(k, vs[0])
		} else {
			c.SetMulti(k, vs)
		}
	}
	return c
}

// Set gives key (any case) the single value value, replacing any earlier
// value of the key. It is for the build phase only (see Context).
func (c *Context) Set(key, value string) {
	if c.m == nil {
		c.m = make(map[string]entry)
	}
	c.m[lowerKey(key)] = entry{vals: []string{value}}
}

// SetMulti gives key (any case) the multivalued set values, which may be
// empty, replacing any earlier value of the key. The slice is copied. It
// is for the build phase only (see Context).
func (c *Context) SetMulti(key string, values []string) {
	if c.m == nil {
		c.m = make(map[string]entry)
	}
	c.m[lowerKey(key)] = entry{vals: slices.Clone(values), multi: true}
}

// Values returns the values of key (any case) and whether the key is
// present. It allocates nothing when key is lower case. The caller must
// not modify the returned slice.
func (c *Context) Values(key string) ([]string, bool) {
	if c == nil {
		return nil, false
	}
	e, ok := c.m[lowerKey(key)]
	return e.vals, ok
}

// Lookup returns the value of key (any case) and whether it is present.
// It allocates nothing when key is lower case.
func (c *Context) Lookup(key string) (Value, bool) {
	return c.lookup(lowerKey(key))
}

func (c *Context) lookup(lkey string) (Value, bool) {
	if c == nil {
		return Value{}, false
	}
	e, ok := c.m[lkey]
	switch {
	case !ok:
		return Value{}, false
	case e.multi:
		return Value{list: e.vals, kind: kindList}, true
	}
	return Value{one: e.vals[0], kind: kindSingle}, true
}

// Len returns the number of keys in c.
func (c *Context) Len() int {
	if c == nil {
		return 0
	}
	return len(c.m)
}

// Keys returns the (lower-cased) keys of c in sorted order.
func (c *Context) Keys() []string {
	if c == nil {
		return nil
	}
	keys := make([]string, 0, len(c.m))
	for k := range c.m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

type valueKind uint8

const (
	kindNone        valueKind = iota
	kindSingle                // one string
	kindList                  // a multivalued set, possibly empty
	kindCurrentTime           // aws:CurrentTime from Env.Time
	kindEpochTime             // aws:EpochTime from Env.Time
)

// Value is the value of one condition key in a request: a single string,
// a multivalued set of strings (possibly empty), or the request time for
// aws:CurrentTime and aws:EpochTime. It is a small value type returned by
// lookups without allocation; the zero Value is no value.
type Value struct {
	one  string
	list []string
	sec  int64
	kind valueKind
}

// Len returns the number of values: 1 for a single value, the size of a
// multivalued set, 0 for the zero Value.
func (v Value) Len() int {
	switch v.kind {
	case kindNone:
		return 0
	case kindList:
		return len(v.list)
	}
	return 1
}

// At returns the i-th value, 0 ≤ i < Len(). A request time is formatted
// (aws:CurrentTime as RFC 3339 in UTC, aws:EpochTime as decimal epoch
// seconds), which allocates.
func (v Value) At(i int) string {
	switch v.kind {
	case kindList:
		return v.list[i]
	case kindCurrentTime:
		return time.Unix(v.sec, 0).UTC().Format(time.RFC3339)
	case kindEpochTime:
		return strconv.FormatInt(v.sec, 10)
	}
	return v.one
}

// Multi reports whether v is a multivalued set (it was supplied as a
// list), as opposed to a single value.
func (v Value) Multi() bool { return v.kind == kindList }

// Strings returns a copy of the values.
func (v Value) Strings() []string {
	out := make([]string, v.Len())
	for i := range out {
		out[i] = v.At(i)
	}
	return out
}

// instant returns the request time held by v, if v is one.
func (v Value) instant() (instant, bool) {
	if v.kind == kindCurrentTime || v.kind == kindEpochTime {
		return instant{sec: v.sec}, true
	}
	return instant{}, false
}

// EnvDefaults is the number of defaults an Env holds.
const EnvDefaults = 8

// Env is what a condition is evaluated against: the request's Context,
// the request time and single-valued defaults derived from the principal
// (aws:PrincipalArn, aws:username, ...). A key is looked up in Ctx first,
// then among the defaults (first added wins), then, when Time is not
// zero, aws:CurrentTime and aws:EpochTime are derived from Time truncated
// to the second.
//
// Env is meant to be a local variable of the evaluator, passed by
// pointer; it holds its defaults inline and allocates nothing. The zero
// Env has no keys.
type Env struct {
	// Ctx is the request context; it may be nil.
	Ctx *Context
	// Time is the request time; the zero Time means no time is known.
	Time time.Time

	defs  [EnvDefaults]envDefault
	ndefs int

	// slots are the keys looked up for Cond.EvalSlot; known has a bit per
	// slot filled.
	slots [EnvKeySlots]slotValue
	known uint8
}

type envDefault struct{ key, value string }

// EnvKeySlots is the number of key slots of an Env (see Cond.EvalSlot).
const EnvKeySlots = 4

type slotValue struct {
	v     Value
	found bool
	// The value parsed as an address, for IpAddress and NotIpAddress:
	// ipState 0 not yet, 1 parsed into ip, 2 not an address; ipUnmap is
	// the Options.UnmapIPv4Mapped it was parsed under.
	ipState uint8
	ipUnmap bool
	ip      netip.Addr
	// The value parsed as a date, for the Date operators: dateState as
	// ipState.
	dateState uint8
	date      instant
}

// when returns the slot's single value parsed as a request date, parsing
// it once.
func (sv *slotValue) when() (instant, bool) {
	if sv.dateState == 0 {
		t, ok := parseDate(sv.v.one)
		sv.date, sv.dateState = t, 2
		if ok {
			sv.dateState = 1
		}
	}
	return sv.date, sv.dateState == 1
}

// addr returns the slot's single value parsed as a request address,
// parsing it once per unmap setting.
func (sv *slotValue) addr(unmap bool) (netip.Addr, bool) {
	if sv.ipState == 0 || sv.ipUnmap != unmap {
		a, ok := parseRequestIP(sv.v.one, unmap)
		sv.ip, sv.ipUnmap, sv.ipState = a, unmap, 2
		if ok {
			sv.ipState = 1
		}
	}
	return sv.ip, sv.ipState == 1
}

// SlotFound reports whether the request has the key lkey (in lower case),
// looking it up into slot as Cond.EvalSlot does, so that a caller can skip
// the conditions that a missing key makes false. Every use of a slot must
// be for one key; a slot outside [0, EnvKeySlots) is not remembered.
func (e *Env) SlotFound(slot int, lkey string) bool {
	if e == nil {
		return false
	}
	if uint(slot) >= EnvKeySlots {
		_, ok := e.lookup(lkey)
		return ok
	}
	return e.lookupSlot(slot, lkey).found
}

// lookupSlot is lookup, remembered in slot.
func (e *Env) lookupSlot(slot int, lkey string) *slotValue {
	bit := uint8(1) << uint(slot)
	sv := &e.slots[slot]
	if e.known&bit == 0 {
		sv.v, sv.found = e.lookup(lkey)
		sv.ipState, sv.dateState = 0, 0
		e.known |= bit
	}
	return sv
}

// AddDefault adds a single-valued default for lowerKey, used only when Ctx
// lacks the key. lowerKey must be lower case. Defaults past EnvDefaults
// and repeated keys are ignored. It does not allocate.
func (e *Env) AddDefault(lowerKey, value string) {
	if e.ndefs >= len(e.defs) {
		return
	}
	for i := 0; i < e.ndefs; i++ {
		if e.defs[i].key == lowerKey {
			return
		}
	}
	e.defs[e.ndefs] = envDefault{lowerKey, value}
	e.ndefs++
	e.known = 0
}

// ResetDefaults removes every default and forgets the key slots (see
// Cond.EvalSlot), so that an Env can be reused; call it too after
// changing Ctx or Time once a slot was used.
func (e *Env) ResetDefaults() {
	e.defs = [EnvDefaults]envDefault{}
	e.ndefs = 0
	e.known = 0
}

// Lookup returns the value of key and whether it is present. key should
// be lower case; another case is lowered, which allocates.
func (e *Env) Lookup(key string) (Value, bool) {
	return e.lookup(lowerKey(key))
}

const (
	keyCurrentTime = "aws:currenttime"
	keyEpochTime   = "aws:epochtime"
)

func (e *Env) lookup(lkey string) (Value, bool) {
	if e == nil {
		return Value{}, false
	}
	if v, ok := e.Ctx.lookup(lkey); ok {
		return v, true
	}
	for i := 0; i < e.ndefs; i++ {
		if e.defs[i].key == lkey {
			return Value{one: e.defs[i].value, kind: kindSingle}, true
		}
	}
	if !e.Time.IsZero() {
		switch lkey {
		case keyCurrentTime:
			return Value{sec: e.Time.Unix(), kind: kindCurrentTime}, true
		case keyEpochTime:
			return Value{sec: e.Time.Unix(), kind: kindEpochTime}, true
		}
	}
	return Value{}, false
}
