package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/examples"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

const bundledIntro = `No case file given: evaluating the bundled example (examples/quickstart).
A worker role in account 444455556666 calls the orders-api function in account 111122223333.
Its identity policy allows invoking orders-api:* (every alias and version, not the function
itself); the prod alias's resource-based policy names the worker's account, for callers in
the organization; two SCP levels sit above the worker's account, the second forbidding deletes.
Each case shows the decision AWS makes and the statements that decide it.

`

func runEval(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonOut := fs.Bool("json", false, "write the results as one JSON array")
	jsonlOut := fs.Bool("jsonl", false, "write one JSON result per line, in input order")
	failOnDeny := fs.Bool("fail-on-deny", false, "exit 1 when any case is denied")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: lambdaiam eval [--json|--jsonl] [--fail-on-deny] [FILE|-]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *jsonOut && *jsonlOut {
		fmt.Fprintln(stderr, "lambdaiam eval: --json and --jsonl exclude each other")
		return 2
	}
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "lambdaiam eval: give at most one FILE (or - for standard input)")
		return 2
	}

	var (
		data    []byte
		src     string
		err     error
		bundled bool
	)
	switch {
	case fs.NArg() == 0:
		bundled = true
		src = "examples/" + examples.QuickstartCases
		data, err = examples.Quickstart.ReadFile(examples.QuickstartCases)
	case fs.Arg(0) == "-":
		src = "<stdin>"
		data, err = io.ReadAll(io.LimitReader(stdin, maxFileSize+1))
		if err == nil && len(data) > maxFileSize {
			err = fmt.Errorf("input is over the %d-byte limit", maxFileSize)
		}
	default:
		src = fs.Arg(0)
		data, err = readLimited(src)
	}
	if err != nil {
		fmt.Fprintf(stderr, "lambdaiam eval: %s: %v\n", src, err)
		return 2
	}

	var loadOpts []caseload.Option
	switch {
	case bundled:
		loadOpts = append(loadOpts, caseload.WithFS(examples.Quickstart, "quickstart"))
	case src == "<stdin>":
		loadOpts = append(loadOpts, caseload.WithDir("."))
	default:
		loadOpts = append(loadOpts, caseload.WithDir(filepath.Dir(src)))
	}
	cases, err := caseload.Load(data, src, loadOpts...)
	if err != nil {
		fmt.Fprintf(stderr, "lambdaiam eval: %v\n", err)
		return 2
	}
	if bundled && !*jsonOut && !*jsonlOut {
		fmt.Fprint(stdout, bundledIntro)
	}

	status := 0
	var outs []caseload.Output
	for i := range cases {
		c := &cases[i]
		out := caseload.Evaluate(c)
		if out.Error != nil && c.Expect != "Error" {
			status = 2
		}
		if *failOnDeny && out.Decision != evaluate.Allow.String() && status == 0 {
			status = 1
		}
		switch {
		case *jsonlOut:
			enc := json.NewEncoder(stdout)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(out); err != nil {
				fmt.Fprintf(stderr, "lambdaiam eval: %v\n", err)
				return 2
			}
		case *jsonOut:
			outs = append(outs, out)
		default:
			writeText(stdout, c, out)
		}
	}
	if *jsonOut {
		if outs == nil {
			outs = []caseload.Output{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(outs); err != nil {
			fmt.Fprintf(stderr, "lambdaiam eval: %v\n", err)
			return 2
		}
	}
	return status
}

// writeText prints one case's result for a person: the decision, then one
// line per reason with the deciding policy's position.
func writeText(w io.Writer, c *caseload.Case, out caseload.Output) {
	name := c.Name
	if name == "" {
		name = fmt.Sprintf("case at %s:%d", c.Source, c.Line)
	}
	fmt.Fprintf(w, "%s\n", name)
	if c.Request.Principal != "" || c.Request.Action != "" {
		fmt.Fprintf(w, "  %s → %s on %s\n", c.Request.Principal, c.Request.Action, c.Request.Resource)
	}
	if out.Error != nil {
		fmt.Fprintf(w, "  error: %s\n", indent(*out.Error))
	} else {
		fmt.Fprintf(w, "  decision: %s", out.Decision)
		if c.Expect != "" {
			mark := "as expected"
			if c.Expect != out.Decision {
				mark = "EXPECTED " + c.Expect
			}
			fmt.Fprintf(w, " (%s)", mark)
		}
		fmt.Fprintln(w)
	}
	for _, r := range out.Reasons {
		var b strings.Builder
		if t := longTypes[r.Type]; t != "" {
			b.WriteString(t)
		}
		if r.Policy != "" {
			fmt.Fprintf(&b, " %q", r.Policy)
		}
		if r.Statement >= 0 {
			fmt.Fprintf(&b, ", statement %d", r.Statement)
			if r.Sid != "" {
				fmt.Fprintf(&b, " (Sid %q)", r.Sid)
			}
		}
		if r.Position != "" {
			b.WriteString(", at " + r.Position)
		}
		if b.Len() > 0 {
			fmt.Fprintf(w, "  - %s\n    %s\n", strings.TrimSpace(b.String()), r.Message)
		} else {
			fmt.Fprintf(w, "  - %s\n", r.Message)
		}
	}
	fmt.Fprintln(w)
}

// longTypes names the policy types of the JSON output as AWS's messages do.
var longTypes = map[string]string{
	"identity": "identity-based policy",
	"resource": "resource-based policy",
	"boundary": "permissions boundary",
	"session":  "session policy",
	"scp":      "service control policy",
	"rcp":      "resource control policy",
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n    ") }
