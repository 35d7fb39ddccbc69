package condition

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lambdaiam/lambdaiam/internal/glob"
)

// Template is a policy text that may hold policy variables (section D):
// literal text, ${key} references, ${key, 'default'} references with a
// default, and the special elements ${*}, ${?} and ${$}. It is built once
// by ParseTemplate and is immutable. The zero Template is the empty text.
type Template struct {
	src    string
	parts  []tplPart
	dollar bool // holds at least one ${...} element
	nvars  int  // number of ${key} references
}

type partKind uint8

const (
	partText    partKind = iota // policy text: * and ? are wildcards in Like operators and Resource
	partLiteral                 // ${*} ${?} ${$}: always literal
	partVar                     // ${key} or ${key, 'default'}
)

type tplPart struct {
	kind   partKind
	text   string // partText and partLiteral: the text; partVar: the default
	key    string // partVar: the key, lower case
	hasDef bool
	multi  bool // partVar: the key is multivalued, so it never resolves
	toks   []glob.Token
}

// maxVarName bounds the length of a variable's key name.
const maxVarName = 1024

// ParseTemplate parses s, a Resource/NotResource entry or a String or ARN
// condition value (rules D1–D5). When variables is false (the policy's
// Version is not "2012-10-17"), the whole of s is literal text (D1). Else:
//
//   - ${key} is a reference to the condition key key, any case (D1);
//   - ${key, 'text'} uses text when the key has no single value (D4): a
//     comma, optional spaces, text in single quotes (any characters but a
//     quote), optional spaces, and the closing brace;
//   - ${*}, ${?} and ${$} stand for a literal *, ? and $ (D5);
//   - spaces around the key name are ignored; an empty name, a name with
//     '$' or '{', a missing '}' and a malformed default are errors (a
//     *ValueError with Code CodeInvalidVariable).
//
// A '$' not followed by '{' is literal text.
func ParseTemplate(s string, variables bool) (Template, error) {
	t := Template{src: s}
	if !variables || !strings.Contains(s, "${") {
		if s != "" {
			t.parts = []tplPart{textPart(s)}
		}
		return t, nil
	}
	t.dollar = true
	rest, off := s, 0
	for rest != "" {
		i := strings.Index(rest, "${")
		if i < 0 {
			t.parts = append(t.parts, textPart(rest))
			break
		}
		if i > 0 {
			t.parts = append(t.parts, textPart(rest[:i]))
		}
		p, n, msg := parseVar(rest[i+2:])
		if msg != "" {
			return Template{}, &ValueError{Value: s, Code: CodeInvalidVariable,
				Msg: fmt.Sprintf("policy variable at offset %d: %s", off+i, msg)}
		}
		if p.kind == partVar {
			t.nvars++
		}
		t.parts = append(t.parts, p)
		rest = rest[i+2+n:]
		off += i + 2 + n
	}
	return t, nil
}

func textPart(s string) tplPart {
	return tplPart{kind: partText, text: s, toks: glob.Parse(s)}
}

// parseVar reads the body of a variable after "${" and returns the part,
// the number of bytes read (through the closing brace), or an error
// message.
func parseVar(body string) (tplPart, int, string) {
	end := strings.IndexAny(body, ",}")
	if end < 0 {
		return tplPart{}, 0, "missing '}'"
	}
	name := strings.Trim(body[:end], " ")
	switch {
	case name == "":
		return tplPart{}, 0, "empty variable name"
	case len(name) > maxVarName:
		return tplPart{}, 0, "variable name too long"
	case name != "$" && strings.ContainsAny(name, "${"):
		return tplPart{}, 0, "'$' or '{' in a variable name"
	}
	special := name == "*" || name == "?" || name == "$"
	if body[end] == '}' {
		if special {
			return tplPart{kind: partLiteral, text: name}, end + 1, ""
		}
		return tplPart{kind: partVar, key: lowerKey(name), multi: builtinMultivalued(lowerKey(name))}, end + 1, ""
	}
	if special {
		return tplPart{}, 0, "${" + name + "} takes no default"
	}
	// ", 'default'}"
	i := end + 1
	for i < len(body) && body[i] == ' ' {
		i++
	}
	if i >= len(body) || body[i] != '\'' {
		return tplPart{}, 0, "default must be in single quotes"
	}
	q := strings.IndexByte(body[i+1:], '\'')
	if q < 0 {
		return tplPart{}, 0, "unterminated default"
	}
	def := body[i+1 : i+1+q]
	i += q + 2
	for i < len(body) && body[i] == ' ' {
		i++
	}
	if i >= len(body) || body[i] != '}' {
		return tplPart{}, 0, "missing '}' after the default"
	}
	return tplPart{kind: partVar, key: lowerKey(name), multi: builtinMultivalued(lowerKey(name)),
		text: def, hasDef: true}, i + 1, ""
}

// String returns the text t was parsed from.
func (t Template) String() string { return t.src }

// HasVariables reports whether t holds any ${...} element: a variable or
// one of ${*} ${?} ${$}. When it does not, Expand always returns the
// tokens of glob.Parse(t.String()) and a caller may use the plain text.
func (t Template) HasVariables() bool { return t.dollar }

// Expand appends to dst the glob tokens of t with its variables
// substituted from env (which may be nil) and returns them. Literal text
// is split into wildcard tokens (* and ?); a substituted value, a default
// and ${*} ${?} ${$} are appended as glob.Literal tokens, so a * or ? in
// them is not a wildcard (D5). ok is false when a variable does not
// resolve (D3): its key is missing, or multivalued (D2), and it has no
// default. Expand allocates only when dst lacks capacity, or to format a
// request time used as a variable.
func (t Template) Expand(env *Env, dst []glob.Token) (toks []glob.Token, ok bool) {
	for i := range t.parts {
		p := &t.parts[i]
		switch p.kind {
		case partText:
			dst = append(dst, p.toks...)
		case partLiteral:
			dst = append(dst, glob.Token{Kind: glob.Literal, Text: p.text})
		default:
			v, ok := p.resolve(env)
			if !ok {
				return dst, false
			}
			if v != "" {
				dst = append(dst, glob.Token{Kind: glob.Literal, Text: v})
			}
		}
	}
	return dst, true
}

// resolve returns the value of a variable: the key's single value, else
// its default.
func (p *tplPart) resolve(env *Env) (string, bool) {
	if v, ok := env.lookup(p.key); ok && !p.multi && !v.Multi() {
		return v.At(0), true
	}
	if p.hasDef {
		return p.text, true
	}
	return "", false
}

// text returns the literal text of a template without variable
// references; * and ? are literal in it.
func (t Template) text() string {
	var b strings.Builder
	for _, p := range t.parts {
		b.WriteString(p.text)
	}
	return b.String()
}

// tokens returns the glob tokens of a template without variable references.
func (t Template) tokens() []glob.Token {
	toks, _ := t.Expand(nil, nil)
	return toks
}

// withMultivalued returns t with the multivalued flag of each variable
// decided by f.
func (t Template) withMultivalued(f func(string) bool) Template {
	if t.nvars == 0 || f == nil {
		return t
	}
	parts := make([]tplPart, len(t.parts))
	copy(parts, t.parts)
	for i := range parts {
		if parts[i].kind == partVar {
			parts[i].multi = f(parts[i].key)
		}
	}
	t.parts = parts
	return t
}

// equal compares s with the expanded template, exactly or (fold) without
// regard to case. resolved is false when a variable does not resolve; the
// match is then false.
func (t *Template) equal(env *Env, s string, fold bool) (match, resolved bool) {
	match = true
	for i := range t.parts {
		p := &t.parts[i]
		piece := p.text
		if p.kind == partVar {
			v, ok := p.resolve(env)
			if !ok {
				return false, false
			}
			piece = v
		}
		if !match {
			continue // keep checking that every variable resolves
		}
		var ok bool
		if fold {
			s, ok = cutPrefixFold(s, piece)
		} else {
			s, ok = strings.CutPrefix(s, piece)
		}
		match = ok
	}
	return match && s == "", true
}

// cutPrefixFold is strings.CutPrefix without regard to case, comparing
// rune by rune under Unicode simple folding as strings.EqualFold does;
// bytes that are not valid UTF-8 compare by value.
func cutPrefixFold(s, prefix string) (string, bool) {
	for prefix != "" {
		if s == "" {
			return s, false
		}
		if c, d := prefix[0], s[0]; c < utf8.RuneSelf && d < utf8.RuneSelf {
			if c != d && !(c|0x20 == d|0x20 && 'a' <= c|0x20 && c|0x20 <= 'z') {
				return s, false
			}
			prefix, s = prefix[1:], s[1:]
			continue
		}
		pr, pn := utf8.DecodeRuneInString(prefix)
		sr, sn := utf8.DecodeRuneInString(s)
		if pr == utf8.RuneError || sr == utf8.RuneError {
			if pn != sn || prefix[:pn] != s[:sn] {
				return s, false
			}
		} else if !equalFoldRune(pr, sr) {
			return s, false
		}
		prefix, s = prefix[pn:], s[sn:]
	}
	return s, true
}

// equalFold is strings.EqualFold, except that bytes that are not valid
// UTF-8 compare by value.
func equalFold(a, b string) bool {
	rest, ok := cutPrefixFold(a, b)
	return ok && rest == ""
}

func equalFoldRune(a, b rune) bool {
	if a == b {
		return true
	}
	if a < b {
		a, b = b, a
	}
	r := unicode.SimpleFold(b)
	for r != b && r < a {
		r = unicode.SimpleFold(r)
	}
	return r == a
}
