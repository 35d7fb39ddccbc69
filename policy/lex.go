package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// lex runs the checks on the raw text that come before the JSON structure:
// UTF-8, a byte order mark, nesting depth, characters (G11, collected
// into bad) and JSON syntax. It reports whether text is valid JSON within
// the bounds.
func (p *parser) lex(text string, bad *[]int) bool {
	if !utf8.ValidString(text) {
		off := 0
		for off < len(text) {
			r, size := utf8.DecodeRuneInString(text[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		p.add(off, "", CodeInvalidUTF8, fmt.Sprintf("invalid UTF-8 byte 0x%02x; a policy must be UTF-8 text", text[off]))
		return false
	}
	if strings.HasPrefix(text, "\uFEFF") {
		p.add(0, "", CodeInvalidCharacter, "byte order mark (U+FEFF) at the start; save the policy as UTF-8 without a BOM")
		return false
	}
	if !prescan(text, bad, func(off int) {
		p.add(off, "", CodeTooDeep, fmt.Sprintf("objects and arrays nested more than %d deep", MaxDepth))
	}) {
		return false
	}
	if !gjson.Valid(text) {
		off, msg := syntaxError(text)
		p.add(off, "", CodeSyntax, msg)
		return false
	}
	return true
}

// prescan walks text once, tracking strings and nesting. It appends to bad
// the offset of every character G11 forbids: a raw rune above U+00FF, or an
// escape (\b, \f, \uXXXX) that stands for a control character other than
// tab, LF and CR or for a rune above U+00FF. Raw control characters are
// JSON syntax errors and left to the JSON check. It calls tooDeep and
// returns false when nesting exceeds MaxDepth.
func prescan(text string, bad *[]int, tooDeep func(off int)) bool {
	depth := 0
	flag := func(off int) {
		if len(*bad) < MaxErrors+1 {
			*bad = append(*bad, off)
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '"':
			i++
			for i < len(text) {
				c = text[i]
				if c == '"' {
					break
				}
				if c == '\\' {
					if i+1 >= len(text) {
						i++
						break
					}
					switch text[i+1] {
					case 'b', 'f':
						flag(i)
					case 'u':
						if v, ok := hex4(text, i+2); ok {
							if !allowedRune(rune(v)) {
								flag(i)
							}
							i += 6
							continue
						}
					}
					i += 2
					continue
				}
				if c >= utf8.RuneSelf {
					r, size := utf8.DecodeRuneInString(text[i:])
					if !allowedRune(r) {
						flag(i)
					}
					i += size
					continue
				}
				i++
			}
			i++ // the closing quote
		case c == '{' || c == '[':
			depth++
			if depth > MaxDepth {
				tooDeep(i)
				return false
			}
			i++
		case c == '}' || c == ']':
			depth--
			i++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[i:])
			if !allowedRune(r) {
				flag(i)
			}
			i += size
		default:
			i++
		}
	}
	return true
}

// allowedRune reports whether r may appear in policy text (G11).
func allowedRune(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xFF)
}

func hex4(s string, i int) (int, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | int(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// syntaxError finds where text stops being JSON, with encoding/json (only
// called when gjson has found it invalid, since gjson gives no position).
func syntaxError(text string) (int, string) {
	dec := json.NewDecoder(strings.NewReader(text))
	var raw json.RawMessage
	err := dec.Decode(&raw)
	var se *json.SyntaxError
	switch {
	case err == nil:
		off := int(dec.InputOffset())
		for off < len(text) && isSpace(text[off]) {
			off++
		}
		if off < len(text) {
			r, _ := utf8.DecodeRuneInString(text[off:])
			return off, fmt.Sprintf("invalid JSON: unexpected %q after the end of the policy document", r)
		}
		return 0, "invalid JSON"
	case errors.As(err, &se):
		off := int(se.Offset) - 1
		if off < 0 {
			off = 0
		}
		return off, "invalid JSON: " + se.Error()
	case errors.Is(err, io.EOF):
		return 0, "empty input: want a JSON object"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return len(text), "invalid JSON: unexpected end of input"
	}
	return 0, "invalid JSON: " + err.Error()
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
