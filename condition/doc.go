// Package condition evaluates the Condition element of IAM policies: the
// condition operators, ...IfExists, the ForAllValues: and ForAnyValue: set
// qualifiers, the request context and policy variables.
//
// It follows the IAM User Guide pages "IAM JSON policy elements: Condition
// operators", "IAM JSON policy elements: Condition", "Single-valued vs.
// multivalued context keys", "IAM policy elements: Variables and tags" and
// "AWS global condition context keys"; the rule numbers (C1–C6, D1–D6,
// G.n) are those of the project's semantics spec.
//
// # Building
//
// ParseOperator reads an operator name, case-sensitively (G8): a name
// that differs from a real one only in case is an error with a hint. Null
// takes neither IfExists nor a set qualifier. CheckValue checks one policy
// value at parse time; Compile parses an operator, a key and its values
// once into a Cond, failing with the same *ValueError on the same values:
//
//   - Numeric: [+-]digits[.digits], compared exactly as decimals (no
//     floating point, no exponent).
//   - Date: epoch seconds (only ASCII digits), or YYYY-MM, YYYY-MM-DD,
//     YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD,
//     YYYY-MM-DDThh:mm:ss.fTZD with TZD Z or ±hh:mm (C4.5); instants are
//     compared.
//   - Bool and Null: "true" or "false", in any case.
//   - BinaryEquals: standard padded base64; bytes are compared.
//   - IpAddress, NotIpAddress: a CIDR or a bare address (C4.8).
//   - String and ARN operators: text; with variables (Version
//     "2012-10-17") a Template of ${...} elements (D1–D5). A ${ in a
//     value of any other operator is an error (C3).
//
// # Request
//
// A Context holds the request's keys, lower-cased (C6), each with a single
// value or a multivalued set. An Env adds the request time and defaults
// derived from the principal; it is what Cond.Eval and Template.Expand
// read. A key is multivalued when the built-in table (MultivaluedKey,
// the ArrayOf… keys of the global and Lambda condition keys) or
// Options.Multivalued says so, or when the request supplies it as a list
// (Context.SetMulti, or NewContext with other than one value). Any other
// key, including every unknown key with one value, is single-valued.
//
// # Evaluation
//
// Cond.Eval applies, in order: Null (presence only); the set qualifier
// (ForAllValues: true on a missing or empty key, ForAnyValue: false); the
// missing-key table of C2 for plain operators (IfExists and negated
// operators true, others false); the multivalued-key rule; then the base
// operator, where several policy values are OR for positive operators and
// NOR for negated ones (C1). A variable that does not resolve matches no
// value (D3), so it makes a positive operator false and a negated one
// true. A substituted value is literal text: a * or ? in it is no
// wildcard (D5).
//
// # Choices
//
// AWS does not document these behaviours ([U]); the package picks the
// spec's defaults. Those marked (Options) can be changed per Compile.
//
//   - An operator without a set qualifier on a multivalued key is false,
//     positive or negated, with or without IfExists (C5; Options
//     PlainOnMultivalued).
//   - An empty multivalued set is present, not missing, for every
//     operator but Null and the set qualifiers: a plain operator, even
//     with IfExists, is then false under the rule above.
//   - ForAnyValue:…IfExists on a missing key is false (C2, G.38; Options
//     ForAnyValueIfExistsMissing).
//   - Null counts an empty multivalued set as absent; an empty string is
//     present (C4.9; Options NullEmptySetPresent).
//   - A bare IPv6 address in a policy is a /128 (C4.8; Options
//     BareIPv6Slash32). A bare IPv4 address is a /32 [D].
//   - An IPv4-mapped IPv6 request address (::ffff:a.b.c.d) is IPv6: it
//     never matches an IPv4 prefix (Options UnmapIPv4Mapped). Zoned
//     request addresses match nothing. An IPv4 value is never inside an
//     IPv6 prefix or the reverse.
//   - An unresolved variable in a negated operator's value matches
//     nothing, so the operator is true unless another value matches (D3;
//     Options UnresolvedNegatedNoMatch).
//   - A Date value of only digits is epoch seconds ("2024" is
//     1970-01-01T00:33:44Z), fractional and millisecond epochs are
//     rejected, a date without a time is midnight UTC, and a time needs a
//     zone designator.
//   - StringEqualsIgnoreCase compares as strings.EqualFold does, except
//     that bytes that are not valid UTF-8 compare by value.
//   - A policy variable in a Bool value is an error, as in every operator
//     but String and ARN ones (C3).
//   - A multivalued key used as a variable does not resolve; a default,
//     when given, is then used, as for a missing key (D2, D4). A default
//     is any text without a single quote and is inserted literally.
//   - A malformed ${...} element (no closing brace, empty name, bad
//     default) is an error, not literal text.
//   - A request value that its operator's family cannot read (a
//     non-number for Numeric, a non-date, a non-address, non-base64,
//     neither "true" nor "false") satisfies neither the operator nor its
//     negation (C4.4 [O]).
//   - Keys of a NewContext map that differ only in case are applied in
//     byte order; the last wins (C6).
//   - aws:CurrentTime and aws:EpochTime, when the context lacks them,
//     come from Env.Time truncated to the second; Date operators use the
//     instant directly, String operators its text (RFC 3339 in UTC, or
//     decimal seconds).
package condition
