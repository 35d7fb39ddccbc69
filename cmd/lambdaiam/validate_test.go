package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/internal/goldenfile"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/NAME, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Compare(t, filepath.Join("testdata", name), got, *update)
}

type problem struct {
	Line, Column int
	Pointer      string
	Code         string
}

// TestValidateRejects runs lambdaiam validate on one bad policy per row and
// checks the exit status, the error codes, and each error's line, column
// and JSON pointer. The full output is pinned by a golden file.
func TestValidateRejects(t *testing.T) {
	tests := []struct {
		file string
		args []string
		rule string
		want []problem
	}{
		{"dup-effect.json", nil, "G9",
			[]problem{{8, 7, "/Statement/0/Effect", "duplicate-key"}}},
		{"dup-condition-key.json", nil, "G9",
			[]problem{{9, 7, "/Statement/Condition/StringEquals", "duplicate-key"}}},
		{"effect-lowercase.json", nil, "G4,G.21",
			[]problem{{12, 17, "/Statement/1/Effect", "invalid-effect"}}},
		{"action-and-notaction.json", nil, "G5",
			[]problem{{1, 83, "/Statement/0/NotAction", "action-and-notaction"}}},
		{"unknown-operator.json", nil, "G8,G.37",
			[]problem{{8, 21, "/Statement/0/Condition/stringEquals", "unknown-operator"}}},
		{"principal-in-identity.json", []string{"--kind", "identity"}, "G5",
			[]problem{{6, 7, "/Statement/0/Principal", "principal-not-allowed"}}},
		{"resource-without-principal.json", []string{"--kind", "resource"}, "G5",
			[]problem{{5, 5, "/Statement/0", "missing-principal"}}},
		{"notprincipal-allow.json", nil, "G5,M4",
			[]problem{{7, 7, "/Statement/0/NotPrincipal", "notprincipal-with-allow"}}},
		{"trailing-garbage.json", nil, "G1",
			[]problem{{2, 1, "", "syntax"}}},
		{"invalid-utf8.json", nil, "G11",
			[]problem{{1, 52, "", "invalid-utf8"}}},
		{"too-deep.json", nil, "A nesting bound",
			[]problem{{1, 0, "", "too-deep"}}},
		{"over-size-limit.json", nil, "G10",
			[]problem{{272, 34, "", "size-limit"}}},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			path := filepath.Join("testdata", "validate", tt.file)
			args := append([]string{"validate"}, tt.args...)
			var stdout, stderr bytes.Buffer
			code := run(append(args, path), nil, &stdout, &stderr)
			if code != 2 {
				t.Errorf("exit status %d, want 2; stderr: %s", code, stderr.String())
			}
			golden(t, filepath.Join("validate", strings.TrimSuffix(tt.file, ".json")+".golden"), stdout.Bytes())

			stdout.Reset()
			run(append(append(args, "--json"), path), nil, &stdout, &stderr)
			var res []validateFile
			if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
				t.Fatalf("--json output: %v\n%s", err, stdout.String())
			}
			var got []problem
			for _, e := range res[0].Errors {
				p := problem{e.Line, e.Column, e.Pointer, e.Code}
				if tt.want[0].Column == 0 { // the column of a depth error depends on the bound
					p.Column = 0
				}
				got = append(got, p)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidateAccepts checks valid policies, including a get-policy
// envelope detected without a flag, and the bundled example's policies.
func TestValidateAccepts(t *testing.T) {
	files, _ := filepath.Glob("../../examples/quickstart/policies/*.json")
	files = append(files, "testdata/validate/valid-identity.json", "testdata/validate/valid-get-policy.json")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run([]string{"validate", f}, nil, &stdout, &stderr); code != 0 {
				t.Errorf("exit status %d, want 0:\n%s%s", code, stdout.String(), stderr.String())
			}
		})
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no arguments prints usage", nil, 0},
		{"unknown command", []string{"frobnicate"}, 2},
		{"unknown validate flag", []string{"validate", "--frob", "x.json"}, 2},
		{"unknown eval flag", []string{"eval", "--frob"}, 2},
		{"validate without files", []string{"validate"}, 2},
		{"validate with a bad kind", []string{"validate", "--kind", "bucket", "x.json"}, 2},
		{"validate a missing file", []string{"validate", "testdata/validate/no-such-file.json"}, 2},
		{"eval with two files", []string{"eval", "a", "b"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := run(tt.args, nil, &stdout, &stderr); got != tt.want {
				t.Errorf("exit status %d, want %d; stderr: %s", got, tt.want, stderr.String())
			}
			if tt.want == 0 && !strings.Contains(stdout.String(), "Usage:") {
				t.Errorf("no usage printed: %q", stdout.String())
			}
		})
	}
}

func cmpDiff(want, got string) string { return cmp.Diff(want, got) }

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestValidateCorpus writes every policy of every conformance case that
// expects a decision to its own file and validates it with the kind of its
// field: lambdaiam validate accepts them all, size quotas included.
func TestValidateCorpus(t *testing.T) {
	pols, err := caseload.RawPolicies("../../testdata/conformance/*.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, p := range pols {
		path := filepath.Join(dir, fmt.Sprintf("%s-%d-%d.json", p.File, p.Line, p.Index))
		writeFile(t, path, p.Text)
		var stdout, stderr bytes.Buffer
		if code := run([]string{"validate", "--kind", p.Kind.String(), path}, nil, &stdout, &stderr); code != 0 {
			t.Errorf("%s:%d policy %d (%s): exit %d\n%s%s", p.File, p.Line, p.Index, p.Kind, code, stdout.String(), stderr.String())
		}
	}
	if len(pols) < 270 {
		t.Errorf("validated only %d corpus policies", len(pols))
	}
	t.Logf("validated %d corpus policies", len(pols))
}

// TestValidateWarnings checks how validate reports lint warnings: after
// the policy is accepted, one line per warning, pinned by a golden file;
// exit status 0, or 1 with --strict; 2 when another file has errors,
// --strict or not; and a "warnings" list per file under --json.
func TestValidateWarnings(t *testing.T) {
	warn := filepath.Join("testdata", "validate", "lint-warnings.json")
	env := filepath.Join("testdata", "validate", "lint-get-policy.json")
	bad := filepath.Join("testdata", "validate", "dup-effect.json")
	clean := "../../examples/quickstart/policies/orders-worker-identity.json"
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"E1/warnings alone exit 0", []string{warn, env}, 0},
		{"E1/strict makes warnings exit 1", []string{"--strict", warn}, 1},
		{"E1/strict without warnings exits 0", []string{"--strict", clean}, 0},
		{"G9/errors exit 2 under strict", []string{"--strict", warn, bad}, 2},
		{"G9/errors exit 2", []string{bad, warn}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := run(append([]string{"validate"}, tt.args...), nil, &stdout, &stderr); got != tt.want {
				t.Errorf("exit status %d, want %d\n%s%s", got, tt.want, stdout.String(), stderr.String())
			}
		})
	}

	var stdout, stderr bytes.Buffer
	run([]string{"validate", warn, env}, nil, &stdout, &stderr)
	golden(t, filepath.Join("validate", "lint-warnings.golden"), stdout.Bytes())

	stdout.Reset()
	run([]string{"validate", "--json", warn, env, bad}, nil, &stdout, &stderr)
	var res []validateFile
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("--json output: %v\n%s", err, stdout.String())
	}
	type row struct {
		File         string
		Valid        bool
		Errors       int
		Line, Column int
		Pointer      string
		Code         string
		Fix          bool
	}
	var got []row
	for _, r := range res {
		if len(r.Warnings) == 0 {
			got = append(got, row{File: filepath.Base(r.File), Valid: r.Valid, Errors: len(r.Errors)})
		}
		for _, w := range r.Warnings {
			got = append(got, row{filepath.Base(r.File), r.Valid, len(r.Errors), w.Line, w.Column, w.Pointer, w.Code, w.Fix != "" && w.Message != ""})
		}
	}
	want := []row{
		{"lint-warnings.json", true, 0, 7, 43, "/Statement/0/Action/1", "unknown-action", true},
		{"lint-warnings.json", true, 0, 8, 19, "/Statement/0/Resource", "unqualified-function-grant", true},
		{"lint-warnings.json", true, 0, 16, 37, "/Statement/1/Condition/ForAllValues:StringLike/lambda:Layer", "forallvalues-without-null", true},
		{"lint-get-policy.json", true, 0, 1, 111, "/Statement/0/Principal/Service", "service-principal-without-source", true},
		{"dup-effect.json", false, 1, 0, 0, "", "", false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("--json warnings (-want +got):\n%s", diff)
	}
}

// TestValidateDeepNesting checks that guessing the kind of a deeply
// nested input (plain, or inside a get-policy envelope) does not recurse:
// validate reports "too-deep" and exits 2.
func TestValidateDeepNesting(t *testing.T) {
	deep := strings.Repeat("[", 1<<18) + strings.Repeat("]", 1<<18)
	tests := []struct {
		name, text string
	}{
		{"A/plain", deep},
		{"A/in a get-policy envelope", `{"Policy": "` + deep + `"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "deep.json")
			writeFile(t, path, tt.text)
			var stdout, stderr bytes.Buffer
			if code := run([]string{"validate", "--json", path}, nil, &stdout, &stderr); code != 2 {
				t.Errorf("exit status %d, want 2; stderr: %.300s", code, stderr.String())
			}
			var res []validateFile
			if err := json.Unmarshal(stdout.Bytes(), &res); err != nil || len(res) != 1 || len(res[0].Errors) == 0 {
				t.Fatalf("--json output %.300s: %v", stdout.String(), err)
			}
			if got := res[0].Errors[0].Code; got != "too-deep" {
				t.Errorf("code %q, want too-deep", got)
			}
		})
	}
}
