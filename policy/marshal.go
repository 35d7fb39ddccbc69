package policy

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/lambdaiam/lambdaiam/condition"
)

// MarshalJSON returns the document as canonical, compact JSON:
//
//   - top-level names in the order Version, Id, Statement; Version and Id
//     only when not empty;
//   - Statement always an array;
//   - statement elements in the order Sid (when not empty), Effect,
//     Principal, NotPrincipal, Action, NotAction, Resource, NotResource,
//     Condition; list elements present when non-nil;
//   - every list (Action, Resource, principal lists, condition values) an
//     array of strings, even with one entry; a Principal that is "*" with
//     no lists is the string "*";
//   - Condition with operators in order of first appearance in Conditions
//     and keys in order within each operator.
//
// For a Document returned by Parse, Parse(MarshalJSON()) with the same
// Kind returns an equal Document, apart from positions, Size and Envelope.
// It fails for an Effect or condition operator that is not valid, and for
// an operator-key pair that appears twice.
func (d *Document) MarshalJSON() ([]byte, error) {
	if d == nil {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 256*len(d.Statements)+64)
	b = append(b, '{')
	if d.Version != "" {
		b = append(b, `"Version":`...)
		b = appendString(b, d.Version)
		b = append(b, ',')
	}
	if d.ID != "" {
		b = append(b, `"Id":`...)
		b = appendString(b, d.ID)
		b = append(b, ',')
	}
	b = append(b, `"Statement":[`...)
	for i := range d.Statements {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendStatement(b, &d.Statements[i]); err != nil {
			return nil, fmt.Errorf("policy: statement %d: %w", i, err)
		}
	}
	b = append(b, "]}"...)
	return b, nil
}

func appendStatement(b []byte, st *Statement) ([]byte, error) {
	b = append(b, '{')
	if st.Sid != "" {
		b = append(b, `"Sid":`...)
		b = appendString(b, st.Sid)
		b = append(b, ',')
	}
	switch st.Effect {
	case Allow, Deny:
		b = append(b, `"Effect":"`...)
		b = append(b, st.Effect.String()...)
		b = append(b, '"')
	default:
		return nil, fmt.Errorf("invalid Effect %v", st.Effect)
	}
	if st.Principal != nil {
		b = append(b, `,"Principal":`...)
		b = appendPrincipal(b, st.Principal)
	}
	if st.NotPrincipal != nil {
		b = append(b, `,"NotPrincipal":`...)
		b = appendPrincipal(b, st.NotPrincipal)
	}
	b = appendListElem(b, "Action", st.Action)
	b = appendListElem(b, "NotAction", st.NotAction)
	b = appendListElem(b, "Resource", st.Resource)
	b = appendListElem(b, "NotResource", st.NotResource)
	if st.Conditions != nil {
		var err error
		b = append(b, `,"Condition":`...)
		if b, err = appendConditions(b, st.Conditions); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

func appendListElem(b []byte, name string, list []string) []byte {
	if list == nil {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendList(b, list)
}

func appendList(b []byte, list []string) []byte {
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

func appendPrincipal(b []byte, pr *Principal) []byte {
	if pr.AWS == nil && pr.Service == nil && pr.Federated == nil && pr.CanonicalUser == nil {
		if pr.Wildcard {
			return append(b, `"*"`...)
		}
		return append(b, `{}`...)
	}
	aws := pr.AWS
	if pr.Wildcard && !contains(aws, "*") {
		aws = append([]string{"*"}, aws...)
	}
	b = append(b, '{')
	first := true
	for _, kv := range [...]struct {
		name string
		list []string
	}{{"AWS", aws}, {"Service", pr.Service}, {"Federated", pr.Federated}, {"CanonicalUser", pr.CanonicalUser}} {
		if kv.list == nil {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, kv.name...)
		b = append(b, '"', ':')
		b = appendList(b, kv.list)
	}
	return append(b, '}')
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var errDuplicateCondition = errors.New("a condition operator and key appear twice")

func appendConditions(b []byte, conds []Condition) ([]byte, error) {
	b = append(b, '{')
	var done []condition.Operator
	for i := range conds {
		op := conds[i].Operator
		if !op.Valid() {
			return nil, fmt.Errorf("invalid condition operator %v", op)
		}
		if containsOp(done, op) {
			continue
		}
		done = append(done, op)
		if len(done) > 1 {
			b = append(b, ',')
		}
		b = appendString(b, op.String())
		b = append(b, ':', '{')
		var keys keySet
		n := 0
		for j := i; j < len(conds); j++ {
			c := &conds[j]
			if c.Operator != op {
				continue
			}
			if !keys.add(c.Key) {
				return nil, fmt.Errorf("%w: %v %q", errDuplicateCondition, op, c.Key)
			}
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = appendString(b, c.Key)
			b = append(b, ':')
			b = appendList(b, c.Values)
		}
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

func containsOp(ops []condition.Operator, op condition.Operator) bool {
	for _, o := range ops {
		if o == op {
			return true
		}
	}
	return false
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Bytes that are not UTF-8 become
// U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, s[start:i]...)
				b = append(b, `\ufffd`...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
