// Package caseload reads authorization cases in the project's case format
// and writes their results as JSON.
//
// A case is one JSON object: a request (principal, action, resource,
// resourceAccount, context), the policies that take part (identityPolicies,
// resourcePolicy, permissionsBoundary, sessionPolicy, scps, rcps) and,
// optionally, name, rule, comment and the expected decision (expect). The
// format is the one of the project's design document, and the policies are
// AWS IAM policy documents as the IAM User Guide's "IAM JSON policy
// reference" describes them. Reading a case goes in this order:
//
//  1. Input: Load takes one object (which may span several lines) or JSON
//     Lines, one object per line; blank lines are skipped. The input is one
//     object when it is a single JSON value, or when its first line on its
//     own is not one.
//  2. JSON: a case must be valid UTF-8 and valid JSON, and an object. Every
//     object of the case is walked key by key (never decoded into a map),
//     so a duplicate field is an error and nothing is dropped silently;
//     unknown fields are errors too.
//  3. Policies: each policy is null (absent), a bare document, or
//     {"name": "...", "document": {...}}. Its raw JSON text, exactly as it
//     stands in the case, goes to policy.Parse with the kind of its field:
//     KindIdentity, KindResource (KindTrust when the case's action is
//     sts:AssumeRole*, sts:TagSession or sts:SetSourceIdentity: the
//     resource is then a role and its policy the trust policy), KindBoundary,
//     KindSession, KindSCP, KindRCP. Its Source is SRC and its positions'
//     Line and Column are the line and column in SRC (policy.WithOrigin),
//     so a reason or an error points into the case file itself; Offset
//     counts bytes of the policy's own text. Unnamed
//     policies are named identity[0], identity[1], ..., resourcePolicy,
//     permissionsBoundary, sessionPolicy, scps[LEVEL][INDEX] and
//     rcps[LEVEL][INDEX].
//  4. Request: context values are a string (single-valued, Context.Set) or
//     a list of strings (multivalued, Context.SetMulti, even with one
//     element); JSON numbers and booleans are taken as their text; keys
//     differing only in case are an error. resourceAccount, when absent,
//     is the account of the resource ARN ("" for "*"; the evaluator then
//     uses the principal's account).
//  5. Errors: a case with any problem keeps what could be read and has Err
//     set (a *Error; for a policy that does not parse, its Err is the
//     policy.ErrorList). Such a case must expect "Error"; Run never
//     evaluates it.
//
// Output and NewOutput give a result's JSON form, with the policy types'
// short names ("identity", "resource", "boundary", "session", "scp",
// "rcp").
package caseload
