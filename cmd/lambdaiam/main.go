// Command lambdaiam answers whether a request to AWS Lambda would be
// allowed by a set of IAM policies, and why, using the lambdaiam library.
//
// Usage:
//
//	lambdaiam eval [--format text|json|jsonl] [--fail-on-deny] [--account-details FILE] [FILE|-]
//	lambdaiam eval --caller-arn ARN --action-names A [--policy-input-list file://P]... [--output json]
//	lambdaiam test [--json] [-v] PATH...
//	lambdaiam validate [--kind K] [--json] [--strict] POLICY.json...
//	lambdaiam actions [--json] PATTERN...
//	lambdaiam access --principal P --resource R [--actions PATTERN] [--json] [CASEFILE]
//
// eval reads cases in the case format (one JSON object, or JSON Lines) and
// prints each case's decision and the reasons for it. With no FILE it
// evaluates the bundled quickstart example and explains the result; it
// reads standard input only when given "-".
//
// test runs the cases that carry "expect" in files and directories and ends
// with the line "N passed, N failed".
//
// validate checks policy documents against IAM's grammar and size quotas
// and prints one line per problem as file:line:col: pointer: message, then
// lint warnings.
//
// actions expands action patterns such as lambda:Get* from the service
// catalog; access prints, for every Lambda action that applies to a
// resource, the decision for a principal.
//
// Exit status: 0 done; 1 a failed test, a deny under eval --fail-on-deny,
// warnings under validate --strict, or an actions pattern that matches
// nothing; 2 bad input or usage.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

const usage = `lambdaiam answers whether a request to AWS Lambda would be allowed, and why.

Usage:
  lambdaiam eval [--format text|json|jsonl] [--fail-on-deny] [--account-details FILE] [FILE|-]
        evaluate cases (a JSON object or JSON Lines); with no FILE, the bundled example
  lambdaiam eval --caller-arn ARN --action-names A [--policy-input-list file://P]... [--output json]
        the same with the parameters of aws iam simulate-custom-policy
  lambdaiam test [--json] [-v] PATH...
        run the cases that carry "expect" (files or directories); last line "N passed, N failed"
  lambdaiam validate [--kind K] [--json] [--strict] POLICY.json...
        check policies against IAM's grammar and size limits, then lint them
        (K: auto, identity, resource, boundary, session, scp, rcp, trust)
  lambdaiam actions [--json] PATTERN...
        expand action patterns such as lambda:Get* from the service catalog
  lambdaiam access --principal P --resource R [--actions PATTERN] [--json] [CASEFILE]
        which Lambda actions P may perform on R, as a matrix by access level

Run "lambdaiam COMMAND -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return 0
	}
	switch args[0] {
	case "eval":
		return runEval(args[1:], stdin, stdout, stderr)
	case "validate":
		return runValidate(args[1:], stdout, stderr)
	case "test":
		return runTest(args[1:], stdout, stderr)
	case "actions":
		return runActions(args[1:], stdout, stderr)
	case "access":
		return runAccess(args[1:], stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "lambdaiam: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// parseFlags parses args into fs. ok is false when the command must end
// with code: 0 after -h (the usage is printed), 2 on a bad flag (with the
// error and the usage).
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	return 0, true
}

// orEmpty returns s, or an empty slice for nil, which JSON writes as []
// rather than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// writeJSON writes v to w as JSON indented by two spaces, leaving <, >
// and & as they are. (validate and actions write theirs with
// encoding/json's default HTML escaping, and simulate indents by four
// spaces, as aws does.)
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// columns returns a function that prints a row of four columns, the first
// three padded to the widest of rows, trailing spaces trimmed.
func columns(w io.Writer, rows [][3]string) func(a, b, c, d string) {
	var width [3]int
	for _, r := range rows {
		for k := range r {
			width[k] = max(width[k], len(r[k]))
		}
	}
	return func(a, b, c, d string) {
		s := fmt.Sprintf("%-*s  %-*s  %-*s  %s", width[0], a, width[1], b, width[2], c, d)
		fmt.Fprintln(w, strings.TrimRight(s, " "))
	}
}
