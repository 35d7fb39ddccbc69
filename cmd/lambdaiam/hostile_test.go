package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/internal/hostile"
	"github.com/lambdaiam/lambdaiam/policy"
)

// The hostile-input corpus of testdata/hostile (package internal/hostile)
// through the command: "lambdaiam validate --json" on every case, and
// "lambdaiam eval" where the case says what it must do. Cases marked
// isolate have crashed the command once: they run in a child process, so
// that a crash fails their subtest instead of ending the test binary, and
// the child's stack is bounded at 64 MiB, so that a recursion as deep as
// the input fails fast rather than after growing to the runtime's 1 GB.

// The environment variables that make the test binary a child running one
// command.
const (
	childCase = "LAMBDAIAM_HOSTILE_CHILD"
	childArgs = "LAMBDAIAM_HOSTILE_ARGS" // the arguments, as a JSON array

	// childMaxStack is the most stack a child may use.
	childMaxStack = 64 << 20
)

// cliResult is what one run of the command gave.
type cliResult struct {
	Exit   int    `json:"exit"`
	Stdout string `json:"stdout"`
	Stderr string `json:"stderr"`
}

// TestHostileCLIChild is the child process of isolated runs; it does
// nothing in a normal test run.
func TestHostileCLIChild(t *testing.T) {
	if os.Getenv(childCase) == "" {
		t.Skip("runs only as the child of TestHostileCLI")
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(childArgs)), &args); err != nil {
		t.Fatal(err)
	}
	// A bounded input needs a bounded stack: 64 MiB, where a goroutine
	// may otherwise grow to 1 GB before the runtime gives up.
	debug.SetMaxStack(childMaxStack)
	code, stdout, stderr := runCmd(args...)
	b, _ := json.Marshal(cliResult{Exit: code, Stdout: stdout, Stderr: stderr})
	fmt.Printf("\nRESULT %s\n", b)
}

// runCLI runs the command with args, in this process or in a child. A
// child that crashes fails the test and gives exit status -1.
func runCLI(t *testing.T, name string, isolate bool, args ...string) cliResult {
	t.Helper()
	if !isolate {
		code, stdout, stderr := runCmd(args...)
		return cliResult{Exit: code, Stdout: stdout, Stderr: stderr}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHostileCLIChild$", "-test.count=1")
	enc, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), childCase+"="+name, childArgs+"="+string(enc))
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	_, line, found := strings.Cut(out.String(), "\nRESULT ")
	var res cliResult
	if !found || json.Unmarshal([]byte(strings.TrimSpace(strings.SplitN(line, "\n", 2)[0])), &res) != nil {
		tail := out.String() + errOut.String()
		if len(tail) > 2000 {
			tail = tail[:2000] + "..."
		}
		t.Errorf("lambdaiam %s crashed (%v):\n%s", strings.Join(args, " "), err, tail)
		return cliResult{Exit: -1, Stdout: "[{}]"}
	}
	return res
}

// validateCodes returns the distinct error codes of validate's JSON
// report, in order of first appearance.
func validateCodes(t *testing.T, stdout string) []string {
	t.Helper()
	var report []struct {
		Errors []struct{ Code string } `json:"errors"`
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil || len(report) != 1 {
		t.Fatalf("validate --json wrote no report for one file (%v):\n%.500s", err, stdout)
	}
	var codes []string
	seen := map[string]bool{}
	for _, e := range report[0].Errors {
		if !seen[e.Code] {
			seen[e.Code] = true
			codes = append(codes, e.Code)
		}
	}
	return codes
}

// writeInput writes the case's input to a file; an input of zeros becomes
// a sparse file of that size, which costs nothing to make.
func writeInput(t *testing.T, c *hostile.Case) (path string, data []byte) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "policy.json")
	if c.Input.Zeros > 0 {
		f, err := os.Create(path)
		if err == nil {
			err = f.Truncate(int64(c.Input.Zeros))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		return path, nil
	}
	data, err := c.Build()
	if err == nil {
		err = os.WriteFile(path, data, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

// TestHostileCLI runs every hostile case through "lambdaiam validate" (and
// "lambdaiam eval" where the case asks), within the case's time budget.
// A case without a CLI expectation must get from validate exactly the
// error codes policy.Parse gives with the options validate uses (its
// kind, the size quota, envelopes), and exit 2 when there are any, 0
// otherwise.
func TestHostileCLI(t *testing.T) {
	cases, err := hostile.Load(filepath.Join("..", "..", "testdata", "hostile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			path, data := writeInput(t, &c)
			kind := c.Kind
			if kind == "" {
				kind = "identity"
			}
			args := []string{"validate", "--json", "--kind", kind, path}
			want := c.CLI
			if want == nil {
				want = deriveCLI(t, data, kind)
			} else if want.Isolate {
				// As a user runs it: the kind detected from the input.
				args = []string{"validate", "--json", path}
			}
			secs, _ := c.Budget.Limit()
			budget := time.Duration(secs * float64(time.Second))

			start := time.Now()
			res := runCLI(t, c.Name, want.Isolate, args...)
			if d := time.Since(start); d > budget {
				t.Errorf("validate took %v, over the budget of %v", d, budget)
			}
			got := hostile.CLIWant{Exit: res.Exit, Codes: validateCodes(t, res.Stdout)}
			if diff := cmp.Diff(hostile.CLIWant{Exit: want.Exit, Codes: want.Codes}, got); diff != "" {
				t.Errorf("lambdaiam validate (-want +got):\n%s\nstderr: %.500s", diff, res.Stderr)
			}

			if want.Eval != nil {
				start := time.Now()
				res := runCLI(t, c.Name, want.Isolate, "eval", "--jsonl", path)
				if d := time.Since(start); d > budget {
					t.Errorf("eval took %v, over the budget of %v", d, budget)
				}
				if res.Exit != *want.Eval {
					t.Errorf("lambdaiam eval exit %d, want %d; stderr: %.500s", res.Exit, *want.Eval, res.Stderr)
				}
			}
			if c.Input.Zeros > 0 {
				checkStdinBounded(t, c.Input.Zeros)
			}
		})
	}
}

// deriveCLI is the expectation of a case without one: what policy.Parse
// says with validate's options.
func deriveCLI(t *testing.T, data []byte, kind string) *hostile.CLIWant {
	t.Helper()
	k, ok := kindNames[kind]
	if !ok {
		t.Fatalf("unknown kind %q", kind)
	}
	w := &hostile.CLIWant{}
	_, err := policy.Parse(data, policy.WithKind(k), policy.WithSizeLimit(), policy.WithEnvelope(policy.EnvelopeAuto))
	var list policy.ErrorList
	if errors.As(err, &list) {
		w.Exit = 2
		seen := map[string]bool{}
		for _, e := range list {
			if !seen[string(e.Code)] {
				seen[string(e.Code)] = true
				w.Codes = append(w.Codes, string(e.Code))
			}
		}
	}
	return w
}

// countingReader gives n zero bytes and counts how many were read.
type countingReader struct{ left, read int }

func (r *countingReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := min(len(p), r.left)
	clear(p[:n])
	r.left -= n
	r.read += n
	return n, nil
}

// checkStdinBounded feeds n bytes to "lambdaiam eval -": the command must
// refuse them having read no more than its limit and one byte.
func checkStdinBounded(t *testing.T, n int) {
	t.Helper()
	in := &countingReader{left: n}
	var out, errOut bytes.Buffer
	if code := run([]string{"eval", "-"}, in, &out, &errOut); code != 2 {
		t.Errorf("eval - of %d bytes: exit %d, want 2", n, code)
	}
	if in.read > maxFileSize+1 {
		t.Errorf("eval - read %d bytes of %d, more than the %d-byte limit and one", in.read, n, maxFileSize)
	}
}
