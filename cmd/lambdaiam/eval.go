package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/examples"
	"github.com/lambdaiam/lambdaiam/internal/awsinput"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/policy"
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
	format := fs.String("format", "", "output `format`: text (the default; colored on a terminal unless NO_COLOR is set),\njson (the same as --json) or jsonl (the same as --jsonl)")
	failOnDeny := fs.Bool("fail-on-deny", false, "exit 1 when any case is denied")
	accountDetails := fs.String("account-details", "", "the output of aws iam get-account-authorization-details: `FILE` gives the\nidentity policies and boundary of each case's principal when the case has none")
	var sim simulateFlags
	sim.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: lambdaiam eval [--format text|json|jsonl] [--fail-on-deny] [--account-details FILE] [FILE|-]")
		fmt.Fprintln(stderr, "       lambdaiam eval --caller-arn ARN --action-names A... [--resource-arns R...]")
		fmt.Fprintln(stderr, "                      [--policy-input-list P]... [--permissions-boundary-policy-input-list P]")
		fmt.Fprintln(stderr, "                      [--resource-policy P] [--resource-owner ACCOUNT] [--context-entries E]...")
		fmt.Fprintln(stderr, "                      [--account-details FILE] [--output text|json] [--fail-on-deny]")
		fmt.Fprintln(stderr, "The second form takes the parameters of aws iam simulate-custom-policy (P: file://PATH or")
		fmt.Fprintln(stderr, "the document; E: ContextKeyName=K,ContextKeyValues=V1,V2,ContextKeyType=T) and prints")
		fmt.Fprintln(stderr, "its EvaluationResults.")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	switch *format {
	case "", "text":
	case "json":
		*jsonOut = true
	case "jsonl":
		*jsonlOut = true
	default:
		fmt.Fprintf(stderr, "lambdaiam eval: unknown --format %q (want text, json or jsonl)\n", *format)
		return 2
	}
	details, err := loadAccountDetails(*accountDetails)
	if err != nil {
		fmt.Fprintf(stderr, "lambdaiam eval: %v\n", err)
		return 2
	}
	if sim.used() {
		if fs.NArg() > 0 || *jsonOut || *jsonlOut {
			fmt.Fprintln(stderr, "lambdaiam eval: the simulate-custom-policy flags take no case FILE, and --output instead of --json/--jsonl")
			return 2
		}
		return runSimulate(&sim, details, *failOnDeny, stdout, stderr)
	}
	if sim.output != "" {
		fmt.Fprintln(stderr, "lambdaiam eval: --output goes with the simulate-custom-policy flags; use --json or --jsonl")
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
		bundled = fs.NArg() == 0
	)
	if bundled {
		src = "examples/" + examples.QuickstartCases
		data, err = examples.Quickstart.ReadFile(examples.QuickstartCases)
	} else {
		data, src, err = readArg(fs.Arg(0), stdin)
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

	status, color := 0, useColor(stdout)
	var outs []caseload.Output
	for i := range cases {
		c := &cases[i]
		applyAccountDetails(details, c)
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
			writeText(stdout, c, out, color)
		}
	}
	if *jsonOut {
		if err := writeJSON(stdout, orEmpty(outs)); err != nil {
			fmt.Fprintf(stderr, "lambdaiam eval: %v\n", err)
			return 2
		}
	}
	return status
}

// writeText prints one case's result for a person: the case's name and
// request, a decision line, then one line per reason, aligned as
//
//	FILE:LINE:COL  POLICY  SID  EFFECT  WHY
//
// with "-" for a part a reason lacks. color paints the decision (Allow
// green, ImplicitDeny yellow, ExplicitDeny and errors red).
func writeText(w io.Writer, c *caseload.Case, out caseload.Output, color bool) {
	name := c.Name
	if name == "" {
		name = fmt.Sprintf("case at %s:%d", c.Source, c.Line)
	}
	fmt.Fprintf(w, "%s\n", name)
	if c.Request.Principal != "" || c.Request.Action != "" {
		fmt.Fprintf(w, "  %s → %s on %s\n", c.Request.Principal, c.Request.Action, c.Request.Resource)
	}
	if out.Error != nil {
		fmt.Fprintf(w, "  %s: %s\n", paint(color, "31", "error"), indent(*out.Error))
	} else {
		fmt.Fprintf(w, "  decision: %s", paint(color, decisionColor(out.Decision), out.Decision))
		if c.Expect != "" {
			mark := "as expected"
			if c.Expect != out.Decision {
				mark = paint(color, "31", "EXPECTED "+c.Expect)
			}
			fmt.Fprintf(w, " (%s)", mark)
		}
		fmt.Fprintln(w)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range out.Reasons {
		pol := r.Policy
		if pol == "" && longTypes[r.Type] != "" {
			pol = "(" + longTypes[r.Type] + ")" // no policy of that type allowed
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", dash(r.Position), dash(pol), dash(r.Sid), dash(r.Effect), r.Message)
	}
	tw.Flush()
	fmt.Fprintln(w)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func decisionColor(d string) string {
	switch d {
	case "Allow":
		return "32"
	case "ImplicitDeny":
		return "33"
	}
	return "31"
}

// paint wraps s in an ANSI color when color is on.
func paint(color bool, code, s string) string {
	if !color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// useColor reports whether w is a terminal and NO_COLOR is unset
// (https://no-color.org: any value, even empty, turns color off).
func useColor(w io.Writer) bool {
	if _, off := os.LookupEnv("NO_COLOR"); off {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
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

// loadAccountDetails reads and parses an account-details file. No file
// (the flag not given) is no details: nil, and no error.
func loadAccountDetails(file string) (*awsinput.AccountDetails, error) {
	if file == "" {
		return nil, nil
	}
	data, err := readLimited(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	return awsinput.ParseAccountDetails(data, file)
}

// applyAccountDetails gives a case without identity policies those of its
// principal in d, and the principal's boundary when the case has none. A
// principal d does not describe (another account, the root user, a
// service) is left alone; a user or role of a described account that d
// lacks is an error of the case.
func applyAccountDetails(d *awsinput.AccountDetails, c *caseload.Case) {
	if d == nil || c.Err != nil || len(c.Policies.Identity) > 0 || !d.Covers(c.Request.Principal) {
		return
	}
	id, err := d.Lookup(c.Request.Principal)
	if err != nil {
		c.Err = &caseload.Error{Source: c.Source, Line: c.Line, Field: "/principal", Msg: "account details", Err: err}
		return
	}
	c.Policies.Identity = id.Policies
	if c.Policies.Boundary == nil {
		c.Policies.Boundary = id.Boundary
	}
}

// simulateFlags are eval's flags in the vocabulary of
// aws iam simulate-custom-policy.
type simulateFlags struct {
	policies, boundaries, actions, resources, contexts accessList
	resourcePolicy, caller, owner, output              string
}

func (f *simulateFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.policies, "policy-input-list", "an identity-based policy `P`: file://PATH or the document (repeatable)")
	fs.Var(&f.boundaries, "permissions-boundary-policy-input-list", "the permissions boundary `P`: file://PATH or the document")
	fs.StringVar(&f.resourcePolicy, "resource-policy", "", "the resource-based policy `P`: file://PATH or the document")
	fs.Var(&f.actions, "action-names", "the `ACTIONS` to simulate, comma-separated (repeatable)")
	fs.Var(&f.resources, "resource-arns", "the resource `ARNS`, comma-separated (repeatable; default *)")
	fs.StringVar(&f.caller, "caller-arn", "", "the principal `ARN` making the requests")
	fs.StringVar(&f.owner, "resource-owner", "", "the `ACCOUNT` (ID or ARN) owning the resources; default the resource ARN's")
	fs.Var(&f.contexts, "context-entries", "a context entry `E`: ContextKeyName=K,ContextKeyValues=V1,V2,ContextKeyType=T, or JSON (repeatable)")
	fs.StringVar(&f.output, "output", "", "with the simulate flags: `FORMAT` text (default) or json")
}

// used reports whether any flag of the simulate form was given.
func (f *simulateFlags) used() bool {
	return len(f.policies)+len(f.boundaries)+len(f.actions)+len(f.resources)+len(f.contexts) > 0 ||
		f.resourcePolicy != "" || f.caller != "" || f.owner != ""
}

// simulateOutput is the JSON output of the simulate form, shaped like
// simulate-custom-policy's.
type simulateOutput struct {
	EvaluationResults []awsinput.EvaluationResult
	IsTruncated       bool
}

// runSimulate evaluates every action on every resource, as
// simulate-custom-policy does.
func runSimulate(f *simulateFlags, details *awsinput.AccountDetails, failOnDeny bool, stdout, stderr io.Writer) int {
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "lambdaiam eval: "+format+"\n", a...)
		return 2
	}
	if f.output != "" && f.output != "text" && f.output != "json" {
		return fail("--output %q: want text or json", f.output)
	}
	if f.caller == "" {
		return fail("give --caller-arn: the principal making the requests")
	}
	actions := awsinput.SplitList(f.actions)
	if len(actions) == 0 {
		return fail("give --action-names")
	}
	resources := awsinput.SplitList(f.resources)
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	read := func(name string) ([]byte, error) { return readLimited(name) }

	var pols evaluate.Policies
	identity, err := awsinput.PolicyInputs(f.policies, awsinput.PolicyInputList, policy.KindIdentity, read)
	if err != nil {
		return fail("--policy-input-list: %v", err)
	}
	pols.Identity = identity
	boundaries, err := awsinput.PolicyInputs(f.boundaries, awsinput.PermissionsBoundaryPolicyInputList, policy.KindBoundary, read)
	if err != nil {
		return fail("--permissions-boundary-policy-input-list: %v", err)
	}
	if len(boundaries) > 1 {
		return fail("--permissions-boundary-policy-input-list: a principal has at most one permissions boundary, got %d", len(boundaries))
	}
	if len(boundaries) == 1 {
		pols.Boundary = &boundaries[0]
	}
	if f.resourcePolicy != "" {
		rp, err := awsinput.PolicyInputs([]string{f.resourcePolicy}, awsinput.ResourcePolicy, policy.KindResource, read)
		if err != nil {
			return fail("--resource-policy: %v", err)
		}
		if len(rp) != 1 {
			return fail("--resource-policy: give one policy, got %d", len(rp))
		}
		pols.Resource = &rp[0]
	}
	if details != nil {
		id, err := details.Lookup(f.caller)
		if err != nil {
			return fail("--account-details: %v", err)
		}
		pols.Identity = append(pols.Identity, id.Policies...)
		if pols.Boundary == nil {
			pols.Boundary = id.Boundary
		}
	}
	entries, err := awsinput.ParseContextEntries(f.contexts)
	if err != nil {
		return fail("--context-entries: %v", err)
	}
	ctx, err := awsinput.NewContext(entries)
	if err != nil {
		return fail("--context-entries: %v", err)
	}
	owner := f.owner
	if strings.HasPrefix(owner, "arn:") {
		a, err := arn.Parse(owner)
		if err != nil {
			return fail("--resource-owner %q: %v", owner, err)
		}
		owner = a.AccountID
	}

	set, err := evaluate.Compile(pols)
	if err != nil {
		return fail("%v", err)
	}
	out := simulateOutput{EvaluationResults: []awsinput.EvaluationResult{}}
	status := 0
	for _, a := range actions {
		for _, r := range resources {
			res := set.Evaluate(evaluate.Request{Principal: f.caller, Action: a, Resource: r, ResourceAccount: owner, Context: ctx})
			if res.Err != nil {
				return fail("%s on %s: %v", a, r, res.Err)
			}
			if failOnDeny && res.Decision != evaluate.Allow {
				status = 1
			}
			out.EvaluationResults = append(out.EvaluationResults, awsinput.Result(a, r, res))
		}
	}
	if f.output == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "    ")
		if err := enc.Encode(out); err != nil {
			return fail("%v", err)
		}
		return status
	}
	simulateTable(stdout, out.EvaluationResults)
	return status
}

// simulateTable prints the evaluation results as an aligned table, one row
// per action and resource, with the matched statements as
// SourcePolicyId@LINE:COLUMN.
func simulateTable(w io.Writer, results []awsinput.EvaluationResult) {
	rows := [][3]string{{"EvalActionName", "EvalResourceName", "EvalDecision"}}
	for _, r := range results {
		rows = append(rows, [3]string{r.EvalActionName, r.EvalResourceName, r.EvalDecision})
	}
	line := columns(w, rows)
	line(rows[0][0], rows[0][1], rows[0][2], "MatchedStatements")
	for _, r := range results {
		var ms []string
		for _, m := range r.MatchedStatements {
			ms = append(ms, fmt.Sprintf("%s@%d:%d", m.SourcePolicyId, m.StartPosition.Line, m.StartPosition.Column))
		}
		if len(ms) == 0 {
			ms = []string{"-"}
		}
		line(r.EvalActionName, r.EvalResourceName, r.EvalDecision, strings.Join(ms, " "))
	}
}
