package evaluate_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// The fail-closed audit (package documentation, "Fail-closed"): one test
// row per error path. Every row runs under policies that allow the request
// (an identity policy and a resource policy that allow everything to
// everyone), so an error is the only thing that can stop the Allow; the
// row checks that it does, with ImplicitDeny and an *evaluate.Error of the
// expected code, from Evaluate, EvaluateContext and Decide alike.

// allowEverything is the policy set every row starts from.
func allowEverything(t testing.TB) evaluate.Policies {
	return pols{
		identity: []string{pol(allowAll)},
		resource: pol(`"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"`),
	}.build(t)
}

// outcome is what a fail-closed row checks.
type outcome struct {
	Decision evaluate.Decision
	Code     evaluate.Code
	Reasons  int
}

// errCode returns the code of an *evaluate.Error, or "" for nil and
// "not an *evaluate.Error" for anything else.
func errCode(err error) evaluate.Code {
	if err == nil {
		return ""
	}
	var e *evaluate.Error
	if !errors.As(err, &e) {
		return "not an *evaluate.Error"
	}
	return e.Code
}

// checkStopped runs req through Evaluate (or EvaluateContext with ctx) and
// Decide and checks that both deny with code.
func checkStopped(t *testing.T, set *evaluate.Set, ctx context.Context, req evaluate.Request, code evaluate.Code) {
	t.Helper()
	var res evaluate.Result
	if ctx != nil {
		res = set.EvaluateContext(ctx, req)
	} else {
		res = set.Evaluate(req)
	}
	want := outcome{Decision: evaluate.ImplicitDeny, Code: code}
	got := outcome{Decision: res.Decision, Code: errCode(res.Err), Reasons: len(res.Reasons)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Evaluate (-want +got):\n%s", diff)
	}
	if ctx == nil {
		if d := set.Decide(req); d != evaluate.ImplicitDeny {
			t.Errorf("Decide = %v, want ImplicitDeny", d)
		}
	}
}

// TestFailClosedCompile: every Compile error leaves no Set to evaluate,
// and the one-off Evaluate turns it into ImplicitDeny with the error.
func TestFailClosedCompile(t *testing.T) {
	good := allowEverything(t)
	scp := parse(t, policy.KindSCP, "scp", pol(allowAll))
	shortSCP := parse(t, policy.KindSCP, "short", pol(`"Effect":"Allow","Action":"*","Resource":"arn:aws:lambda"`))
	noEffect := &policy.Document{Kind: policy.KindIdentity, Statements: []policy.Statement{
		{Action: []string{"*"}, Resource: []string{"*"}},
	}}
	badCondition := &policy.Document{Kind: policy.KindIdentity, Version: policy.Version2012, Statements: []policy.Statement{
		{Effect: policy.Allow, Action: []string{"*"}, Resource: []string{"*"},
			Conditions: []policy.Condition{{Operator: condition.Operator{Base: condition.NumericEquals}, Key: "aws:MultiFactorAuthAge", Values: []string{"ten"}}}},
	}}
	with := func(f func(p *evaluate.Policies)) evaluate.Policies {
		p := good
		p.Identity = append([]evaluate.Named(nil), good.Identity...)
		f(&p)
		return p
	}
	for _, tc := range []struct {
		name string
		p    evaluate.Policies
		opts []evaluate.Option
		code evaluate.Code
	}{
		{"E3/fail-closed-missing-document", with(func(p *evaluate.Policies) { p.Boundary = &evaluate.Named{Name: "b"} }), nil, evaluate.CodeMissingDocument},
		{"E3/fail-closed-kind-does-not-fit-slot", with(func(p *evaluate.Policies) { p.Identity = append(p.Identity, *scp) }), nil, evaluate.CodePolicyKind},
		{"E3/fail-closed-statement-without-effect", with(func(p *evaluate.Policies) {
			p.Identity = append(p.Identity, evaluate.Named{Name: "hand-built", Doc: noEffect})
		}), nil, evaluate.CodeInvalidPolicy},
		{"E3/fail-closed-condition-does-not-compile", with(func(p *evaluate.Policies) {
			p.Identity = append(p.Identity, evaluate.Named{Name: "hand-built", Doc: badCondition})
		}), nil, evaluate.CodeInvalidPolicy},
		{"M3.6/fail-closed-short-pattern-in-scp", with(func(p *evaluate.Policies) { p.SCPs = [][]evaluate.Named{{*shortSCP}} }), nil, evaluate.CodeInvalidPolicy},
		{"E3/fail-closed-too-many-statements", good, []evaluate.Option{evaluate.WithMaxStatements(1)}, evaluate.CodeLimit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := evaluate.Evaluate(invoke(userA, fnA), tc.p, tc.opts...)
			got := outcome{Decision: res.Decision, Code: errCode(err), Reasons: len(res.Reasons)}
			if diff := cmp.Diff(outcome{Decision: evaluate.ImplicitDeny, Code: tc.code}, got); diff != "" {
				t.Errorf("Evaluate (-want +got):\n%s", diff)
			}
			if res.Err != err {
				t.Errorf("Result.Err = %v, want the returned error %v", res.Err, err)
			}
			set, err := evaluate.Compile(tc.p, tc.opts...)
			switch {
			case err != nil:
				if set != nil || errCode(err) != tc.code {
					t.Errorf("Compile = %v, %v; want no Set and code %q", set, err, tc.code)
				}
			case tc.code == evaluate.CodeLimit:
				// A bound checked when the Set is used rather than built:
				// the Set then never allows.
				checkStopped(t, set, nil, invoke(userA, fnA), tc.code)
			default:
				t.Errorf("Compile succeeded, want code %q", tc.code)
			}
		})
	}
	// The same sets without the fault allow, so the fault is what denies.
	if res, err := evaluate.Evaluate(invoke(userA, fnA), good); err != nil || res.Decision != evaluate.Allow {
		t.Fatalf("control: %v, %v; want Allow", res.Decision, err)
	}
}

// TestFailClosedSet: a nil *Set, or a Set not built by Compile, never
// allows and never panics.
func TestFailClosedSet(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  *evaluate.Set
	}{
		{"E3/fail-closed-nil-set", nil},
		{"E3/fail-closed-zero-set", new(evaluate.Set)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkStopped(t, tc.set, nil, invoke(userA, fnA), evaluate.CodeNotCompiled)
			checkStopped(t, tc.set, context.Background(), invoke(userA, fnA), evaluate.CodeNotCompiled)
		})
	}
}

// TestFailClosedRequest: a request that cannot be evaluated (rule E3 step
// 0) is denied with its error, one row per check.
func TestFailClosedRequest(t *testing.T) {
	set, err := evaluate.Compile(allowEverything(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		req  evaluate.Request
		code evaluate.Code
	}{
		{"E3/fail-closed-bad-principal", evaluate.Request{Principal: "arn:aws:iam::111122223333:group/g", Action: "lambda:InvokeFunction", Resource: fnA}, evaluate.CodeInvalidPrincipal},
		{"E3/fail-closed-bad-action", evaluate.Request{Principal: userA, Action: "InvokeFunction", Resource: fnA}, evaluate.CodeInvalidAction},
		{"E3/fail-closed-bad-resource", evaluate.Request{Principal: userA, Action: "lambda:InvokeFunction", Resource: "orders"}, evaluate.CodeInvalidResource},
		{"E3/fail-closed-bad-resource-account", evaluate.Request{Principal: userA, Action: "lambda:InvokeFunction", Resource: fnA, ResourceAccount: "1"}, evaluate.CodeInvalidResource},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkStopped(t, set, nil, tc.req, tc.code)
			checkStopped(t, set, context.Background(), tc.req, tc.code)
		})
	}
}

// countingCtx is a context whose Err turns to context.Canceled after a
// given number of calls, to cancel an evaluation half-way.
type countingCtx struct {
	context.Context
	calls atomic.Int64
	after int64
}

func (c *countingCtx) Err() error {
	if c.calls.Add(1) > c.after {
		return context.Canceled
	}
	return nil
}

// TestFailClosedContext: a done context denies, before evaluation starts
// or half-way through it, and the error wraps the context's.
func TestFailClosedContext(t *testing.T) {
	// Many Deny statements that name the action but not the resource, so
	// that the action index cannot skip them and evaluation polls the
	// context several times before it reaches the Allow.
	stmts := make([]string, 0, 201)
	for i := 0; i < 200; i++ {
		stmts = append(stmts, `"Effect":"Deny","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:*:*:function:never-`+itoa(i)+`"`)
	}
	stmts = append(stmts, allowAll)
	set, err := evaluate.Compile(pols{identity: []string{pol(stmts...)}}.build(t))
	if err != nil {
		t.Fatal(err)
	}
	req := invoke(userA, fnA)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel2()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		is   error
	}{
		{"E3/fail-closed-cancelled-before", cancelled, context.Canceled},
		{"E3/fail-closed-deadline-passed", expired, context.DeadlineExceeded},
		{"E3/fail-closed-cancelled-during", &countingCtx{Context: context.Background(), after: 1}, context.Canceled},
		{"E3/fail-closed-cancelled-at-the-end", &countingCtx{Context: context.Background(), after: 7}, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkStopped(t, set, tc.ctx, req, evaluate.CodeCanceled)
			if res := set.EvaluateContext(tc.ctx, req); !errors.Is(res.Err, tc.is) {
				t.Errorf("Err = %v, want it to wrap %v", res.Err, tc.is)
			}
		})
	}
	t.Run("E3/fail-closed-live-context-allows", func(t *testing.T) {
		for _, ctx := range []context.Context{context.Background(), &countingCtx{Context: context.Background(), after: 1 << 30}} {
			res := set.EvaluateContext(ctx, req)
			if res.Err != nil || res.Decision != evaluate.Allow {
				t.Errorf("EvaluateContext = %v, %v; want Allow", res.Decision, res.Err)
			}
			if diff := cmp.Diff(set.Evaluate(req), res); diff != "" {
				t.Errorf("EvaluateContext differs from Evaluate (-want +got):\n%s", diff)
			}
		}
	})
}

// TestFailClosedConditionWork: WithMaxConditionWork stops an evaluation
// that needs more condition work, also when the work is a Deny's: skipping
// the Deny would allow, stopping denies.
func TestFailClosedConditionWork(t *testing.T) {
	// 3 policy values × 2 request values: each evaluation of the condition
	// costs 6.
	cond := `"Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["a*","b*","c*"]}}`
	req := invoke(userA, fnA)
	c := new(condition.Context)
	c.SetMulti("aws:TagKeys", []string{"x", "c1"})
	req.Context = c
	allow := []string{allowAll + "," + cond}
	deny := []string{allowAll, `"Effect":"Deny","Action":"*","Resource":"*",` + cond}
	for _, tc := range []struct {
		name  string
		stmts []string
		limit int
		// Evaluate looks at the Allow again to explain it: it needs twice
		// the work of Decide on the Allow rows.
		eval, decide evaluate.Decision
		code         evaluate.Code
	}{
		{"C1/work-within-limit-allows", allow, 12, evaluate.Allow, evaluate.Allow, ""},
		{"C1/work-within-limit-for-decide-only", allow, 6, evaluate.ImplicitDeny, evaluate.Allow, evaluate.CodeLimit},
		{"C1/work-over-limit-denies", allow, 5, evaluate.ImplicitDeny, evaluate.ImplicitDeny, evaluate.CodeLimit},
		{"C1/work-within-limit-deny-applies", deny, 6, evaluate.ExplicitDeny, evaluate.ExplicitDeny, ""},
		{"C1/work-over-limit-in-deny-does-not-allow", deny, 5, evaluate.ImplicitDeny, evaluate.ImplicitDeny, evaluate.CodeLimit},
		{"C1/no-limit", allow, 0, evaluate.Allow, evaluate.Allow, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, err := evaluate.Compile(pols{identity: []string{pol(tc.stmts...)}}.build(t), evaluate.WithMaxConditionWork(tc.limit))
			if err != nil {
				t.Fatal(err)
			}
			res := set.Evaluate(req)
			got := outcome{Decision: res.Decision, Code: errCode(res.Err)}
			if diff := cmp.Diff(outcome{Decision: tc.eval, Code: tc.code}, got); diff != "" {
				t.Errorf("Evaluate (-want +got):\n%s", diff)
			}
			if d := set.Decide(req); d != tc.decide {
				t.Errorf("Decide = %v, want %v", d, tc.decide)
			}
		})
	}
}

// TestFailClosedPanic: a panic during evaluation (here in a function given
// to an Option) is recovered as ImplicitDeny with CodeInternal.
func TestFailClosedPanic(t *testing.T) {
	set, err := evaluate.Compile(allowEverything(t), evaluate.WithWildcardOnlyActions(func(string) bool { panic("boom") }))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("E3/fail-closed-panic", func(t *testing.T) {
		checkStopped(t, set, nil, invoke(userA, fnA), evaluate.CodeInternal)
		checkStopped(t, set, context.Background(), invoke(userA, fnA), evaluate.CodeInternal)
	})
}

// TestFailClosedValues: values the evaluator cannot read are not errors
// but never make an Allow apply (rule C4.4 for request values, D3 for
// variables): an Allow whose condition or Resource depends on them does
// not grant, whether the operator is positive or negated.
func TestFailClosedValues(t *testing.T) {
	req := invoke(userA, fnA)
	req.Context = ctx("aws:MultiFactorAuthAge", "ten", "aws:SourceIp", "not-an-address", "aws:CurrentTime", "yesterday")
	runDecisions(t, []decisionCase{
		{name: "C4.4/unreadable-number-positive", req: req, pols: pols{identity: []string{pol(allowAll + `,"Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}`)}}, want: evaluate.ImplicitDeny},
		{name: "C4.4/unreadable-number-negated", req: req, pols: pols{identity: []string{pol(allowAll + `,"Condition":{"NumericNotEquals":{"aws:MultiFactorAuthAge":"3600"}}`)}}, want: evaluate.ImplicitDeny},
		{name: "C4.4/unreadable-address-negated", req: req, pols: pols{identity: []string{pol(allowAll + `,"Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`)}}, want: evaluate.ImplicitDeny},
		{name: "C4.4/unreadable-date-negated", req: req, pols: pols{identity: []string{pol(allowAll + `,"Condition":{"DateNotEquals":{"aws:CurrentTime":"2026-01-01"}}`)}}, want: evaluate.ImplicitDeny},
		{name: "D3/unresolved-variable-in-resource", req: req, pols: pols{identity: []string{pol(`"Effect":"Allow","Action":"*","Resource":"arn:aws:lambda:*:*:function:${aws:PrincipalTag/team}"`)}}, want: evaluate.ImplicitDeny},
	})
	var zero evaluate.Decision
	if zero != evaluate.ImplicitDeny {
		t.Errorf("the zero Decision is %v, want ImplicitDeny", zero)
	}
}

// A cancelled context stops evaluation with ImplicitDeny, whatever the
// policies say.
func ExampleSet_EvaluateContext() {
	doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"lambda:*","Resource":"*"}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := evaluate.Compile(evaluate.Policies{Identity: []evaluate.Named{{Name: "dev", Doc: doc}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	req := evaluate.Request{
		Principal: "arn:aws:iam::111122223333:user/priya",
		Action:    "lambda:InvokeFunction",
		Resource:  "arn:aws:lambda:us-east-1:111122223333:function:orders",
	}
	fmt.Println(set.EvaluateContext(context.Background(), req).Decision)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := set.EvaluateContext(ctx, req)
	fmt.Println(res.Decision, errors.Is(res.Err, context.Canceled))
	// Output:
	// Allow
	// ImplicitDeny true
}

// WithMaxConditionWork bounds what one request may cost: here 3 policy
// values times 2 request values is more than 4.
func ExampleWithMaxConditionWork() {
	doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"lambda:TagResource","Resource":"*",
		"Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team","env","owner"]}}}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := evaluate.Compile(evaluate.Policies{Identity: []evaluate.Named{{Name: "tagger", Doc: doc}}},
		evaluate.WithMaxConditionWork(4))
	if err != nil {
		fmt.Println(err)
		return
	}
	tags := new(condition.Context)
	tags.SetMulti("aws:TagKeys", []string{"team", "env"})
	res := set.Evaluate(evaluate.Request{
		Principal: "arn:aws:iam::111122223333:user/priya",
		Action:    "lambda:TagResource",
		Resource:  "arn:aws:lambda:us-east-1:111122223333:function:orders",
		Context:   tags,
	})
	var e *evaluate.Error
	fmt.Println(res.Decision, errors.As(res.Err, &e) && e.Code == evaluate.CodeLimit)
	// Output:
	// ImplicitDeny true
}
