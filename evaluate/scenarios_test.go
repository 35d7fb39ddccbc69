package evaluate_test

import (
	"fmt"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/benchscenario"
	"github.com/lambdaiam/lambdaiam/policy"
)

// The benchmark scenarios (see BENCHMARKS.md at the repository root),
// built by internal/benchscenario, which the comparison module ../bench
// uses too:
//
//   - small: ../testdata/bench/small.json, one identity policy of three
//     statements and a Lambda invoke.
//   - large: ../testdata/bench/large.json, one identity policy of 500
//     statements of which only the last one grants the request.
//   - mixed: large's statements spread over four identity policies, the
//     function policy, a permissions boundary and two SCP levels, with the
//     same request and the same answer (benchscenario.Mixed).
//   - lambda-resource: a function policy of 200 statements shaped like the
//     ones Lambda's AddPermission writes (service principals with
//     AWS:SourceArn and AWS:SourceAccount, other accounts, organization
//     grants), evaluated for a service invoke and a cross-account invoke.
//
// Parse benchmarks read each scenario's documents; the "parse" scenario of
// the issue is large's.

// scnDir is where the bench case files are.
var scnDir = filepath.Join("..", "testdata", "bench")

// The slots of scenario documents that the scaling benchmarks use.
const (
	slotIdentity = benchscenario.Identity
	slotResource = benchscenario.Resource
)

type scnDoc struct {
	slot benchscenario.Slot
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

// toScenario converts a benchscenario scenario.
func toScenario(tb testing.TB, bs benchscenario.Scenario) scenario {
	tb.Helper()
	s := scenario{name: bs.Name}
	for _, d := range bs.Docs {
		s.docs = append(s.docs, scnDoc{d.Slot, d.JSON})
	}
	for _, r := range bs.Requests {
		s.reqs = append(s.reqs, scnRequest{name: r.Name, req: scnEvalRequest(r), want: scnDecision(tb, r.Want)})
	}
	return s
}

func scnEvalRequest(r benchscenario.Request) evaluate.Request {
	return evaluate.Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource, Context: r.ConditionContext()}
}

func scnDecision(tb testing.TB, want benchscenario.Decision) evaluate.Decision {
	tb.Helper()
	for _, d := range []evaluate.Decision{evaluate.Allow, evaluate.ExplicitDeny, evaluate.ImplicitDeny} {
		if d.String() == string(want) {
			return d
		}
	}
	tb.Fatalf("unknown expect %q", want)
	return 0
}

// parse parses every document of s.
func (s scenario) parse(tb testing.TB) []*policy.Document {
	tb.Helper()
	docs := make([]*policy.Document, len(s.docs))
	for i, d := range s.docs {
		doc, err := policy.Parse(d.raw, policy.WithKind(d.slot.Kind()), policy.WithMaxBytes(max(len(d.raw), policy.DefaultMaxBytes)))
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
	named := make([]evaluate.Named, len(s.docs))
	slots := make([]benchscenario.Doc, len(s.docs))
	for i, doc := range s.parse(tb) {
		named[i] = evaluate.Named{Name: fmt.Sprintf("%s-%d", s.name, i), Doc: doc}
		slots[i] = benchscenario.Doc{Slot: s.docs[i].slot}
	}
	p := benchscenario.Place(slots, named)
	return evaluate.Policies{Identity: p.Identity, Resource: p.Resource, Boundary: p.Boundary, SCPs: p.SCPs}
}

func (s scenario) compile(tb testing.TB) *evaluate.Set {
	tb.Helper()
	set, err := evaluate.Compile(s.policies(tb))
	if err != nil {
		tb.Fatalf("%s: %v", s.name, err)
	}
	return set
}

// scnFile is a bench case file.
type scnFile struct{ benchscenario.File }

func readScnFile(tb testing.TB, name string) scnFile {
	tb.Helper()
	f, err := benchscenario.ReadFile(scnDir, name)
	if err != nil {
		tb.Fatal(err)
	}
	return scnFile{f}
}

// request builds the file's request (its context values are strings).
func (f scnFile) request(testing.TB) evaluate.Request {
	return scnEvalRequest(f.Request(""))
}

// scnPolicyDoc wraps statements into a 2012-10-17 document.
func scnPolicyDoc(stmts []string) []byte { return benchscenario.PolicyDoc(stmts) }

// lambdaStatementFor is the i-th statement of a function policy for
// function fn, in the shapes AddPermission writes, with tag in the source
// ARNs (see benchscenario.LambdaStatement).
func lambdaStatementFor(fn, tag string, i int) string {
	return benchscenario.LambdaStatement(fn, tag, i)
}

// lambdaResourceScenario: the function policy, plus the identity policy of
// the cross-account caller (identity policies play no part for a service
// principal).
func lambdaResourceScenario(tb testing.TB) scenario {
	tb.Helper()
	return toScenario(tb, benchscenario.LambdaResource())
}

func allScenarios(tb testing.TB) []scenario {
	tb.Helper()
	all, err := benchscenario.All(scnDir)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]scenario, len(all))
	for i, bs := range all {
		out[i] = toScenario(tb, bs)
	}
	return out
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
					if _, err := policy.Parse(d.raw, policy.WithKind(d.slot.Kind())); err != nil {
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
