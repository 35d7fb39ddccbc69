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
//  3. Policies: each policy is null (absent), a bare document,
//     {"name": "...", "document": {...}}, or a reference to a policy file:
//     a string ("policies/dev.json") or {"name": "...", "file": "..."}.
//     A document's raw JSON text, exactly as it stands in the case, goes
//     to policy.Parse with the kind of its field:
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
//  4. Policy files: a reference is a slash-separated path relative to the
//     case file's directory (WithDir; WithFS for an fs.FS; LoadFile sets
//     it), never an absolute path. Without either option a reference is
//     an error. The file is parsed with the kind of its field and with
//     policy.EnvelopeAuto, so the output of Lambda's GetPolicy or a
//     URL-encoded document from IAM works as saved; its positions and
//     error pointers are in that file (Error.File names it). At most
//     policy.DefaultMaxBytes+1 bytes are read. An unnamed file policy is
//     named after its reference as written. Each file is read and parsed
//     once per Load.
//  5. Request: context values are a string (single-valued, Context.Set) or
//     a list of strings (multivalued, Context.SetMulti, even with one
//     element); JSON numbers and booleans are taken as their text; keys
//     differing only in case are an error. resourceAccount, when absent,
//     is the account of the resource ARN ("" for "*"; the evaluator then
//     uses the principal's account).
//  6. Errors: a case with any problem keeps what could be read and has Err
//     set (a *Error; for a policy that does not parse, its Err is the
//     policy.ErrorList). Such a case must expect "Error"; Run never
//     evaluates it.
//
// Directories: FindFiles walks a directory for case files, the files
// whose names end in ".jsonl", ".cases.json" or ".case.json"
// (IsCaseFileName); policy documents, which sit beside the cases as
// plain ".json" files, are never taken for cases. A file named directly
// is a case file whatever its name.
//
// Output and NewOutput give a result's JSON form, with the policy types'
// short names ("identity", "resource", "boundary", "session", "scp",
// "rcp").
package caseload
