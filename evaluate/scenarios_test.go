package evaluate_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// The benchmark scenarios (see BENCHMARKS.md at the repository root):
//
//   - small: ../testdata/bench/small.json, one identity policy of three
//     statements and a Lambda invoke.
//   - large: ../testdata/bench/large.json, one identity policy of 500
//     statements of which only the last one grants the request.
//   - mixed: large's statements spread over four identity policies, the
//     function policy, a permissions boundary and two SCP levels, with the
//     same request and the same answer.
//   - lambda-resource: a function policy of 200 statements shaped like the
//     ones Lambda's AddPermission writes (service principals with
//     AWS:SourceArn and AWS:SourceAccount, other accounts, organization
//     grants), evaluated for a service invoke and a cross-account invoke.
//
// Parse benchmarks read each scenario's documents; the "parse" scenario of
// the issue is large's.

// scnSlot is where a scenario document goes in evaluate.Policies.
type scnSlot int

const (
	slotIdentity scnSlot = iota
	slotResource
	slotBoundary
	slotSCP0
	slotSCP1
)

func (s scnSlot) kind() policy.Kind {
	switch s {
	case slotResource:
		return policy.KindResource
	case slotBoundary:
		return policy.KindBoundary
	case slotSCP0, slotSCP1:
		return policy.KindSCP
	}
	return policy.KindIdentity
}

type scnDoc struct {
	slot scnSlot
	raw  []byte
}

type scnRequest struct {
	name string
	req  evaluate.Request
	want evaluate.Decision
}

type scenario struct {
	name string
	docs []scnDoc
	reqs []scnRequest
}

// parse parses every document of s.
func (s scenario) parse(tb testing.TB) []*policy.Document {
	tb.Helper()
	docs := make([]*policy.Document, len(s.docs))
	for i, d := range s.docs {
		doc, err := policy.Parse(d.raw, policy.WithKind(d.slot.kind()), policy.WithMaxBytes(max(len(d.raw), policy.DefaultMaxBytes)))
		if err != nil {
			tb.Fatalf("%s: document %d: %v", s.name, i, err)
		}
		docs[i] = doc
	}
	return docs
}

// policies places the parsed documents in their slots.
func (s scenario) policies(tb testing.TB) evaluate.Policies {
	tb.Helper()
	var p evaluate.Policies
	var scp [2][]evaluate.Named
	for i, doc := range s.parse(tb) {
		n := evaluate.Named{Name: fmt.Sprintf("%s-%d", s.name, i), Doc: doc}
		switch s.docs[i].slot {
		case slotIdentity:
			p.Identity = append(p.Identity, n)
		case slotResource:
			p.Resource = &n
		case slotBoundary:
			p.Boundary = &n
		case slotSCP0:
			scp[0] = append(scp[0], n)
		case slotSCP1:
			scp[1] = append(scp[1], n)
		}
	}
	for _, level := range scp {
		if level != nil {
			p.SCPs = append(p.SCPs, level)
		}
	}
	return p
}

func (s scenario) compile(tb testing.TB) *evaluate.Set {
	tb.Helper()
	set, err := evaluate.Compile(s.policies(tb))
	if err != nil {
		tb.Fatalf("%s: %v", s.name, err)
	}
	return set
}

// scnFile is the part of a bench case file the scenarios use.
type scnFile struct {
	Principal, Action, Resource, Expect string
	Context                             map[string]json.RawMessage
	IdentityPolicies                    []json.RawMessage
}

func readScnFile(tb testing.TB, name string) scnFile {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "bench", name))
	if err != nil {
		tb.Fatal(err)
	}
	var f scnFile
	if err := json.Unmarshal(data, &f); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return f
}

// request builds the file's request; context values are strings or lists
// of strings.
func (f scnFile) request(tb testing.TB) evaluate.Request {
	tb.Helper()
	kv := make(map[string][]string, len(f.Context))
	for k, raw := range f.Context {
		var one string
		if json.Unmarshal(raw, &one) == nil {
			kv[k] = []string{one}
			continue
		}
		var many []string
		if err := json.Unmarshal(raw, &many); err != nil {
			tb.Fatalf("context %s: %v", k, err)
		}
		kv[k] = many
	}
	return evaluate.Request{Principal: f.Principal, Action: f.Action, Resource: f.Resource, Context: condition.NewContext(kv)}
}

func (f scnFile) want(tb testing.TB) evaluate.Decision {
	tb.Helper()
	for _, d := range []evaluate.Decision{evaluate.Allow, evaluate.ExplicitDeny, evaluate.ImplicitDeny} {
		if d.String() == f.Expect {
			return d
		}
	}
	tb.Fatalf("unknown expect %q", f.Expect)
	return 0
}

func fileScenario(tb testing.TB, name, file string) scenario {
	tb.Helper()
	f := readScnFile(tb, file)
	s := scenario{name: name}
	for _, raw := range f.IdentityPolicies {
		s.docs = append(s.docs, scnDoc{slotIdentity, raw})
	}
	s.reqs = []scnRequest{{name: "invoke", req: f.request(tb), want: f.want(tb)}}
	return s
}

func smallScenario(tb testing.TB) scenario { return fileScenario(tb, "small", "small.json") }
func largeScenario(tb testing.TB) scenario { return fileScenario(tb, "large", "large.json") }

// scnPolicyDoc wraps statements into a 2012-10-17 document.
func scnPolicyDoc(stmts []string) []byte {
	return []byte(`{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`)
}

// mixedScenario spreads large.json's statements over several policy types
// so that the answer stays the same: the n-th Allow goes to identity
// policy n%5 for n%5 < 4 and otherwise to the function policy, granted to
// the caller's role (the boundary, which allows everything, does not cap
// it); the n-th Deny goes in turn to an identity policy, the function
// policy (Principal "*"), the boundary and the two SCP levels, each of
// which also allows everything. Every Deny still applies where it did and
// every Allow still grants.
func mixedScenario(tb testing.TB) scenario {
	tb.Helper()
	f := readScnFile(tb, "large.json")
	if len(f.IdentityPolicies) != 1 {
		tb.Fatalf("large.json: want one identity policy")
	}
	var doc struct{ Statement []json.RawMessage }
	if err := json.Unmarshal(f.IdentityPolicies[0], &doc); err != nil {
		tb.Fatal(err)
	}
	var id [4][]string
	var res, bnd []string
	scp := [2][]string{{`{"Sid":"FullAWSAccess","Effect":"Allow","Action":"*","Resource":"*"}`}, {`{"Sid":"FullAWSAccess","Effect":"Allow","Action":"*","Resource":"*"}`}}
	principal, _ := json.Marshal(f.Principal)
	allows, denies := 0, 0
	for _, raw := range doc.Statement {
		var st struct{ Effect string }
		if err := json.Unmarshal(raw, &st); err != nil {
			tb.Fatal(err)
		}
		body := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(string(raw)), "{"), "}")
		if st.Effect == "Allow" {
			if k := allows % 5; k < 4 {
				id[k] = append(id[k], "{"+body+"}")
			} else {
				res = append(res, `{"Principal":{"AWS":`+string(principal)+`},`+body+"}")
			}
			allows++
			continue
		}
		switch denies % 5 {
		case 0:
			k := denies / 5 % 4
			id[k] = append(id[k], "{"+body+"}")
		case 1:
			res = append(res, `{"Principal":"*",`+body+"}")
		case 2:
			bnd = append(bnd, "{"+body+"}")
		case 3:
			scp[0] = append(scp[0], "{"+body+"}")
		default:
			scp[1] = append(scp[1], "{"+body+"}")
		}
		denies++
	}
	bnd = append(bnd, `{"Effect":"Allow","Action":"*","Resource":"*"}`)
	s := scenario{name: "mixed"}
	for _, stmts := range id {
		s.docs = append(s.docs, scnDoc{slotIdentity, scnPolicyDoc(stmts)})
	}
	s.docs = append(s.docs,
		scnDoc{slotResource, scnPolicyDoc(res)},
		scnDoc{slotBoundary, scnPolicyDoc(bnd)},
		scnDoc{slotSCP0, scnPolicyDoc(scp[0])},
		scnDoc{slotSCP1, scnPolicyDoc(scp[1])},
	)
	s.reqs = []scnRequest{{name: "invoke", req: f.request(tb), want: f.want(tb)}}
	return s
}

// The lambda-resource scenario's function, caller and constants.
const (
	scnFunction       = "arn:aws:lambda:us-east-1:111122223333:function:app-orders"
	scnFunctionOwner  = "111122223333"
	scnStatements     = 200
	scnServiceMatch   = 196 // an events.amazonaws.com statement
	scnAccountMatch   = 198 // an account statement
	scnAccountBase    = 400000000000
	scnCrossAccountFn = "arn:aws:iam::%012d:role/caller"
)

// lambdaStatement is the i-th statement of the lambda-resource function
// policy, in the shapes AddPermission writes, in turn: Amazon S3, Amazon
// EventBridge and API Gateway with AWS:SourceArn (and, for S3,
// AWS:SourceAccount), another account, and an organization.
func lambdaStatement(i int) string { return lambdaStatementFor(scnFunction, "", i) }

// lambdaStatementFor is lambdaStatement for function fn, with tag in the
// source ARNs.
func lambdaStatementFor(fn, tag string, i int) string {
	head := fmt.Sprintf(`{"Sid":"stmt-%d","Effect":"Allow","Action":"lambda:InvokeFunction","Resource":%q,`, i, fn)
	switch i % 5 {
	case 0:
		return head + fmt.Sprintf(`"Principal":{"Service":"s3.amazonaws.com"},"Condition":{"StringEquals":{"AWS:SourceAccount":%q},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::bucket-%d"}}}`, scnFunctionOwner, i)
	case 1:
		return head + fmt.Sprintf(`"Principal":{"Service":"events.amazonaws.com"},"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:events:us-east-1:%s:rule/rule%s-%d"}}}`, scnFunctionOwner, tag, i)
	case 2:
		return head + fmt.Sprintf(`"Principal":{"Service":"apigateway.amazonaws.com"},"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:%s:api%d/*/POST/orders"}}}`, scnFunctionOwner, i)
	case 3:
		return head + fmt.Sprintf(`"Principal":{"AWS":"arn:aws:iam::%012d:root"}}`, scnAccountBase+i)
	default:
		return head + fmt.Sprintf(`"Principal":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-org%07d"}}}`, i)
	}
}

// lambdaResourceScenario: the function policy, plus the identity policy of
// the cross-account caller (identity policies play no part for a service
// principal).
func lambdaResourceScenario(tb testing.TB) scenario {
	tb.Helper()
	stmts := make([]string, scnStatements)
	for i := range stmts {
		stmts[i] = lambdaStatement(i)
	}
	caller := fmt.Sprintf(scnCrossAccountFn, scnAccountBase+scnAccountMatch)
	return scenario{
		name: "lambda-resource",
		docs: []scnDoc{
			{slotResource, scnPolicyDoc(stmts)},
			{slotIdentity, scnPolicyDoc([]string{`{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:111122223333:function:*"}`})},
		},
		reqs: []scnRequest{
			{name: "service-invoke", want: evaluate.Allow, req: evaluate.Request{
				Principal: "events.amazonaws.com", Action: "lambda:InvokeFunction", Resource: scnFunction,
				Context: condition.NewContext(map[string][]string{
					"aws:SourceArn":     {fmt.Sprintf("arn:aws:events:us-east-1:%s:rule/rule-%d", scnFunctionOwner, scnServiceMatch)},
					"aws:SourceAccount": {scnFunctionOwner},
				}),
			}},
			{name: "cross-account-invoke", want: evaluate.Allow, req: evaluate.Request{
				Principal: caller, Action: "lambda:InvokeFunction", Resource: scnFunction,
				Context: condition.NewContext(map[string][]string{"aws:PrincipalOrgID": {"o-other000000"}}),
			}},
		},
	}
}

func allScenarios(tb testing.TB) []scenario {
	tb.Helper()
	return []scenario{smallScenario(tb), largeScenario(tb), mixedScenario(tb), lambdaResourceScenario(tb)}
}

// TestScenarioDecisions checks every scenario's answer with Decide and
// Evaluate, and a few near misses that show the scenarios are not
// trivially allowed.
func TestScenarioDecisions(t *testing.T) {
	for _, s := range allScenarios(t) {
		set := s.compile(t)
		for _, r := range s.reqs {
			t.Run("E3/"+s.name+"/"+r.name, func(t *testing.T) {
				if diff := cmp.Diff(r.want, set.Decide(r.req)); diff != "" {
					t.Errorf("Decide (-want +got):\n%s", diff)
				}
				res := set.Evaluate(r.req)
				if diff := cmp.Diff(r.want, res.Decision); diff != "" {
					t.Errorf("Evaluate (-want +got):\n%s", diff)
				}
				if res.Err != nil {
					t.Errorf("Evaluate error: %v", res.Err)
				}
			})
		}
	}
	ls := lambdaResourceScenario(t)
	set := ls.compile(t)
	for _, tc := range []struct {
		name string
		edit func(r *evaluate.Request)
		want evaluate.Decision
	}{
		{"E6/lambda-resource/other-rule", func(r *evaluate.Request) {
			r.Principal = "events.amazonaws.com"
			r.Context = condition.NewContext(map[string][]string{"aws:SourceArn": {"arn:aws:events:us-east-1:111122223333:rule/rule-7"}})
		}, evaluate.ImplicitDeny},
		{"E5/lambda-resource/unlisted-account", func(r *evaluate.Request) {
			r.Principal = "arn:aws:iam::999988887777:role/caller"
		}, evaluate.ImplicitDeny},
		{"E5/lambda-resource/org-grant", func(r *evaluate.Request) {
			r.Principal = "arn:aws:iam::999988887777:role/caller"
			r.Context = condition.NewContext(map[string][]string{"aws:PrincipalOrgID": {"o-org0000004"}})
		}, evaluate.Allow},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := ls.reqs[1].req
			tc.edit(&req)
			if diff := cmp.Diff(tc.want, set.Decide(req)); diff != "" {
				t.Errorf("Decide (-want +got):\n%s", diff)
			}
		})
	}
}

// Allocation pins: the counts measured when the scenarios were written.
// Decide and Evaluate are pinned exactly (Decide allocates nothing);
// Parse and Compile are pinned as ceilings, so that a cheaper compiler
// passes and a costlier one fails. Compile's ceilings are about 1% over
// its count: the count varies by a few from run to run, as the maps it
// builds grow differently under the runtime's random hash seeds.
var scnAllocPins = map[string]struct{ parse, compile int }{
	"small":           {20, 112},
	"large":           {1826, 10230},
	"mixed":           {2184, 10710},
	"lambda-resource": {2384, 6900},
}

var scnEvaluatePins = map[string]int{
	"small/invoke":                         3,
	"large/invoke":                         3,
	"mixed/invoke":                         13,
	"lambda-resource/service-invoke":       3,
	"lambda-resource/cross-account-invoke": 6,
}

func TestScenarioAllocs(t *testing.T) {
	for _, s := range allScenarios(t) {
		set := s.compile(t)
		for _, r := range s.reqs {
			key := s.name + "/" + r.name
			t.Run("E3/"+key, func(t *testing.T) {
				req := r.req
				if n := testing.AllocsPerRun(100, func() { set.Decide(req) }); n != 0 {
					t.Errorf("Decide: %v allocs per call, want 0", n)
				}
				n := testing.AllocsPerRun(100, func() { set.Evaluate(req) })
				if diff := cmp.Diff(float64(scnEvaluatePins[key]), n); diff != "" {
					t.Errorf("Evaluate allocs (-want +got):\n%s", diff)
				}
			})
		}
		t.Run("G1/"+s.name+"/parse-compile", func(t *testing.T) {
			if raceEnabled() {
				t.Skip("the race detector changes Parse and Compile allocation counts")
			}
			pin := scnAllocPins[s.name]
			if n := testing.AllocsPerRun(2, func() { s.parse(t) }); n > float64(pin.parse) {
				t.Errorf("Parse: %v allocs, want at most %d", n, pin.parse)
			}
			p := s.policies(t)
			if n := testing.AllocsPerRun(2, func() { _, _ = evaluate.Compile(p) }); n > float64(pin.compile) {
				t.Errorf("Compile: %v allocs, want at most %d", n, pin.compile)
			}
		})
	}
}

// raceEnabled reports whether the test binary was built with -race.
func raceEnabled() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

func BenchmarkScenarioParse(b *testing.B) {
	for _, s := range allScenarios(b) {
		size := 0
		for _, d := range s.docs {
			size += len(d.raw)
		}
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size))
			for i := 0; i < b.N; i++ {
				for _, d := range s.docs {
					if _, err := policy.Parse(d.raw, policy.WithKind(d.slot.kind())); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func BenchmarkScenarioCompile(b *testing.B) {
	for _, s := range allScenarios(b) {
		p := s.policies(b)
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := evaluate.Compile(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkScenarioDecide(b *testing.B) {
	for _, s := range allScenarios(b) {
		set := s.compile(b)
		for _, r := range s.reqs {
			req := r.req
			b.Run(s.name+"/"+r.name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					set.Decide(req)
				}
			})
		}
	}
}

func BenchmarkScenarioEvaluate(b *testing.B) {
	for _, s := range allScenarios(b) {
		set := s.compile(b)
		for _, r := range s.reqs {
			req := r.req
			b.Run(s.name+"/"+r.name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					set.Evaluate(req)
				}
			})
		}
	}
}
