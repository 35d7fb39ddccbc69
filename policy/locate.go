package policy

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// locator turns byte offsets into line and column numbers. It keeps a
// cursor, so that offsets asked for in increasing order, as a parse visits
// them, cost one pass over the text in total; an earlier offset restarts
// from the beginning. Lines end at LF; columns count runes.
type locator struct {
	text   string
	source string
	origin origin
	off    int // the cursor: text[:off] has been counted
	line   int // line of off (0 before the first use)
	col    int // column of off
}

// origin is where the text starts in its source (see WithOrigin); the
// zero value means line 1, column 1.
type origin struct{ line, col int }

// shift moves a position in the text to its place in the source.
func (o origin) shift(p Position) Position {
	if o.line > 1 {
		p.Line += o.line - 1
	}
	if p.Line == max(o.line, 1) && o.col > 1 {
		p.Column += o.col - 1
	}
	return p
}

func (l *locator) pos(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(l.text) {
		off = len(l.text)
	}
	if l.line == 0 || off < l.off {
		l.off, l.line, l.col = 0, 1, 1
	}
	seg := l.text[l.off:off]
	if k := strings.LastIndexByte(seg, '\n'); k >= 0 {
		l.line += strings.Count(seg, "\n")
		l.col = 1 + utf8.RuneCountInString(seg[k+1:])
	} else {
		l.col += utf8.RuneCountInString(seg)
	}
	l.off = off
	return l.origin.shift(Position{Source: l.source, Offset: off, Line: l.line, Column: l.col})
}

// Locate returns the position of the value that an RFC 6901 JSON Pointer
// names in the document's text, such as "/Statement/0/Action/1" or
// "/Statement/0/Condition/StringEquals/aws:RequestTag~1team". The pointer
// follows the document as written: when Statement is a single object its
// elements are "/Statement/Effect" (see StatementPointer). It reports false
// when nothing is there.
func (d *Document) Locate(pointer string) (Position, bool) {
	if d == nil || d.text == "" {
		return Position{}, false
	}
	r := gjson.Parse(d.text)
	if pointer != "" {
		if pointer[0] != '/' {
			return Position{}, false
		}
		rest := pointer[1:]
		for {
			tok, next, more := strings.Cut(rest, "/")
			tok = unescapePointer(tok)
			var found gjson.Result
			switch {
			case r.IsObject():
				r.ForEach(func(k, v gjson.Result) bool {
					if k.Str == tok {
						found = v
						return false
					}
					return true
				})
			case r.IsArray():
				i, err := strconv.Atoi(tok)
				if err != nil || i < 0 || strconv.Itoa(i) != tok {
					return Position{}, false
				}
				n := 0
				r.ForEach(func(_, v gjson.Result) bool {
					if n == i {
						found = v
						return false
					}
					n++
					return true
				})
			}
			if !found.Exists() {
				return Position{}, false
			}
			r = found
			if !more {
				break
			}
			rest = next
		}
	}
	l := locator{text: d.text, source: d.source, origin: d.origin}
	return l.pos(r.Index), true
}

// StatementPointer returns the JSON Pointer of statement i as the document
// writes it: "/Statement/i", or "/Statement" when Statement is a single
// object.
func (d *Document) StatementPointer(i int) string {
	if d.single {
		return "/Statement"
	}
	return "/Statement/" + strconv.Itoa(i)
}

func unescapePointer(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// appendPointerToken appends one RFC 6901 reference token, escaping '~'
// as "~0" and '/' as "~1".
func appendPointerToken(b []byte, tok string) []byte {
	for i := 0; i < len(tok); i++ {
		switch c := tok[i]; c {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, c)
		}
	}
	return b
}
