package evaltest

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/policy"
)

// fakeTB records what the helpers report. Fatalf ends the goroutine, as
// testing.T's does, so helpers that may call it run under run.
type fakeTB struct {
	mu      sync.Mutex
	helpers int
	errors  []string
	fatal   bool
}

func (f *fakeTB) Helper() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.helpers++
}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	// cmp.Diff's output is unstable on purpose: it uses U+00A0 instead of
	// spaces at random. The messages are compared with plain spaces.
	f.errors = append(f.errors, strings.ReplaceAll(fmt.Sprintf(format, args...), "\u00a0", " "))
}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	f.mu.Lock()
	f.fatal = true
	f.mu.Unlock()
	runtime.Goexit()
}

// run calls fn on its own goroutine, so that Fatalf can end it.
func (f *fakeTB) run(fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	<-done
}

const (
	fnDev  = "arn:aws:lambda:us-east-1:111122223333:function:dev-orders"
	fnProd = "arn:aws:lambda:us-east-1:111122223333:function:prod-orders"
	dev    = "arn:aws:iam::111122223333:user/dev"
)

func devSet(t *testing.T) *evaluate.Set {
	t.Helper()
	return Compile(t, evaluate.Policies{Identity: []evaluate.Named{
		ReadPolicy(t, filepath.Join("testdata", "pass", "policies", "dev.json"), policy.KindIdentity),
	}})
}

func req(action, resource string) evaluate.Request {
	return evaluate.Request{Principal: dev, Action: action, Resource: resource}
}

// TestE3Assertions checks each assertion against each decision: which
// hold, and that a failing one reports exactly one error.
func TestE3Assertions(t *testing.T) {
	set := devSet(t)
	allowed := req("lambda:InvokeFunction", fnDev)
	implicit := req("lambda:InvokeFunction", fnProd)
	explicit := req("lambda:DeleteFunction", fnDev)
	malformed := req("lambda InvokeFunction", fnDev)
	type assertion func(TB, *evaluate.Set, evaluate.Request) bool
	for _, tc := range []struct {
		name   string
		assert assertion
		req    evaluate.Request
		want   bool
	}{
		{"E3/allow-holds-on-allow", Allow, allowed, true},
		{"E3/allow-fails-on-implicit-deny", Allow, implicit, false},
		{"E3/allow-fails-on-explicit-deny", Allow, explicit, false},
		{"E3/deny-holds-on-implicit-deny", Deny, implicit, true},
		{"E3/deny-holds-on-explicit-deny", Deny, explicit, true},
		{"E3/deny-fails-on-allow", Deny, allowed, false},
		{"E3/implicit-deny-holds-on-implicit-deny", ImplicitDeny, implicit, true},
		{"E3/implicit-deny-fails-on-explicit-deny", ImplicitDeny, explicit, false},
		{"E3/implicit-deny-fails-on-allow", ImplicitDeny, allowed, false},
		{"E3/explicit-deny-holds-on-explicit-deny", ExplicitDeny, explicit, true},
		{"E3/explicit-deny-fails-on-implicit-deny", ExplicitDeny, implicit, false},
		{"E3/deny-fails-on-a-malformed-request", Deny, malformed, false},
		{"E3/implicit-deny-fails-on-a-malformed-request", ImplicitDeny, malformed, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeTB{}
			got := tc.assert(f, set, tc.req)
			if got != tc.want {
				t.Errorf("assertion = %v, want %v", got, tc.want)
			}
			wantErrors := 0
			if !tc.want {
				wantErrors = 1
			}
			if len(f.errors) != wantErrors {
				t.Errorf("%d errors reported, want %d: %q", len(f.errors), wantErrors, f.errors)
			}
			if f.helpers == 0 {
				t.Error("the assertion does not call Helper")
			}
		})
	}
}

// TestE8FailureMessages checks what a failure shows: the assertion, the
// request in one line, the diff of the decision (-want +got), the request
// with its context, and the reasons with policy, statement and position.
func TestE8FailureMessages(t *testing.T) {
	set := devSet(t)
	ctx := new(condition.Context)
	ctx.Set("aws:SourceIp", "10.0.0.7")
	ctx.SetMulti("lambda:Layer", []string{"arn:aws:lambda:us-east-1:111122223333:layer:otel:3"})
	withCtx := req("lambda:InvokeFunction", fnProd)
	withCtx.Context = ctx
	withCtx.Time = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	policyFile := filepath.Join("testdata", "pass", "policies", "dev.json")
	for _, tc := range []struct {
		name   string
		call   func(TB) bool
		want   []string // lines the message must hold, in order
		absent []string
	}{
		{
			name: "E8/allow-on-implicit-deny",
			call: func(f TB) bool { return Allow(f, set, withCtx) },
			want: []string{
				"evaltest.Allow: " + dev + " → lambda:InvokeFunction on " + fnProd + ": decision (-want +got):",
				`- 	"Allow",`,
				`+ 	"ImplicitDeny",`,
				"request:",
				"  principal:  " + dev,
				"  action:     lambda:InvokeFunction",
				"  resource:   " + fnProd,
				"  time:       2026-05-01T12:00:00Z",
				"  context:",
				`    aws:sourceip: "10.0.0.7"`,
				`    lambda:layer: ["arn:aws:lambda:us-east-1:111122223333:layer:otel:3"]`,
				"reasons:",
				`  - identity-based policy: User: ` + dev + ` is not authorized to perform: lambda:InvokeFunction on resource: ` + fnProd + ` because no identity-based policy allows the lambda:InvokeFunction action`,
			},
			absent: []string{"error:"},
		},
		{
			name: "E8/allow-on-explicit-deny-names-the-statement",
			call: func(f TB) bool { return Allow(f, set, req("lambda:DeleteFunction", fnDev)) },
			want: []string{
				`+ 	"ExplicitDeny",`,
				`  - identity-based policy "` + policyFile + `", statement 1 (Sid "NoDeletes") at ` + policyFile + `:10:5: User: ` + dev,
			},
		},
		{
			name: "E8/deny-on-allow-wants-either-deny",
			call: func(f TB) bool { return Deny(f, set, req("lambda:InvokeFunction", fnDev)) },
			want: []string{
				"evaltest.Deny: ",
				`- 	"ImplicitDeny or ExplicitDeny",`,
				`+ 	"Allow",`,
				`  - identity-based policy "` + policyFile + `", statement 0 (Sid "OwnFunctions") at ` + policyFile + `:4:5: allows lambda:InvokeFunction`,
			},
		},
		{
			name: "E8/explicit-deny-on-implicit-deny",
			call: func(f TB) bool { return ExplicitDeny(f, set, req("lambda:InvokeFunction", fnProd)) },
			want: []string{"evaltest.ExplicitDeny: ", `- 	"ExplicitDeny",`, `+ 	"ImplicitDeny",`},
		},
		{
			name: "E8/a-request-error-is-not-a-deny",
			call: func(f TB) bool { return ImplicitDeny(f, set, req("lambda InvokeFunction", fnDev)) },
			want: []string{"evaltest.ImplicitDeny: ", `- 	"ImplicitDeny",`, `+ 	"Error",`, "error: "},
		},
		{
			name: "E8/nil-set",
			call: func(f TB) bool { return Allow(f, nil, req("lambda:InvokeFunction", fnDev)) },
			want: []string{"evaltest.Allow: " + dev + " → lambda:InvokeFunction on " + fnDev + ": the *evaluate.Set is nil"},
		},
		{
			name: "E8/table-row",
			call: func(f TB) bool {
				return runRow(f, set, Case{Name: "prod", Request: req("lambda:InvokeFunction", fnProd), Want: evaluate.Allow})
			},
			want: []string{"evaltest.Run: " + dev + " → lambda:InvokeFunction on " + fnProd + ": decision (-want +got):", `- 	"Allow",`},
		},
		{
			name: "E8/table-row-zero-want-is-implicit-deny",
			call: func(f TB) bool {
				return runRow(f, set, Case{Name: "dev", Request: req("lambda:InvokeFunction", fnDev)})
			},
			want: []string{`- 	"ImplicitDeny",`, `+ 	"Allow",`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeTB{}
			if tc.call(f) {
				t.Fatal("the assertion held")
			}
			if len(f.errors) != 1 {
				t.Fatalf("%d errors reported, want 1: %q", len(f.errors), f.errors)
			}
			msg := f.errors[0]
			checkLines(t, msg, tc.want)
			for _, s := range tc.absent {
				if strings.Contains(msg, s) {
					t.Errorf("message holds %q:\n%s", s, msg)
				}
			}
		})
	}
}

// checkLines checks that msg holds each of want, in order; a want entry
// matches the start of a line.
func checkLines(t *testing.T, msg string, want []string) {
	t.Helper()
	lines := strings.Split(msg, "\n")
	i := 0
	for _, w := range want {
		for i < len(lines) && !strings.HasPrefix(lines[i], w) {
			i++
		}
		if i == len(lines) {
			t.Errorf("message lacks a line starting %q (in this order):\n%s", w, msg)
			return
		}
		i++
	}
}

// TestE3CaseFiles runs the loaded cases of a file through runCase, as
// RunFile's subtests do, and checks which fail and what they show.
func TestE3CaseFiles(t *testing.T) {
	for _, tc := range []struct {
		name     string
		file     string
		failures map[string][]string // case name → lines of its message
	}{
		{name: "E3/passing-file", file: filepath.Join("testdata", "pass", "cases.jsonl"), failures: map[string][]string{}},
		{name: "E3/failing-file", file: filepath.Join("testdata", "failing.cases"), failures: map[string][]string{
			"wrongly expects prod access": {
				filepath.Join("testdata", "failing.cases") + ":1: wrongly expects prod access: decision (-want +got):",
				`- 	"Allow",`,
				`+ 	"ImplicitDeny",`,
				"rule: E3",
				"comment: the dev policy covers dev-* only",
				"request:",
				`    aws:sourceip: "10.0.0.7"`,
				"reasons:",
			},
			"wrongly expects a decision for a bad policy": {
				filepath.Join("testdata", "failing.cases") + ":2: wrongly expects a decision for a bad policy: decision (-want +got):",
				`+ 	"Error",`,
				"error: ",
			},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeTB{}
			var cases []caseload.Case
			f.run(func() { cases, _ = loadFile(f, tc.file) })
			if len(f.errors) > 0 {
				t.Fatalf("loadFile: %q", f.errors)
			}
			got := map[string]bool{}
			for i := range cases {
				c := &cases[i]
				if c.Expect == "" {
					continue
				}
				cf := &fakeTB{}
				ok := runCase(cf, c, nil)
				if ok != (len(cf.errors) == 0) {
					t.Errorf("%s: runCase = %v with errors %q", c.Name, ok, cf.errors)
				}
				if ok {
					continue
				}
				got[c.Name] = true
				if want, isWanted := tc.failures[c.Name]; isWanted {
					checkLines(t, cf.errors[0], want)
				}
			}
			wantFailed := map[string]bool{}
			for name := range tc.failures {
				wantFailed[name] = true
			}
			if diff := cmp.Diff(wantFailed, got); diff != "" {
				t.Errorf("failing cases (-want +got):\n%s", diff)
			}
		})
	}
}

// TestE2LoadFileErrors checks that RunFile refuses a file it cannot use.
func TestE2LoadFileErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		file string
		want string
	}{
		{"E2/missing-file", filepath.Join("testdata", "none.jsonl"), "evaltest.RunFile: " + filepath.Join("testdata", "none.jsonl") + ": "},
		{"E2/no-case-carries-expect", filepath.Join("testdata", "noexpect.cases"), "evaltest.RunFile: " + filepath.Join("testdata", "noexpect.cases") + `: no case carries "expect"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeTB{}
			var ok bool
			f.run(func() { _, ok = loadFile(f, tc.file) })
			if ok || len(f.errors) != 1 || !strings.HasPrefix(f.errors[0], tc.want) {
				t.Errorf("loadFile = %v, errors %q; want a failure starting %q", ok, f.errors, tc.want)
			}
		})
	}
}

// TestG4LoadHelpers checks that ReadPolicy and Compile stop the test on a
// policy that does not parse or does not fit its slot.
func TestG4LoadHelpers(t *testing.T) {
	for _, tc := range []struct {
		name string
		call func(TB)
		want string
	}{
		{"G4/read-policy-missing-file", func(f TB) { ReadPolicy(f, filepath.Join("testdata", "none.json"), policy.KindIdentity) }, "evaltest.ReadPolicy: "},
		{"G5/read-policy-wrong-kind", func(f TB) {
			ReadPolicy(f, filepath.Join("testdata", "pass", "policies", "dev.json"), policy.KindResource)
		}, "evaltest.ReadPolicy: " + filepath.Join("testdata", "pass", "policies", "dev.json") + ":"},
		{"G5/compile-kind-mismatch", func(f TB) {
			n := ReadPolicy(f, filepath.Join("testdata", "pass", "policies", "dev.json"), policy.KindIdentity)
			Compile(f, evaluate.Policies{Boundary: &n})
		}, "evaltest.Compile: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeTB{}
			f.run(func() { tc.call(f) })
			if !f.fatal || len(f.errors) != 1 || !strings.HasPrefix(f.errors[0], tc.want) {
				t.Errorf("fatal %v, errors %q; want one fatal error starting %q", f.fatal, f.errors, tc.want)
			}
		})
	}
}

// TestE3RunPasses runs the helpers that need a *testing.T on inputs that
// pass.
func TestE3RunPasses(t *testing.T) {
	set := devSet(t)
	Run(t, set, []Case{
		{Name: "E3/dev-invokes-dev", Request: req("lambda:InvokeFunction", fnDev), Want: evaluate.Allow},
		{Name: "E3/dev-invokes-prod", Request: req("lambda:InvokeFunction", fnProd), Want: evaluate.ImplicitDeny},
		{Name: "E3/dev-deletes", Request: req("lambda:DeleteFunction", fnDev), Want: evaluate.ExplicitDeny},
		{Request: req("lambda:GetFunction", fnDev), Want: evaluate.Allow},
	})
	RunFile(t, filepath.Join("testdata", "pass", "cases.jsonl"))
	RunDir(t, filepath.Join("testdata", "pass"))
}
