package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

const (
	accessCase     = "testdata/access/orders.json"
	accessIdentity = "testdata/access/partner-identity.json"
	accessFnPolicy = "testdata/access/orders-policy.json"
	accessPartner  = "arn:aws:iam::444455556666:role/partner"
	accessOrders   = "arn:aws:lambda:us-east-1:111122223333:function:orders"
)

// runAccessJSON runs lambdaiam access --json with args and decodes the
// report.
func runAccessJSON(t *testing.T, args ...string) accessReport {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"access", "--json"}, args...), nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	var rep accessReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	return rep
}

// TestAccessGolden pins the table and JSON output of lambdaiam access.
func TestAccessGolden(t *testing.T) {
	tests := []struct {
		name, golden string
		args         []string
	}{
		{"E5/function-with-resource-and-identity-policy", "orders.golden", []string{accessCase}},
		{"E5/function-json", "orders-json.golden", []string{"--json", "--actions", "lambda:*Function", accessCase}},
		{"F3/alias-gets-the-qualified-actions", "orders-alias.golden", []string{
			"--principal", accessPartner, "--resource", accessOrders + ":PROD",
			"--identity", accessIdentity, "--resource-policy", accessFnPolicy,
			"--context", "aws:SourceIp=203.0.113.9"}},
		{"M3.4/wildcard-resource", "wildcard.golden", []string{"--resource", "*", accessCase}},
		{"C/context-flag-replaces-case-key", "context.golden", []string{
			accessCase, "--actions", "lambda:Update*", "--context", "aws:SourceIp=198.51.100.7"}},
		{"M2/actions-pattern-without-service", "pattern.golden", []string{"--actions", "get*config*", accessCase}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(append([]string{"access"}, tt.args...), nil, &stdout, &stderr); code != 0 {
				t.Fatalf("exit status %d: %s", code, stderr.String())
			}
			golden(t, filepath.Join("access", tt.golden), stdout.Bytes())
		})
	}
}

// TestAccessMatchesEval is the acceptance check: every row of the matrix
// for a function with a resource policy and an identity policy equals
// the result of `lambdaiam eval` on the same case with that row's action.
func TestAccessMatchesEval(t *testing.T) {
	rep := runAccessJSON(t, accessCase)
	if len(rep.Actions) == 0 {
		t.Fatal("empty matrix")
	}

	data, err := os.ReadFile(accessCase)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatal(err)
	}
	var lines bytes.Buffer
	for _, row := range rep.Actions {
		fields["name"], _ = json.Marshal(row.Action)
		fields["action"], _ = json.Marshal(row.Action)
		line, err := json.Marshal(fields)
		if err != nil {
			t.Fatal(err)
		}
		lines.Write(line)
		lines.WriteByte('\n')
	}
	file := filepath.Join(t.TempDir(), "per-action.jsonl")
	if err := os.WriteFile(file, lines.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"eval", "--jsonl", file}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("eval: exit status %d: %s", code, stderr.String())
	}

	type result struct {
		Action, Decision string
		Reasons          []caseload.ReasonJSON
	}
	// Positions differ (the per-action cases are single lines): compare
	// everything else.
	strip := func(rs []caseload.ReasonJSON) []caseload.ReasonJSON {
		out := []caseload.ReasonJSON{}
		for _, r := range rs {
			r.Position = ""
			out = append(out, r)
		}
		return out
	}
	var want, got []result
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var out caseload.Output
		if err := json.Unmarshal(sc.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		if out.Error != nil {
			t.Fatalf("%s: %s", out.Name, *out.Error)
		}
		want = append(want, result{out.Name, out.Decision, strip(out.Reasons)})
	}
	decisions := map[string]int{}
	for _, row := range rep.Actions {
		got = append(got, result{row.Action, row.Decision, strip(row.Reasons)})
		decisions[row.Decision]++
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("access matrix differs from per-action eval (-eval +access):\n%s", diff)
	}
	// The case is built to exercise every decision.
	if decisions["Allow"] == 0 || decisions["ImplicitDeny"] == 0 || decisions["ExplicitDeny"] == 0 {
		t.Errorf("decisions %v: want each of Allow, ImplicitDeny and ExplicitDeny", decisions)
	}
}

// TestAccessFlagsEqualCase checks that policies given as files decide as
// the same policies given in a case.
func TestAccessFlagsEqualCase(t *testing.T) {
	fromCase := runAccessJSON(t, accessCase)
	fromFlags := runAccessJSON(t, "--principal", accessPartner, "--resource", accessOrders,
		"--identity", accessIdentity, "--resource-policy", accessFnPolicy, "--context", "aws:SourceIp=203.0.113.9")
	decisions := func(rep accessReport) []string {
		var out []string
		for _, r := range rep.Actions {
			out = append(out, r.Action+" "+r.Decision)
		}
		return out
	}
	if diff := cmp.Diff(decisions(fromCase), decisions(fromFlags)); diff != "" {
		t.Errorf("E5/flags-equal-case (-case +flags):\n%s", diff)
	}
}

func TestAccessRows(t *testing.T) {
	rep := runAccessJSON(t, accessCase)
	type row struct{ Action, AccessLevel, Decision, DecidedBy string }
	pick := map[string]bool{"lambda:InvokeFunction": true, "lambda:DeleteFunction": true,
		"lambda:GetFunctionConfiguration": true, "lambda:UpdateFunctionCode": true, "lambda:TagResource": true}
	var got []row
	for _, r := range rep.Actions {
		if pick[r.Action] {
			got = append(got, row{r.Action, r.AccessLevel, r.Decision, strings.Join(r.DecidedBy, "; ")})
		}
	}
	want := []row{
		{"lambda:GetFunctionConfiguration", "Read", "ImplicitDeny", "no resource-based policy allows (orders-policy)"},
		{"lambda:DeleteFunction", "Write", "ExplicitDeny", "partner-identity statement 2 (NoDelete)"},
		{"lambda:InvokeFunction", "Write", "Allow", "orders-policy statement 0 (partner-invoke); partner-identity statement 0 (ReadAndInvoke)"},
		{"lambda:UpdateFunctionCode", "Write", "Allow", "orders-policy statement 1 (partner-deploy); partner-identity statement 1 (DeployFromOffice)"},
		{"lambda:TagResource", "Tagging", "ImplicitDeny", "no resource-based policy allows (orders-policy)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("E5/rows (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"function"}, rep.ResourceTypes); diff != "" {
		t.Errorf("F1/resource-types (-want +got):\n%s", diff)
	}
}

func TestAccessBadInput(t *testing.T) {
	dir := t.TempDir()
	two := filepath.Join(dir, "two.jsonl")
	writeFile(t, two, `{"name":"a","principal":"arn:aws:iam::111122223333:user/a","resource":"*"}`+"\n"+
		`{"name":"b","principal":"arn:aws:iam::111122223333:user/b","resource":"*"}`+"\n")
	broken := filepath.Join(dir, "broken.json")
	writeFile(t, broken, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Effect": "Deny", "Action": "*", "Resource": "*"}]}`)
	badCase := filepath.Join(dir, "bad-case.json")
	writeFile(t, badCase, `{"principal": 3}`)

	tests := []struct {
		name string
		args []string
		code int
	}{
		{"E2/help", []string{"-h"}, 0},
		{"E2/no-principal", []string{"--resource", accessOrders}, 2},
		{"E2/no-resource", []string{"--principal", accessPartner}, 2},
		{"F1/not-a-lambda-resource", []string{"--resource", "arn:aws:s3:::bucket", accessCase}, 2},
		{"F1/not-an-arn", []string{"--resource", "orders", accessCase}, 2},
		{"E2/bad-principal", []string{"--principal", "bob", accessCase}, 2},
		{"E2/bad-context", []string{"--context", "aws:SourceIp", accessCase}, 2},
		{"M2/pattern-matches-nothing", []string{"--actions", "lambda:Nope*", accessCase}, 2},
		{"E2/two-case-files", []string{accessCase, accessCase}, 2},
		{"E2/two-cases-in-file", []string{two}, 2},
		{"G9/policy-file-does-not-parse", []string{"--identity", broken, accessCase}, 2},
		{"E2/case-does-not-load", []string{badCase}, 2},
		{"E2/missing-file", []string{filepath.Join(dir, "none.json")}, 2},
		{"E2/unknown-flag", []string{"--nope", accessCase}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCmd(append([]string{"access"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if tt.code == 2 && stderr == "" {
				t.Errorf("no message on standard error")
			}
		})
	}
}

func TestAccessStdin(t *testing.T) {
	data, err := os.ReadFile(accessCase)
	if err != nil {
		t.Fatal(err)
	}
	var fromFile, fromStdin, stderr bytes.Buffer
	if code := run([]string{"access", accessCase}, nil, &fromFile, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	if code := run([]string{"access", "-"}, bytes.NewReader(data), &fromStdin, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	if diff := cmp.Diff(fromFile.String(), fromStdin.String()); diff != "" {
		t.Errorf("E2/stdin (-file +stdin):\n%s", diff)
	}
}
