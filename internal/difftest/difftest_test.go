package difftest

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

var (
	flagN    = flag.Int("difftest.n", 20000, "number of random cases TestDifferential generates")
	flagSeed = flag.Uint64("difftest.seed", 1, "seed of TestDifferential's first case; case k uses seed+k")
)

// shownInFull is how many disagreements are printed with their case JSON
// and the reference evaluator's verbose explanation.
const shownInFull = 20

// TestDifferential generates random cases, decides each with lambdaiam
// (through internal/caseload, as the CLI does) and with the reference
// evaluator, and fails on every case where the two disagree. An error on
// lambdaiam's side agrees only with an error on the reference side.
//
// Reproduce a single case with -difftest.seed=SEED -difftest.n=1, or
// rebuild it with GenerateCase(SEED).
func TestDifferential(t *testing.T) {
	n, first := *flagN, *flagSeed
	if n <= 0 {
		t.Skip("differential test skipped: -difftest.n is 0")
	}
	dir := prepareOracle(t)
	t.Logf("seeds %d..%d (%d cases); rerun one with -difftest.seed=SEED -difftest.n=1", first, first+uint64(n)-1, n)

	start := time.Now()
	data := Generate(first, n)
	genTime := time.Since(start)

	ctx := context.Background()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-5*time.Second))
		defer cancel()
	}

	// The reference evaluator runs in one node process while lambdaiam
	// decides the same cases here.
	type oracleRun struct {
		res []oracleResult
		err error
		dur time.Duration
	}
	oracleDone := make(chan oracleRun, 1)
	go func() {
		s := time.Now()
		res, err := runOracle(ctx, dir, data, false)
		oracleDone <- oracleRun{res, err, time.Since(s)}
	}()

	start = time.Now()
	cases, err := caseload.Load(data, "difftest")
	if err != nil {
		t.Fatalf("loading the generated cases: %v", err)
	}
	if len(cases) != n {
		t.Fatalf("loaded %d cases, generated %d", len(cases), n)
	}
	ours := evaluateAll(cases)
	ourTime := time.Since(start)

	or := <-oracleDone
	if or.err != nil {
		t.Fatalf("reference evaluator: %v", or.err)
	}
	if len(or.res) != n {
		t.Fatalf("reference evaluator answered %d of %d cases", len(or.res), n)
	}
	t.Logf("generate %v, lambdaiam (load+compile+evaluate) %v, reference evaluator %v",
		genTime.Round(time.Millisecond), ourTime.Round(time.Millisecond), or.dur.Round(time.Millisecond))

	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	counts := map[string]int{}
	var diffs []int
	var warned []string
	for i := range cases {
		o := or.res[i]
		if o.Name == nil || *o.Name != cases[i].Name {
			t.Fatalf("reference output %d is for %v, want %q", i, o.Name, cases[i].Name)
		}
		// A warning means the reference saw something other than the case
		// says (a context key it dropped, a list cut to one value): a
		// generator defect, since such a case compares nothing.
		if len(o.Warnings) > 0 {
			warned = append(warned, cases[i].Name+": "+strings.Join(o.Warnings, "; "))
		}
		our := decisionOf(ours[i])
		counts[our]++
		if our != oracleDecision(o) {
			diffs = append(diffs, i)
		}
	}
	t.Logf("lambdaiam decisions: %s", formatCounts(counts))
	if len(warned) > 0 {
		t.Errorf("%d cases made the reference evaluator warn (generator defect; first: %s)", len(warned), warned[0])
	}
	if len(diffs) == 0 {
		return
	}

	// Rerun the first few disagreements with per-statement explanations.
	var firstLines [][]byte
	for _, i := range diffs[:min(len(diffs), shownInFull)] {
		firstLines = append(firstLines, lines[i])
	}
	verbose, verr := runOracle(ctx, dir, append(bytes.Join(firstLines, []byte("\n")), '\n'), true)

	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d cases disagree with the reference evaluator (seeds %d..%d); the first %d in full:\n",
		len(diffs), n, first, first+uint64(n)-1, min(len(diffs), shownInFull))
	for j, i := range diffs {
		o := or.res[i]
		ourOut, _ := json.Marshal(caseload.NewOutput(cases[i].Name, ours[i]))
		explain := o.Explain
		if o.Error != nil {
			explain, _ = json.Marshal(*o.Error)
		}
		if j < shownInFull {
			if verr == nil && j < len(verbose) && verbose[j].Explain != nil {
				explain = verbose[j].Explain
			}
			fmt.Fprintf(&b, "\n=== %s\nlambdaiam: %s %s\nreference: %s %s\ncase: %s\n",
				cases[i].Name, decisionOf(ours[i]), ourOut, oracleDecision(o), explain, lines[i])
			continue
		}
		if j == shownInFull {
			fmt.Fprintf(&b, "\nthe other disagreements:\n")
		}
		fmt.Fprintf(&b, "%s: lambdaiam %s %s; reference %s %s\n",
			cases[i].Name, decisionOf(ours[i]), ourOut, oracleDecision(o), explain)
	}
	if verr != nil {
		fmt.Fprintf(&b, "\n(verbose rerun of the reference failed: %v)\n", verr)
	}
	t.Error(b.String())
}

// evaluateAll decides every case, spread over GOMAXPROCS goroutines.
func evaluateAll(cases []caseload.Case) []evaluate.Result {
	out := make([]evaluate.Result, len(cases))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = decide(&cases[i])
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// decide evaluates one loaded case: a case that did not load, or whose
// policies do not compile, gives a Result carrying the error.
func decide(c *caseload.Case) evaluate.Result {
	if c.Err != nil {
		return evaluate.Result{Err: c.Err}
	}
	res, err := evaluate.Evaluate(c.Request, c.Policies)
	if err != nil && res.Err == nil {
		res.Err = err
	}
	return res
}

// decisionOf returns "Error" for a result with an error, else its decision.
func decisionOf(r evaluate.Result) string {
	if r.Err != nil {
		return "Error"
	}
	return r.Decision.String()
}

// oracleDecision returns "Error" when the reference refused the case.
func oracleDecision(o oracleResult) string {
	if o.Error != nil || o.Decision == nil {
		return "Error"
	}
	return *o.Decision
}

func formatCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}
