// Package examples holds lambdaiam's bundled examples: policies a real team
// writes for AWS Lambda, with case files of the decisions AWS makes on them.
// Each directory is one topic of the Lambda Developer Guide's chapter on
// permissions, with a README, its policies under policies/, a cases.jsonl
// whose cases name those policy files and carry the expected decision, and
// runnable Examples:
//
//   - execution-role: the trust policy, logging, VPC access, an SQS event
//     source mapping's reads, X-Ray;
//   - resource-policies: cross-account invoke, S3 and SNS triggers with
//     aws:SourceArn and aws:SourceAccount, an organization grant, function
//     URLs with AuthType NONE and AWS_IAM, layer versions shared with an
//     account and with an organization;
//   - identity-policies: the managed read-only and full-access shapes, a
//     developer policy scoped by ${aws:username}, own-account layers only,
//     iam:PassRole limited by iam:PassedToService;
//   - resources-and-conditions: the qualifier table, function URL auth
//     types, the VPC keys, tag-based access;
//   - permissions-boundaries: an application's boundary and a developer who
//     may create only roles that carry it.
//
// quickstart is the example the lambdaiam command evaluates when it is
// given no file; its cases carry their policies inline. Every expectation
// runs in go test, and in "lambdaiam test examples".
package examples

import "embed"

// Quickstart is the quickstart example: policies/ holds an execution role's
// identity policy, a function alias's resource-based policy and two levels of
// service control policies; cases.jsonl holds requests against them, each
// with the decision AWS makes. The cases name the policy files by path,
// relative to the case file.
//
//go:embed quickstart/cases.jsonl quickstart/policies/*.json
var Quickstart embed.FS

// QuickstartCases is the name of the quickstart case file inside Quickstart.
const QuickstartCases = "quickstart/cases.jsonl"
