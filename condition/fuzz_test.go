package condition

import (
	"encoding/base64"
	"math/big"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"0", "-0", "10", "300.0", "0.30000000000000000001", "-1.5", "+7",
		"9223372036854775808", "-9223372036854775809.5", "1e3", "10 minutes", "", ".5", "007.700"} {
		f.Add(s, "3600")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		da, okA := parseDecimal(a)
		_, err := Compile(Operator{Base: NumericEquals}, "k", []string{a}, true, Options{})
		if okA != (err == nil) || okA != (CheckValue(NumericEquals, a, true) == nil) {
			t.Fatalf("parseDecimal(%q) = %v but Compile error %v", a, okA, err)
		}
		if !okA {
			return
		}
		if compareDecimal(da, da) != 0 {
			t.Fatalf("%q does not equal itself", a)
		}
		ra, ok := new(big.Rat).SetString(a)
		if !ok {
			t.Fatalf("big.Rat rejects %q", a)
		}
		db, okB := parseDecimal(b)
		if !okB {
			return
		}
		rb, _ := new(big.Rat).SetString(b)
		want := ra.Cmp(rb)
		if got := compareDecimal(da, db); got != want {
			t.Fatalf("compare(%q, %q) = %d, want %d", a, b, got, want)
		}
		if got := compareDecimal(db, da); got != -want {
			t.Fatalf("compare(%q, %q) = %d, want %d", b, a, got, -want)
		}
		if x, ok := parseSmallInt(a); ok {
			n := newNumber(db)
			if got := n.compareInt(x); got != want {
				t.Fatalf("compareInt(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
		// Eval agrees with the comparison.
		c := MustCompile(Operator{Base: NumericLessThan}, "k", []string{b}, true, Options{})
		env := &Env{Ctx: NewContext(map[string][]string{"k": {a}})}
		if got := c.Eval(env); got != (want < 0) {
			t.Fatalf("NumericLessThan %q on %q = %v", b, a, got)
		}
	})
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"2026-03-01", "2026-03", "2026-03-01T10:20Z", "2026-03-01T10:20:30.5+01:00",
		"1798761600", "2024", "2024-02-29T23:59:59-23:59", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
		"2026-02-30", "1798761600.5", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in, ok := parseDate(s)
		if ok != (CheckValue(DateEquals, s, true) == nil) {
			t.Fatalf("parseDate and CheckValue disagree on %q", s)
		}
		if !ok {
			return
		}
		if in.nsec < 0 || in.nsec >= 1e9 {
			t.Fatalf("%q: nsec %d out of range", s, in.nsec)
		}
		// The RFC 3339 text of the instant parses back to it.
		tm := in.Time()
		if y := tm.Year(); y < 0 || y > 9999 {
			return // epoch seconds beyond the ISO range
		}
		text := tm.Format(time.RFC3339Nano)
		back, ok := parseDate(text)
		if !ok || back != in {
			t.Fatalf("%q → %s → %v %v, want %v", s, text, back, ok, in)
		}
		// Full ISO forms agree with the time package.
		if len(s) > 16 && strings.IndexByte(s, 'T') == 10 {
			if pt, err := time.Parse(time.RFC3339Nano, s); err == nil && !pt.Equal(tm) {
				// time.Parse accepts at most 9 fraction digits exactly as we read them.
				t.Fatalf("%q: parseDate %v, time.Parse %v", s, tm, pt)
			}
		}
		c := MustCompile(Operator{Base: DateEquals}, "k", []string{s}, true, Options{})
		if !c.Eval(&Env{Ctx: NewContext(map[string][]string{"k": {text}})}) {
			t.Fatalf("DateEquals %q does not match its own instant %s", s, text)
		}
	})
}

func FuzzCIDR(f *testing.F) {
	for _, s := range []string{"203.0.113.0/24", "203.0.113.9", "2001:DB8::/32", "2001:db8::1", "0.0.0.0/0",
		"::/0", "::ffff:10.0.0.1", "10.0.0.0/33", "fe80::1%eth0", "010.0.0.1"} {
		f.Add(s, "203.0.113.9")
	}
	f.Fuzz(func(t *testing.T, policy, req string) {
		p, ok := parseIPValue(policy, false)
		if ok != (CheckValue(IPAddress, policy, true) == nil) {
			t.Fatalf("parseIPValue and CheckValue disagree on %q", policy)
		}
		if !ok {
			return
		}
		if p != p.Masked() {
			t.Fatalf("%q: prefix %v not masked", policy, p)
		}
		back, ok := parseIPValue(p.String(), false)
		if !ok || back != p {
			t.Fatalf("%q → %v → %v %v", policy, p, back, ok)
		}
		if !p.Contains(p.Addr()) {
			t.Fatalf("%v does not contain its own address", p)
		}
		c := MustCompile(Operator{Base: IPAddress}, "k", []string{policy}, true, Options{})
		n := MustCompile(Operator{Base: NotIPAddress}, "k", []string{policy}, true, Options{})
		env := &Env{Ctx: NewContext(map[string][]string{"k": {req}})}
		in, nin := c.Eval(env), n.Eval(env)
		a, err := netip.ParseAddr(req)
		valid := err == nil && a.Zone() == ""
		if !valid && (in || nin) {
			t.Fatalf("unparseable %q matched %q: %v %v", req, policy, in, nin)
		}
		if valid {
			if in == nin {
				t.Fatalf("IpAddress and NotIpAddress agree (%v) on %q in %q", in, req, policy)
			}
			if in && a.Is4() != p.Addr().Is4() {
				t.Fatalf("%q matched %q across families", req, policy)
			}
		}
	})
}

func FuzzBase64(f *testing.F) {
	for _, s := range []string{"", "YQ==", "YWI=", "YWJj", "cmlzay10ZWFt", "+/+/", "Y===", "YQ", "-_", "YQ==YQ=="} {
		f.Add(s, "abc")
	}
	f.Fuzz(func(t *testing.T, s, other string) {
		got, ok := decodeBase64(s)
		if ok != (CheckValue(BinaryEquals, s, true) == nil) {
			t.Fatalf("decodeBase64 and CheckValue disagree on %q", s)
		}
		if !strings.ContainsAny(s, "\r\n") {
			want, err := base64.StdEncoding.DecodeString(s)
			if ok != (err == nil) || (ok && got != string(want)) {
				t.Fatalf("decodeBase64(%q) = %q %v; encoding/base64: %q %v", s, got, ok, want, err)
			}
		}
		if !ok {
			return
		}
		if !base64Equal(s, got) {
			t.Fatalf("%q does not equal its own bytes", s)
		}
		if base64Equal(s, other) != (got == other) {
			t.Fatalf("base64Equal(%q, %q) wrong", s, other)
		}
		enc := base64.StdEncoding.EncodeToString([]byte(got))
		if back, ok := decodeBase64(enc); !ok || back != got {
			t.Fatalf("re-encoding %q does not round-trip", s)
		}
	})
}

func FuzzTemplate(f *testing.F) {
	for _, s := range []string{"arn:aws:lambda:*:*:function:${aws:username}-*", "${aws:PrincipalTag/team, 'x*'}",
		"${*}${?}${$}", "${", "${}", "${a, 'b}", "cost$5", "a${b}c${d, ''}e", "${ x }"} {
		f.Add(s, "value*?")
	}
	f.Fuzz(func(t *testing.T, s, value string) {
		// Without variables the text is literal: its tokens rebuild it.
		plain, err := ParseTemplate(s, false)
		if err != nil || plain.HasVariables() {
			t.Fatalf("ParseTemplate(%q, false): %v", s, err)
		}
		if got := tokenText(plain, nil); got != s {
			t.Fatalf("literal template %q rebuilt as %q", s, got)
		}
		tpl, err := ParseTemplate(s, true)
		if err != nil {
			if errCode(err) != CodeInvalidVariable {
				t.Fatalf("ParseTemplate(%q): %v", s, err)
			}
			return
		}
		if tpl.String() != s || tpl.HasVariables() != strings.Contains(s, "${") {
			t.Fatalf("ParseTemplate(%q): String %q, HasVariables %v", s, tpl.String(), tpl.HasVariables())
		}
		// Every variable resolves to value: the expansion holds no
		// unresolved part, and the substituted value is one literal token.
		env := &Env{}
		multi, needs, target := false, false, false
		for _, p := range tpl.parts {
			if p.kind == partVar {
				env.AddDefault(p.key, value)
				multi = multi || p.multi
				needs = needs || !p.hasDef
				target = target || p.key == "fuzz:target"
			}
		}
		toks, ok := tpl.Expand(env, nil)
		if !ok && !multi && tpl.nvars <= EnvDefaults {
			t.Fatalf("%q did not resolve with every key set", s)
		}
		for _, tok := range toks {
			if tok.Kind == globLiteral && tok.Text == "" {
				t.Fatalf("%q: empty literal token", s)
			}
		}
		// With no keys, only variables without defaults fail.
		if _, ok := tpl.Expand(nil, nil); ok == needs {
			t.Fatalf("%q: Expand(nil) ok=%v, but needs a key=%v", s, ok, needs)
		}
		// StringEquals on the expansion's text agrees with Expand.
		if !needs && !target {
			want := tokenText(tpl, nil)
			c := MustCompile(Operator{Base: StringEquals}, "fuzz:target", []string{s}, true, Options{})
			if !c.Eval(&Env{Ctx: NewContext(map[string][]string{"fuzz:target": {want}})}) {
				t.Fatalf("StringEquals %q does not match its expansion %q", s, want)
			}
		}
	})
}

// tokenText expands t and joins the tokens back into text.
func tokenText(t Template, env *Env) string {
	toks, _ := t.Expand(env, nil)
	var b strings.Builder
	for _, tok := range toks {
		switch tok.Kind {
		case globLiteral:
			b.WriteString(tok.Text)
		case globStar:
			b.WriteByte('*')
		case globQuest:
			b.WriteByte('?')
		}
	}
	return b.String()
}
