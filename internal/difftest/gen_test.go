package difftest

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a := Generate(42, 300)
	b := Generate(42, 300)
	if !bytes.Equal(a, b) {
		t.Fatal("Generate(42, 300) gave different bytes on a second call")
	}
	lines := bytes.Split(bytes.TrimSuffix(a, []byte("\n")), []byte("\n"))
	if len(lines) != 300 {
		t.Fatalf("Generate(42, 300) gave %d lines", len(lines))
	}
	for k, line := range lines {
		if one := GenerateCase(42 + uint64(k)); !bytes.Equal(one, line) {
			t.Fatalf("GenerateCase(%d) differs from line %d of Generate(42, 300):\n%s", 42+k, k, cmp.Diff(string(line), string(one)))
		}
	}
	if bytes.Equal(Generate(43, 1), Generate(44, 1)) {
		t.Error("seeds 43 and 44 gave the same case")
	}
}

func TestGeneratedCasesLoad(t *testing.T) {
	const first, n = 1000, 3000
	data := Generate(first, n)
	cases, err := caseload.Load(data, "gen")
	if err != nil {
		t.Fatalf("caseload.Load: %v", err)
	}
	if len(cases) != n {
		t.Fatalf("loaded %d cases, want %d", len(cases), n)
	}
	for k, c := range cases {
		if want := CaseName(first + uint64(k)); c.Name != want {
			t.Errorf("case %d is named %q, want %q", k, c.Name, want)
		}
		if c.Err != nil {
			t.Errorf("%s does not load: %v\n%s", c.Name, c.Err, GenerateCase(first+uint64(k)))
		}
	}
}

// TestGeneratedCasesAvoidKnownGaps checks, on the JSON, the rules the
// generator follows to stay clear of the reference evaluator's known gaps.
func TestGeneratedCasesAvoidKnownGaps(t *testing.T) {
	data := Generate(5000, 3000)
	for _, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
		var c struct {
			Name             string              `json:"name"`
			Principal        string              `json:"principal"`
			Action           string              `json:"action"`
			Resource         string              `json:"resource"`
			ResourceAccount  string              `json:"resourceAccount"`
			Context          map[string]any      `json:"context"`
			IdentityPolicies []json.RawMessage   `json:"identityPolicies"`
			ResourcePolicy   json.RawMessage     `json:"resourcePolicy"`
			SessionPolicy    json.RawMessage     `json:"sessionPolicy"`
			SCPs             [][]json.RawMessage `json:"scps"`
			RCPs             any                 `json:"rcps"`
		}
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatalf("invalid JSON: %v\n%s", err, line)
		}
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf("%s: "+format+"\n%s", append(append([]any{c.Name}, args...), line)...)
		}
		iam := strings.HasPrefix(c.Principal, "arn:") &&
			(strings.Contains(c.Principal, ":iam::") || strings.Contains(c.Principal, ":sts::"))
		if !iam && (len(c.SCPs) > 0 || len(c.IdentityPolicies) > 0) {
			fail("SCPs or identity policies for a service principal or anonymous caller (B9, C2)")
		}
		if strings.Contains(c.Principal, ":federated-user/") && c.SessionPolicy == nil {
			fail("federated user without a session policy (B8)")
		}
		if strings.HasSuffix(c.Principal, ":root") && c.Action != "sts:AssumeRole" {
			fail("root user outside sts:AssumeRole (B11)")
		}
		if c.RCPs != nil {
			fail("RCPs (B10)")
		}
		if strings.Contains(c.Action, "ProvisionedConcurrencyConfig") && !strings.HasPrefix(c.Action, "lambda:List") {
			fail("provisioned concurrency action (C1)")
		}
		if (c.Resource == "*") != (c.ResourceAccount != "") {
			fail("resourceAccount must be given exactly for the \"*\" resource")
		}
		for key, v := range c.Context {
			if l, ok := v.([]any); ok && len(l) == 0 && bytes.Contains(line, []byte(`"Null":{"`+key)) {
				fail("Null on an empty multivalued key %s (B6)", key)
			}
		}
		docs := append([]json.RawMessage{c.ResourcePolicy, c.SessionPolicy}, c.IdentityPolicies...)
		for _, level := range c.SCPs {
			docs = append(docs, level...)
		}
		for _, d := range docs {
			if d == nil {
				continue
			}
			s := string(d)
			if !strings.Contains(s, `"Version":"2012-10-17"`) && strings.Contains(s, "${") {
				fail("policy variable outside Version 2012-10-17 (B1)")
			}
			if strings.Contains(s, "0.0.0.0/0") {
				fail("0.0.0.0/0 (D1)")
			}
			for op, keys := range conditions(t, d) {
				for _, v := range keys {
					if !strings.Contains(op, "Like") && (strings.Contains(v, "${*}") || strings.Contains(v, "${?}") || strings.Contains(v, "${$}")) {
						fail("special variable in %s (D3)", op)
					}
				}
			}
		}
	}
}

// conditions returns every condition value of a policy document, by
// operator.
func conditions(t *testing.T, doc json.RawMessage) map[string][]string {
	t.Helper()
	var p struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal(doc, &p); err != nil {
		t.Fatal(err)
	}
	var stmts []struct {
		Condition map[string]map[string]any
	}
	if bytes.HasPrefix(p.Statement, []byte("{")) {
		p.Statement = append(append([]byte("["), p.Statement...), ']')
	}
	if err := json.Unmarshal(p.Statement, &stmts); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, st := range stmts {
		for op, keys := range st.Condition {
			for _, v := range keys {
				switch v := v.(type) {
				case string:
					out[op] = append(out[op], v)
				case []any:
					for _, x := range v {
						if s, ok := x.(string); ok {
							out[op] = append(out[op], s)
						}
					}
				}
			}
		}
	}
	return out
}
