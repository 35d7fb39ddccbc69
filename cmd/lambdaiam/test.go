package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

// testResult is one case's outcome in `lambdaiam test --json`: the case's
// result in the form of `lambdaiam eval --json`, where it comes from, what
// it expects and whether it passed.
type testResult struct {
	caseload.Output
	File   string `json:"file"`
	Line   int    `json:"line"`
	Expect string `json:"expect"`
	Pass   bool   `json:"pass"`
}

// testReport is the whole output of `lambdaiam test --json`. Cases without
// "expect" are not run and appear only in Skipped; Errors lists the paths
// that could not be read as case files.
type testReport struct {
	Passed  int          `json:"passed"`
	Failed  int          `json:"failed"`
	Skipped int          `json:"skipped"`
	Errors  []string     `json:"errors,omitempty"`
	Results []testResult `json:"results"`
}

// runTest is `lambdaiam test [--json] [-v] PATH...`: it runs every case
// that carries "expect" in the case files named, and in the case files
// found under the directories named (caseload.FindFiles: *.jsonl,
// *.cases.json, *.case.json), and compares each result with the
// expectation. Text output lists each failure with its request, the
// decision and the reasons, and ends with the line "N passed, N failed".
// Exit status: 0 when every case passes, 1 when one fails, 2 when a path
// cannot be read, holds no case file, or a case file cannot be loaded as a
// whole (or on bad usage).
func runTest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonOut := fs.Bool("json", false, "write every case's result and the counts as one JSON object")
	verbose := fs.Bool("v", false, "list the cases that pass too")
	accountDetails := fs.String("account-details", "", "the output of aws iam get-account-authorization-details: `FILE` gives the\nidentity policies and boundary of each case's principal when the case has none")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: lambdaiam test [--json] [-v] [--account-details FILE] PATH...")
		fmt.Fprintln(stderr, "PATH is a case file, or a directory searched for *.jsonl, *.cases.json and *.case.json files.")
		fs.PrintDefaults()
	}
	// Flags may come before, between or after the paths; everything after
	// "--" is a path.
	var paths []string
	for rest := args; ; {
		if code, ok := parseFlags(fs, rest); !ok {
			return code
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(rest[0]) > 1 && rest[0][0] == '-' { // only after "--"
			paths = append(paths, rest...)
			break
		}
		paths, rest = append(paths, rest[0]), rest[1:]
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "lambdaiam test: give at least one case file or directory")
		fs.Usage()
		return 2
	}

	details, err := loadAccountDetails(*accountDetails)
	if err != nil {
		fmt.Fprintf(stderr, "lambdaiam test: %v\n", err)
		return 2
	}

	rep := testReport{Results: []testResult{}}
	fail := func(msg string) {
		rep.Errors = append(rep.Errors, msg)
		if !*jsonOut {
			fmt.Fprintf(stderr, "lambdaiam test: %s\n", msg)
		}
	}
	for _, path := range paths {
		files, err := caseload.FindFiles(path)
		if err != nil {
			fail(err.Error())
			continue
		}
		if len(files) == 0 {
			fail(path + ": no case files (*.jsonl, *.cases.json, *.case.json)")
			continue
		}
		for _, file := range files {
			cases, err := caseload.LoadFile(file)
			if err != nil {
				fail(err.Error())
				continue
			}
			for i := range cases {
				c := &cases[i]
				applyAccountDetails(details, c)
				if c.Expect == "" {
					rep.Skipped++
					continue
				}
				res := c.Run()
				r := testResult{Output: caseload.NewOutput(c.Name, res), File: c.Source, Line: c.Line, Expect: c.Expect}
				r.Pass = caseload.Got(res) == c.Expect
				if r.Pass {
					rep.Passed++
				} else {
					rep.Failed++
				}
				rep.Results = append(rep.Results, r)
				if !*jsonOut {
					writeTestResult(stdout, c, r, *verbose)
				}
			}
		}
	}

	if *jsonOut {
		if err := writeJSON(stdout, rep); err != nil {
			fmt.Fprintf(stderr, "lambdaiam test: %v\n", err)
			return 2
		}
	} else {
		if rep.Skipped > 0 {
			fmt.Fprintf(stdout, "%d without expect, not run\n", rep.Skipped)
		}
		fmt.Fprintf(stdout, "%d passed, %d failed\n", rep.Passed, rep.Failed)
	}
	switch {
	case len(rep.Errors) > 0:
		return 2
	case rep.Failed > 0:
		return 1
	}
	return 0
}

// writeTestResult prints a failing case (or, with verbose, any case): its
// place and name, the request, what it expected and what it got, and the
// reasons, each with the policy, statement and position that decided.
func writeTestResult(w io.Writer, c *caseload.Case, r testResult, verbose bool) {
	if r.Pass {
		if verbose {
			fmt.Fprintf(w, "ok   %s:%d: %s\n", r.File, r.Line, r.Name)
		}
		return
	}
	fmt.Fprintf(w, "FAIL %s:%d: %s\n", r.File, r.Line, r.Name)
	if c.Request.Principal != "" || c.Request.Action != "" {
		fmt.Fprintf(w, "  %s → %s on %s\n", c.Request.Principal, c.Request.Action, c.Request.Resource)
	}
	if c.Comment != "" {
		fmt.Fprintf(w, "  (%s)\n", c.Comment)
	}
	if r.Error != nil {
		fmt.Fprintf(w, "  want %s, got an error: %s\n", r.Expect, indent(*r.Error))
	} else {
		fmt.Fprintf(w, "  want %s, got %s\n", r.Expect, r.Decision)
	}
	for _, rj := range r.Reasons {
		var b strings.Builder
		b.WriteString(longTypes[rj.Type])
		if rj.Policy != "" {
			fmt.Fprintf(&b, " %q", rj.Policy)
		}
		if rj.Statement >= 0 {
			fmt.Fprintf(&b, ", statement %d", rj.Statement)
			if rj.Sid != "" {
				fmt.Fprintf(&b, " (Sid %q)", rj.Sid)
			}
		}
		if rj.Position != "" {
			b.WriteString(", at " + rj.Position)
		}
		if head := strings.TrimSpace(b.String()); head != "" {
			fmt.Fprintf(w, "  - %s\n    %s\n", head, rj.Message)
		} else {
			fmt.Fprintf(w, "  - %s\n", rj.Message)
		}
	}
}
