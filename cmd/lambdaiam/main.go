// Command lambdaiam answers whether a request to AWS Lambda would be
// allowed by a set of IAM policies, and why, using the lambdaiam library.
//
// Usage:
//
//	lambdaiam eval [--json|--jsonl] [FILE|-]
//	lambdaiam validate [--kind K] [--json] POLICY.json...
//
// eval reads cases in the case format (one JSON object, or JSON Lines) and
// prints each case's decision and the reasons for it. With no FILE it
// evaluates the bundled quickstart example and explains the result; it
// reads standard input only when given "-".
//
// validate checks policy documents against IAM's grammar and size limits and
// prints one line per problem as file:line:col: pointer: message.
//
// Exit status: 0 done; 1 a deny when --fail-on-deny is given; 2 bad input or
// usage.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `lambdaiam answers whether a request to AWS Lambda would be allowed, and why.

Usage:
  lambdaiam eval [--json|--jsonl] [--fail-on-deny] [FILE|-]
        evaluate cases (a JSON object or JSON Lines); with no FILE, the bundled example
  lambdaiam validate [--kind K] [--json] POLICY.json...
        check policies against IAM's grammar and size limits
        (K: auto, identity, resource, boundary, session, scp, rcp, trust)

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
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "lambdaiam: unknown command %q\n\n%s", args[0], usage)
	return 2
}
