// Package awsinput reads the inputs AWS's own tools produce or take, so
// that lambdaiam can be fed what a user already has: the output of
// `aws iam get-account-authorization-details`, and the parameters of
// `aws iam simulate-custom-policy`. It follows the IAM API Reference pages
// GetAccountAuthorizationDetails, SimulateCustomPolicy, ContextEntry and
// EvaluationResult. Its rules, in order:
//
// # Account details (A)
//
//   - A1 Input: ParseAccountDetails takes the JSON object the command
//     prints: UserDetailList, GroupDetailList, RoleDetailList and Policies
//     (each optional; other fields are ignored). It must be valid JSON, an
//     object, nested at most MaxDepth deep.
//   - A2 Documents: an inline policy's PolicyDocument and a managed policy
//     version's Document are either a URL-encoded string (as the IAM API
//     returns them; policy.EnvelopeURLEncoded) or a JSON object (as the
//     AWS CLI prints them). A document that does not parse is an error
//     naming its JSON pointer in the file. An object document keeps its
//     line and column in the file; a string document's positions are in
//     the decoded text, whose source is "FILE#POINTER".
//   - A3 Managed policies: a policy's document is its default version's
//     (IsDefaultVersion true, or the version whose VersionId is the
//     policy's DefaultVersionId). A policy attached to a principal but not
//     in Policies (the command was run with a --filter that left it out)
//     is an error, never silently dropped.
//   - A4 Principals: Lookup takes an IAM user ARN, an IAM role ARN or an
//     assumed-role session ARN arn:PARTITION:sts::ACCOUNT:assumed-role/NAME/SESSION
//     (the role NAME, whatever its path). Users and roles are matched by
//     account and name, so a role ARN written without its path still
//     finds the role. Any other principal (root, federated user, service,
//     anonymous) or a name the file does not hold is an error with
//     CodeUnknownPrincipal; Covers tells whether the file describes the
//     principal's account at all.
//   - A5 Identity policies, in this order: the principal's inline
//     policies, its attached managed policies, then for a user each group
//     of its GroupList in order, the group's inline then attached managed
//     policies. A managed policy reached twice is taken once. Inline
//     policies are named "user/NAME inline POLICY", "group/NAME inline
//     POLICY" or "role/NAME inline POLICY"; managed policies by their ARN.
//   - A6 Boundary: PermissionsBoundary.PermissionsBoundaryArn names a
//     managed policy of Policies, parsed as policy.KindBoundary and named
//     by its ARN.
//
// # simulate-custom-policy parameters (S)
//
//   - S1 Policy inputs (--policy-input-list,
//     --permissions-boundary-policy-input-list, --resource-policy): each
//     value is "file://PATH" (the file's content) or the document itself.
//     Content that is a JSON array of strings is a list of documents. Each
//     document is parsed with policy.EnvelopeAuto and named as AWS names
//     it in SourcePolicyId: "PolicyInputList.N" (1-based),
//     "PermissionsBoundaryPolicyInputList.N", "ResourcePolicy".
//   - S2 Lists (--action-names, --resource-arns): each value may hold
//     several items separated by commas or white space.
//   - S3 Context entries (--context-entries): the shorthand
//     "ContextKeyName=K,ContextKeyValues=V1,V2,ContextKeyType=T" (the
//     values may be bracketed, [V1,V2]) or the JSON form, one object or
//     an array of objects with the same three names. The name and at least
//     one value are required; the type defaults to string. A list type
//     (stringList, numericList, booleanList, ipList, binaryList,
//     dateList) makes the key multivalued; a scalar type takes exactly one
//     value. Values are checked against the type: numeric is a number,
//     boolean is true or false, ip an address or CIDR prefix, date an
//     ISO 8601 instant or epoch seconds, binary base64. A key given twice
//     is an error.
//   - S4 Results: Result turns one evaluation into an EvaluationResult as
//     simulate-custom-policy prints it: EvalActionName, EvalResourceName,
//     EvalDecision ("allowed", "implicitDeny" or "explicitDeny") and the
//     MatchedStatements (the statements of the reasons, each with its
//     SourcePolicyId and the StartPosition of the statement).
//
// Every error is an *Error with a stable Code.
package awsinput
