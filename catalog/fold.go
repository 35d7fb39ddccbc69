package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFold is the size of the stack buffers names are folded into. Every
// name in the data is shorter (decode checks it); a longer input cannot
// equal one.
const maxFold = 256

// maxARN bounds the ARNs ResourceTypesOf examines (IAM's limit on ARN
// length).
const maxARN = 2048

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// asciiFold returns the lower-case ASCII letter or character that r is
// equal to under simple Unicode case folding (the rule strings.EqualFold
// applies), or false when there is none: 'K' and the Kelvin sign K both
// give 'k'.
func asciiFold(r rune) (byte, bool) {
	if r < utf8.RuneSelf {
		return lowerASCII(byte(r)), true
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < utf8.RuneSelf {
			return lowerASCII(byte(f)), true
		}
	}
	return 0, false
}

// fold appends s to dst with every character replaced by its lower-case
// ASCII equivalent (asciiFold), never growing dst beyond its capacity.
// Every name in the data is ASCII, so the folded string equals a folded
// name exactly when strings.EqualFold(s, name) holds. ok is false when s
// has a character with no ASCII equivalent (it cannot equal any name) or
// does not fit.
func fold(dst []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); {
		if len(dst) == cap(dst) {
			return dst, false
		}
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, lowerASCII(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return dst, false
		}
		b, ok := asciiFold(r)
		if !ok {
			return dst, false
		}
		dst = append(dst, b)
		i += size
	}
	return dst, true
}

// foldQualified appends "service:name" to dst folded as fold does, never
// growing dst beyond its capacity. ok is false when either part cannot
// equal a name or the whole does not fit.
func foldQualified(dst []byte, service, name string) ([]byte, bool) {
	k, ok := fold(dst, service)
	if !ok || len(k) == cap(k) {
		return k, false
	}
	return fold(append(k, ':'), name)
}

// foldPattern folds an action pattern as fold does and collapses runs of
// '*'. ok is false when the pattern cannot match any catalogued name: a
// character with no ASCII equivalent, or more fixed characters than the
// longest name has.
func foldPattern(pattern string) (string, bool) {
	b := make([]byte, 0, min(len(pattern), 4*maxFold))
	fixed := 0
	for i := 0; i < len(pattern); {
		c := pattern[i]
		size := 1
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(pattern[i:])
			if r == utf8.RuneError && size == 1 {
				return "", false
			}
			var ok bool
			if c, ok = asciiFold(r); !ok {
				return "", false
			}
		} else {
			c = lowerASCII(c)
		}
		i += size
		if c == '*' {
			if len(b) > 0 && b[len(b)-1] == '*' {
				continue
			}
		} else if fixed++; fixed > maxFold {
			return "", false
		}
		b = append(b, c)
	}
	return string(b), true
}

// globMatch reports whether the folded pattern p matches the folded name
// s as a whole: '*' matches any run of bytes, '?' one byte (catalogued
// names are ASCII). It backtracks only to the last '*', so it runs in
// O(len(p)·len(s)) time.
func globMatch(p, s string) bool {
	px, sx := 0, 0
	star, mark := -1, 0
	for sx < len(s) {
		if px < len(p) {
			switch c := p[px]; {
			case c == '*':
				star, mark = px, sx
				px++
				continue
			case c == '?' || c == s[sx]:
				px++
				sx++
				continue
			}
		}
		if star < 0 {
			return false
		}
		px = star + 1
		mark++
		sx = mark
	}
	for px < len(p) && p[px] == '*' {
		px++
	}
	return px == len(p)
}

// keyTemplate is a condition key with one placeholder, such as
// aws:RequestTag/${TagKey} or s3:ExistingObjectTag/<key>: prefix and
// suffix are the folded text around the placeholder.
type keyTemplate struct {
	prefix, suffix string
	key            int32
}

// parseTemplate splits a key name around its first placeholder, written
// ${Name} or <name>.
func parseTemplate(name string) (prefix, suffix string, ok bool) {
	for i := range len(name) {
		var close string
		switch {
		case strings.HasPrefix(name[i:], "${"):
			close = "}"
		case name[i] == '<':
			close = ">"
		default:
			continue
		}
		j := strings.Index(name[i:], close)
		if j < 0 {
			return "", "", false
		}
		return name[:i], name[i+j+1:], true
	}
	return "", "", false
}

// match reports whether name instantiates the template: it starts with
// the prefix and ends with the suffix (without regard to case) with at
// least one character between them.
func (t *keyTemplate) match(name string) bool {
	if t.prefix != "" && name != "" && name[0] < utf8.RuneSelf && lowerASCII(name[0]) != t.prefix[0] {
		return false // the common mismatch, without decoding
	}
	n, ok := foldedPrefixLen(name, t.prefix)
	if !ok {
		return false
	}
	m, ok := foldedSuffixLen(name[n:], t.suffix)
	return ok && n+m < len(name)
}

// foldedPrefixLen reports whether s starts with the folded text p and
// how many bytes of s that prefix takes.
func foldedPrefixLen(s, p string) (int, bool) {
	i := 0
	for j := 0; j < len(p); j++ {
		if i >= len(s) {
			return 0, false
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		b, ok := asciiFold(r)
		if !ok || b != p[j] || r == utf8.RuneError && size == 1 {
			return 0, false
		}
		i += size
	}
	return i, true
}

// foldedSuffixLen is foldedPrefixLen from the end.
func foldedSuffixLen(s, p string) (int, bool) {
	i := len(s)
	for j := len(p) - 1; j >= 0; j-- {
		if i <= 0 {
			return 0, false
		}
		r, size := rune(s[i-1]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeLastRuneInString(s[:i])
		}
		b, ok := asciiFold(r)
		if !ok || b != p[j] || r == utf8.RuneError && size == 1 {
			return 0, false
		}
		i -= size
	}
	return len(s) - i, true
}
