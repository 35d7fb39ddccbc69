// Package evaluate decides AWS authorization requests for AWS Lambda the
// way AWS does, and says why.
//
// It follows the IAM User Guide pages "Policy evaluation logic" (the
// enforcement code logic), "Cross-account policy evaluation logic" and
// "IAM JSON policy elements" (Action, Resource, Principal, NotPrincipal),
// with the rule numbers of the project's semantics spec (E1–E8, M2–M4,
// D6, G.*) cited below.
//
// # Use
//
// Parse each policy with package policy, Compile the set once, and
// evaluate any number of requests against it:
//
//	set, err := evaluate.Compile(evaluate.Policies{Identity: ...})
//	res := set.Evaluate(evaluate.Request{Principal: ..., Action: ..., Resource: ...})
//
// A *Set is immutable and safe for concurrent use. Evaluate returns the
// decision with its reasons; Decide returns only the decision and
// allocates nothing in the common case (a request whose principal-derived
// keys need no building and whose Resource entries have no policy
// variables). Evaluate (the function) is a one-off Compile plus Evaluate.
//
// # Compile
//
// Compile checks that each document's kind fits its slot (an identity
// policy among Identity, a resource or role trust policy as Resource, and
// so on) and lowers every statement: action patterns are lower-cased and
// split into glob tokens; Resource entries become arn.Pattern values (an
// entry with policy variables after its fifth colon, under Version
// 2012-10-17, becomes a template expanded per request; a "${" before the
// fifth colon is literal text, rule D2); principals are classified;
// conditions are compiled with condition.Compile.
//
// # How a request is matched quickly
//
// None of this changes an answer; TestPlainAgrees checks each against
// evaluation without it.
//
//   - Each policy's statements are stored as its Deny statements, then its
//     Allow statements, so each group is a range of statement numbers.
//   - The action index maps each action name to the statements whose
//     Action element could apply to it: the names the policies write, and
//     the catalogued names of every service a pattern ("lambda:Get*") is
//     written for, each with the patterns matched against it at Compile
//     and with the statements tested for every request ("*", NotAction,
//     patterns with wildcards in the service) settled for that name. A
//     request looks its action up once (a hash of the lower-cased name)
//     and walks one list; statements that cannot apply are never visited,
//     so 100,000 statements for other actions add nothing to a request.
//     Budgets keep Compile linear: past them, a name's list holds the
//     statements to test instead of their settled answer.
//   - In the resource policy, a principal index gives the statements
//     whose Principal could name the caller (by service name or account,
//     plus those with "*" or no Principal); the request walks whichever
//     of its two lists is shorter.
//   - A Resource element or condition that appears in several statements
//     is answered once per request (the memo), the condition keys read
//     most are looked up once per request (condition.Env key slots), and a
//     statement with a condition that a missing key makes false is skipped
//     as soon as the key is known to be missing.
//
// # Statement applicability (E1)
//
// A statement applies to a request when all of these hold; they are
// checked in this order, cheapest first:
//
//  1. its Action list names the action, or its NotAction list does not
//     (M2: the service prefix and the name glob compare without regard to
//     case);
//  2. its Principal matches the caller, or its NotPrincipal does not (M4);
//  3. its Resource list matches the resource, or its NotResource list does
//     not (M3); a statement without either (a role trust policy) matches
//     every resource. A request resource of "*" is matched only by the
//     literal entry "*". The actions that have no resource type in the
//     service catalog (lambda:ListFunctions, lambda:GetAccountSettings,
//     ec2:DescribeSubnets, xray:PutTraceSegments, ... M3.4) are always
//     matched as "*", whatever resource the request names, so only a
//     statement whose Resource lists the literal "*" grants or denies
//     them; actions the catalog does not know follow the ordinary rules. A Resource entry whose variables
//     have no value matches nothing (D3);
//  4. every condition holds (section C).
//
// # Principals (M4, E4)
//
// The request's principal is one of: an IAM user ARN, an IAM role ARN
// (taken as some session of that role), an assumed-role session ARN
// (arn:aws:sts::A:assumed-role/ROLE/SESSION), a federated-user ARN, an
// account root ARN, a service principal (a name without ':' ending in
// .amazonaws.com, .amazonaws.com.cn, .amazon.com, .c2s.ic.gov or
// .sc2s.sgov.gov, such as s3.amazonaws.com or alexa-appkit.amazon.com) or
// "anonymous". A Principal entry matches as follows, and a statement
// matches at the strongest level of its entries:
//
//   - "*" (or {"AWS": "*"}): everyone; a direct grant.
//   - an account ID or an account root ARN: every IAM principal of that
//     account (never a service or the anonymous caller); an account-level
//     grant, which delegates to the account's identity policies.
//   - a user ARN: that user; direct.
//   - a role ARN: the role and each of its sessions (the role's path is
//     ignored: session ARNs do not carry it); a role-level grant, capped by
//     the permissions boundary and the session policy.
//   - an assumed-role session ARN or a federated-user ARN: exactly that
//     session; direct.
//   - {"Service": ...}: that service principal, compared exactly; direct.
//   - Federated, CanonicalUser and unrecognised AWS values (unique IDs):
//     never match.
//
// A NotPrincipal entry list exempts a caller only when it names every level
// of the caller's identity: the account (ID or root ARN) and the user, or
// the account and the role, or the account, the role and the session, or
// the account and the federated user; a service by its name; the
// anonymous caller only by "*". A NotPrincipal with Deny always applies to
// a caller that has a permissions boundary (G.22).
//
// A grant to "*" whose statement has a condition on aws:PrincipalArn is
// always direct (E4). A grant to "*" without one is direct by default;
// WithWildcardGrant can cap it.
//
// # The algorithm (E3, E3a, E3b, E5, E6, E7)
//
// Evaluation runs these steps in order; the first that decides ends it.
//
//  0. The request is checked: a principal of a form listed above, an action
//     "service:Name", and a resource that is "*" or an ARN. Anything else
//     is ImplicitDeny with Result.Err set (an *Error); evaluation never
//     allows on an error. ResourceAccount defaults to the resource ARN's
//     account, or, for "*" and ARNs without an account (S3 buckets), to
//     the principal's account.
//  1. sts:GetCallerIdentity by any caller but the anonymous one: Allow,
//     whatever any policy says (E3b).
//  2. Explicit deny (E3.1): an applicable Deny statement in any policy that
//     takes part gives ExplicitDeny. RCPs take part when they govern the
//     action's service (WithRCPServices; Lambda is not RCP-supported) and
//     the resource is not in the management account. SCPs take part for
//     IAM principals (not for service principals or the anonymous caller),
//     except principals of the management account (WithManagementAccount)
//     and, with WithServiceLinkedRoleExemption, service-linked roles. The
//     resource policy always takes part; identity policies, the boundary
//     and the session policy take part for IAM principals. Across accounts
//     this covers both sides (E5).
//  3. RCP levels (E3.2): with WithRCPAllowRequired, each level must have an
//     applicable Allow, else ImplicitDeny ("no resource control policy
//     allows"). By default each level is taken to hold RCPFullAWSAccess,
//     which AWS attaches to every level, so RCPs only deny.
//  4. A service principal (E6) or the anonymous caller (E7) has no
//     identity side: the resource policy must have an applicable Allow
//     naming it (for the anonymous caller that can only be "*"); identity
//     policies, boundaries, session policies and SCPs play no part.
//  5. The root user cannot assume roles: sts:AssumeRole* by an account root
//     is ImplicitDeny.
//  6. Across accounts (the principal's account is not ResourceAccount,
//     E5): the resource policy must have an applicable Allow at any level
//     (account, role, user, session or "*"), else ImplicitDeny ("no
//     resource-based policy allows"); then the principal's side must allow
//     on its own: every SCP level, then steps 9–11. The resource policy
//     never substitutes for the principal's side.
//  7. In the same account, every SCP level must have an applicable Allow
//     (E3.3), else ImplicitDeny ("no service control policy allows").
//  8. The resource policy (E3.4, E4): a direct grant gives Allow; a
//     role-level grant gives Allow when the boundary (if any) and the
//     session policy (if any) allow, else ImplicitDeny; a "*" grant capped
//     by WildcardCappedBySession gives Allow when the session policy (if
//     any) allows, else ImplicitDeny; an account-level grant does nothing
//     by itself. For the actions a role trust policy
//     governs (sts:AssumeRole, sts:AssumeRoleWithSAML,
//     sts:AssumeRoleWithWebIdentity, sts:TagSession,
//     sts:SetSourceIdentity; E3a) the trust policy must match the caller:
//     without a match the result is ImplicitDeny ("no resource-based policy
//     allows"), and an account-level match goes on to step 9.
//  9. Identity-based policies (E3.5): one must have an applicable Allow,
//     else ImplicitDeny. The root user needs none: it has full access by
//     default.
//  10. Permissions boundary (E3.6): a principal with one (never the root
//     user) needs it to allow, else ImplicitDeny.
//  11. Session policy (E3.7): for a role, a role session or a federated
//     user, a session policy must allow, else ImplicitDeny; a federated
//     user without one (GetFederationToken without a policy) is denied
//     (G.30). Other principals have no session policy.
//  12. Allow.
//
// # Derived context keys (D6)
//
// Before evaluation these keys are added as defaults, used only when the
// request's Context does not hold the key (the caller's values win):
//
//   - aws:PrincipalArn: the principal's ARN for the root user, users,
//     roles and federated users; for a role session, the role's ARN
//     arn:PARTITION:iam::ACCOUNT:role/NAME, built without a path because
//     the session ARN does not carry it (callers whose roles have paths
//     pass the key in the context). Absent for services and anonymous.
//   - aws:PrincipalAccount: the principal's account, for IAM principals.
//   - aws:PrincipalType: "Account" (root), "User", "AssumedRole" (role or
//     role session), "FederatedUser", "Anonymous"; absent for services.
//   - aws:username: the user's name, for IAM users only.
//   - aws:userid: the account ID for the root user, ACCOUNT:NAME for a
//     federated user, "anonymous" for the anonymous caller; absent where
//     it would be a unique ID (users, roles) that the ARN does not reveal.
//   - aws:PrincipalIsAWSService: "true" for service principals, "false"
//     for IAM principals; absent for the anonymous caller.
//   - aws:PrincipalServiceName: the service principal's name.
//
// aws:CurrentTime and aws:EpochTime come from Request.Time (through
// condition.Env) when the Context lacks them and the Time is not zero.
// Nothing else is derived: tags, organization IDs and aws:SourceIp come
// only from the Context. aws:PrincipalArn for a role session and aws:userid
// for a federated user are built only when some policy of the set reads
// them (in a condition key or a policy variable), since building them
// allocates.
//
// # Reasons (E8)
//
// Evaluate explains its decision with Reasons in a stable order:
//
//   - ExplicitDeny: every applicable Deny statement, in the order RCPs,
//     SCPs, resource policy, identity policies, boundary, session policy,
//     each with the AWS message "User: P is not authorized to perform: A on
//     resource: R with an explicit deny in a TYPE".
//   - Allow: the applicable Allow statements of every policy type the
//     decision needed, in the order the steps above consulted them.
//   - ImplicitDeny: the applicable Allow statements of the types that did
//     allow, then one reason for the first type that failed, with Statement
//     -1 and the AWS message "... because no TYPE allows the A action"
//     (for an SCP or RCP level, Policy lists the level's policies).
//
// Decide produces no reasons and allocates none.
//
// # Options
//
//   - WithManagementAccount(id): SCPs skip the management account's
//     principals; RCPs skip its resources.
//   - WithServiceLinkedRoleExemption(): SCPs skip service-linked roles.
//   - WithRCPServices(prefixes...): the services RCPs govern (by default
//     the catalog's RCP-supported services; Lambda is not one of them).
//   - WithRCPAllowRequired(): every RCP level needs an Allow.
//   - WithWildcardGrant(mode): how a "*" grant without an aws:PrincipalArn
//     condition is capped: WildcardDirect (default), WildcardCappedBySession,
//     WildcardCapped.
//   - WithUnresolvedNotResource(mode): an unresolved variable in
//     NotResource matches nothing (UnresolvedMatchesNothing, default) or
//     drops the statement (UnresolvedDropsStatement) (D3).
//   - WithConditionOptions(o): the condition package's choices; unless o
//     sets Multivalued, which keys are multivalued comes from the catalog
//     (C5).
//   - WithWildcardOnlyActions(f): the actions that need a literal "*"
//     Resource (M3.4); by default the catalog's actions without a
//     resource type.
//   - WithMaxStatements(n), WithMaxConditionWork(n): bounds on a set's
//     statements (Compile refuses more) and on one evaluation's condition
//     work (the evaluation stops with ImplicitDeny and the error); see
//     Fail-closed. EvaluateContext also stops on a cancelled context.
//   - WithShortPatterns(mode): how Resource patterns with fewer than six
//     parts are read (M3.6); by default identity-side policies pad them,
//     resource policies let them match nothing and SCPs and RCPs reject
//     them at Compile.
//
// # Fail-closed
//
// No error, bound or fault can produce an Allow. Every evaluation, by
// Evaluate, EvaluateContext or Decide, ends in one function that returns
// ImplicitDeny with the error whenever the evaluation stopped, whatever the
// algorithm had reached; once stopped, no statement applies any more, so
// not even a Deny is skipped on the way to an Allow. The zero Decision is
// ImplicitDeny. The paths, each with a test in failclosed_test.go:
//
//   - Compile errors (CodeMissingDocument, CodePolicyKind,
//     CodeInvalidPolicy: a Resource pattern, a condition or an Effect that
//     cannot be compiled, a short pattern in an SCP or RCP): Compile
//     returns no Set, and the function Evaluate returns ImplicitDeny with
//     the error.
//   - A nil *Set, or a Set value not built by Compile: ImplicitDeny with
//     CodeNotCompiled, never a panic.
//   - An invalid request (step 0: CodeInvalidPrincipal, CodeInvalidAction,
//     CodeInvalidResource): ImplicitDeny before any policy is read.
//   - WithMaxStatements(n): a set of more than n statements is refused
//     with CodeLimit: Compile (and so the function Evaluate) does not
//     compile it; a Set over the bound, should one exist, denies every
//     request with the error.
//   - WithMaxConditionWork(n): an evaluation that needs more condition work
//     stops with CodeLimit, also when the work is a Deny's, whose skipping
//     would have allowed.
//   - EvaluateContext with a context that is done, on entry, during
//     evaluation (it is polled every few statements) or when the decision
//     is made: CodeCanceled, wrapping the context's error.
//   - A panic during evaluation, such as one in a function given to
//     WithWildcardOnlyActions: recovered as CodeInternal.
//
// Values that cannot be read are not errors, but they never grant: a
// request value that its operator cannot parse satisfies neither the
// operator nor its negation (C4.4), and a policy variable without a value
// matches nothing in Resource and in positive conditions (D3); an Allow
// that depends on either does not apply. Compile trusts a Document to have been
// checked by policy.Parse: a Document built by hand with an invalid Effect
// or condition value is rejected, but one that breaks other grammar rules
// (an identity statement without Resource, say) is compiled as written.
//
// # Not modelled
//
// VPC endpoint policies; the parent user of a federated-user session (a
// grant to the user ARN does not match the federated session);
// aws:PrincipalServiceNamesList; the identity of unique-ID principals.
package evaluate
