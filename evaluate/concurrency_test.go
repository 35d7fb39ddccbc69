package evaluate_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
)

// TestConcurrent64 evaluates one compiled Set from 64 goroutines at once,
// each going through a mix of requests (every principal kind, allowed,
// implicitly and explicitly denied, invalid, with and without context, with
// a cancelled context) in its own order through Evaluate, Decide and
// EvaluateContext, and checks every answer against a sequential run. Run
// it with -race: a Set, and the Contexts the requests share, are read-only
// once built.
func TestConcurrent64(t *testing.T) {
	const goroutines = 64
	// Errors compare by their text: they hold nothing more.
	cmpErrors := cmp.Comparer(func(a, b error) bool {
		if a == nil || b == nil {
			return a == b
		}
		return a.Error() == b.Error()
	})
	c := splitLarge(t)
	base, err := evaluate.Compile(c.Policies)
	if err != nil {
		t.Fatal(err)
	}
	// The large set plus an SCP level, a session policy and conditions
	// on multivalued keys and on the request time.
	p := c.Policies
	extra := pols{
		session: pol(allowAll, `"Effect":"Deny","Action":"lambda:Update*","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["secret*"]}}`),
		scps:    [][]string{{pol(allowAll, `"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"}}`)}},
	}.build(t)
	p.Session, p.SCPs = extra.Session, extra.SCPs
	set, err := evaluate.Compile(p)
	if err != nil {
		t.Fatal(err)
	}

	contexts := []*condition.Context{nil, c.Request.Context}
	tagged := new(condition.Context)
	tagged.Set("aws:PrincipalTag/team", "payments")
	tagged.SetMulti("aws:TagKeys", []string{"owner", "secret-level"})
	tagged.Set("aws:CurrentTime", "2027-06-01T00:00:00Z")
	contexts = append(contexts, tagged)

	principals := []string{c.Request.Principal, sessionA, userA, roleA, fedA, rootA, s3, anonymous, sessionB, "not-a-principal"}
	actions := []string{c.Request.Action, "lambda:GetFunction", "LAMBDA:deletefunction", "lambda:ListFunctions",
		"lambda:UpdateFunctionCode", "sqs:SendMessage", "sts:GetCallerIdentity", "lambda"}
	resources := []string{c.Request.Resource, fnA, fnB, "*", "arn:aws:lambda:us-west-2:111122223333:function:app-x:PROD", "orders"}

	var reqs []evaluate.Request
	for _, pr := range principals {
		for _, a := range actions {
			for _, r := range resources {
				for _, cx := range contexts {
					reqs = append(reqs, evaluate.Request{Principal: pr, Action: a, Resource: r, Context: cx})
				}
			}
		}
	}
	sets := []*evaluate.Set{set, base}
	want := make([][]evaluate.Result, len(sets))
	counts := map[string]int{}
	for k, s := range sets {
		want[k] = make([]evaluate.Result, len(reqs))
		for i, r := range reqs {
			want[k][i] = s.Evaluate(r)
			if k == 0 {
				counts[fmt.Sprint(want[k][i].Decision, want[k][i].Err != nil)]++
			}
		}
	}
	// The mix must hold every outcome, or the test proves little.
	for _, k := range []string{"Allow false", "ImplicitDeny false", "ExplicitDeny false", "ImplicitDeny true"} {
		if counts[k] == 0 {
			t.Fatalf("no request with outcome %q among %d: %v", k, len(reqs), counts)
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()

	// Each goroutine walks the requests with its own start and stride; all
	// together evaluate about twice as many requests as there are.
	per := max(2*len(reqs)/goroutines, 1)
	var wg sync.WaitGroup
	errs := make(chan string, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			k := g % len(sets)
			s := sets[k]
			for n := 0; n < per; n++ {
				i := (g*7919 + n*(2*g+1)) % len(reqs)
				got := s.Evaluate(reqs[i])
				if diff := cmp.Diff(want[k][i], got, cmpErrors); diff != "" {
					errs <- fmt.Sprintf("goroutine %d, request %d %+v: Evaluate (-sequential +concurrent):\n%s", g, i, reqs[i], diff)
					return
				}
				if d := s.Decide(reqs[i]); d != want[k][i].Decision {
					errs <- fmt.Sprintf("goroutine %d, request %d: Decide = %v, sequential %v", g, i, d, want[k][i].Decision)
					return
				}
				if n%4 == 0 {
					if got := s.EvaluateContext(context.Background(), reqs[i]); !cmp.Equal(want[k][i], got, cmpErrors) {
						errs <- fmt.Sprintf("goroutine %d, request %d: EvaluateContext differs", g, i)
						return
					}
					if got := s.EvaluateContext(cancelled, reqs[i]); got.Decision != evaluate.ImplicitDeny || got.Err == nil {
						errs <- fmt.Sprintf("goroutine %d, request %d: cancelled context gave %v, %v", g, i, got.Decision, got.Err)
						return
					}
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
