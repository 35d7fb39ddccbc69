package evaluate_test

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
)

// Scaling benchmarks: evaluation time and memory against the number of
// statements of one identity policy, and against the number of functions
// whose resource policies one process holds. They build their inputs only
// when run with -bench; the one test below checks the generators on
// small sizes.

// scalingStatements returns n statements: large.json's statements in
// turn (renumbered so that every Sid is unique) with large.json's last
// statement, the only one that grants the request, at the end.
func scalingStatements(tb testing.TB, n int) []string {
	tb.Helper()
	f := readScnFile(tb, "large.json")
	var doc struct{ Statement []map[string]json.RawMessage }
	if err := json.Unmarshal(f.IdentityPolicies[0], &doc); err != nil {
		tb.Fatal(err)
	}
	body := make([]string, len(doc.Statement))
	for i, st := range doc.Statement {
		delete(st, "Sid")
		b, err := json.Marshal(st)
		if err != nil {
			tb.Fatal(err)
		}
		body[i] = strings.TrimPrefix(string(b), "{")
	}
	last, rest := body[len(body)-1], body[:len(body)-1]
	out := make([]string, n)
	for i := 0; i < n-1; i++ {
		out[i] = fmt.Sprintf(`{"Sid":"S%d",`, i) + rest[i%len(rest)]
	}
	out[n-1] = `{"Sid":"Last",` + last
	return out
}

// scalingSet compiles an identity policy of n statements.
func scalingSet(tb testing.TB, n int) (*evaluate.Set, evaluate.Request) {
	tb.Helper()
	f := readScnFile(tb, "large.json")
	s := scenario{name: fmt.Sprintf("statements-%d", n), docs: []scnDoc{{slotIdentity, scnPolicyDoc(scalingStatements(tb, n))}}}
	return s.compile(tb), f.request(tb)
}

// functionPolicy is the function policy of the k-th function: ten
// AddPermission-shaped statements, with source ARNs unique to the
// function.
func functionPolicy(k int) (fn string, doc []byte) {
	fn = fmt.Sprintf("arn:aws:lambda:us-east-1:111122223333:function:fn-%d", k)
	stmts := make([]string, 10)
	for i := range stmts {
		stmts[i] = lambdaStatementFor(fn, fmt.Sprintf("-fn%d", k), i)
	}
	return fn, scnPolicyDoc(stmts)
}

// functionSets compiles the resource policies of n functions, keyed by
// function ARN.
func functionSets(tb testing.TB, n int) map[string]*evaluate.Set {
	tb.Helper()
	sets := make(map[string]*evaluate.Set, n)
	for k := 0; k < n; k++ {
		fn, doc := functionPolicy(k)
		s := scenario{name: fn, docs: []scnDoc{{slotResource, doc}}}
		sets[fn] = s.compile(tb)
	}
	return sets
}

// functionRequests returns a service invoke of each of n functions that
// the function's policy allows.
func functionRequests(n int) []evaluate.Request {
	reqs := make([]evaluate.Request, n)
	for k := 0; k < n; k++ {
		fn, _ := functionPolicy(k)
		reqs[k] = evaluate.Request{
			Principal: "events.amazonaws.com", Action: "lambda:InvokeFunction", Resource: fn,
			Context: condition.NewContext(map[string][]string{
				"aws:SourceArn": {fmt.Sprintf("arn:aws:events:us-east-1:111122223333:rule/rule-fn%d-6", k)},
			}),
		}
	}
	return reqs
}

func TestScalingGenerators(t *testing.T) {
	for _, n := range []int{1, 10, 600} {
		t.Run(fmt.Sprintf("E3/statements-%d", n), func(t *testing.T) {
			set, req := scalingSet(t, n)
			if diff := cmp.Diff(evaluate.Allow, set.Decide(req)); diff != "" {
				t.Errorf("Decide (-want +got):\n%s", diff)
			}
		})
	}
	for _, n := range []int{0, 8, 800} {
		t.Run(fmt.Sprintf("E3/unrelated-%d", n), func(t *testing.T) {
			set, req := unrelatedSet(t, n)
			if diff := cmp.Diff(evaluate.Allow, set.Decide(req)); diff != "" {
				t.Errorf("Decide (-want +got):\n%s", diff)
			}
			// Every unrelated shape is in the policy and none applies:
			// the one reason is small.json's own grant.
			res := set.Evaluate(req)
			var sids []string
			for _, r := range res.Reasons {
				if r.Sid != "" {
					sids = append(sids, r.Sid)
				}
			}
			if diff := cmp.Diff([]string{"AllowInvokeApp"}, sids); diff != "" {
				t.Errorf("statements that applied (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("E6/functions-3", func(t *testing.T) {
		sets, reqs := functionSets(t, 3), functionRequests(3)
		for _, req := range reqs {
			if diff := cmp.Diff(evaluate.Allow, sets[req.Resource].Decide(req)); diff != "" {
				t.Errorf("%s: Decide (-want +got):\n%s", req.Resource, diff)
			}
			other := req
			other.Resource = reqs[len(reqs)-1].Resource
			if other.Resource != req.Resource && sets[other.Resource].Decide(other) != evaluate.ImplicitDeny {
				t.Errorf("%s: another function's source ARN is allowed", other.Resource)
			}
		}
	})
}

// unrelatedStatement is the i-th of the statements the sublinear benchmark
// adds: none can apply to lambda:InvokeFunction, in the shapes the action
// index buckets apart (other services' exact names and patterns, other
// Lambda names and prefixes, a NotAction that lists the action).
func unrelatedStatement(i int) string {
	switch i % 8 {
	case 0:
		return fmt.Sprintf(`{"Sid":"U%d","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-%d/*"}`, i, i)
	case 1:
		return fmt.Sprintf(`{"Sid":"U%d","Effect":"Allow","Action":["dynamodb:Get*","dynamodb:Query"],"Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/t%d"}`, i, i)
	case 2:
		return fmt.Sprintf(`{"Sid":"U%d","Effect":"Deny","Action":"lambda:Delete*","Resource":"arn:aws:lambda:us-east-1:111122223333:function:app-%d"}`, i, i)
	case 3:
		return fmt.Sprintf(`{"Sid":"U%d","Effect":"Allow","Action":["lambda:Get*","lambda:List*"],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"team-%d"}}}`, i, i)
	case 4:
		return fmt.Sprintf(`{"Sid":"U%d","Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}`, i)
	case 5:
		return fmt.Sprintf(`{"Sid":"U%d","Effect":"Deny","NotAction":["lambda:InvokeFunction","lambda:InvokeAsync"],"Resource":"arn:aws:s3:::locked-%d"}`, i, i)
	case 6:
		return fmt.Sprintf(`{"Sid":"U%d","Effect":"Allow","Action":"lambda:UpdateFunctionCode","Resource":"arn:aws:lambda:us-east-1:111122223333:function:svc-%d"}`, i, i)
	default:
		return fmt.Sprintf(`{"Sid":"U%d","Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:us-east-1:111122223333:q%d"}`, i, i)
	}
}

// unrelatedSet compiles small.json's identity policy with n unrelated
// statements before its own three.
func unrelatedSet(tb testing.TB, n int) (*evaluate.Set, evaluate.Request) {
	tb.Helper()
	f := readScnFile(tb, "small.json")
	var doc struct{ Statement []json.RawMessage }
	if err := json.Unmarshal(f.IdentityPolicies[0], &doc); err != nil {
		tb.Fatal(err)
	}
	stmts := make([]string, 0, n+len(doc.Statement))
	for i := 0; i < n; i++ {
		stmts = append(stmts, unrelatedStatement(i))
	}
	for _, st := range doc.Statement {
		stmts = append(stmts, string(st))
	}
	s := scenario{name: fmt.Sprintf("unrelated-%d", n), docs: []scnDoc{{slotIdentity, scnPolicyDoc(stmts)}}}
	return s.compile(tb), f.request(tb)
}

// BenchmarkScalingUnrelated: the small scenario with n statements added
// that cannot apply to its action. The target: 100,000 of them add
// less than 2x to the small scenario's time (n=0).
func BenchmarkScalingUnrelated(b *testing.B) {
	benchScaling(b, "unrelated", []int{0, 100, 1000, 10000, 100000}, false, unrelatedSet)
}

// benchScaling compiles build(n) for each n, checks that it allows, and
// times Decide (and Evaluate when evaluate is set) on it, reporting the
// heap the Set holds as set-B.
func benchScaling(b *testing.B, what string, sizes []int, withEvaluate bool, build func(testing.TB, int) (*evaluate.Set, evaluate.Request)) {
	build(b, sizes[0]) // load the catalog before measuring
	for _, n := range sizes {
		before := heapInUse()
		set, req := build(b, n)
		held := heapInUse() - before
		if set.Decide(req) != evaluate.Allow {
			b.Fatalf("%s=%d: not allowed", what, n)
		}
		b.Run(fmt.Sprintf("decide/%s=%d", what, n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				set.Decide(req)
			}
			b.ReportMetric(float64(held), "set-B")
		})
		if withEvaluate {
			b.Run(fmt.Sprintf("evaluate/%s=%d", what, n), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					set.Evaluate(req)
				}
				b.ReportMetric(float64(held), "set-B")
			})
		}
		runtime.KeepAlive(set)
	}
}

// heapInUse returns the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkScalingStatements: Decide and Evaluate on an identity policy of
// n statements whose last statement grants; set-B is the heap the
// compiled Set holds.
func BenchmarkScalingStatements(b *testing.B) {
	benchScaling(b, "statements", []int{10, 100, 1000, 10000, 100000}, true, scalingSet)
}

// BenchmarkScalingFunctions: n functions' resource policies compiled and
// held in a map by function ARN; each iteration looks up the next
// function's Set and decides a service invoke on it. heap-B/function is
// the heap the sets and the map hold, per function (the requests are
// built before it is measured).
func BenchmarkScalingFunctions(b *testing.B) {
	for _, n := range []int{1, 10, 100, 1000, 10000} {
		functionSets(b, 1) // load the catalog before measuring
		reqs := functionRequests(n)
		before := heapInUse()
		sets := functionSets(b, n)
		held := heapInUse() - before
		b.Run(fmt.Sprintf("decide/functions=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				req := &reqs[i%n]
				if sets[req.Resource].Decide(*req) != evaluate.Allow {
					b.Fatal("not allowed")
				}
			}
			b.ReportMetric(float64(held)/float64(n), "heap-B/function")
		})
		runtime.KeepAlive(sets)
	}
}
