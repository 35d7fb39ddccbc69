package difftest

import (
	"strings"
)

// conditionBlock returns a Condition element with one to three conditions.
// Operator names and, under one operator, key names are distinct (rule G9:
// no duplicate keys; key names are compared without regard to case).
func (g *gen) conditionBlock() map[string]map[string]any {
	block := map[string]map[string]any{}
	n := 1 + g.weighted(60, 28, 12)
	for i := 0; i < n; i++ {
		k := g.condKey()
		op, vals, ok := g.condition(k)
		if !ok {
			continue
		}
		keyName := k.name
		if g.chance(0.08) {
			keyName = respell(g, keyName) // rule C6: key names are case-insensitive
		}
		m := block[op]
		if m == nil {
			m = map[string]any{}
			block[op] = m
		}
		dup := false
		for existing := range m {
			if strings.EqualFold(existing, keyName) {
				dup = true
			}
		}
		if dup {
			continue
		}
		m[keyName] = vals
	}
	for op, m := range block {
		if len(m) == 0 {
			delete(block, op)
		}
	}
	if len(block) == 0 && g.chance(0.9) {
		return nil
	}
	return block // may be empty: an empty Condition is always true
}

// respell changes the case of a key name without changing the key.
func respell(g *gen, key string) string {
	switch g.intn(4) {
	case 0:
		return strings.ToLower(key)
	case 1:
		svc, rest, _ := strings.Cut(key, ":")
		return strings.ToUpper(svc) + ":" + rest
	case 2:
		return strings.ToUpper(key)
	}
	return strings.ToUpper(key[:1]) + key[1:]
}

// condKey picks the key a condition reads: mostly one the context carries,
// sometimes any key (then it is often absent).
func (g *gen) condKey() keySpec {
	w := g.w
	if g.chance(0.7) {
		var present []int
		for i, k := range w.keys {
			if _, ok := g.ctx[k.name]; ok {
				present = append(present, i)
			}
		}
		if len(present) > 0 {
			return w.keys[pick(g, present)]
		}
	}
	return w.keys[g.intn(len(w.keys))]
}

// ctxString returns the context's single value for key, if any.
func (g *gen) ctxString(key string) (string, bool) {
	v, ok := g.ctx[key]
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	return s, ok
}

// ctxList returns the context's values for a multivalued key.
func (g *gen) ctxList(key string) ([]string, bool) {
	v, ok := g.ctx[key]
	if !ok {
		return nil, false
	}
	l, ok := v.([]string)
	return l, ok
}

// value picks a value for key k: often the context's own value (so that
// conditions match), otherwise one of the key's domains.
func (g *gen) value(k keySpec) string {
	if s, ok := g.ctxString(k.name); ok && g.chance(0.5) {
		return s
	}
	if l, ok := g.ctxList(k.name); ok && len(l) > 0 && g.chance(0.5) {
		return pick(g, l)
	}
	if len(k.miss) > 0 && g.chance(0.3) {
		return pick(g, k.miss)
	}
	return pick(g, k.ctx)
}

// condition returns an operator and its values for key k. ok is false when
// no valid condition fits.
func (g *gen) condition(k keySpec) (op string, vals any, ok bool) {
	// Null tests presence (C4.9). Not on an empty multivalued set, where the
	// reference answers differently (C4.9).
	if g.chance(0.1) {
		if l, isList := g.ctxList(k.name); isList && len(l) == 0 {
			return "", nil, false
		}
		v := pick(g, []any{"true", "false", "true", "false", true, false})
		return "Null", v, true
	}
	ifExists := g.chance(0.2)
	suffix := func(op string) string {
		if ifExists {
			return op + "IfExists"
		}
		return op
	}
	n := 1 + g.weighted(65, 25, 10)
	switch k.kind {
	case vString:
		base := pick(g, []string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
			"StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"})
		op = suffix(base)
		if g.chance(0.05) {
			// A set operator on a single-valued key (rule C5, G.19).
			op = pick(g, []string{"ForAnyValue:", "ForAllValues:"}) + op
		}
		return op, g.stringValues(k, base, n), true
	case vARN:
		base := pick(g, []string{"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "ArnLike",
			"StringLike", "StringEquals", "StringNotLike"})
		return suffix(base), g.arnValues(k, base, n), true
	case vNum:
		base := pick(g, numericOps())
		return suffix(base), g.numValues(k, n), true
	case vDate:
		base := pick(g, dateOps())
		return suffix(base), g.distinct(n, func() string { return g.value(k) }), true
	case vEpoch:
		// aws:EpochTime takes Date and Numeric operators; its values are
		// epoch seconds on both sides (never mixed with ISO 8601, B4).
		if g.chance(0.5) {
			return suffix(pick(g, dateOps())), g.numValues(k, n), true
		}
		return suffix(pick(g, numericOps())), g.numValues(k, n), true
	case vBool:
		if g.chance(0.2) {
			return suffix("Bool"), g.chance(0.5), true // JSON boolean (rule G7)
		}
		// Bool compares without regard to case (C4.6).
		v := pick(g, []string{"true", "false", "true", "false", "TRUE", "False"})
		return suffix("Bool"), g.oneOrList([]string{v}), true
	case vIP:
		base := pick(g, []string{"IpAddress", "NotIpAddress"})
		return suffix(base), g.ipValues(k, n), true
	case vBinary:
		return suffix("BinaryEquals"), g.oneOrList(g.distinct(n, func() string { return g.value(k) })), true
	case vMulti:
		// Multivalued keys always take a set operator (C5: a plain operator
		// on a multivalued key is [U]).
		set := pick(g, []string{"ForAnyValue:", "ForAllValues:"})
		bases := []string{"StringEquals", "StringLike", "StringNotEquals", "StringNotLike", "StringEqualsIgnoreCase"}
		if k.name == "lambda:Layer" {
			bases = append(bases, "ArnLike", "ArnEquals", "ArnNotLike")
		}
		base := pick(g, bases)
		op = set + suffix(base)
		if strings.HasPrefix(base, "Arn") {
			return op, g.arnValues(k, base, n), true
		}
		return op, g.stringValues(k, base, n), true
	}
	return "", nil, false
}

func numericOps() []string {
	return []string{"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
		"NumericGreaterThan", "NumericGreaterThanEquals"}
}

func dateOps() []string {
	return []string{"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
		"DateGreaterThan", "DateGreaterThanEquals"}
}

// distinct calls f until it has n distinct values (or gives up).
func (g *gen) distinct(n int, f func() string) []string {
	var out []string
	for i := 0; i < 3*n && len(out) < n; i++ {
		v := f()
		dup := false
		for _, o := range out {
			if o == v {
				dup = true
			}
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

func negated(base string) bool { return strings.Contains(base, "Not") }

func (g *gen) stringValues(k keySpec, base string, n int) any {
	vals := g.distinct(n, func() string {
		if g.variables() && g.chance(0.15) {
			if v := g.variableFor(negated(base), nil, k.ctx); v != "" {
				if strings.HasSuffix(base, "Like") && g.chance(0.3) {
					return v + "*"
				}
				return v
			}
		}
		v := g.value(k)
		switch {
		case strings.HasSuffix(base, "Like") && g.variables() && strings.ContainsAny(v, "*?$") && g.chance(0.6):
			// ${*}, ${?} and ${$} stand for the literal characters (D5).
			// Only with StringLike: the reference leaves them as text in
			// StringEquals (D5).
			return strings.NewReplacer("*", "${*}", "?", "${?}", "$", "${$}").Replace(v)
		case strings.HasSuffix(base, "Like"):
			return globOf(g, v)
		case strings.Contains(base, "IgnoreCase") && g.chance(0.4):
			return flipCase(g, v)
		}
		return v
	})
	return g.oneOrList(vals)
}

// variableFor returns a policy variable ("${aws:username}" or one with a
// default) for a value of a String or ARN operator, or "" when none fits.
// A variable that may be unresolved is never used where the reference
// answers wrongly for one (neg: negated operators and NotResource,
// D3): there it must be present or carry a default.
// Substituted values never contain * or ? (rule D5 leaves that open).
func (g *gen) variableFor(neg bool, keys []string, defaults []string) string {
	if keys == nil {
		keys = []string{"aws:username", "aws:PrincipalTag/team", "aws:PrincipalTag/project", "aws:PrincipalAccount"}
	}
	key := pick(g, keys)
	_, present := g.ctxString(key)
	withDefault := g.chance(0.3)
	if neg && !present {
		withDefault = true
	}
	name := key
	if g.chance(0.1) {
		name = respell(g, key) // rule D1: variable names are case-insensitive
	}
	if withDefault && len(defaults) > 0 {
		d := pick(g, defaults)
		if !plainDefault(d) {
			return ""
		}
		return "${" + name + ", '" + d + "'}"
	}
	if neg && !present {
		return ""
	}
	return "${" + name + "}"
}

// globOf turns a value into a StringLike pattern that often still matches it.
func globOf(g *gen, v string) string {
	if v == "" {
		return "*"
	}
	switch g.intn(6) {
	case 0, 1:
		return v
	case 2:
		return v[:g.intn(len(v))] + "*"
	case 3:
		return "*" + v[g.intn(len(v)):]
	case 4:
		i := g.intn(len(v))
		return v[:i] + "?" + v[i+1:]
	}
	return "*"
}

func flipCase(g *gen, v string) string {
	if g.chance(0.5) {
		return strings.ToUpper(v)
	}
	return strings.ToUpper(v[:1]) + v[1:]
}

// arnValues returns ARN patterns for an ARN key: values of the key's domain
// with some of the six parts replaced by wildcards. ArnLike and ArnEquals
// compare part by part (rule M5), StringLike globs the whole value.
func (g *gen) arnValues(k keySpec, base string, n int) any {
	vals := g.distinct(n, func() string {
		v := g.value(k)
		if base == "StringEquals" {
			return v
		}
		if k.name == "aws:PrincipalArn" && g.variables() && g.chance(0.15) {
			acct := acctMain
			if s, ok := g.ctxString("aws:PrincipalAccount"); ok {
				acct = s
			}
			if u := g.variableFor(negated(base), []string{"aws:username"}, g.w.users); u != "" {
				return "arn:aws:iam::" + acct + ":user/" + u
			}
		}
		parts := strings.SplitN(v, ":", 6)
		if len(parts) != 6 {
			return v
		}
		if g.chance(0.3) && parts[3] != "" {
			parts[3] = "*"
		}
		if g.chance(0.3) && parts[4] != "" {
			parts[4] = pick(g, []string{"*", parts[4][:4] + "*", "????????????"})
		}
		switch g.intn(5) {
		case 0:
			parts[5] = "*"
		case 1:
			r := parts[5]
			if i := strings.LastIndexAny(r, "/:"); i >= 0 {
				parts[5] = r[:i+1] + "*"
			}
		case 2:
			r := parts[5]
			if len(r) > 2 {
				parts[5] = r[:len(r)-2] + "*"
			}
		}
		return strings.Join(parts, ":")
	})
	return g.oneOrList(vals)
}

func (g *gen) numValues(k keySpec, n int) any {
	vals := g.distinct(n, func() string {
		v := g.value(k)
		switch g.intn(6) {
		case 0:
			return addInt(v, 1)
		case 1:
			return addInt(v, -1)
		case 2:
			if k.kind == vNum {
				return v + ".5"
			}
		case 3:
			if k.kind == vNum {
				return v + ".0"
			}
		case 4:
			if k.kind == vNum && g.chance(0.3) {
				return pick(g, []string{"-1", "0" + v})
			}
		}
		return v
	})
	return g.oneOrList(vals)
}

// addInt adds d to a decimal integer string of at most 18 digits.
func addInt(s string, d int64) string {
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			return s
		}
		n = n*10 + int64(c-'0')
	}
	n += d
	if n < 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(buf[i:])
}

func isIPv6(s string) bool { return strings.Contains(s, ":") }

// ipValues returns CIDRs and bare addresses. Left out (C4.8): "/0",
// bare addresses of the other family than the request's, and bare IPv6
// addresses with upper-case hex digits, which the reference never matches.
func (g *gen) ipValues(k keySpec, n int) any {
	reqV6, hasReq := false, false
	if s, ok := g.ctxString(k.name); ok {
		reqV6, hasReq = isIPv6(s), true
	}
	vals := g.distinct(n, func() string {
		for i := 0; i < 10; i++ {
			v := g.value(k)
			bare := !strings.Contains(v, "/")
			if bare && hasReq && isIPv6(v) != reqV6 {
				continue
			}
			if bare && isIPv6(v) && v != strings.ToLower(v) {
				continue
			}
			return v
		}
		if reqV6 {
			return "2001:db8::/32"
		}
		return "10.0.0.0/8"
	})
	return g.oneOrList(vals)
}

// plainDefault reports whether d may be written as a variable default:
// letters, digits, '-', '_' and '.' only (rule D4 leaves the rest open).
func plainDefault(d string) bool {
	if d == "" {
		return false
	}
	for _, c := range d {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}
