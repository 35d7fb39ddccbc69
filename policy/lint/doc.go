// Package lint finds statements in valid IAM policies that most likely do
// not do what their authors meant: grants that match nothing, conditions
// that are always true or always false, and grants wider than they look.
//
// It follows the IAM User Guide's "IAM JSON policy element reference"
// (Action, Resource, Principal, NotPrincipal, Condition, the condition
// operators and policy variables pages), "Single-valued vs. multivalued
// context keys", "The confused deputy problem", the Lambda Developer
// Guide's pages on resource-based policies and on fine-tuning the
// Resources and Conditions sections of policies, and the Service
// Authorization Reference through package catalog. Rule numbers (M3, C5,
// D2, F3, G12, ...) refer to the project's semantics spec.
//
// # Findings
//
// Check takes a document that policy.Parse accepted and returns Findings:
// warnings, never errors. Each has a stable Code, the JSON Pointer and
// position of the element or value it is about (a list entry written in
// an array has its own pointer, "/Statement/0/Resource/1"; a condition
// finding points at the condition key), a one-line message and a
// one-line fix. Findings are sorted by position, at most MaxFindings of
// them. All findings have the same weight: a program that wants to fail
// on some of them filters by Code.
//
// Checks that need to know what an action does use the catalog
// (catalog.Default unless WithCatalog says otherwise). They apply only to
// services the catalog describes in full; for an action of any other real
// AWS service lint says nothing, and a statement with such an action, with
// NotAction or with Action "*" is exempt from the checks that need the
// statement's whole action set (resource-type-mismatch,
// unsupported-condition-key). So a finding is a statement about the
// policy, not a guess; the package's tests check that the AWS managed
// policies for Lambda, as the spec's table F9 describes them, get none.
//
// # Codes
//
// One line per code, grouped by the part of a statement a check looks at.
//
// Actions (Action and NotAction entries):
//
//	unknown-service                   the service prefix is not an AWS service ("lamda:InvokeFunction")
//	unknown-action                    a catalogued service has no such action ("lambda:InvokeFunctions")
//	action-matches-nothing            a wildcard pattern matches no action of its service ("lambda:Describe*")
//	wildcard-only-action              an action authorized only against "*" (M3.4), with no "*" in Resource
//	allow-notaction                   Allow with NotAction grants every other action of every service (M2)
//
// Resources (Resource and NotResource entries):
//
//	resource-type-mismatch            the entry fits no resource type of the statement's actions (F4)
//	resource-type-wildcard            a wildcard in the ARN's resource-type token ("…:func*:orders", G12)
//	allow-notresource                 Allow with NotResource grants every other resource, in every account
//	unqualified-function-grant        an identity-side Allow to invoke function:NAME misses NAME:ALIAS (F3)
//	function-prefix-overmatch         an Allow on function:NAME* also covers functions NAME-admin, NAMEx (F3)
//	variable-in-arn-prefix            ${...} before the fifth colon is never substituted (D2)
//	resource-variable-absent          a variable whose key may be absent from the request (D3)
//	variable-in-old-version           ${...} under Version 2008-10-17 or none is literal text (D1)
//
// Conditions (each operator and key):
//
//	unknown-condition-key             an aws: key, or a key of a catalogued service, that does not exist
//	unsupported-condition-key         no action of the statement supports the key, so it is never present
//	operator-type-mismatch            the operator does not fit the key's type (NumericEquals on a String key)
//	set-operator-single-valued        ForAllValues: or ForAnyValue: on a single-valued key (C5, G.19)
//	plain-operator-multivalued        an operator without a set prefix on a multivalued key (C5)
//	forallvalues-without-null         ForAllValues: in an Allow with no "Null": {key: "false"} guard (C5, G.10)
//
// Principals:
//
//	notprincipal                      a Deny with NotPrincipal, which denies more than it seems to (M4, G.22)
//	service-principal-without-source  a function policy's service principal with no source condition (F6, G.9)
//	public-function                   a function policy's Allow to Principal "*" with no condition (E7)
//
// Statements, compared in pairs:
//
//	redundant-statement               another statement with the same effect covers this one
//	shadowed-statement                an unconditional Deny covers this Allow: it grants nothing
//
// # Details
//
// resource-type-mismatch: resource types and their ARN patterns come from
// the catalog; a ${Placeholder} stands for one or more characters other
// than ':' (any characters for an S3 ObjectName), and '*' is taken to
// cross colons, so the check errs towards "fits". A Lambda action on the
// "function" type also takes the qualified ARNs of versions and aliases
// (F3). The check applies only when every action of the statement is
// catalogued and some of them have resource types.
//
// resource-type-wildcard applies to the services whose ARNs start their
// resource part with a type token ("function:", "role/", "table/"); a '*'
// covering the whole resource part is fine.
//
// unqualified-function-grant applies to identity policies, boundaries,
// session policies and SCPs, for lambda:InvokeFunction, and only when no
// Allow statement of the policy grants it on NAME's qualified ARNs.
// function-prefix-overmatch takes a prefix that ends in '-' or '_'
// ("function:app-*") as meant, and reports only NAME* where NAME ends in a
// letter or digit.
//
// resource-variable-absent: a key every authenticated request carries
// (aws:PrincipalAccount, aws:PrincipalArn, aws:PrincipalType, aws:userid,
// aws:CurrentTime, aws:EpochTime, aws:RequestedRegion,
// aws:SecureTransport) always resolves, and so does a variable with a
// default or whose key the statement requires with "Null": {key:
// "false"}; any other variable may leave its entry matching nothing, or
// in NotResource excluding nothing, and a multivalued key never resolves.
// variable-in-old-version also covers condition values.
//
// unsupported-condition-key checks the keys of catalogued services and
// the tag keys aws:RequestTag/…, aws:ResourceTag/… and aws:TagKeys, which
// only some actions support; keys that a service sets for other services'
// requests (lambda:SourceFunctionArn) are exempt. operator-type-mismatch
// lets String keys take ARN operators (their values are often ARNs, as
// lambda:Layer's are), ARN keys String operators, and aws:EpochTime
// Numeric ones.
//
// notprincipal names the specific problem when a listed user, role or
// session lacks its account (or a session its role) in the list: AWS
// checks those too, so the Deny applies to the listed principal after
// all. Otherwise it says that a principal with a permissions boundary is
// denied whatever the list holds.
//
// service-principal-without-source accepts aws:SourceArn,
// aws:SourceAccount, aws:SourceOrgID, aws:SourceOrgPaths and
// lambda:EventSourceToken in the statement, or a Deny statement for the
// same service principal (or "*") with a negated operator on one of them.
// public-function applies to statements whose actions act on functions.
//
// redundant-statement and shadowed-statement decide coverage
// conservatively: an entry covers another when it is "*", is equal to it,
// matches it as a literal string, or is a literal prefix followed by one
// final '*'; principals must be listed alike or be "*"; statements with
// NotAction, NotResource or NotPrincipal are not compared. The pair
// checks stop after a fixed amount of work on documents with thousands of
// statements.
package lint
