// Package difftest generates random Lambda authorization cases and compares
// lambdaiam's decisions on them with those of an independent reference
// evaluator (TestDifferential).
//
// The generator (Generate, GenerateCase) is deterministic: case k of a run
// is built from its own seed, first+k, with math/rand/v2, so a case that
// exposes a difference can be rebuilt from its seed alone. It writes cases
// in the JSON Lines case format that internal/caseload reads and that the
// CLI accepts, and builds each one in this order:
//
//  1. a partition (mostly aws; aws-cn and aws-us-gov with every ARN of the
//     case moved together);
//  2. an action and the resource AWS authorizes for it: functions with and
//     without qualifiers (version, alias, $LATEST), layers, layer versions,
//     event source mappings, code signing configs, the "*" resource of
//     actions without a resource type, iam:PassRole and sts:AssumeRole on
//     role ARNs;
//  3. a principal: an IAM user, an assumed-role session (roles with and
//     without a path), an IAM role ARN, a federated user, a service
//     principal, the anonymous caller or, for sts:AssumeRole only, an
//     account root; in the resource's account or in another one;
//  4. a request context: every principal-derived key AWS would set (rule
//     D6) is written out explicitly, then tags, organization keys, network,
//     time, Boolean, binary and Lambda-specific keys, each present or absent
//     and drawn from small value domains so that policies both match and
//     miss; a few key names are respelled in another case (C6);
//  5. policies: identity policies, a resource-based policy (function,
//     layer-version or role trust policy), a permissions boundary, a
//     session policy and service control policies over one to three
//     organization levels, with Action/NotAction patterns, per-segment
//     Resource/NotResource wildcards, Principal/NotPrincipal forms and
//     conditions from every operator family, with IfExists and the
//     ForAnyValue/ForAllValues qualifiers, policy variables with and
//     without defaults and the special variables ${*}, ${?}, ${$} under
//     Version 2012-10-17, and documents under 2008-10-17 or without Version.
//
// Every generated case is valid input, and the generator stays clear of
// the shapes where the reference evaluator is known to answer wrongly or
// to answer a question the specification leaves open (rule ids refer to
// the project's semantics specification):
//
//   - duplicate keys and every other invalid policy (section A);
//   - policy variables outside 2012-10-17 documents (D1); unresolvable
//     variables in negated operators or NotResource (D3); special
//     variables outside StringLike (D5); variable defaults other than
//     letters, digits, '-', '_' and '.' (D4); substituted values with * or ?;
//   - epoch and ISO 8601 dates mixed in one comparison (C4.5);
//   - "/0" CIDRs, bare addresses of the other family than the request's,
//     and bare IPv6 addresses with upper-case hex digits (C4.8);
//   - single-valued operators on multivalued keys (C5), Null on an empty
//     multivalued set (C4.9), lists for single-valued keys;
//   - federated users without a session policy (E3); SCPs with service
//     principals or anonymous callers (E3, E6); RCPs; the root user outside
//     sts:AssumeRole (E3); non-amazonaws.com service principals (F6);
//     same-account grants to "*", the calling session or federated user
//     while a session policy is present (E4); boundaries, session policies
//     and "*" principals in sts:AssumeRole cases (E3a);
//   - NotPrincipal lists naming only some levels of the caller's identity
//     (M4);
//   - provisioned concurrency actions (F3); context keys the Service
//     Authorization Reference does not list for the action;
//   - Resource patterns whose segment-final "*" could match differently
//     depending on whether it may reach across a colon (M3.2).
package difftest
