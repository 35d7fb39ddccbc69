// Package policy parses and validates AWS IAM policy documents into typed
// values, keeping the position of every element, and writes them back as
// canonical JSON.
//
// It follows AWS's "IAM JSON policy element reference" and "Grammar of the
// IAM JSON policy language" pages, the quotas of "IAM and AWS STS quotas",
// "Lambda quotas" and the AWS Organizations quotas, the Organizations
// "SCP syntax" and "RCP syntax" pages, and Lambda's AddPermission API for
// function-policy statement IDs. Rule numbers (G1–G12, M4, C1, D1) refer
// to the project's semantics spec.
//
// # What Parse checks, in order
//
// Parse rejects a document for any of the following, and reports every
// problem it finds as an *Error in an ErrorList sorted by position. A
// failure in steps 1–4 or 6 stops parsing, since nothing after it can be
// trusted; every other problem is collected, up to MaxErrors.
//
//  1. Size: input larger than the maximum (DefaultMaxBytes, 1 MiB, or
//     WithMaxBytes) is "too-large", checked before anything is read.
//  2. Envelope (WithEnvelope): a get-policy envelope must be an object with
//     a "Policy" string and at most a "RevisionId" string; a URL-encoded
//     document must use valid %XX escapes ("invalid-envelope"). From here
//     on, the inner document is checked and positions point into it.
//  3. Encoding: the text must be UTF-8 ("invalid-utf8", at the first bad
//     byte) and must not start with a byte order mark.
//  4. Depth: objects and arrays may nest at most MaxDepth (64) deep
//     ("too-deep"), so no input can exhaust the stack.
//  5. Characters (G11): the text may hold only tab, LF, CR and U+0020 to
//     U+00FF, also when written as a JSON escape ("invalid-character", one
//     per character).
//  6. JSON: the text must be one JSON value and nothing after it
//     ("syntax", at the offending character).
//  7. Duplicate names (G9): no object may hold the same name twice, after
//     unescaping; reported at the second name ("duplicate-key"). Every
//     object is checked, including ones inside otherwise invalid values.
//  8. Top level (G1, G2): an object with only Version, Id and Statement.
//     Version, when present, is "2012-10-17" or "2008-10-17"
//     ("invalid-version"); Id is a string. Element names are
//     case-sensitive (G8): "effect" or "statement" is "unknown-element",
//     with a hint.
//  9. Statement (G3): one statement object or a non-empty array of them
//     ("missing-statement", "empty-statement").
//  10. Statement elements (G4, G5): only Sid, Effect, Principal,
//     NotPrincipal, Action, NotAction, Resource, NotResource and Condition.
//     Effect is exactly "Allow" or "Deny" (case-sensitive). Exactly one of
//     Action and NotAction. Principal, NotPrincipal, Resource and
//     NotResource as the policy's Kind allows (see "Elements per kind").
//  11. Sid (G6): a string, with the characters and uniqueness the Kind
//     requires ("invalid-sid", "duplicate-sid"; see "Elements per kind").
//  12. Lists (G7): Action, NotAction, Resource, NotResource and every
//     principal list take a string or a non-empty array of strings
//     ("empty-array", "invalid-type").
//  13. Action entries (G12): "*" or "service:name", the service prefix of
//     letters, digits and '-' with no wildcard, the name of letters,
//     digits, '-', '_', '*' and '?' ("invalid-action").
//  14. Resource entries (G12): "*" or an ARN pattern starting "arn:" with
//     no wildcard in its service part ("invalid-resource"). Short ARN
//     patterns and wildcards in the resource-type token are left to the
//     arn package and to validation warnings.
//  15. Principal (M4): "*", or an object with the keys AWS, Service,
//     Federated and CanonicalUser. An AWS entry is "*", a 12-digit account,
//     an IAM or STS ARN ("arn:P:iam::ACCOUNT:..." or "arn:P:sts::..."), or
//     an IAM unique ID; partial wildcards are rejected. Other entries are
//     non-empty names without whitespace or wildcards ("invalid-principal").
//     {"AWS": "*"} is the same as "*": both set Principal.Wildcard.
//  16. Condition (C1): an object mapping operators to objects that map
//     condition keys to a value or a non-empty array of values. Operator
//     names go through condition.ParseOperator and are case-sensitive
//     ("unknown-operator", with a hint for a wrong case). Values are
//     strings, or JSON booleans and numbers, which become their JSON text
//     ("true", "10", "1e3"); null, objects and nested arrays are
//     "invalid-type". Every value must pass condition.CheckValue for its
//     base operator, with variables recognized under Version "2012-10-17"
//     only ("invalid-condition-value", at the value). An empty Condition
//     object, and an operator with no keys, are allowed and always true.
//  17. Size quota (G10, only with WithSizeLimit): the document must fit its
//     kind's AWS quota (SizeLimit); "size-limit" is reported at the first
//     character over it. Document.Size is measured in any case.
//
// # Elements per kind
//
// Which of Principal, NotPrincipal, Resource and NotResource a statement
// may or must have (G5), and the Sid rules (G6):
//
//	kind      Principal, NotPrincipal                   Resource, NotResource  Sid
//	identity  neither                                   exactly one            [A-Za-z0-9]*, unique
//	boundary  neither                                   exactly one            [A-Za-z0-9]*, unique
//	session   neither                                   exactly one            any string
//	scp       neither                                   exactly one            any string, unique
//	rcp       Principal "*" required, no NotPrincipal   exactly one            any string, unique
//	trust     Principal required, no NotPrincipal       neither                [A-Za-z0-9]*, unique
//	resource  exactly one; NotPrincipal only with Deny  exactly one            [A-Za-z0-9_-]{1,100}, unique
//
// The empty Sid is allowed where the pattern allows it and is never
// compared for uniqueness. Sids in a Lambda function policy are
// AddPermission statement IDs. AWS documents no Sid rules for SCPs and
// RCPs beyond IAM's uniqueness, and none for session policies, whose Sids
// STS may not check at all; these choices are the library's.
//
// Parse without WithKind checks an identity-based policy (KindIdentity).
//
// # Positions and pointers
//
// An Error carries an RFC 6901 JSON Pointer ("/Statement/1/Effect"; the
// Statement index is left out when Statement is a single object, and '~'
// and '/' in names are written "~0" and "~1") and a Position: a byte
// Offset into the (inner) document and a 1-based Line and Column, where
// lines end at LF and the Column counts characters (runes). Error()
// prints
//
//	policy.json:12:7: /Statement/1/Effect: "allow" is not a valid Effect (want "Allow" or "Deny")
//
// Errors in a document read from an envelope have a Source such as
// "policy.json (Policy)" or "policy.json (URL-decoded)", and their
// positions are in the decoded document.
//
// # JSON handling
//
// Documents are read with gjson without ever building a path from policy
// data: every object is walked with ForEach, numbers are kept as their
// JSON text, and syntax errors are located by re-reading the input with
// encoding/json only when it is invalid.
package policy
