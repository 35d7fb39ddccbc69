package main

import (
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
	adDir      = "testdata/awsinput/"
	adDetails  = adDir + "account-details.json"
	adBare     = adDir + "principals.cases.jsonl"
	adFull     = adDir + "equivalent.cases.jsonl"
	adAlice    = "arn:aws:iam::111122223333:user/engineering/alice"
	adWorker   = "arn:aws:sts::111122223333:assumed-role/orders-worker/w-1"
	adFunction = "arn:aws:lambda:us-east-1:111122223333:function:"
)

// runCmd runs the command and returns its exit status, stdout and stderr.
func runCmd(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// decided is a result without positions: what must agree between a case
// whose policies come from the account details and the same case written
// out.
type decided struct {
	Name, Decision string
	Reasons        []caseload.ReasonJSON
	Error          *string
}

func decisions(t *testing.T, args ...string) []decided {
	t.Helper()
	code, stdout, stderr := runCmd(args...)
	if code != 0 {
		t.Fatalf("lambdaiam %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	var outs []caseload.Output
	if err := json.Unmarshal([]byte(stdout), &outs); err != nil {
		t.Fatal(err)
	}
	var ds []decided
	for _, o := range outs {
		for i := range o.Reasons {
			o.Reasons[i].Position = ""
		}
		ds = append(ds, decided{o.Name, o.Decision, o.Reasons, o.Error})
	}
	return ds
}

// TestAccountDetailsEquivalent is the acceptance test: the sample
// account details (users with groups, inline and managed policies, a
// non-default managed policy version, URL-encoded and object documents, a
// boundary, a role with a path used through a session ARN) give the same
// decisions and the same reasons, policy names included, as the case file
// that writes the same policies out; both meet every case's expect.
func TestAccountDetailsEquivalent(t *testing.T) {
	fromDetails := decisions(t, "eval", "--json", "--account-details", adDetails, adBare)
	written := decisions(t, "eval", "--json", adFull)
	if len(written) != 14 {
		t.Fatalf("%d results, want 14", len(written))
	}
	if diff := cmp.Diff(written, fromDetails); diff != "" {
		t.Errorf("A5/details-equal-case-file (-case file +account details):\n%s", diff)
	}
	// Both files meet their expectations through lambdaiam test, and the
	// details leave the written-out cases alone.
	for _, args := range [][]string{
		{"test", "--account-details", adDetails, adBare},
		{"test", adFull},
		{"test", "--account-details", adDetails, adFull},
	} {
		code, stdout, stderr := runCmd(args...)
		if code != 0 || !strings.HasSuffix(stdout, "14 passed, 0 failed\n") {
			t.Errorf("lambdaiam %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	// Without the details the bare cases have no identity policies.
	if code, stdout, _ := runCmd("test", adBare); code != 1 || !strings.Contains(stdout, "5 passed, 9 failed") {
		t.Errorf("bare cases without details: exit %d\n%s", code, stdout)
	}
}

// TestAccessAccountDetails checks that access takes the principal's
// policies from the details: the same matrix as with the policies given
// as files.
func TestAccessAccountDetails(t *testing.T) {
	matrix := func(args ...string) map[string]string {
		t.Helper()
		code, stdout, stderr := runCmd(append([]string{"access", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var rep accessReport
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, r := range rep.Actions {
			m[r.Action] = r.Decision
		}
		return m
	}
	tests := []struct {
		name, principal, resource string
		files                     []string
		boundary                  string
	}{
		{"A5/access-alice-dev", adAlice, adFunction + "dev-api",
			[]string{"alice-manage-code", "developers-invoke-dev", "deny-prod-deletes", "lambda-read-only"}, "dev-boundary"},
		{"A5/access-alice-prod", adAlice, adFunction + "prod-api",
			[]string{"alice-manage-code", "developers-invoke-dev", "deny-prod-deletes", "lambda-read-only"}, "dev-boundary"},
		{"A4/access-worker-session", adWorker, adFunction + "orders-api",
			[]string{"orders-worker-read", "lambda-invoke-orders-v2"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"--principal", tt.principal, "--resource", tt.resource}
			files := args
			for _, f := range tt.files {
				files = append(files, "--identity", adDir+"policies/"+f+".json")
			}
			if tt.boundary != "" {
				files = append(files, "--boundary", adDir+"policies/"+tt.boundary+".json")
			}
			want := matrix(files...)
			got := matrix(append(args, "--account-details", adDetails)...)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-policy files +account details):\n%s", diff)
			}
		})
	}
}

// TestSimulateGolden pins the simulate-custom-policy form's text and JSON
// output, and eval's text output with account details.
func TestSimulateGolden(t *testing.T) {
	p := func(name string) string { return "file://" + adDir + "policies/" + name + ".json" }
	tests := []struct {
		name, golden string
		args         []string
	}{
		{"S4/simulate-text", "awsinput/simulate.golden", []string{"eval",
			"--policy-input-list", p("developers-invoke-dev"), "--policy-input-list", p("deny-prod-deletes"),
			"--permissions-boundary-policy-input-list", p("dev-boundary"),
			"--action-names", "lambda:InvokeFunction,lambda:DeleteFunction",
			"--resource-arns", adFunction + "dev-api," + adFunction + "prod-api",
			"--caller-arn", "arn:aws:iam::111122223333:user/alice"}},
		{"S4/simulate-json-account-details-and-context", "awsinput/simulate-json.golden", []string{"eval",
			"--account-details", adDetails, "--caller-arn", adWorker,
			"--action-names", "lambda:GetFunction", "--action-names", "lambda:InvokeFunction",
			"--resource-arns", adFunction + "orders-api:prod",
			"--resource-policy", `{"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideVpc","Effect":"Deny","Principal":"*","Action":"lambda:InvokeFunction","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}}}]}`,
			"--context-entries", "ContextKeyName=aws:SourceVpc,ContextKeyValues=vpc-9f8e7d6c,ContextKeyType=string",
			"--output", "json"}},
		{"A5/eval-text-account-details", "awsinput/eval-account-details.golden", []string{"eval", "--account-details", adDetails, adBare}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden(t, tt.golden, []byte(stdout))
		})
	}
}

// TestAWSInputUsage checks the exit status of bad uses of the new flags
// and what the message names.
func TestAWSInputUsage(t *testing.T) {
	dir := t.TempDir()
	unknown := filepath.Join(dir, "unknown.cases.jsonl")
	if err := os.WriteFile(unknown, []byte(`{"name":"u","principal":"arn:aws:iam::111122223333:user/nobody","action":"lambda:GetFunction","resource":"*","expect":"ImplicitDeny"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sim := []string{"eval", "--caller-arn", adAlice, "--action-names", "lambda:GetFunction"}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // a fragment the message must contain
	}{
		{"S1/no-caller", []string{"eval", "--action-names", "lambda:GetFunction"}, 2, "--caller-arn"},
		{"S1/no-actions", []string{"eval", "--caller-arn", adAlice}, 2, "--action-names"},
		{"S1/case-file-too", append(sim, adBare), 2, "FILE"},
		{"S1/json-flag-too", append(sim, "--json"), 2, "--output"},
		{"S1/output-without-simulate", []string{"eval", "--output", "json", adFull}, 2, "--output"},
		{"S1/bad-output", append(sim, "--output", "xml"), 2, "xml"},
		{"S1/missing-policy-file", append(sim, "--policy-input-list", "file://nope.json"), 2, "policy-input"},
		{"S1/two-boundaries", append(sim, "--permissions-boundary-policy-input-list", "file://"+adDir+"policies/dev-boundary.json",
			"--permissions-boundary-policy-input-list", "file://"+adDir+"policies/dev-boundary.json"), 2, "at most one"},
		{"S1/invalid-policy", append(sim, "--policy-input-list", `{"Statement":[]}`), 2, ""},
		{"S3/bad-context", append(sim, "--context-entries", "ContextKeyName=a,ContextKeyValues=x,ContextKeyType=numeric"), 2, "context-entries"},
		{"S1/bad-resource-owner", append(sim, "--resource-owner", "arn:nope"), 2, "resource-owner"},
		{"S4/fail-on-deny", append(sim, "--fail-on-deny"), 1, ""},
		{"S4/allowed-without-fail", append(sim, "--account-details", adDetails, "--resource-arns", adFunction+"dev-api"), 0, ""},
		{"A1/missing-details-file", []string{"eval", "--account-details", "nope.json", adBare}, 2, "nope.json"},
		{"A1/details-not-json", []string{"eval", "--account-details", adDir + "policies", adBare}, 2, ""},
		{"A4/unknown-user-of-the-account", []string{"eval", "--account-details", adDetails, unknown}, 2, ""},
		{"A4/unknown-user-test", []string{"test", "--account-details", adDetails, unknown}, 1, ""},
		{"A4/simulate-unknown-caller", []string{"eval", "--account-details", adDetails, "--caller-arn", "arn:aws:iam::111122223333:user/nobody", "--action-names", "lambda:GetFunction"}, 2, "account-details"},
		{"A4/access-unknown-principal", []string{"access", "--account-details", adDetails, "--principal", "arn:aws:iam::111122223333:user/nobody", "--resource", "*"}, 2, "account-details"},
		{"A1/test-missing-details-file", []string{"test", "--account-details", "nope.json", adBare}, 2, "nope.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.code, stdout, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not mention %q", stderr, tt.stderr)
			}
		})
	}
}
