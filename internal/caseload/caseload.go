package caseload

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/jsondepth"
	"github.com/lambdaiam/lambdaiam/policy"
)

// The expectations a case may carry.
const (
	ExpectAllow        = "Allow"
	ExpectImplicitDeny = "ImplicitDeny"
	ExpectExplicitDeny = "ExplicitDeny"
	ExpectError        = "Error"
)

// Case is one authorization question read from the case format.
type Case struct {
	// Name is the case's name; a case without one is named "SRC:LINE".
	Name    string
	Rule    string
	Comment string
	// Expect is "Allow", "ImplicitDeny", "ExplicitDeny", "Error" or ""
	// (no expectation).
	Expect   string
	Policies evaluate.Policies
	Request  evaluate.Request
	// Source names the input the case came from (Load's src) and Line is
	// the 1-based line of the input where the case starts.
	Source string
	Line   int
	// Err is set when the case cannot be evaluated as written: it is not
	// valid JSON, a field has the wrong type, or one of its policies does
	// not parse. Such a case passes only if it expects "Error". Err is an
	// *Error.
	Err error
}

// CaseJSON is a case as written in the case format, for programs that
// write cases (the generators of the differential and metamorphic tests);
// P is how they write a policy. Struct fields keep the format's order.
type CaseJSON[P any] struct {
	Name                string         `json:"name"`
	Principal           string         `json:"principal"`
	Action              string         `json:"action"`
	Resource            string         `json:"resource"`
	ResourceAccount     string         `json:"resourceAccount,omitempty"`
	Context             map[string]any `json:"context,omitempty"`
	IdentityPolicies    []P            `json:"identityPolicies,omitempty"`
	ResourcePolicy      P              `json:"resourcePolicy,omitempty"`
	PermissionsBoundary P              `json:"permissionsBoundary,omitempty"`
	SessionPolicy       P              `json:"sessionPolicy,omitempty"`
	SCPs                [][]P          `json:"scps,omitempty"`
	Expect              string         `json:"expect,omitempty"`
}

// Error is a problem with a case: its JSON, a field, or a policy (then Err
// is the policy.ErrorList).
type Error struct {
	Source string
	Line   int
	// Field is the JSON Pointer of the offending field in the case, such
	// as "/identityPolicies/0"; "" is the case as a whole.
	Field string
	// File is set when the problem is in a policy file that the case
	// references (see WithDir): the file's name as it was opened. The
	// positions and pointers of its policy errors are then in that file.
	File string
	Msg  string
	Err  error
}

// Error returns "SRC:LINE: FIELD: message"; for a policy that does not
// parse, each policy error as "SRC:LINE:COLUMN: FIELD/POINTER: message",
// joined by "; ", with the JSON pointer taken from the case's root, or,
// for a policy read from a file, as "FILE:LINE:COLUMN: POINTER: message",
// with the pointer taken from the file's root.
func (e *Error) Error() string {
	var list policy.ErrorList
	if e.Msg == "" && errors.As(e.Err, &list) {
		var b strings.Builder
		for i, pe := range list {
			if i > 0 {
				b.WriteString("; ")
			}
			if pos := pe.Pos.String(); pos != "" {
				b.WriteString(pos)
				b.WriteString(": ")
			}
			ptr := pe.Pointer
			if e.File == "" {
				ptr = e.Field + ptr
			}
			if ptr != "" {
				b.WriteString(ptr)
				b.WriteString(": ")
			}
			b.WriteString(pe.Msg)
		}
		return b.String()
	}
	if e.Msg == "" && e.Err != nil {
		return strings.ReplaceAll(e.Err.Error(), "\n", "; ")
	}
	var b strings.Builder
	if e.Source != "" {
		b.WriteString(e.Source)
		b.WriteByte(':')
	}
	if e.Line > 0 {
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteByte(':')
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Err != nil {
		if e.Msg != "" {
			b.WriteString(": ")
		}
		b.WriteString(strings.ReplaceAll(e.Err.Error(), "\n", "; "))
	}
	return b.String()
}

// Unwrap returns the underlying error (a policy.ErrorList for a policy
// that does not parse).
func (e *Error) Unwrap() error { return e.Err }

// Load reads the cases of data: one JSON object (which may span several
// lines) or JSON Lines, one object per line; blank lines are skipped. src
// names the input in case names, policy sources and errors. The error is
// for the input as a whole (no case at all, two cases with one name); a
// case that cannot be read has its Err set instead. Policy file
// references are read as the options say (WithDir, WithFS); each file is
// read and parsed once per call.
func Load(data []byte, src string, opts ...Option) ([]Case, error) {
	cfg := newConfig(opts)
	start := 0
	for start < len(data) && isSpace(data[start]) {
		start++
	}
	if start == len(data) {
		return nil, &Error{Source: src, Msg: "no cases"}
	}
	first := 1 + bytes.Count(data[:start], []byte{'\n'})
	// A single object: the whole input is one JSON value, or its first
	// line on its own is not (a pretty-printed object, valid or not).
	firstLine := data[start:]
	if i := bytes.IndexByte(firstLine, '\n'); i >= 0 {
		firstLine = firstLine[:i]
	}
	var cases []Case
	whole := jsondepth.WithinBytes(data[start:], MaxDepth) && gjson.ValidBytes(data[start:])
	if whole || !(jsondepth.WithinBytes(firstLine, MaxDepth) && gjson.ValidBytes(firstLine)) {
		cases = append(cases, parseLine(data[start:], src, first, cfg))
	} else {
		line := 0
		for len(data) > 0 {
			line++
			var text []byte
			if i := bytes.IndexByte(data, '\n'); i >= 0 {
				text, data = data[:i], data[i+1:]
			} else {
				text, data = data, nil
			}
			if len(bytes.TrimSpace(text)) == 0 {
				continue
			}
			cases = append(cases, parseLine(text, src, line, cfg))
		}
	}
	seen := make(map[string]int, len(cases))
	for _, c := range cases {
		if l, dup := seen[c.Name]; dup {
			return nil, &Error{Source: src, Line: c.Line, Field: "/name",
				Msg: fmt.Sprintf("case name %q is also used on line %d", c.Name, l)}
		}
		seen[c.Name] = c.Line
	}
	return cases, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// ParseLine reads one case: a JSON object in the case format. src and
// line locate it (line is the input line where the object starts). Each
// policy's raw JSON text is handed to policy.Parse as it stands, so that
// duplicate keys and every other grammar error reach the parser; its
// positions give the line and column in src. A policy given as a file
// reference is read as the options say (WithDir, WithFS). A case with any
// error is returned with Err set.
func ParseLine(data []byte, src string, line int, opts ...Option) Case {
	return parseLine(data, src, line, newConfig(opts))
}

func parseLine(data []byte, src string, line int, cfg *config) Case {
	c := Case{Source: src, Line: line}
	r := reader{src: src, line: line, c: &c, cfg: cfg}
	r.parse(data)
	if c.Name == "" {
		c.Name = src + ":" + strconv.Itoa(line)
	}
	return c
}

type reader struct {
	src  string
	line int
	data []byte
	c    *Case
	cfg  *config
}

func (r *reader) fail(field, msg string, err error) {
	r.failFile(field, "", msg, err)
}

func (r *reader) failFile(field, file, msg string, err error) {
	if r.c.Err == nil {
		r.c.Err = &Error{Source: r.src, Line: r.line, Field: field, File: file, Msg: msg, Err: err}
	}
}

// MaxDepth is the deepest nesting of objects and arrays a case may have:
// a policy's own bound (policy.MaxDepth) plus the case's levels around it.
// Deeper input is an error before any recursive reader sees it.
const MaxDepth = policy.MaxDepth + 8

func (r *reader) parse(data []byte) {
	r.data = data
	if !utf8.Valid(data) {
		r.fail("", "the case is not valid UTF-8", nil)
		return
	}
	if !jsondepth.WithinBytes(data, MaxDepth) {
		r.fail("", fmt.Sprintf("the case nests objects and arrays more than %d deep", MaxDepth), nil)
		return
	}
	if !gjson.ValidBytes(data) {
		msg := "the case is not valid JSON"
		var v any
		var se *json.SyntaxError
		if err := json.Unmarshal(data, &v); errors.As(err, &se) {
			msg += fmt.Sprintf(" (offset %d: %s)", se.Offset, se.Error())
		}
		r.fail("", msg, nil)
		return
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		r.fail("", "a case is a JSON object", nil)
		return
	}
	var (
		seen   = map[string]bool{}
		req    = &r.c.Request
		pols   = &r.c.Policies
		resPol gjson.Result
	)
	root.ForEach(func(k, v gjson.Result) bool {
		key := k.String()
		field := "/" + pointerEscape(key)
		if seen[key] {
			r.fail(field, "duplicate field", nil)
			return false
		}
		seen[key] = true
		switch key {
		case "name":
			r.c.Name = r.str(v, field)
		case "rule":
			r.c.Rule = r.str(v, field)
		case "comment":
			r.c.Comment = r.str(v, field)
		case "expect":
			r.c.Expect = r.str(v, field)
			switch r.c.Expect {
			case "", ExpectAllow, ExpectImplicitDeny, ExpectExplicitDeny, ExpectError:
			default:
				r.fail(field, fmt.Sprintf("expect %q is not Allow, ImplicitDeny, ExplicitDeny or Error", r.c.Expect), nil)
			}
		case "principal":
			req.Principal = r.str(v, field)
		case "action":
			req.Action = r.str(v, field)
		case "resource":
			req.Resource = r.str(v, field)
		case "resourceAccount":
			req.ResourceAccount = r.str(v, field)
		case "context":
			req.Context = r.context(v, field)
		case "identityPolicies":
			if v.Type == gjson.Null {
				break
			}
			if !v.IsArray() {
				r.fail(field, "identityPolicies is a list of policies", nil)
				break
			}
			i := 0
			v.ForEach(func(_, pv gjson.Result) bool {
				name := "identity[" + strconv.Itoa(i) + "]"
				if n := r.policy(pv, policy.KindIdentity, name, field+"/"+strconv.Itoa(i), "identityPolicies["+strconv.Itoa(i)+"]"); n != nil {
					pols.Identity = append(pols.Identity, *n)
				}
				i++
				return true
			})
		case "resourcePolicy":
			resPol = v // parsed below, once the action is known
		case "permissionsBoundary":
			pols.Boundary = r.policy(v, policy.KindBoundary, key, field, key)
		case "sessionPolicy":
			pols.Session = r.policy(v, policy.KindSession, key, field, key)
		case "scps":
			pols.SCPs = r.levels(v, policy.KindSCP, key, field)
		case "rcps":
			pols.RCPs = r.levels(v, policy.KindRCP, key, field)
		default:
			r.fail(field, fmt.Sprintf("unknown field %q", key), nil)
		}
		return true
	})
	if resPol.Exists() {
		// For sts:AssumeRole* (and the session tagging actions evaluated
		// with it) the resource's policy is the role's trust policy (E3a).
		kind := policy.KindResource
		if evaluate.IsTrustAction(req.Action) {
			kind = policy.KindTrust
		}
		pols.Resource = r.policy(resPol, kind, "resourcePolicy", "/resourcePolicy", "resourcePolicy")
	}
	if !seen["resourceAccount"] {
		// The account of the resource ARN, or "" for "*" and non-ARNs.
		_, _, _, req.ResourceAccount, _, _ = arn.Split(req.Resource)
	}
}

// str reads a string field; null reads as "".
func (r *reader) str(v gjson.Result, field string) string {
	switch v.Type {
	case gjson.String:
		return v.String()
	case gjson.Null:
		return ""
	}
	r.fail(field, "want a string", nil)
	return ""
}

// context reads the request context: each value a string (single-valued)
// or a list of strings (multivalued, SetMulti, even with one element).
// JSON numbers and booleans are taken as their text. Keys are
// case-insensitive, so two spellings of one key are an error.
func (r *reader) context(v gjson.Result, field string) *condition.Context {
	if v.Type == gjson.Null {
		return nil
	}
	if !v.IsObject() {
		r.fail(field, "context is an object of keys and values", nil)
		return nil
	}
	ctx := new(condition.Context)
	seen := map[string]bool{}
	v.ForEach(func(k, val gjson.Result) bool {
		key := k.String()
		kf := field + "/" + pointerEscape(key)
		lk := strings.ToLower(key)
		if seen[lk] {
			r.fail(kf, "duplicate context key (keys are case-insensitive)", nil)
			return false
		}
		seen[lk] = true
		if val.IsArray() {
			vals := []string{}
			ok := true
			val.ForEach(func(_, e gjson.Result) bool {
				s, isScalar := scalarText(e)
				if !isScalar {
					r.fail(kf, "a context list holds strings", nil)
					ok = false
					return false
				}
				vals = append(vals, s)
				return true
			})
			if ok {
				ctx.SetMulti(key, vals)
			}
			return ok
		}
		s, isScalar := scalarText(val)
		if !isScalar {
			r.fail(kf, "a context value is a string or a list of strings", nil)
			return false
		}
		ctx.Set(key, s)
		return true
	})
	return ctx
}

// scalarText returns a string's value, or a number's or boolean's JSON
// text.
func scalarText(v gjson.Result) (string, bool) {
	switch v.Type {
	case gjson.String:
		return v.String(), true
	case gjson.Number, gjson.True, gjson.False:
		return v.Raw, true
	}
	return "", false
}

// policy reads a policy field: null (absent), a bare document, a file
// reference (a string), {"name": ..., "document": ...} or {"name": ...,
// "file": ...}. A document's raw text goes to policy.Parse; a referenced
// file is read and parsed by file.
func (r *reader) policy(v gjson.Result, kind policy.Kind, name, field, label string) *evaluate.Named {
	if v.Type == gjson.Null {
		return nil
	}
	if v.Type == gjson.String {
		return r.file(v.String(), kind, "", field)
	}
	if !v.IsObject() {
		r.fail(field, "a policy is a JSON object or the name of a policy file", nil)
		return nil
	}
	doc := v
	if isWrapper, ok := wrapper(v); isWrapper {
		if !ok {
			r.fail(field, `a named policy is {"name": "...", "document": {...}} or {"name": "...", "file": "..."}`, nil)
			return nil
		}
		bad := false
		named := false
		var file gjson.Result
		v.ForEach(func(k, val gjson.Result) bool {
			switch k.String() {
			case "name":
				if val.Type != gjson.String || val.String() == "" {
					r.fail(field+"/name", "want a non-empty string", nil)
					bad = true
					return false
				}
				name, named = val.String(), true
			case "document":
				doc = val
			case "file":
				file = val
			}
			return true
		})
		if bad {
			return nil
		}
		if file.Exists() {
			if file.Type != gjson.String {
				r.fail(field+"/file", "a policy file reference is a string", nil)
				return nil
			}
			if !named {
				name = ""
			}
			return r.file(file.String(), kind, name, field+"/file")
		}
		field += "/document"
	}
	line, col := r.where(doc.Index)
	d, err := policy.Parse([]byte(doc.Raw), policy.WithKind(kind), policy.WithSource(r.src), policy.WithOrigin(line, col))
	if err != nil {
		r.fail(field, "", err)
		return nil
	}
	return &evaluate.Named{Name: name, Doc: d}
}

// file reads the policy file ref names, relative to the case file, and
// parses it with the kind of its field; a get-policy or URL-encoded
// envelope is taken off (policy.EnvelopeAuto). The policy is named name,
// or after the reference when name is "".
func (r *reader) file(ref string, kind policy.Kind, name, field string) *evaluate.Named {
	if name == "" {
		name = ref
	}
	f, err := r.cfg.policyFile(ref, kind)
	var missing *fs.PathError
	switch {
	case errors.As(err, &missing) && errors.Is(err, fs.ErrNotExist):
		r.fail(field, fmt.Sprintf("policy file %q: %s does not exist", ref, missing.Path), nil)
		return nil
	case err != nil:
		r.fail(field, fmt.Sprintf("policy file %q", ref), err)
		return nil
	}
	if f.err != nil {
		r.failFile(field, f.name, "", f.err)
		return nil
	}
	return &evaluate.Named{Name: name, Doc: f.doc}
}

// where returns the line and column in the source of byte off of the
// case's text.
func (r *reader) where(off int) (line, col int) {
	if off <= 0 || off > len(r.data) {
		return r.line, 1
	}
	before := r.data[:off]
	line = r.line + bytes.Count(before, []byte{'\n'})
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, 1 + utf8.RuneCount(before)
}

// wrapper reports whether v is a {"name", "document"} or {"name", "file"}
// wrapper (it has a "document" or a "file" key), and whether it is a
// well-formed one: a name at most once and exactly one of document and
// file, with no other keys.
func wrapper(v gjson.Result) (isWrapper, ok bool) {
	ok = true
	var names, docs, files int
	v.ForEach(func(k, _ gjson.Result) bool {
		switch k.String() {
		case "document":
			docs++
		case "file":
			files++
		case "name":
			names++
		default:
			ok = false
		}
		return true
	})
	return docs+files > 0, ok && docs+files == 1 && names <= 1
}

// levels reads "scps" or "rcps": a list of levels, each a list of
// policies, named "scps[LEVEL][INDEX]" unless they carry names.
func (r *reader) levels(v gjson.Result, kind policy.Kind, key, field string) [][]evaluate.Named {
	if v.Type == gjson.Null {
		return nil
	}
	if !v.IsArray() {
		r.fail(field, key+" is a list of levels, each a list of policies", nil)
		return nil
	}
	var out [][]evaluate.Named
	li := 0
	v.ForEach(func(_, lv gjson.Result) bool {
		lf := field + "/" + strconv.Itoa(li)
		if !lv.IsArray() {
			r.fail(lf, "a level is a list of policies", nil)
			return false
		}
		level := []evaluate.Named{}
		pi := 0
		lv.ForEach(func(_, pv gjson.Result) bool {
			label := key + "[" + strconv.Itoa(li) + "][" + strconv.Itoa(pi) + "]"
			if n := r.policy(pv, kind, label, lf+"/"+strconv.Itoa(pi), label); n != nil {
				level = append(level, *n)
			}
			pi++
			return true
		})
		out = append(out, level)
		li++
		return true
	})
	return out
}

// pointerEscape escapes a JSON Pointer reference token (RFC 6901).
func pointerEscape(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// Run decides the case with a freshly compiled set: a case with Err gives
// a Result carrying that error (Decision ImplicitDeny).
func (c *Case) Run(opts ...evaluate.Option) evaluate.Result {
	if c.Err != nil {
		return evaluate.Result{Decision: evaluate.ImplicitDeny, Err: c.Err}
	}
	res, _ := evaluate.Evaluate(c.Request, c.Policies, opts...)
	return res
}
