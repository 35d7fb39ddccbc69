package hostile_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/hostile"
	"github.com/lambdaiam/lambdaiam/policy"
)

// corpus is where the recipes live, from this package's directory.
var corpus = filepath.Join("..", "..", "testdata", "hostile")

func load(tb testing.TB) []hostile.Case {
	tb.Helper()
	cases, err := hostile.Load(corpus)
	if err != nil {
		tb.Fatal(err)
	}
	if len(cases) == 0 {
		tb.Fatal("no hostile cases")
	}
	return cases
}

var kinds = map[string]policy.Kind{
	"": policy.KindIdentity, "identity": policy.KindIdentity, "resource": policy.KindResource,
	"boundary": policy.KindBoundary, "session": policy.KindSession, "scp": policy.KindSCP,
	"rcp": policy.KindRCP, "trust": policy.KindTrust,
}

var envelopes = map[string]policy.Envelope{
	"": policy.EnvelopeNone, "get-policy": policy.EnvelopeGetPolicy,
	"url-encoded": policy.EnvelopeURLEncoded, "auto": policy.EnvelopeAuto,
}

// outcome is what one run of a case produced, in the shape of its
// expectations.
type outcome struct {
	Parse    hostile.ParseWant
	Compile  *hostile.CompileWant
	Evaluate []string // "Decision" or "Decision code", per request
}

// run takes data through Parse, Compile and every request of c. override
// scales the placeholders of the requests as BuildScaled scaled data.
func run(tb testing.TB, c *hostile.Case, data []byte, override map[string]int) outcome {
	var out outcome
	kind, ok := kinds[c.Kind]
	if !ok {
		tb.Fatalf("unknown kind %q", c.Kind)
	}
	opts := []policy.Option{policy.WithKind(kind), policy.WithSource(c.Name)}
	if c.MaxBytes > 0 {
		opts = append(opts, policy.WithMaxBytes(c.MaxBytes))
	}
	env, ok := envelopes[c.Envelope]
	if !ok {
		tb.Fatalf("unknown envelope %q", c.Envelope)
	}
	opts = append(opts, policy.WithEnvelope(env))
	doc, err := policy.Parse(data, opts...)
	if err != nil {
		var list policy.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			tb.Fatalf("Parse error %T is not a non-empty ErrorList: %v", err, err)
		}
		seen := map[string]bool{}
		for _, e := range list {
			if !seen[string(e.Code)] {
				seen[string(e.Code)] = true
				out.Parse.Codes = append(out.Parse.Codes, string(e.Code))
			}
		}
		ptr := list[0].Pointer
		out.Parse.Pointer = &ptr
		return out
	}
	out.Parse.OK = true
	named := evaluate.Named{Name: c.Name, Doc: doc}
	var p evaluate.Policies
	switch kind {
	case policy.KindIdentity:
		p.Identity = []evaluate.Named{named}
	case policy.KindResource, policy.KindTrust:
		p.Resource = &named
	case policy.KindBoundary:
		p.Boundary = &named
	case policy.KindSession:
		p.Session = &named
	case policy.KindSCP:
		p.SCPs = [][]evaluate.Named{{named}}
	case policy.KindRCP:
		p.RCPs = [][]evaluate.Named{{named}}
	}
	var copts []evaluate.Option
	if c.Compile != nil && c.Compile.MaxStatements > 0 {
		copts = append(copts, evaluate.WithMaxStatements(c.Compile.MaxStatements))
	}
	set, err := evaluate.Compile(p, copts...)
	out.Compile = &hostile.CompileWant{OK: err == nil}
	if c.Compile != nil {
		out.Compile.MaxStatements = c.Compile.MaxStatements
	}
	if err != nil {
		var e *evaluate.Error
		if !errors.As(err, &e) {
			tb.Fatalf("Compile error %T is not an *evaluate.Error: %v", err, err)
		}
		out.Compile.Code = string(e.Code)
		return out
	}
	for _, w := range c.Evaluate {
		s := set
		if w.MaxConditionWork > 0 {
			if s, err = evaluate.Compile(p, append(copts, evaluate.WithMaxConditionWork(w.MaxConditionWork))...); err != nil {
				tb.Fatal(err)
			}
		}
		req := evaluate.Request{
			Principal: c.Expand(w.Principal, override),
			Action:    c.Expand(w.Action, override),
			Resource:  c.Expand(w.Resource, override),
			Context:   buildContext(tb, c, w.Context, override),
		}
		res := s.Evaluate(req)
		got := res.Decision.String()
		if res.Err != nil {
			var e *evaluate.Error
			if !errors.As(res.Err, &e) {
				tb.Fatalf("evaluation error %T is not an *evaluate.Error: %v", res.Err, res.Err)
			}
			got += " " + string(e.Code)
		}
		if d := s.Decide(req); d != res.Decision {
			got += fmt.Sprintf(" (Decide %v)", d)
		}
		out.Evaluate = append(out.Evaluate, got)
	}
	return out
}

func buildContext(tb testing.TB, c *hostile.Case, m map[string]any, override map[string]int) *condition.Context {
	if len(m) == 0 {
		return nil
	}
	ctx := new(condition.Context)
	for k, v := range m {
		switch v := v.(type) {
		case string:
			ctx.Set(c.Expand(k, override), c.Expand(v, override))
		case []any:
			vals := make([]string, 0, len(v))
			for _, x := range v {
				s, ok := x.(string)
				if !ok {
					tb.Fatalf("context %s: a list of strings is needed", k)
				}
				vals = append(vals, s)
			}
			ctx.SetMulti(c.Expand(k, override), c.ExpandList(vals, override))
		default:
			tb.Fatalf("context %s: a string or a list of strings is needed", k)
		}
	}
	return ctx
}

// want is the outcome a case expects.
func want(c *hostile.Case) outcome {
	w := outcome{Parse: c.Parse}
	if !c.Parse.OK {
		return w
	}
	w.Compile = &hostile.CompileWant{OK: true}
	if c.Compile != nil {
		w.Compile = &hostile.CompileWant{OK: c.Compile.Code == "", Code: c.Compile.Code, MaxStatements: c.Compile.MaxStatements}
	}
	if !w.Compile.OK {
		return w
	}
	for _, e := range c.Evaluate {
		s := e.Decision
		if e.Code != "" {
			s += " " + e.Code
		}
		w.Evaluate = append(w.Evaluate, s)
	}
	return w
}

// wallTime is the wall clock as a duration since an arbitrary start.
func wallTime() time.Duration { return time.Duration(time.Now().UnixNano()) }

// measure runs f and returns the time it took by clock (wallTime or
// cpuTime) and the bytes it allocated.
func measure(clock func() time.Duration, f func()) (time.Duration, uint64) {
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	start := clock()
	f()
	elapsed := clock() - start
	runtime.ReadMemStats(&m1)
	return elapsed, m1.TotalAlloc - m0.TotalAlloc
}

// TestHostile runs every case of the corpus through policy.Parse,
// evaluate.Compile and evaluation, and checks its outcome and budget.
func TestHostile(t *testing.T) {
	for _, c := range load(t) {
		t.Run(c.Name, func(t *testing.T) {
			data, err := c.Build()
			if err != nil {
				t.Fatal(err)
			}
			var got outcome
			elapsed, alloc := measure(wallTime, func() { got = run(t, &c, data, nil) })
			if c.Parse.Pointer == nil {
				got.Parse.Pointer = nil // not checked
			}
			if diff := cmp.Diff(want(&c), got); diff != "" {
				t.Errorf("%s (%d bytes): outcome (-want +got):\n%s", c.File, len(data), diff)
			}
			secs, mb := c.Budget.Limit()
			if elapsed > time.Duration(secs*float64(time.Second)) {
				t.Errorf("took %v, over the budget of %vs", elapsed, secs)
			}
			if alloc > uint64(mb)<<20 {
				t.Errorf("allocated %d MB, over the budget of %d MB", alloc>>20, mb)
			}
			t.Logf("%d bytes: %v, %d MB allocated", len(data), elapsed.Round(time.Millisecond), alloc>>20)
		})
	}
}

// TestHostileLinear checks that each scaled case costs about as much more
// as it is larger: the ratio of the costs at two sizes a factor apart, in
// CPU time (the best of five runs) and in bytes allocated, stays within
// the case's maximum ratio. Under the race detector only the allocation
// is checked: its instrumentation costs more per byte on larger inputs, so
// time says little there; CI runs this test without it too.
func TestHostileLinear(t *testing.T) {
	for _, c := range load(t) {
		if c.Scale == nil {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			factor, maxRatio := c.Scale.Ratio()
			cost := func(counts map[string]int) (time.Duration, uint64) {
				data, err := c.BuildScaled(counts)
				if err != nil {
					t.Fatal(err)
				}
				// The collector is off while measuring: its cost follows
				// the bytes allocated, checked on their own, and whether a
				// run happens to cross a collection threshold would
				// otherwise weigh more than the input's size.
				defer debug.SetGCPercent(debug.SetGCPercent(-1))
				runs := 5
				if raceDetector {
					runs = 1 // only the allocation, which does not vary, is checked
				}
				best, alloc := time.Duration(1<<62), uint64(0)
				for i := 0; i < runs; i++ {
					runtime.GC()
					d, a := measure(cpuTime, func() { run(t, &c, data, counts) })
					best, alloc = min(best, d), a
				}
				return best, alloc
			}
			// A second try absorbs a burst of load on a shared machine; a
			// cost far over the bound gets none.
			var ratioT, ratioA float64
			for try := 0; try < 2 && max(ratioT, ratioA) < 2*maxRatio; try++ {
				t1, a1 := cost(c.Scale.Counts(0))
				t2, a2 := cost(c.Scale.Counts(1))
				ratioT = float64(t2) / float64(max(t1, time.Microsecond))
				ratioA = float64(a2) / float64(max(a1, 1))
				t.Logf("%v: %v %d KB; ×%d: %v %d KB; time ×%.1f, allocation ×%.1f",
					c.Scale.Counts(0), t1, a1>>10, factor, t2, a2>>10, ratioT, ratioA)
				if raceDetector {
					ratioT = 0 // logged, not checked
				}
				if ratioT <= maxRatio && ratioA <= maxRatio {
					return
				}
			}
			t.Errorf("cost grows faster than the input: input ×%d, time ×%.1f, allocation ×%.1f (at most ×%v)",
				factor, ratioT, ratioA, maxRatio)
		})
	}
}

// BenchmarkHostile measures each scaled case at three sizes, a factor
// apart, through Parse, Compile and evaluation: ns/op and B/op grow about
// linearly with the size for every pathological class.
func BenchmarkHostile(b *testing.B) {
	for _, c := range load(b) {
		if c.Scale == nil {
			continue
		}
		for k := 0; k < 3; k++ {
			counts := c.Scale.Counts(k)
			data, err := c.BuildScaled(counts)
			if err != nil {
				b.Fatal(err)
			}
			if limit := max(c.MaxBytes, policy.DefaultMaxBytes); len(data) > limit && k > 0 {
				break // past the size limit only the rejection would be measured
			}
			b.Run(c.Class+"/"+c.Name+"/bytes="+strconv.Itoa(len(data)), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(data)))
				for i := 0; i < b.N; i++ {
					run(b, &c, data, counts)
				}
			})
		}
	}
}

// TestExpand checks the placeholder expansion that Build, BuildScaled and
// the request fields share, on a recipe written for it.
func TestExpand(t *testing.T) {
	c := hostile.Case{Name: "expand", Input: hostile.Input{
		Text: `["{A}","{B}",{H}]`,
		Repeat: map[string]hostile.Repeat{
			"{A}": {Unit: "a", N: 3},
			"{B}": {Unit: "b{i}", N: 3, Sep: ","},
			"{R}": {Unit: "r", N: 2, Sep: "-"}, // used only in requests
		},
		Hex: map[string]string{"{H}": "31 32"},
	}}
	data, err := c.Build()
	if err != nil {
		t.Fatal(err)
	}
	scaled, err := c.BuildScaled(map[string]int{"{A}": 1, "{B}": 0})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{
		string(data),
		string(scaled),
		c.Expand("x{R}y{A}", nil),
		c.Expand("{R}", map[string]int{"{R}": 3}),
	}
	got = append(got, c.ExpandList([]string{"{B}", "k{A}"}, map[string]int{"{B}": 2})...)
	want := []string{`["aaa","b0,b1,b2",12]`, `["a","",12]`, "xr-ryaaa", "r-r-r", "b0", "b1", "kaaa"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("expansions (-want +got):\n%s", diff)
	}
	if _, err := c.BuildScaled(map[string]int{"{Z}": 1}); err == nil {
		t.Error("BuildScaled of an unknown placeholder: no error")
	}
}

// TestDefaults checks that a budget or a scale that leaves a value out
// gets the default, and keeps the values it gives.
func TestDefaults(t *testing.T) {
	type limits struct {
		Seconds, MaxRatio float64
		Megabytes, Factor int
	}
	var got []limits
	for _, in := range []struct {
		b hostile.Budget
		s hostile.Scale
	}{{}, {hostile.Budget{Seconds: 1.5, Megabytes: 3}, hostile.Scale{Factor: 2, MaxRatio: 5}}} {
		var l limits
		l.Seconds, l.Megabytes = in.b.Limit()
		l.Factor, l.MaxRatio = in.s.Ratio()
		got = append(got, l)
	}
	want := []limits{
		{Seconds: hostile.DefaultSeconds, Megabytes: hostile.DefaultMegabytes, Factor: hostile.DefaultFactor, MaxRatio: hostile.DefaultMaxRatio},
		{Seconds: 1.5, Megabytes: 3, Factor: 2, MaxRatio: 5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("limits (-want +got):\n%s", diff)
	}
}
