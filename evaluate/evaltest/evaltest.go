package evaltest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/policy"
)

// TB is the part of testing.TB the helpers use; *testing.T, *testing.B and
// *testing.F satisfy it. The assertions report with Errorf; ReadPolicy
// and Compile stop the test with Fatalf.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// anyDeny is the expectation of Deny.
const anyDeny = "ImplicitDeny or ExplicitDeny"

// Allow asserts that set allows req, and reports whether it does.
func Allow(t TB, set *evaluate.Set, req evaluate.Request) bool {
	t.Helper()
	return assert(t, "evaltest.Allow", set, req, evaluate.Allow.String())
}

// Deny asserts that set denies req, implicitly or explicitly, and reports
// whether it does.
func Deny(t TB, set *evaluate.Set, req evaluate.Request) bool {
	t.Helper()
	return assert(t, "evaltest.Deny", set, req, anyDeny)
}

// ImplicitDeny asserts that set denies req because nothing allows it (no
// statement denies it), and reports whether it does.
func ImplicitDeny(t TB, set *evaluate.Set, req evaluate.Request) bool {
	t.Helper()
	return assert(t, "evaltest.ImplicitDeny", set, req, evaluate.ImplicitDeny.String())
}

// ExplicitDeny asserts that a Deny statement of set applies to req, and
// reports whether one does.
func ExplicitDeny(t TB, set *evaluate.Set, req evaluate.Request) bool {
	t.Helper()
	return assert(t, "evaltest.ExplicitDeny", set, req, evaluate.ExplicitDeny.String())
}

func assert(t TB, fn string, set *evaluate.Set, req evaluate.Request, want string) bool {
	t.Helper()
	if set == nil {
		t.Errorf("%s: %s: the *evaluate.Set is nil", fn, summary(req))
		return false
	}
	return check(t, fn+": "+summary(req), req, set.Evaluate(req), want, "")
}

// matches reports whether the outcome got (a decision's name or "Error")
// meets the expectation want.
func matches(want, got string) bool {
	if want == anyDeny {
		return got == evaluate.ImplicitDeny.String() || got == evaluate.ExplicitDeny.String()
	}
	return want == got
}

// check compares a result with the expectation and reports a failure with
// the request, the diff and the reasons.
func check(t TB, header string, req evaluate.Request, res evaluate.Result, want, note string) bool {
	t.Helper()
	got := caseload.Got(res)
	if matches(want, got) {
		return true
	}
	var b strings.Builder
	b.WriteString(header)
	b.WriteString(": decision (-want +got):\n")
	b.WriteString(cmp.Diff(want, got))
	if note != "" {
		b.WriteString(note)
	}
	writeRequest(&b, req)
	if res.Err != nil {
		fmt.Fprintf(&b, "error: %s\n", strings.ReplaceAll(res.Err.Error(), "\n", "\n  "))
	}
	writeReasons(&b, res.Reasons)
	t.Errorf("%s", strings.TrimSuffix(b.String(), "\n"))
	return false
}

// summary is a request in one line: "PRINCIPAL → ACTION on RESOURCE".
func summary(req evaluate.Request) string {
	return req.Principal + " → " + req.Action + " on " + req.Resource
}

func writeRequest(b *strings.Builder, req evaluate.Request) {
	b.WriteString("request:\n")
	fmt.Fprintf(b, "  principal:  %s\n", req.Principal)
	fmt.Fprintf(b, "  action:     %s\n", req.Action)
	fmt.Fprintf(b, "  resource:   %s\n", req.Resource)
	if req.ResourceAccount != "" {
		fmt.Fprintf(b, "  account:    %s\n", req.ResourceAccount)
	}
	if !req.Time.IsZero() {
		fmt.Fprintf(b, "  time:       %s\n", req.Time.UTC().Format(time.RFC3339))
	}
	if req.Context.Len() == 0 {
		return
	}
	b.WriteString("  context:\n")
	for _, k := range req.Context.Keys() {
		v, _ := req.Context.Lookup(k)
		vals := v.Strings()
		if !v.Multi() && len(vals) == 1 {
			fmt.Fprintf(b, "    %s: %s\n", k, strconv.Quote(vals[0]))
			continue
		}
		quoted := make([]string, len(vals))
		for i, s := range vals {
			quoted[i] = strconv.Quote(s)
		}
		fmt.Fprintf(b, "    %s: [%s]\n", k, strings.Join(quoted, ", "))
	}
}

func writeReasons(b *strings.Builder, reasons []evaluate.Reason) {
	if len(reasons) == 0 {
		return
	}
	b.WriteString("reasons:\n")
	for _, r := range reasons {
		b.WriteString("  - ")
		b.WriteString(describeReason(r))
		b.WriteByte('\n')
	}
}

// describeReason writes a reason on one line: the policy type and name,
// the statement with its Sid, the statement's position, and the message,
// as in
//
//	identity-based policy "dev", statement 1 (Sid "Read") at dev.json:9:5: allows lambda:GetFunction
func describeReason(r evaluate.Reason) string {
	var b strings.Builder
	if t := r.Type.String(); t != "" {
		b.WriteString(t)
	}
	if r.Policy != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Quote(r.Policy))
	}
	if r.Statement >= 0 {
		fmt.Fprintf(&b, ", statement %d", r.Statement)
		if r.Sid != "" {
			fmt.Fprintf(&b, " (Sid %q)", r.Sid)
		}
	}
	if r.Pos.IsValid() {
		b.WriteString(" at ")
		b.WriteString(r.Pos.String())
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(r.Message)
	return b.String()
}

// Case is one row of a table for Run: a request and the decision it must
// get. The zero Want is evaluate.ImplicitDeny.
type Case struct {
	Name    string
	Request evaluate.Request
	Want    evaluate.Decision
}

// Run evaluates each case against set as a subtest named after the case
// ("case N" when it has no name), and fails the subtest when the decision
// is not the case's Want or the result carries an error.
func Run(t *testing.T, set *evaluate.Set, cases []Case) {
	t.Helper()
	if set == nil {
		t.Fatalf("evaltest.Run: the *evaluate.Set is nil")
	}
	for i, c := range cases {
		name := c.Name
		if name == "" {
			name = "case " + strconv.Itoa(i)
		}
		t.Run(name, func(t *testing.T) {
			t.Helper()
			runRow(t, set, c)
		})
	}
}

func runRow(t TB, set *evaluate.Set, c Case) bool {
	t.Helper()
	return check(t, "evaltest.Run: "+summary(c.Request), c.Request, set.Evaluate(c.Request), c.Want.String(), "")
}

// RunFile loads the case file path (see caseload's format: one JSON object
// or JSON Lines), with policy file references read relative to the file's
// directory, and runs each case that carries "expect" as a subtest named
// after the case, against the case's own policies, evaluated with opts. A
// case that expects "Error" passes when its policies or its request are
// rejected. Cases without "expect" are skipped; a file that cannot be
// loaded, or in which no case carries "expect", fails the test.
func RunFile(t *testing.T, path string, opts ...evaluate.Option) {
	t.Helper()
	cases, ok := loadFile(t, path)
	if !ok {
		return
	}
	for i := range cases {
		c := &cases[i]
		t.Run(c.Name, func(t *testing.T) {
			t.Helper()
			if c.Expect == "" {
				t.Skip("the case carries no expect")
			}
			runCase(t, c, opts)
		})
	}
}

// loadFile loads a case file for RunFile and checks that some case carries
// an expectation.
func loadFile(t TB, path string) ([]caseload.Case, bool) {
	t.Helper()
	cases, err := caseload.LoadFile(path)
	if err != nil {
		t.Errorf("evaltest.RunFile: %s: %v", path, err)
		return nil, false
	}
	for i := range cases {
		if cases[i].Expect != "" {
			return cases, true
		}
	}
	t.Errorf("evaltest.RunFile: %s: no case carries \"expect\"", path)
	return nil, false
}

// runCase evaluates one loaded case and checks its expectation.
func runCase(t TB, c *caseload.Case, opts []evaluate.Option) bool {
	t.Helper()
	var note strings.Builder
	if c.Rule != "" {
		fmt.Fprintf(&note, "rule: %s\n", c.Rule)
	}
	if c.Comment != "" {
		fmt.Fprintf(&note, "comment: %s\n", c.Comment)
	}
	header := fmt.Sprintf("%s:%d: %s", c.Source, c.Line, c.Name)
	return check(t, header, c.Request, c.Run(opts...), c.Expect, note.String())
}

// RunDir runs every case file under dir (files named *.jsonl, *.cases.json
// or *.case.json; directories whose names start with "." are skipped) with
// RunFile, each as a subtest named after the file's path relative to dir.
// A directory without case files fails the test.
func RunDir(t *testing.T, dir string, opts ...evaluate.Option) {
	t.Helper()
	files, err := caseload.FindFiles(dir)
	if err != nil {
		t.Fatalf("evaltest.RunDir: %v", err)
	}
	if len(files) == 0 {
		t.Fatalf("evaltest.RunDir: %s: no case files (*.jsonl, *.cases.json, *.case.json)", dir)
	}
	for _, f := range files {
		name, err := filepath.Rel(dir, f)
		if err != nil || name == "." {
			name = f
		}
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			t.Helper()
			RunFile(t, f, opts...)
		})
	}
}

// ReadPolicy reads the policy document in the file path and parses it as
// kind; the output of Lambda's GetPolicy and URL-encoded documents are
// unwrapped (policy.EnvelopeAuto). The policy is named after path, and
// positions in its reasons point into the file. Any error stops the test
// with Fatalf.
func ReadPolicy(t TB, path string, kind policy.Kind) evaluate.Named {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("evaltest.ReadPolicy: %v", err)
		return evaluate.Named{}
	}
	doc, err := policy.Parse(data, policy.WithKind(kind), policy.WithSource(path), policy.WithEnvelope(policy.EnvelopeAuto))
	if err != nil {
		t.Fatalf("evaltest.ReadPolicy: %s", strings.ReplaceAll(err.Error(), "\n", "\n  "))
		return evaluate.Named{}
	}
	return evaluate.Named{Name: path, Doc: doc}
}

// Compile compiles p with opts (see evaluate.Compile); an error stops the
// test with Fatalf.
func Compile(t TB, p evaluate.Policies, opts ...evaluate.Option) *evaluate.Set {
	t.Helper()
	set, err := evaluate.Compile(p, opts...)
	if err != nil {
		t.Fatalf("evaltest.Compile: %v", err)
		return nil
	}
	return set
}
