package policy

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// Parse parses and validates a policy document of the kind given by
// WithKind (KindIdentity by default). It returns the Document, or nil and
// an ErrorList holding every problem found, in document order. The checks
// and their order are listed in the package documentation.
func Parse(data []byte, opts ...Option) (*Document, error) {
	cfg := config{maxBytes: DefaultMaxBytes}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	p := &parser{cfg: cfg}
	p.path = p.pathBuf[:0]
	if cfg.kind < 0 || cfg.kind >= numKinds {
		p.add(-1, "", CodeInvalidKind, fmt.Sprintf("invalid policy kind %d", int(cfg.kind)))
		return nil, p.finish()
	}
	if len(data) > cfg.maxBytes {
		p.add(-1, "", CodeTooLarge, fmt.Sprintf("input is %d bytes, over the maximum of %d bytes", len(data), cfg.maxBytes))
		return nil, p.finish()
	}
	text, env, ok := p.unwrap(string(data))
	if !ok {
		return nil, p.finish()
	}
	doc := p.parseText(text, env)
	if len(p.errs) > 0 {
		return nil, p.finish()
	}
	return doc, nil
}

// parser holds the state of one Parse call.
type parser struct {
	cfg       config
	loc       locator // over the text being parsed; errors refer to it
	errs      []pending
	dropped   bool  // errors were dropped after MaxErrors
	path      []seg // pointer of the value being parsed
	pathBuf   [12]seg
	variables bool
	sids      sidSet
}

// seg is one JSON Pointer token: an object name, or an array index when
// idx >= 0.
type seg struct {
	key string
	idx int
}

// pending is an error whose position is resolved when parsing ends.
type pending struct {
	off  int // -1: no position
	ptr  string
	code Code
	msg  string
}

func (p *parser) push(key string) { p.path = append(p.path, seg{key: key, idx: -1}) }
func (p *parser) pushIdx(i int)   { p.path = append(p.path, seg{idx: i}) }
func (p *parser) pop()            { p.path = p.path[:len(p.path)-1] }

func (p *parser) pointer() string {
	if len(p.path) == 0 {
		return ""
	}
	b := make([]byte, 0, 64)
	for _, s := range p.path {
		b = append(b, '/')
		if s.idx >= 0 {
			b = strconv.AppendInt(b, int64(s.idx), 10)
		} else {
			b = appendPointerToken(b, s.key)
		}
	}
	return string(b)
}

// errf records an error at byte offset off of the current text, with the
// current pointer.
func (p *parser) errf(off int, code Code, format string, args ...any) {
	p.add(off, p.pointer(), code, fmt.Sprintf(format, args...))
}

// errKey records an error about the member name, at the name's offset,
// with the pointer of the member.
func (p *parser) errKey(off int, name string, code Code, format string, args ...any) {
	p.push(name)
	p.errf(off, code, format, args...)
	p.pop()
}

func (p *parser) add(off int, ptr string, code Code, msg string) {
	if len(p.errs) >= MaxErrors {
		p.dropped = true
		return
	}
	p.errs = append(p.errs, pending{off: off, ptr: ptr, code: code, msg: msg})
}

// finish sorts the errors into document order and resolves positions.
func (p *parser) finish() error {
	if len(p.errs) == 0 {
		return nil
	}
	sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].off < p.errs[j].off })
	l := locator{text: p.loc.text, source: p.loc.source, origin: p.loc.origin}
	out := make(ErrorList, 0, len(p.errs)+1)
	for _, e := range p.errs {
		pos := Position{Source: p.loc.source}
		if e.off >= 0 {
			pos = l.pos(e.off)
		}
		out = append(out, &Error{Pointer: e.ptr, Pos: pos, Code: e.code, Msg: e.msg})
	}
	if p.dropped {
		last := out[len(out)-1]
		out = append(out, &Error{Pos: last.Pos, Code: CodeTooManyErrors,
			Msg: fmt.Sprintf("too many errors; stopped after %d", MaxErrors)})
	}
	return out
}

// setText makes text the text that positions refer to.
func (p *parser) setText(text, source string) {
	p.loc = locator{text: text, source: source, origin: p.cfg.origin}
}

// parseText parses the policy document text.
func (p *parser) parseText(text string, env Envelope) *Document {
	src := p.cfg.source
	switch env {
	case EnvelopeGetPolicy:
		src += " (Policy)"
	case EnvelopeURLEncoded:
		src += " (URL-decoded)"
	}
	src = strings.TrimPrefix(src, " ")
	p.setText(text, src)
	if env != EnvelopeNone {
		p.loc.origin = origin{} // positions are in the inner document
	}
	var bad []int
	ok := p.lex(text, &bad)
	for _, off := range bad {
		r, _ := utf8.DecodeRuneInString(text[off:])
		what := fmt.Sprintf("character %U", r)
		if r == '\\' {
			what = fmt.Sprintf("escape %s", escapeAt(text, off))
		}
		p.add(off, "", CodeInvalidCharacter, what+" is not allowed; policy text may contain only tab, LF, CR and characters U+0020 to U+00FF")
	}
	if !ok {
		return nil
	}
	doc := p.document(gjson.Parse(text))
	if doc == nil {
		return nil
	}
	doc.Envelope = env
	doc.text = text
	doc.source = src
	doc.origin = p.loc.origin
	lim := SizeLimit(p.cfg.kind)
	size, over := lim.measure(text)
	doc.Size = size
	if p.cfg.sizeLimit && over >= 0 {
		ws := "whitespace not counted"
		if lim.WhitespaceCounts {
			ws = "whitespace counted"
		}
		p.add(over, "", CodeSizeLimit, fmt.Sprintf("policy is %d %s (%s), over the quota of %d %s (%s); the text goes over it here",
			size, lim.Unit(), ws, lim.Max, lim.Unit(), lim.Quota))
	}
	return doc
}

func escapeAt(text string, off int) string {
	end := off + 2
	if off+1 < len(text) && text[off+1] == 'u' {
		end = off + 6
	}
	if end > len(text) {
		end = len(text)
	}
	return text[off:end]
}

// Element names.
var (
	topElements       = []string{"Version", "Id", "Statement"}
	statementElements = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
	principalKeys     = []string{"AWS", "Service", "Federated", "CanonicalUser"}
)

func (p *parser) unknownElement(off int, name string, known []string, where string) {
	for _, k := range known {
		if strings.EqualFold(k, name) {
			p.errKey(off, name, CodeUnknownElement, "unknown element %q in %s (element names are case-sensitive: did you mean %q?)", name, where, k)
			return
		}
	}
	if where == "the policy" {
		for _, k := range statementElements {
			if strings.EqualFold(k, name) {
				p.errKey(off, name, CodeUnknownElement, "unknown element %q in the policy (%s belongs inside a statement, in Statement)", name, k)
				return
			}
		}
	}
	p.errKey(off, name, CodeUnknownElement, "unknown element %q in %s (want %s)", name, where, orList(known))
}

func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

func (p *parser) duplicate(off int, name string) {
	p.errKey(off, name, CodeDuplicateKey, "duplicate name %q (each name may appear once in an object; a decoder that keeps only one of them reads a different policy)", name)
}

// scan walks a value that is not otherwise parsed (it is already in error)
// and reports duplicate names in its objects (G9).
func (p *parser) scan(v gjson.Result) {
	switch {
	case v.IsObject():
		var seen keySet
		v.ForEach(func(k, val gjson.Result) bool {
			if !seen.add(k.Str) {
				p.duplicate(k.Index, k.Str)
				return true
			}
			p.push(k.Str)
			p.scan(val)
			p.pop()
			return true
		})
	case v.IsArray():
		i := 0
		v.ForEach(func(_, val gjson.Result) bool {
			p.pushIdx(i)
			p.scan(val)
			p.pop()
			i++
			return true
		})
	}
}

func typeName(r gjson.Result) string {
	switch r.Type {
	case gjson.Null:
		return "null"
	case gjson.False, gjson.True:
		return "boolean"
	case gjson.Number:
		return "number"
	case gjson.String:
		return "string"
	}
	if r.IsArray() {
		return "array"
	}
	return "object"
}

func article(t string) string {
	switch t {
	case "null":
		return "null"
	case "array", "object":
		return "an " + t
	}
	return "a " + t
}

// document parses the top-level object.
func (p *parser) document(root gjson.Result) *Document {
	kind := p.cfg.kind
	if !root.IsObject() {
		p.errf(root.Index, CodeInvalidType, "a policy document must be a JSON object, found %s", article(typeName(root)))
		p.scan(root)
		return nil
	}
	doc := &Document{Kind: kind, Pos: p.loc.pos(root.Index)}
	var version, id, stmt gjson.Result
	var seen keySet
	root.ForEach(func(k, v gjson.Result) bool {
		name := k.Str
		if !seen.add(name) {
			p.duplicate(k.Index, name)
			p.push(name)
			p.scan(v)
			p.pop()
			return true
		}
		switch name {
		case "Version":
			version = v
		case "Id":
			id = v
		case "Statement":
			stmt = v
		default:
			p.unknownElement(k.Index, name, topElements, "the policy")
			p.push(name)
			p.scan(v)
			p.pop()
		}
		return true
	})

	if version.Exists() {
		p.push("Version")
		if version.Type != gjson.String {
			p.errf(version.Index, CodeInvalidType, "Version must be the string %q (or the legacy %q), found %s", Version2012, Version2008, article(typeName(version)))
			p.scan(version)
		} else if s := version.Str; s != Version2012 && s != Version2008 {
			p.errf(version.Index, CodeInvalidVersion, "%q is not a policy language version (want %q, or the legacy %q)", s, Version2012, Version2008)
		} else {
			doc.Version = s
		}
		p.pop()
	}
	p.variables = doc.Version == Version2012
	if id.Exists() {
		p.push("Id")
		if id.Type != gjson.String {
			p.errf(id.Index, CodeInvalidType, "Id must be a string, found %s", article(typeName(id)))
			p.scan(id)
		} else {
			doc.ID = id.Str
		}
		p.pop()
	}

	switch {
	case !stmt.Exists():
		p.errf(root.Index, CodeMissingStatement, "no Statement: a policy needs a Statement element with at least one statement")
	case stmt.IsArray():
		// Each statement has one "Effect": a cheap count sizes the slice;
		// it is bounded by the smallest possible statement.
		hint := min(strings.Count(stmt.Raw, `"Effect"`), len(stmt.Raw)/40+1)
		doc.Statements = make([]Statement, 0, hint)
		p.push("Statement")
		n := 0
		stmt.ForEach(func(_, v gjson.Result) bool {
			p.pushIdx(n)
			doc.Statements = append(doc.Statements, p.statement(v, n))
			p.pop()
			n++
			return true
		})
		if n == 0 {
			p.errf(stmt.Index, CodeEmptyStatement, "Statement is an empty array; a policy needs at least one statement")
		}
		p.pop()
	case stmt.IsObject():
		doc.single = true
		p.push("Statement")
		doc.Statements = append(doc.Statements, p.statement(stmt, 0))
		p.pop()
	default:
		p.push("Statement")
		p.errf(stmt.Index, CodeInvalidType, "Statement must be a statement object or an array of them, found %s", article(typeName(stmt)))
		p.pop()
	}
	return doc
}

// keySet finds repeated names in one object: a linear scan for the usual
// handful of names, a map beyond that.
type keySet struct {
	small [8]string
	n     int
	m     map[string]struct{}
}

// add adds k and reports whether it was new.
func (s *keySet) add(k string) bool {
	if s.m != nil {
		if _, ok := s.m[k]; ok {
			return false
		}
		s.m[k] = struct{}{}
		return true
	}
	for _, x := range s.small[:s.n] {
		if x == k {
			return false
		}
	}
	if s.n < len(s.small) {
		s.small[s.n] = k
		s.n++
		return true
	}
	s.m = make(map[string]struct{}, 2*len(s.small))
	for _, x := range s.small {
		s.m[x] = struct{}{}
	}
	s.m[k] = struct{}{}
	return true
}

// sidSet remembers the statement index of each Sid.
type sidSet struct {
	list []sidEntry
	m    map[string]int
}

type sidEntry struct {
	sid   string
	index int
}

// add records sid for statement index, or returns the first statement
// that used it.
func (s *sidSet) add(sid string, index int) (int, bool) {
	if s.m != nil {
		if i, ok := s.m[sid]; ok {
			return i, true
		}
		s.m[sid] = index
		return 0, false
	}
	for _, e := range s.list {
		if e.sid == sid {
			return e.index, true
		}
	}
	if len(s.list) < 16 {
		s.list = append(s.list, sidEntry{sid, index})
		return 0, false
	}
	s.m = make(map[string]int, 64)
	for _, e := range s.list {
		s.m[e.sid] = e.index
	}
	s.m[sid] = index
	return 0, false
}
