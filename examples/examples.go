// Package examples holds lambdaiam's bundled examples: policies a real team
// writes for AWS Lambda, with case files of the decisions AWS makes on them.
// Each directory is one topic; quickstart is the one the lambdaiam command
// evaluates when it is given no file.
package examples

import "embed"

// Quickstart is the quickstart example: policies/ holds an execution role's
// identity policy, a function alias's resource-based policy and two levels of
// service control policies; cases.jsonl holds requests against them, each
// with the decision AWS makes.
//
//go:embed quickstart/cases.jsonl quickstart/policies/*.json
var Quickstart embed.FS

// QuickstartCases is the name of the quickstart case file inside Quickstart.
const QuickstartCases = "quickstart/cases.jsonl"
