package caseload_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/policy"
)

func TestRawPolicies(t *testing.T) {
	dir := t.TempDir()
	cases := `{"action":"lambda:InvokeFunction","identityPolicies":[{"Statement":[]},{"document":{"Id":"wrapped"}}],"resourcePolicy":{"Id":"r"},"scps":[[{"Id":"s1"}],[{"Id":"s2"}]],"expect":"Allow"}

{"action":"sts:AssumeRole","resourcePolicy":{"Id":"t"},"permissionsBoundary":{"Id":"b"},"sessionPolicy":{"Id":"s"},"rcps":[[{"Id":"r1"}]],"expect":"Allow"}
{"action":"lambda:InvokeFunction","identityPolicies":[{"Id":"bad"}],"expect":"Error"}
`
	if err := os.WriteFile(filepath.Join(dir, "c.jsonl"), []byte(cases), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := caseload.RawPolicies(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want := []caseload.RawPolicy{
		{File: "c.jsonl", Line: 1, Index: 0, Kind: policy.KindIdentity, Text: `{"Statement":[]}`},
		{File: "c.jsonl", Line: 1, Index: 1, Kind: policy.KindIdentity, Text: `{"Id":"wrapped"}`},
		{File: "c.jsonl", Line: 1, Index: 2, Kind: policy.KindResource, Text: `{"Id":"r"}`},
		{File: "c.jsonl", Line: 1, Index: 3, Kind: policy.KindSCP, Text: `{"Id":"s1"}`},
		{File: "c.jsonl", Line: 1, Index: 4, Kind: policy.KindSCP, Text: `{"Id":"s2"}`},
		{File: "c.jsonl", Line: 3, Index: 0, Kind: policy.KindTrust, Text: `{"Id":"t"}`},
		{File: "c.jsonl", Line: 3, Index: 1, Kind: policy.KindBoundary, Text: `{"Id":"b"}`},
		{File: "c.jsonl", Line: 3, Index: 2, Kind: policy.KindSession, Text: `{"Id":"s"}`},
		{File: "c.jsonl", Line: 3, Index: 3, Kind: policy.KindRCP, Text: `{"Id":"r1"}`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RawPolicies (-want +got):\n%s", diff)
	}
	if _, err := caseload.RawPolicies(filepath.Join(dir, "*.none")); err == nil {
		t.Error("RawPolicies of a pattern that matches nothing: no error")
	}
}
