package evaluate_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

// loadBench reads one case of ../testdata/bench.
func loadBench(tb testing.TB, name string) caseload.Case {
	tb.Helper()
	path := filepath.Join("..", "testdata", "bench", name)
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	cases, err := caseload.Load(data, name)
	if err != nil {
		tb.Fatal(err)
	}
	if len(cases) != 1 || cases[0].Err != nil {
		tb.Fatalf("%s: want one valid case, got %d (%v)", name, len(cases), cases[0].Err)
	}
	return cases[0]
}

// splitLarge rebuilds large.json's 500 identity statements as three
// policies with the same answer: Allow statements alternate between the
// identity policy and the function policy (granted to the caller's role,
// which the boundary does not cap), Deny statements rotate over the
// identity policy, the function policy (Principal "*") and the boundary,
// and the boundary also allows everything. Every Deny still applies and
// every Allow still grants.
func splitLarge(tb testing.TB) caseload.Case {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "bench", "large.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var large struct {
		Principal, Action, Resource, Expect string
		Context                             json.RawMessage
		IdentityPolicies                    []struct{ Statement []json.RawMessage }
	}
	if err := json.Unmarshal(data, &large); err != nil || len(large.IdentityPolicies) != 1 {
		tb.Fatalf("large.json: %v", err)
	}
	var id, res, bnd []string
	allows, denies := 0, 0
	for _, raw := range large.IdentityPolicies[0].Statement {
		var st struct{ Effect string }
		if err := json.Unmarshal(raw, &st); err != nil {
			tb.Fatal(err)
		}
		body := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(string(raw)), "{"), "}")
		if st.Effect == "Allow" {
			if allows%2 == 0 {
				id = append(id, "{"+body+"}")
			} else {
				res = append(res, `{"Principal":{"AWS":"`+large.Principal+`"},`+body+"}")
			}
			allows++
			continue
		}
		switch denies % 3 {
		case 0:
			id = append(id, "{"+body+"}")
		case 1:
			res = append(res, `{"Principal":"*",`+body+"}")
		default:
			bnd = append(bnd, "{"+body+"}")
		}
		denies++
	}
	bnd = append(bnd, `{"Effect":"Allow","Action":"*","Resource":"*"}`)
	doc := func(stmts []string) string {
		return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
	}
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	line := `{"name":"bench-large-split","principal":` + q(large.Principal) +
		`,"action":` + q(large.Action) + `,"resource":` + q(large.Resource) +
		`,"context":` + string(large.Context) +
		`,"identityPolicies":[` + doc(id) + `],"resourcePolicy":` + doc(res) +
		`,"permissionsBoundary":` + doc(bnd) + `,"expect":` + q(large.Expect) + `}`
	c := caseload.ParseLine([]byte(line), "large-split", 1)
	if c.Err != nil {
		tb.Fatal(c.Err)
	}
	return c
}

func compileCase(tb testing.TB, c caseload.Case) *evaluate.Set {
	tb.Helper()
	set, err := evaluate.Compile(c.Policies)
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

func TestBenchCasesDecide(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    caseload.Case
	}{
		{"E3/bench-small", loadBench(t, "small.json")},
		{"E3/bench-large", loadBench(t, "large.json")},
		{"E4/bench-large-split", splitLarge(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := compileCase(t, tc.c)
			if diff := cmp.Diff(tc.c.Expect, set.Decide(tc.c.Request).String()); diff != "" {
				t.Errorf("Decide (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.c.Expect, set.Evaluate(tc.c.Request).Decision.String()); diff != "" {
				t.Errorf("Evaluate (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDecideAllocs asserts the zero-allocation promise of Decide on the
// small and the large scenario.
func TestDecideAllocs(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    caseload.Case
	}{
		{"small", loadBench(t, "small.json")},
		{"large-split", splitLarge(t)},
	} {
		set := compileCase(t, tc.c)
		req := tc.c.Request
		if n := testing.AllocsPerRun(200, func() { set.Decide(req) }); n != 0 {
			t.Errorf("%s: Decide allocates %v times per call, want 0", tc.name, n)
		}
	}
}

// TestConcurrentEvaluate evaluates one Set from many goroutines (run it
// with -race) and compares with sequential results.
func TestConcurrentEvaluate(t *testing.T) {
	c := splitLarge(t)
	set := compileCase(t, c)
	reqs := []evaluate.Request{c.Request}
	for _, action := range []string{"lambda:GetFunction", "lambda:DeleteFunction", "lambda:ListFunctions", "lambda:UpdateFunctionCode", "sqs:SendMessage"} {
		r := c.Request
		r.Action = action
		reqs = append(reqs, r)
	}
	for _, p := range []string{sessionA, userA, s3, anonymous, sessionB} {
		r := c.Request
		r.Principal = p
		reqs = append(reqs, r)
	}
	want := make([]evaluate.Result, len(reqs))
	for i, r := range reqs {
		want[i] = set.Evaluate(r)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				i := (g + k) % len(reqs)
				got := set.Evaluate(reqs[i])
				if diff := cmp.Diff(want[i], got); diff != "" {
					errs <- diff
					return
				}
				if d := set.Decide(reqs[i]); d != want[i].Decision {
					errs <- "Decide disagrees for " + reqs[i].Action
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func BenchmarkCompile(b *testing.B) {
	for _, bc := range []struct {
		name string
		c    caseload.Case
	}{
		{"small", loadBench(b, "small.json")},
		{"large-split", splitLarge(b)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := evaluate.Compile(bc.c.Policies); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecide(b *testing.B) {
	for _, bc := range []struct {
		name string
		c    caseload.Case
	}{
		{"small", loadBench(b, "small.json")},
		{"large-split", splitLarge(b)},
	} {
		set := compileCase(b, bc.c)
		req := bc.c.Request
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				set.Decide(req)
			}
		})
	}
}

func BenchmarkEvaluate(b *testing.B) {
	for _, bc := range []struct {
		name string
		c    caseload.Case
	}{
		{"small", loadBench(b, "small.json")},
		{"large-split", splitLarge(b)},
	} {
		set := compileCase(b, bc.c)
		req := bc.c.Request
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				set.Evaluate(req)
			}
		})
	}
}
