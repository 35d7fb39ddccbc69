package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tidwall/gjson"

	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

// lastLine returns the last line of out.
func lastLine(out string) string {
	out = strings.TrimSuffix(out, "\n")
	return out[strings.LastIndexByte(out, '\n')+1:]
}

// countExpects counts the cases that carry "expect" in the case files
// under dir, read independently of the command.
func countExpects(t *testing.T, dir string) int {
	t.Helper()
	files, err := caseload.FindFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		data, err := readLimited(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range bytes.Split(data, []byte{'\n'}) {
			if gjson.GetBytes(l, "expect").Str != "" {
				n++
			}
		}
	}
	return n
}

// TestTestExamples is the acceptance test of `lambdaiam test`: every
// expectation of the bundled examples holds, and the last line counts
// them.
func TestTestExamples(t *testing.T) {
	dir := filepath.Join("..", "..", "examples")
	var stdout, stderr bytes.Buffer
	code := run([]string{"test", dir}, nil, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit status %d\n%s%s", code, stdout.String(), stderr.String())
	}
	n := countExpects(t, dir)
	want := fmt.Sprintf("%d passed, 0 failed", n)
	if got := lastLine(stdout.String()); got != want {
		t.Errorf("last line %q, want %q", got, want)
	}
	if n < 60 {
		t.Errorf("only %d expectations in the examples", n)
	}
}

// TestTestFailures runs a case file with failing cases: the output lists
// each failure with its reasons (pinned by a golden file), and the exit
// status is 1.
func TestTestFailures(t *testing.T) {
	file := filepath.Join("testdata", "test", "failing.cases")
	var stdout, stderr bytes.Buffer
	code := run([]string{"test", file}, nil, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit status %d, want 1; stderr: %s", code, stderr.String())
	}
	if got := lastLine(stdout.String()); got != "1 passed, 3 failed" {
		t.Errorf("last line %q, want %q", got, "1 passed, 3 failed")
	}
	golden(t, filepath.Join("test", "failing.golden"), []byte(filepath.ToSlash(stdout.String())))
}

// TestTestJSON checks --json: one object with the counts and every case's
// result, where it is and whether it passed.
func TestTestJSON(t *testing.T) {
	file := filepath.Join("testdata", "test", "failing.cases")
	var stdout, stderr bytes.Buffer
	code := run([]string{"test", "--json", file}, nil, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit status %d, want 1; stderr: %s", code, stderr.String())
	}
	var rep testReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	type row struct {
		Name, Expect, Decision string
		Line                   int
		Pass, Error            bool
	}
	var got []row
	for _, r := range rep.Results {
		if r.File != file {
			t.Errorf("%s: file %q, want %q", r.Name, r.File, file)
		}
		got = append(got, row{r.Name, r.Expect, r.Decision, r.Line, r.Pass, r.Error != nil})
	}
	want := []row{
		{"the deployer updates the code", "Allow", "Allow", 1, true, false},
		{"a wrong expectation: the deployer may delete", "Allow", "ExplicitDeny", 2, false, false},
		{"a wrong expectation: an alias is the function", "Allow", "ImplicitDeny", 3, false, false},
		{"a referenced file that does not exist", "ImplicitDeny", "", 4, false, true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{1, 3, 1}, []int{rep.Passed, rep.Failed, rep.Skipped}); diff != "" {
		t.Errorf("passed, failed, skipped (-want +got):\n%s", diff)
	}
	// The deny names the statement, in the policy file.
	r := rep.Results[1]
	if len(r.Reasons) != 1 || r.Reasons[0].Sid != "NeverDelete" ||
		filepath.ToSlash(r.Reasons[0].Position) != "testdata/test/policies/deployer.json:10:5" {
		t.Errorf("reasons %+v, want the NeverDelete statement at testdata/test/policies/deployer.json:10:5", r.Reasons)
	}
}

// TestTestUsage checks the arguments and the exit statuses for input that
// is not a test at all.
func TestTestUsage(t *testing.T) {
	passing := filepath.Join("..", "..", "examples", "quickstart", "cases.jsonl")
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		stdout   *regexp.Regexp // last line of standard output
		inStderr string
	}{
		{"E2/no-path", []string{"test"}, 2, nil, "give at least one case file or directory"},
		{"E2/unknown-flag", []string{"test", "--nope", passing}, 2, nil, "flag provided but not defined"},
		{"E2/missing-path", []string{"test", filepath.Join("testdata", "test", "none")}, 2, regexp.MustCompile(`^0 passed, 0 failed$`), "none"},
		{"E2/directory-without-case-files", []string{"test", filepath.Join("testdata", "test", "empty")}, 2, regexp.MustCompile(`^0 passed, 0 failed$`), "no case files"},
		{"E2/file-unusable-as-a-whole", []string{"test", filepath.Join("testdata", "test", "dup-names.cases"), passing}, 2,
			regexp.MustCompile(`^3 passed, 0 failed$`), `case name "same" is also used on line 1`},
		{"E3/flags-after-paths", []string{"test", passing, "-v"}, 0, regexp.MustCompile(`^3 passed, 0 failed$`), ""},
		{"E3/help", []string{"test", "-h"}, 0, nil, "usage: lambdaiam test"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, nil, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit status %d, want %d\n%s%s", code, tc.code, stdout.String(), stderr.String())
			}
			if tc.stdout != nil && !tc.stdout.MatchString(lastLine(stdout.String())) {
				t.Errorf("last line %q, want %v", lastLine(stdout.String()), tc.stdout)
			}
			if !strings.Contains(stderr.String(), tc.inStderr) {
				t.Errorf("stderr %q, want it to hold %q", stderr.String(), tc.inStderr)
			}
		})
	}
}

// TestTestVerbose checks that -v lists passing cases too.
func TestTestVerbose(t *testing.T) {
	passing := filepath.Join("..", "..", "examples", "quickstart", "cases.jsonl")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"test", "-v", passing}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	n := 0
	for _, l := range strings.Split(stdout.String(), "\n") {
		if strings.HasPrefix(l, "ok   ") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d ok lines, want 3:\n%s", n, stdout.String())
	}
}
