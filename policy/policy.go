package policy

import (
	"fmt"
	"strconv"

	"github.com/lambdaiam/lambdaiam/condition"
)

// Kind is the type of a policy document. It decides which elements a
// statement may or must carry (rule G5), how Sids are checked (G6) and
// which size quota applies (G10). The zero value is KindIdentity.
type Kind int

// The policy kinds.
const (
	// KindIdentity is an identity-based policy attached to a user, group or
	// role (managed or inline). It is the default of Parse.
	KindIdentity Kind = iota
	// KindResource is a resource-based policy: a Lambda function, alias,
	// version or layer-version policy.
	KindResource
	// KindBoundary is a permissions boundary.
	KindBoundary
	// KindSession is a session policy passed to AssumeRole* or
	// GetFederationToken.
	KindSession
	// KindSCP is an AWS Organizations service control policy.
	KindSCP
	// KindRCP is an AWS Organizations resource control policy.
	KindRCP
	// KindTrust is a role trust policy (the role's resource-based policy for
	// sts:AssumeRole*).
	KindTrust
	numKinds
)

var kindNames = [numKinds]string{
	KindIdentity: "identity",
	KindResource: "resource",
	KindBoundary: "boundary",
	KindSession:  "session",
	KindSCP:      "scp",
	KindRCP:      "rcp",
	KindTrust:    "trust",
}

// String returns the kind's short name: "identity", "resource", "boundary",
// "session", "scp", "rcp" or "trust".
func (k Kind) String() string {
	if k < 0 || k >= numKinds {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// ParseKind returns the Kind whose String is name. It is the inverse of
// Kind.String, for command-line flags.
func ParseKind(name string) (Kind, error) {
	for k, n := range kindNames {
		if n == name {
			return Kind(k), nil
		}
	}
	return 0, fmt.Errorf("unknown policy kind %q (want identity, resource, boundary, session, scp, rcp or trust)", name)
}

// Kinds returns every Kind in declaration order.
func Kinds() []Kind {
	out := make([]Kind, numKinds)
	for i := range out {
		out[i] = Kind(i)
	}
	return out
}

// Effect is a statement's effect. The zero value is not a valid effect, so
// that a Statement built by hand without an Effect never allows anything.
type Effect int

// The effects.
const (
	// Allow is "Effect": "Allow".
	Allow Effect = iota + 1
	// Deny is "Effect": "Deny".
	Deny
)

// String returns "Allow" or "Deny", and "Effect(n)" for an invalid value.
func (e Effect) String() string {
	switch e {
	case Allow:
		return "Allow"
	case Deny:
		return "Deny"
	}
	return "Effect(" + strconv.Itoa(int(e)) + ")"
}

// Position is a place in a policy document. Offset counts bytes from the
// start of the (inner) document and is 0-based; Line and Column are
// 1-based, and Column counts characters (runes), not bytes. The zero
// Position (Line 0) means "unknown or absent".
type Position struct {
	// Source names the document, as given by WithSource; when the document
	// came in an envelope it is followed by " (Policy)" or
	// " (URL-decoded)", because the offsets are in the inner document.
	Source string
	Offset int
	Line   int
	Column int
}

// IsValid reports whether p is a known position.
func (p Position) IsValid() bool { return p.Line > 0 }

// String returns "source:line:column", or "line:column" without a source,
// or "-" for the zero Position.
func (p Position) String() string {
	if !p.IsValid() {
		if p.Source != "" {
			return p.Source
		}
		return "-"
	}
	s := strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
	if p.Source != "" {
		return p.Source + ":" + s
	}
	return s
}

// Envelope is a wrapper around a policy document, as AWS APIs return it.
type Envelope int

// The envelopes.
const (
	// EnvelopeNone is a plain policy document.
	EnvelopeNone Envelope = iota
	// EnvelopeGetPolicy is the output of Lambda's GetPolicy (and
	// GetLayerVersionPolicy): {"Policy": "<document as a JSON string>",
	// "RevisionId": "..."}.
	EnvelopeGetPolicy
	// EnvelopeURLEncoded is a document percent-encoded as a whole (RFC 3986),
	// as IAM's GetRolePolicy, GetUserPolicy, GetPolicyVersion and the
	// AssumeRolePolicyDocument of GetRole return it.
	EnvelopeURLEncoded
	// EnvelopeAuto detects EnvelopeGetPolicy, EnvelopeURLEncoded or a plain
	// document (see WithEnvelope). Only an option; a Document records
	// what was detected.
	EnvelopeAuto
)

// String returns "none", "get-policy", "url-encoded" or "auto".
func (e Envelope) String() string {
	switch e {
	case EnvelopeNone:
		return "none"
	case EnvelopeGetPolicy:
		return "get-policy"
	case EnvelopeURLEncoded:
		return "url-encoded"
	case EnvelopeAuto:
		return "auto"
	}
	return "Envelope(" + strconv.Itoa(int(e)) + ")"
}

// Document is a parsed, valid policy. Parse returns one only when the
// document has no errors. Strings in it are decoded JSON strings; JSON
// numbers and booleans among condition values are kept as their JSON
// text ("10", "true").
type Document struct {
	Kind Kind
	// Version is "2012-10-17", "2008-10-17" or "" (absent).
	Version string
	// ID is the Id element, "" when absent.
	ID         string
	Statements []Statement
	// Pos is the position of the document's opening brace.
	Pos Position
	// Size is the document's size as its kind's quota measures it (see
	// SizeLimit and Limit.Measure), whether or not WithSizeLimit was given.
	Size int
	// Envelope is the envelope the document came in: EnvelopeNone,
	// EnvelopeGetPolicy or EnvelopeURLEncoded.
	Envelope Envelope

	text   string // the (inner) document text, for Locate
	source string // Position.Source of positions in text
	origin origin // where text starts in its source
	single bool   // Statement was one object, not an array
}

// Variables reports whether policy variables (${...}) are recognized in
// this document: only under Version "2012-10-17" (rule D1).
func (d *Document) Variables() bool { return d.Version == Version2012 }

// Policy language versions (rule G2).
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Statement is one statement of a Document. A list element that is absent
// from the statement is nil; a present one is non-nil and non-empty.
type Statement struct {
	// Index is the statement's 0-based index in the Statement array (0 when
	// Statement is a single object).
	Index int
	// Sid is the Sid element, "" when absent.
	Sid    string
	Effect Effect
	// Action and NotAction hold the entries as written: "*" or
	// "service:name-glob". Exactly one of them is non-nil.
	Action, NotAction []string
	// Resource and NotResource hold the entries as written: "*" or an ARN
	// pattern. Both are nil in a role trust policy; otherwise exactly one
	// is non-nil.
	Resource, NotResource []string
	// Principal and NotPrincipal are nil when absent.
	Principal, NotPrincipal *Principal
	// Conditions is the Condition block flattened to one entry per
	// operator and key, in document order; all of them must hold (AND).
	// It is nil when the statement has no Condition element and non-nil
	// (possibly empty) when it has one.
	Conditions []Condition

	// Pos is the position of the statement's opening brace.
	Pos Position
	// SidPos, EffectPos, ActionPos, ResourcePos and ConditionPos are the
	// positions of the values of Sid, Effect, Action or NotAction, Resource
	// or NotResource, and Condition; the zero Position when absent. Use
	// Document.Locate for any other place.
	SidPos, EffectPos, ActionPos, ResourcePos, ConditionPos Position
}

// Principal is the value of a Principal or NotPrincipal element.
type Principal struct {
	// Wildcard reports that the principal matches everyone: the element is
	// "*" or its AWS list contains "*" ({"AWS": "*"} is the same as "*").
	Wildcard bool
	// The lists of the principal map, as written; nil when the key is
	// absent. All are nil for "Principal": "*".
	AWS, Service, Federated, CanonicalUser []string
	// Pos is the position of the element's value.
	Pos Position
}

// Condition is one operator-key pair of a Condition block.
type Condition struct {
	Operator condition.Operator
	// Key is the condition key as written ("aws:SourceIp"); keys compare
	// without regard to case (rule C6).
	Key string
	// Values are the values as strings (rule G7 coercion); never empty.
	Values []string
	// Pos is the position of the key.
	Pos Position
}
