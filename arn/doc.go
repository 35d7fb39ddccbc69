// Package arn parses, formats and matches Amazon Resource Names, with the
// Lambda resource types and the rules IAM applies when it matches policy
// patterns against them.
//
// It follows these AWS documentation pages: in the IAM User Guide, "IAM
// identifiers" (its section on ARNs, also published as "Amazon Resource
// Names (ARNs)"), "IAM JSON policy elements: Resource" and "IAM JSON policy
// elements: Condition operators" (ARN condition operators); in the Lambda
// Developer Guide, the page on the resources and conditions of Lambda
// actions ("Fine-tuning the Resources and Conditions sections of
// policies"); and in the Lambda API Reference, the FunctionName and
// Qualifier parameters of Invoke and GetFunction.
//
// # ARNs
//
// Parse accepts "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE": the
// literal prefix "arn", then at least five more colon-separated parts, the
// resource being everything after the fifth colon (colons included). The
// partition must be non-empty and consist of a–z and '-'; an unknown
// partition parses, and KnownPartition reports whether it is one of
// AWS's. The service is non-empty; the service, region and account consist
// of a–z, 0–9 and '-', and the region and the account may be empty (IAM and
// S3 ARNs); the resource is non-empty valid UTF-8 without control
// characters. Inputs are limited to MaxLength bytes. Errors are
// *ParseError values with a stable ErrorCode and a byte offset. Parse
// never rewrites its input, so String gives back exactly the parsed text.
//
// # Lambda resources
//
// ResourceOf and KindOf classify a Lambda ARN: function (unqualified, a
// numeric version, an alias or $LATEST), layer, layer version, event
// source mapping, code signing config, durable execution, capacity
// provider, network connector and microVM image. Names are checked as
// Lambda checks them: a function name is 1–64 characters of a–z, A–Z,
// 0–9, '-' and '_'; a qualifier is "$LATEST", a version of decimal digits,
// or an alias of up to 128 name characters that is not all digits.
//
// ResolveFunction expands the references the Lambda API accepts (a bare
// name, NAME:QUALIFIER, ACCOUNT:function:NAME[:QUALIFIER] or a function
// ARN, plus a separate Qualifier parameter) into the ARN IAM authorizes:
// the region of the endpoint, the caller's account unless the reference
// names one, and the qualified ARN whenever a qualifier is given either
// way. $LATEST given explicitly counts as a qualifier, so a policy on
// "function:f" does not cover a request for "f:$LATEST".
//
// # Resource patterns
//
// Pattern implements the Resource and NotResource element (in order):
// "*" alone matches everything; otherwise the pattern splits at its first
// five colons; in the first five parts a '*' that ends its part may match
// across colons, while any other '*' and every '?' stay within the part;
// in the resource part '*' and '?' match any characters, ':' and '/'
// included; matching is anchored and case-sensitive. Patterns with fewer
// than six parts are padded with "*" parts, match nothing, or are
// rejected, as a ShortMode says.
//
// # ArnLike and ArnEquals
//
// MatchLike implements both operators, which behave the same: pattern and
// value are split into six components at their first five colons and each
// component is globbed on its own, case-sensitively; the sixth keeps its
// colons. A value (or pattern) with fewer than six components never
// matches. Unlike a Resource pattern, a '*' in the region component cannot
// reach into the account.
//
// Matching does not allocate and uses no regular expression; for a given
// pattern its time grows linearly with the input (never exponentially).
package arn
