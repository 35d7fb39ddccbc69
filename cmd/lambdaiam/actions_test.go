package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/catalog"
)

// tableActions returns the first column of the actions table, without
// the header.
func tableActions(out string) []string {
	var names []string
	for i, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if i == 0 || line == "" {
			continue
		}
		names = append(names, strings.Fields(line)[0])
	}
	return names
}

func catalogNames(pattern string) []string {
	var names []string
	for _, a := range catalog.Expand(pattern) {
		names = append(names, a.String())
	}
	return names
}

// TestActionsAcceptance checks lambdaiam actions against the catalog:
// 'lambda:Get*' lists exactly its Get actions, 'lambda:*' all 119.
func TestActionsAcceptance(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		want  []string
		count int
	}{
		{name: "M2/lambda-get", args: []string{"lambda:Get*"}, want: catalogNames("lambda:Get*")},
		{name: "M2/lambda-all", args: []string{"lambda:*"}, want: catalogNames("lambda:*"), count: 119},
		{name: "M2/union-sorted-once", args: []string{"lambda:UpdateAlias", "lambda:*Alias", "iam:PassRole"},
			want: []string{"iam:PassRole", "lambda:CreateAlias", "lambda:DeleteAlias", "lambda:GetAlias", "lambda:UpdateAlias"}},
		{name: "M2/case-insensitive", args: []string{"LAMBDA:getalias"}, want: []string{"lambda:GetAlias"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(append([]string{"actions"}, tt.args...), nil, &stdout, &stderr); code != 0 {
				t.Fatalf("exit status %d; stderr: %s", code, stderr.String())
			}
			got := tableActions(stdout.String())
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("table actions (-want +got):\n%s", diff)
			}
			if tt.count > 0 && len(got) != tt.count {
				t.Errorf("%d actions, want %d", len(got), tt.count)
			}

			stdout.Reset()
			if code := run(append([]string{"actions", "--json"}, tt.args...), nil, &stdout, &stderr); code != 0 {
				t.Fatalf("--json exit status %d; stderr: %s", code, stderr.String())
			}
			var js []actionJSON
			if err := json.Unmarshal(stdout.Bytes(), &js); err != nil {
				t.Fatal(err)
			}
			var jsNames []string
			for _, a := range js {
				jsNames = append(jsNames, a.Action)
			}
			if diff := cmp.Diff(tt.want, jsNames); diff != "" {
				t.Errorf("JSON actions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestActionsTable(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"actions", "lambda:ListFunctions", "lambda:TagResource", "lambda:AddPermission", "lambda:PutFunctionCodeSigningConfig"}, nil, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit status %d; stderr: %s", code, stderr.String())
	}
	golden(t, "actions-table.golden", stdout.Bytes())
}

func TestActionsJSONFields(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"actions", "--json", "lambda:InvokeFunction", "lambda:ListFunctions"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d; stderr: %s", code, stderr.String())
	}
	var got []actionJSON
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := []actionJSON{
		{Action: "lambda:InvokeFunction", AccessLevel: "Write", AccessLevels: []string{"Write"},
			ResourceTypes: []actionResourceJS{{Name: "function", Required: true,
				ARNPattern:    "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}",
				ConditionKeys: []string{"aws:ResourceTag/${TagKey}"}, DependentActions: []string{}}},
			ConditionKeys: []string{"lambda:EventSourceToken", "lambda:InvokedViaFunctionUrl"}, DependentActions: []string{},
			APIOperations: []string{"Invoke", "InvokeWithResponseStream"}, Description: "Grants permission to invoke an AWS Lambda function"},
		{Action: "lambda:ListFunctions", AccessLevel: "List", AccessLevels: []string{"List"}, ResourceTypes: []actionResourceJS{},
			WildcardOnly: true, ConditionKeys: []string{}, DependentActions: []string{},
			Description: "Grants permission to retrieve a list of AWS Lambda functions, with the version-specific configuration of each function"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
}

func TestActionsExitStatus(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		want       int
		wantStdout []string // actions listed
	}{
		{name: "usage/no-pattern", args: nil, want: 2},
		{name: "usage/help", args: []string{"-h"}, want: 0},
		{name: "usage/unknown-flag", args: []string{"--frob", "lambda:*"}, want: 2},
		{name: "M2/unknown-service", args: []string{"lamda:Get*"}, want: 2},
		{name: "M2/uncatalogued-service", args: []string{"athena:Get*"}, want: 2},
		{name: "M2/not-service-colon-name", args: []string{"lambda"}, want: 2},
		{name: "M2/empty-name", args: []string{"lambda:"}, want: 2},
		{name: "M2/bad-pattern-lists-nothing", args: []string{"lambda:GetAlias", "lamda:*"}, want: 2},
		{name: "M2/no-match", args: []string{"lambda:Nope*"}, want: 1},
		{name: "M2/no-match-others-listed", args: []string{"lambda:Nope*", "lambda:GetAlias"}, want: 1, wantStdout: []string{"lambda:GetAlias"}},
		{name: "M2/wildcard-service-unchecked", args: []string{"*:PassRole"}, want: 0, wantStdout: []string{"iam:PassRole"}},
		{name: "M2/star", args: []string{"*"}, want: 0, wantStdout: catalogNames("*")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, stdout, stderr := runCmd(append([]string{"actions"}, tt.args...)...)
			if got != tt.want {
				t.Errorf("exit status %d, want %d; stderr: %s", got, tt.want, stderr)
			}
			if got != 0 && tt.want != 0 && stderr == "" {
				t.Error("no message on standard error")
			}
			if diff := cmp.Diff(tt.wantStdout, tableActions(stdout)); diff != "" {
				t.Errorf("listed actions (-want +got):\n%s", diff)
			}
		})
	}
}
