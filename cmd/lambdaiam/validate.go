package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/jsondepth"
	"github.com/lambdaiam/lambdaiam/policy"
	"github.com/lambdaiam/lambdaiam/policy/lint"
)

// maxFileSize bounds what the CLI reads of one file. Larger inputs are
// rejected from their size alone, without being read.
const maxFileSize = 8 << 20

var kindNames = map[string]policy.Kind{
	"identity": policy.KindIdentity,
	"resource": policy.KindResource,
	"boundary": policy.KindBoundary,
	"session":  policy.KindSession,
	"scp":      policy.KindSCP,
	"rcp":      policy.KindRCP,
	"trust":    policy.KindTrust,
}

type validateFile struct {
	File   string            `json:"file"`
	Kind   string            `json:"kind,omitempty"`
	Valid  bool              `json:"valid"`
	Errors []validateProblem `json:"errors"`
	// Warnings are the lint findings of a valid policy (package
	// policy/lint); a policy with errors is not linted.
	Warnings []validateWarning `json:"warnings"`
}

// validateProblem is an error in a policy: where it is, its code and what
// it says.
type validateProblem struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Offset  int    `json:"offset"`
	Pointer string `json:"pointer"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// validateWarning is a lint finding: the fields of a problem, and a fix.
type validateWarning struct {
	validateProblem
	Fix string `json:"fix"`
}

const validateUsage = `usage: lambdaiam validate [--kind K] [--json] [--strict] POLICY.json...

Checks each policy against IAM's grammar and size limits and prints every
error as file:line:col: pointer: message. A policy without errors is then
linted (package policy/lint), and each warning is printed as
file:line:col: pointer: warning[code]: message (fix: ...). Files are
reported in the order given. --json writes one object per file with its
"errors" and "warnings".

Exit status: 0 when every policy is valid, even with warnings; 1 with
--strict when every policy is valid but some have warnings; 2 when a
policy has errors, a file cannot be read, or the usage is wrong.

`

func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kindFlag := fs.String("kind", "auto", "policy kind: auto, identity, resource, boundary, session, scp, rcp, trust")
	jsonOut := fs.Bool("json", false, "write the result as JSON")
	strict := fs.Bool("strict", false, "exit with status 1 when a valid policy has lint warnings")
	fs.Usage = func() {
		fmt.Fprint(stderr, validateUsage)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	kindOf := detectKind
	if *kindFlag != "auto" {
		k, ok := kindNames[strings.ToLower(*kindFlag)]
		if !ok {
			fmt.Fprintf(stderr, "lambdaiam validate: unknown --kind %q (want auto, identity, resource, boundary, session, scp, rcp or trust)\n", *kindFlag)
			return 2
		}
		kindOf = func([]byte) policy.Kind { return k }
	}

	var results []validateFile
	valid, warned := true, false
	for _, name := range fs.Args() {
		res, lines := validateOne(name, kindOf)
		results = append(results, res)
		valid = valid && res.Valid
		warned = warned || len(res.Warnings) > 0
		if !*jsonOut {
			for _, l := range lines {
				fmt.Fprintln(stdout, l)
			}
		}
	}
	if *jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			fmt.Fprintf(stderr, "lambdaiam validate: %v\n", err)
			return 2
		}
	} else if valid {
		for _, r := range results {
			switch n := len(r.Warnings); n {
			case 0:
				fmt.Fprintf(stdout, "%s: ok (%s policy)\n", r.File, r.Kind)
			case 1:
				fmt.Fprintf(stdout, "%s: ok (%s policy), 1 warning\n", r.File, r.Kind)
			default:
				fmt.Fprintf(stdout, "%s: ok (%s policy), %d warnings\n", r.File, r.Kind, n)
			}
		}
	}
	switch {
	case !valid:
		return 2
	case warned && *strict:
		return 1
	}
	return 0
}

// validateOne checks the policy in file name, of the kind kindOf gives for
// its content, and lints it when it is valid. lines are what the text
// output prints for the file: its errors, or else its warnings.
func validateOne(name string, kindOf func([]byte) policy.Kind) (res validateFile, lines []string) {
	res = validateFile{File: name, Errors: []validateProblem{}, Warnings: []validateWarning{}}
	data, err := readLimited(name)
	if err != nil {
		res.Errors = append(res.Errors, validateProblem{Code: "read", Message: err.Error()})
		return res, []string{name + ": " + err.Error()}
	}
	kind := kindOf(data)
	res.Kind = kind.String()
	doc, err := policy.Parse(data,
		policy.WithSource(name),
		policy.WithKind(kind),
		policy.WithSizeLimit(),
		policy.WithEnvelope(policy.EnvelopeAuto))
	var list policy.ErrorList
	switch {
	case err == nil:
		for _, f := range lint.Check(doc) {
			res.Warnings = append(res.Warnings, validateWarning{
				validateProblem: validateProblem{
					Line: f.Pos.Line, Column: f.Pos.Column, Offset: f.Pos.Offset,
					Pointer: f.Pointer, Code: string(f.Code), Message: f.Msg,
				},
				Fix: f.Fix,
			})
			lines = append(lines, f.String())
		}
	case errors.As(err, &list) && len(list) > 0:
		for _, e := range list {
			res.Errors = append(res.Errors, validateProblem{
				Line: e.Pos.Line, Column: e.Pos.Column, Offset: e.Pos.Offset,
				Pointer: e.Pointer, Code: string(e.Code), Message: e.Msg,
			})
			lines = append(lines, e.Error())
		}
	default:
		res.Errors = append(res.Errors, validateProblem{Code: "error", Message: err.Error()})
		lines = append(lines, name+": "+err.Error())
	}
	res.Valid = len(res.Errors) == 0
	return res, lines
}

// readLimited reads a whole file, refusing one larger than maxFileSize
// before reading it.
func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > maxFileSize {
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit; not read", st.Size(), maxFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("input is over the %d-byte limit; not read further", maxFileSize)
	}
	return data, nil
}

// readArg reads the file a command was given, or standard input for "-",
// within maxFileSize. src names what was read: the file, or "<stdin>".
func readArg(name string, stdin io.Reader) (data []byte, src string, err error) {
	if name != "-" {
		data, err = readLimited(name)
		return data, name, err
	}
	data, err = io.ReadAll(io.LimitReader(stdin, maxFileSize+1))
	if err == nil && len(data) > maxFileSize {
		err = fmt.Errorf("input is over the %d-byte limit", maxFileSize)
	}
	return data, "<stdin>", err
}

// detectKind guesses a policy's kind for validate --kind auto: a policy
// whose statements name a Principal or NotPrincipal is a resource-based
// policy, or a role trust policy when it grants an sts:AssumeRole* action;
// any other policy is checked as an identity-based policy. The guess only
// picks the rule set; a malformed document is still reported by Parse.
func detectKind(data []byte) policy.Kind {
	// gjson validates recursively: bound the nesting first, as Parse does.
	if !jsondepth.Within(string(data), policy.MaxDepth+1) || !gjson.ValidBytes(data) {
		return policy.KindIdentity
	}
	doc := gjson.ParseBytes(data)
	if p := doc.Get("Policy"); p.Type == gjson.String && jsondepth.Within(p.Str, policy.MaxDepth) && gjson.Valid(p.Str) {
		doc = gjson.Parse(p.Str)
	}
	principal, assume := false, false
	visit := func(st gjson.Result) {
		if !st.IsObject() {
			return
		}
		st.ForEach(func(k, v gjson.Result) bool {
			switch k.Str {
			case "Principal", "NotPrincipal":
				principal = true
			case "Action":
				for _, a := range v.Array() {
					if evaluate.IsTrustAction(a.Str) {
						assume = true
					}
				}
			}
			return true
		})
	}
	doc.ForEach(func(k, v gjson.Result) bool {
		if k.Str != "Statement" {
			return true
		}
		if v.IsArray() {
			v.ForEach(func(_, st gjson.Result) bool { visit(st); return true })
		} else {
			visit(v)
		}
		return true
	})
	switch {
	case principal && assume:
		return policy.KindTrust
	case principal:
		return policy.KindResource
	}
	return policy.KindIdentity
}
