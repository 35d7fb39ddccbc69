// Command compare times every engine of package bench on every scenario in
// one process and prints a Markdown table: ns/op, B/op, allocs/op and the
// time ratio to lambdaiam's Decide; then, per request, how much faster
// lambdaiam's Decide is than the fastest other engine. Each cell is the fastest of -runs runs
// of testing.Benchmark (3 by default), to damp the noise of a busy machine. An engine that does not give a
// request's decision is reported and not timed.
//
// Run it from the bench module's directory:
//
//	go run ./cmd/compare
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/lambdaiam/lambdaiam/bench"
)

func main() {
	dir := flag.String("data", bench.DataDir, "directory of small.json and large.json")
	runs := flag.Int("runs", 3, "time each engine this many times and keep the fastest run")
	flag.Parse()
	scenarios, err := bench.Scenarios(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	failed := false
	engines := bench.Engines()
	type fastest struct {
		request, peer  string
		decide, peerNs float64
	}
	var summary []fastest
	fmt.Println("| scenario | engine | ns/op | B/op | allocs/op | time / lambdaiam Decide |")
	fmt.Println("| --- | --- | ---: | ---: | ---: | ---: |")
	for _, s := range scenarios {
		deciders := make([][]func() bench.Decision, len(engines))
		for j, e := range engines {
			d, err := e.Prepare(s)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s/%s: %v\n", e.Name, s.Name, err)
				failed = true
			}
			deciders[j] = d
		}
		for i, r := range s.Requests {
			name := s.Name + "/" + r.Name
			base := 0.0
			f := fastest{request: name}
			for j, e := range engines {
				if deciders[j] == nil {
					continue
				}
				decide := deciders[j][i]
				if got := decide(); got != r.Want {
					fmt.Fprintf(os.Stderr, "%s/%s: got %s, want %s: not timed\n", e.Name, name, got, r.Want)
					failed = true
					continue
				}
				ns, res := best(*runs, decide)
				if base == 0 {
					base = ns
					f.decide = ns
				}
				if !strings.HasPrefix(e.Name, "lambdaiam") && (f.peer == "" || ns < f.peerNs) {
					f.peer, f.peerNs = e.Name, ns
				}
				fmt.Printf("| %s | %s | %.0f | %d | %d | %.2f× |\n", name, e.Name, ns, res.AllocedBytesPerOp(), res.AllocsPerOp(), ns/base)
			}
			summary = append(summary, f)
		}
	}
	fmt.Println()
	fmt.Println("| scenario | fastest other engine | its ns/op | lambdaiam Decide ns/op | lambdaiam is faster by |")
	fmt.Println("| --- | --- | ---: | ---: | ---: |")
	for _, f := range summary {
		if f.peer == "" || f.decide == 0 {
			continue
		}
		fmt.Printf("| %s | %s | %.0f | %.0f | %.1f× |\n", f.request, f.peer, f.peerNs, f.decide, f.peerNs/f.decide)
	}
	if failed {
		os.Exit(1)
	}
}

// best runs testing.Benchmark n times and returns the fastest run's ns/op
// with that run's result.
func best(n int, decide func() bench.Decision) (float64, testing.BenchmarkResult) {
	var bestNs float64
	var bestRes testing.BenchmarkResult
	for k := 0; k < max(n, 1); k++ {
		res := testing.Benchmark(func(b *testing.B) {
			b.ReportAllocs()
			for n := 0; n < b.N; n++ {
				decide()
			}
		})
		ns := float64(res.T.Nanoseconds()) / float64(res.N)
		if k == 0 || ns < bestNs {
			bestNs, bestRes = ns, res
		}
	}
	return bestNs, bestRes
}
