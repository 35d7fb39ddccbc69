package policy

import (
	"strings"
)

// Code identifies the kind of a policy error. Codes are stable: compare
// them, never the message text.
type Code string

// The error codes, roughly in the order Parse checks them.
const (
	// Input and JSON.
	CodeInvalidKind      Code = "invalid-kind"      // WithKind was given a value that is not a Kind
	CodeTooLarge         Code = "too-large"         // the input exceeds the maximum input size (WithMaxBytes)
	CodeInvalidEnvelope  Code = "invalid-envelope"  // a malformed get-policy or URL-encoded envelope
	CodeInvalidUTF8      Code = "invalid-utf8"      // the input is not valid UTF-8
	CodeInvalidCharacter Code = "invalid-character" // a character outside tab, LF, CR, U+0020–U+00FF (G11)
	CodeTooDeep          Code = "too-deep"          // objects and arrays nested deeper than MaxDepth
	CodeSyntax           Code = "syntax"            // not JSON, or data after the document
	CodeDuplicateKey     Code = "duplicate-key"     // the same name twice in one object (G9)
	CodeInvalidType      Code = "invalid-type"      // a JSON value of the wrong type

	// Document and statement elements.
	CodeUnknownElement         Code = "unknown-element"          // a name that is not an element there, or in the wrong case (G8)
	CodeInvalidVersion         Code = "invalid-version"          // Version other than "2012-10-17" or "2008-10-17" (G2)
	CodeMissingStatement       Code = "missing-statement"        // no Statement element (G1)
	CodeEmptyStatement         Code = "empty-statement"          // "Statement": [] (G3)
	CodeEmptyArray             Code = "empty-array"              // an empty list where one or more entries are required (G7)
	CodeInvalidSid             Code = "invalid-sid"              // a Sid with characters or a length the kind does not allow (G6)
	CodeDuplicateSid           Code = "duplicate-sid"            // two statements with one Sid where Sids must be unique (G6)
	CodeInvalidEffect          Code = "invalid-effect"           // Effect other than "Allow" or "Deny", case-sensitive (G4)
	CodeMissingEffect          Code = "missing-effect"           // no Effect (G5)
	CodeMissingAction          Code = "missing-action"           // neither Action nor NotAction (G5)
	CodeActionAndNotAction     Code = "action-and-notaction"     // both Action and NotAction (G5)
	CodeInvalidAction          Code = "invalid-action"           // an Action entry that is not "*" or "service:name" (G12)
	CodeMissingResource        Code = "missing-resource"         // neither Resource nor NotResource where one is required (G4)
	CodeResourceAndNotResource Code = "resource-and-notresource" // both Resource and NotResource (G5)
	CodeResourceNotAllowed     Code = "resource-not-allowed"     // Resource or NotResource in a role trust policy (G5)
	CodeInvalidResource        Code = "invalid-resource"         // a Resource entry that is not "*" or an ARN (G12)

	// Principals.
	CodePrincipalAndNotPrincipal Code = "principal-and-notprincipal" // both Principal and NotPrincipal (G5)
	CodePrincipalNotAllowed      Code = "principal-not-allowed"      // Principal in an identity, boundary, session or SCP (G5)
	CodeMissingPrincipal         Code = "missing-principal"          // no Principal in a resource, trust or RCP statement (G5)
	CodeNotPrincipalWithAllow    Code = "notprincipal-with-allow"    // NotPrincipal with "Effect": "Allow" (G5)
	CodeNotPrincipalNotAllowed   Code = "notprincipal-not-allowed"   // NotPrincipal where the kind forbids it (G5)
	CodeInvalidPrincipal         Code = "invalid-principal"          // a malformed principal value (M4)

	// Conditions.
	CodeUnknownOperator       Code = "unknown-operator"        // not a condition operator, names are case-sensitive (G8)
	CodeInvalidCondition      Code = "invalid-condition"       // a malformed Condition block (C1)
	CodeInvalidConditionValue Code = "invalid-condition-value" // a value the operator cannot use (C4)

	// Limits.
	CodeSizeLimit     Code = "size-limit"      // over the AWS quota for the kind (G10, WithSizeLimit)
	CodeTooManyErrors Code = "too-many-errors" // Parse stopped collecting errors (MaxErrors)
)

// Error is one problem in a policy document.
type Error struct {
	// Pointer is the RFC 6901 JSON Pointer of the offending element or
	// value in the (inner) document, such as "/Statement/1/Effect"; "" is
	// the whole document.
	Pointer string
	// Pos is where the problem is: the offending value, or for an element
	// that must not be there (or is there twice), its name.
	Pos  Position
	Code Code
	// Msg says what was found and what was expected.
	Msg string
}

// Error returns "source:line:col: pointer: message", leaving out the
// parts that are empty or unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos.IsValid() || e.Pos.Source != "" {
		b.WriteString(e.Pos.String())
		b.WriteString(": ")
	}
	if e.Pointer != "" {
		b.WriteString(e.Pointer)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is the error Parse returns: every problem found, in document
// order. It is never empty when returned as an error.
type ErrorList []*Error

// Error returns the errors' messages, one per line.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, so that errors.As finds the first *Error.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Has reports whether some error in l has code c.
func (l ErrorList) Has(c Code) bool {
	for _, e := range l {
		if e.Code == c {
			return true
		}
	}
	return false
}
