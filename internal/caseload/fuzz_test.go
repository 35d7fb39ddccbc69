package caseload_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

// FuzzParseLine checks that reading any input never panics, that a case
// always has a name, that a case without Err has every policy parsed, and
// that a case with Err never evaluates to anything but ImplicitDeny.
func FuzzParseLine(f *testing.F) {
	f.Add([]byte(`{"name":"a","principal":"anonymous","action":"lambda:InvokeFunction","resource":"*"}`))
	f.Add([]byte(`{"principal":"arn:aws:iam::111122223333:user/a","action":"lambda:GetFunction","resource":"arn:aws:lambda:us-east-1:111122223333:function:f","identityPolicies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}],"context":{"k":["a"],"n":1}}`))
	f.Add([]byte(`{"scps":[[{"name":"x","document":{"Statement":[]}}]],"rcps":null}`))
	f.Add([]byte(`{"action":"sts:AssumeRole","identityPolicies":["policies/dev.json",{"name":"b","file":"policies/bad.json"}],"resourcePolicy":"policies/trust.json"}`))
	if data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "conformance", "evaluation.jsonl")); err == nil {
		for _, l := range bytes.Split(data, []byte{'\n'}) {
			f.Add(l)
		}
	}
	files := policyFS()
	f.Fuzz(func(t *testing.T, data []byte) {
		c := caseload.ParseLine(data, "fuzz", 1)
		if c.Name == "" {
			t.Fatal("case without a name")
		}
		if c.Err == nil {
			check := func(n evaluate.Named) {
				if n.Doc == nil {
					t.Fatalf("policy %q without a document", n.Name)
				}
			}
			for _, n := range c.Policies.Identity {
				check(n)
			}
			for _, p := range []*evaluate.Named{c.Policies.Resource, c.Policies.Boundary, c.Policies.Session} {
				if p != nil {
					check(*p)
				}
			}
			for _, l := range append(append([][]evaluate.Named{}, c.Policies.SCPs...), c.Policies.RCPs...) {
				for _, n := range l {
					check(n)
				}
			}
		}
		res := c.Run()
		if c.Err != nil && (res.Decision != evaluate.ImplicitDeny || res.Err == nil) {
			t.Fatalf("case with error %v evaluated to %v", c.Err, res.Decision)
		}
		if res.Err != nil && res.Decision != evaluate.ImplicitDeny {
			t.Fatalf("error %v with decision %v", res.Err, res.Decision)
		}
		_, _ = caseload.Load(data, "fuzz")
		// With policy files: a case that reads without error has every
		// policy it references.
		fc := caseload.ParseLine(data, "fuzz", 1, caseload.WithFS(files, "."))
		if fc.Err == nil {
			for _, n := range fc.Policies.Identity {
				if n.Doc == nil {
					t.Fatalf("policy %q without a document", n.Name)
				}
			}
		}
	})
}
