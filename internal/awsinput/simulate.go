package awsinput

import (
	"encoding/base64"
	"encoding/json"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/jsondepth"
	"github.com/lambdaiam/lambdaiam/policy"
)

// The SourcePolicyId prefixes simulate-custom-policy gives its inputs (S1).
const (
	PolicyInputList                    = "PolicyInputList"
	PermissionsBoundaryPolicyInputList = "PermissionsBoundaryPolicyInputList"
	ResourcePolicy                     = "ResourcePolicy"
)

// ReadFunc reads the file a "file://" reference names.
type ReadFunc func(name string) ([]byte, error)

// PolicyInputs reads policy input values (S1): each is "file://PATH",
// read with read, or a document written out. Content that is a JSON array
// of strings is a list of documents. The documents, parsed as kind, are
// named PREFIX.1, PREFIX.2, ... in order; for the prefix ResourcePolicy
// the single document is named ResourcePolicy.
func PolicyInputs(values []string, prefix string, kind policy.Kind, read ReadFunc) ([]evaluate.Named, error) {
	var out []evaluate.Named
	for _, v := range values {
		src := "<" + prefix + ">"
		data := []byte(v)
		if name, ok := strings.CutPrefix(v, "file://"); ok {
			if read == nil {
				return nil, &Error{Code: CodePolicyInput, Input: v, Msg: "file references are not supported here"}
			}
			b, err := read(name)
			if err != nil {
				return nil, &Error{Code: CodePolicyInput, Input: v, Err: err}
			}
			src, data = name, b
		}
		docs, err := inputDocuments(data)
		if err != nil {
			return nil, &Error{Code: CodePolicyInput, Source: src, Input: v, Msg: err.Error()}
		}
		for i, doc := range docs {
			dsrc := src
			if len(docs) > 1 {
				dsrc += "#/" + strconv.Itoa(i)
			}
			d, err := policy.Parse(doc, policy.WithKind(kind), policy.WithSource(dsrc), policy.WithEnvelope(policy.EnvelopeAuto))
			if err != nil {
				return nil, &Error{Code: CodeInvalidPolicy, Source: dsrc, Input: v, Err: err}
			}
			out = append(out, evaluate.Named{Doc: d})
		}
	}
	for i := range out {
		out[i].Name = prefix + "." + strconv.Itoa(i+1)
	}
	if prefix == ResourcePolicy && len(out) == 1 {
		out[0].Name = ResourcePolicy
	}
	return out, nil
}

// errNotDocumentList is the error for an input that starts with [ but is
// not a JSON array of strings.
const errNotDocumentList = errString("an input starting with [ is a JSON array of policy documents, each a string")

// inputDocuments splits an input's content: a JSON array of strings is a
// list of documents, anything else is one document.
func inputDocuments(data []byte) ([][]byte, error) {
	t := strings.TrimSpace(string(data))
	if !strings.HasPrefix(t, "[") {
		return [][]byte{data}, nil
	}
	if !jsondepth.Within(t, MaxDepth) || !gjson.Valid(t) {
		return nil, errNotDocumentList
	}
	var docs [][]byte
	for _, e := range gjson.Parse(t).Array() {
		if e.Type != gjson.String {
			return nil, errNotDocumentList
		}
		docs = append(docs, []byte(e.Str))
	}
	if len(docs) == 0 {
		return nil, errString("an empty list of policy documents")
	}
	return docs, nil
}

type errString string

// Error returns the message.
func (e errString) Error() string { return string(e) }

// SplitList splits list values (S2): each value may hold several items
// separated by commas or white space; empty items are dropped.
func SplitList(values []string) []string {
	var out []string
	for _, v := range values {
		out = append(out, strings.FieldsFunc(v, func(r rune) bool {
			return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
		})...)
	}
	return out
}

// ContextEntry is one entry of --context-entries, as the IAM API's
// ContextEntry type has it.
type ContextEntry struct {
	ContextKeyName   string
	ContextKeyValues []string
	ContextKeyType   string
}

// contextType reports whether typ is a ContextKeyType and whether it is
// a list type.
func contextType(typ string) (list, known bool) {
	switch typ {
	case "string", "numeric", "boolean", "ip", "binary", "date":
		return false, true
	case "stringList", "numericList", "booleanList", "ipList", "binaryList", "dateList":
		return true, true
	}
	return false, false
}

// ParseContextEntries reads --context-entries values (S3), each in the
// shorthand or the JSON form.
func ParseContextEntries(values []string) ([]ContextEntry, error) {
	var out []ContextEntry
	for _, v := range values {
		t := strings.TrimSpace(v)
		var (
			es  []ContextEntry
			err error
		)
		if strings.HasPrefix(t, "[") || strings.HasPrefix(t, "{") {
			es, err = contextJSON(t)
		} else {
			var e ContextEntry
			e, err = contextShorthand(t)
			es = []ContextEntry{e}
		}
		if err != nil {
			if e, ok := err.(*Error); ok {
				e.Input = v
			}
			return nil, err
		}
		out = append(out, es...)
	}
	return out, nil
}

// contextShorthand reads "ContextKeyName=K,ContextKeyValues=V1,V2,ContextKeyType=T".
func contextShorthand(s string) (ContextEntry, error) {
	var e ContextEntry
	seen := map[string]bool{}
	field := ""
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(part, "=")
		if ok && (name == "ContextKeyName" || name == "ContextKeyValues" || name == "ContextKeyType") {
			if seen[name] {
				return e, &Error{Code: CodeContextSyntax, Msg: name + " given twice"}
			}
			seen[name], field = true, name
			switch name {
			case "ContextKeyName":
				e.ContextKeyName = val
			case "ContextKeyType":
				e.ContextKeyType = val
			case "ContextKeyValues":
				e.ContextKeyValues = append(e.ContextKeyValues, val)
			}
			continue
		}
		if field != "ContextKeyValues" {
			return e, &Error{Code: CodeContextSyntax, Msg: "want ContextKeyName=NAME,ContextKeyValues=V1,V2,ContextKeyType=TYPE; " + strconv.Quote(part) + " is not NAME=VALUE"}
		}
		e.ContextKeyValues = append(e.ContextKeyValues, part)
	}
	// Bracketed values: [V1,V2].
	if n := len(e.ContextKeyValues); n > 0 && strings.HasPrefix(e.ContextKeyValues[0], "[") {
		if !strings.HasSuffix(e.ContextKeyValues[n-1], "]") {
			return e, &Error{Code: CodeContextSyntax, Msg: "ContextKeyValues opens [ without closing it"}
		}
		e.ContextKeyValues[0] = e.ContextKeyValues[0][1:]
		e.ContextKeyValues[n-1] = strings.TrimSuffix(e.ContextKeyValues[n-1], "]")
		if n == 1 && e.ContextKeyValues[0] == "" {
			e.ContextKeyValues = nil
		}
	}
	return e, nil
}

// contextJSON reads one ContextEntry object or an array of them.
func contextJSON(s string) ([]ContextEntry, error) {
	if !jsondepth.Within(s, MaxDepth) {
		return nil, &Error{Code: CodeContextSyntax, Msg: "nested too deep"}
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	var (
		list []ContextEntry
		err  error
	)
	if strings.HasPrefix(s, "[") {
		err = dec.Decode(&list)
	} else {
		var e ContextEntry
		err = dec.Decode(&e)
		list = []ContextEntry{e}
	}
	if err == nil && dec.More() {
		err = errString("text after the JSON value")
	}
	if err != nil {
		return nil, &Error{Code: CodeContextSyntax, Msg: "want ContextEntry JSON with ContextKeyName, ContextKeyValues and ContextKeyType", Err: err}
	}
	return list, nil
}

// NewContext checks the entries against their types and builds the
// request context (S3).
func NewContext(entries []ContextEntry) (*condition.Context, error) {
	ctx := new(condition.Context)
	seen := map[string]bool{}
	for _, e := range entries {
		in := e.ContextKeyName
		if e.ContextKeyName == "" {
			return nil, &Error{Code: CodeContextSyntax, Input: in, Msg: "a context entry needs a ContextKeyName"}
		}
		lk := strings.ToLower(e.ContextKeyName)
		if seen[lk] {
			return nil, &Error{Code: CodeContextDuplicate, Input: in, Msg: "context key " + e.ContextKeyName + " given twice"}
		}
		seen[lk] = true
		if len(e.ContextKeyValues) == 0 {
			return nil, &Error{Code: CodeContextSyntax, Input: in, Msg: "context key " + e.ContextKeyName + " has no ContextKeyValues"}
		}
		typ := e.ContextKeyType
		if typ == "" {
			typ = "string"
		}
		list, known := contextType(typ)
		if !known {
			return nil, &Error{Code: CodeContextType, Input: in, Msg: "unknown ContextKeyType " + strconv.Quote(typ)}
		}
		if !list && len(e.ContextKeyValues) != 1 {
			return nil, &Error{Code: CodeContextType, Input: in,
				Msg: "ContextKeyType " + typ + " takes one value; use " + typ + "List for several"}
		}
		base := strings.TrimSuffix(typ, "List")
		for _, v := range e.ContextKeyValues {
			if !validValue(base, v) {
				return nil, &Error{Code: CodeContextValue, Input: in, Msg: strconv.Quote(v) + " is not a valid " + base + " value"}
			}
		}
		if list {
			ctx.SetMulti(e.ContextKeyName, e.ContextKeyValues)
		} else {
			ctx.Set(e.ContextKeyName, e.ContextKeyValues[0])
		}
	}
	return ctx, nil
}

// validValue checks a value against a ContextKeyType without "List".
func validValue(typ, v string) bool {
	switch typ {
	case "numeric":
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	case "boolean":
		return v == "true" || v == "false"
	case "ip":
		if _, err := netip.ParsePrefix(v); err == nil {
			return true
		}
		_, err := netip.ParseAddr(v)
		return err == nil
	case "binary":
		_, err := base64.StdEncoding.DecodeString(v)
		return err == nil
	case "date":
		if _, err := strconv.ParseInt(v, 10, 64); err == nil {
			return true
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02"} {
			if _, err := time.Parse(layout, v); err == nil {
				return true
			}
		}
		return false
	}
	return true
}

// EvaluationResult is one element of simulate-custom-policy's
// EvaluationResults (S4).
type EvaluationResult struct {
	EvalActionName    string
	EvalResourceName  string
	EvalDecision      string
	MatchedStatements []Statement
	// MissingContextValues is always empty: lambdaiam does not list the
	// keys the policies read but the request lacks.
	MissingContextValues []string
}

// Statement is a matched statement: the policy it is in, as
// SourcePolicyId, and where it starts.
type Statement struct {
	SourcePolicyId string
	StartPosition  Position
}

// Position is a 1-based line and column in a policy document.
type Position struct {
	Line   int
	Column int
}

// EvalDecision returns the word simulate-custom-policy uses for d:
// "allowed", "implicitDeny" or "explicitDeny".
func EvalDecision(d evaluate.Decision) string {
	switch d {
	case evaluate.Allow:
		return "allowed"
	case evaluate.ExplicitDeny:
		return "explicitDeny"
	}
	return "implicitDeny"
}

// Result converts one evaluation into an EvaluationResult (S4). The
// matched statements are those of res.Reasons that name a statement: for
// an Allow the granting statements, for an ExplicitDeny the denying ones,
// for an ImplicitDeny the Allow statements of the policy types that did
// allow.
func Result(action, resource string, res evaluate.Result) EvaluationResult {
	r := EvaluationResult{
		EvalActionName:       action,
		EvalResourceName:     resource,
		EvalDecision:         EvalDecision(res.Decision),
		MatchedStatements:    []Statement{},
		MissingContextValues: []string{},
	}
	for _, reason := range res.Reasons {
		if reason.Statement < 0 {
			continue
		}
		r.MatchedStatements = append(r.MatchedStatements, Statement{
			SourcePolicyId: reason.Policy,
			StartPosition:  Position{Line: reason.Pos.Line, Column: reason.Pos.Column},
		})
	}
	return r
}
