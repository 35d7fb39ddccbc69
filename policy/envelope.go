package policy

import (
	"fmt"
	"strings"

	"github.com/tidwall/gjson"
)

// unwrap removes the envelope chosen by the options, and reports the inner
// text and the envelope found.
func (p *parser) unwrap(input string) (string, Envelope, bool) {
	src := p.cfg.source
	switch p.cfg.envelope {
	case EnvelopeURLEncoded:
		return p.urlDecode(input)
	case EnvelopeGetPolicy:
		p.setText(input, src)
		var bad []int
		if !p.lex(input, &bad) {
			return "", 0, false
		}
		return p.getPolicy(gjson.Parse(input))
	case EnvelopeAuto:
		if hasURLPrefix(input) {
			return p.urlDecode(input)
		}
		if looksLikeGetPolicy(input) {
			p.setText(input, src)
			var bad []int
			if !p.lex(input, &bad) {
				return "", 0, false
			}
			if root := gjson.Parse(input); isGetPolicy(root) {
				return p.getPolicy(root)
			}
		}
	}
	return input, EnvelopeNone, true
}

func hasURLPrefix(s string) bool {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return len(s)-i >= 3 && s[i] == '%' && s[i+1] == '7' && (s[i+2] == 'B' || s[i+2] == 'b')
}

// looksLikeGetPolicy is a cheap test that the input may be a get-policy
// envelope: an object whose first name is "Policy" or "RevisionId".
func looksLikeGetPolicy(s string) bool {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i == len(s) || s[i] != '{' {
		return false
	}
	i++
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	rest := s[i:]
	return strings.HasPrefix(rest, `"Policy"`) || strings.HasPrefix(rest, `"RevisionId"`)
}

// isGetPolicy reports whether root has the exact shape of a get-policy
// envelope.
func isGetPolicy(root gjson.Result) bool {
	if !root.IsObject() {
		return false
	}
	ok, policy := true, false
	root.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "Policy":
			policy = v.Type == gjson.String
			ok = ok && policy
		case "RevisionId":
		default:
			ok = false
		}
		return ok
	})
	return ok && policy
}

// getPolicy checks a get-policy envelope and returns its Policy string.
func (p *parser) getPolicy(root gjson.Result) (string, Envelope, bool) {
	const want = `want {"Policy": "<policy document as a JSON string>", "RevisionId": "..."}, the output of aws lambda get-policy`
	if !root.IsObject() {
		p.add(root.Index, "", CodeInvalidEnvelope, "found "+article(typeName(root))+"; "+want)
		return "", 0, false
	}
	var policy gjson.Result
	var seen keySet
	root.ForEach(func(k, v gjson.Result) bool {
		name := k.Str
		if !seen.add(name) {
			p.errKey(k.Index, name, CodeDuplicateKey, "duplicate name %q (each name may appear once in an object)", name)
			return true
		}
		switch name {
		case "Policy":
			if v.Type != gjson.String {
				p.errKey(v.Index, name, CodeInvalidEnvelope, "Policy must be a string holding the policy document, found %s", article(typeName(v)))
				return true
			}
			policy = v
		case "RevisionId":
			if v.Type != gjson.String {
				p.errKey(v.Index, name, CodeInvalidEnvelope, "RevisionId must be a string, found %s", article(typeName(v)))
			}
		default:
			p.errKey(k.Index, name, CodeInvalidEnvelope, "unexpected name %q in the envelope; %s", name, want)
			p.scan(v)
		}
		return true
	})
	if !policy.Exists() && len(p.errs) == 0 {
		p.add(root.Index, "", CodeInvalidEnvelope, "no Policy string; "+want)
	}
	if len(p.errs) > 0 {
		return "", 0, false
	}
	return policy.Str, EnvelopeGetPolicy, true
}

// urlDecode decodes a percent-encoded document (RFC 3986: "+" is a plus).
// Surrounding whitespace is ignored.
func (p *parser) urlDecode(input string) (string, Envelope, bool) {
	p.setText(input, p.cfg.source)
	start, end := 0, len(input)
	for start < end && isSpace(input[start]) {
		start++
	}
	for end > start && isSpace(input[end-1]) {
		end--
	}
	s := input[start:end]
	if !strings.Contains(s, "%") {
		p.add(start, "", CodeInvalidEnvelope, "a URL-encoded policy must start with %7B (an encoded '{')")
		return "", 0, false
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' {
			out = append(out, c)
			continue
		}
		hi, ok1 := unhex(s, i+1)
		lo, ok2 := unhex(s, i+2)
		if !ok1 || !ok2 {
			end := i + 3
			if end > len(s) {
				end = len(s)
			}
			p.add(start+i, "", CodeInvalidEnvelope, fmt.Sprintf("invalid percent-escape %q (want %% and two hex digits)", s[i:end]))
			return "", 0, false
		}
		out = append(out, hi<<4|lo)
		i += 2
	}
	return string(out), EnvelopeURLEncoded, true
}

func unhex(s string, i int) (byte, bool) {
	if i >= len(s) {
		return 0, false
	}
	c := s[i]
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
