package metamorphic_test

import (
	"flag"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lambdaiam/lambdaiam/internal/metamorphic"
)

var (
	cases = flag.Int("metamorphic.cases", 0, "generated cases TestMetamorphic checks (0: 50,000, or 10,000 with -short)")
	first = flag.Uint64("metamorphic.seed", 1, "generator seed of the first case")
)

// TestMetamorphic checks every relation on 50,000 generated cases, in
// parallel, and fails with the shrunk case of each violation (at most
// five). The variants of every sixteenth case are also checked to be valid
// policies. It takes about 10 s on two cores, 35 s under the race
// detector.
func TestMetamorphic(t *testing.T) {
	n := *cases
	if n == 0 {
		n = 50_000
		if testing.Short() {
			n = 10_000
		}
	}
	workers := runtime.GOMAXPROCS(0)
	var (
		mu         sync.Mutex
		violations []metamorphic.Violation
		errs       []error
		stats      = map[string]int{}
		wg         sync.WaitGroup
	)
	start := time.Now()
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			c, err := metamorphic.NewChecker()
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
				return
			}
			c.Validate = 16
			for k := g; k < n; k += workers {
				v, err := c.Check(*first + uint64(k))
				if err != nil || len(v) > 0 {
					mu.Lock()
					if err != nil {
						errs = append(errs, err)
					}
					violations = append(violations, v...)
					mu.Unlock()
				}
			}
			mu.Lock()
			for k, v := range c.Stats {
				stats[k] += v
			}
			mu.Unlock()
		}(g)
	}
	wg.Wait()
	t.Logf("%d cases in %v", n, time.Since(start).Round(time.Millisecond))
	logStats(t, stats)
	for i, e := range errs {
		if i == 5 {
			t.Errorf("... and %d more errors", len(errs)-5)
			break
		}
		t.Error(e)
	}
	sort.Slice(violations, func(i, j int) bool { return violations[i].Seed < violations[j].Seed })
	for i, v := range violations {
		if i == 5 {
			t.Errorf("... and %d more violations", len(violations)-5)
			break
		}
		t.Errorf("%v", v)
	}
}

// logStats logs how often each relation was checked and which decision
// changes it saw, so that a relation that never bites shows.
func logStats(t *testing.T, stats map[string]int) {
	var names []string
	for _, r := range metamorphic.Relations() {
		names = append(names, r.Name)
	}
	for _, name := range names {
		var pairs []string
		for k, v := range stats {
			if rest, ok := strings.CutPrefix(k, name+" "); ok {
				pairs = append(pairs, fmt.Sprintf("%s %d", rest, v))
			}
		}
		sort.Strings(pairs)
		t.Logf("%-26s %6d variants: %s", name, stats[name], strings.Join(pairs, ", "))
	}
}

// FuzzMetamorphic checks every relation on the case of any generator
// seed.
func FuzzMetamorphic(f *testing.F) {
	for _, s := range []uint64{0, 1, 42, 1 << 32, 1<<64 - 1} {
		f.Add(s)
	}
	c, err := metamorphic.NewChecker()
	if err != nil {
		f.Fatal(err)
	}
	c.Validate = 1
	f.Fuzz(func(t *testing.T, seed uint64) {
		v, err := c.Check(seed)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range v {
			t.Errorf("%v", x)
		}
	})
}
